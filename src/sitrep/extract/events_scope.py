"""Mentions that are no event of the report's news: history it recalls and running tolls it sums up.

- Background: the event's own date lies more than `background_days` before the latest day any time
  expression of the article reaches ("the army recaptured the city in 2016" in a 2024 report).
- A takeover's own fighting: "took the town after heavy clashes", "captured it in fighting in which
  50 died": the clash or killing under such a preposition of a change of control is part of it.
- A noun naming a thing: "the ceasefire line", "attack helicopters" (an event noun that only
  modifies another noun, itself no trigger).
- No conflict context: an article with no conflict word and no named armed actor (local crime,
  disease, accidents) gives no conflict event; protests and riots need no such context.
- Another cause of death: "45 people dead in the province" with no killer named, in a sentence with
  no conflict or violence word, after sentences that name a cause the sub-type blocks (an outbreak,
  a flood) within `CAUSE_WINDOW` sentences.
- A war named, not a battle told: a weak event noun ("fighting") placed only at a whole country
  ("displaced by fighting in Kenya", "watching the fighting in Syria") names the war.
- Running toll: a violent trigger bound to an open period ("300 killed since Wednesday", "69 killed
  in the past seven days", "hundreds of strikes since the fall of the government") sums many events.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from sitrep.extract.events_context import FACTUAL, Draft
from sitrep.extract.events_cues import EventCues
from sitrep.extract.events_triggers import contains_phrase
from sitrep.records import EntityMention, TimeMention

# ACLED actor types of armed sides: a named one of these ("the Taliban") is a conflict context.
ARMED_TYPES = frozenset({"State forces", "Rebel group", "Political militia", "Identity militia",
                         "External/Other forces"})

# GeoNames feature codes of whole countries and wider areas.
COUNTRY_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLF", "PCLS", "CONT", "RGN"})
# How many sentences before a death may name its cause ("the outbreak ... 45 people dead").
CAUSE_WINDOW = 2


def latest_day(times: Iterable[TimeMention]) -> date | None:
    """The latest day the article's time expressions reach: how far its news goes."""
    days = [mention.last_day for mention in times if mention.last_day is not None]
    return max(days) if days else None


def is_background(draft: Draft, latest: date | None, cues: EventCues) -> bool:
    """Whether the draft's own date ends long before the article's latest day (history, not news)."""
    time = draft.time
    if time is None or time.last_day is None or latest is None:
        return False
    return time.last_day < latest - timedelta(days=cues.background_days)


def is_running_toll(head: Token, cues: EventCues) -> bool:
    """Whether the trigger `head` is bound to an open period ("since Wednesday", "the past two days")."""
    for child in head.children:
        if child.dep_ == "advcl" and any(
            mark.dep_ == "mark" and mark.lower_ in cues.interval_words for mark in child.children
        ):
            return True  # "killed since the offensive began"
        if child.dep_ != "prep":
            continue
        if child.lower_ in cues.interval_words:
            return True
        if any(_counted_span(obj, cues) for obj in child.children if obj.dep_ == "pobj"):
            return True
    return False


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


def names_a_thing(trigger: Span, triggers: set[int]) -> bool:
    """ "the ceasefire line": an event noun that modifies a noun outside it which is no trigger itself,
    nor a role of one ("attack jets struck the base" keeps the strike's weapon)."""
    head = trigger.root
    modified = head.head
    if head.dep_ != "compound" or head.pos_ not in ("NOUN", "PROPN"):
        return False
    inside = trigger.start <= modified.i < trigger.end
    return not inside and modified.i not in triggers and modified.head.i not in triggers


def has_conflict_context(doc: Doc, entities: Iterable[EntityMention], generic_names: frozenset[str],
                         cues: EventCues) -> bool:
    """Whether the article speaks of armed conflict: a conflict word or a named armed actor."""
    if any(_conflict_word(token, cues) for token in doc):
        return True
    text = doc.text.lower()
    if any(contains_phrase(text, phrase) for phrase in cues.conflict_phrases):
        return True
    return any(e.actor is not None and e.actor not in generic_names and e.actor_type in ARMED_TYPES
               for e in entities)


def needs_conflict_context(draft: Draft, cues: EventCues, generic_names: frozenset[str]) -> bool:
    """Whether the draft is a conflict event that stands only in a conflict context.

    A factual event of ACLED's own violent and strategic types does, unless it names an armed side
    (not the police), a political target ("arrested 20 activists") or a place taken as an argument
    of its trigger (not a name modifying it). An unrealised one (a threat, a
    denial) is the text's statement and is kept as such.
    """
    sub_type = draft.sub_type
    if draft.modality not in FACTUAL or sub_type.extension:
        return False
    if sub_type.event_type in cues.ungated_event_types:
        return False
    if _political_target(draft, cues) or any(
        _armed_side(actor, cues, generic_names) for actor in (draft.actor1, draft.actor2)
    ):
        return False
    return not (sub_type.territory and draft.location_how == "argument" and _place_taken(draft))


def _political_target(draft: Draft, cues: EventCues) -> bool:
    """ "arrested 20 opposition activists", "abducted three aid workers": whom the trigger acts on."""
    head = draft.trigger.head
    objects = [child for child in head.children if child.dep_ in ("dobj", "nsubjpass")]
    text = " ".join(token.lemma_.lower() for obj in objects for token in obj.subtree)
    return any(contains_phrase(text, target) for target in cues.political_targets)


def _place_taken(draft: Draft) -> bool:
    """The place is the thing taken, not a modifier of it ("Oakland officer ... taken off life
    support", "salmon collapse")."""
    return draft.location is not None and draft.location.span.root.dep_ != "compound"


def _armed_side(actor: EntityMention | None, cues: EventCues, generic_names: frozenset[str]) -> bool:
    """A named armed side, or a description that is a conflict word ("militants"); not the police,
    nor a pronoun or a description of everyday crime ("he", "the gunman") bound to one."""
    if actor is None or actor.actor_type not in ARMED_TYPES:
        return False
    words = actor.text.lower().split()
    if any(word in cues.police_words for word in words):
        return False
    return actor.actor not in generic_names or any(word in cues.conflict_words for word in words)


def died_of_other_cause(draft: Draft, sentences: Sequence[Span], cues: EventCues) -> bool:
    """Whether an actorless death follows the naming of another cause (see the module docstring)."""
    if not draft.trigger.is_killing or draft.actor1 is not None or not draft.sub_type.blocked_by:
        return False
    words = cues.conflict_words | cues.violence_words
    if any(token.lemma_.lower() in words or token.lower_ in words for token in draft.sentence):
        return False
    first = max(0, draft.sentence_index - CAUSE_WINDOW)
    context = " ".join(s.text for s in sentences[first:draft.sentence_index + 1]).lower()
    return any(contains_phrase(context, cause) for cause in draft.sub_type.blocked_by)


def _conflict_word(token: Token, cues: EventCues) -> bool:
    return token.lemma_.lower() in cues.conflict_words or token.lower_ in cues.conflict_words


def names_the_war(draft: Draft) -> bool:
    """Whether a weak event noun is placed at a whole country (see the module docstring)."""
    head = draft.trigger.head
    if not draft.trigger.pattern.weak or head.pos_ not in ("NOUN", "PROPN") or draft.location is None:
        return False
    mention = draft.location.mention
    entry = mention.entry if mention is not None else None
    return entry is not None and entry.feature_code in COUNTRY_CODES
