"""The time of an event: a time expression of its own clause, else of its sentence, else none.

A date attached to the reporting verb ("officials said on Wednesday") is when it was said, not
when it happened; a date attached to another event of the sentence belongs to that event. With no
time of its own the event gets none, and the caller falls back to the publication date.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from sitrep.extract.events_location import REPORTING_LEMMAS
from sitrep.records import TimeMention

PREDICATE_POS = frozenset({"VERB", "AUX"})
MAX_CLIMB = 10
OWN_CLAUSE = 2
SAME_SENTENCE = 1


def choose_time(
    head: Token, times: Sequence[tuple[Span, TimeMention]], other_heads: set[int]
) -> TimeMention | None:
    """The time expression of the event whose trigger is `head` (see the module docstring)."""
    best: tuple[int, int, TimeMention] | None = None
    for span, mention in times:
        if not (head.sent.start <= span.start < head.sent.end) or _reference_only(mention):
            continue
        score = _score(head, span, other_heads)
        if score == 0:
            continue
        rank = (score, -min(abs(t.i - head.i) for t in span))
        if best is None or rank > best[:2]:
            best = (rank[0], rank[1], mention)
    return best[2] if best is not None else None


def _score(head: Token, span: Span, other_heads: set[int]) -> int:
    governor = _governor(span.root, head, other_heads)
    if governor == head or _coordinated(governor, head):
        return OWN_CLAUSE
    if governor.lemma_.lower() in REPORTING_LEMMAS or governor.i in other_heads:
        return 0
    return SAME_SENTENCE


def _governor(token: Token, head: Token, other_heads: set[int]) -> Token:
    """The predicate a time expression hangs from: the first verb or event word above it."""
    for _ in range(MAX_CLIMB):
        token = token.head
        if token == head or token.pos_ in PREDICATE_POS or token.i in other_heads or token.head == token:
            return token
    return token


def _coordinated(governor: Token, head: Token) -> bool:
    """ "captured A and took B on Tuesday": coordinated verbs share the time."""
    return (head.dep_ == "conj" and head.head == governor) or (
        governor.dep_ == "conj" and governor.head == head
    )


def _reference_only(mention: TimeMention) -> bool:
    """ "now", "recently": a TIMEX reference (PRESENT_REF, PAST_REF) that dates nothing."""
    return mention.value is not None and mention.value.endswith("_REF")
