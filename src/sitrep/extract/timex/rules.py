"""The rule machinery: a rule is a full-match pattern and a handler; `choose` picks a period's year."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sitrep.extract.timex.tense import Tense
from sitrep.extract.timex.values import UNANCHORED, Normalised


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may use besides the text: the anchor (publication date) and the clause's tense."""

    anchor: date | None
    tense: Tense = Tense.UNKNOWN
    year: int | None = None  # a year the text fixed around the expression ("June of last year")


# A two-digit year is read as at most this many years after the anchor ('25 in 2021 is 2025, '58 is 1958).
TWO_DIGIT_YEAR_LEAD = 10

Handler = Callable[[re.Match[str], Context], Normalised | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern that must match the whole cleaned expression, and what it means.

    A `relative` rule needs the anchor: without one the expression is recognised but unanchored.
    """

    pattern: re.Pattern[str]
    handle: Handler
    relative: bool = True


def make_rule(pattern: str, handle: Handler, *, relative: bool = True) -> Rule:
    """A rule from a regular expression (compiled once, matched against the whole text)."""
    return Rule(re.compile(pattern), handle, relative)


class Choice(StrEnum):
    """Which occurrence of a recurring period (a weekday, May, the third quarter) is meant."""

    RECENT = "recent"  # the latest that starts on or before the anchor ("on Wednesday", "in May")
    LAST = "last"  # the latest that ends before the anchor ("last Wednesday", "last May")
    COMING = "coming"  # the earliest that ends on or after the anchor ("will meet on Wednesday")
    NEXT = "next"  # the earliest that starts after the anchor ("next Wednesday")
    SAME_YEAR = "same-year"  # the one in the anchor's year ("this May")
    NEAREST = "nearest"  # the one whose middle is nearest the anchor ("is payable Dec. 15")


def choice_for(tense: Tense, *, present: Choice = Choice.RECENT) -> Choice:
    """How a bare period is read in a clause of this tense: news points back unless told otherwise."""
    if tense is Tense.FUTURE:
        return Choice.COMING
    if tense is Tense.PRESENT:
        return present
    return Choice.RECENT


def choose(candidates: Sequence[Normalised], anchor: date, choice: Choice) -> Normalised | None:
    """The candidate (sorted by date, each with both days) that `choice` picks relative to `anchor`."""
    if choice is Choice.SAME_YEAR:
        return next((c for c in candidates if c.first_day and c.first_day.year == anchor.year), None)
    if choice is Choice.NEAREST:
        dated = [c for c in candidates if c.first_day and c.last_day]
        return min(dated, key=lambda c: abs((_middle(c) - anchor).days), default=None)
    if choice is Choice.RECENT:
        found = [c for c in candidates if c.first_day and c.first_day <= anchor]
        return found[-1] if found else None
    if choice is Choice.LAST:
        found = [c for c in candidates if c.last_day and c.last_day < anchor]
        return found[-1] if found else None
    if choice is Choice.COMING:
        return next((c for c in candidates if c.last_day and c.last_day >= anchor), None)
    return next((c for c in candidates if c.first_day and c.first_day > anchor), None)


def _middle(normalised: Normalised) -> date:
    assert normalised.first_day is not None and normalised.last_day is not None  # checked by the caller
    return normalised.first_day + (normalised.last_day - normalised.first_day) / 2


def apply_rules(rules: Sequence[Rule], text: str, context: Context) -> Normalised | None:
    """The meaning of `text` under the first rule that matches it whole, or None."""
    for rule in rules:
        match = rule.pattern.fullmatch(text)
        if match is None:
            continue
        if rule.relative and context.anchor is None:
            return UNANCHORED
        result = rule.handle(match, context)
        if result is not None:
            return result
    return None


def expand_year(text: str, anchor: date | None) -> int | None:
    """A year from "1998", or from "'98" the one in the century that puts it at most 10 years after
    the anchor; a two-digit year without an anchor is None (its century is unknown)."""
    digits = text.lstrip("'")
    if len(digits) == 4:
        return int(digits)
    if anchor is None:
        return None
    year = anchor.year // 100 * 100 + int(digits)
    return year - 100 if year > anchor.year + TWO_DIGIT_YEAR_LEAD else year
