"""A date inside a clause on another noun ("the push that began on Friday") does not date the event."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from sitrep.extract.coding import code_events
from sitrep.extract.pipeline import Extractor
from sitrep.records import Article

Days = dict[str, tuple[date | None, int | None]]


@pytest.fixture(scope="module")
def coded(small_gazetteer: Any) -> Days:
    """Each captured place of a report of Wednesday 11 August 2021: its day and ACLED time precision."""
    text = ("Insurgents take Taloqan\n\nThe capture of Taloqan came after a campaign that began on "
            "Friday in the hills. The insurgents captured Fayzabad on Monday.")
    extractor = Extractor(gazetteer=small_gazetteer)
    article = Article(id="clause1", url=None, source="Test Wire", title="Insurgents take Taloqan",
                      text=text, published_at=datetime(2021, 8, 11, 10), language="en",
                      fetched_at=datetime(2021, 8, 11, 12))
    extraction = next(iter(extractor.pipe([article])))
    return {event.location or "": (event.event_date, event.time_precision)
            for event in code_events(extraction, article)}


def test_the_day_of_a_clause_on_another_noun_is_not_the_events(coded: Days) -> None:
    assert coded["Taloqan"][0] != date(2021, 8, 6)  # Friday is when the campaign began


def test_the_events_own_day_still_dates_it(coded: Days) -> None:
    assert coded["Fayzabad"] == (date(2021, 8, 9), 1)
