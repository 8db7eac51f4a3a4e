"""Killing `sitrep ingest` mid-run loses no committed article and leaves no half-written one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from sitrep.ingest.identity import article_id
from sitrep.store import ArticleQuery, open_store

BATCH = 40
RECORDS = 6000
WAIT_SECONDS = 60


def _write_corpus(path: Path) -> list[dict[str, str]]:
    records = []
    for number in range(RECORDS):
        body = " ".join(
            f"Report {number}: patrol {number % 97} crossed checkpoint {part} near the ridge road."
            for part in range(20)
        )
        records.append({"title": f"Patrol report {number}", "text": body, "language": "en",
                        "published": f"2021-08-{1 + number % 15:02d}", "source": "Ridge Wire"})
    path.write_text("\n".join(json.dumps(record) for record in records) + "\n", encoding="utf-8")
    return records


def _count(url: str) -> int:
    try:
        store = open_store(url, create=False)
    except Exception:  # noqa: BLE001 - the schema may not exist yet while the child starts
        return 0
    try:
        return store.count_articles()
    finally:
        store.close()


@pytest.mark.slow
def test_kill_during_ingest_keeps_whole_batches(tmp_path: Path, store_url: str) -> None:
    records = _write_corpus(tmp_path / "patrols.jsonl")
    child = subprocess.Popen(
        [sys.executable, "-m", "sitrep", "ingest", str(tmp_path / "patrols.jsonl"), "--db", store_url,
         "--batch-size", str(BATCH), "--no-extract", "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + WAIT_SECONDS
    seen = 0
    while seen < 3 * BATCH and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.02)
        seen = _count(store_url)
    assert child.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()

    store = open_store(store_url, create=False)
    stored = store.list_articles(ArticleQuery(limit=None))
    store.close()
    print(f"seen {seen} before the kill, {len(stored)} stored after it")
    assert len(stored) >= seen
    assert len(stored) < RECORDS
    assert len(stored) % BATCH == 0, "a batch was half written"
    expected = {article_id(r["text"], r["title"]): r for r in records[: len(stored)]}
    assert {article.id for article in stored} == set(expected)
    for article in stored:
        assert article.text == expected[article.id]["text"]
    if store_url.startswith("sqlite"):
        engine = create_engine(store_url)
        with engine.connect() as connection:
            assert connection.execute(text("pragma integrity_check")).scalar() == "ok"
        engine.dispose()
