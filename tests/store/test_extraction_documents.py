"""Stored extractions: compact documents, candidate places as gazetteer ids, old documents readable."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from sitrep.codec import from_jsonable, to_jsonable
from sitrep.extract.coding import code_events
from sitrep.geo.gazetteer import Gazetteer
from sitrep.records import (
    Article,
    EntityMention,
    EventMention,
    Extraction,
    GeoEntry,
    Modality,
    PlaceMention,
)
from sitrep.store import Store
from sitrep.store.article_rows import extraction_document, extraction_from_document
from sitrep.store.schema import extractions

COMPONENT = "test.v1"
# No gazetteer holds this one: it must be stored whole.
INVENTED = GeoEntry(990001, "Lowmarsh", 10.5, 20.25, "ZZ", "Nowhereland", "01", "Fenside", "P", "PPL", 120)


@pytest.fixture
def gazetteer(small_gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> Gazetteer:
    """The tiny test gazetteer, made the default one of the process."""
    monkeypatch.setenv("SITREP_GAZETTEER", str(small_gazetteer.path))
    return small_gazetteer


def _two_entries(gazetteer: Gazetteer) -> tuple[GeoEntry, GeoEntry]:
    ids = [row[0] for row in gazetteer.connection.execute(
        "select geonameid from entries order by population desc, geonameid limit 2")]
    first, second = (gazetteer.get(geonameid) for geonameid in ids)
    assert first is not None and second is not None
    return first, second


def _extraction(article_id: str, entry: GeoEntry, candidates: tuple[GeoEntry, ...]) -> Extraction:
    place = PlaceMention(article_id, 20, 28, entry.name, COMPONENT, entry, candidates, 0.75, 1)
    actor = EntityMention(article_id, 0, 8, "Fighters", "NORP", COMPONENT)
    event = EventMention(article_id, 9, 16, "crossed", COMPONENT, "Battles", "Armed clash",
                         Modality.ASSERTED, 0.8, actor1=actor, location=place,
                         sentence_start=0, sentence_end=40)
    return Extraction(article_id, (COMPONENT,), (actor,), (place,), events=(event,))


def _candidates_as_stored(document: str) -> list[Any]:
    return json.loads(document)["places"][0]["candidates"]  # type: ignore[no-any-return]


def test_candidates_known_to_the_gazetteer_are_stored_as_ids(gazetteer: Gazetteer) -> None:
    first, second = _two_entries(gazetteer)
    extraction = _extraction("a1", first, (first, second, INVENTED))
    document = extraction_document(extraction)
    stored = _candidates_as_stored(document)
    assert stored[:2] == [first.geonameid, second.geonameid]
    assert stored[2]["name"] == "Lowmarsh"  # unknown to the gazetteer: whole
    assert json.loads(document)["places"][0]["entry"]["name"] == first.name  # the pick stays whole
    assert json.loads(document)["events"][0]["location"]["candidates"][0] == first.geonameid
    assert extraction_from_document(document) == extraction


def test_an_entry_that_differs_from_the_gazetteer_is_stored_whole(gazetteer: Gazetteer) -> None:
    first, _ = _two_entries(gazetteer)
    changed = replace(first, population=first.population + 1)
    extraction = _extraction("a1", changed, (changed,))
    document = extraction_document(extraction)
    assert _candidates_as_stored(document)[0]["population"] == changed.population
    assert extraction_from_document(document) == extraction


def test_defaults_are_left_out_and_filled_back(gazetteer: Gazetteer) -> None:
    first, _ = _two_entries(gazetteer)
    extraction = _extraction("a1", first, ())
    document = json.loads(extraction_document(extraction))
    assert "failure" not in document and "times" not in document
    assert "candidates" not in document["places"][0] and "actor" not in document["entities"][0]
    assert extraction_from_document(json.dumps(document)) == extraction


def test_the_compact_document_is_much_smaller(gazetteer: Gazetteer) -> None:
    first, second = _two_entries(gazetteer)
    extraction = _extraction("a1", first, (first, second) * 5)
    whole = json.dumps(to_jsonable(extraction), ensure_ascii=False)
    assert len(extraction_document(extraction)) < len(whole) / 2


def test_without_a_gazetteer_candidates_are_stored_whole(
    small_gazetteer: Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _two_entries(small_gazetteer)
    extraction = _extraction("a1", first, (first, second))
    monkeypatch.setenv("SITREP_GAZETTEER", str(tmp_path / "absent.sqlite"))
    document = extraction_document(extraction)
    assert all(isinstance(item, dict) for item in _candidates_as_stored(document))
    assert extraction_from_document(document) == extraction
    assert not (tmp_path / "absent.sqlite").exists()  # never built by the store


def test_ids_read_without_the_gazetteer_leave_the_candidates_out(
    gazetteer: Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _two_entries(gazetteer)
    document = extraction_document(_extraction("a1", first, (first, second)))
    monkeypatch.setenv("SITREP_GAZETTEER", str(tmp_path / "absent.sqlite"))
    (place,) = extraction_from_document(document).places
    assert place.entry == first and place.candidates == ()


def test_ids_without_a_dereference_are_left_out() -> None:
    data = {"article_id": "a1", "start": 0, "end": 4, "text": "Town", "component": COMPONENT,
            "candidates": [5, {"geonameid": 6, "name": "Town", "latitude": 1.0, "longitude": 2.0,
                               "country_code": "ZZ", "country": "Nowhereland"}]}
    place = from_jsonable(PlaceMention, data)
    assert [entry.geonameid for entry in place.candidates] == [6]
    found = from_jsonable(PlaceMention, data, dereference=lambda kind, key: replace(INVENTED, geonameid=key))
    assert [entry.geonameid for entry in found.candidates] == [5, 6]


def test_store_round_trips_and_reads_the_previous_encoding(
    gazetteer: Gazetteer, store: Store, sample_articles: list[Article]
) -> None:
    first, second = _two_entries(gazetteer)
    new, old = sample_articles[0], sample_articles[1]
    store.save_batch([new, old], [])
    written = _extraction(new.id, first, (first, second, INVENTED))
    store.save_extractions([(written, code_events(written, new))])
    assert store.get_extraction(new.id) == written
    # A document as the previous version wrote it: every field, every candidate entry whole.
    previous = _extraction(old.id, second, (second, first, INVENTED))
    with store.engine.begin() as connection:  # type: ignore[attr-defined]
        connection.execute(insert(extractions), [{
            "article_id": old.id, "components": COMPONENT, "extracted_at": datetime.now(UTC),
            "data": json.dumps(to_jsonable(previous), ensure_ascii=False)}])
    assert store.get_extraction(old.id) == previous
