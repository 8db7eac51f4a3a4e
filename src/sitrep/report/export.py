"""Coded events in the formats conflict analysts already load: ACLED-style CSV, JSON Lines, GeoJSON.

Two exports. The default writes one row per *fused* event with ACLED's full column set in ACLED's
order (`EVENT_ACLED_COLUMNS`; derived codes from `report.acled_codes`), then sitrep's own columns:
how many independent sources, the evidence ids (`ARTICLE:START-END` of each mention's sentence),
the confidence, the modality and whether an analyst corrected the event. `event_id_cnty` is the
first id the event had, which keeps opening it after its id changes (`store.sql_aliases`).
ACLED's conventions kept: `fatalities` is 0 when no report gives a count, `timestamp` is the Unix
time of the export, `admin2`, `admin3`, `assoc_actor_*` and `source_scale` are empty (sitrep does
not code them).

The mention export (`--mentions`) writes one row per coded mention, as extraction found it:
ACLED's names for the fields a mention has (`MENTION_ACLED_COLUMNS`), then its evidence (article
id, character offsets and text of the sentence that says it), the confidence and the modality.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TextIO

from sitrep.records import CodedEvent, Event, Modality
from sitrep.report import acled_codes
from sitrep.store.base import FACTUAL_MODALITIES, FusedQuery, Store
from sitrep.store.fused_read import iter_fused

MENTION_ACLED_COLUMNS = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "country",
    "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities", "source", "notes",
)
ACLED_COLUMNS = MENTION_ACLED_COLUMNS  # the name the mention export had first
EVIDENCE_COLUMNS = ("evidence_article_id", "evidence_start", "evidence_end", "evidence_text")
EXTRA_COLUMNS = ("confidence", "modality")
CSV_COLUMNS = MENTION_ACLED_COLUMNS + EVIDENCE_COLUMNS + EXTRA_COLUMNS
# ACLED's columns, in the order of an ACLED export.
EVENT_ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
SITREP_EVENT_COLUMNS = ("source_count", "evidence_ids", "confidence", "modality", "corrected")
EVENT_COLUMNS = EVENT_ACLED_COLUMNS + SITREP_EVENT_COLUMNS
# Events whose first ids are read in one query.
ID_CHUNK = 500
# First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportFormat(StrEnum):
    """The export formats."""

    CSV = "csv"
    JSONL = "jsonl"
    GEOJSON = "geojson"


def event_record(event: CodedEvent) -> dict[str, Any]:
    """One event as a flat dict with the export's column names, in column order."""
    values: dict[str, Any] = {
        "event_date": event.event_date.isoformat() if event.event_date else None,
        "time_precision": event.time_precision,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "country": event.country,
        "admin1": event.admin1,
        "location": event.location,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "geo_precision": event.geo_precision,
        "fatalities": event.fatalities,
        "source": event.source,
        "notes": event.notes,
        "evidence_article_id": event.article_id,
        "evidence_start": event.evidence_start,
        "evidence_end": event.evidence_end,
        "evidence_text": event.notes,
        "confidence": round(event.confidence, 3),
        "modality": event.modality.value,
    }
    return values


def write_events(events: Iterable[CodedEvent], out: TextIO, fmt: ExportFormat) -> int:
    """Write coded mentions to `out` in `fmt`, one row each; returns how many were written."""
    return write_records((event_record(event) for event in events), out, fmt, columns=CSV_COLUMNS,
                         shape=_nested)


@dataclass(frozen=True, slots=True)
class ExportedEvent:
    """A fused event as exported: the event, the first id it had, whether an analyst corrected it."""

    event: Event
    first_id: str
    corrected: bool = False


def fused_event_record(item: ExportedEvent, *, exported_at: datetime) -> dict[str, Any]:
    """One fused event as a flat dict with ACLED's columns then sitrep's, in column order."""
    event = item.event
    inter1 = acled_codes.inter_code(event.actor1, event.actor1_type)
    inter2 = acled_codes.inter_code(event.actor2, event.actor2_type)
    first = event.mentions[0] if event.mentions else None
    return {
        "event_id_cnty": item.first_id,
        "event_date": event.event_date.isoformat() if event.event_date else None,
        "year": event.event_date.year if event.event_date else None,
        "time_precision": event.time_precision,
        "disorder_type": acled_codes.disorder_type(event.event_type, event.sub_event_type),
        "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "actor1": event.actor1, "assoc_actor_1": None, "inter1": inter1,
        "actor2": event.actor2, "assoc_actor_2": None, "inter2": inter2,
        "interaction": acled_codes.interaction(inter1, inter2),
        "civilian_targeting": acled_codes.civilian_targeting(event.event_type, inter2),
        "iso": acled_codes.iso_numeric(event.country_code),
        "region": acled_codes.acled_region(event.country_code), "country": event.country,
        "admin1": event.admin1, "admin2": None, "admin3": None, "location": event.location,
        "latitude": event.latitude, "longitude": event.longitude, "geo_precision": event.geo_precision,
        "source": "; ".join(event.sources), "source_scale": None,
        "notes": " ".join(first.notes.split()) if first else None,  # one line, as ACLED's notes
        "fatalities": event.fatalities or 0,
        "tags": _disagreement_tags(event),
        "timestamp": int(exported_at.timestamp()),
        **_sitrep_cells(item),
    }


def _sitrep_cells(item: ExportedEvent) -> dict[str, Any]:
    """sitrep's own columns of an exported event."""
    event = item.event
    return {
        "source_count": event.independent_sources,
        "evidence_ids": [f"{m.article_id}:{m.evidence_start}-{m.evidence_end}" for m in event.mentions],
        "confidence": round(event.confidence, 3),
        "modality": event.modality.value,
        "corrected": item.corrected,
    }


def _disagreement_tags(event: Event) -> str | None:
    """ACLED-style tags naming the fields the sources disagree on ("sources disagree: fatalities")."""
    fields = [disagreement.field for disagreement in event.disagreements]
    return f"sources disagree: {', '.join(fields)}" if fields else None


def write_fused_events(items: Iterable[ExportedEvent], out: TextIO, fmt: ExportFormat, *,
                       exported_at: datetime | None = None) -> int:
    """Write fused events to `out` in `fmt`, one row each; returns how many were written."""
    moment = exported_at or datetime.now(UTC)
    records = (fused_event_record(item, exported_at=moment) for item in items)
    return write_records(records, out, fmt, columns=EVENT_COLUMNS, shape=dict)


def exported_events(store: Store, query: FusedQuery, *,
                    modalities: Collection[Modality] = FACTUAL_MODALITIES) -> Iterator[ExportedEvent]:
    """The fused events matching `query` with one of `modalities`, newest first, with their first ids."""
    chunk: list[Event] = []
    for event in iter_fused(store, replace(query, kind="event"), Event):
        if event.modality in modalities:
            chunk.append(event)
        if len(chunk) == ID_CHUNK:
            yield from _with_first_ids(store, chunk)
            chunk = []
    yield from _with_first_ids(store, chunk)


def _with_first_ids(store: Store, events: list[Event]) -> Iterator[ExportedEvent]:
    earlier = store.earlier_ids("event", [event.event_id for event in events]) if events else {}
    for event in events:
        first = (earlier.get(event.event_id) or [event.event_id])[0]
        yield ExportedEvent(event, first, corrected=event.corrected)


def write_records(records: Iterable[dict[str, Any]], out: TextIO, fmt: ExportFormat, *,
                  columns: Sequence[str], shape: Callable[[dict[str, Any]], dict[str, Any]]) -> int:
    """Write flat records as CSV (`columns`), or shaped by `shape` as JSON Lines or GeoJSON."""
    if fmt is ExportFormat.CSV:
        return _write_csv(records, out, columns)
    if fmt is ExportFormat.JSONL:
        return _write_jsonl((shape(record) for record in records), out)
    return _write_geojson((shape(record) for record in records), out)


def _write_csv(records: Iterable[dict[str, Any]], out: TextIO, columns: Sequence[str]) -> int:
    # RFC 4180's CRLF: with "\n" alone, Python's writer would leave a "\r" inside a cell unquoted.
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow({key: csv_cell(value) for key, value in record.items()})
        count += 1
    return count


def csv_cell(value: object) -> object:
    """A value as a spreadsheet may safely open it: text that could start a formula gets a leading `'`.

    OWASP's advice for CSV injection: a cell starting with `=`, `+`, `-`, `@`, tab or carriage return
    is read as a formula by Excel, LibreOffice and Google Sheets (`=HYPERLINK(...)` from a title would
    be a live link). Numbers (coordinates, fatalities, offsets) are written as numbers, negative too;
    only text is prefixed, so "-5" in a title stays visibly what the source wrote. A list is one cell,
    its items separated by spaces.
    """
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = " ".join(str(item) for item in value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _nested(record: dict[str, Any]) -> dict[str, Any]:
    """A mention's record with its evidence as one object."""
    record = dict(record)
    evidence = {"article_id": record.pop("evidence_article_id"), "start": record.pop("evidence_start"),
                "end": record.pop("evidence_end"), "text": record.pop("evidence_text")}
    return {**record, "evidence": evidence}


def _write_geojson(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A FeatureCollection, written feature by feature; records without coordinates get no geometry."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for record in records:
        geometry = None
        if record.get("latitude") is not None and record.get("longitude") is not None:
            geometry = {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]}
        feature = {"type": "Feature", "geometry": geometry, "properties": record}
        out.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count
