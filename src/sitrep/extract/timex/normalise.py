"""`normalise_time`: one time expression and the publication date to a TIMEX3-style value.

The cascade, first answer wins:
1. clean the text (hedges, prepositions, times of day, "early/mid/late", "earlier this", year phrases);
2. a bare time of day ("around midnight", "at dawn", "overnight") is the anchor day;
3. the relative rules (`relative.py`), then the calendar rules (`calendar.py`);
4. dateparser with its default settings, for explicit dates in formats the rules do not know;
then the "early/mid/late" part and the "earlier/later this ..." side narrow the days covered.

Without an anchor a relative expression comes back with value None and precision unknown: never
today's date. Text that is not a point in time ("20 years", "daily"), or that lies outside the
years 1 to 9999, comes back as None.
"""

from __future__ import annotations

from datetime import date

from sitrep.extract.timex.calendar import CALENDAR_RULES
from sitrep.extract.timex.clean import Cleaned, Side, clean_expression
from sitrep.extract.timex.fallback import parse_with_dateparser
from sitrep.extract.timex.relative import RELATIVE_RULES
from sitrep.extract.timex.rules import Context, apply_rules
from sitrep.extract.timex.tense import Tense
from sitrep.extract.timex.values import UNANCHORED, Normalised, add_years, clip, make_day, narrow

RULES = RELATIVE_RULES + CALENDAR_RULES


def normalise_time(text: str, anchor: date | None, *, tense: Tense = Tense.UNKNOWN) -> Normalised | None:
    """The value, precision and days of the time expression `text`, relative to `anchor`.

    `tense` is the tense of the clause around the expression (see `detect_tense`); it decides
    which way a bare weekday or a month without a year points. None: not a time expression.
    """
    cleaned = clean_expression(text)
    if not cleaned.core:
        if not cleaned.time_of_day:
            return None
        return make_day(anchor) if anchor is not None else UNANCHORED
    try:
        result = _resolve(cleaned, anchor, tense)
        if result is None or result.value is None:
            return result
        return _modify(result, cleaned, anchor)
    except (ValueError, OverflowError):
        return None  # "9999 years ago": a day outside Python's calendar (years 1 to 9999)


def _resolve(cleaned: Cleaned, anchor: date | None, tense: Tense) -> Normalised | None:
    context = Context(anchor, tense)
    if cleaned.year_shift is not None:
        if anchor is None:
            return UNANCHORED
        context = Context(add_years(anchor, cleaned.year_shift), tense, anchor.year + cleaned.year_shift)
    found = apply_rules(RULES, cleaned.core, context)
    if found is not None:
        return found
    return parse_with_dateparser(cleaned.core, context.anchor)


def _modify(result: Normalised, cleaned: Cleaned, anchor: date | None) -> Normalised:
    narrowed = narrow(result, cleaned.part)
    if cleaned.side is None or anchor is None:
        return narrowed
    if cleaned.side is Side.BEFORE:
        return clip(narrowed, before=anchor)
    return clip(narrowed, after=anchor)
