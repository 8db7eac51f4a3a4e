"""A date inside a clause on another noun ("the push that began on Friday") does not date the event."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from events_helpers import Days, coded_days


@pytest.fixture(scope="module")
def coded(small_gazetteer: Any) -> Days:
    """Each captured place of a report of Wednesday 11 August 2021: its day and ACLED time precision."""
    body = ("The capture of Taloqan came after a campaign that began on "
            "Friday in the hills. The insurgents captured Fayzabad on Monday.")
    return coded_days(small_gazetteer, "clause1", "Insurgents take Taloqan", body)


def test_the_day_of_a_clause_on_another_noun_is_not_the_events(coded: Days) -> None:
    assert coded["Taloqan"][0] != date(2021, 8, 6)  # Friday is when the campaign began


def test_the_events_own_day_still_dates_it(coded: Days) -> None:
    assert coded["Fayzabad"] == (date(2021, 8, 9), 1)
