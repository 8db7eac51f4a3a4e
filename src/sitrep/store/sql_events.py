"""The extraction half of the SQL store: extraction documents and coded-event rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, delete, insert, or_

from sitrep.records import CodedEvent, Extraction, Modality
from sitrep.store.article_rows import extraction_document
from sitrep.store.base import EventQuery, country_code_of
from sitrep.store.folding import contains_folded, equals_folded
from sitrep.store.schema import events, extractions
from sitrep.store.sql_outlets import write_outlet_places

_EVENT_FIELDS = [column.name for column in events.columns if column.name != "id"]
# Event dates outside these years are placeholders or misreadings; fusion's day arithmetic
# (look-back windows, day ranges) overflows near year 1 and 9999, so they are kept as unknown.
EARLIEST_EVENT_DAY = date(1900, 1, 1)
LATEST_EVENT_DAY = date(9000, 1, 1)


def write_extractions(
    connection: Any, items: Sequence[tuple[Extraction, Sequence[CodedEvent]]], now: datetime
) -> None:
    """Replace the extraction and events of each article in `items` (inside the caller's transaction)."""
    ids = [extraction.article_id for extraction, _ in items]
    if not ids:
        return
    connection.execute(delete(events).where(events.c.article_id.in_(ids)))
    connection.execute(delete(extractions).where(extractions.c.article_id.in_(ids)))
    connection.execute(insert(extractions), [
        {"article_id": extraction.article_id, "components": " ".join(extraction.components),
         "data": extraction_document(extraction), "extracted_at": now}
        for extraction, _ in items
    ])
    rows = [_event_row(event) for _, coded in items for event in coded]
    if rows:
        connection.execute(insert(events), rows)
    write_outlet_places(connection, [extraction for extraction, _ in items])


def _event_row(event: CodedEvent) -> dict[str, Any]:
    row = {name: getattr(event, name) for name in _EVENT_FIELDS}
    row["modality"] = event.modality.value
    row["event_date"] = _sane_day(event.event_date)
    return row


def event_from_row(row: Any) -> CodedEvent:
    """A coded event from a row of the events table."""
    values = {name: getattr(row, name) for name in _EVENT_FIELDS}
    values["modality"] = Modality(values["modality"])
    values["event_date"] = _sane_day(values["event_date"])
    return CodedEvent(**values)


def _sane_day(day: date | None) -> date | None:
    """`day` when fusion can do arithmetic on it, else None (unknown)."""
    if day is None or not EARLIEST_EVENT_DAY <= day <= LATEST_EVENT_DAY:
        return None
    return day


def country_condition(name: Any, code: Any, country: str) -> Any:
    """Rows whose ISO code (two letters, any case) or name (other text, any case and accents) is `country`.

    A code is compared as stored (upper case), so that the indexes on the code columns serve it.
    """
    as_code = country_code_of(country)
    return code == as_code if as_code else equals_folded(name, country)


def filter_events(statement: Select[Any], query: EventQuery) -> Select[Any]:
    """`statement` restricted to the events `query` asks for."""
    conditions = []
    if query.country:
        conditions.append(country_condition(events.c.country, events.c.country_code, query.country))
    if query.admin1:
        conditions.append(equals_folded(events.c.admin1, query.admin1))
    if query.event_type:
        conditions.append(equals_folded(events.c.event_type, query.event_type))
    if query.sub_event_type:
        conditions.append(equals_folded(events.c.sub_event_type, query.sub_event_type))
    if query.actor:
        conditions.append(or_(contains_folded(events.c.actor1, query.actor),
                              contains_folded(events.c.actor2, query.actor)))
    if query.since:
        conditions.append(events.c.event_date >= query.since)
    if query.until:
        conditions.append(events.c.event_date <= query.until)
    if query.modalities:
        conditions.append(events.c.modality.in_([modality.value for modality in query.modalities]))
    if query.article_id:
        conditions.append(events.c.article_id == query.article_id)
    return statement.where(*conditions) if conditions else statement
