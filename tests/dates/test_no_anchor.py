"""Without a publication date: relative expressions stay unanchored, absolute ones still resolve."""

from __future__ import annotations

from datetime import date

import pytest
from dates_helpers import normalised

from sitrep.extract.dates import normalise_time
from sitrep.records import TimePrecision


@pytest.mark.parametrize("text", [
    "on Wednesday", "Tuesday", "three days ago", "yesterday", "today", "around midnight", "hours before",
    "last week", "in May", "early May", "the end of the month", "this year", "20 years ago",
    "the past two months", "Aug. 10", "the third quarter", "this summer", "'58", "10/08/21", "the nineties",
    "the '80s",
])
def test_relative_expressions_have_no_value(text: str) -> None:
    result = normalise_time(text, None)
    assert result is not None
    assert (result.value, result.precision, result.first_day, result.last_day) == (
        None, TimePrecision.UNKNOWN, None, None)


def test_no_value_is_ever_today() -> None:
    today = date.today().isoformat()
    for text in ("today", "now", "tonight", "this morning", "at dawn"):
        result = normalise_time(text, None)
        assert result is not None and result.first_day is None and today not in str(result.value)


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("10 August 2021", "2021-08-10", TimePrecision.DAY),
    ("2021-08-10", "2021-08-10", TimePrecision.DAY),
    ("10/08/2021", "2021-08-10", TimePrecision.DAY),
    ("May 2019", "2019-05", TimePrecision.MONTH),
    ("1998", "1998", TimePrecision.YEAR),
    ("the third quarter of 2020", "2020-Q3", TimePrecision.YEAR),
    ("the 1990s", "199", TimePrecision.UNKNOWN),
    ("2021.08.10", "2021-08-10", TimePrecision.DAY),
])
def test_absolute_expressions_resolve(text: str, value: str, precision: TimePrecision) -> None:
    result = normalised(text, None)
    assert (result.value, result.precision) == (value, precision)


def test_vague_references_keep_their_value_without_days() -> None:
    result = normalised("recently", None)
    assert (result.value, result.first_day, result.last_day) == ("PAST_REF", None, None)
