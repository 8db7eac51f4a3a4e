"""A row the database refuses costs that one document, never its batch; text is storable on both backends."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text

from conftest import make_article
from sitrep.config import IngestOptions
from sitrep.errors import StoreError
from sitrep.pipeline import ingest, ingest_items
from sitrep.records import Article, Skipped, SkipReason
from sitrep.store import Store, open_store

GOOD = 200


def _good(number: int) -> Article:
    return make_article(f"The patrol crossed the Saltmarsh bridge at noon, report {number} said.",
                        title=f"Patrol {number}", source="Harbor Sentinel", input=f"good-{number}.txt")


def test_one_refused_article_among_200_good_ones_costs_only_itself(store: Store) -> None:
    # a fetch time near year 1 in a time zone ahead of UTC cannot be stored as UTC on any backend
    bad = make_article("A report whose fetch time is a placeholder.", input="bad.json",
                       fetched_at=datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))))
    items = [*(_good(n) for n in range(GOOD // 2)), bad, *(_good(n) for n in range(GOOD // 2, GOOD))]
    summary = ingest_items(items, store, IngestOptions(batch_size=500))
    assert summary.stored == GOOD
    assert [(item.input, item.reason) for item in summary.skipped] == [("bad.json", SkipReason.UNSTORABLE)]
    assert "bad.json" in summary.skipped[0].detail
    assert store.count_articles() == GOOD
    assert [entry.input for entry in store.list_skipped("unstorable")] == ["bad.json"]


def test_one_bad_file_among_200_good_files_loses_nothing(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "reports"  # not beside the SQLite file
    folder.mkdir()
    for number in range(GOOD):
        (folder / f"good-{number:03d}.txt").write_text(f"date 2021-08-11\n{_good(number).text}\n")
    record = {"text": "Lone surrogate \ud800 and NUL \x00 in one report.", "source": "S\x00" * 300,
              "url": "http://[::1", "published": "0001-01-01"}
    (folder / "good-100-bad.json").write_text(json.dumps(record))
    summary = ingest([str(folder)], store, IngestOptions(batch_size=500))
    assert summary.stored == GOOD + 1
    assert summary.skipped == []
    stored = store.get_article(next(a.id for a in store.iter_articles() if a.input.endswith("bad.json")))
    assert stored.url is None and stored.published_at is None
    assert stored.source == "S" * 200 and "\x00" not in stored.text


def test_nul_surrogates_and_long_outlets_written_directly_are_cleaned(store: Store) -> None:
    article = make_article("NUL \x00 here and a lone half \udc00 there.", title="T\x00", source="O" * 250,
                           published_at=date(1, 1, 1), input="direct\x00.txt")
    result = store.save_batch([article], [])
    assert result.stored == (article.id,) and result.skipped == ()
    stored = store.get_article(article.id)
    assert stored.text == "NUL  here and a lone half \ufffd there."
    assert (stored.title, stored.source, stored.input) == ("T", "O" * 200, "direct.txt")
    assert stored.published_at is None


def test_a_store_that_cannot_be_written_is_still_an_error(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/gone.db")
    try:
        with store.engine.begin() as connection:  # type: ignore[attr-defined]
            connection.execute(text("drop table skipped"))
        with pytest.raises(StoreError, match="could not write"):
            store.save_batch([_good(1)], [Skipped("x.txt", SkipReason.EMPTY, "x.txt is empty")])
    finally:
        store.close()


def test_the_fetch_time_of_a_good_article_is_kept(store: Store) -> None:
    fetched = datetime(2021, 8, 12, 6, 0, tzinfo=UTC)
    article = make_article("Ferry service resumed after the storm.", fetched_at=fetched)
    store.save_batch([article], [])
    assert store.get_article(article.id).fetched_at == fetched
