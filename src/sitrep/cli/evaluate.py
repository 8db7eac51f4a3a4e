"""`sitrep evaluate TASK DATA` (one scorer) and `sitrep gate` (the pinned quality floors)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sitrep.cli.options import json_option
from sitrep.cli.render import print_json
from sitrep.evaluation.tasks import TASKS


@click.command("evaluate")
@click.argument("task", type=click.Choice(sorted(TASKS)), metavar="TASK")
@click.argument("data", type=click.Path(path_type=Path), metavar="DATA")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N documents.")
@click.option("--details", is_flag=True,
              help="Also list each failure with its evidence (false positives, misses, violations).")
@json_option
def evaluate_command(task: str, data: Path, limit: int | None, details: bool, as_json: bool) -> None:
    """Score sitrep on annotated DATA (TASK: see below)."""
    from sitrep.evaluation.tasks import evaluate

    metrics = evaluate(task, data, limit=limit, details=details)
    if as_json:
        print_json(metrics)
        return
    failures = metrics.pop("details", None)
    table = Table(title=f"{task} on {data}", title_justify="left", show_header=False)
    for name, value in metrics.items():
        shown = f"{value:.4f}" if isinstance(value, float) else str(value)
        table.add_row(Text(name), Text(shown))
    Console().print(table)
    if failures:
        _print_failures(failures)


def _print_failures(failures: dict[str, object]) -> None:
    """Each list of the details view as indented blocks, one failure each, evidence last."""
    for section, items in failures.items():
        click.echo(f"\n== {section}")
        if not isinstance(items, list):
            click.echo(f"  {items}")
            continue
        for item in items:
            fields = dict(item) if isinstance(item, dict) else {"": item}
            evidence = fields.pop("sentence", None)
            click.echo("- " + "; ".join(f"{name}={value}" for name, value in fields.items()))
            if evidence:
                click.echo(f"    > {' '.join(str(evidence).split())}")


evaluate_command.help = "Score sitrep on annotated DATA. TASK is one of:\n\n\b\n" + "\n".join(
    f"{task.name:<15} {task.help}" for task in TASKS.values()
)


@click.command("gate")
@click.option("--eval-dir", type=click.Path(path_type=Path, file_okay=False), default=Path("../shared/eval"),
              show_default=True, help="Folder holding the evaluation data.")
@click.option("--floors", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="The floors file (default: quality/floors.json of the project).")
@click.option("--raise-floors", is_flag=True, help="Raise floors that were beaten to the new values.")
@click.option("--lower-floors", is_flag=True, help="Lower floors to the measured values (explicit only).")
def gate_command(eval_dir: Path, floors: Path | None, raise_floors: bool, lower_floors: bool) -> None:
    """Check quality against the pinned floors; exits 1 when a check fails."""
    from sitrep.evaluation.gate import DEFAULT_FLOORS, run_gate

    results = run_gate(eval_dir, floors_path=floors or DEFAULT_FLOORS, raise_floors=raise_floors,
                       lower_floors=lower_floors)
    table = Table(title="quality gate", title_justify="left")
    for column in ("check", "metric", "measured", "floor", "verdict"):
        table.add_column(column)
    for result in results:
        measured = "-" if result.value is None else f"{result.value:.4f}"
        table.add_row(*(Text(v) for v in (result.name, result.metric, measured, f"{result.floor:.4f}",
                                          result.message)))
    Console(width=160).print(table)
    if not all(result.passed for result in results):
        sys.exit(1)
