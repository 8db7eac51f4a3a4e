"""Calendar names: explicit dates in common formats, months, years, quarters, seasons, holidays."""

from __future__ import annotations

from datetime import date

import pytest
from dates_helpers import MARCH, NEW_YEAR, WEDNESDAY, covered, normalised

from sitrep.extract.dates import Tense
from sitrep.records import TimePrecision


@pytest.mark.parametrize(("text", "value"), [
    ("10 August 2021", "2021-08-10"),
    ("August 10, 2021", "2021-08-10"),
    ("Aug. 10", "2021-08-10"),
    ("Aug 10th", "2021-08-10"),
    ("the 10th of August", "2021-08-10"),
    ("Tuesday, Aug. 10", "2021-08-10"),
    ("on Sept. 27, 1989", "1989-09-27"),
    ("2021-08-10", "2021-08-10"),
    ("2021/08/10", "2021-08-10"),
    ("10/08/2021", "2021-08-10"),  # day first
    ("10.08.2021", "2021-08-10"),
    ("08/13/2021", "2021-08-13"),  # the day-first reading is impossible
    ("10/08/21", "2021-08-10"),
    ("March eighth", "2021-03-08"),
    ("this coming Sunday, March eighth", "2021-03-08"),
    ("Christmas Day 2020", "2020-12-25"),
    ("Easter 2021", "2021-04-04"),
])
def test_explicit_days(text: str, value: str) -> None:
    result = normalised(text)
    assert (result.value, result.precision) == (value, TimePrecision.DAY)


def test_an_ambiguous_numeric_date_takes_the_reading_nearest_before_the_anchor() -> None:
    # 08/10/2021 is 8 October (after the anchor) or 10 August (the day before it).
    assert normalised("08/10/2021").value == "2021-08-10"
    assert normalised("05/06/2021").value == "2021-06-05"  # both before the anchor: the nearer one
    assert normalised("05/06/2021", None).value == "2021-06-05"  # no anchor: day first


@pytest.mark.parametrize(("text", "anchor", "tense", "value"), [
    ("in May", WEDNESDAY, Tense.UNKNOWN, "2021-05"),
    ("May", WEDNESDAY, Tense.PAST, "2021-05"),
    ("in August", WEDNESDAY, Tense.UNKNOWN, "2021-08"),
    ("in December", WEDNESDAY, Tense.UNKNOWN, "2020-12"),  # a later month than the anchor's: last year's
    ("in December", WEDNESDAY, Tense.PAST, "2020-12"),
    ("in December", WEDNESDAY, Tense.FUTURE, "2021-12"),
    ("in May", WEDNESDAY, Tense.FUTURE, "2022-05"),
    ("in October", WEDNESDAY, Tense.PRESENT, "2021-10"),  # present tense: the nearest October
    ("in October", NEW_YEAR, Tense.PRESENT, "2020-10"),
    ("last May", WEDNESDAY, Tense.UNKNOWN, "2021-05"),
    ("last August", WEDNESDAY, Tense.UNKNOWN, "2020-08"),
    ("next May", WEDNESDAY, Tense.UNKNOWN, "2022-05"),
    ("this December", WEDNESDAY, Tense.UNKNOWN, "2021-12"),
    ("May 2019", WEDNESDAY, Tense.UNKNOWN, "2019-05"),
    ("June last year", WEDNESDAY, Tense.UNKNOWN, "2020-06"),
    ("January this year", MARCH, Tense.UNKNOWN, "2022-01"),
])
def test_months(text: str, anchor: date, tense: Tense, value: str) -> None:
    result = normalised(text, anchor, tense=tense)
    assert (result.value, result.precision) == (value, TimePrecision.MONTH)


def test_a_day_in_a_later_month_follows_the_month_rule_and_the_same_month_is_this_year() -> None:
    assert normalised("Dec. 15").value == "2020-12-15"
    assert normalised("Dec. 15", tense=Tense.FUTURE).value == "2021-12-15"
    assert normalised("Aug. 20").value == "2021-08-20"
    assert normalised("Aug. 31", tense=Tense.FUTURE).value == "2021-08-31"


@pytest.mark.parametrize(("text", "days"), [
    ("early May", ("2021-05-01", "2021-05-10")),
    ("mid-May", ("2021-05-11", "2021-05-20")),
    ("late May", ("2021-05-21", "2021-05-31")),
    ("the middle of May", ("2021-05-11", "2021-05-20")),
    ("the end of May", ("2021-05-21", "2021-05-31")),
    ("early February", ("2021-02-01", "2021-02-10")),
    ("late February", ("2021-02-21", "2021-02-28")),
])
def test_early_mid_late_month(text: str, days: tuple[str, str]) -> None:
    result = normalised(text)
    assert (result.value[:4], result.precision) == ("2021", TimePrecision.MONTH)  # type: ignore[index]
    assert covered(text) == days


@pytest.mark.parametrize(("text", "value"), [
    ("2001", "2001"),
    ("in 1998", "1998"),
    ("fiscal 1998", "1998"),
    ("the year 2000", "2000"),
    ("'58", "1958"),
    ("in '09", "2009"),
    ("'25", "2025"),  # at most ten years after the anchor
    ("nineteen ninety-six", "1996"),
    ("mid-1996", "1996"),
    ("1990 and beyond", "1990"),
])
def test_years(text: str, value: str) -> None:
    result = normalised(text)
    assert (result.value, result.precision) == (value, TimePrecision.YEAR)


@pytest.mark.parametrize(("text", "anchor", "tense", "value", "days"), [
    ("the third quarter", WEDNESDAY, Tense.UNKNOWN, "2021-Q3", ("2021-07-01", "2021-09-30")),
    ("the fourth quarter", WEDNESDAY, Tense.UNKNOWN, "2020-Q4", ("2020-10-01", "2020-12-31")),
    ("the fourth quarter", WEDNESDAY, Tense.FUTURE, "2021-Q4", ("2021-10-01", "2021-12-31")),
    ("third-quarter", WEDNESDAY, Tense.UNKNOWN, "2021-Q3", ("2021-07-01", "2021-09-30")),
    ("the first quarter of 2020", WEDNESDAY, Tense.UNKNOWN, "2020-Q1", ("2020-01-01", "2020-03-31")),
    ("Q2 2019", WEDNESDAY, Tense.UNKNOWN, "2019-Q2", ("2019-04-01", "2019-06-30")),
    ("the first half of 2020", WEDNESDAY, Tense.UNKNOWN, "2020-H1", ("2020-01-01", "2020-06-30")),
    ("the second half", WEDNESDAY, Tense.UNKNOWN, "2021-H2", ("2021-07-01", "2021-12-31")),
    ("this summer", WEDNESDAY, Tense.UNKNOWN, "2021-SU", ("2021-06-01", "2021-08-31")),
    ("last spring", WEDNESDAY, Tense.UNKNOWN, "2021-SP", ("2021-03-01", "2021-05-31")),
    ("last winter", WEDNESDAY, Tense.UNKNOWN, "2020-WI", ("2020-12-01", "2021-02-28")),
    ("the autumn", WEDNESDAY, Tense.UNKNOWN, "2020-FA", ("2020-09-01", "2020-11-30")),
    ("the winter of 1994", WEDNESDAY, Tense.UNKNOWN, "1994-WI", ("1994-12-01", "1995-02-28")),
])
def test_quarters_halves_and_seasons(text: str, anchor: date, tense: Tense, value: str,
                                     days: tuple[str, str]) -> None:
    result = normalised(text, anchor, tense=tense)
    assert (result.value, result.precision) == (value, TimePrecision.YEAR)
    assert (str(result.first_day), str(result.last_day)) == days


@pytest.mark.parametrize(("text", "value", "days"), [
    ("the 1990s", "199", ("1990-01-01", "1999-12-31")),
    ("the '80s", "198", ("1980-01-01", "1989-12-31")),
    ("the nineties", "199", ("1990-01-01", "1999-12-31")),
    ("the early 1990s", "199", ("1990-01-01", "1993-04-30")),
    ("the 20th century", "19", ("1900-01-01", "1999-12-31")),
    ("2015-2016", "2015-01-01/2016-12-31", ("2015-01-01", "2016-12-31")),
    ("between 1985 and 1987", "1985-01-01/1987-12-31", ("1985-01-01", "1987-12-31")),
])
def test_decades_centuries_and_year_ranges(text: str, value: str, days: tuple[str, str]) -> None:
    result = normalised(text)
    assert (result.value, result.precision) == (value, TimePrecision.UNKNOWN)
    assert covered(text) == days


def test_holidays_without_a_year_are_the_latest_one() -> None:
    assert normalised("Christmas").value == "2020-12-25"
    assert normalised("Easter").value == "2021-04-04"
    assert normalised("New Year's Day").value == "2021-01-01"


def test_the_week_of_a_day() -> None:
    result = normalised("the week of March 6", MARCH)
    assert (result.value, result.precision) == ("2022-W09", TimePrecision.WEEK)


def test_formats_only_dateparser_knows_still_resolve() -> None:
    result = normalised("2021.08.10")
    assert (result.value, result.precision) == ("2021-08-10", TimePrecision.DAY)
