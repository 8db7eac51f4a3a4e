"""Words of English time expressions, and the regular-expression pieces built from them."""

from __future__ import annotations

import re
from collections.abc import Mapping

from sitrep.extract.lexicon import ENGLISH, lexicon

# The words live in data/lang/en/calendar.yaml and numbers.yaml.
_CALENDAR = lexicon(ENGLISH).calendar
_NUMBERS = lexicon(ENGLISH).numbers
MONTHS: Mapping[str, int] = _CALENDAR.months
WEEKDAYS: Mapping[str, int] = _CALENDAR.weekdays
SEASONS: Mapping[str, str] = _CALENDAR.seasons
UNITS: Mapping[str, str] = _CALENDAR.units
ORDINALS: Mapping[str, int] = _CALENDAR.period_ordinals
# Ordinal words of the days of a month: "first" to "twentieth", then "twenty-first" to "thirty-first".
_DAY_ORDINAL_WORDS = [word for word, value in _NUMBERS.ordinals.items() if value <= 20]
DAY_ORDINALS: dict[str, int] = {
    **{word: number for number, word in enumerate(_DAY_ORDINAL_WORDS, start=1)},
    **{f"twenty-{word}": 20 + number for number, word in enumerate(_DAY_ORDINAL_WORDS[:9], start=1)},
    **{f"twenty {word}": 20 + number for number, word in enumerate(_DAY_ORDINAL_WORDS[:9], start=1)},
    "thirtieth": 30, "thirty-first": 31, "thirty first": 31,
}
SMALL_NUMBERS: Mapping[str, int] = _NUMBERS.cardinals
TENS: Mapping[str, int] = _NUMBERS.tens
TENS_DECADES: Mapping[str, int] = _NUMBERS.decades
# Vague counts as (fewest, most): "a few days ago" is two to five days ago.
VAGUE_COUNTS: Mapping[str, tuple[int, int]] = _NUMBERS.vague_counts

MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?(?:'s)?"
SEASON = r"(?P<season>" + "|".join(SEASONS) + r")"
_WORD_NUMBER = (r"(?:(?:" + "|".join(TENS) + r")(?:[- ](?:" + "|".join(list(SMALL_NUMBERS)[1:10]) + r"))?|"
                + "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True)) + ")")
NUMBER = (r"(?P<count>\d+|an?|" + _WORD_NUMBER + "|" + "|".join(sorted(VAGUE_COUNTS, key=len, reverse=True))
          + ")")
UNIT = r"(?P<unit>" + "|".join(sorted(UNITS, key=len, reverse=True)) + ")"
ORDINAL = r"(?P<ordinal>" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + ")"
DAY_OF_MONTH = (r"(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?|(?P<dayword>"
                + "|".join(sorted(DAY_ORDINALS, key=len, reverse=True)) + "))")
# A four-digit year, or an apostrophe and two digits ('58).
YEAR = r"(?P<year>(?:1[0-9]|20)\d\d|'\d\d)"

_NUMBER_WORD = re.compile(r"(?P<tens>[a-z]+)(?:[- ](?P<units>[a-z]+))?")


def parse_count(text: str) -> tuple[int, int] | None:
    """A count written in digits or words as (fewest, most): "three" -> (3, 3), "a few" -> (2, 5)."""
    text = text.strip()
    if text.isdigit():
        return int(text), int(text)
    if text in ("a", "an"):
        return 1, 1
    if text in VAGUE_COUNTS:
        return VAGUE_COUNTS[text]
    number = parse_number_words(text)
    return None if number is None else (number, number)


def parse_number_words(text: str) -> int | None:
    """A number from zero to ninety-nine written in words, or None."""
    if text in SMALL_NUMBERS:
        return SMALL_NUMBERS[text]
    match = _NUMBER_WORD.fullmatch(text)
    if match is None or match["tens"] not in TENS:
        return None
    units = match["units"]
    if units is None:
        return TENS[match["tens"]]
    return TENS[match["tens"]] + SMALL_NUMBERS[units] if units in SMALL_NUMBERS else None


def parse_year_words(text: str) -> int | None:
    """A year written in words: "nineteen ninety-six" -> 1996, "two thousand one" -> 2001."""
    if text.startswith("two thousand"):
        tail = text.removeprefix("two thousand").replace(" and ", " ").strip()
        extra = parse_number_words(tail) if tail else 0
        return None if extra is None else 2000 + extra
    words = text.replace(" and ", " ").split(" ", 1)
    if len(words) != 2:
        return None
    century, rest = parse_number_words(words[0]), parse_number_words(words[1])
    if century is None or rest is None or not 10 <= century <= 20:
        return None
    return century * 100 + rest
