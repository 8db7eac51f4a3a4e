"""Which of the places in a sentence is where an event happened (or none of them).

The choice follows the dependency path from the trigger to each candidate place: a locative
phrase ("in", "at", "near") on the trigger, then the trigger's own object, then a phrase on the
clause that governs it. Lower: a phrase fronted to set the scene ("In Dagestan, police shot two
men in Buinaksk"), places inside the actor's noun phrase ("fighters from Kunduz"), the victim of a
verb done to people ("shot Hamdan"), a conjoined verb with its own object ("bombed X and attacked
Y": two events), a relative clause about an argument, a reference point ("80 km north of
Baghdad"), places attached to a reporting verb ("officials in Kabul said"), a clause that tells a
later event ("before the rest withdrew to X") and where a joined verb took the victim ("captured and
flown to X"); a reporting verb as the trigger has no place. A plausible place in the trigger's own
clause beats any place only a governing clause gives ("..., targeting the village of X"). A
candidate must reach `MIN_LOCATION_SCORE` to be chosen, so an event
with no place of its own gets none; then the place it contains ("Azamiyah in Baghdad") wins.
Names no gazetteer knows count when the words around them make them places ("the village of X").
Words live in `sitrep/data/lang/<code>/location.yaml` (`LocationCues`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from spacy.tokens import Span, Token

from sitrep.extract.lexicon import ENGLISH, language_directory, lexicon, read_section

OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "agent"})
CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp", "parataxis"})
# A name qualifying a noun that is no place ("US soldiers") is usually an origin.
MODIFIER_OF_OTHER_COST = 4.0
# The most words between a place and its container ("A district of northern B").
MAX_CONTAINER_GAP = 5
# Words between two places that neither link them nor count against that gap ("the", "northern").
LINK_FILLER_POS = frozenset({"DET", "ADJ", "PUNCT", "SPACE"})
# A place must itself be a plausible event place to take over from its container.
MIN_INNER_SCORE = 2.5
# Scores of the relation between a trigger and a place (higher wins), and the cost of each extra
# step between the place and that relation.
SCORE_OBJECT = 8.7
SCORE_LOCATIVE = 9.0
SCORE_SETTING = 8.5
SCORE_ANTECEDENT = 8.0
SCORE_MODIFIER = 7.0
SCORE_OF = 7.0
SCORE_TARGET = 6.0
SCORE_SUBJECT_LOCATIVE = 6.0
SCORE_SUBJECT_MODIFIER = 5.0
SCORE_SOURCE = 5.0
SCORE_ADVERB = 5.0
SCORE_GOAL = 4.0
SCORE_OTHER = 3.0
SCORE_SUBJECT = 2.0
SCORE_VICTIM = 2.0
SCORE_ARGUMENT_CLAUSE = 2.5
SCORE_ARGUMENT_PARTICIPLE = 4.0
SCORE_SUBJECT_SOURCE = 1.5
SCORE_LOSER = 1.5
SCORE_REPORTING = 1.0
SCORE_REFERENCE = 1.0
# How far before a place a distance may be written ("some 220 kilometers (150 miles) west of").
REFERENCE_WINDOW = 9
MIN_LOCATION_SCORE = 3.5
# How large a place is by its gazetteer feature code (a place span's label, see `PlaceIndex`): of
# two places written "the A neighbourhood of B", the larger holds the smaller. Unknown names rank 0.
SIZE_BY_CODE = {"CONT": 6, "RGN": 6, "PCLI": 5, "ADM1": 4, "ADM2": 3, "PPLC": 2, "PPLA": 2, "PPLA2": 2}
TOWN_SIZE = 1
# A continent or a world region ("across Africa", "in the Middle East") is too wide to code an
# event at: such a place is never chosen.
MAX_EVENT_SIZE = 5
CLAUSE_STEP_COST = 2.0
SUBORDINATE_DEPS = frozenset({"advcl", "xcomp", "ccomp", "pcomp"})
CONJ_STEP_COST = 0.3
STEP_COSTS = {
    "pobj": 0.0,
    "compound": 0.5,
    "appos": 0.5,
    "nmod": 0.5,
    "amod": 0.5,
    "conj": 0.3,
    "poss": 2.0,
    "punct": 0.0,
    "cc": 0.0,
}
PREP_STEP_COSTS = {"of": 1.0}
# "the West Bank village of Beitunia": "of" after a naming noun names the place itself.
NAMING_STEP_COST = 0.0
# "fighters from Kunduz", "a driver from Abidjan": where people come from, not where the event is.
ORIGIN_STEP_COST = 4.0
LOCATIVE_STEP_COST = 0.5
OTHER_STEP_COST = 1.0
DISTANCE_PENALTY = 0.01
MAX_PATH = 12


@dataclass(frozen=True, slots=True)
class LocationCues:
    """Words that say how a place relates to an event (`sitrep/data/lang/<code>/location.yaml`)."""

    FILE: ClassVar[str] = "location.yaml"
    victim_verbs: frozenset[str] = frozenset()
    place_object_verbs: frozenset[str] = frozenset()
    attribution_verbs: frozenset[str] = frozenset()
    distance_units: frozenset[str] = frozenset()
    locative_prepositions: frozenset[str] = frozenset()
    situating_prepositions: frozenset[str] = frozenset()
    source_prepositions: frozenset[str] = frozenset()
    goal_prepositions: frozenset[str] = frozenset()
    target_prepositions: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    container_links: frozenset[str] = frozenset()
    settlement_nouns: frozenset[str] = frozenset()
    area_nouns: frozenset[str] = frozenset()
    naming_nouns: frozenset[str] = frozenset()
    destination_verbs: frozenset[str] = frozenset()
    national_area_nouns: frozenset[str] = frozenset()
    institution_nouns: frozenset[str] = frozenset()
    feature_nouns: frozenset[str] = frozenset()
    part_nouns: frozenset[str] = frozenset()
    manner_prepositions: frozenset[str] = frozenset()
    route_nouns: frozenset[str] = frozenset()
    taking_verbs: frozenset[str] = frozenset()
    event_nouns: frozenset[str] = frozenset()
    company_prepositions: frozenset[str] = frozenset()
    later_event_marks: frozenset[str] = frozenset()
    outlet_nouns: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def location_cues(code: str = ENGLISH) -> LocationCues:
    """The location cues of language `code`, read once."""
    return read_section(LocationCues, language_directory(code) / LocationCues.FILE)


@lru_cache(maxsize=4)
def reporting_lemmas(code: str = ENGLISH) -> frozenset[str]:
    """Verbs that report an event rather than being it: the lexicon's reporting verbs and the
    attribution words of the location cues ("according to")."""
    return lexicon(code).reporting.verbs | location_cues(code).attribution_verbs


def choose_event_location(
    doc: object,
    trigger: Token,
    candidates: Sequence[Span],
    *,
    subject_is_location: bool = False,
    unresolved: Sequence[Span] = (),
) -> Span | None:
    """The candidate place where the event of `trigger` happened, or None.

    `candidates` are place spans of the document; only those in the trigger's sentence count.
    `subject_is_location` is for triggers whose subject is the place ("Kunduz fell").
    `unresolved` are proper names the place extractor did not take (a village no gazetteer knows):
    one counts only when written as a place ("in Dhuluiya", "the village of Qaza Ali").
    """
    del doc  # the spans carry their document; the argument keeps the call readable
    if trigger.lemma_.lower() in reporting_lemmas():
        return None  # "officials said": the place is the reported event's, not the saying's
    sentence = trigger.sent
    best: tuple[float, float, Span] | None = None
    in_sentence = [span for span in _in_sentence(candidates, sentence) if place_size(span) <= MAX_EVENT_SIZE]
    in_sentence += [span for span in _in_sentence(unresolved, sentence) if _written_as_place(span)]
    scores = [score_location(trigger, span, subject_is_location=subject_is_location) for span in in_sentence]
    scored = _own_clause_first(trigger, list(zip(scores, in_sentence, strict=True)))
    for score, span in scored:
        # Token distance only breaks ties; it never lifts a place over the threshold.
        rank = score - DISTANCE_PENALTY * min(abs(token.i - trigger.i) for token in span)
        if best is None or rank > best[1]:
            best = (score, rank, span)
    if best is None or best[0] < MIN_LOCATION_SCORE:
        return None
    return most_specific(trigger, best[2], in_sentence)


def _own_clause_first(trigger: Token, scored: list[tuple[float, Span]]) -> list[tuple[float, Span]]:
    """The places inside the trigger's own clause, when one of them is plausible, else all.

    "launched an offensive in the countryside of A, targeting the village of B": for "targeting"
    B, in its own clause, beats A, which only the governing clause places.
    """
    own = [
        (score, span)
        for score, span in scored
        if score >= MIN_LOCATION_SCORE and _path_up(_anchor(span), trigger) is not None
    ]
    return own or scored


def _in_sentence(spans: Sequence[Span], sentence: Span) -> list[Span]:
    return [span for span in spans if sentence.start <= span.start and span.end <= sentence.end]


def _ends_longer_name(span: Span) -> bool:
    """ "the French Hill neighborhood", "the Queens Pride Parade", "9:20 A.M.": the name is the
    tail of a longer name or of a time, not a name of its own."""
    if span.start == span.sent.start:
        return False
    before = span.doc[span.start - 1]
    if not before.whitespace_:
        return False  # "al-Tall": the name itself
    return (before.is_title and before.ent_type_ not in ("DATE", "TIME")) or before.like_num


def _written_as_place(span: Span) -> bool:
    """Whether the words around a name make it a place: "in X", "the village of X", "X district".

    An unknown name as a verb's object or subject is as likely a person ("captured Ghailani"),
    unless the verb is done only to places ("stormed X"); a name of place nouns only ("the Church
    of ...") is the rest of a longer name.
    """
    if all(token.lemma_.lower() in location_cues().place_nouns for token in span) or _ends_longer_name(span):
        return False
    last = span[-1].lemma_.lower()
    if last in location_cues().place_nouns and last not in location_cues().institution_nouns:
        return True  # "the Qarvo Refugee Camp", "Tarvo Road": the name says what the place is
    anchor = _anchor(span)
    head = anchor.head
    if anchor.dep_ in ("dobj", "nsubjpass"):
        return head.lemma_.lower() in location_cues().place_object_verbs
    if anchor.dep_ == "pobj":
        owner = head.head.lemma_.lower()
        naming = head.lower_ == "of" and (
            owner in location_cues().naming_nouns or owner in location_cues().part_nouns
        )
        return naming or head.lower_ in location_cues().locative_prepositions
    return anchor.dep_ in ("compound", "nmod", "appos") and _names_a_place_noun(head)


def _names_a_place_noun(head: Token) -> bool:
    """ "the Qarvo refugee camp", "the Tarvo air base": a name qualifying a place noun names that
    place, unless the noun is a body's ("the Tarvo office")."""
    lemma = head.lemma_.lower()
    return lemma in location_cues().place_nouns and lemma not in location_cues().institution_nouns


def most_specific(trigger: Token, chosen: Span, candidates: Sequence[Span]) -> Span:
    """The place `chosen` qualifies, when it only says where another place lies.

    "Azamiyah in Baghdad", "Daychopan district of Zabul province", "Mazar-i-Sharif in northern
    Afghanistan", "Guangdong province's Sanshangang township": the event is at the smaller place.
    """
    for _ in range(len(candidates)):
        inner = next(
            (
                span
                for span in candidates
                if _qualifies(chosen, span) and score_location(trigger, span) >= MIN_INNER_SCORE
            ),
            None,
        )
        if inner is None:
            return chosen
        chosen = inner
    return chosen


def _qualifies(outer: Span, inner: Span) -> bool:
    """Whether `outer` is written as the container of `inner` ("inner in outer", "outer's inner")."""
    doc = outer.doc
    if _modifies_other_noun(inner):
        return False
    if inner.end <= outer.start:
        gap = doc[inner.end : outer.start]
        words = [token.lemma_.lower() for token in gap if token.pos_ not in LINK_FILLER_POS]
        if len(words) >= 2 and words[-1] == "of" and words[-2] in location_cues().settlement_nouns:
            return False  # "the West Bank city of Nablus": "of" names the city
        return _is_container_gap(gap) and any(
            token.lower_ in location_cues().container_links for token in gap
        )
    if outer.end < inner.start and doc[outer.end].tag_ == "POS":
        return _is_container_gap(doc[outer.end + 1 : inner.start])
    return (
        outer.end < inner.start
        and place_size(outer) > place_size(inner)
        and _names_within(doc[outer.end : inner.start])
    )


def place_size(span: Span) -> int:
    """How large the place is, from the feature code its span is labelled with (0: no entry)."""
    code = span.label_
    return SIZE_BY_CODE.get(code, TOWN_SIZE if code.startswith("PPL") else 0)


def _names_within(gap: Span) -> bool:
    """ "the Velmar neighbourhood of X", "the Tarvo state of X": the place before the naming noun
    holds the place after "of"."""
    words = [token for token in gap if token.pos_ not in LINK_FILLER_POS]
    return (
        2 <= len(words) <= MAX_CONTAINER_GAP
        and words[-1].lower_ == "of"
        and words[-2].lemma_.lower() in location_cues().naming_nouns
        and all(token.lemma_.lower() in location_cues().place_nouns for token in words[:-1])
    )


def _modifies_other_noun(span: Span) -> bool:
    """Whether the name qualifies a noun that is no area ("the US embassy", "the Gulf coast city")."""
    anchor = _anchor(span)
    modifier = anchor.dep_ in ("compound", "amod", "nmod", "poss")
    return modifier and anchor.head.lemma_.lower() not in location_cues().area_nouns


def _is_container_gap(gap: Span) -> bool:
    """Whether the words between two places only link them ("district of", ", in the steamy northern
    region of"); articles, adjectives and punctuation do not count against the length."""
    words = [token for token in gap if token.pos_ not in LINK_FILLER_POS]
    return len(words) <= MAX_CONTAINER_GAP and all(
        token.lower_ in location_cues().container_links
        or token.lemma_.lower() in location_cues().place_nouns
        or token.lower_ in lexicon().places.compass
        for token in words
    )


def score_location(trigger: Token, span: Span, *, subject_is_location: bool = False) -> float:
    """How well `span` fits as the place of the event of `trigger` (see the module docstring)."""
    if span.start <= trigger.i < span.end:
        return 0.0
    if is_reference_point(span):
        return SCORE_REFERENCE
    anchor = _anchor(span)
    below = _path_up(anchor, trigger)
    if below is not None:
        return _score_below(below, subject_is_location)
    above = _path_up(trigger, anchor)
    if above is not None:
        return _score_antecedent(above, subject_is_location)
    return _score_elsewhere(trigger, anchor)


def is_reference_point(span: Span) -> bool:
    """Whether the place only measures a distance ("Khalis, 80 kilometers north of Baghdad")."""
    doc = span.doc
    start = max(span.sent.start, span.start - REFERENCE_WINDOW)
    before = doc[start : span.start]
    if not len(before) or before[-1].lower_ not in ("of", "from"):
        return False
    units = location_cues().distance_units
    return any(token.lower_ in units and token.i > start and doc[token.i - 1].like_num for token in before)


def _anchor(span: Span) -> Token:
    """The token of `span` that attaches it to the rest of the sentence."""
    roots = [
        token
        for token in span
        if token.head.i < span.start or token.head.i >= span.end or token.head == token
    ]
    return min(roots, key=_depth) if roots else span.root


def _depth(token: Token) -> int:
    depth = 0
    while token.head != token and depth < MAX_PATH * 3:
        token = token.head
        depth += 1
    return depth


def _path_up(token: Token, target: Token) -> list[Token] | None:
    """Tokens from `token` up to (not including) `target`, or None when `target` is not above."""
    path: list[Token] = []
    while token != target:
        if token.head == token or len(path) > MAX_PATH:
            return None
        path.append(token)
        token = token.head
    return path


def _score_below(path: list[Token], subject_is_location: bool) -> float:
    """Score a place inside the trigger's subtree: the relation at the top, minus the steps below it."""
    cost = 0.0
    joined = False  # whether the place hangs from a verb coordinated with the trigger
    # A coordinated verb shares the trigger's arguments ("killed and wounded in X"), unless it has
    # an object of its own: "bombed X and attacked a base in Y" tells of two events.
    while len(path) > 1 and path[-1].dep_ == "conj":
        if path[-1].pos_ in ("VERB", "AUX"):
            verb, path = path[-1], path[:-1]
            cost += CLAUSE_STEP_COST if _has_object(verb) else CONJ_STEP_COST
            joined = True
        elif len(path) > 2 and path[-2].dep_ == "acl":
            # "were killed and 12 soldiers wounded in X": the parser makes the second verb a clause
            # on its (gapped) subject.
            path = path[:-2]
            cost += CONJ_STEP_COST
        else:
            break
    top = path[-1]
    if top.dep_ in SUBORDINATE_DEPS and _tells_later_event(top):
        return SCORE_REFERENCE - cost  # "were killed before the rest withdrew to X": another, later event
    if _is_manner_clause(path):
        return _score_below(path[:-2], subject_is_location=False) - CLAUSE_STEP_COST - cost
    if top.dep_ in SUBORDINATE_DEPS and len(path) > 1:
        # A clause hanging from the trigger ("..., killing a leader in Diyala") tells where it happened.
        return _score_below(path[:-1], subject_is_location=False) - CLAUSE_STEP_COST - cost
    clauses = [token for token in path[:-1] if token.dep_ in CLAUSE_DEPS and token.dep_ != "conj"]
    if len(clauses) == 1 and _tells_of_event_noun(clauses[0]) and path.index(clauses[0]) > 0:
        # "killed in a bomb attack that hit a market in X": the clause on the attack says
        # where the attack, and so the event, happened.
        below = path[: path.index(clauses[0])]
        return _score_below(below, subject_is_location=False) - CLAUSE_STEP_COST - cost
    if clauses:
        # A clause about an argument: a relative clause tells its story ("the minister, who was born
        # in Herat, resigned"); a participle clause where it was ("shot laborers working in X").
        participle = len(clauses) == 1 and clauses[0].dep_ == "acl" and clauses[0].tag_ == "VBG"
        return (SCORE_ARGUMENT_PARTICIPLE if participle else SCORE_ARGUMENT_CLAUSE) - cost
    if top.dep_ in SUBJECT_DEPS:
        return _score_in_subject(path, subject_is_location) - cost
    base, used = _top_relation(path)
    if joined and top.dep_ == "prep" and top.lower_ in location_cues().goal_prepositions:
        # "was captured and shipped to X": where the victim was taken afterwards, not where it happened.
        cost += CLAUSE_STEP_COST
    return base - cost - _steps_cost(path[: len(path) - used])


def _tells_later_event(clause: Token) -> bool:
    """Whether a subordinate clause tells what happened afterwards ("before the rest withdrew to X")."""
    marks = location_cues().later_event_marks
    return any(child.dep_ == "mark" and child.lower_ in marks for child in clause.children)


def _tells_of_event_noun(clause: Token) -> bool:
    """Whether a relative or participle clause hangs from a noun of an attack or blast."""
    # A passive participle ("an attack carried out by X in Y") tells of the attackers more often.
    told = clause.dep_ == "relcl" or (clause.dep_ == "acl" and clause.tag_ != "VBN")
    return told and clause.head.lemma_.lower() in location_cues().event_nouns


def _is_manner_clause(path: list[Token]) -> bool:
    """ "began the attack by storming X", "was shot after leaving his office in X": a gerund clause
    after a preposition on the trigger tells how or just before what the event happened, so where."""
    if len(path) <= 2:
        return False
    preposition, clause = path[-1], path[-2]
    return (
        preposition.dep_ == "prep"
        and preposition.lower_ in location_cues().manner_prepositions
        and clause.dep_ == "pcomp"
        and clause.tag_ == "VBG"
    )


def _located_victim(path: list[Token]) -> bool:
    """Whether the place says where the victim was: a locative phrase on the object ("a man in X",
    "dozens of fighters near the city of X"), not who the victim is ("the commander of X")."""
    links = [token for token in path[1:-1] if token.dep_ == "prep"]
    chain = all(token.dep_ in ("pobj", "prep") for token in path[1:-1])
    locative = any(token.lower_ in location_cues().locative_prepositions for token in links)
    return (
        chain
        and locative
        and all(
            token.lower_ in location_cues().locative_prepositions or token.lower_ == "of" for token in links
        )
    )


def _has_object(verb: Token) -> bool:
    return any(child.dep_ in ("dobj", "nsubj") for child in verb.children)


def _top_relation(path: list[Token]) -> tuple[float, int]:
    """The score of the relation that links the place's phrase to the trigger, and its length."""
    top = path[-1]
    if _names_loser(path):
        return SCORE_LOSER, len(path)  # "took the ridge from Marnet": whose ground, not where
    if top.dep_ in OBJECT_DEPS:
        # "shot Hamdan", "the commander of X was killed", "a man from X": the object of a verb done
        # to people names the victim; only where the victim was is the event's place ("killed a man
        # in Kunduz").
        victim = top.head.lemma_.lower() in location_cues().victim_verbs and not _located_victim(path)
        return (SCORE_VICTIM if victim else SCORE_OBJECT), 1
    if top.dep_ in ("prep", "agent") and len(path) >= 2:
        score = _prep_score(top.lower_)
        if top.lower_ in location_cues().company_prepositions and _located_victim(path):
            # "fought with troops in the town of X": where the other side was is where it happened.
            return SCORE_SUBJECT_LOCATIVE, len(path)
        return (min(score, SCORE_SETTING) if _sets_scene(top) else score), 2
    if top.dep_ in ("compound", "nmod", "amod", "poss"):
        return SCORE_MODIFIER, 0
    if top.dep_ in ("advmod", "npadvmod"):
        return SCORE_ADVERB, 1
    return SCORE_OTHER, 1


def _names_loser(path: list[Token]) -> bool:
    """ "took the ridge from Marnet", "was seized from Marnet": a place after "from" on a
    verb of taking ground, or on its object, is the side that lost the ground."""
    top = path[-1]
    if top.dep_ == "prep":
        source = top
    elif top.dep_ in OBJECT_DEPS and len(path) >= 3 and path[-2].dep_ == "prep":
        source = path[-2]
    else:
        return False
    return (
        source.lower_ == "from"
        and len(path) >= 2
        and top.head.lemma_.lower() in location_cues().taking_verbs
        and path[path.index(source) - 1].dep_ == "pobj"
    )


def _sets_scene(preposition: Token) -> bool:
    """ "In Dagestan, police shot two gunmen in Buinaksk": a fronted phrase sets the scene; a
    place in the clause itself says more exactly where."""
    end = preposition.right_edge.i + 1
    doc = preposition.doc
    return preposition.i < preposition.head.i and end < len(doc) and doc[end].text == ","


def _prep_score(word: str) -> float:
    if word in location_cues().locative_prepositions:
        return SCORE_LOCATIVE
    if word in location_cues().situating_prepositions:
        return SCORE_ANTECEDENT
    if word in location_cues().source_prepositions:
        return SCORE_SOURCE
    if word in location_cues().goal_prepositions:
        return SCORE_GOAL
    if word in location_cues().target_prepositions:
        return SCORE_TARGET
    return SCORE_OF if word == "of" else SCORE_OTHER


def _score_in_subject(path: list[Token], subject_is_location: bool) -> float:
    """A place that is the subject, or sits inside it ("students in Mosul", "fighters from Kunduz").

    A passive's agent counts as the subject: "shot by police in Khanpur" is "police in Khanpur".
    """
    if path[-1].dep_ == "agent" and len(path) >= 2:
        path = path[:-1]
    if len(path) == 1 or all(token.dep_ in ("compound", "appos") for token in path[:-1]):
        return SCORE_OBJECT if subject_is_location else SCORE_SUBJECT
    link = path[-2]
    if link.dep_ == "prep":
        if link.lower_ in location_cues().locative_prepositions:
            return SCORE_SUBJECT_LOCATIVE - _steps_cost(path[:-3])
        return SCORE_SUBJECT_SOURCE if link.lower_ in location_cues().source_prepositions else SCORE_SUBJECT
    if link.dep_ in ("poss", "compound", "nmod", "amod"):
        return SCORE_SUBJECT_MODIFIER - _steps_cost(path[:-2])
    return SCORE_SUBJECT


def _steps_cost(steps: list[Token]) -> float:
    """What the steps between a place and the relation that links it cost."""
    total = 0.0
    for token in steps:
        if (
            token.dep_ in ("compound", "poss", "amod", "nmod")
            and token.head.lemma_.lower() not in location_cues().place_nouns
        ):
            total += MODIFIER_OF_OTHER_COST
        elif token.dep_ == "prep":
            total += _prep_step_cost(token)
        else:
            total += STEP_COSTS.get(token.dep_, OTHER_STEP_COST)
    return total


def _prep_step_cost(preposition: Token) -> float:
    """What a preposition between a place and its relation costs ("the town of X" costs nothing)."""
    word = preposition.lower_
    if word == "of" and preposition.head.lemma_.lower() in location_cues().naming_nouns:
        return NAMING_STEP_COST
    if word in location_cues().source_prepositions and preposition.head.pos_ in ("NOUN", "PROPN"):
        return ORIGIN_STEP_COST
    return PREP_STEP_COSTS.get(
        word, LOCATIVE_STEP_COST if word in location_cues().locative_prepositions else OTHER_STEP_COST
    )


def _score_antecedent(path: list[Token], subject_is_location: bool) -> float:
    """The trigger sits below the place: "Kunduz, which fell ..." or "the town where ... happened"."""
    if path[-1].dep_ in ("relcl", "acl"):
        return SCORE_ANTECEDENT if subject_is_location or _has_where(path[-1]) else SCORE_SOURCE
    return SCORE_OTHER - 1.0


def _has_where(clause: Token) -> bool:
    return any(child.lower_ == "where" for child in clause.subtree)


def _score_elsewhere(trigger: Token, place: Token) -> float:
    """Place and trigger in different branches: score the place against the clause that governs.

    A place that is where people fled or went ("most seeking refuge in Kabul", "fled to Herat")
    is the end of their journey, not where the event of another clause happened.
    """
    if _is_destination(place, trigger):
        return 0.0
    governor = trigger
    for _ in range(MAX_PATH):
        if governor.head == governor:
            return 0.0
        governor = governor.head
        path = _path_up(place, governor)
        if path is None:
            continue
        if governor.lemma_.lower() in reporting_lemmas():
            return SCORE_REPORTING
        return _score_below(path, subject_is_location=False) - CLAUSE_STEP_COST
    return 0.0


def _is_destination(place: Token, trigger: Token) -> bool:
    """True when a verb of movement or refuge other than the trigger governs the place."""
    token = place
    for _ in range(MAX_PATH):
        if token.head is token or token == trigger:
            return False
        token = token.head
        if token.pos_ == "VERB" and token != trigger:
            return token.lemma_.lower() in location_cues().destination_verbs
    return False
