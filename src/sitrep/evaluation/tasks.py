"""The evaluation tasks `sitrep evaluate` knows, each a scorer over annotated data returning metrics."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError

Metrics = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Task:
    """One scorer: what it measures, on which data, and how to run it (`explain`: with details)."""

    name: str
    help: str
    run: Callable[[Path, int | None], Metrics]
    explain: Callable[[Path, int | None], Metrics] | None = None


def _geoparsing_gold(path: Path, limit: int | None) -> Metrics:
    from sitrep.evaluation.geoparsing import evaluate_geoparsing

    return evaluate_geoparsing(path, gold_spans=True, limit=limit)


def _geoparsing_end_to_end(path: Path, limit: int | None) -> Metrics:
    from sitrep.evaluation.geoparsing import evaluate_geoparsing

    return evaluate_geoparsing(path, gold_spans=False, limit=limit)


def _timebank(path: Path, limit: int | None) -> Metrics:
    from sitrep.evaluation.timebank import evaluate_timebank

    return evaluate_timebank(path, limit=limit)


def _meantime(path: Path, limit: int | None) -> Metrics:
    from sitrep.evaluation.timebank import evaluate_meantime

    return evaluate_meantime(path, limit=limit)


def _event_location(path: Path, limit: int | None) -> Metrics:
    from sitrep.evaluation.event_location import evaluate_event_location

    return evaluate_event_location(path, limit=limit)


def _events(path: Path, limit: int | None) -> Metrics:
    from sitrep.evaluation.events import evaluate_events

    corpus = Path(__file__).parents[3] / "examples" / "afghanistan-2021"
    return evaluate_events(path, corpus)


def _control(path: Path, limit: int | None) -> Metrics:
    from sitrep.evaluation.control import evaluate_control

    return evaluate_control(path, limit=limit)


def _events_corpus(path: Path, limit: int | None) -> Metrics:
    from sitrep.evaluation.events_corpus import evaluate_events_corpus

    return evaluate_events_corpus(path, limit=limit)


def _events_corpus_details(path: Path, limit: int | None) -> Metrics:
    from sitrep.evaluation.events_corpus import evaluate_events_corpus

    return evaluate_events_corpus(path, limit=limit, details=True)


def _local_conflict(path: Path, limit: int | None) -> Metrics:
    from sitrep.evaluation.local_conflict import evaluate_local_conflict

    return evaluate_local_conflict(path, limit=limit)


def _local_conflict_details(path: Path, limit: int | None) -> Metrics:
    from sitrep.evaluation.local_conflict import evaluate_local_conflict

    return evaluate_local_conflict(path, limit=limit, details=True)


def _stories(path: Path, limit: int | None) -> Metrics:
    from sitrep.evaluation.stories import evaluate_stories

    return evaluate_stories(path, limit=limit)


TASKS: dict[str, Task] = {
    task.name: task
    for task in (
        Task("places", "toponym resolution given gold place names (LGL, GeoVirus XML)", _geoparsing_gold),
        Task("geoparsing", "place names found and resolved end to end (LGL or GeoVirus XML)",
             _geoparsing_end_to_end),
        Task("timebank", "DATE values normalised against the creation date (folder of TimeML .tml)",
             _timebank),
        Task("meantime", "DATE values on MEANTIME's WikiNews annotations (its annotation folder)", _meantime),
        Task("event-location", "which place of a sentence is the event's location (JSON Lines)",
             _event_location),
        Task("events", "event mentions on the example corpus against its gold file (JSON Lines)", _events),
        Task("control", "day-by-day control of places against gold_control.json (reports/ beside it)",
             _control),
        Task("events-corpus", "coded events of a reports/ folder against gold_events and gold_nonevents",
             _events_corpus, explain=_events_corpus_details),
        Task("local-conflict", "conflict-type events judged on draws of LGL/GeoVirus news (their folder)",
             _local_conflict, explain=_local_conflict_details),
        Task("stories", "story grouping on ECB+ sub-topics and topics, BCubed (the ecbplus folder)",
             _stories),
    )
}


def evaluate(task: str, data: Path, *, limit: int | None = None, details: bool = False) -> Metrics:
    """Run the scorer `task` on `data` and return its metrics (with `details`, its failures too)."""
    if task not in TASKS:
        raise ConfigError(f"unknown evaluation task {task!r}", fix=f"choose one of {', '.join(TASKS)}")
    if not data.exists():
        raise ConfigError(f"no evaluation data at {data}",
                          fix="give the path to the annotated file or folder")
    explain = TASKS[task].explain
    if details and explain is None:
        with_details = ", ".join(name for name, known in TASKS.items() if known.explain)
        raise ConfigError(f"the task {task!r} has no details view",
                          fix=f"drop --details, or use {with_details}")
    return explain(data, limit) if details and explain else TASKS[task].run(data, limit)
