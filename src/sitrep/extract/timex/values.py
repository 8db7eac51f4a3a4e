"""Normalised time values: a TIMEX3-style string, its precision and the first and last day covered.

Conventions (TIMEX3, ISO 8601): a day `2021-08-11`, an ISO week `2021-W32`, a weekend
`2021-W32-WE`, a month `2021-08`, a quarter `2021-Q3`, a half `2021-H2`, a season `2021-SU`
(winter `2021-WI` is December 2021 to February 2022), a year `2021`, a decade `199`, a century
`19`, the vague references `PAST_REF` / `PRESENT_REF` / `FUTURE_REF`, and for "the past two
months" an ISO 8601 interval `2021-06-11/2021-08-11`.

Precision is the finest of day / week / month / year that the value pins down: a quarter, a season
or a half is `year`, a decade or a vague reference is `unknown`, an interval gets the finest bin
its length fits in.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from sitrep.records import TimePrecision

# Longest span (in days) that each precision may cover, finest first.
PRECISION_SPANS: tuple[tuple[TimePrecision, int], ...] = (
    (TimePrecision.DAY, 1),
    (TimePrecision.WEEK, 7),
    (TimePrecision.MONTH, 31),
    (TimePrecision.YEAR, 366),
)
# Northern-hemisphere meteorological seasons: code -> first month (winter runs into the next year).
SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
DAYS_PER_THIRD = 10  # "early May" is May 1 to 10, "mid-May" 11 to 20, "late May" 21 to the end
PAST_REF = "PAST_REF"
PRESENT_REF = "PRESENT_REF"
FUTURE_REF = "FUTURE_REF"


class Part(StrEnum):
    """Which part of a period a modifier picks: "early May", "mid-May", "late May", all of May."""

    START = "start"
    MIDDLE = "middle"
    END = "end"
    WHOLE = "whole"


@dataclass(frozen=True, slots=True)
class Normalised:
    """A time expression's value, its precision and the first and last day it covers.

    `first_day`/`last_day` may be narrower than the value ("early May": value `2021-05`, days
    May 1 to 10) and may be open on one side (`PAST_REF` ends at the anchor, no first day).
    """

    value: str | None
    precision: TimePrecision
    first_day: date | None = None
    last_day: date | None = None


UNANCHORED = Normalised(None, TimePrecision.UNKNOWN)


def make_day(day: date) -> Normalised:
    """One calendar day."""
    return Normalised(day.isoformat(), TimePrecision.DAY, day, day)


def make_week(day: date) -> Normalised:
    """The ISO week (Monday to Sunday) holding `day`."""
    iso_year, week, weekday = day.isocalendar()
    monday = day - timedelta(days=weekday - 1)
    return Normalised(f"{iso_year}-W{week:02d}", TimePrecision.WEEK, monday, monday + timedelta(days=6))


def make_weekend(day: date) -> Normalised:
    """The Saturday and Sunday of the ISO week holding `day`."""
    week = make_week(day)
    assert week.first_day is not None  # make_week always sets both days
    saturday = week.first_day + timedelta(days=5)
    return Normalised(f"{week.value}-WE", TimePrecision.WEEK, saturday, saturday + timedelta(days=1))


def make_month(year: int, month: int) -> Normalised:
    """One calendar month."""
    last = calendar.monthrange(year, month)[1]
    return Normalised(f"{year:04d}-{month:02d}", TimePrecision.MONTH, date(year, month, 1),
                      date(year, month, last))


def make_quarter(year: int, quarter: int) -> Normalised:
    """A calendar quarter, 1 to 4."""
    first = date(year, 3 * quarter - 2, 1)
    last = make_month(year, 3 * quarter).last_day
    return Normalised(f"{year:04d}-Q{quarter}", TimePrecision.YEAR, first, last)


def make_half(year: int, half: int) -> Normalised:
    """A half year, 1 or 2."""
    first = date(year, 1, 1) if half == 1 else date(year, 7, 1)
    last = date(year, 6, 30) if half == 1 else date(year, 12, 31)
    return Normalised(f"{year:04d}-H{half}", TimePrecision.YEAR, first, last)


def make_season(year: int, season: str) -> Normalised:
    """A meteorological season by TIMEX3 code (SP, SU, FA, WI)."""
    start = date(year, SEASON_START_MONTH[season], 1)
    end_month = add_months(start, 2)
    last = make_month(end_month.year, end_month.month).last_day
    return Normalised(f"{year:04d}-{season}", TimePrecision.YEAR, start, last)


def make_year(year: int) -> Normalised:
    """One calendar year."""
    return Normalised(f"{year:04d}", TimePrecision.YEAR, date(year, 1, 1), date(year, 12, 31))


def make_decade(first_year: int) -> Normalised:
    """The decade starting in `first_year` (a multiple of ten): value `199` for the 1990s."""
    return Normalised(f"{first_year // 10:03d}", TimePrecision.UNKNOWN, date(first_year, 1, 1),
                      date(first_year + 9, 12, 31))


def make_century(number: int) -> Normalised:
    """The `number`th century in TIMEX3's reading: value `19` for the 20th century (1900-1999)."""
    first = (number - 1) * 100
    return Normalised(f"{number - 1:02d}", TimePrecision.UNKNOWN, date(max(first, 1), 1, 1),
                      date(first + 99, 12, 31))


def make_reference(value: str, anchor: date | None) -> Normalised:
    """A vague reference to the past, present or future, open-ended at the anchor."""
    if anchor is None:
        return Normalised(value, TimePrecision.UNKNOWN)
    first = None if value == PAST_REF else anchor
    last = None if value == FUTURE_REF else anchor
    return Normalised(value, TimePrecision.UNKNOWN, first, last)


def make_interval(first: date, last: date) -> Normalised:
    """An ISO 8601 interval of days, with the finest precision its length fits in."""
    first, last = min(first, last), max(first, last)
    if first == last:
        return make_day(first)
    length = (last - first).days + 1
    precision = next((p for p, days in PRECISION_SPANS if length <= days), TimePrecision.UNKNOWN)
    return Normalised(f"{first.isoformat()}/{last.isoformat()}", precision, first, last)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clipped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def add_years(day: date, years: int) -> date:
    """`day` moved by whole years (February 29 becomes February 28)."""
    return add_months(day, 12 * years)


def narrow(normalised: Normalised, part: Part) -> Normalised:
    """The start, middle or end third of the days a value covers ("early May" is May 1 to 10); the
    value itself is kept. Whole months split by months (early 2021 is January to April)."""
    first, last = normalised.first_day, normalised.last_day
    if part is Part.WHOLE or first is None or last is None or first == last:
        return normalised
    bounds = _month_thirds(first, last) or _day_thirds(first, last)
    start, end = {Part.START: bounds[0], Part.MIDDLE: bounds[1], Part.END: bounds[2]}[part]
    return replace(normalised, first_day=start, last_day=end)


def _month_thirds(first: date, last: date) -> tuple[tuple[date, date], ...] | None:
    """Thirds of a run of whole months: a month splits at the 10th and 20th, a year into 4 months."""
    if first.day != 1 or last != make_month(last.year, last.month).last_day:
        return None
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months == 1:
        return ((first, first.replace(day=DAYS_PER_THIRD)),
                (first.replace(day=DAYS_PER_THIRD + 1), first.replace(day=2 * DAYS_PER_THIRD)),
                (first.replace(day=2 * DAYS_PER_THIRD + 1), last))
    if months % 3:
        return None
    step = months // 3
    starts = [add_months(first, step * index) for index in range(3)]
    return tuple((start, add_months(start, step) - timedelta(days=1)) for start in starts)


def _day_thirds(first: date, last: date) -> tuple[tuple[date, date], ...]:
    third = ((last - first).days + 1) // 3
    return ((first, first + timedelta(days=third - 1)),
            (first + timedelta(days=third), last - timedelta(days=third)),
            (last - timedelta(days=third - 1), last))


def clip(normalised: Normalised, *, before: date | None = None, after: date | None = None) -> Normalised:
    """The value with its days cut to end on `before` or start on `after` ("earlier this week")."""
    first, last = normalised.first_day, normalised.last_day
    if before is not None and first is not None and last is not None and first <= before <= last:
        return replace(normalised, last_day=before)
    if after is not None and first is not None and last is not None and first <= after <= last:
        return replace(normalised, first_day=after)
    return normalised
