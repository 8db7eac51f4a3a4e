"""Coded events in the formats conflict analysts already load: ACLED-style CSV, JSON Lines, GeoJSON.

Columns follow ACLED's names (`event_date, time_precision, event_type, sub_event_type, actor1,
actor2, country, admin1, location, latitude, longitude, geo_precision, fatalities, source,
notes`), then sitrep's own: the evidence (article id, character offsets and text of the sentence
that says it), the confidence and the modality.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from enum import StrEnum
from typing import Any, TextIO

from sitrep.records import CodedEvent

ACLED_COLUMNS = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "country",
    "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities", "source", "notes",
)
EVIDENCE_COLUMNS = ("evidence_article_id", "evidence_start", "evidence_end", "evidence_text")
EXTRA_COLUMNS = ("confidence", "modality")
CSV_COLUMNS = ACLED_COLUMNS + EVIDENCE_COLUMNS + EXTRA_COLUMNS


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
    """Write `events` to `out` in `fmt`; returns how many were written."""
    writers = {ExportFormat.CSV: _write_csv, ExportFormat.JSONL: _write_jsonl,
               ExportFormat.GEOJSON: _write_geojson}
    return writers[fmt](events, out)


def _write_csv(events: Iterable[CodedEvent], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow({key: "" if value is None else value for key, value in event_record(event).items()})
        count += 1
    return count


def _write_jsonl(events: Iterable[CodedEvent], out: TextIO) -> int:
    count = 0
    for event in events:
        out.write(json.dumps(_nested(event), ensure_ascii=False) + "\n")
        count += 1
    return count


def _nested(event: CodedEvent) -> dict[str, Any]:
    record = event_record(event)
    evidence = {"article_id": record.pop("evidence_article_id"), "start": record.pop("evidence_start"),
                "end": record.pop("evidence_end"), "text": record.pop("evidence_text")}
    return {**record, "evidence": evidence}


def _write_geojson(events: Iterable[CodedEvent], out: TextIO) -> int:
    """A FeatureCollection, written feature by feature; events without coordinates get no geometry."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for event in events:
        geometry = None
        if event.latitude is not None and event.longitude is not None:
            geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
        feature = {"type": "Feature", "geometry": geometry, "properties": _nested(event)}
        out.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count
