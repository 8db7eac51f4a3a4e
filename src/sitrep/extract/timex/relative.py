"""Rules for expressions that only make sense from the publication date: today, three days ago, last week.

Decisions (news reports look back):
- a bare weekday is the latest such day on or before the anchor ("on Wednesday" in a Wednesday
  article is that day), the next one on or after it in a future clause; "last Wednesday" is the
  latest strictly before, "next Wednesday" the first strictly after, "this Wednesday" the one in
  the anchor's ISO week;
- "N days/weeks/months/years ago" keeps the unit's granularity (a week ago is an ISO week);
- "last week/month/year" is the previous calendar unit, "the past two months" the interval of
  days ending at the anchor, "the next two weeks" the interval starting at it;
- "hours before", "moments later", "overnight", "tonight" are the anchor day;
- "two days later", "the following year", "that day" point at a time the text gave earlier, not at
  the anchor: they are recognised and left unresolved (value None).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sitrep.extract.timex.lexicon import NUMBER, UNIT, UNITS, WEEKDAY, WEEKDAYS, parse_count
from sitrep.extract.timex.rules import Choice, Context, Handler, Rule, choice_for, choose, make_rule
from sitrep.extract.timex.tense import Tense
from sitrep.extract.timex.values import (
    FUTURE_REF,
    PAST_REF,
    PRESENT_REF,
    UNANCHORED,
    Normalised,
    add_months,
    add_years,
    make_century,
    make_day,
    make_decade,
    make_interval,
    make_month,
    make_quarter,
    make_reference,
    make_week,
    make_weekend,
    make_year,
)

HOURS_PER_DAY = 24
PLURAL_UNITS = r"(?:days|weeks|months|years|decades|times)"
PRESENT_WORDS = (r"now|right now|currently|current|at present|presently|these days|nowadays|at the moment"
                 r"|at this moment|at this time|the present|present")
PAST_WORDS = (r"recently|recent|lately|the past|past|previously|formerly|earlier|before|long ago"
              r"|(?:the )?(?:recent|past) " + PLURAL_UNITS + r"|" + PLURAL_UNITS + r" past")
FUTURE_WORDS = (r"soon|future|the future|the near future|near future|later|one day|someday|some day"
                r"|eventually|shortly|the near term|the short term|the long term|the longer term|a later date"
                r"|(?:the )?(?:coming|upcoming) " + PLURAL_UNITS + r"|(?:the )?" + PLURAL_UNITS + r" ahead"
                r"|(?:the )?(?:days|weeks|months|years) to come")
BACK_WORDS = r"(?:ago|earlier|before|back|previously|prior|before now)"
PAST_RELATIONS = r"(?:the past|past|the last|the previous|the preceding)"
WEEKDAY_RELATIONS = {
    "last": Choice.LAST, "this past": Choice.LAST, "past": Choice.LAST, "previous": Choice.LAST,
    "the previous": Choice.LAST, "next": Choice.NEXT, "this coming": Choice.NEXT, "coming": Choice.NEXT,
}


def shift(anchor: date, unit: str, count: int) -> Normalised | None:
    """The `unit` (day, week, month, ...) that lies `count` units from the anchor's (negative: back)."""
    if unit in ("hour", "minute"):
        return make_day(anchor + timedelta(days=int(count / HOURS_PER_DAY) if unit == "hour" else 0))
    if unit == "day":
        return make_day(anchor + timedelta(days=count))
    if unit in ("week", "fortnight"):
        return make_week(anchor + timedelta(weeks=count * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        moved = add_months(anchor, count)
        return make_month(moved.year, moved.month)
    if unit == "quarter":
        moved = add_months(anchor, 3 * count)
        return make_quarter(moved.year, (moved.month - 1) // 3 + 1)
    if unit == "year":
        return make_year(anchor.year + count)
    if unit == "decade":
        return make_decade((anchor.year + 10 * count) // 10 * 10)
    if unit == "century":
        return make_century((anchor.year + 100 * count) // 100 + 1)
    return None


def _anchor(context: Context) -> date:
    assert context.anchor is not None  # relative rules only run with an anchor
    return context.anchor


def _reference(value: str) -> Rule:
    return make_rule(
        {PRESENT_REF: PRESENT_WORDS, PAST_REF: PAST_WORDS, FUTURE_REF: FUTURE_WORDS}[value],
        lambda match, context: make_reference(value, context.anchor), relative=False,
    )


def _ago(match: re.Match[str], context: Context) -> Normalised | None:
    """N units ago: the unit N back; a vague count ("a few days ago") gives an interval."""
    count, unit = parse_count(match["count"]), UNITS[match["unit"]]
    if count is None:
        return None
    sign = 1 if match.groupdict().get("forward") else -1
    anchor = _anchor(context)
    nearest, farthest = shift(anchor, unit, sign * count[0]), shift(anchor, unit, sign * count[1])
    if nearest is None or farthest is None or count[0] == count[1]:
        return nearest
    days = [d for d in (nearest.first_day, nearest.last_day, farthest.first_day, farthest.last_day) if d]
    return make_interval(min(days), max(days))


def _past_span(match: re.Match[str], context: Context) -> Normalised | None:
    """The past N units: the days from N units before the anchor up to the anchor."""
    return _span(match, context, -1)


def _next_span(match: re.Match[str], context: Context) -> Normalised | None:
    """The next N units: the days from the anchor up to N units after it."""
    return _span(match, context, 1)


def _span(match: re.Match[str], context: Context, sign: int) -> Normalised | None:
    anchor = _anchor(context)
    unit = UNITS[match["unit"]]
    if not match["count"] and match["unit"].endswith("s"):
        return None  # "the past months" is a vague reference, left to the PAST_REF rule
    count = parse_count(match["count"]) if match["count"] else (1, 1)
    if count is None or unit == "quarter":
        return None
    most = count[1]
    if unit in ("hour", "minute"):
        other = anchor + timedelta(days=sign * (most // HOURS_PER_DAY if unit == "hour" else 0))
    elif unit in ("day", "week", "fortnight"):
        # Counted in calendar days with the anchor as one of them: "the past week" is 7 days.
        days = most * {"day": 1, "week": 7, "fortnight": 14}[unit]
        other = anchor + timedelta(days=sign * (days - 1))
    elif unit == "month":
        other = add_months(anchor, sign * most)
    else:
        other = add_years(anchor, sign * most * {"year": 1, "decade": 10, "century": 100}[unit])
    return make_interval(other, anchor)


def _unit_from(offset: int) -> Handler:
    """A handler for "this/last/next <unit>": the calendar unit `offset` units from the anchor's."""
    def handle(match: re.Match[str], context: Context) -> Normalised | None:
        return shift(_anchor(context), UNITS[match["unit"]], offset)
    return handle


def _day_from(offset: int) -> Handler:
    """A handler for "yesterday", "today", "tomorrow": the day `offset` days from the anchor."""
    def handle(match: re.Match[str], context: Context) -> Normalised | None:
        return make_day(_anchor(context) + timedelta(days=offset))
    return handle


def _unresolved(match: re.Match[str], context: Context) -> Normalised | None:
    """An expression anchored to a time the text gave earlier ("the following day"), not to the anchor."""
    return UNANCHORED


def _hours(match: re.Match[str], context: Context) -> Normalised | None:
    """Hours or minutes before or after: the anchor day, or whole days back for 24 hours and more."""
    count = parse_count(match["count"]) if match["count"] else (0, 0)
    hours = count[0] if count and match["unit"].startswith("hour") else 0
    sign = -1 if match["back"] else 1
    return make_day(_anchor(context) + timedelta(days=sign * (hours // HOURS_PER_DAY)))


def _quarter_relative(offset: int) -> Handler:
    """A handler for "this quarter" (0) and "the latest quarter" (-1, the last one completed)."""
    def handle(match: re.Match[str], context: Context) -> Normalised | None:
        return shift(_anchor(context), "quarter", offset)
    return handle


def _weekday(match: re.Match[str], context: Context) -> Normalised | None:
    """A weekday, picked by its relation word ("last", "next", "this") or else by the tense."""
    anchor, target = _anchor(context), WEEKDAYS[match["weekday"]]
    relation = match["relation"]
    this_week = anchor + timedelta(days=target - anchor.weekday())
    if relation == "this":
        return make_day(this_week)
    candidates = [make_day(this_week + timedelta(weeks=k)) for k in range(-2, 3)]
    choice = WEEKDAY_RELATIONS.get(relation or "", choice_for(context.tense))
    return choose(candidates, anchor, choice)


def _weekend(match: re.Match[str], context: Context) -> Normalised | None:
    """The weekend: the one just past on a weekday, the current one on a weekend or in the future."""
    anchor, relation = _anchor(context), match["relation"] or ""
    in_weekend = anchor.weekday() >= 5
    if relation in ("last", "past", "the past", "previous", "the previous"):
        return make_weekend(anchor - timedelta(weeks=1))
    if relation in ("next", "the next", "coming", "the coming"):
        return make_weekend(anchor + timedelta(weeks=1))
    if relation == "this" or in_weekend or context.tense is Tense.FUTURE:
        return make_weekend(anchor)
    return make_weekend(anchor - timedelta(weeks=1))


_SINGLE_UNIT = r"(?P<unit>day|week|fortnight|month|quarter|year|decade|century)"
_DAY_PARTS = r"(?: (?:morning|afternoon|evening|night))?"

RELATIVE_RULES: tuple[Rule, ...] = (
    make_rule(r"(?:today|tonight|this (?:morning|afternoon|evening)|overnight|this day)", _day_from(0)),
    make_rule(r"(?:yesterday" + _DAY_PARTS + r"|last night)", _day_from(-1)),
    make_rule(r"(?:the )?day before yesterday", _day_from(-2)),
    make_rule(r"tomorrow" + _DAY_PARTS, _day_from(1)),
    make_rule(r"(?:the )?day after tomorrow", _day_from(2)),
    make_rule(r"(?:" + NUMBER + r" )?(?P<unit>hours?|minutes?|moments?|seconds?) (?:(?P<back>" + BACK_WORDS
              + r")|later|after|afterwards)", _hours),
    make_rule(NUMBER + r"[- ]" + UNIT + r" (?:" + BACK_WORDS + r"|(?P<forward>from now|hence))", _ago),
    make_rule(r"(?:a )?year[- ](?:ago|earlier)", lambda match, context: shift(_anchor(context), "year", -1)),
    make_rule(NUMBER + r" " + UNIT + r" (?:later|after|afterwards|before that|earlier that)", _unresolved),
    make_rule(r"(?:the following|the same|that|the previous|the next|the) (?:day|night)"
              r"|(?:the following|the same|that) " + _SINGLE_UNIT, _unresolved),
    make_rule(PAST_RELATIONS + r" (?:" + NUMBER + r" )?" + UNIT, _past_span),
    make_rule(r"the (?:next|coming|upcoming) (?:" + NUMBER + r" )?" + UNIT, _next_span),
    make_rule(r"(?:next|coming|upcoming) " + NUMBER + r" " + UNIT, _next_span),
    make_rule(r"(?:the )?(?:latest|most recent|last|previous|past) quarter|(?:the )?quarter",
              _quarter_relative(-1)),
    make_rule(r"(?:the )?(?:current|present) quarter|this quarter", _quarter_relative(0)),
    make_rule(r"(?:this|the current|current|the present|the|this current)"
              r"(?: full| fiscal| calendar| whole| entire)? " + _SINGLE_UNIT, _unit_from(0)),
    make_rule(r"(?:last|previous|the previous|the prior|the latest|the most recent)"
              r"(?: full| fiscal| calendar)? " + _SINGLE_UNIT, _unit_from(-1)),
    make_rule(r"next " + _SINGLE_UNIT, _unit_from(1)),
    make_rule(r"(?:(?P<relation>this|last|next|the past|past|the|the previous|previous|the coming|coming) )?"
              r"weekend", _weekend),
    make_rule(r"(?:(?P<relation>this past|this coming|this|last|next|past|coming|previous|the previous) )?"
              + WEEKDAY + _DAY_PARTS, _weekday),
    _reference(PRESENT_REF),
    _reference(PAST_REF),
    _reference(FUTURE_REF),
)
