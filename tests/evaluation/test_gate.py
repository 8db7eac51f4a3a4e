"""The quality gate: floors, tolerance, fingerprints, and floors that only rise unless told."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import ConfigError
from sitrep.evaluation import gate
from sitrep.evaluation.gate import fingerprint, run_gate
from sitrep.evaluation.tasks import evaluate


@pytest.fixture
def eval_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "eval"
    (folder / "places").mkdir(parents=True)
    (folder / "places" / "gold.xml").write_text("<articles/>", encoding="utf-8")
    return folder


def _floors(tmp_path: Path, eval_dir: Path, floor: float, *, pinned: bool = True) -> Path:
    check: dict[str, Any] = {"name": "places-acc", "task": "places", "data": "places/gold.xml",
                             "metric": "acc_at_161", "floor": floor}
    if pinned:
        check["fingerprint"] = fingerprint(eval_dir / "places" / "gold.xml")
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"tolerance": 0.01, "checks": [check]}), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def fixed_score(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gate, "evaluate", lambda task, data, limit=None: {"acc_at_161": 0.80})


def test_passes_at_or_above_the_floor_within_tolerance(tmp_path: Path, eval_dir: Path) -> None:
    (result,) = run_gate(eval_dir, floors_path=_floors(tmp_path, eval_dir, 0.805))
    assert result.passed
    assert result.value == 0.80


def test_fails_below_the_floor(tmp_path: Path, eval_dir: Path) -> None:
    (result,) = run_gate(eval_dir, floors_path=_floors(tmp_path, eval_dir, 0.85))
    assert not result.passed
    assert "below the floor" in result.message


def test_changed_data_fails_until_re_pinned(tmp_path: Path, eval_dir: Path) -> None:
    floors = _floors(tmp_path, eval_dir, 0.5)
    (eval_dir / "places" / "gold.xml").write_text("<articles><article/></articles>", encoding="utf-8")
    (result,) = run_gate(eval_dir, floors_path=floors)
    assert not result.passed
    assert "changed" in result.message


def test_missing_data_fails(tmp_path: Path, eval_dir: Path) -> None:
    floors = _floors(tmp_path, eval_dir, 0.5)
    (eval_dir / "places" / "gold.xml").unlink()
    (result,) = run_gate(eval_dir, floors_path=floors)
    assert not result.passed
    assert "missing data" in result.message


def test_floors_rise_but_never_fall_without_the_flag(tmp_path: Path, eval_dir: Path) -> None:
    floors = _floors(tmp_path, eval_dir, 0.7)
    run_gate(eval_dir, floors_path=floors, raise_floors=True)
    assert json.loads(floors.read_text())["checks"][0]["floor"] == 0.8
    high = _floors(tmp_path, eval_dir, 0.9)
    run_gate(eval_dir, floors_path=high, raise_floors=True)
    assert json.loads(high.read_text())["checks"][0]["floor"] == 0.9
    run_gate(eval_dir, floors_path=high, lower_floors=True)
    assert json.loads(high.read_text())["checks"][0]["floor"] == 0.8


def test_new_check_gets_pinned(tmp_path: Path, eval_dir: Path) -> None:
    floors = _floors(tmp_path, eval_dir, 0.0, pinned=False)
    run_gate(eval_dir, floors_path=floors, raise_floors=True)
    check = json.loads(floors.read_text())["checks"][0]
    assert check["fingerprint"] == fingerprint(eval_dir / "places" / "gold.xml")
    assert check["floor"] == 0.8


def test_folder_fingerprint_changes_with_any_file(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text("one", encoding="utf-8")
    before = fingerprint(tmp_path)
    (tmp_path / "b.tml").write_text("two", encoding="utf-8")
    assert fingerprint(tmp_path) != before


def test_unknown_task_and_missing_data_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown evaluation task"):
        evaluate("weather", tmp_path)
    with pytest.raises(ConfigError, match="no evaluation data"):
        evaluate("places", tmp_path / "absent.xml")


def test_nested_metrics_and_repo_data(
    tmp_path: Path, eval_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gate, "evaluate", lambda task, data, limit=None: {"territory": {"f1": 0.9}})
    monkeypatch.setattr(gate, "PROJECT", eval_dir)
    check = {"name": "gold", "task": "events", "data": "repo:places/gold.xml", "metric": "territory.f1",
             "floor": 0.85}
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"checks": [check]}), encoding="utf-8")
    (result,) = run_gate(tmp_path / "elsewhere", floors_path=floors)
    assert result.passed
    assert result.value == 0.9
