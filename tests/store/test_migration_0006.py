"""Migration 0006: dated rows get day precision, placeholder dates become unknown; fusion survives them."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from test_migration_0005 import _engine_url, _migrate

from sitrep.records import TimePrecision
from sitrep.store import open_store, upgrade_store
from sitrep.store.migrate import head_revision

ROOT = Path(__file__).resolve().parents[2]
ROWS = {"a" * 16: "2021-08-11", "b" * 16: "0001-01-01", "c" * 16: "9999-12-31T23:59:59", "d" * 16: None}


def _store_at_0005(url: str) -> None:
    _migrate(url, "0005")
    engine = create_engine(_engine_url(url))
    with engine.begin() as connection:
        for article_id, published in ROWS.items():
            connection.execute(text(
                "insert into articles (id, text, published, published_date, language_detected, is_summary,"
                " input, format, ingested_at) values (:id, :text, :published, :day, false, false, 'x.txt',"
                " 'text', '2024-05-01 08:00:00')"),
                {"id": article_id, "text": f"Harbor note {article_id}.", "published": published,
                 "day": published[:10] if published else None})
    engine.dispose()


def test_0006_nulls_placeholder_dates_and_marks_the_rest_day_precise(store_url: str) -> None:
    _store_at_0005(store_url)
    assert upgrade_store(store_url) == ("0005", head_revision())
    store = open_store(store_url)
    try:
        found = {article.id: (article.published_at, article.published_precision) for article in
                 store.iter_articles()}
    finally:
        store.close()
    assert found == {"a" * 16: (date(2021, 8, 11), TimePrecision.DAY), "b" * 16: (None, None),
                     "c" * 16: (None, None), "d" * 16: (None, None)}


def test_a_placeholder_date_already_stored_reads_as_unknown(store_url: str) -> None:
    upgrade_store(store_url)
    engine = create_engine(_engine_url(store_url))
    with engine.begin() as connection:
        connection.execute(text(
            "insert into articles (id, text, published, published_date, language_detected, is_summary,"
            " input, format, ingested_at) values ('e', 'Old row.', '0001-01-01', '0001-01-01', false, false,"
            " 'x.txt', 'text', '2024-05-01 08:00:00')"))
    engine.dispose()
    store = open_store(store_url)
    try:
        assert [a.published_at for a in store.iter_articles()] == [None]
    finally:
        store.close()


def _sitrep(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sitrep", *args], capture_output=True, text=True,
                          timeout=600, check=False)


@pytest.mark.slow
def test_fusion_over_the_examples_and_placeholder_dates_succeeds(tmp_path: Path) -> None:
    folder = tmp_path / "placeholders"
    folder.mkdir()
    for number, published in enumerate(["0001-01-01", "9999-12-31", "0001-01-01T00:00:00+05:00", "2021-08"]):
        (folder / f"p{number}.txt").write_text(
            f"date {published}\nTaliban fighters captured Kunduz on Sunday after heavy fighting, "
            f"officials said in report {number}.\n")
    db = f"sqlite:///{tmp_path}/fused.db"
    ingested = _sitrep("ingest", str(ROOT / "examples" / "afghanistan-2021"), str(folder), "--db", db, "-q")
    assert ingested.returncode == 0, ingested.stderr
    engine = create_engine(db)
    with engine.begin() as connection:  # as a store written before 0006 could hold them
        connection.execute(text("update articles set published = '0001-01-01', published_date = '0001-01-01'"
                                " where input like '%p1.txt'"))
        connection.execute(text("update events set event_date = '9999-12-31' where id in"
                                " (select min(id) from events)"))
        dated = connection.execute(text("select count(*) from articles where published_date < '1900-01-01'"
                                        " and input not like '%p1.txt'")).scalar()
    engine.dispose()
    assert dated == 0
    fused = _sitrep("fuse", "--all", "--db", db)
    assert fused.returncode == 0, fused.stderr
    assert "Traceback" not in fused.stderr
