"""dateparser, the last resort for explicit dates, is asked once per expression and base day."""

from __future__ import annotations

from datetime import date, datetime

from sitrep.extract.timex import fallback
from sitrep.extract.timex.fallback import parse_with_dateparser


def test_the_same_expression_is_parsed_once_with_the_same_answer() -> None:
    text = "2019-11-05"
    fallback._parse.cache_clear()
    first = parse_with_dateparser(text, date(2021, 8, 9))
    misses = fallback._parse.cache_info().misses
    assert parse_with_dateparser(text, date(2021, 8, 9)) == first
    info = fallback._parse.cache_info()
    assert (info.misses, info.hits) == (misses, 1)
    assert first == fallback._parse.__wrapped__(text, datetime(2021, 8, 9, 12, 0))
    assert first is not None and first.value == "2019-11-05"


def test_another_base_day_is_parsed_again() -> None:
    fallback._parse.cache_clear()
    parse_with_dateparser("2019-11-05", date(2021, 8, 9))
    parse_with_dateparser("2019-11-05", date(2020, 1, 1))
    assert fallback._parse.cache_info().misses == 2
