"""Values, precisions and the days they cover."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.extract.dates import Part
from sitrep.extract.timex.values import (
    make_century,
    make_day,
    make_decade,
    make_half,
    make_interval,
    make_month,
    make_quarter,
    make_reference,
    make_season,
    make_week,
    make_weekend,
    make_year,
    narrow,
)
from sitrep.records import TimePrecision


@pytest.mark.parametrize(("made", "value", "precision", "first", "last"), [
    (make_day(date(2021, 8, 11)), "2021-08-11", TimePrecision.DAY, "2021-08-11", "2021-08-11"),
    (make_week(date(2021, 8, 11)), "2021-W32", TimePrecision.WEEK, "2021-08-09", "2021-08-15"),
    (make_week(date(2021, 1, 1)), "2020-W53", TimePrecision.WEEK, "2020-12-28", "2021-01-03"),
    (make_weekend(date(2021, 8, 11)), "2021-W32-WE", TimePrecision.WEEK, "2021-08-14", "2021-08-15"),
    (make_month(2024, 2), "2024-02", TimePrecision.MONTH, "2024-02-01", "2024-02-29"),
    (make_quarter(2021, 3), "2021-Q3", TimePrecision.YEAR, "2021-07-01", "2021-09-30"),
    (make_half(2021, 2), "2021-H2", TimePrecision.YEAR, "2021-07-01", "2021-12-31"),
    (make_season(2023, "WI"), "2023-WI", TimePrecision.YEAR, "2023-12-01", "2024-02-29"),
    (make_year(2001), "2001", TimePrecision.YEAR, "2001-01-01", "2001-12-31"),
    (make_decade(1990), "199", TimePrecision.UNKNOWN, "1990-01-01", "1999-12-31"),
    (make_century(20), "19", TimePrecision.UNKNOWN, "1900-01-01", "1999-12-31"),
])
def test_each_kind_of_value(made: object, value: str, precision: TimePrecision, first: str,
                            last: str) -> None:
    assert (made.value, made.precision) == (value, precision)  # type: ignore[attr-defined]
    assert (str(made.first_day), str(made.last_day)) == (first, last)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("first", "last", "precision"), [
    (date(2021, 8, 11), date(2021, 8, 11), TimePrecision.DAY),
    (date(2021, 8, 5), date(2021, 8, 11), TimePrecision.WEEK),
    (date(2021, 7, 12), date(2021, 8, 11), TimePrecision.MONTH),
    (date(2021, 6, 11), date(2021, 8, 11), TimePrecision.YEAR),
    (date(2015, 1, 1), date(2016, 12, 31), TimePrecision.UNKNOWN),
])
def test_an_interval_gets_the_finest_precision_its_length_fits(first: date, last: date,
                                                               precision: TimePrecision) -> None:
    assert make_interval(first, last).precision is precision


def test_narrowing_keeps_the_value() -> None:
    year = make_year(2021)
    start, middle, end = (narrow(year, part) for part in (Part.START, Part.MIDDLE, Part.END))
    assert {start.value, middle.value, end.value} == {"2021"}
    assert (start.first_day, start.last_day) == (date(2021, 1, 1), date(2021, 4, 30))
    assert (middle.first_day, middle.last_day) == (date(2021, 5, 1), date(2021, 8, 31))
    assert (end.first_day, end.last_day) == (date(2021, 9, 1), date(2021, 12, 31))
    assert narrow(make_day(date(2021, 8, 10)), Part.END) == make_day(date(2021, 8, 10))


def test_references_are_open_at_one_end() -> None:
    anchor = date(2021, 8, 11)
    assert (make_reference("PAST_REF", anchor).first_day, make_reference("PAST_REF", anchor).last_day) == (
        None, anchor)
    assert make_reference("FUTURE_REF", anchor).last_day is None
    assert make_reference("PRESENT_REF", None).first_day is None
