"""Whether a time expression's clause speaks of the past, the present or the future.

The tense decides which way an incomplete date points: a bare weekday, a month without a year,
a season or a quarter. It is read from the nearest verb above the expression in the dependency
parse: "will" / "shall" / "going to" or a word of planning ("scheduled", "expected", "due")
make it the future, a past-tense or perfect verb the past, a present-tense verb or a modal other
than "will" ("would", "could", "may") the present. An infinitive or a participle takes the tense
of the verb it hangs from.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from sitrep.extract.lexicon import ENGLISH, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

FUTURE_AUXILIARIES = lexicon(ENGLISH).calendar.future_auxiliaries
# Words of planning: "scheduled for Monday", "due on Monday", "vowed to attack on Monday".
PLANNING_LEMMAS = lexicon(ENGLISH).calendar.planning_lemmas
# Verbs above an infinitive that make it future: "planned to leave", "is to resume".
FUTURE_HEADS = PLANNING_LEMMAS | {"be"}
# Dependencies by which an infinitive or a participle hangs from the verb whose tense it shares.
NON_FINITE_LINKS = frozenset({"xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp", "dep"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
# How many heads to climb from the expression to its verb.
MAX_CLIMB = 4


class Tense(StrEnum):
    """Which way the clause around a time expression points."""

    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"
    UNKNOWN = "unknown"


def detect_tense(span: Span) -> Tense:
    """The tense of the clause governing `span`, from its nearest verb; UNKNOWN without a parse."""
    verb = _governing_verb(span.root)
    infinitive = False
    for _ in range(MAX_CLIMB):
        if verb is None:
            return Tense.PRESENT if infinitive else Tense.UNKNOWN
        tense = _tense_of(verb)
        if tense is not None:
            # An infinitive's event follows its verb's ("decided to admit them in March"): not before now.
            return Tense.PRESENT if infinitive and tense is Tense.PAST else tense
        infinitive = infinitive or _is_infinitive(verb)
        above = _verb_above(verb)
        if infinitive and above is not None and above.lemma_.lower() in FUTURE_HEADS:
            return Tense.FUTURE  # "planned to leave on Thursday", "is to resume trading on Tuesday"
        verb = above
    return Tense.UNKNOWN


def _is_infinitive(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)


def _tense_of(verb: Token) -> Tense | None:
    """The tense of a finite verb group, or None when the verb is an infinitive or a bare participle."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    if words & FUTURE_AUXILIARIES or _is_planned(verb) or (verb.lower_ == "going" and _has_infinitive(verb)):
        return Tense.FUTURE
    if "to" in words:
        return None
    perfect = any(child.lemma_ == "have" for child in auxiliaries)
    if any(child.tag_ == "MD" for child in auxiliaries):
        # "would", "could", "may": not a committed future, read like the present.
        return Tense.PAST if perfect else Tense.PRESENT
    tags = {verb.tag_, *(child.tag_ for child in auxiliaries)}
    if perfect or "VBD" in tags:
        return Tense.PAST
    if tags & PRESENT_TAGS:
        return Tense.PRESENT
    if verb.tag_ == "MD":
        return Tense.PRESENT
    return None


def _verb_above(verb: Token) -> Token | None:
    if verb.head is verb or verb.dep_ not in NON_FINITE_LINKS:
        return None
    head = verb.head
    return head if head.pos_ in ("VERB", "AUX") or head.lemma_.lower() in PLANNING_LEMMAS else None


def _has_infinitive(verb: Token) -> bool:
    return any(child.dep_ == "xcomp" for child in verb.children)


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(MAX_CLIMB):
        if current.head is current:
            break
        current = current.head
        if current.pos_ in ("VERB", "AUX") or current.lemma_.lower() in PLANNING_LEMMAS:
            return current
    return None


def _is_planned(verb: Token) -> bool:
    """A passive or adjectival word of planning ("is scheduled", "due"), not "they planned"."""
    if verb.lemma_.lower() not in PLANNING_LEMMAS:
        return False
    if verb.pos_ == "ADJ" or any(child.dep_ == "auxpass" for child in verb.children):
        return True
    return verb.tag_ in ("VBN", "VBG", "VB", "VBZ", "VBP") and not any(
        child.lemma_ == "have" for child in verb.children)
