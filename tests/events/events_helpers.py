"""Shared helpers for the event tests: one parse per text, stand-in places and times from spaCy."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from sitrep.extract.actors import ActorTagger
from sitrep.extract.coding import code_events
from sitrep.extract.events import EventExtractor
from sitrep.extract.nlp import load_model
from sitrep.extract.pipeline import Extractor
from sitrep.records import Article, EventMention, PlaceMention, TimeMention, TimePrecision

ARTICLE = "test-article"
PLACE_LABELS = ("GPE", "LOC", "FAC")
# A stand-in for the gazetteer: town names the small English model often tags as persons.
KNOWN_PLACES = (
    "Kunduz",
    "Herat",
    "Kandahar",
    "Kabul",
    "Jalalabad",
    "Mosul",
    "Goma",
    "Karvand",
    "Baghlan",
    "Zaranj",
    "Aleppo",
    "Badakhshan",
    "Helmand",
    "Sarvan",
    "Pul-e-Khumri",
    "Mazar-i-Sharif",
)


@lru_cache(maxsize=256)
def parse(text: str) -> Doc:
    """The spaCy parse of `text` (cached: the tests read the same sentences many times)."""
    return load_model()(text)


@lru_cache(maxsize=1)
def tagger() -> ActorTagger:
    """The actor tagger with the shipped dictionary."""
    return ActorTagger()


@lru_cache(maxsize=1)
def extractor() -> EventExtractor:
    """The event extractor with the shipped ontology and actors."""
    return EventExtractor()


def places_of(doc: Doc) -> tuple[PlaceMention, ...]:
    """Unresolved place mentions: spaCy's place entities plus the stand-in list of town names."""
    spans = {(e.start_char, e.end_char) for e in doc.ents if e.label_ in PLACE_LABELS}
    for name in KNOWN_PLACES:
        for match in re.finditer(rf"\b{re.escape(name)}\b", doc.text):
            if not any(start < match.end() and match.start() < end for start, end in spans):
                spans.add((match.start(), match.end()))
    return tuple(
        PlaceMention(ARTICLE, start, end, doc.text[start:end], "test.places") for start, end in sorted(spans)
    )


def times_of(doc: Doc) -> tuple[TimeMention, ...]:
    """Time mentions built from spaCy's DATE/TIME entities, without values."""
    return tuple(
        TimeMention(ARTICLE, e.start_char, e.end_char, e.text, "test.times", None, TimePrecision.UNKNOWN)
        for e in doc.ents
        if e.label_ in ("DATE", "TIME")
    )


def events_in(text: str, extractor_: EventExtractor | None = None) -> tuple[EventMention, ...]:
    """The event mentions of `text`, with spaCy stand-ins for places and times."""
    doc = parse(text)
    chosen = extractor_ or extractor()
    return chosen(doc, ARTICLE, entities=tagger()(doc, ARTICLE), places=places_of(doc), times=times_of(doc))


def located(events: tuple[EventMention, ...], sub_event_type: str) -> list[str]:
    """The location names of the events of one sub-event type, in text order."""
    return [e.location.text for e in events if e.sub_event_type == sub_event_type and e.location is not None]


def territory(events: tuple[EventMention, ...]) -> list[EventMention]:
    """The events the control map takes."""
    names = {
        "Non-state actor overtakes territory",
        "Government regains territory",
        "Non-violent transfer of territory",
    }
    return [e for e in events if e.sub_event_type in names]


# Each coded event's place: its day and ACLED time precision.
Days = dict[str, tuple[date | None, int | None]]


def coded_days(gazetteer: Any, article_id: str, title: str, body: str) -> Days:
    """The coded events of a report of Wednesday 11 August 2021 (`title`, then `body`), by place."""
    article = Article(id=article_id, url=None, source="Test Wire", title=title, text=f"{title}\n\n{body}",
                      published_at=datetime(2021, 8, 11, 10), language="en",
                      fetched_at=datetime(2021, 8, 11, 12))
    extraction = next(iter(Extractor(gazetteer=gazetteer).pipe([article])))
    return {event.location or "": (event.event_date, event.time_precision)
            for event in code_events(extraction, article)}
