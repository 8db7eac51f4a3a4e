"""What changed, for people following a country: new control periods with evidence, corroborated events.

The same records feed `/api/changes.atom` and the watcher's webhooks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

from sitrep.records import ControlBasis
from sitrep.store.base import FusedQuery, Store

# An event is news to followers once this many independent sources report it.
CORROBORATED = 2
DEFAULT_LIMIT = 50


@dataclass(frozen=True, slots=True)
class Change:
    """One change: a control period opened by reported evidence, or a corroborated event."""

    change_id: str
    kind: str
    day: date
    title: str
    summary: str
    path: str
    country_code: str | None

    def as_dict(self) -> dict[str, Any]:
        """The change as JSON-ready values (what a webhook receives)."""
        return {"id": self.change_id, "kind": self.kind, "day": self.day.isoformat(), "title": self.title,
                "summary": self.summary, "path": self.path, "country_code": self.country_code}


def recent_changes(store: Store, country: str | None, *, limit: int = DEFAULT_LIMIT) -> list[Change]:
    """The newest `limit` changes of a country (ISO code; None: every country), newest first."""
    merged = [*control_changes(store, country), *event_changes(store, country, limit=limit)]
    merged.sort(key=lambda change: (change.day, change.change_id), reverse=True)
    return merged[:limit]


def control_changes(store: Store, country: str | None) -> list[Change]:
    """Control periods whose opening rests on a reported change (basis `evidenced`)."""
    changes = []
    for row in store.list_control(country=country):
        period = json.loads(row.data)
        if period.get("basis", ControlBasis.EVIDENCED.value) != ControlBasis.EVIDENCED.value:
            continue
        changes.append(_control_change(period, row.country_code))
    return changes


def _control_change(period: dict[str, Any], country_code: str | None) -> Change:
    state = period.get("state", "unknown")
    title = f"{period['place']}: {state}" + (f" by {period['actor']}" if period.get("actor") else "")
    sources = len(period.get("sources") or ())
    checked = "corroborated" if period.get("corroborated") else "single source"
    return Change(
        change_id=f"control:{period['geonameid']}:{period['start']}", kind="control",
        day=date.fromisoformat(period["start"]), title=title,
        summary=f"From {period['start']}; {sources} source(s), {checked}.",
        path=f"/places/{period['geonameid']}", country_code=country_code)


def event_changes(store: Store, country: str | None, *, limit: int = DEFAULT_LIMIT) -> list[Change]:
    """The newest dated events with at least `CORROBORATED` independent sources."""
    query = FusedQuery("event", country=country, min_weight=CORROBORATED, undated=False, limit=limit)
    return [_event_change(json.loads(row.data), row.record_id, row.country_code)
            for row in store.list_fused(query)]


def _event_change(event: dict[str, Any], event_id: str, country_code: str | None) -> Change:
    where = ", ".join(part for part in (event.get("location"), event.get("admin1")) if part)
    actor = event.get("actor1") or "unknown actor"
    return Change(
        change_id=f"event:{event_id}", kind="event", day=date.fromisoformat(event["event_date"]),
        title=f"{event['sub_event_type']}: {actor} in {where or 'an unknown place'}",
        summary=f"{event['event_date']}; {event.get('independent_sources', 0)} independent sources: "
                f"{', '.join(event.get('sources') or ())}.",
        path=f"/events/{quote(event_id, safe='')}", country_code=country_code)
