"""The command line: what each command prints and the exit code it returns."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import cli

REPORT = """date 2021-08-09
source: Valley Post

Karvand falls after a week of fighting
Fighters entered the district centre of Karvand on Monday, two elders said.

The governor's office was empty by noon, according to a council member.
"""
WIRE = [
    {"url": "https://www.ridge-wire.example/1", "title": "Convoy reaches Sarband",
     "text": "An aid convoy of twelve lorries reached Sarband on Tuesday after a two-day wait.",
     "published": "2021-08-10T09:15:00+04:30", "outlet": "Ridge Wire", "language": "en"},
    {"url": "https://mirror.example/copy", "title": "Karvand falls after a week of fighting",
     "text": "Fighters entered the district centre of Karvand on Monday, two elders said.\n\n"
             "The governor's office was empty by noon, according to a council member.",
     "published": "2021-08-09"},
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "karvand.txt").write_text(REPORT, encoding="utf-8")
    lines = [json.dumps(record) for record in WIRE] + ['{"title": "cut off", "text": ']
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_ingest_prints_a_summary_table(corpus: Path, db: str) -> None:
    code, out, _ = run("ingest", str(corpus), "--no-extract", "--db", db)
    assert code == 0
    assert "read" in out and "stored" in out
    assert "duplicate: " in out and "mirror" not in out  # duplicate lines name the input
    assert "skipped [empty]" in out and "skipped [invalid-json]" in out
    assert f"{corpus / 'wire.jsonl'}:3" in out


def test_ingest_json_counts_everything(corpus: Path, db: str) -> None:
    code, out, _ = run("ingest", str(corpus), "--no-extract", "--db", db, "--json")
    summary = json.loads(out)
    assert code == 0
    assert (summary["read"], summary["stored"], summary["duplicate"], summary["skipped"]) == (5, 2, 1, 2)
    assert summary["skipped_by_reason"] == {"empty": 1, "invalid-json": 1}
    assert summary["duplicates"][0]["input"] == f"{corpus / 'wire.jsonl'}:2"
    assert all(skip["fix"] for skip in summary["skips"])


def test_reingesting_stores_nothing_new(corpus: Path, db: str) -> None:
    run("ingest", str(corpus), "--no-extract", "--db", db, "--quiet")
    code, out, _ = run("ingest", str(corpus), "--no-extract", "--db", db, "--json")
    summary = json.loads(out)
    assert code == 0
    assert (summary["stored"], summary["duplicate"]) == (0, 3)


def test_quiet_prints_nothing(corpus: Path, db: str) -> None:
    code, out, err = run("ingest", str(corpus), "--no-extract", "--db", db, "--quiet")
    assert (code, out, err) == (0, "", "")


def test_articles_lists_and_filters(corpus: Path, db: str) -> None:
    run("ingest", str(corpus), "--no-extract", "--db", db, "--quiet")
    code, out, _ = run("articles", "--db", db, "--json")
    listed = json.loads(out)
    assert code == 0
    assert [(a["source"], a["published"]) for a in listed] == [
        ("Ridge Wire", "2021-08-10T09:15:00+04:30"), ("Valley Post", "2021-08-09")]
    assert "text" not in listed[0]
    _, out, _ = run("articles", "--db", db, "--json", "--since", "2021-08-10")
    assert [a["source"] for a in json.loads(out)] == ["Ridge Wire"]
    _, out, _ = run("articles", "--db", db)
    assert "2 of 2 articles" in out and "Karvand falls" in out


def test_article_shows_text_and_json(corpus: Path, db: str) -> None:
    run("ingest", str(corpus), "--no-extract", "--db", db, "--quiet")
    listed = json.loads(run("articles", "--db", db, "--json", "--source", "valley post")[1])
    article_id = listed[0]["id"]
    code, out, _ = run("article", article_id[:6], "--db", db)
    assert code == 0
    assert f"id:        {article_id}" in out and "governor's office was empty" in out
    shown = json.loads(run("article", article_id, "--db", db, "--json")[1])
    assert shown["text"].startswith("Karvand falls")


def test_skipped_lists_reasons(corpus: Path, db: str) -> None:
    run("ingest", str(corpus), "--no-extract", "--db", db, "--quiet")
    code, out, _ = run("skipped", "--db", db, "--json")
    reasons = sorted(entry["reason"] for entry in json.loads(out))
    assert (code, reasons) == (0, ["empty", "invalid-json"])
    _, out, _ = run("skipped", "--db", db, "--json", "--reason", "empty")
    assert [entry["input"] for entry in json.loads(out)] == [str(corpus / "empty.txt")]


def test_stdin_is_read_with_a_dash(db: str) -> None:
    line = json.dumps(WIRE[0]).encode() + b"\n"
    code, out, _ = run("ingest", "-", "--no-extract", "--db", db, "--json", input=line)
    assert code == 0
    assert json.loads(out)["stored"] == 1


def test_source_option_names_the_outlet_of_bare_text(tmp_path: Path, db: str) -> None:
    (tmp_path / "bare.txt").write_text("Headline here\nA body line about a checkpoint.\n")
    bare = str(tmp_path / "bare.txt")
    run("ingest", bare, "--no-extract", "--db", db, "--source", "Field Notes", "--quiet")
    listed = json.loads(run("articles", "--db", db, "--json")[1])
    assert listed[0]["source"] == "Field Notes"
    assert listed[0]["published"] is None


def test_missing_input_is_skipped_not_fatal(tmp_path: Path, db: str) -> None:
    code, out, _ = run("ingest", str(tmp_path / "nope.txt"), "--no-extract", "--db", db, "--json")
    assert code == 0
    assert json.loads(out)["skipped_by_reason"] == {"not-found": 1}


@pytest.mark.parametrize(("args", "code", "message"), [
    (["ingest", "x.txt", "--db", "mysql://u@h/d"], 2, "unsupported database"),
    (["ingest", "x.txt", "--db", "sqlite:///{tmp}/a.db", "--max-bytes", "lots"], 2, "cannot read the size"),
    (["ingest", "x.txt", "--db", "sqlite:///{tmp}/a.db", "--languages", "en,xx"], 2,
     "unknown language code"),
    (["articles", "--db", "sqlite:///{tmp}/none.db"], 3, "no database"),
    (["ingest", "x.txt", "--db", "postgresql://nobody@127.0.0.1:1/none"], 3, "cannot open"),
])
def test_errors_have_exit_codes_and_fixes(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    result = CliRunner().invoke(cli, [a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == code
    assert message in result.stderr
    assert "fix:" in result.stderr


def test_unknown_article_exits_4(corpus: Path, db: str) -> None:
    run("ingest", str(corpus), "--no-extract", "--db", db, "--quiet")
    result = CliRunner().invoke(cli, ["article", "ffffffff", "--db", db])
    assert result.exit_code == 4
    assert "no article" in result.stderr


def test_db_upgrade_reports_revisions(db: str) -> None:
    assert "upgraded the database from revision none" in run("db", "upgrade", "--db", db)[1]
    assert "up to date" in run("db", "upgrade", "--db", db)[1]


def test_db_setting_from_environment(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_DB", f"sqlite:///{tmp_path / 'env.db'}")
    run("ingest", str(corpus), "--no-extract", "--quiet")
    assert (tmp_path / "env.db").exists()


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "sitrep", "--version"], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "sitrep, version 0.1.0"
