"""Score coded events of a report folder against gold events and non-events (the syria2024 layout).

DATA_DIR holds `reports/`, `gold_events.jsonl` and `gold_nonevents.jsonl` (and, optionally,
`gold_documents.jsonl`, which names the distractor reports). The reports are ingested, extracted
and fused into a temporary store. Two views are scored, with the same predictions filter (factual
modality: asserted, reported, claimed; a sub-event type of ACLED's own, since sitrep's extensions
have no gold) and the same matching:

- the mention view (the top-level metrics): every coded mention of every report is a prediction,
  as the extractor left it; a mention of an undated report has no date and never matches;
- the fused view (`fused.*`): every fused event (one per real-world event, merged across reports
  and outlets, its date reconciled, an undated report's mention dated from its story) is a
  prediction: what an analyst reads. A fused event whose every mention comes from a distractor
  report is wrong whatever it matches (the corpus README's rule).

The quality gate checks both: `precision` and `recall` of the mention view (the extractor) and
`fused.precision` and `fused.recall` (what fusion makes of it).

Matching (the corpus README, "How to score"): a prediction matches a gold event when the sub-event
type is the same (`lenient`: the same event type), its point lies within `MATCH_KM` of the gold
point (or, where the gold has no point, its place name appears in the gold location), and its date
falls in the gold `date_range` widened by `DATE_SLACK_DAYS`.

Metrics:
- `precision` / `precision_lenient`: predictions matching any gold event (optional ones included);
- `recall` / `recall_lenient`: non-optional gold events matched by at least one prediction;
- `modality_accuracy`: of the events of any modality that match a gold event (a real event), the
  share coded with a factual modality;
- `actor_agreement`: matched pairs whose actor1 maps to the gold actor1 (the gold's `A|B` allows either);
- `nonevent_violations`: the share of gold non-event spans holding the trigger of a factual event,
  overall and per category; `violations` lists them (capped at `MAX_LISTED`);
- `fused`: `precision`, `precision_lenient`, `recall`, `recall_lenient` and `predicted` as above,
  over fused events; `undated` counts the predicted fused events with no date (they never match),
  `missed` and `false` list as above.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Protocol

from sitrep.errors import ConfigError
from sitrep.evaluation.geoparsing import haversine_km
from sitrep.records import Article, CodedEvent, Event, Modality

MATCH_KM = 25.0
DATE_SLACK_DAYS = 1
MAX_LISTED = 60
WINDOW_SLACK_DAYS = 30
FACTUAL = frozenset({Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED})


class Predicted(Protocol):
    """What matching reads of a prediction: a coded mention (`CodedEvent`) or a fused `Event`."""

    @property
    def event_type(self) -> str: ...
    @property
    def sub_event_type(self) -> str: ...
    @property
    def modality(self) -> Modality: ...
    @property
    def event_date(self) -> date | None: ...
    @property
    def actor1(self) -> str | None: ...
    @property
    def location(self) -> str | None: ...
    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event: its type, point, date range and actors."""

    event_id: str
    sub_event_type: str
    event_type: str
    location: str
    latitude: float | None
    longitude: float | None
    first_day: date
    last_day: date
    actors: frozenset[str]
    optional: bool
    reports: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """What the corpus knows of one ingested report: its gold name, text and coded events."""

    name: str
    article: Article
    events: tuple[CodedEvent, ...]


@dataclass(frozen=True, slots=True)
class System:
    """What the temporary store holds after ingest and fusion: the reports and the fused events."""

    reports: list[Report]
    fused: list[Event]


def evaluate_events_corpus(data: Path, *, limit: int | None = None, details: bool = False) -> dict[str, Any]:
    """Ingest `data`/reports into a temporary store and score its events against the gold files.

    With `details`, the result's `details` holds every false positive, miss and non-event violation
    with its evidence sentence and a guessed cause (`sitrep.evaluation.events_details`).
    """
    for needed in ("reports", "gold_events.jsonl", "gold_nonevents.jsonl"):
        if not (data / needed).exists():
            raise ConfigError(f"no {needed} under {data}", fix="give a folder in the syria2024 layout")
    system = _system(data / "reports", limit=limit)
    reports = system.reports
    aliases = _actor_aliases(data / "gold_control.json")
    gold = [_gold_event(json.loads(line), aliases) for line in _lines(data / "gold_events.jsonl")]
    nonevents = [json.loads(line) for line in _lines(data / "gold_nonevents.jsonl")]
    documents = [json.loads(line) for line in _lines(data / "gold_documents.jsonl")] \
        if (data / "gold_documents.jsonl").is_file() else []
    distractors = frozenset(d["file"] for d in documents if d.get("distractor"))
    names = {report.article.id: report.name for report in reports}
    result = score_events(gold, reports)
    result.update(score_nonevents(nonevents, reports, window=_story_window(gold)))
    result["reports"] = len(reports)
    result["fused"] = score_fused(gold, system.fused, names=names, distractors=distractors)
    if details:
        from sitrep.evaluation.events_details import explain_events, explain_fused

        gold_by_report = {d["file"]: d.get("events") or [] for d in documents}
        result["details"] = explain_events(gold, reports, nonevents, distractors=distractors,
                                           gold_by_report=gold_by_report)
        result["details"].update(explain_fused(gold, system.fused, names=names, distractors=distractors,
                                               gold_by_report=gold_by_report))
    return result


def score_events(gold: Sequence[GoldEvent], reports: Sequence[Report]) -> dict[str, Any]:
    """Precision, recall, modality accuracy and actor agreement of the reports' events."""
    events = [event for report in reports for event in report.events]
    scored = [event for event in events if event.modality in FACTUAL and _is_acled(event)]
    strict = [_matches(event, gold, lenient=False) for event in scored]
    lenient = [_matches(event, gold, lenient=True) for event in scored]
    required = [g for g in gold if not g.optional]
    found = {g.event_id for hits in strict for g in hits}
    found_lenient = {g.event_id for hits in lenient for g in hits}
    real = [event for event in events if _is_acled(event) and _matches(event, gold, lenient=False)]
    pairs = [(event, hits[0]) for event, hits in zip(scored, strict, strict=True) if hits]
    return {
        "predicted": len(scored),
        "precision": _share(sum(bool(h) for h in strict), len(scored)),
        "precision_lenient": _share(sum(bool(h) for h in lenient), len(scored)),
        "recall": _share(sum(g.event_id in found for g in required), len(required)),
        "recall_lenient": _share(sum(g.event_id in found_lenient for g in required), len(required)),
        "modality_accuracy": _share(sum(event.modality in FACTUAL for event in real), len(real)),
        "actor_agreement": _share(sum(_same_actor(event, g) for event, g in pairs), len(pairs)),
        "by_type": _by_type(scored, strict),
        "missed": sorted(f"{g.event_id} {g.sub_event_type} @ {g.location}" for g in required
                         if g.event_id not in found),
        "false": _false_list(scored, strict),
    }


def score_fused(gold: Sequence[GoldEvent], fused: Sequence[Event], *, names: Mapping[str, str],
                distractors: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Precision and recall of the fused events (the module docstring's fused view).

    `names` maps an article id to its report's gold name; a fused event whose every mention comes
    from a report in `distractors` matches nothing.
    """
    scored = fused_predictions(fused)
    strict = [fused_matches(event, gold, lenient=False, names=names, distractors=distractors)
              for event in scored]
    lenient = [fused_matches(event, gold, lenient=True, names=names, distractors=distractors)
               for event in scored]
    required = [g for g in gold if not g.optional]
    found = {g.event_id for hits in strict for g in hits}
    found_lenient = {g.event_id for hits in lenient for g in hits}
    return {
        "predicted": len(scored),
        "undated": sum(event.event_date is None for event in scored),
        "precision": _share(sum(bool(h) for h in strict), len(scored)),
        "precision_lenient": _share(sum(bool(h) for h in lenient), len(scored)),
        "recall": _share(sum(g.event_id in found for g in required), len(required)),
        "recall_lenient": _share(sum(g.event_id in found_lenient for g in required), len(required)),
        "by_type": _by_type(scored, strict),
        "missed": sorted(f"{g.event_id} {g.sub_event_type} @ {g.location}" for g in required
                         if g.event_id not in found),
        "false": [f"{e.sub_event_type} @ {e.location} {e.event_date} {e.modality} "
                  f"[{len(e.mentions)} mentions]" for e, h in zip(scored, strict, strict=True) if not h
                  ][:MAX_LISTED],
    }


def fused_predictions(fused: Sequence[Event]) -> list[Event]:
    """The fused events scored: factual modality, an ACLED sub-type, not rejected."""
    return [event for event in fused if event.modality in FACTUAL and _is_acled(event) and not event.rejected]


def fused_matches(event: Event, gold: Iterable[GoldEvent], *, lenient: bool, names: Mapping[str, str],
                  distractors: frozenset[str]) -> list[GoldEvent]:
    """The gold events a fused event matches; none when it comes from distractor reports only."""
    if is_distracted(event, names=names, distractors=distractors):
        return []
    return _matches(event, gold, lenient=lenient)


def is_distracted(event: Event, *, names: Mapping[str, str], distractors: frozenset[str]) -> bool:
    """Whether every mention of a fused event comes from a distractor report."""
    reports = {names.get(mention.article_id, "") for mention in event.mentions}
    return bool(reports) and reports <= distractors


def score_nonevents(nonevents: Sequence[Mapping[str, Any]], reports: Sequence[Report], *,
                    window: tuple[date, date] | None = None) -> dict[str, Any]:
    """The share of non-event spans from which a factual event was produced, overall and per category.

    `nonevent_violations_in_window` counts only events undated or dated inside `window` (the
    story's days): a background event the text dates to its own year is not news of the story.
    """
    by_name = {report.name: report for report in reports}
    totals: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    in_window = 0
    listed: list[str] = []
    for entry in nonevents:
        category = entry["category"]
        totals[category] += 1
        report = by_name.get(entry["file"])
        event = _event_in_span(report, entry["quote"]) if report else None
        if event is not None:
            hits[category] += 1
            in_window += _inside(event.event_date, window)
            listed.append(f"{entry['file']} [{category}] {event.sub_event_type} {event.modality} "
                          f"{event.event_date}: {entry['quote'][:90]}")
    return {
        "nonevent_spans": sum(totals.values()),
        "nonevent_violations": _share(sum(hits.values()), sum(totals.values())),
        "nonevent_violations_in_window": _share(in_window, sum(totals.values())),
        # The gate's floors rise: the share of non-event spans that gave no event in the story's window.
        "nonevent_clean_in_window": 1.0 - _share(in_window, sum(totals.values())),
        "nonevent_by_category": {name: f"{hits[name]}/{totals[name]}" for name in sorted(totals)},
        "violations": listed[:MAX_LISTED],
    }


def _story_window(gold: Sequence[GoldEvent]) -> tuple[date, date] | None:
    """The days the gold events span, widened by `WINDOW_SLACK_DAYS` on each side."""
    if not gold:
        return None
    slack = timedelta(days=WINDOW_SLACK_DAYS)
    return min(g.first_day for g in gold) - slack, max(g.last_day for g in gold) + slack


def _inside(day: date | None, window: tuple[date, date] | None) -> bool:
    return day is None or window is None or window[0] <= day <= window[1]


# --- The system's side


def _system(reports: Path, *, limit: int | None) -> System:
    """Ingest, extract and fuse the reports into a temporary store; each report with its coded events,
    and every fused event."""
    from sitrep.cli.extraction import make_extractor
    from sitrep.config import IngestOptions
    from sitrep.pipeline import ingest
    from sitrep.store import open_store
    from sitrep.store.base import ArticleQuery, EventQuery, FusedQuery
    from sitrep.store.fused_read import iter_fused

    targets = sorted(str(path) for path in reports.iterdir() if not path.name.startswith("."))
    if limit is not None:
        targets = targets[:limit]
    with tempfile.TemporaryDirectory(prefix="sitrep-events-") as folder:
        store = open_store(f"sqlite:///{folder}/events.db")
        try:
            ingest(targets, store, IngestOptions(), extractor=make_extractor(), fuse=True)
            articles = store.list_articles(ArticleQuery(limit=None))
            events = store.list_events(EventQuery(limit=None, modalities=tuple(Modality)))
            fused = list(iter_fused(store, FusedQuery("event"), Event))
        finally:
            store.close()
    by_article: dict[str, list[CodedEvent]] = {}
    for event in events:
        by_article.setdefault(event.article_id, []).append(event)
    return System([Report(_report_name(article.input), article, tuple(by_article.get(article.id, ())))
                   for article in articles], fused)


def _report_name(source: str) -> str:
    """The gold's name of a report: its file name, or `reports.jsonl:N` for a JSON line."""
    return Path(source).name


def _event_in_span(report: Report, quote: str) -> CodedEvent | None:
    """A factual event whose trigger lies inside `quote` in the report's text, if any."""
    text = report.article.text
    spans = [(m.start(), m.start() + len(quote)) for m in re.finditer(re.escape(quote), text)]
    for event in report.events:
        if event.modality in FACTUAL and any(s <= event.trigger_start < e for s, e in spans):
            return event
    return None


# --- Matching


def _matches(event: Predicted, gold: Iterable[GoldEvent], *, lenient: bool) -> list[GoldEvent]:
    """The gold events `event` matches (type, place and date; see the module docstring)."""
    return [g for g in gold if _same_kind(event, g, lenient=lenient) and _same_place(event, g)
            and _same_day(event, g)]


def _same_kind(event: Predicted, gold: GoldEvent, *, lenient: bool) -> bool:
    if lenient:
        return event.event_type == gold.event_type
    return event.sub_event_type == gold.sub_event_type


def _same_place(event: Predicted, gold: GoldEvent) -> bool:
    if gold.latitude is None or gold.longitude is None:
        return bool(event.location) and _fold(event.location or "") in _fold(gold.location)
    if event.latitude is None or event.longitude is None:
        return False
    return haversine_km(gold.latitude, gold.longitude, event.latitude, event.longitude) <= MATCH_KM


def _same_day(event: Predicted, gold: GoldEvent) -> bool:
    slack = timedelta(days=DATE_SLACK_DAYS)
    day = event.event_date
    return day is not None and gold.first_day - slack <= day <= gold.last_day + slack


def _same_actor(event: Predicted, gold: GoldEvent) -> bool:
    actor = f" {_fold(event.actor1 or '')} "
    return bool(actor.strip()) and any(f" {_fold(name)} " in actor or actor in f" {_fold(name)} "
                                       for name in gold.actors if _fold(name))


def _is_acled(event: Predicted) -> bool:
    from sitrep.extract.ontology import load_ontology

    known = {sub.name: sub for sub in load_ontology().sub_event_types}
    sub_type = known.get(event.sub_event_type)
    return sub_type is not None and not sub_type.extension


# --- Reading and reporting


def _actor_aliases(path: Path) -> dict[str, tuple[str, ...]]:
    """Each normalised gold actor name with the names the reports use (from gold_control.json)."""
    if not path.is_file():
        return {}
    actors = json.loads(path.read_text(encoding="utf-8")).get("actors", {})
    return {name: tuple(re.sub(r"\(.*?\)", "", alias) for alias in names) for name, names in actors.items()}


def _gold_event(entry: Mapping[str, Any], aliases: Mapping[str, Sequence[str]]) -> GoldEvent:
    from sitrep.extract.ontology import load_ontology

    sub_type = {sub.name: sub for sub in load_ontology().sub_event_types}.get(entry["sub_event_type"])
    first, last = (date.fromisoformat(day) for day in entry.get("date_range") or [entry["date"]] * 2)
    names = [name.strip() for name in (entry.get("actor1") or "").split("|") if name.strip()]
    actors = frozenset(alias for name in names for alias in (name, *aliases.get(name, ())) if alias.strip())
    return GoldEvent(
        event_id=entry["id"], sub_event_type=entry["sub_event_type"],
        event_type=sub_type.event_type if sub_type else "", location=entry.get("location") or "",
        latitude=entry.get("lat"), longitude=entry.get("lon"), first_day=first, last_day=last,
        actors=actors, optional=bool(entry.get("optional")), reports=tuple(entry.get("reports") or ()))


def _by_type(scored: Sequence[Predicted], hits: Sequence[list[GoldEvent]]) -> dict[str, str]:
    totals: Counter[str] = Counter(event.sub_event_type for event in scored)
    right: Counter[str] = Counter(event.sub_event_type for event, h in zip(scored, hits, strict=True) if h)
    return {name: f"{right[name]}/{totals[name]}" for name in sorted(totals)}


def _false_list(scored: Sequence[CodedEvent], hits: Sequence[list[GoldEvent]]) -> list[str]:
    wrong = [event for event, h in zip(scored, hits, strict=True) if not h]
    return [f"{e.article_id[:8]} {e.sub_event_type} @ {e.location} {e.event_date} {e.modality} "
            f"[{e.trigger}] {e.notes[:100]}" for e in wrong[:MAX_LISTED]]


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
