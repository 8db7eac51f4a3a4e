"""Words of English time expressions, and the regular-expression pieces built from them."""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
UNITS: dict[str, str] = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "fortnight": "fortnight",
    "fortnights": "fortnight", "month": "month", "months": "month", "year": "year", "years": "year",
    "decade": "decade", "decades": "decade", "century": "century", "centuries": "century",
    "hour": "hour", "hours": "hour", "minute": "minute", "minutes": "minute", "quarter": "quarter",
    "quarters": "quarter",
}
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "eleventh": 11, "11th": 11, "twelfth": 12,
    "twelth": 12, "12th": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    "last": 4, "final": 4,
}
_DAY_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
DAY_ORDINALS: dict[str, int] = {
    **{word: number for number, word in enumerate(_DAY_ORDINAL_WORDS, start=1)},
    **{f"twenty-{word}": 20 + number for number, word in enumerate(_DAY_ORDINAL_WORDS[:9], start=1)},
    **{f"twenty {word}": 20 + number for number, word in enumerate(_DAY_ORDINAL_WORDS[:9], start=1)},
    "thirtieth": 30, "thirty-first": 31, "thirty first": 31,
}
SMALL_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
TENS_DECADES: dict[str, int] = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
    "eighties": 80, "nineties": 90,
}
# Vague counts as (fewest, most): "a few days ago" is two to five days ago.
VAGUE_COUNTS: dict[str, tuple[int, int]] = {
    "a couple of": (2, 2), "a couple": (2, 2), "a few": (2, 5), "few": (2, 5), "several": (3, 7),
    "some": (2, 7), "many": (3, 12),
}

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
