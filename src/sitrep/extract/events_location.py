"""Which of the places in a sentence is where an event happened (or none of them).

The choice follows the dependency path from the trigger to each candidate place:
the trigger's own object, then a locative phrase ("in", "at", "near") on the trigger, then one on
the clause that governs it; places inside the actor's noun phrase ("fighters from Kunduz") and
places attached to a reporting verb ("officials in Kabul said") score low. A candidate must reach
`MIN_LOCATION_SCORE` to be chosen, so an event with no place of its own gets none.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "around",
        "across",
        "throughout",
        "within",
        "into",
        "on",
        "onto",
        "over",
        "along",
        "through",
        "towards",
        "toward",
        "off",
        "beyond",
        "behind",
        "between",
        "among",
        "amid",
        "upon",
        "by",
        "past",
    }
)
SITUATING_PREPS = frozenset({"during", "amid", "amidst", "in", "throughout"})
SOURCE_PREPS = frozenset({"from", "out", "after", "before", "following"})
GOAL_PREPS = frozenset({"to"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "agent"})
CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp", "parataxis"})
# Nouns that name a place or a building: a place modifying them ("the Kabul residence") is where
# things happen there; a place modifying any other noun ("US soldiers") is usually an origin.
PLACE_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "province",
        "district",
        "region",
        "area",
        "capital",
        "port",
        "airport",
        "base",
        "camp",
        "border",
        "outskirts",
        "suburb",
        "neighbourhood",
        "neighborhood",
        "street",
        "road",
        "highway",
        "market",
        "mosque",
        "church",
        "temple",
        "school",
        "hospital",
        "hotel",
        "residence",
        "home",
        "house",
        "compound",
        "embassy",
        "headquarters",
        "office",
        "station",
        "bridge",
        "checkpoint",
        "prison",
        "jail",
        "university",
        "square",
        "nightclub",
        "restaurant",
        "building",
        "parliament",
        "palace",
        "consulate",
        "stadium",
        "club",
        "river",
        "valley",
        "mountain",
        "island",
        "coast",
        "state",
        "county",
        "governorate",
        "municipality",
        "zone",
        "crossing",
        "post",
        "garrison",
        "field",
        "refinery",
        "harbour",
        "harbor",
        "hill",
        "hills",
        "desert",
        "forest",
        "countryside",
        "centre",
        "center",
        "quarter",
        "guesthouse",
        "mall",
        "shop",
        "shops",
        "cafe",
        "bazaar",
        "outpost",
        "front",
        "frontline",
        "oblast",
    }
)
MODIFIER_OF_OTHER_COST = 4.0
# Words that write one place as the container of another ("A in B", "A district of B", "A, B").
CONTAINER_LINKS = frozenset({"in", "of", ","})
MAX_CONTAINER_GAP = 5
# A place must itself be a plausible event place to take over from its container.
MIN_INNER_SCORE = 2.5
# "X city of Y" names the city Y; "X district of Y" puts district X inside Y.
SETTLEMENT_NOUNS = frozenset({"city", "town", "village", "state", "port", "capital", "county", "province"})
AREA_NOUNS = frozenset(
    "district region neighborhood neighbourhood area suburb quarter town city village province governorate "
    "countryside".split()
)
# Verbs that report an event rather than being it; shared with the time attachment rules.
REPORTING_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "report",
        "announce",
        "state",
        "add",
        "confirm",
        "claim",
        "deny",
        "accord",
        "acknowledge",
        "quote",
        "warn",
        "note",
    }
)

# Scores of the relation between a trigger and a place (higher wins), and the cost of each extra
# step between the place and that relation.
SCORE_OBJECT = 10.0
SCORE_LOCATIVE = 9.0
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
SCORE_ARGUMENT_CLAUSE = 2.5
SCORE_SUBJECT_SOURCE = 1.5
SCORE_REPORTING = 1.0
MIN_LOCATION_SCORE = 3.0
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
# "the West Bank village of Beitunia": "of" after a settlement noun names the place itself.
NAMING_NOUNS = frozenset({"city", "town", "village", "district", "province", "region", "governorate", "port"})
NAMING_STEP_COST = 0.0
# "fighters from Kunduz", "a driver from Abidjan": where people come from, not where the event is.
ORIGIN_STEP_COST = 4.0
LOCATIVE_STEP_COST = 0.5
OTHER_STEP_COST = 1.0
TARGET_PREPS = frozenset({"against", "for"})
DISTANCE_PENALTY = 0.01
MAX_PATH = 12


# Verbs whose place is where people went, not where something happened to them.
DESTINATION_LEMMAS = frozenset({"flee", "seek", "escape", "relocate", "travel", "shelter"})


def choose_event_location(
    doc: object, trigger: Token, candidates: Sequence[Span], *, subject_is_location: bool = False
) -> Span | None:
    """The candidate place where the event of `trigger` happened, or None.

    `candidates` are place spans of the document; only those in the trigger's sentence count.
    `subject_is_location` is for triggers whose subject is the place ("Kunduz fell").
    """
    del doc  # the spans carry their document; the argument keeps the call readable
    sentence = trigger.sent
    best: tuple[float, float, Span] | None = None
    for span in candidates:
        if span.start < sentence.start or span.end > sentence.end:
            continue
        score = score_location(trigger, span, subject_is_location=subject_is_location)
        # Token distance only breaks ties; it never lifts a place over the threshold.
        rank = score - DISTANCE_PENALTY * min(abs(token.i - trigger.i) for token in span)
        if best is None or rank > best[1]:
            best = (score, rank, span)
    if best is None or best[0] < MIN_LOCATION_SCORE:
        return None
    in_sentence = [span for span in candidates if sentence.start <= span.start < sentence.end]
    return most_specific(trigger, best[2], in_sentence)


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
        words = [token.lemma_.lower() for token in gap if token.pos_ not in ("DET", "ADJ", "PUNCT")]
        if len(words) >= 2 and words[-1] == "of" and words[-2] in SETTLEMENT_NOUNS:
            return False  # "the West Bank city of Nablus": "of" names the city
        return _is_container_gap(gap) and any(token.lower_ in CONTAINER_LINKS for token in gap)
    if outer.end < inner.start and doc[outer.end].tag_ == "POS":
        return _is_container_gap(doc[outer.end + 1 : inner.start])
    return False


def _modifies_other_noun(span: Span) -> bool:
    """Whether the name qualifies a noun that is no area ("the US embassy", "the Gulf coast city")."""
    anchor = _anchor(span)
    modifier = anchor.dep_ in ("compound", "amod", "nmod", "poss")
    return modifier and anchor.head.lemma_.lower() not in AREA_NOUNS


def _is_container_gap(gap: Span) -> bool:
    """Whether the words between two places only link them ("district of", ", in northern")."""
    return len(gap) <= MAX_CONTAINER_GAP and all(
        token.lower_ in CONTAINER_LINKS
        or token.pos_ in ("DET", "ADJ", "PUNCT")
        or token.lemma_.lower() in PLACE_NOUNS
        for token in gap
    )


def score_location(trigger: Token, span: Span, *, subject_is_location: bool = False) -> float:
    """How well `span` fits as the place of the event of `trigger` (see the module docstring)."""
    if span.start <= trigger.i < span.end:
        return 0.0
    anchor = _anchor(span)
    below = _path_up(anchor, trigger)
    if below is not None:
        return _score_below(below, subject_is_location)
    above = _path_up(trigger, anchor)
    if above is not None:
        return _score_antecedent(above, subject_is_location)
    return _score_elsewhere(trigger, anchor)


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
    # A coordinated verb shares the trigger's arguments ("killed and wounded in X").
    while len(path) > 1 and path[-1].dep_ == "conj" and path[-1].pos_ in ("VERB", "AUX"):
        path = path[:-1]
        cost += CONJ_STEP_COST
    top = path[-1]
    if top.dep_ in SUBORDINATE_DEPS and len(path) > 1:
        # A clause hanging from the trigger ("..., killing a leader in Diyala") tells where it happened.
        return _score_below(path[:-1], subject_is_location=False) - CLAUSE_STEP_COST - cost
    if any(token.dep_ in CLAUSE_DEPS and token.dep_ != "conj" for token in path[:-1]):
        # A clause about an argument ("the minister, who was born in Herat, resigned").
        return SCORE_ARGUMENT_CLAUSE - cost
    if top.dep_ in SUBJECT_DEPS:
        return _score_in_subject(path, subject_is_location) - cost
    base, used = _top_relation(path)
    return base - cost - _steps_cost(path[: len(path) - used])


def _top_relation(path: list[Token]) -> tuple[float, int]:
    """The score of the relation that links the place's phrase to the trigger, and its length."""
    top = path[-1]
    if top.dep_ in OBJECT_DEPS:
        return SCORE_OBJECT, 1
    if top.dep_ in ("prep", "agent") and len(path) >= 2:
        return _prep_score(top.lower_), 2
    if top.dep_ in ("compound", "nmod", "amod", "poss"):
        return SCORE_MODIFIER, 0
    if top.dep_ in ("advmod", "npadvmod"):
        return SCORE_ADVERB, 1
    return SCORE_OTHER, 1


def _prep_score(word: str) -> float:
    if word in LOCATIVE_PREPS:
        return SCORE_LOCATIVE
    if word in SITUATING_PREPS:
        return SCORE_ANTECEDENT
    if word in SOURCE_PREPS:
        return SCORE_SOURCE
    if word in GOAL_PREPS:
        return SCORE_GOAL
    if word in TARGET_PREPS:
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
        if link.lower_ in LOCATIVE_PREPS:
            return SCORE_SUBJECT_LOCATIVE - _steps_cost(path[:-3])
        return SCORE_SUBJECT_SOURCE if link.lower_ in SOURCE_PREPS else SCORE_SUBJECT
    if link.dep_ in ("poss", "compound", "nmod", "amod"):
        return SCORE_SUBJECT_MODIFIER - _steps_cost(path[:-2])
    return SCORE_SUBJECT


def _steps_cost(steps: list[Token]) -> float:
    """What the steps between a place and the relation that links it cost."""
    total = 0.0
    for token in steps:
        if (
            token.dep_ in ("compound", "poss", "amod", "nmod")
            and token.head.lemma_.lower() not in PLACE_NOUNS
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
    if word == "of" and preposition.head.lemma_.lower() in NAMING_NOUNS:
        return NAMING_STEP_COST
    if word in SOURCE_PREPS and preposition.head.pos_ in ("NOUN", "PROPN"):
        return ORIGIN_STEP_COST
    return PREP_STEP_COSTS.get(word, LOCATIVE_STEP_COST if word in LOCATIVE_PREPS else OTHER_STEP_COST)


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
        if governor.lemma_ in REPORTING_LEMMAS:
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
            return token.lemma_.lower() in DESTINATION_LEMMAS
    return False
