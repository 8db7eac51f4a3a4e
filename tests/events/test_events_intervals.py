"""Captures dated by an interval ("since Friday", "by Sunday", "between A and B") are dated imprecisely."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from events_helpers import Days, coded_days

from sitrep.extract.coding import code_events
from sitrep.extract.pipeline import Extractor
from sitrep.records import Article, TimePrecision


@pytest.fixture(scope="module")
def coded(small_gazetteer: Any) -> Days:
    """Each captured place of a report of Wednesday 11 August 2021: its day and ACLED time precision."""
    body = ("The insurgents have now taken Ishkashim and Taloqan since "
            "Friday, local officials said. The insurgents captured Fayzabad on Monday. By Sunday the "
            "insurgents had taken Kabul. Fighters captured Farah between July 29 and August 3.")
    return coded_days(small_gazetteer, "interval1", "Insurgents overrun three towns", body)


def test_since_a_day_is_a_week_from_that_day(coded: Days) -> None:
    assert coded["Ishkashim"] == (date(2021, 8, 9), 2)  # 6-12 August, to the week
    assert coded["Taloqan"] == (date(2021, 8, 9), 2)


def test_a_named_day_stays_precise(coded: Days) -> None:
    assert coded["Fayzabad"] == (date(2021, 8, 9), 1)


def test_by_a_day_and_between_two_days_are_imprecise(coded: Days) -> None:
    assert coded["Kabul"] == (date(2021, 8, 5), 2)  # on some day of the week up to Sunday 8 August
    day, precision = coded["Farah"]
    assert precision == 2 and day is not None and date(2021, 7, 29) <= day <= date(2021, 8, 3)


def test_a_report_dated_only_to_the_month_dates_its_events_to_the_month(small_gazetteer: Any) -> None:
    """ "published": "2024-12": "on Friday" cannot be placed, and an undated capture is of that month,
    coded by its middle day as any date known to the month (its window then covers the whole month)."""
    text = "Fighters seize a town\n\nFighters captured Farah on Friday, officials said."
    article = Article(id="month1", url=None, source="Test Wire", title="Fighters seize a town", text=text,
                      published_at=date(2024, 12, 1), language="en", fetched_at=datetime(2024, 12, 20),
                      published_precision=TimePrecision.MONTH)
    extraction = next(iter(Extractor(gazetteer=small_gazetteer).pipe([article])))
    [capture] = [event for event in code_events(extraction, article) if event.location == "Farah"]
    assert (capture.event_date, capture.time_precision) == (date(2024, 12, 16), 3)



def test_a_clause_on_a_date_is_dated_that_day_not_from_it(small_gazetteer: Any) -> None:
    text = ("Militia holds the valley\n\nThe militia has held the valley since 2015, when the insurgents "
            "captured Herat from the army.")
    article = Article(id="interval2", url=None, source="Test Wire", title="Militia holds the valley",
                      text=text, published_at=datetime(2021, 8, 11, 10), language="en",
                      fetched_at=datetime(2021, 8, 11, 12))
    extraction = next(iter(Extractor(gazetteer=small_gazetteer).pipe([article])))
    captures = [(event.location, event.event_date) for event in code_events(extraction, article)
                if event.sub_event_type == "Non-state actor overtakes territory"]
    # "since 2015, when the insurgents captured Herat": the capture was in 2015, not in the week after it
    assert [(place, day.year if day else None) for place, day in captures] == [("Herat", 2015)]
