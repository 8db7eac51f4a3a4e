"""The time of an event: a time expression of its own clause, else of its sentence, else none.

A date attached to the reporting verb ("officials said on Wednesday") is when it was said, not
when it happened; a date attached to another event of the sentence belongs to that event, and to a
trigger that modifies one of its arguments ("recaptured rebel-held Aleppo at the end of 2016"). With no
time of its own the event gets none, and the caller falls back to the publication date. A date
that opens or closes an interval ("since Friday", "by Friday", "between 29 July and 3 August") is
the interval, dated imprecisely (`as_interval`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from spacy.tokens import Span, Token

from sitrep.extract.events.location import reporting_lemmas
from sitrep.records import TimeMention, TimePrecision

PREDICATE_POS = frozenset({"VERB", "AUX"})
MAX_CLIMB = 10
OWN_CLAUSE = 2
SAME_SENTENCE = 1
# "since Friday", "between Friday and ...", "by Friday": the words that make a date one end of an interval.
SINCE_WORDS = frozenset({"since", "between", "from"})
BY_WORDS = frozenset({"by"})
# A relative or participle clause on a noun ("the offensive that began on Friday") tells of that noun.
CLAUSE_ON_NOUN = frozenset({"relcl", "acl"})
# A trigger that modifies a noun ("rebel-held Aleppo"), and the noun's roles under another event.
MODIFIER_DEPS = frozenset({"amod", "compound"})
ARGUMENT_DEPS = frozenset({"dobj", "nsubjpass", "nsubj"})
# An interval up to this many days is dated to the week; a longer one to the month.
WEEK_DAYS = 7


def choose_time(
    head: Token, times: Sequence[tuple[Span, TimeMention]], other_heads: set[int]
) -> TimeMention | None:
    """The time expression of the event whose trigger is `head` (see the module docstring)."""
    best: tuple[int, int, TimeMention] | None = None
    sentence = head.sent  # spaCy walks the parse to find it: once per trigger, not once per time
    for span, mention in times:
        if not (sentence.start <= span.start < sentence.end) or _reference_only(mention):
            continue
        on_time = _clause_on_time(head, span)
        score = OWN_CLAUSE if on_time else _score(head, span, other_heads)
        if score == 0:
            continue
        rank = (score, -min(abs(t.i - head.i) for t in span))
        if best is None or rank > best[:2]:
            # "since 2016, when they took it": the clause tells of that day, not of the interval.
            best = (rank[0], rank[1], mention if on_time else as_interval(span, mention))
    return best[2] if best is not None else None


def as_interval(span: Span, mention: TimeMention) -> TimeMention:
    """The time as the span of days it leaves open, with the precision that span allows.

    "since Friday" (the capture fell on some day from Friday on), "by Friday" (on some day up to
    Friday) and a range of several days ("between 29 July and 3 August") say no single day: each
    becomes the days it covers, at week precision up to `WEEK_DAYS` days and month precision beyond,
    so it never overrides a precise date another report gives.
    """
    first, last = mention.first_day, mention.last_day
    if first is None:
        return mention
    # The opener may be the span's own first word ("since Friday") or the word before it.
    before = span[0].lower_ if span[0].lower_ in SINCE_WORDS | BY_WORDS else (
        span.doc[span.start - 1].lower_ if span.start > 0 else "")
    if before in SINCE_WORDS:
        first, last = first, first + timedelta(days=WEEK_DAYS - 1)
    elif before in BY_WORDS:
        first, last = first - timedelta(days=WEEK_DAYS - 1), first
    elif last is None or last <= first or mention.precision != TimePrecision.DAY:
        return mention
    width = (last - first).days + 1
    precision = TimePrecision.WEEK if width <= WEEK_DAYS else TimePrecision.MONTH
    return replace(mention, first_day=first, last_day=last, precision=precision)


def _score(head: Token, span: Span, other_heads: set[int]) -> int:
    governor = _governor(span.root, head, other_heads)
    if governor == head or _coordinated(governor, head):
        return OWN_CLAUSE
    if governor.i in other_heads and _modifies_argument_of(head, governor):
        return SAME_SENTENCE  # "recaptured rebel-held Aleppo at the end of 2016": held until then
    if governor.lemma_.lower() in reporting_lemmas() or governor.i in other_heads:
        return 0
    if _describes_other(governor, head):
        return 0
    return SAME_SENTENCE


def _modifies_argument_of(head: Token, governor: Token) -> bool:
    """ "recaptured rebel-held Aleppo": the trigger modifies a noun that is an argument of `governor`."""
    if head.dep_ not in MODIFIER_DEPS:
        return False
    noun = head.head
    return noun.dep_ in ARGUMENT_DEPS and noun.head == governor


def _clause_on_time(head: Token, span: Span) -> bool:
    """ "held it since 2016, when they took it from ...": the event is a clause on the time itself."""
    return head.dep_ in CLAUSE_ON_NOUN and span.start <= head.head.i < span.end


def _describes_other(governor: Token, head: Token) -> bool:
    """ "the offensive that began a week earlier": a clause on another noun dates that noun, not the event."""
    return governor.pos_ in PREDICATE_POS and governor.dep_ in CLAUSE_ON_NOUN and head not in governor.subtree


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
