"""Long articles: parsed in chunks with offsets into the whole text, and a per-article time budget."""

from __future__ import annotations

import dataclasses
import logging
import os
from datetime import date
from typing import Any

import pytest

from sitrep.extract import pipeline as pipeline_module
from sitrep.extract.chunks import CHUNK_CHARS, OFFSET_FIELDS, Chunk, shift, split_text
from sitrep.extract.pipeline import Extractor
from sitrep.geo.recognize import Recognised, settle_toponyms
from sitrep.geo.toponym import Toponym
from sitrep.ingest.identity import article_id
from sitrep.pipeline import extract_stored
from sitrep.records import (
    Article,
    Claim,
    EntityMention,
    EventMention,
    Extraction,
    Modality,
    PlaceMention,
    Quote,
    TimeMention,
)
from sitrep.store import Store

SMALL_CHUNK = 1_000
PARAGRAPHS = (
    "Taliban fighters captured Taloqan, the capital of Takhar province, on Sunday, officials said.",
    "\"We will not leave our homes,\" said Ahmad Karimi, a council member in Taloqan.",
    "About 5,000 families have fled Kunduz since Friday, according to the United Nations.",
    "An air strike near Herat killed at least 12 civilians on 9 August, a spokesman said.",
    "Government troops retook Pul-e Khumri after heavy fighting on Tuesday.",
)


def long_report(paragraphs: int) -> str:
    """A report of `paragraphs` paragraphs cycling through sentences written for these tests."""
    return "\n\n".join(PARAGRAPHS[n % len(PARAGRAPHS)] for n in range(paragraphs))


def make(text: str) -> Article:
    return Article(id=article_id(text), text=text, published_at=date(2021, 8, 11), input="long.txt")


@pytest.fixture(scope="module")
def chunked(small_gazetteer: Any) -> Extractor:
    return Extractor(gazetteer=small_gazetteer, chunk_chars=SMALL_CHUNK)


# --- Chunks


def test_short_text_is_one_chunk() -> None:
    assert split_text("Kabul fell.", 100) == [Chunk(0, 11)]


def test_chunks_cover_the_text_and_end_at_paragraphs() -> None:
    text = long_report(60)
    chunks = split_text(text, SMALL_CHUNK)
    assert len(chunks) > 3
    assert [c.start for c in chunks[1:]] == [c.end for c in chunks[:-1]]
    assert (chunks[0].start, chunks[-1].end) == (0, len(text))
    assert all(c.end - c.start <= SMALL_CHUNK for c in chunks)
    assert all(text[c.end - 2 : c.end] == "\n\n" for c in chunks[:-1])


def test_without_paragraphs_chunks_end_after_a_sentence_then_a_space_then_anywhere() -> None:
    sentences = " ".join(["Fighting spread to Kunduz."] * 200)
    assert all(sentences[c.end - 2 : c.end] == ". " for c in split_text(sentences, 500)[:-1])
    words = " ".join(["Kunduz"] * 400)
    assert all(words[c.end - 1] == " " for c in split_text(words, 500)[:-1])
    assert [c.end - c.start for c in split_text("x" * 1_200, 500)] == [500, 500, 200]


def test_a_text_over_spacy_limit_is_cut_below_it() -> None:
    text = long_report(12_000)
    assert len(text) > 1_000_000
    assert max(c.end - c.start for c in split_text(text)) <= CHUNK_CHARS < 1_000_000


def test_every_offset_field_of_the_records_is_shifted() -> None:
    for record in (EntityMention, PlaceMention, TimeMention, EventMention, Claim, Quote):
        names = {f.name for f in dataclasses.fields(record) if f.name.endswith(("start", "end"))}
        assert names <= OFFSET_FIELDS, record.__name__


def test_shift_moves_nested_mentions() -> None:
    actor = EntityMention("a", 3, 10, "Taliban", "ACTOR", "c")
    event = EventMention("a", 11, 19, "captured", "c", "Battles", "Armed clash", Modality.ASSERTED, 0.9,
                         actor1=actor, sentence_start=0, sentence_end=40)
    moved = shift(event, 100)
    assert (moved.start, moved.end, moved.sentence_start, moved.sentence_end) == (111, 119, 100, 140)
    assert moved.actor1 is not None and (moved.actor1.start, moved.actor1.end) == (103, 110)
    assert shift(event, 0) is event


# --- Extraction of a long article


def test_offsets_of_a_multi_chunk_article_point_into_its_text(chunked: Extractor) -> None:
    text = long_report(60)
    assert len(split_text(text, SMALL_CHUNK)) > 3
    extraction = chunked(make(text))
    assert extraction.failure is None
    kinds = ("entities", "places", "times", "events", "claims", "quotes")
    assert all(any(m.start > 3 * SMALL_CHUNK for m in getattr(extraction, kind)) for kind in kinds)
    for mention in _mentions(extraction):
        assert text[mention.start : mention.end] == mention.text, mention
    for event in extraction.events:
        assert event.sentence_start <= event.start < event.end <= event.sentence_end
        assert "\n\n" not in text[event.sentence_start : event.sentence_end].strip()
    for quote in extraction.quotes:
        assert quote.speaker_start is None or text[quote.speaker_start : quote.speaker_end] == quote.speaker
    for claim in extraction.claims:
        assert claim.attribution_start is None or claim.attributed_to == text[
            claim.attribution_start : claim.attribution_end]


def test_chunked_mentions_match_the_unchunked_extraction_paragraph_by_paragraph(
    chunked: Extractor, small_gazetteer: Any
) -> None:
    text = long_report(15)
    whole = Extractor(gazetteer=small_gazetteer)(make(text))
    parts = chunked(make(text))
    for kind in ("places", "times", "events", "claims", "quotes"):
        assert _spans(getattr(parts, kind)) == _spans(getattr(whole, kind)), kind


def test_places_are_resolved_with_the_context_of_the_whole_article(chunked: Extractor) -> None:
    paris = "Fighting was reported in Paris on Tuesday."
    quiet = "The storm season has been unusually long this year, residents said."
    texas = "Storms hit Dallas and Houston in Texas on Monday, and Dallas officials said Houston was flooded."
    text = "\n\n".join([paris] + [quiet] * 20 + [texas] * 20)
    first = split_text(text, SMALL_CHUNK)[0]
    assert "Paris" in text[first.start : first.end] and "Texas" not in text[first.start : first.end]
    alone = chunked(make(paris))
    extraction = chunked(make(text))
    assert [p.entry.country_code for p in alone.places if p.entry] == ["FR"]
    named = [p for p in extraction.places if p.text == "Paris"]
    assert [p.entry.country_code for p in named if p.entry] == ["US"]


def test_relative_dates_of_a_later_chunk_are_anchored_on_the_publication_day(chunked: Extractor) -> None:
    extraction = chunked(make(long_report(60)))
    sundays = [t for t in extraction.times if t.text == "Sunday" and t.start > 3 * SMALL_CHUNK]
    assert sundays and {t.value for t in sundays} == {"2021-08-08"}


def test_a_name_accepted_in_one_chunk_is_kept_in_the_others() -> None:
    def name(start: int, source: str = "gazetteer") -> Toponym:
        return Toponym(start, start + 6, "Farah", ("Farah",), source=source)

    first = Recognised([name(10)], {"farah"}, [])
    later = Recognised([], set(), [("farah", name(5)), ("other", name(40))]).moved(1_000)
    assert [t.start for t in settle_toponyms([first, later])] == [10, 1_005]
    assert settle_toponyms([later]) == []


# --- Budget and failures


def test_an_article_over_its_budget_is_recorded_as_failed_and_the_batch_goes_on(
    small_gazetteer: Any, caplog: pytest.LogCaptureFixture
) -> None:
    extractor = Extractor(gazetteer=small_gazetteer, budget=1e-9, chunk_chars=SMALL_CHUNK)
    caplog.set_level(logging.WARNING, logger="sitrep.extract")
    first, second = list(extractor.pipe([make(long_report(20)), make(long_report(3))]))
    for extraction in (first, second):
        assert extraction.failure is not None and "extraction budget" in extraction.failure
        assert "SITREP_EXTRACT_BUDGET" in extraction.failure
        assert not extraction.places and not extraction.events
    assert first.article_id in caplog.text


def test_an_error_in_one_article_fails_that_article_only(
    small_gazetteer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    extractor = Extractor(gazetteer=small_gazetteer)
    bad, good = make("Kabul fell on Sunday. BOOM"), make("Kabul fell on Sunday.")
    original = extractor.places.recognise

    def explode(doc: Any) -> Any:
        if "BOOM" in doc.text:
            raise ValueError("a rule broke")
        return original(doc)

    monkeypatch.setattr(extractor.places, "recognise", explode)
    failed, fine = list(extractor.pipe([bad, good]))
    assert failed.failure == "ValueError: a rule broke"
    assert fine.failure is None and [p.text for p in fine.places] == ["Kabul"]


def test_a_failed_extraction_is_stored_with_its_reason_and_not_retried(
    store: Store, small_gazetteer: Any
) -> None:
    article = make(long_report(20))
    store.save_batch([article], [])
    extractor = Extractor(gazetteer=small_gazetteer, budget=1e-9, chunk_chars=SMALL_CHUNK)
    assert extract_stored(store, extractor) == 1
    stored = store.get_extraction(article.id)
    assert stored is not None and stored.failure is not None and "budget" in stored.failure
    assert extract_stored(store, extractor) == 0


def test_the_budget_setting_must_be_a_positive_number(
    small_gazetteer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sitrep.config import ExtractionConfig
    from sitrep.errors import ConfigError

    monkeypatch.setenv("SITREP_EXTRACT_BUDGET", "45.5")
    assert ExtractionConfig.from_environment().budget == 45.5
    assert Extractor(gazetteer=small_gazetteer).budget == 45.5, "a library caller's default: the environment"
    for wrong in ("soon", "0", "-3"):
        monkeypatch.setenv("SITREP_EXTRACT_BUDGET", wrong)
        with pytest.raises(ConfigError, match="SITREP_EXTRACT_BUDGET"):
            ExtractionConfig.from_environment()


def _mentions(extraction: Extraction) -> list[Any]:
    """Every mention of an extraction, with those nested in events."""
    found: list[Any] = [*extraction.entities, *extraction.places, *extraction.times, *extraction.events,
                        *extraction.claims, *extraction.quotes]
    for event in extraction.events:
        found += [part for part in (event.actor1, event.actor2, event.location, event.time) if part]
    return found


def _spans(mentions: tuple[Any, ...]) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.text) for m in mentions]


def test_a_long_articles_chunks_are_parsed_on_every_core_with_the_same_result(
        chunked: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    text = long_report(60)
    assert len(split_text(text, SMALL_CHUNK)) >= 4
    monkeypatch.setattr(pipeline_module, "PARALLEL_MIN_CHUNKS", 10_000)
    serial = chunked(make(text))
    monkeypatch.setattr(pipeline_module, "PARALLEL_MIN_CHUNKS", 2)
    cores = min(pipeline_module.MAX_PARSE_PROCESSES, os.cpu_count() or 1)
    assert pipeline_module.parse_processes(4) == cores
    assert pipeline_module.parse_processes(1) == 1
    assert chunked(make(text)) == serial
