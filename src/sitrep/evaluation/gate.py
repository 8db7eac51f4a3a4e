"""The quality gate: pinned floors on evaluation metrics, checked in CI when the data is there.

`quality/floors.json` lists checks: a task, its data (relative to the evaluation folder), a metric,
a floor and the SHA-256 fingerprint of the data (`repo:PATH` names the project's own gold files;
dots in a metric name walk into nested results). A check fails when the metric falls below its
floor by more than the noise tolerance, or when the data's fingerprint changed (scores on other
data are not comparable). Floors rise with `--raise-floors`; they are lowered only with the
explicit `--lower-floors`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError
from sitrep.evaluation.tasks import evaluate

PROJECT = Path(__file__).parents[3]
DEFAULT_FLOORS = PROJECT / "quality" / "floors.json"
# Data named "repo:PATH" lives in the project (its own gold files), the rest under the eval folder.
REPO_PREFIX = "repo:"
DEFAULT_TOLERANCE = 0.005


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One check of the gate: what was measured against what was pinned."""

    name: str
    metric: str
    value: float | None
    floor: float
    passed: bool
    message: str


def fingerprint(path: Path) -> str:
    """SHA-256 over a file, or over a folder's files (sorted relative paths and contents)."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(str(file.relative_to(path) if path.is_dir() else file.name).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def run_gate(
    eval_dir: Path, *, floors_path: Path = DEFAULT_FLOORS, raise_floors: bool = False,
    lower_floors: bool = False,
) -> list[CheckResult]:
    """Measure every check in `floors_path` on the data under `eval_dir`."""
    config = _load(floors_path)
    tolerance = float(config.get("tolerance", DEFAULT_TOLERANCE))
    results, cache = [], {}
    for check in config["checks"]:
        data = _resolve(eval_dir, check["data"])
        key = (check["task"], check["data"], check.get("limit"))
        if key not in cache:
            cache[key] = _measure(check, data)
        results.append(_judge(check, cache[key], data, tolerance))
        if raise_floors or lower_floors:
            _update(check, results[-1], cache[key], raise_floors=raise_floors, lower_floors=lower_floors)
    if raise_floors or lower_floors:
        floors_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return results


def _resolve(eval_dir: Path, data: str) -> Path:
    if data.startswith(REPO_PREFIX):
        return PROJECT / data.removeprefix(REPO_PREFIX)
    return eval_dir / data


def metric_value(metrics: dict[str, Any], name: str) -> float:
    """The metric `name` of a scorer's result; dots walk into nested results (`territory.f1`)."""
    value: Any = metrics
    for part in name.split("."):
        value = value[part]
    return float(value)


def _load(path: Path) -> dict[str, Any]:
    try:
        config: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ConfigError(f"cannot read the quality floors {path}: {error}",
                          fix="restore the file from git") from None
    return config


def _measure(check: dict[str, Any], data: Path) -> dict[str, Any]:
    if not data.exists():
        return {"error": f"missing data {data}"}
    return {"metrics": evaluate(check["task"], data, limit=check.get("limit")),
            "fingerprint": fingerprint(data)}


def _judge(check: dict[str, Any], measured: dict[str, Any], data: Path, tolerance: float) -> CheckResult:
    name, metric, floor = check["name"], check["metric"], float(check["floor"])
    if "error" in measured:
        return CheckResult(name, metric, None, floor, False, measured["error"])
    if check.get("fingerprint") and measured["fingerprint"] != check["fingerprint"]:
        return CheckResult(name, metric, None, floor, False,
                           f"the data {data} changed (fingerprint); re-measure and re-pin the floor")
    value = metric_value(measured["metrics"], metric)
    passed = value >= floor - tolerance
    verdict = "ok" if passed else f"below the floor {floor:.3f} by more than {tolerance}"
    return CheckResult(name, metric, value, floor, passed, verdict)


def _update(
    check: dict[str, Any], result: CheckResult, measured: dict[str, Any], *, raise_floors: bool,
    lower_floors: bool,
) -> None:
    if "fingerprint" in measured and not check.get("fingerprint"):
        check["fingerprint"] = measured["fingerprint"]
        value = metric_value(measured["metrics"], check["metric"])
        check["floor"] = round(value, 4) if lower_floors or value > check["floor"] else check["floor"]
        return
    if result.value is None:
        return
    if (raise_floors and result.value > result.floor) or (lower_floors and result.value < result.floor):
        check["floor"] = round(result.value, 4)
