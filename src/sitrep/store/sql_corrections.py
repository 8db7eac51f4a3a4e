"""The corrections half of the SQL store: an analyst's corrections, kept when undone."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update

from sitrep.codec import from_jsonable, to_jsonable
from sitrep.errors import NotFoundError
from sitrep.records import Correction
from sitrep.store.schema import corrections

# Fields stored in their own columns; the rest of the record (anchors, days, entry) is in `data`.
COLUMN_FIELDS = ("target", "field", "value", "machine_value", "author", "reason", "created_at",
                 "undone_at", "undone_by")


def insert_correction(connection: Any, correction: Correction) -> Correction:
    """Store `correction` (its id and time are set here); returns it as stored."""
    now = datetime.now(UTC)
    document = to_jsonable(correction)
    values = {name: getattr(correction, name) for name in COLUMN_FIELDS}
    values.update(field=correction.field.value, created_at=now, undone_at=None, undone_by=None,
                  data=json.dumps(document, ensure_ascii=False))
    result = connection.execute(insert(corrections).values(**values))
    new_id = int(result.inserted_primary_key[0])
    return from_jsonable(Correction, {**document, "correction_id": new_id, "created_at": now.isoformat(),
                                      "undone_at": None, "undone_by": None})


def select_corrections(connection: Any, *, target: str | None, active: bool) -> list[Correction]:
    """Corrections, oldest first, of one target when given, only those in force when `active`."""
    statement = select(corrections).order_by(corrections.c.id)
    if target is not None:
        statement = statement.where(corrections.c.target == target)
    if active:
        statement = statement.where(corrections.c.undone_at.is_(None))
    return [correction_of(row) for row in connection.execute(statement)]


def select_correction(connection: Any, correction_id: int) -> Correction:
    """One correction; `NotFoundError` when there is none with this id."""
    row = connection.execute(select(corrections).where(corrections.c.id == correction_id)).first()
    if row is None:
        raise NotFoundError(f"no correction {correction_id}",
                            fix="list the corrections with `sitrep review list --all`")
    return correction_of(row)


def mark_undone(connection: Any, correction_id: int, by: str) -> Correction:
    """Set the undo time and author of a correction in force (an undone one is left as it is)."""
    select_correction(connection, correction_id)
    connection.execute(update(corrections).where(
        corrections.c.id == correction_id, corrections.c.undone_at.is_(None)
    ).values(undone_at=datetime.now(UTC), undone_by=by))
    return select_correction(connection, correction_id)


def correction_of(row: Any) -> Correction:
    """A `Correction` from a row: the columns over the JSON document."""
    document = json.loads(row.data)
    document.update(correction_id=row.id, target=row.target, field=row.field, value=row.value,
                    machine_value=row.machine_value, author=row.author, reason=row.reason,
                    created_at=_iso(row.created_at), undone_at=_iso(row.undone_at), undone_by=row.undone_by)
    return from_jsonable(Correction, document)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
