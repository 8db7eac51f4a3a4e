"""The bundled example corpus ingests as `docs/example-corpus.md` says it should."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.config import IngestOptions
from sitrep.pipeline import ingest
from sitrep.records import IngestSummary
from sitrep.store import ArticleQuery, Store, open_store

CORPUS = Path(__file__).parents[1] / "examples" / "afghanistan-2021"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[IngestSummary, Store]:
    database = tmp_path_factory.mktemp("examples") / "examples.db"
    store = open_store(f"sqlite:///{database}")
    return ingest([str(CORPUS)], store, IngestOptions()), store


def test_totals(ingested: tuple[IngestSummary, Store]) -> None:
    summary, store = ingested
    assert (summary.read, summary.stored, len(summary.duplicates), len(summary.skipped)) == (47, 37, 1, 9)
    assert store.count_articles() == 37


def test_skips_by_reason(ingested: tuple[IngestSummary, Store]) -> None:
    summary, _ = ingested
    assert summary.skipped_by_reason() == {
        "empty": 2, "binary": 1, "undecodable": 1, "truncated-gzip": 1, "invalid-json": 1,
        "missing-text": 1, "bad-date": 2,
    }
    inputs = {Path(item.input.split(":")[0]).name for item in summary.skipped}
    assert inputs == {"empty.txt", "whitespace-only.txt", "scan.txt", "latin-garbage.txt",
                      "cut-off.jsonl.gz", "mixed.jsonl", "no-date-format.txt"}


def test_the_duplicate_is_the_later_copy(ingested: tuple[IngestSummary, Store]) -> None:
    summary, store = ingested
    (duplicate,) = summary.duplicates
    assert duplicate.input.endswith("wire-digest.jsonl.gz:1")
    assert store.get_article(duplicate.article_id).input.endswith("global-desk.jsonl:3")


def test_languages_summaries_and_unknown_dates(ingested: tuple[IngestSummary, Store]) -> None:
    _, store = ingested
    articles = store.list_articles(ArticleQuery(limit=None))
    assert sum(a.language == "fr" for a in articles) == 2
    assert sum(a.language == "en" for a in articles) == 35
    assert sum(a.is_summary for a in articles) == 2
    undated = sorted(Path(a.input).name for a in articles if a.published_at is None)
    assert undated == ["kabul-ledger-undated-displaced-families.txt", "no-header-herat-defences.txt",
                       "pamir-post-lashkar-gah-air-strikes.html"]


def test_outlets_come_from_metadata(ingested: tuple[IngestSummary, Store]) -> None:
    _, store = ingested
    articles = store.list_articles(ArticleQuery(limit=None))
    by_file = {Path(a.input.split("#")[0].split(":")[0]).name: a for a in articles}
    assert by_file["kabul-ledger-2021-08-08-kunduz.txt"].source == "Kabul Ledger"
    assert by_file["central-asia-monitor.atom"].source == "Central Asia Monitor"
    assert by_file["no-header-herat-defences.txt"].source is None
    dated = by_file["kabul-ledger-2021-08-08-kunduz.txt"].published_on
    assert dated is not None and dated.isoformat() == "2021-08-08"
