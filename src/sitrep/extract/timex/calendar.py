"""Rules for calendar names: dates, months, years, decades, centuries, quarters, halves, seasons, holidays.

A name without its year ("May", "Aug. 10", "the third quarter", "summer") is resolved against
the anchor: in a past or unknown tense it is the latest such period that began on or before the
anchor ("in December" in an August article is the previous December), in a future clause the
next one, in a present-tense clause (or under "would", "could") the one nearest the anchor.
"last May" is the latest May that ended before the anchor, "next May" the first after it, "this
May" the one in the anchor's year.
"""

from __future__ import annotations

import calendar as calendar_module
import re
from collections.abc import Callable
from datetime import date, timedelta

from sitrep.extract.timex.lexicon import (
    DAY_OF_MONTH,
    DAY_ORDINALS,
    MONTH,
    MONTHS,
    ORDINAL,
    ORDINALS,
    SEASON,
    SEASONS,
    TENS_DECADES,
    WEEKDAY,
    YEAR,
    parse_year_words,
)
from sitrep.extract.timex.rules import Choice, Context, Rule, choice_for, choose, expand_year, make_rule
from sitrep.extract.timex.values import (
    UNANCHORED,
    Normalised,
    make_century,
    make_day,
    make_decade,
    make_half,
    make_interval,
    make_month,
    make_quarter,
    make_season,
    make_week,
    make_year,
)

PeriodMaker = Callable[[int], Normalised | None]
# Relative words before a calendar name and the occurrence they pick ("last May", "this coming May").
RELATION = r"(?:(?P<relation>this past|this coming|this|last|next|past|coming|previous|following) )?"
RELATION_CHOICES = {
    "this": Choice.SAME_YEAR, "last": Choice.LAST, "past": Choice.LAST, "this past": Choice.LAST,
    "previous": Choice.LAST, "next": Choice.NEXT, "coming": Choice.NEXT, "this coming": Choice.NEXT,
    "following": Choice.NEXT,
}
THANKSGIVING_WEEK = 3  # the fourth Thursday of November: first Thursday + 3 weeks


def pick_period(make: PeriodMaker, context: Context, relation: str | None) -> Normalised | None:
    """The occurrence of a yearly period that the year, the relation word or the tense points to."""
    if context.year is not None:
        return make(context.year)
    if context.anchor is None:
        return UNANCHORED
    choice = RELATION_CHOICES[relation] if relation else choice_for(context.tense, present=Choice.NEAREST)
    years = range(context.anchor.year - 2, context.anchor.year + 2)
    candidates = [period for period in (make(year) for year in years) if period is not None]
    return choose(candidates, context.anchor, choice)


def _with_year(match: re.Match[str], context: Context) -> Context | None:
    """The context with the year the match names, if any; None when that year cannot be read ('58
    without an anchor)."""
    text = match.groupdict().get("year")
    if not text:
        return context
    year = expand_year(text, context.anchor)
    return None if year is None else Context(context.anchor, context.tense, year)


def _day_number(match: re.Match[str]) -> int:
    return int(match["day"]) if match["day"] else DAY_ORDINALS[match["dayword"]]


def _iso_day(match: re.Match[str], context: Context) -> Normalised | None:
    return _safe_day(int(match["y"]), int(match["m"]), int(match["d"]))


def _iso_month(match: re.Match[str], context: Context) -> Normalised | None:
    month = int(match["m"])
    return make_month(int(match["y"]), month) if 1 <= month <= 12 else None


def _numeric_date(match: re.Match[str], context: Context) -> Normalised | None:
    """10/08/2021: day first unless impossible; with an anchor, the reading nearest it, not after it."""
    first, second = int(match["a"]), int(match["b"])
    year = expand_year(match["y"] if len(match["y"]) == 4 else "'" + match["y"], context.anchor)
    if year is None:
        return UNANCHORED
    readings = [r for r in (_safe_day(year, second, first), _safe_day(year, first, second)) if r is not None]
    if not readings or context.anchor is None:
        return readings[0] if readings else None
    anchor = context.anchor
    return min(readings, key=lambda r: (r.first_day is None or r.first_day > anchor, _distance(r, anchor)))


def _distance(normalised: Normalised, anchor: date) -> int:
    return abs((normalised.first_day - anchor).days) if normalised.first_day else 1 << 30


def _month_day(match: re.Match[str], context: Context) -> Normalised | None:
    month, day = MONTHS[match["month"]], _day_number(match)
    with_year = _with_year(match, context)
    if with_year is None:
        return UNANCHORED
    if with_year.year is not None:
        return _safe_day(with_year.year, month, day)
    chosen = pick_period(lambda y: make_month(y, month), with_year, match.groupdict().get("relation"))
    if chosen is None or chosen.value is None or chosen.first_day is None:
        return chosen
    return _safe_day(chosen.first_day.year, month, day)


def _week_of(match: re.Match[str], context: Context) -> Normalised | None:
    """"the week of March 6": the ISO week holding that day."""
    day = _month_day(match, context)
    if day is None or day.first_day is None:
        return day
    return make_week(day.first_day)


def _month(match: re.Match[str], context: Context) -> Normalised | None:
    month = MONTHS[match["month"]]
    if match.groupdict().get("yearwords"):
        year = parse_year_words(match["yearwords"])
        return make_month(year, month) if year is not None else None
    return _periodic(match, context, lambda y: make_month(y, month))


def _year(match: re.Match[str], context: Context) -> Normalised | None:
    year = expand_year(match["year"], context.anchor)
    return UNANCHORED if year is None else make_year(year)


def _year_range(match: re.Match[str], context: Context) -> Normalised | None:
    """"2015-2016", "2015-16", "between 1985 and 1987": the days from the first year to the last."""
    first = int(match["first"])
    last = int(match["last"]) if len(match["last"]) == 4 else first // 100 * 100 + int(match["last"])
    if last <= first:
        return None
    return make_interval(date(first, 1, 1), date(last, 12, 31))


def _year_words(match: re.Match[str], context: Context) -> Normalised | None:
    year = parse_year_words(match["words"])
    return make_year(year) if year is not None else None


def _decade(match: re.Match[str], context: Context) -> Normalised | None:
    if match["century"]:
        return make_decade(int(match["century"]) * 100 + int(match["tens"]) * 10)
    tens = int(match["short"]) * 10 if match["short"] else TENS_DECADES[match["word"]]
    if context.anchor is None:
        return UNANCHORED
    first_year = context.anchor.year // 100 * 100 + tens
    return make_decade(first_year - 100 if first_year > context.anchor.year else first_year)


def _century(match: re.Match[str], context: Context) -> Normalised | None:
    number = int(match["number"]) if match["number"] else ORDINALS.get(match["ordinal"] or "", 0)
    return make_century(number) if 1 <= number <= 21 else None


def _quarter(match: re.Match[str], context: Context) -> Normalised | None:
    quarter = int(match["q"]) if match.groupdict().get("q") else ORDINALS[match["ordinal"]]
    if not 1 <= quarter <= 4:
        return None
    return _periodic(match, context, lambda y: make_quarter(y, quarter))


def _quarter_short(match: re.Match[str], context: Context) -> Normalised | None:
    """"Q3 2020", "2020 Q3"."""
    quarter = int(match["q"])
    return _periodic(match, context, lambda y: make_quarter(y, quarter))


def _half(match: re.Match[str], context: Context) -> Normalised | None:
    half = 1 if match["ordinal"] in ("first", "1st") else 2
    with_year = _with_year(match, context)
    if with_year is None:
        return UNANCHORED
    if with_year.year is None and with_year.anchor is not None:
        return make_half(with_year.anchor.year, half)  # "the first half" means this year's
    return pick_period(lambda y: make_half(y, half), with_year, None)


def _season(match: re.Match[str], context: Context) -> Normalised | None:
    code = SEASONS[match["season"]]
    return _periodic(match, context, lambda y: make_season(y, code))


def _holiday(match: re.Match[str], context: Context) -> Normalised | None:
    name = match["holiday"]
    return _periodic(match, context, lambda y: make_day(holiday_date(name, y)))


def _periodic(match: re.Match[str], context: Context, make: PeriodMaker) -> Normalised | None:
    """A yearly period in the year the match names, else the one its relation word or tense picks."""
    with_year = _with_year(match, context)
    if with_year is None:
        return UNANCHORED
    return pick_period(make, with_year, match.groupdict().get("relation"))


def holiday_date(name: str, year: int) -> date:
    """The day of a fixed or computed holiday in `year`."""
    if name.startswith("christmas eve"):
        return date(year, 12, 24)
    if name.startswith("christmas"):
        return date(year, 12, 25)
    if name.startswith("new year's eve"):
        return date(year, 12, 31)
    if name.startswith("new year"):
        return date(year, 1, 1)
    if name.startswith("easter"):
        return easter_sunday(year)
    november_first = date(year, 11, 1)
    first_thursday = november_first + timedelta(days=(3 - november_first.weekday()) % 7)
    return first_thursday + timedelta(weeks=THANKSGIVING_WEEK)


def easter_sunday(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    golden = year % 19
    century, year_of_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    correction = (century + 8) // 25
    moon = (19 * golden + century - leap_centuries - (century - correction + 1) // 3 + 15) % 30
    leap_years, year_rest = divmod(year_of_century, 4)
    weekday = (32 + 2 * century_rest + 2 * leap_years - moon - year_rest) % 7
    shift = (golden + 11 * moon + 22 * weekday) // 451
    month, day = divmod(moon + weekday - 7 * shift + 114, 31)
    return date(year, month, day + 1)


def _safe_day(year: int, month: int, day: int) -> Normalised | None:
    if not (1 <= month <= 12 and 1 <= day <= calendar_module.monthrange(year, month)[1]):
        return None
    return make_day(date(year, month, day))


_OPTIONAL_WEEKDAY = (r"(?:(?:this coming |this past |this |last |next )?"
                     + WEEKDAY.replace("?P<weekday>", "?:") + r",? )?")
_YEAR_TAIL = r"(?:,? (?:of )?" + YEAR + r")?"
_QUARTER_WORD = r"(?:fiscal[- ])?(?:" + ORDINAL + r"|q(?P<q>[1-4]))[- ](?:fiscal[- ])?quarter"
_Q = r"q(?P<q>[1-4])"
_HOLIDAY = (r"(?P<holiday>christmas eve|christmas(?: day)?|new year's eve|new year's(?: day)?|new year"
            r"|easter(?: sunday| day)?|thanksgiving(?: day)?)")

CALENDAR_RULES: tuple[Rule, ...] = (
    make_rule(r"(?P<y>(?:1[0-9]|20)\d\d)-(?P<m>\d\d?)-(?P<d>\d\d?)", _iso_day, relative=False),
    make_rule(r"(?P<y>(?:1[0-9]|20)\d\d)/(?P<m>\d\d?)/(?P<d>\d\d?)", _iso_day, relative=False),
    make_rule(r"(?P<y>(?:1[0-9]|20)\d\d)-(?P<m>\d\d)", _iso_month, relative=False),
    make_rule(r"(?P<a>\d\d?)[/.-](?P<b>\d\d?)[/.-](?P<y>\d{4}|\d\d)", _numeric_date, relative=False),
    make_rule(_OPTIONAL_WEEKDAY + RELATION + MONTH + r" " + DAY_OF_MONTH + _YEAR_TAIL, _month_day,
              relative=False),
    make_rule(_OPTIONAL_WEEKDAY + r"(?:the )?" + DAY_OF_MONTH + r"(?: of)? " + MONTH + _YEAR_TAIL,
              _month_day, relative=False),
    make_rule(r"(?:the )?week of " + MONTH + r" " + DAY_OF_MONTH + _YEAR_TAIL, _week_of, relative=False),
    make_rule(RELATION + MONTH + r"(?:,? (?:of )?" + YEAR
              + r"|,? (?:of )?(?P<yearwords>(?:nineteen|eighteen|two thousand)[a-z -]*))?", _month,
              relative=False),
    make_rule(r"(?:(?:the )?(?:calendar |fiscal )?year |fiscal |fy ?)?" + YEAR, _year, relative=False),
    make_rule(r"(?:between |from )?(?P<first>(?:1[0-9]|20)\d\d) ?(?:-|/|to|and|until|through) ?"
              r"(?P<last>(?:1[0-9]|20)\d\d|\d\d)", _year_range, relative=False),
    make_rule(r"(?:the )?(?:year )?(?P<words>(?:nineteen|eighteen|two thousand)[a-z -]*)", _year_words,
              relative=False),
    make_rule(r"(?:the )?(?:(?:(?P<century>1[0-9]|20)(?P<tens>\d)0|'?(?P<short>\d)0)'?s|(?P<word>"
              + "|".join(TENS_DECADES) + r"))", _decade, relative=False),
    make_rule(r"(?:the )?(?:(?P<number>\d\d?)(?:st|nd|rd|th)|" + ORDINAL + r") century", _century,
              relative=False),
    make_rule(r"(?:the )?(?:its )?" + RELATION + _QUARTER_WORD + r"(?:,? (?:of )?(?:fiscal )?" + YEAR + r")?",
              _quarter, relative=False),
    make_rule(r"(?:the )?" + YEAR + r"(?: fiscal)? " + _QUARTER_WORD, _quarter, relative=False),
    make_rule(_Q + r"(?:,? " + YEAR + r")?", _quarter_short, relative=False),
    make_rule(YEAR + r",? " + _Q, _quarter_short, relative=False),
    make_rule(r"(?:the )?(?P<ordinal>first|second|last|1st|2nd) half(?: of (?:the year|" + YEAR + r"))?",
              _half, relative=False),
    make_rule(r"(?:the )?" + RELATION + SEASON + r"(?: of)?(?: " + YEAR + r")?", _season, relative=False),
    make_rule(RELATION + _HOLIDAY + r"(?: " + YEAR + r")?", _holiday, relative=False),
)
