"""`sitrep ingest --workers/--scheduler`: where extraction runs is chosen once, by the command."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import cli
from sitrep.cli.ingest import _runner
from sitrep.config import ExtractionConfig
from sitrep.run import workers
from sitrep.run.workers import AUTO_MIN_BATCH, ExtractorSpec, PoolExtractor


def test_a_number_of_workers_below_one_exits_2_with_a_fix(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("date 2024-03-04\n\nShelling hit the market on Monday.\n")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "report.txt"), "--db",
                                      f"sqlite:///{tmp_path / 'a.db'}", "--workers", "0"])
    assert result.exit_code == 2
    assert "--workers" in result.stderr
    assert "fix:" in result.stderr


def test_several_workers_make_a_pool_and_no_extraction_makes_none() -> None:
    with _runner(True, 2, "", auto=False) as runner:
        assert isinstance(runner, PoolExtractor)
        assert runner.workers == 2
        assert runner.spec.chunk_processes == 1
        assert runner.min_batch == 1, "a number of workers asked for is used for any batch"
    with _runner(False, 2, "", auto=False) as runner:
        assert runner is None


def test_auto_workers_keep_a_small_batch_in_this_process() -> None:
    with _runner(True, 2, "", auto=True) as runner:
        assert isinstance(runner, PoolExtractor)
        assert runner.min_batch == AUTO_MIN_BATCH > 1


def test_a_batch_under_the_pool_minimum_starts_no_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(workers, "extract_slice", lambda spec, part, homes: calls.append(len(part)) or [])
    spec = ExtractorSpec(ExtractionConfig(model="none", budget=1.0, gazetteer=Path("none")))
    pool = PoolExtractor(spec, 2, min_batch=5)
    try:
        assert list(pool.pipe([])) == []
        assert calls == [0], "the small batch was extracted here"
        assert not pool._pool._processes, "no worker process started"
    finally:
        pool.close()
