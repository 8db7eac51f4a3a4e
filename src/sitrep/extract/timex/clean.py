"""Cleaning a time expression before the rules: hedges, prepositions, times of day and modifiers.

"around midnight" becomes a bare time of day (the anchor day), "early May" becomes "may" with the
START part, "earlier this week" becomes "this week" cut at the anchor, "the year-ago quarter"
becomes "quarter" one year back, "June of last year" becomes "june" in the year before the anchor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from sitrep.extract.lexicon import ENGLISH, lexicon
from sitrep.extract.timex.lexicon import SMALL_NUMBERS, TENS
from sitrep.extract.timex.values import Part

CHARACTER_MAP = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'", "–": "-", "—": "-", "‐": "-",
                               "“": '"', "”": '"', "\u00a0": " "})
HEDGES = re.compile(
    r"(?:on or about|on|in|at|by|since|until|till|from|during|over|through|throughout|around|about|"
    r"approximately|approx\.|roughly|nearly|almost|just|only|as early as|as late as|as of|sometime|"
    r"some time|circa|ca\.|more than|less than|fewer than|at least|at most|no later than|"
    r"no earlier than|not until|not before|shortly after|shortly before|soon after|right after|"
    r"just after|just before|after|before|beginning|starting|effective|as recently as|as long ago as|"
    r"(?:a (?:good|large) |the better )?part of|much of|most of|all of|the whole of|the bulk of|"
    r"the course of|within|for|of|and|or|,|-)\s+")
SOME_BEFORE_NUMBER = re.compile(r"some (?=\d|an? |" + "|".join(list(SMALL_NUMBERS) + list(TENS)) + r"\b)")
CLOCK = (r"(?:\d\d?(?:[:.]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?|o'clock|hrs|h\b)|\d\d?:\d\d|noon|midday|midnight|"
         r"dawn|dusk|daybreak|nightfall|sunrise|sunset|first light|the small hours)")
TIME_ZONE = r"(?:\s+(?:local time|local|gmt|utc|[a-z][sd]t|[a-z]{2}[sd]t)\b)?"
TIME_OF_DAY = re.compile(r"(?:\b(?:at|around|about|after|before|by|near|until|till|from|since|on|just|"
                         r"shortly|,)\s+)*\b" + CLOCK + TIME_ZONE + r"(?:\s+(?:on|of)\b)?")
BARE_DAY_PARTS = lexicon(ENGLISH).calendar.bare_day_parts
PARTS = (
    (re.compile(r"(?:the )?(?:very )?(?:early|beginning of|start of|first days? of|opening days? of|"
                r"turn of)[ -](?=.)"), Part.START),
    (re.compile(r"(?:the )?(?:mid|middle of|midst of|mid of)[ -](?=.)"), Part.MIDDLE),
    (re.compile(r"(?:the )?(?:very )?(?:late|end of|close of|last days? of|closing days? of)[ -](?=.)"),
     Part.END),
)
END_SUFFIX = re.compile(r"(?:the )?(?P<unit>year|month|week)(?:-end|'s end| end)")
YEAR_PHRASES = lexicon(ENGLISH).calendar.year_phrases
_PHRASE = "|".join(sorted((re.escape(p) for p in YEAR_PHRASES), key=len, reverse=True))
YEAR_PREFIX = re.compile(r"(?:the )?(?:comparable |corresponding |same )?(?P<phrase>" + _PHRASE
                         + r")(?:'s)?,? (?P<rest>.+)")
YEAR_SUFFIX = re.compile(r"(?P<rest>.+?),? (?:of |in |from )?(?P<phrase>" + _PHRASE + r")")
SIDES = re.compile(r"(?P<side>earlier|later|the rest of|the remainder of) (?P<rest>.+)")
# Words that belong to the year phrase itself ("a year ago"), not to an expression before it.
PHRASE_STARTS = lexicon(ENGLISH).calendar.phrase_starts
STRIP_CHARACTERS = " .,;:!?\"()[]{}"
# Open ends that do not move the point named before them ("1990 and beyond").
OPEN_ENDS = re.compile(r"(?P<rest>.+?),? (?:and beyond|or later|or earlier|and later|onwards?|or more)")


class Side(StrEnum):
    """Which side of the anchor "earlier this week" / "later this year" keep."""

    BEFORE = "before"
    AFTER = "after"


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A time expression reduced to what the rules read, and the modifiers taken off it."""

    core: str
    part: Part = Part.WHOLE
    side: Side | None = None
    time_of_day: bool = False
    year_shift: int | None = None  # the year relative to the anchor's that a phrase fixed


def clean_expression(text: str) -> Cleaned:
    """The rule-ready form of `text`, lower-cased, with hedges, times of day and modifiers taken off."""
    core = re.sub(r"\([^)]*\)", " ", text.translate(CHARACTER_MAP).lower())
    core = " ".join(core.split()).strip(STRIP_CHARACTERS).removesuffix("'s")
    core = core.replace(" or so", "")
    open_end = OPEN_ENDS.fullmatch(core)
    core = open_end["rest"] if open_end else core
    core, time_of_day = _drop_time_of_day(core)
    core, side = _take_side(_strip_hedges(core))
    core, part = _take_part(_strip_hedges(core))
    core, year_shift = _take_year_phrase(_strip_hedges(core))
    core = _strip_hedges(core)
    if core in BARE_DAY_PARTS:
        core, time_of_day = "", True
    return Cleaned(core, part, side, time_of_day, year_shift)


def _drop_time_of_day(text: str) -> tuple[str, bool]:
    stripped = TIME_OF_DAY.sub(" ", text)
    if stripped == text:
        return text, False
    return " ".join(stripped.split()).strip(STRIP_CHARACTERS + "-"), True


def _strip_hedges(text: str) -> str:
    while True:
        text = SOME_BEFORE_NUMBER.sub("", text, count=1) if text.startswith("some ") else text
        match = HEDGES.match(text)
        if match is None or match.end() == len(text):
            return text.strip(STRIP_CHARACTERS)
        text = text[match.end():]


def _take_year_phrase(text: str) -> tuple[str, int | None]:
    for pattern in (YEAR_PREFIX, YEAR_SUFFIX):
        match = pattern.fullmatch(text)
        if match is not None and match["rest"].strip() not in PHRASE_STARTS:
            return _strip_hedges(match["rest"].strip()), YEAR_PHRASES[match["phrase"]]
    return text, None


def _take_side(text: str) -> tuple[str, Side | None]:
    match = SIDES.fullmatch(text)
    if match is None or not match["rest"]:
        return text, None
    return match["rest"], Side.BEFORE if match["side"] == "earlier" else Side.AFTER


def _take_part(text: str) -> tuple[str, Part]:
    end = END_SUFFIX.fullmatch(text)
    if end is not None:
        return f"this {end['unit']}", Part.END
    for pattern, part in PARTS:
        match = pattern.match(text)
        if match is not None:
            return text[match.end():].strip(" -"), part
    return text, Part.WHOLE
