"""The relevance prefilter in ingest and reextract: set-aside articles are stored, marked, counted,
never sent to the extractor, and extracted in full with `--all`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep.cli import cli
from sitrep.cli import extraction as extraction_cli
from sitrep.cli import ingest as ingest_cli
from sitrep.config import IngestOptions
from sitrep.extract.relevance import OFF_TOPIC_REASON
from sitrep.ingest.identity import article_id
from sitrep.pipeline import extract_stored, ingest_items
from sitrep.records import Article, Extraction, OutletHome
from sitrep.store import Store, open_store

FIGHTING = ("Armed men attacked an army checkpoint at dawn; two soldiers were killed and the attackers "
            "withdrew after clashes with troops, a local official said.")
GARDENING = ("The town's garden club met on Tuesday to plan the spring flower show. Members voted to add "
             "a category for window boxes, and the library will lend its hall for the weekend. ") * 3


class RecordingExtractor:
    """An extraction runner that extracts nothing and remembers which articles it was given."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def pipe(self, articles: Iterable[Article], *,
             homes: Mapping[str, OutletHome] | None = None) -> Iterator[Extraction]:
        for article in articles:
            self.seen.append(article.id)
            yield Extraction(article_id=article.id, components=("recording.v1",))


def make(text: str) -> Article:
    return Article(id=article_id(text), text=text, published_at=date(2024, 5, 2), input="t.txt",
                   language="en")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'prefilter.db'}")
    yield opened
    opened.close()


def test_ingest_sets_aside_an_off_topic_article_stores_it_and_counts_it(store: Store) -> None:
    fighting, gardening = make(FIGHTING), make(GARDENING)
    runner = RecordingExtractor()
    summary = ingest_items([fighting, gardening], store, IngestOptions(), extractor=runner)
    assert runner.seen == [fighting.id]
    assert (summary.stored, summary.extracted) == (2, 2)
    assert summary.not_extracted == {OFF_TOPIC_REASON: 1}
    aside = store.get_extraction(gardening.id)
    assert aside is not None and aside.failure == "not-extracted: off-topic"
    kept = store.get_extraction(fighting.id)
    assert kept is not None and kept.failure is None


def test_ingest_without_the_prefilter_extracts_everything(store: Store) -> None:
    runner = RecordingExtractor()
    summary = ingest_items([make(FIGHTING), make(GARDENING)], store, IngestOptions(), extractor=runner,
                           prefilter=False)
    assert len(runner.seen) == 2 and summary.not_extracted == {}


def test_the_extractions_keep_the_order_of_the_articles(store: Store) -> None:
    articles = [make(GARDENING), make(FIGHTING), make(GARDENING + " Tea was served."),
                make(FIGHTING + " Again.")]
    runner = RecordingExtractor()
    ingest_items(articles, store, IngestOptions(), extractor=runner)
    assert runner.seen == [articles[1].id, articles[3].id]
    failures = [getattr(store.get_extraction(article.id), "failure", "missing") for article in articles]
    assert failures == [OFF_TOPIC_REASON, None, OFF_TOPIC_REASON, None]


def test_reextract_all_extracts_the_articles_set_aside(store: Store) -> None:
    gardening = make(GARDENING)
    ingest_items([gardening, make(FIGHTING)], store, IngestOptions(), extractor=RecordingExtractor())
    assert extract_stored(store, RecordingExtractor()) == 0  # both have an extraction already
    again = RecordingExtractor()
    assert extract_stored(store, again, everything=True) == 2
    assert gardening.id in again.seen
    redone = store.get_extraction(gardening.id)
    assert redone is not None and redone.failure is None


def test_reextract_of_new_articles_goes_through_the_prefilter(store: Store) -> None:
    gardening = make(GARDENING)
    ingest_items([gardening, make(FIGHTING)], store, IngestOptions())  # stored, never extracted
    runner = RecordingExtractor()
    assert extract_stored(store, runner) == 2
    assert gardening.id not in runner.seen
    aside = store.get_extraction(gardening.id)
    assert aside is not None and aside.failure == OFF_TOPIC_REASON


def test_the_ingest_command_counts_and_all_turns_the_prefilter_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = RecordingExtractor()
    monkeypatch.setattr(ingest_cli, "make_extractor", lambda config=None: runner)
    monkeypatch.setattr(extraction_cli, "make_extractor", lambda config=None: runner)
    (tmp_path / "garden.txt").write_text("date 2024-05-02\n\n" + GARDENING, encoding="utf-8")
    (tmp_path / "raid.txt").write_text("date 2024-05-02\n\n" + FIGHTING, encoding="utf-8")
    first = _run("ingest", str(tmp_path / "garden.txt"), str(tmp_path / "raid.txt"), "--db",
                 f"sqlite:///{tmp_path / 'a.db'}", "--workers", "1", "--no-fuse", "--json")
    assert json.loads(first)["not_extracted"] == {OFF_TOPIC_REASON: 1}
    table = _run("ingest", str(tmp_path / "garden.txt"), "--db", f"sqlite:///{tmp_path / 'c.db'}",
                 "--workers", "1", "--no-fuse")
    assert "not-extracted: off-topic" in table
    everything = _run("ingest", str(tmp_path / "garden.txt"), "--db", f"sqlite:///{tmp_path / 'b.db'}",
                      "--workers", "1", "--no-fuse", "--all", "--json")
    assert json.loads(everything)["not_extracted"] == {}
    runner.seen.clear()
    assert "extracted 2 articles" in _run("reextract", "--db", f"sqlite:///{tmp_path / 'a.db'}", "--all")
    assert len(runner.seen) == 2


def _run(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout
