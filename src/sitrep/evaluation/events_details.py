"""The `--details` view of the events-corpus scorer: each false positive, miss and non-event violation
with its evidence sentence and a guessed cause, so failure classes can be counted.

Causes of a false positive (the first that holds, against the gold events of the same report, then
all gold events):
- `distractor`: the report is a distractor (`gold_documents.jsonl`), every event of it is wrong;
- `date`: a gold event has the same sub-event type and place, but another date
  (`dated_by_publication` says whether the prediction's date is the report's publication day);
- `place`: a gold event has the same sub-event type and date, but lies elsewhere;
- `sub_type`: a gold event at the same place and date has another sub-event type;
- `no_gold`: nothing in the gold is near it (background, claims, events the gold does not hold).

A miss lists the predictions of the reports that describe the gold event with the same event type,
each with why it did not match (`date`, `place`, `sub_type`).

The fused view (`explain_fused`) lists fused events the same way (`fused_false_positives`, with
`fused_false_by_cause`): a fused event's own gold events are those of every report it merges, its
causes are tried in the order `distractor` (all its reports are distractors), `undated` (it has no
date, so it cannot match), then those above. A fused miss (`fused_misses`, with
`fused_misses_by_cause`) lists the fused events with a mention from a report that describes the
gold event and the same event type; its cause is the failed checks of the closest of them (fewest
failures; `undated` for a date check failed for want of a date), or `not_found` when there is none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from sitrep.evaluation.events_corpus import (
    FACTUAL,
    GoldEvent,
    Predicted,
    Report,
    _event_in_span,
    _is_acled,
    _matches,
    _same_day,
    _same_kind,
    _same_place,
    fused_matches,
    fused_predictions,
    is_distracted,
)
from sitrep.records import CodedEvent, Event

Detail = dict[str, Any]
# The single failed check that names a false positive's cause, in the order they are tried.
CAUSES = ("date", "place", "sub_type")


def explain_events(gold: Sequence[GoldEvent], reports: Sequence[Report],
                   nonevents: Sequence[Mapping[str, Any]], *,
                   distractors: frozenset[str] = frozenset(),
                   gold_by_report: Mapping[str, Sequence[str]] | None = None) -> dict[str, Any]:
    """False positives, misses and non-event violations of `reports`, each with its evidence."""
    by_id = {g.event_id: g for g in gold}
    linked = gold_by_report or {}
    false: list[Detail] = []
    for report in reports:
        own = [by_id[name] for name in linked.get(report.name, ()) if name in by_id]
        for event in _scored(report):
            if not _matches(event, gold, lenient=False):
                false.append(_false_positive(report, event, own, gold, distracted=report.name in distractors))
    misses = _misses(gold, reports)
    violations = _violations(nonevents, reports)
    return {
        "false_by_cause": dict(Counter(item["cause"] for item in false).most_common()),
        "false_positives": false,
        "misses": misses,
        "violations": violations,
    }


def _scored(report: Report) -> list[CodedEvent]:
    return [event for event in report.events if event.modality in FACTUAL and _is_acled(event)]


def _false_positive(report: Report, event: CodedEvent, own: Sequence[GoldEvent],
                    gold: Sequence[GoldEvent], *, distracted: bool) -> Detail:
    cause, near = ("distractor", None) if distracted else _cause(event, own, gold)
    detail = _describe(report, event)
    detail.update(cause=cause, near=_gold_label(near) if near else None)
    return detail


def _cause(event: Predicted, own: Sequence[GoldEvent],
           gold: Sequence[GoldEvent]) -> tuple[str, GoldEvent | None]:
    """The first cause (see the module docstring) a gold event explains, own report's events first."""
    for pool in (own, gold):
        for cause in CAUSES:
            near = next((g for g in pool if _why_not(event, g) == [cause]), None)
            if near is not None:
                return cause, near
    return "no_gold", None


def _misses(gold: Sequence[GoldEvent], reports: Sequence[Report]) -> list[Detail]:
    found = {g.event_id for report in reports for event in _scored(report)
             for g in _matches(event, gold, lenient=False)}
    by_name = {report.name: report for report in reports}
    misses = []
    for g in gold:
        if g.optional or g.event_id in found:
            continue
        tried = [(report, event) for name in g.reports if (report := by_name.get(name))
                 for event in _scored(report) if _same_kind(event, g, lenient=True)]
        misses.append({"gold": _gold_label(g), "reports": list(g.reports),
                       "tried": [_describe(report, event) | {"why": _why_not(event, g)}
                                 for report, event in tried]})
    return misses


def _why_not(event: Predicted, gold: GoldEvent) -> list[str]:
    checks = (("sub_type", _same_kind(event, gold, lenient=False)), ("place", _same_place(event, gold)),
              ("date", _same_day(event, gold)))
    return [name for name, passed in checks if not passed]


def explain_fused(gold: Sequence[GoldEvent], fused: Sequence[Event], *, names: Mapping[str, str],
                  distractors: frozenset[str] = frozenset(),
                  gold_by_report: Mapping[str, Sequence[str]] | None = None) -> dict[str, Any]:
    """False positives and misses of the fused events, each with its reports and a guessed cause.

    `names` maps an article id to its report's gold name (see the module docstring for the causes).
    """
    by_id = {g.event_id: g for g in gold}
    linked = gold_by_report or {}
    scored = fused_predictions(fused)
    false: list[Detail] = []
    found: set[str] = set()
    for event in scored:
        hits = fused_matches(event, gold, lenient=False, names=names, distractors=distractors)
        found.update(g.event_id for g in hits)
        if not hits:
            reports = _reports_of(event, names)
            own = [by_id[name] for report in reports for name in linked.get(report, ()) if name in by_id]
            cause, near = _fused_cause(event, own, gold, distracted=is_distracted(
                event, names=names, distractors=distractors))
            false.append(_describe_fused(event, reports)
                         | {"cause": cause, "near": _gold_label(near) if near else None})
    misses = [_fused_miss(g, scored, names) for g in gold if not g.optional and g.event_id not in found]
    return {
        "fused_false_by_cause": dict(Counter(item["cause"] for item in false).most_common()),
        "fused_false_positives": false,
        "fused_misses_by_cause": dict(Counter(item["cause"] for item in misses).most_common()),
        "fused_misses": misses,
    }


def _fused_cause(event: Event, own: Sequence[GoldEvent], gold: Sequence[GoldEvent], *,
                 distracted: bool) -> tuple[str, GoldEvent | None]:
    """Why a fused event matched nothing: distractor, undated, then the mention view's causes."""
    if distracted:
        return "distractor", None
    if event.event_date is None:
        return "undated", None
    return _cause(event, own, gold)


def _fused_miss(gold: GoldEvent, scored: Sequence[Event], names: Mapping[str, str]) -> Detail:
    """A missed gold event with the fused events of its reports that were near it, closest first."""
    described = set(gold.reports)
    tried = [(event, _fused_why_not(event, gold)) for event in scored
             if _same_kind(event, gold, lenient=True) and described & set(_reports_of(event, names))]
    tried.sort(key=lambda pair: len(pair[1]))
    return {"gold": _gold_label(gold), "reports": list(gold.reports),
            "cause": "+".join(tried[0][1]) if tried else "not_found",
            "tried": [_describe_fused(event, _reports_of(event, names)) | {"why": why}
                      for event, why in tried]}


def _fused_why_not(event: Event, gold: GoldEvent) -> list[str]:
    """The failed checks, `undated` for a date check an event without a date fails."""
    return ["undated" if name == "date" and event.event_date is None else name
            for name in _why_not(event, gold)]


def _reports_of(event: Event, names: Mapping[str, str]) -> list[str]:
    """The gold names of the reports a fused event merges, each once, in mention order."""
    return list(dict.fromkeys(names.get(mention.article_id, mention.article_id)
                              for mention in event.mentions))


def _describe_fused(event: Event, reports: Sequence[str]) -> Detail:
    """One fused event as the details list it: its reconciled fields and the reports it merges."""
    return {
        "sub_event_type": event.sub_event_type,
        "modality": str(event.modality),
        "location": event.location,
        "date": event.event_date.isoformat() if event.event_date else None,
        "actor1": event.actor1,
        "mentions": len(event.mentions),
        "reports": list(reports),
    }


def _violations(nonevents: Sequence[Mapping[str, Any]], reports: Sequence[Report]) -> list[Detail]:
    by_name = {report.name: report for report in reports}
    listed = []
    for entry in nonevents:
        report = by_name.get(entry["file"])
        event = _event_in_span(report, entry["quote"]) if report else None
        if report is not None and event is not None:
            listed.append(_describe(report, event) | {"category": entry["category"], "quote": entry["quote"]})
    return listed


def _describe(report: Report, event: CodedEvent) -> Detail:
    """One prediction as the details list it: what was coded, from which words and sentence."""
    published = report.article.published_on
    return {
        "report": report.name,
        "sub_event_type": event.sub_event_type,
        "modality": str(event.modality),
        "location": event.location,
        "date": event.event_date.isoformat() if event.event_date else None,
        "dated_by_publication": event.event_date is not None and event.event_date == published,
        "published": published.isoformat() if published else None,
        "trigger": event.trigger,
        "actor1": event.actor1,
        "sentence": report.article.text[event.evidence_start:event.evidence_end] or event.notes,
    }


def _gold_label(gold: GoldEvent) -> str:
    days = gold.first_day.isoformat()
    if gold.last_day != gold.first_day:
        days += f"..{gold.last_day.isoformat()}"
    return f"{gold.event_id} {gold.sub_event_type} @ {gold.location} {days}"
