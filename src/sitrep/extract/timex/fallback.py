"""The last resort for explicit dates the rules do not know: dateparser with its default settings.

dateparser is only asked when the text holds a digit or a month name, so relative words never
reach it. Without an anchor it parses against two different bases: if both answers agree the
date was absolute, otherwise it is unanchored (dateparser would have used today's date).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sitrep.extract.timex.lexicon import MONTHS
from sitrep.extract.timex.values import UNANCHORED, Normalised, make_day, make_month, make_week, make_year

# Two unrelated bases: a date that comes out the same from both did not depend on the base.
PROBE_BASES = (datetime(2003, 3, 9, 12, 0), datetime(2017, 10, 23, 12, 0))
PARSER_CACHE_SIZE = 64
PARSE_CACHE_SIZE = 20_000
LOOKS_LIKE_DATE = re.compile(r"\d{4}|\d\d?[/.-]\d\d?|\b(?:" + "|".join(MONTHS) + r")\b")


def parse_with_dateparser(text: str, anchor: date | None) -> Normalised | None:
    """`text` parsed by dateparser relative to `anchor`, or None when it is not a date it knows."""
    if not LOOKS_LIKE_DATE.search(text):
        return None
    if anchor is not None:
        return _parse(text, datetime(anchor.year, anchor.month, anchor.day, 12, 0))
    first, second = (_parse(text, base) for base in PROBE_BASES)
    if first is None or second is None:
        return None
    return first if first == second else UNANCHORED


@lru_cache(maxsize=PARSE_CACHE_SIZE)
def _parse(text: str, base: datetime) -> Normalised | None:
    """`text` parsed by dateparser relative to `base` (cached: dateparser takes about a millisecond
    a call, and the same expressions and publication days recur across a corpus's articles)."""
    data = _parser(base).get_date_data(text)
    found, period = data.date_obj, data.period
    if found is None:
        return None
    day = found.date()
    if period == "month":
        return make_month(day.year, day.month)
    if period == "year":
        return make_year(day.year)
    if period == "week":
        return make_week(day)
    return make_day(day)


@lru_cache(maxsize=PARSER_CACHE_SIZE)
def _parser(base: datetime) -> Any:
    """A dateparser parser for English with default settings, relative to `base`."""
    from dateparser.date import DateDataParser  # imported on first use: it loads language data

    return DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base})
