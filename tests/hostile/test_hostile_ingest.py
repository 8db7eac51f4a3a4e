"""A hostile corpus of 3,000 inputs never stops `sitrep ingest`, and every input is accounted for.

The corpus is generated here from a seed (`hostile_corpus.py`). Each run is the real command in a
child process: exit 0, no traceback, peak memory under 1 GB, and for every input the stored,
duplicate and skipped records add up to what it holds.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psutil
import pytest
from hostile_corpus import HostileInput, write_corpus
from sqlalchemy import create_engine, text

CORPUS_SIZE = 3_000
SAMPLE_SIZE = 120
MAX_RSS_KB = 1_000_000
RSS_SAMPLE_SECONDS = 0.05
_MORE = re.compile(r" \(([\d,]+) more\)$")
_SEPARATORS = (":", "[", "#", " (")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[HostileInput]]:
    """The hostile folder and what it holds."""
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    return folder, write_corpus(folder, seed=11, size=CORPUS_SIZE)


def run_ingest(folder: Path, db_url: str, *extra: str) -> tuple[dict[str, Any], str, int]:
    """`sitrep ingest FOLDER --json`: its summary, its stderr and its peak RSS in kB (exit 0 asserted)."""
    command = [sys.executable, "-m", "sitrep", "ingest", str(folder), "--db", db_url, "--json", *extra]
    with open(folder.parent / "out.json", "w+b") as out, open(folder.parent / "err.txt", "w+b") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err)
        peak = _peak_rss_kb(process)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode("utf-8", "replace")
    assert process.returncode == 0, stderr[-3000:]
    assert "Traceback" not in stderr, stderr[-3000:]
    return json.loads(stdout), stderr, peak


def _peak_rss_kb(process: subprocess.Popen[bytes]) -> int:
    """The child's largest resident size while it runs, sampled (its own rusage would count the
    memory of the test process it was forked from: Linux keeps ru_maxrss across exec)."""
    watched = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, watched.memory_info().rss)
        time.sleep(RSS_SAMPLE_SECONDS)
    return peak // 1024


def stored_inputs(db_url: str) -> list[tuple[str, str | None, str | None, str | None]]:
    """(input, source, published date, title) of every stored article."""
    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as connection:
        rows = connection.execute(text("select input, source, published_date, title from articles"))
        found = [(row[0], row[1], str(row[2]) if row[2] else None, row[3]) for row in rows]
    engine.dispose()
    return found


def outcome_counts(summary: dict[str, Any], stored: list[str]) -> Counter[str]:
    """How many records each reported input name stands for (a summarising skip: its count)."""
    counts: Counter[str] = Counter(stored)
    counts.update(item["input"] for item in summary["duplicates"])
    for skip in summary["skips"]:
        more = _MORE.search(skip["input"])
        counts[skip["input"]] += int(more.group(1).replace(",", "")) if more else 1
    return counts


def unaccounted(inputs: list[HostileInput], counts: Counter[str]) -> list[str]:
    """Inputs whose records do not add up, with what was found."""
    by_file: Counter[str] = Counter()
    names = {item.name for item in inputs}
    for name, count in counts.items():
        owner = name if name in names else _owner(name, names)
        if owner is not None:
            by_file[owner] += count
    problems = []
    for item in inputs:
        found = by_file[item.name]
        if (item.records is None and found < 1) or (item.records is not None and found != item.records):
            problems.append(f"{item.kind} {item.name}: {found} records, expected {item.records or '>= 1'}")
    return problems


def _owner(name: str, names: set[str]) -> str | None:
    for separator in _SEPARATORS:
        head = name.split(separator, 1)[0] if separator != ":" else name.rsplit(":", 1)[0]
        if head in names:
            return head
    return None


def check_run(inputs: list[HostileInput], db_url: str, summary: dict[str, Any]) -> None:
    """Every input accounted for, and nothing unsafe stored."""
    rows = stored_inputs(db_url)
    assert summary["stored"] == len(rows)
    assert summary["read"] == summary["stored"] + summary["duplicate"] + summary["skipped"]
    assert unaccounted(inputs, outcome_counts(summary, [row[0] for row in rows])) == []
    latest = str(date.today() + timedelta(days=2))
    for _, source, published, title in rows:
        assert published is None or "1900-01-01" <= published <= latest
        assert source is None or (len(source) <= 200 and "\x00" not in source)
        assert title is None or "\x00" not in title


@pytest.mark.slow
def test_hostile_corpus_without_extraction(corpus: tuple[Path, list[HostileInput]], tmp_path: Path) -> None:
    folder, inputs = corpus
    db_url = f"sqlite:///{tmp_path}/hostile.db"
    summary, _, rss = run_ingest(folder, db_url, "--no-extract")
    check_run(inputs, db_url, summary)
    assert rss < MAX_RSS_KB
    assert summary["stored"] > CORPUS_SIZE // 3
    reasons = summary["skipped_by_reason"]
    assert {"undecodable", "invalid-json", "no-content", "too-large", "missing-text"} <= set(reasons)
    assert "reader-error" not in reasons, [s for s in summary["skips"] if s["reason"] == "reader-error"][:5]


@pytest.mark.slow
@pytest.mark.postgres
def test_hostile_corpus_on_postgresql(corpus: tuple[Path, list[HostileInput]],
                                      postgres_schema_url: Any) -> None:
    folder, inputs = corpus
    db_url = str(postgres_schema_url())
    summary, _, rss = run_ingest(folder, db_url, "--no-extract")
    check_run(inputs, db_url, summary)
    assert rss < MAX_RSS_KB
    assert "unstorable" not in summary["skipped_by_reason"]


@pytest.mark.slow
def test_hostile_sample_with_extraction_and_fusion(tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    inputs = write_corpus(folder, seed=12, size=SAMPLE_SIZE, bomb_lines=20_000)
    db_url = f"sqlite:///{tmp_path}/sample.db"
    summary, _, rss = run_ingest(folder, db_url, "--batch-size", "40")
    check_run(inputs, db_url, summary)
    assert rss < MAX_RSS_KB
    assert summary["extracted"] == summary["stored"] > 0
