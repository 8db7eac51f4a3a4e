"""Relative expressions resolved against the publication date (2021-08-11, a Wednesday, and others)."""

from __future__ import annotations

import pytest
from dates_helpers import MARCH, NEW_YEAR, SUNDAY, WEDNESDAY, covered, normalised

from sitrep.extract.dates import Tense, normalise_time
from sitrep.records import TimePrecision


@pytest.mark.parametrize(("text", "value"), [
    ("on Wednesday", "2021-08-11"),  # the anchor's own weekday is that same day in news
    ("Wednesday", "2021-08-11"),
    ("Tuesday", "2021-08-10"),
    ("on Thursday", "2021-08-05"),
    ("Sunday", "2021-08-08"),
    ("last Wednesday", "2021-08-04"),
    ("last Tuesday", "2021-08-10"),
    ("next Wednesday", "2021-08-18"),
    ("next Monday", "2021-08-16"),
    ("this Friday", "2021-08-13"),
    ("this coming Sunday", "2021-08-15"),
    ("Tuesday night", "2021-08-10"),
    ("Friday's", "2021-08-06"),
    ("early Tuesday", "2021-08-10"),
])
def test_weekdays_point_back_from_the_anchor(text: str, value: str) -> None:
    result = normalised(text)
    assert (result.value, result.precision) == (value, TimePrecision.DAY)


def test_a_weekday_in_a_future_clause_points_forward() -> None:
    assert normalised("Thursday", tense=Tense.FUTURE).value == "2021-08-12"
    assert normalised("Wednesday", tense=Tense.FUTURE).value == "2021-08-11"
    assert normalised("Thursday", tense=Tense.PRESENT).value == "2021-08-05"


@pytest.mark.parametrize(("text", "value"), [
    ("today", "2021-08-11"),
    ("tonight", "2021-08-11"),
    ("overnight", "2021-08-11"),
    ("this morning", "2021-08-11"),
    ("earlier today", "2021-08-11"),
    ("around midnight", "2021-08-11"),  # the night that ends on the publication day
    ("at midnight (local time)", "2021-08-11"),
    ("at dawn", "2021-08-11"),
    ("10 p.m. local time", "2021-08-11"),
    ("hours before", "2021-08-11"),
    ("a few hours later", "2021-08-11"),
    ("48 hours earlier", "2021-08-09"),
    ("yesterday", "2021-08-10"),
    ("late yesterday", "2021-08-10"),
    ("yesterday morning", "2021-08-10"),
    ("last night", "2021-08-10"),
    ("the day before yesterday", "2021-08-09"),
    ("tomorrow", "2021-08-12"),
    ("three days ago", "2021-08-08"),
    ("3 days ago", "2021-08-08"),
])
def test_days_near_the_anchor(text: str, value: str) -> None:
    result = normalised(text)
    assert (result.value, result.precision) == (value, TimePrecision.DAY)


@pytest.mark.parametrize(("text", "anchor", "value", "precision"), [
    ("last week", WEDNESDAY, "2021-W31", TimePrecision.WEEK),
    ("this week", WEDNESDAY, "2021-W32", TimePrecision.WEEK),
    ("next week", WEDNESDAY, "2021-W33", TimePrecision.WEEK),
    ("last week", NEW_YEAR, "2020-W53", TimePrecision.WEEK),
    ("two weeks ago", WEDNESDAY, "2021-W30", TimePrecision.WEEK),
    ("this month", WEDNESDAY, "2021-08", TimePrecision.MONTH),
    ("last month", NEW_YEAR, "2020-12", TimePrecision.MONTH),
    ("next month", WEDNESDAY, "2021-09", TimePrecision.MONTH),
    ("five months ago", WEDNESDAY, "2021-03", TimePrecision.MONTH),
    ("this year", WEDNESDAY, "2021", TimePrecision.YEAR),
    ("the year", WEDNESDAY, "2021", TimePrecision.YEAR),
    ("last year", WEDNESDAY, "2020", TimePrecision.YEAR),
    ("next year", WEDNESDAY, "2022", TimePrecision.YEAR),
    ("a year earlier", WEDNESDAY, "2020", TimePrecision.YEAR),
    ("a year ago", WEDNESDAY, "2020", TimePrecision.YEAR),
    ("year-earlier", WEDNESDAY, "2020", TimePrecision.YEAR),
    ("20 years ago", WEDNESDAY, "2001", TimePrecision.YEAR),
    ("twenty years ago", WEDNESDAY, "2001", TimePrecision.YEAR),
    ("nearly four years ago", WEDNESDAY, "2017", TimePrecision.YEAR),
    ("a decade ago", WEDNESDAY, "201", TimePrecision.UNKNOWN),
    ("this quarter", WEDNESDAY, "2021-Q3", TimePrecision.YEAR),
    ("the latest quarter", WEDNESDAY, "2021-Q2", TimePrecision.YEAR),
    ("the year-ago quarter", WEDNESDAY, "2020-Q2", TimePrecision.YEAR),
])
def test_calendar_units_relative_to_the_anchor(text: str, anchor: object, value: str,
                                              precision: TimePrecision) -> None:
    result = normalised(text, anchor)  # type: ignore[arg-type]
    assert (result.value, result.precision) == (value, precision)


@pytest.mark.parametrize(("text", "anchor", "value", "days"), [
    ("this weekend", WEDNESDAY, "2021-W32-WE", ("2021-08-14", "2021-08-15")),
    ("the weekend", WEDNESDAY, "2021-W31-WE", ("2021-08-07", "2021-08-08")),
    ("over the weekend", SUNDAY, "2021-W32-WE", ("2021-08-14", "2021-08-15")),
    ("last weekend", WEDNESDAY, "2021-W31-WE", ("2021-08-07", "2021-08-08")),
    ("next weekend", WEDNESDAY, "2021-W33-WE", ("2021-08-21", "2021-08-22")),
])
def test_weekends(text: str, anchor: object, value: str, days: tuple[str, str]) -> None:
    assert normalised(text, anchor).value == value  # type: ignore[arg-type]
    assert covered(text, anchor) == days  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "value", "days"), [
    ("earlier this week", "2021-W32", ("2021-08-09", "2021-08-11")),
    ("later this week", "2021-W32", ("2021-08-11", "2021-08-15")),
    ("earlier this year", "2021", ("2021-01-01", "2021-08-11")),
    ("the end of the month", "2021-08", ("2021-08-21", "2021-08-31")),
    ("the beginning of the year", "2021", ("2021-01-01", "2021-04-30")),
    ("year-end", "2021", ("2021-09-01", "2021-12-31")),
    ("early next year", "2022", ("2022-01-01", "2022-04-30")),
    ("late last year", "2020", ("2020-09-01", "2020-12-31")),
])
def test_modifiers_keep_the_value_and_narrow_the_days(text: str, value: str, days: tuple[str, str]) -> None:
    assert normalised(text).value == value
    assert covered(text) == days


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("the past two months", "2021-06-11/2021-08-11", TimePrecision.YEAR),
    ("over the past two months", "2021-06-11/2021-08-11", TimePrecision.YEAR),
    ("the past week", "2021-08-05/2021-08-11", TimePrecision.WEEK),
    ("the past 24 hours", "2021-08-10/2021-08-11", TimePrecision.WEEK),
    ("the last three days", "2021-08-09/2021-08-11", TimePrecision.WEEK),
    ("the next two weeks", "2021-08-11/2021-08-24", TimePrecision.MONTH),
    ("a few days ago", "2021-08-06/2021-08-09", TimePrecision.WEEK),
])
def test_spans_of_time_ending_or_starting_at_the_anchor(text: str, value: str,
                                                       precision: TimePrecision) -> None:
    result = normalised(text)
    assert (result.value, result.precision) == (value, precision)
    assert f"{result.first_day}/{result.last_day}" == value


@pytest.mark.parametrize(("text", "value", "days"), [
    ("recently", "PAST_REF", (None, "2021-08-11")),
    ("in recent days", "PAST_REF", (None, "2021-08-11")),
    ("in the past", "PAST_REF", (None, "2021-08-11")),
    ("now", "PRESENT_REF", ("2021-08-11", "2021-08-11")),
    ("currently", "PRESENT_REF", ("2021-08-11", "2021-08-11")),
    ("in the future", "FUTURE_REF", ("2021-08-11", None)),
    ("soon", "FUTURE_REF", ("2021-08-11", None)),
    ("the coming weeks", "FUTURE_REF", ("2021-08-11", None)),
])
def test_vague_references(text: str, value: str, days: tuple[str | None, str | None]) -> None:
    result = normalised(text)
    assert (result.value, result.precision) == (value, TimePrecision.UNKNOWN)
    assert covered(text) == days


@pytest.mark.parametrize("text", ["the following day", "two days later", "that year", "the same day"])
def test_times_anchored_to_an_earlier_date_in_the_text_are_left_unresolved(text: str) -> None:
    result = normalised(text)
    assert (result.value, result.precision, result.first_day) == (None, TimePrecision.UNKNOWN, None)


@pytest.mark.parametrize("text", ["20 years", "more than a week", "less than a week", "three-day", "days",
                                  "every day", "78 years old", "a 45-year-old", "34", "the talks"])
def test_durations_frequencies_ages_and_other_words_are_not_points_in_time(text: str) -> None:
    assert normalise_time(text, WEDNESDAY) is None


def test_another_anchor_moves_every_relative_value() -> None:
    assert normalised("Tuesday", MARCH).value == "2022-03-15"
    assert normalised("last month", MARCH).value == "2022-02"
    assert normalised("three days ago", MARCH).value == "2022-03-13"
    assert normalised("the weekend", MARCH).value == "2022-W10-WE"


def test_a_day_outside_the_calendar_is_not_a_date() -> None:
    assert normalise_time("9999 years ago", WEDNESDAY) is None
    assert normalise_time("the past 1000000 days", WEDNESDAY) is None
