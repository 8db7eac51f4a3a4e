"""Mentions that are no event of the report's news: history it recalls and running tolls it sums up.

- Background: the event's own date lies more than `background_days` before the latest day any time
  expression of the article reaches ("the army recaptured the city in 2016" in a 2024 report). In a
  report no date anchors, whose news is told in days nobody can place ("on Saturday"), an event
  dated only by a month or a year ("in August 2019") is history: news is told by the day. An undated
  event in a present-tense clause on a place ("the prison where rights groups say thousands were
  executed") tells what is known of the place, not news. A recap of an earlier event with no date
  of its own ("a week after the loss of X", "X, which fell to the alliance") is background too
  (`recaps.py`), and so is a statement that tells no single event (`generic.py`: a war taken part
  in, a habit, a class of people, a person labelled by what was done to them).
- A takeover's own fighting: "took the town after heavy clashes", "captured it in fighting in which
  50 died": the clash or killing under such a preposition of a change of control is part of it.
- A noun naming a thing: "the ceasefire line", "attack helicopters" (an event noun that only
  modifies another noun, itself no trigger).
- A noun given as a motive or a label: "responded to attacks on civilians", "a reply to weeks of
  bombardment" (the reason a side gives), "described the offensive as an attack", "called it the
  mother of all battles" (a name for something else): no event the report tells.
- No conflict context: in an article that is no conflict report (conflict words in fewer than
  `context_sentences` of its sentences, no named armed actor: local crime, disease, accidents,
  sports), a conflict event needs a context of its own: an armed side, a political target or a
  conflict word within `context_window` sentences; protests and riots need no such context.
- Another cause of death: "45 people dead in the province" with no killer named, in a sentence with
  no conflict or violence word, after sentences that name a cause the sub-type blocks (an outbreak,
  a flood) within `CAUSE_WINDOW` sentences; or a death of a cause that is no violence ("found dead
  of gas poisoning", "died from cancer", "died after eating poisoned cake"; "died of his wounds",
  "died after being shot" stay).
- Not done to people: a violent verb whose patient is a thing, an animal or a contest ("shot a video",
  "struck a deal", "killed the bill", "culled 6,500 hogs", "the loss of the election"), whose bare
  object makes an idiom ("took part in") or whose subject is no agent ("before the crisis struck") is
  no act of violence; a territory verb whose patient is a person ("a soldier who was captured",
  "captured prisoners") took no ground, nor one that sends unarmed people from a place ("thousands of
  Angolans expelled from X", "a student expelled from school"). A weapon named as a hazard
  ("protect soldiers from grenades", `generic.py`) is a thing too.
- Not a change of control: a territory verb that goes to a number ("fell to 18th in growth") or
  whose place was read past the comma that closes its clause ("when the smoke cleared, the X team
  took first place").
- A war named, not a battle told: a weak event noun ("fighting") placed only at a whole country
  ("displaced by fighting in Kenya", "watching the fighting in Syria") names the war.
- Running toll: a trigger bound to an open period ("300 killed since Wednesday", "69 killed in the
  past seven days", "hundreds of strikes since the fall of the government", "178,000 displaced as
  of 5 December"), a long one ("fought for more than a decade") or an era ("fought alongside the
  army during the war against X") sums many events.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.attrs import LEMMA, LOWER  # type: ignore[import-not-found]
from spacy.tokens import Doc, Span, Token

from sitrep.extract.events.context import FACTUAL, Draft
from sitrep.extract.events.cues import EventCues
from sitrep.extract.events.generic import (
    COUNTED_DEPS,
    LIGHT_VERB_ROLES,
    VIOLENT_EVENT_TYPES,
    in_present_tense,
    is_a_hazard,
    tells_no_event,
)
from sitrep.extract.events.recaps import is_recap
from sitrep.extract.events.triggers import contains_phrase
from sitrep.records import EntityMention, TimeMention, TimePrecision

# ACLED actor types of armed sides: a named one of these ("the Taliban") is a conflict context.
ARMED_TYPES = frozenset({"State forces", "Rebel group", "Political militia", "Identity militia",
                         "External/Other forces"})

# Where a verb's patient stands: its object, its passive subject; an event noun's "of" phrase.
PATIENT_DEPS = frozenset({"dobj", "nsubjpass"})

# The edges of a word that only describes the noun it hangs from ("Army" in "an Army veteran").
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})

# spaCy entity labels of amounts and ranks: "fell to 18th", "fell to 5 percent" name no side.
NUMERIC_LABELS = frozenset({"ORDINAL", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"})

# GeoNames feature codes of whole countries and wider areas.
COUNTRY_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLF", "PCLS", "CONT", "RGN"})
# How many sentences before a death may name its cause ("the outbreak ... 45 people dead").
CAUSE_WINDOW = 2
# The edges inside a noun phrase and its prepositions, climbed to find what the phrase depends on.
NOUN_PHRASE_DEPS = frozenset({"pobj", "prep", "compound", "amod", "conj", "appos", "nmod", "oprd", "pcomp"})
# How far up a trigger's clause may lie.
MAX_CLAUSE_CLIMB = 6
# The precisions of a date that is no day of news: "in August 2019", "in 2016".
HISTORY_PRECISIONS = frozenset({TimePrecision.MONTH, TimePrecision.YEAR})


@dataclass(frozen=True, slots=True)
class NewsHorizon:
    """How far an article's news reaches: the latest day its time expressions reach, and whether
    some of them could not be anchored (an undated report's "on Saturday")."""

    latest: date | None
    unanchored: bool = False


def latest_day(times: Iterable[TimeMention]) -> NewsHorizon:
    """The latest day the article's time expressions reach (how far its news goes), and whether
    some relative expression found no date to anchor to."""
    mentions = list(times)
    days = [mention.last_day for mention in mentions if mention.last_day is not None]
    unanchored = any(mention.value is None and mention.first_day is None for mention in mentions)
    return NewsHorizon(max(days) if days else None, unanchored)


def is_background(draft: Draft, horizon: NewsHorizon, cues: EventCues) -> bool:
    """Whether the draft's own date is history, not news, or an undated clause describes a place
    (see the module docstring)."""
    if is_recap(draft, cues):
        return True  # an earlier event recalled with no date of its own (recaps.py)
    if tells_no_event(draft, cues):
        return True  # a war taken part in, a habit, a class of people
    time = draft.time
    if time is None:
        return describes_a_place(draft.trigger.head, cues)
    if time.last_day is None:
        return False
    if horizon.unanchored and time.precision in HISTORY_PRECISIONS:
        return True  # an undated report told by weekdays recalls "August 2019", it does not report it
    latest = horizon.latest
    return latest is not None and time.last_day < latest - timedelta(days=cues.background_days)


def describes_a_place(head: Token, cues: EventCues) -> bool:
    """Whether the trigger lies in a present-tense relative clause on a place ("the prison where
    rights groups say thousands were executed", "where groups have documented executions")."""
    token = head
    for _ in range(MAX_CLAUSE_CLIMB):
        if token.dep_ == "relcl":
            relative = any(c.dep_ == "advmod" and c.lower_ in cues.place_relatives for c in token.children)
            return relative and in_present_tense(token)
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def is_running_toll(head: Token, cues: EventCues) -> bool:
    """Whether the trigger `head` is bound to an open period ("since Wednesday", "the past two days"),
    itself or through the verb an event noun is the subject or object of ("protests have been held
    for a year")."""
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ in LIGHT_VERB_ROLES and _bound_to_period(head.head, cues):
        return True
    return _bound_to_period(head, cues)


def _bound_to_period(head: Token, cues: EventCues) -> bool:
    for child in head.children:
        if child.dep_ == "advcl" and any(
            mark.dep_ == "mark" and mark.lower_ in cues.interval_words for mark in child.children
        ):
            return True  # "killed since the offensive began"
        if child.dep_ != "prep":
            continue
        if child.lower_ in cues.interval_words or _phrase(child) in cues.up_to_phrases:
            return True
        objects = [obj for obj in child.children if obj.dep_ == "pobj"]
        if any(_counted_span(obj, cues) or _long_or_era(child, obj, cues) for obj in objects):
            return True
    return False


def _named_as(verb: Token, cues: EventCues) -> bool:
    """ "portrayed the pullout as the junta giving the port away": a clause under "as" of a naming verb."""
    marked = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    return verb.dep_ == "advcl" and marked and verb.head.lemma_.lower() in cues.naming_verbs


def is_counted(head: Token, cues: EventCues) -> bool:
    """ "estimates of the dead", "the number of killed": a casualty word inside a tally's noun phrase."""
    token = head
    while token.dep_ in NOUN_PHRASE_DEPS and token.head.i != token.i:
        token = token.head
        if token.lemma_.lower() in cues.tally_nouns:
            return True
    return False


def _phrase(preposition: Token) -> str:
    """ "as of": a preposition with the preposition it governs."""
    inner = next((c for c in preposition.children if c.dep_ == "prep"), None)
    return f"{preposition.lower_} {inner.lower_}" if inner is not None else preposition.lower_


def _long_or_era(preposition: Token, noun: Token, cues: EventCues) -> bool:
    """ "for more than a decade", "for years" (a long period); "during the war" (an era)."""
    lemma = noun.lemma_.lower()
    if preposition.lower_ in cues.duration_preps and lemma in cues.long_units:
        return True
    return preposition.lower_ in cues.era_preps and lemma in cues.era_nouns


def _counted_span(noun: Token, cues: EventCues) -> bool:
    """ "the past seven days", "the last 48 hours": a unit of time, counted, back from now."""
    if noun.lemma_.lower() not in cues.span_units or noun.tag_ not in ("NNS", "NNPS"):
        return False
    modifiers = {child.lower_ for child in noun.children if child.dep_ == "amod"}
    return bool(modifiers & cues.span_words)


def is_part_of_takeover(head: Token, takeovers: set[int], cues: EventCues) -> bool:
    """Whether `head` lies in a phrase under a subsuming preposition of a takeover's trigger."""
    token = head
    while token.head.i != token.i:
        parent = token.head
        if token.dep_ == "prep" and token.lower_ in cues.subsuming_preps and parent.i in takeovers:
            return True
        token = parent
    return False


def names_a_thing(trigger: Span, triggers: set[int], cues: EventCues | None = None) -> bool:
    """ "the ceasefire line": an event noun that modifies a noun outside it which is no trigger itself,
    nor a role of one ("attack jets struck the base" keeps the strike's weapon); or an event noun
    given as a motive or a label (`cues`, see the module docstring)."""
    head = trigger.root
    if cues is not None and (is_motive_or_label(head, cues) or is_a_hazard(head, cues)):
        return True
    modified = head.head
    if head.dep_ != "compound" or head.pos_ not in ("NOUN", "PROPN"):
        return False
    inside = trigger.start <= modified.i < trigger.end
    return not inside and modified.i not in triggers and modified.head.i not in triggers


def is_motive_or_label(noun: Token, cues: EventCues) -> bool:
    """Whether the noun phrase of `noun` hangs from a motive word ("a reply to weeks of shelling") or
    is the name a naming verb gives ("described X as an attack", "called X the mother of battles",
    "portrayed the pullout as the junta giving the port away")."""
    if _named_as(noun, cues):
        return True
    token = noun
    while token.dep_ in NOUN_PHRASE_DEPS and token.head.i != token.i:
        parent = token.head
        lemma = parent.lemma_.lower()
        if token.dep_ == "prep" and lemma in cues.motive_words:
            return True
        named = token.dep_ == "oprd" or (token.dep_ == "prep" and token.lower_ == "as")
        if named and lemma in cues.naming_verbs:
            return True
        token = parent
    return False


def has_conflict_context(doc: Doc, entities: Iterable[EntityMention], generic_names: frozenset[str],
                         cues: EventCues) -> bool:
    """Whether the article is about armed conflict: conflict words in at least
    `cues.context_sentences` of its sentences and at least `cues.context_share` of them, or a named
    armed actor. A few passing words ("an Army veteran", "the Civil War") in a long story make no
    war report of local news."""
    sentences = list(doc.sents)
    found = sum(1 for sentence in sentences if speaks_of_conflict(sentence, cues))
    if found >= cues.context_sentences and found >= cues.context_share * len(sentences):
        return True
    return any(e.actor is not None and e.actor not in generic_names and e.actor_type in ARMED_TYPES
               for e in entities)


def speaks_of_conflict(span: Span, cues: EventCues, *, besides: Span | None = None) -> bool:
    """Whether `span` has a conflict word (a lemma or as written) or a conflict phrase, other than
    in `besides` (a trigger is no context of its own: "started fighting with his friends")."""
    if besides is not None and besides.start >= span.start and besides.end <= span.end:
        before, after = span.doc[span.start:besides.start], span.doc[besides.end:span.end]
        return speaks_of_conflict(before, cues) or speaks_of_conflict(after, cues)
    index = _conflict_index(span.doc, cues)
    return index.has_word(span.start, span.end) or index.has_phrase(span)


class _ConflictIndex:
    """The conflict words of one document, found once, and the phrase answers for its spans so far:
    the article's sentences and each draft's window of them ask again and again."""

    __slots__ = ("cues", "doc", "phrases", "present", "words")

    def __init__(self, doc: Doc, cues: EventCues) -> None:
        self.doc, self.cues = doc, cues
        self.words = [index for index in _conflict_word_candidates(doc, cues)
                      if _conflict_word(doc[index], cues)]
        # A phrase the whole text lacks is in none of its spans (lower case is per character but for
        # the Greek final sigma: a phrase not in ASCII is always tried).
        lowered = doc.text.lower()
        self.present = tuple(phrase for phrase in cues.conflict_phrases
                             if phrase in lowered or not phrase.isascii())
        self.phrases: dict[tuple[int, int], bool] = {}

    def has_word(self, start: int, end: int) -> bool:
        """Whether a conflict word lies among the tokens `start`..`end`."""
        position = bisect_left(self.words, start)
        return position < len(self.words) and self.words[position] < end

    def has_phrase(self, span: Span) -> bool:
        """Whether the text of `span` holds a conflict phrase as whole words."""
        if not self.present:
            return False
        known = self.phrases.get((span.start, span.end))
        if known is None:
            text = span.text.lower()
            known = any(contains_phrase(text, phrase) for phrase in self.present)
            self.phrases[(span.start, span.end)] = known
        return known


# The index of the document read last (its passes ask one after another), and, by spaCy string id,
# whether a string is a conflict word of `_CONFLICT_IDS_OF`'s words.
_LAST_INDEX: list[_ConflictIndex] = []
_CONFLICT_IDS: dict[int, bool] = {}
_CONFLICT_IDS_OF: list[frozenset[str]] = []
_CONFLICT_IDS_SIZE = 100_000


def _conflict_index(doc: Doc, cues: EventCues) -> _ConflictIndex:
    """The conflict index of `doc`: the last one made when it is for this document and these cues."""
    if _LAST_INDEX and _LAST_INDEX[0].doc is doc and _LAST_INDEX[0].cues is cues:
        return _LAST_INDEX[0]
    _LAST_INDEX[:] = [_ConflictIndex(doc, cues)]
    return _LAST_INDEX[0]


def _conflict_word_candidates(doc: Doc, cues: EventCues) -> list[int]:
    """Indexes of the tokens whose lemma or form (lower case) is a conflict word, read from the token
    arrays (no Token object per word)."""
    if not len(doc):
        return []
    if _CONFLICT_IDS_OF[:1] != [cues.conflict_words] or len(_CONFLICT_IDS) >= _CONFLICT_IDS_SIZE:
        _CONFLICT_IDS.clear()
        _CONFLICT_IDS_OF[:] = [cues.conflict_words]
    strings, found = doc.vocab.strings, []
    for index, ids in enumerate(doc.to_array([LEMMA, LOWER]).tolist()):
        for string_id in ids:
            known = _CONFLICT_IDS.get(string_id)
            if known is None:
                known = _CONFLICT_IDS[string_id] = is_conflict_word(strings[string_id].lower(), cues)
            if known:
                found.append(index)
                break
    return found


def needs_conflict_context(draft: Draft, cues: EventCues, generic_names: frozenset[str]) -> bool:
    """Whether the draft, in an article that is no conflict report, is a conflict event that lacks a
    conflict context of its own (and is dropped).

    An event of ACLED's own violent and strategic types needs one, whatever its modality ("threatened
    to kill his wife", "if you have been assaulted"): a named armed side (not the police), a political
    target ("arrested 20 activists"), a named place taken as the argument of a territory trigger
    ("Kunduz was captured", not "the Oakland officer taken off life support") or of a threat, plan
    or denial ("warned it would attack Kabul"), or a conflict word
    within `cues.context_window` sentences of its own. Protests, riots and sitrep's extensions need none.
    """
    sub_type = draft.sub_type
    if sub_type.extension or sub_type.event_type in cues.ungated_event_types:
        return False
    if _political_target(draft, cues) or any(
        _armed_side(actor, cues, generic_names) for actor in (draft.actor1, draft.actor2)
    ):
        return False
    unrealised = draft.modality not in FACTUAL
    if (sub_type.territory or unrealised) and draft.location_how == "argument" and _place_taken(draft):
        return False  # "Kunduz was captured", "warned it would attack Kabul"
    return not _conflict_nearby(draft, cues)


def _place_taken(draft: Draft) -> bool:
    """The place is the thing taken, not a modifier of it ("Oakland officer ... taken off life
    support", "salmon collapse")."""
    return draft.location is not None and draft.location.span.root.dep_ != "compound"


def _conflict_nearby(draft: Draft, cues: EventCues) -> bool:
    """A conflict word in the draft's sentence or within `cues.context_window` sentences of it."""
    sentence = draft.sentence
    sentences = list(sentence.doc.sents)
    index = next((i for i, s in enumerate(sentences) if s.start <= sentence.start < s.end), 0)
    window = sentences[max(0, index - cues.context_window):index + cues.context_window + 1]
    # An event noun of war ("fighting raged", "air raids on X") is a context of its own; a verb
    # ("started fighting with his friends", "stabbed") is not.
    besides = draft.trigger.span if draft.trigger.head.pos_ == "VERB" else None
    return any(speaks_of_conflict(span, cues, besides=besides) for span in window)


def _political_target(draft: Draft, cues: EventCues) -> bool:
    """ "arrested 20 opposition activists", "abducted three aid workers": whom the trigger acts on."""
    head = draft.trigger.head
    objects = [child for child in head.children if child.dep_ in ("dobj", "nsubjpass")]
    text = " ".join(token.lemma_.lower() for obj in objects for token in obj.subtree)
    return any(contains_phrase(text, target) for target in cues.political_targets)


def _armed_side(actor: EntityMention | None, cues: EventCues, generic_names: frozenset[str]) -> bool:
    """A named armed side, or a description that is a conflict word ("militants"); not the police,
    nor a pronoun or a description of everyday crime ("he", "the gunman") bound to one."""
    if actor is None or actor.actor_type not in ARMED_TYPES:
        return False
    words = actor.text.lower().split()
    if any(word in cues.police_words for word in words):
        return False
    return actor.actor not in generic_names or any(is_conflict_word(word, cues) for word in words)


def died_of_other_cause(draft: Draft, sentences: Sequence[Span], cues: EventCues) -> bool:
    """Whether an actorless death follows the naming of another cause (see the module docstring)."""
    if not draft.trigger.is_killing or draft.actor1 is not None:
        return False
    words = cues.conflict_words | cues.violence_words
    causes = [obj for prep in draft.trigger.head.children
              if prep.dep_ == "prep" and prep.lower_ in cues.cause_preps
              for obj in prep.children if obj.dep_ == "pobj"]
    if causes and not any(cause.lemma_.lower() in words | cues.wound_words for cause in causes):
        return True  # "found dead of gas poisoning", "died from cancer"; not "died of his wounds"
    clauses = _cause_clauses(draft.trigger.head, cues)
    told = [token for clause in clauses for token in clause.subtree]
    if clauses and not any(_violent(token, words | cues.wound_words) for token in told):
        return True  # "died after eating sweets laced with arsenic"; not "died after being shot"
    if not draft.sub_type.blocked_by:
        return False
    if any(token.lemma_.lower() in words or token.lower_ in words for token in draft.sentence):
        return False
    first = max(0, draft.sentence_index - CAUSE_WINDOW)
    context = " ".join(s.text for s in sentences[first:draft.sentence_index + 1]).lower()
    return any(contains_phrase(context, cause) for cause in draft.sub_type.blocked_by)


def _cause_clauses(head: Token, cues: EventCues) -> list[Token]:
    """The clauses a death follows: "after eating X" (a preposition of `cues.cause_marks` over a clause),
    "after he was hit by a train" (a clause under such a mark)."""
    return [
        child for child in head.children
        if (child.dep_ == "prep" and child.lower_ in cues.cause_marks
            and any(grand.dep_ == "pcomp" for grand in child.children))
        or (child.dep_ == "advcl"
            and any(mark.dep_ == "mark" and mark.lower_ in cues.cause_marks for mark in child.children))
    ]


def _violent(token: Token, words: frozenset[str]) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words


def _conflict_word(token: Token, cues: EventCues) -> bool:
    """A conflict word that is no verb ("stop fighting", "bombing the exam" are everyday senses; war
    reports name soldiers and weapons), unless it only describes a noun of peacetime life ("an Army
    veteran", "the military academy": `cues.idle_heads`) or a modifier makes it one ("a home
    invasion": `cues.idle_phrases`)."""
    if token.pos_ in ("VERB", "AUX"):
        return False
    if not (is_conflict_word(token.lemma_.lower(), cues) or is_conflict_word(token.lower_, cues)):
        return False
    if any(f"{child.lemma_.lower()} {token.lemma_.lower()}" in cues.idle_phrases
           for child in token.children if child.dep_ in MODIFIER_DEPS):
        return False  # "a home invasion", "a price war"
    return not (token.dep_ in MODIFIER_DEPS and token.head.lemma_.lower() in cues.idle_heads)


def is_conflict_word(word: str, cues: EventCues) -> bool:
    """Whether `word` (lower case) is a conflict word, or one in the plural ("Rebels" at the start of
    a sentence, which the parser may keep whole as a name)."""
    return word in cues.conflict_words or (word.endswith("s") and word[:-1] in cues.conflict_words)


def names_the_war(draft: Draft) -> bool:
    """Whether a weak event noun is placed at a whole country (see the module docstring)."""
    head = draft.trigger.head
    if not draft.trigger.pattern.weak or head.pos_ not in ("NOUN", "PROPN") or draft.location is None:
        return False
    mention = draft.location.mention
    entry = mention.entry if mention is not None else None
    return entry is not None and entry.feature_code in COUNTRY_CODES


def acts_on_a_thing(draft: Draft, cues: EventCues) -> bool:
    """Whether a violent draft's verb is used in an everyday sense: its patient is a thing or an animal,
    no victim (`cues.not_victims`), a bare object makes an idiom ("took part in", `cues.idiom_objects`)
    or its subject is no agent ("before the recession struck", `cues.not_agents`)."""
    if draft.sub_type.event_type not in VIOLENT_EVENT_TYPES:
        return False
    head = draft.trigger.head
    patients = _patients(head)
    if any(token.lemma_.lower() in cues.not_victims for token in patients):
        return True
    if any(token.lemma_.lower() in cues.idiom_objects and _idiom_object(token) for token in patients):
        return True
    subjects = [child for child in head.children if child.dep_ == "nsubj"] if head.pos_ == "VERB" else []
    return any(subject.lemma_.lower() in cues.not_agents for subject in subjects)


def _idiom_object(noun: Token) -> bool:
    """ "took part", "took place": an object with no determiner, modifier or "of" phrase ("took large
    parts of the city", "took hold of the town" are takeovers)."""
    return noun.dep_ == "dobj" and not any(
        child.dep_ in (*COUNTED_DEPS, "amod", "compound") or (child.dep_ == "prep" and child.lower_ == "of")
        for child in noun.children
    )


def takes_people(draft: Draft, cues: EventCues) -> bool:
    """Whether a territory draft's patient is a person or a group of people (`cues.people_nouns`):
    "captured soldiers", "a soldier who was captured". Names are left alone: the parser takes many a
    town for a person."""
    if not draft.sub_type.territory:
        return False
    patients = [person for token in _patients(draft.trigger.head) for person in _counted_people(token, cues)]
    if "object" not in draft.trigger.pattern.sources("location"):
        # "drove the rebels out of X" takes ground; "thousands of Angolans expelled from X", "a student
        # expelled from school" are people sent away, no armed side driven out
        return any(_unarmed_people(token, cues) for token in patients)
    return any(token.lemma_.lower() in cues.people_nouns for token in patients)


def _counted_people(token: Token, cues: EventCues) -> list[Token]:
    """The token, and for a crowd count ("thousands of Angolans") the people it counts."""
    if token.lemma_.lower() not in cues.crowd_counts:
        return [token]
    return [token, *(obj for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                     for obj in prep.children if obj.dep_ == "pobj")]


def _unarmed_people(token: Token, cues: EventCues) -> bool:
    """A people noun that is no armed side ("students", "residents"; not "rebels", nor a pronoun that may
    stand for them), or a nationality ("Angolans")."""
    if token.ent_type_ == "NORP" and token.tag_ in ("NNS", "NNPS"):
        return True
    lemma = token.lemma_.lower()
    return token.pos_ != "PRON" and lemma in cues.people_nouns and not is_conflict_word(lemma, cues)


def _patients(head: Token) -> list[Token]:
    """What the trigger is done to: a verb's object or passive subject (a relative pronoun and what it
    stands for: "a soldier who was captured"), the noun a participle describes ("captured soldiers"),
    the "of" phrase of an event noun ("the killing of six hogs")."""
    if head.pos_ in ("NOUN", "PROPN"):
        return [obj for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
                for obj in prep.children if obj.dep_ == "pobj"]
    found = [child for child in head.children if child.dep_ in PATIENT_DEPS]
    relative = head.dep_ == "relcl" and any(token.tag_ in ("WP", "WDT") for token in found)
    describing = head.dep_ == "amod" or (head.dep_ == "acl" and head.tag_ == "VBN")
    if relative or describing:
        found.append(head.head)  # "the soldier who was captured", "captured soldiers"
    return found


def moves_on_a_scale(draft: Draft) -> bool:
    """Whether a territory trigger goes to a number, not to a side: "fell to 18th in growth", "fell to
    5 percent"."""
    if not draft.sub_type.territory:
        return False
    head = draft.trigger.head
    goals = [obj for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "to"
             for obj in prep.children if obj.dep_ == "pobj"]
    return any(_numeric(token) or any(_numeric(child) for child in token.children) for token in goals)


def _numeric(token: Token) -> bool:
    return token.like_num or token.ent_type_ in NUMERIC_LABELS


def beyond_its_clause(draft: Draft) -> bool:
    """Whether a place an intransitive trigger did not govern was read after a comma that closes its
    clause ("when the smoke cleared, the Juggernauts took first place"): no place of the trigger."""
    location, head = draft.location, draft.trigger.head
    if location is None or draft.location_how != "argument":
        return False
    root = location.span.root
    if head.left_edge.i <= root.i <= head.right_edge.i or any(c.dep_ in PATIENT_DEPS for c in head.children):
        return False  # "captured two capitals, Farah and X": the names stand for its own object
    between = head.doc[draft.trigger.span.end:location.span.start]
    return any(token.is_punct for token in between)
