"""`sitrep extract`, `ingest` with extraction, `events` and `reextract`, on the tiny gazetteer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep.cli import cli, extraction
from sitrep.extract.pipeline import Extractor

REPORT = """date 2021-08-11
source: Valley Post

Taliban enter Farah
Taliban fighters captured the city of Farah on Tuesday after a week of clashes, officials said.
"""


@pytest.fixture(autouse=True)
def tiny_extractor(monkeypatch: pytest.MonkeyPatch, small_gazetteer: Any) -> None:
    made = Extractor(gazetteer=small_gazetteer)
    monkeypatch.setattr(extraction, "make_extractor", lambda config=None: made)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "farah.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_extract_prints_json_without_a_database(report: Path, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("extract", str(report), "--json")
    (item,) = json.loads(result.stdout)
    captures = [e for e in item["coded_events"] if e["location"] == "Farah"]
    assert captures and captures[0]["event_date"] == "2021-08-10"
    assert item["extraction"]["places"][0]["entry"]["country_code"] == "AF"
    assert not (tmp_path / "sitrep.db").exists()


def test_extract_prints_a_readable_summary(report: Path) -> None:
    result = run("extract", str(report))
    assert result.exit_code == 0
    assert "Non-state actor overtakes territory" in result.stdout
    assert "Farah→Farah" in result.stdout


def test_ingest_extracts_and_events_lists_them(report: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    summary = json.loads(run("ingest", str(report), "--db", db, "--json").stdout)
    assert (summary["stored"], summary["extracted"]) == (1, 1)
    events = json.loads(run("events", "--db", db, "--json").stdout)
    assert any(e["location"] == "Farah" and e["event_date"] == "2021-08-10" for e in events)
    assert all(e["evidence_article_id"] for e in events)


def test_reextract_fills_in_articles_stored_without_extraction(report: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'y.db'}"
    run("ingest", str(report), "--db", db, "--no-extract", "--quiet")
    assert json.loads(run("events", "--db", db, "--json").stdout) == []
    assert run("reextract", "--db", db).stdout.strip() == "extracted 1 articles"
    assert json.loads(run("events", "--db", db, "--json").stdout)
    assert run("reextract", "--db", db).stdout.strip() == "extracted 0 articles"


def test_a_duplicate_in_the_same_batch_is_extracted_once(report: Path, tmp_path: Path) -> None:
    copy = {"title": "Taliban enter Farah", "text": REPORT.split("\n", 4)[4], "published": "2021-08-11",
            "source": "Mirror Desk"}
    (tmp_path / "copy.json").write_text(json.dumps(copy), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'z.db'}"
    result = run("ingest", str(report), str(tmp_path / "copy.json"), "--db", db, "--json")
    summary = json.loads(result.stdout)
    assert (summary["stored"], summary["duplicate"]) == (1, 1)
    assert json.loads(run("events", "--db", db, "--json").stdout)
