"""Words that are not the event they look like: describing participles, destinations, places as actors."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from sitrep.extract.pipeline import Extractor
from sitrep.records import Article, EventMention


@pytest.fixture(scope="module")
def events_of(small_gazetteer: Any) -> Any:
    """A function from a text (a report of 11 August 2021) to its event mentions."""
    extractor = Extractor(gazetteer=small_gazetteer)

    def run(text: str) -> tuple[EventMention, ...]:
        article = Article(id="notev", url=None, source="Test Wire", title="Report", text="Report\n\n" + text,
                          published_at=datetime(2021, 8, 11, 9), language="en",
                          fetched_at=datetime(2021, 8, 11, 10))
        return next(iter(extractor.pipe([article]))).events

    return run


def test_a_participle_describing_troops_is_no_surrender(events_of: Any) -> None:
    events = events_of("Rights groups condemned reports of the killing of surrendering soldiers near Farah.")
    assert "Surrender" not in {event.sub_event_type for event in events}


def test_where_the_displaced_went_is_not_where_the_fighting_was(events_of: Any) -> None:
    events = events_of("Fighting raged across the north, officials said, and thousands of families fled, "
                       "most seeking refuge in Kabul.")
    places = {event.location.text for event in events if event.location is not None}
    assert "Kabul" not in places


def test_a_province_named_in_a_sentence_is_no_actor(events_of: Any) -> None:
    events = events_of("Troops from Taloqan, the capital of Takhar had retreated to the hills "
                       "three days ago.")
    actors = {event.actor1.text for event in events if event.actor1 is not None}
    assert "Takhar" not in actors


def test_a_crowd_storming_a_place_takes_no_ground(events_of: Any) -> None:
    events = events_of("Thousands of Afghans stormed the airport in Kabul on Monday. Crowds of residents "
                       "stormed the governor's office in Farah. Taliban fighters stormed Taloqan on Monday.")
    taken = {event.location.text for event in events
             if event.location is not None and "territory" in event.sub_event_type}
    assert taken == {"Taloqan"}


def test_money_withdrawn_and_animals_killed_are_no_conflict_events(events_of: Any) -> None:
    events = events_of("On Friday a pensioner went to the bank to withdraw cash from his savings. "
                       "Some 40,000 deer were killed by hunters in the province this season, officials said. "
                       "Two farmers were killed and two others wounded when gunmen attacked Farah on Friday.")
    found = [(event.sub_event_type, event.fatalities) for event in events]
    assert "Troop withdrawal" not in {kind for kind, _ in found}
    assert 40_000 not in {fatalities for _, fatalities in found}
    assert any(fatalities == 2 for _, fatalities in found)
