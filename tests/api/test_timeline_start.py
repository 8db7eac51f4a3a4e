"""Where a country's timeline starts: after stray early events, never inside a steady start of news."""

from __future__ import annotations

from datetime import date, timedelta

from sitrep.api.dashboard import dense_start


def days(first: date, counts: list[int]) -> list[tuple[date, int]]:
    return [(first + timedelta(days=offset), count) for offset, count in enumerate(counts) if count]


def test_a_thin_first_day_of_steady_news_is_kept() -> None:
    per_day = days(date(2023, 3, 1), [1, 4, 0, 4, 2, 5, 7, 2, 7, 15, 11, 8, 5])
    assert dense_start(per_day) is None


def test_a_stray_mention_months_before_is_left_out() -> None:
    per_day = [(date(2023, 1, 9), 1), *days(date(2023, 3, 1), [2, 4, 6, 9, 12, 8, 7, 10, 11, 9, 6, 5])]
    assert dense_start(per_day) == date(2023, 3, 1)


def test_strays_are_cut_only_while_they_are_few() -> None:
    # Half the events a month before the rest: a second wave of news, not strays.
    per_day = [(date(2023, 1, 9), 10), (date(2023, 3, 1), 10)]
    assert dense_start(per_day) is None
    assert dense_start([]) is None
