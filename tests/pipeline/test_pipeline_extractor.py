"""The whole extraction pipeline on an article written for this test, with the tiny gazetteer."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sitrep.config import IngestOptions
from sitrep.errors import ConfigError
from sitrep.extract.coding import code_events
from sitrep.extract.pipeline import Extractor, Step, check_order
from sitrep.ingest.finish import finish_article
from sitrep.ingest.text import read_text
from sitrep.records import Article, CodedEvent, Extraction, Modality

REPORT = """date 2021-08-11
source: Valley Post

Taliban take Taloqan as northern defences crumble
Taliban fighters captured Taloqan, the capital of Takhar province, on Sunday, two officials said.

The group also threatened to take Kabul before the end of the month.

"We will not leave our homes," said Ahmad Karimi, a council member in Taloqan.

About 5,000 families have fled the city since Friday, according to the United Nations.
"""
CAPTURE = "Non-state actor overtakes territory"


@pytest.fixture(scope="module")
def extracted(small_gazetteer: Any) -> tuple[Article, Extraction, tuple[CodedEvent, ...]]:
    article = finish_article(read_text(REPORT, input_name="taloqan.txt"), IngestOptions())
    extraction = Extractor(gazetteer=small_gazetteer)(article)
    return article, extraction, code_events(extraction, article)


def test_capture_is_coded_with_place_date_and_actor(extracted: Any) -> None:
    _, _, coded = extracted
    body = [e for e in coded if e.sub_event_type == CAPTURE and e.trigger == "captured"]
    assert len(body) == 1
    (event,) = body
    assert (event.location, event.admin1, event.country) == ("Taloqan", "Takhar", "Afghanistan")
    assert (event.event_date, event.time_precision) == (date(2021, 8, 8), 1)
    assert event.actor1 == "Taliban"
    assert event.modality in {Modality.ASSERTED, Modality.REPORTED}
    assert event.latitude == pytest.approx(36.7361)


def test_a_threat_is_not_a_capture(extracted: Any) -> None:
    _, _, coded = extracted
    kabul = [e for e in coded if e.location == "Kabul" and e.sub_event_type == CAPTURE]
    assert kabul
    assert all(e.modality is Modality.THREATENED for e in kabul)


def test_quote_and_claim_are_attributed(extracted: Any) -> None:
    _, extraction, _ = extracted
    (quote,) = extraction.quotes
    assert (quote.text, quote.speaker, quote.verb) == ("We will not leave our homes", "Ahmad Karimi", "said")
    families = [c for c in extraction.claims if c.unit == "families"]
    assert [(c.value, c.attributed_to) for c in families] == [(5000.0, "the United Nations")]


def test_every_mention_points_at_its_words(extracted: Any) -> None:
    article, extraction, _ = extracted
    mentions = [*extraction.entities, *extraction.places, *extraction.times, *extraction.events,
                *extraction.claims, *extraction.quotes]
    assert mentions
    for mention in mentions:
        assert article.text[mention.start:mention.end] == mention.text
        assert mention.article_id == article.id
        assert mention.component in extraction.components


def test_components_are_named_and_versioned(extracted: Any) -> None:
    _, extraction, _ = extracted
    names = {name.rsplit(".v", 1)[0] for name in extraction.components}
    assert {"sitrep.places.gazetteer", "sitrep.dates.rules", "sitrep.events.rules",
            "sitrep.actors.dictionary", "sitrep.claims.rules", "sitrep.quotes.rules"} <= names


def test_unknown_publication_date_leaves_relative_dates_unresolved(small_gazetteer: Any) -> None:
    undated = REPORT.replace("date 2021-08-11\n", "")
    article = finish_article(read_text(undated, input_name="undated.txt"), IngestOptions())
    extraction = Extractor(gazetteer=small_gazetteer)(article)
    sunday = [t for t in extraction.times if t.text == "Sunday"]
    assert sunday and sunday[0].value is None
    assert all(e.event_date is None for e in code_events(extraction, article))


def test_steps_out_of_order_are_refused() -> None:
    def nothing(*_args: object) -> tuple[()]:
        return ()

    steps = [Step("events.v1", ("places",), "events", nothing), Step("places.v1", (), "places", nothing)]
    with pytest.raises(ConfigError, match=r"events\.v1 needs places"):
        check_order(steps)
