"""Extractions and coded events in the store, on both backends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sitrep.extract.coding import code_events
from sitrep.records import (
    Article,
    EntityMention,
    EventMention,
    Extraction,
    GeoEntry,
    Modality,
    PlaceMention,
    TimeMention,
    TimePrecision,
)
from sitrep.store import EventQuery, Store

KARVAND = GeoEntry(9001, "Karvand", 36.1, 68.2, "AF", "Afghanistan", "03", "Baghlan", "P", "PPLA", 40000)
COMPONENT = "test.v1"


def _extraction(article: Article, *, modality: Modality = Modality.ASSERTED) -> Extraction:
    place = PlaceMention(article.id, 22, 29, "Karvand", COMPONENT, KARVAND, (KARVAND,), 0.9, 1)
    day = TimeMention(article.id, 30, 39, "on Monday", COMPONENT, "2021-08-09", TimePrecision.DAY,
                      date(2021, 8, 9), date(2021, 8, 9))
    actor = EntityMention(article.id, 0, 8, "Fighters", "NORP", COMPONENT, "Taliban", "Rebel group")
    event = EventMention(article.id, 9, 16, "entered", COMPONENT, "Battles",
                         "Non-state actor overtakes territory", modality, 0.8, actor1=actor,
                         location=place, time=day, sentence_start=0, sentence_end=40)
    return Extraction(article.id, (COMPONENT,), (actor,), (place,), (day,), (event,))


def test_extraction_round_trips(store: Store, sample_articles: list[Article]) -> None:
    article = sample_articles[0]
    store.save_batch([article], [])
    extraction = _extraction(article)
    store.save_extractions([(extraction, code_events(extraction, article))])
    assert store.get_extraction(article.id) == extraction
    assert store.get_extraction(sample_articles[1].id) is None


def test_events_are_coded_and_filtered(store: Store, sample_articles: list[Article]) -> None:
    first, second = sample_articles[0], sample_articles[1]
    store.save_batch([first, second], [])
    items = [(_extraction(first), code_events(_extraction(first), first)),
             (_extraction(second, modality=Modality.THREATENED),
              code_events(_extraction(second, modality=Modality.THREATENED), second))]
    store.save_extractions(items)
    (event,) = store.list_events(EventQuery(country="af"))
    assert (event.location, event.admin1, event.event_date, event.time_precision) == (
        "Karvand", "Baghlan", date(2021, 8, 9), 1)
    assert (event.actor1, event.actor1_type, event.source) == ("Taliban", "Rebel group", "Valley Post")
    assert event.notes == first.text[0:40]
    everything = EventQuery(modalities=())
    assert store.count_events(everything) == 2
    assert store.count_events(replace(everything, actor="tali", since=date(2021, 8, 9))) == 2
    assert store.count_events(replace(everything, country="Iraq")) == 0


def test_reextracting_replaces_the_events(store: Store, sample_articles: list[Article]) -> None:
    article = sample_articles[0]
    store.save_batch([article], [])
    extraction = _extraction(article)
    store.save_extractions([(extraction, code_events(extraction, article))])
    store.save_extractions([(extraction, code_events(extraction, article))])
    assert store.count_events(EventQuery()) == 1


def test_articles_without_extraction(store: Store, sample_articles: list[Article]) -> None:
    store.save_batch(sample_articles, [])
    extraction = _extraction(sample_articles[0])
    store.save_extractions([(extraction, ())])
    pending = {article.id for article in store.iter_articles(without_extraction=True)}
    assert pending == {sample_articles[1].id, sample_articles[2].id}
    assert len(list(store.iter_articles())) == 3
