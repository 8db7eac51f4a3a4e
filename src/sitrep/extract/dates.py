"""Dates: time expressions found in an article and normalised against its publication date.

The implementation lives in `sitrep.extract.timex`; this module is its public face.

Decisions (the anchor is the publication date; examples for Wednesday 2021-08-11):
- Weekdays point back: "on Wednesday" is 2021-08-11 (the same day), "Tuesday" 2021-08-10,
  "Thursday" 2021-08-05; in a future clause ("will meet on Thursday") the next one, 2021-08-12.
  "last Wednesday" is 2021-08-04, "next Wednesday" 2021-08-18, "this Wednesday" the one in the
  anchor's ISO week.
- "around midnight", "overnight", "at dawn", "tonight", "hours before" are the anchor day: a
  report's "midnight" is the one that began the publication day (dateparser reads it the same way).
  "last night" is the day before.
- A month without a year is this year's when it is the anchor's month or earlier, last year's when
  it is later ("in December" is 2020-12), unless the clause is future ("will vote in December":
  2021-12) or present ("is payable Dec. 15": the nearest December). Quarters, seasons and
  holidays follow the same rule.
- "early/mid/late May" keep the value 2021-05 and narrow the days to the 1st-10th, 11th-20th,
  21st-end; "earlier this week" is 2021-W32 cut at the anchor.
- "the past two months" is the interval 2021-06-11/2021-08-11 (precision: the finest of day,
  week, month, year that its length fits in).
- "10/08/2021" is read day first (10 August), unless that is impossible; with an anchor the reading
  nearest before it wins ("08/10/2021" is 10 August in an article of 11 August).
- "'58" is 1958: a two-digit year is at most ten years after the anchor; without an anchor it is
  unknown.
- Durations are not points in time: "20 years", "more than a week", "three-day", "in two weeks"
  and ages or frequencies give no mention; "three days ago" and "the past two months" do.
- Without a publication date a relative expression has value None and precision unknown (never
  today's date); explicit dates still resolve.
"""

from __future__ import annotations

from sitrep.extract.timex.extractor import TimeExtractor
from sitrep.extract.timex.finder import find_candidates
from sitrep.extract.timex.normalise import normalise_time
from sitrep.extract.timex.tense import Tense, detect_tense
from sitrep.extract.timex.values import Normalised, Part

__all__ = [
    "Normalised", "Part", "Tense", "TimeExtractor", "detect_tense", "find_candidates", "normalise_time",
]
