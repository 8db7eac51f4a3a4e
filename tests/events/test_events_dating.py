"""Background: an event the text dates to an earlier year keeps that year, never the publication day."""

from __future__ import annotations

from datetime import date

from sitrep.extract.coding import event_day
from sitrep.records import Article, EventMention, Modality, TimeMention, TimePrecision

PUBLISHED = date(2024, 12, 5)


def mention_with(time: TimeMention | None) -> EventMention:
    """A capture mention carrying `time`."""
    return EventMention("a", 0, 8, "captured", "test", event_type="Battles",
                        sub_event_type="Non-state actor overtakes territory", modality=Modality.ASSERTED,
                        confidence=0.9, time=time)


def year(value: int) -> TimeMention:
    """A year-precise time mention ("in 2016")."""
    return TimeMention("a", 0, 4, str(value), "test", str(value), TimePrecision.YEAR,
                       date(value, 1, 1), date(value, 12, 31))


ARTICLE = Article(id="a", text="x", published_at=PUBLISHED)


def test_an_earlier_year_dates_the_event_to_that_year() -> None:
    day, precision = event_day(mention_with(year(2016)), ARTICLE)
    assert day is not None and day.year == 2016
    assert precision == 3


def test_the_publication_year_says_no_more_than_the_publication_day() -> None:
    assert event_day(mention_with(year(2024)), ARTICLE) == (PUBLISHED, 2)


def test_no_time_falls_back_to_the_publication_day() -> None:
    assert event_day(mention_with(None), ARTICLE) == (PUBLISHED, 2)
