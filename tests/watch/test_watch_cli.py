"""The `sitrep watch` command: one round, the status report, replay and `sitrep ingest ARCHIVE`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from sitrep.cli import cli
from sitrep.store import open_store


def _articles(url: str) -> int:
    store = open_store(url)
    try:
        return store.count_articles()
    finally:
        store.close()


def test_once_status_and_replay(feed_site: Any, tmp_path: Path) -> None:
    site, base = feed_site
    site.entries["/rss"] = ["taloqan", "farah"]
    sources = tmp_path / "feeds.yaml"
    sources.write_text(f"- url: {base}/rss\n  name: Valley Post\n  interval: 30\n")
    archive, db = str(tmp_path / "archive"), f"sqlite:///{tmp_path}/watch.db"
    runner = CliRunner()
    polled = runner.invoke(cli, ["watch", str(sources), "--archive", archive, "--db", db, "--once",
                                 "--no-extract", "--host-interval", "0"])
    assert polled.exit_code == 0, polled.output
    assert "200: 2 new, 0 already stored" in polled.output
    status = runner.invoke(cli, ["watch", str(sources), "--archive", archive, "--status", "--json"])
    (row,) = json.loads(status.stdout)
    assert (row["name"], row["status"], row["errors"], row["articles"]) == ("Valley Post", "ok (2 new)", 0, 2)
    replayed = runner.invoke(cli, ["watch", "--archive", archive, "--replay", "--no-extract", "--json",
                                   "--db", f"sqlite:///{tmp_path}/replay.db"])
    assert json.loads(replayed.stdout)["stored"] == 2
    ingested = runner.invoke(cli, ["ingest", archive, "--no-extract", "--db", f"sqlite:///{tmp_path}/in.db"])
    assert ingested.exit_code == 0, ingested.output
    assert _articles(f"sqlite:///{tmp_path}/in.db") == 2


def test_watch_without_a_source_list_says_how_to_fix_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["watch", "--archive", str(tmp_path / "a")])
    assert result.exit_code == 2
    assert "no source list given" in result.output and "fix:" in result.output
