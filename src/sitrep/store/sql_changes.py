"""A serial number per kind of stored data that readers cache (`store_changes`, migration 0011).

The control periods are rewritten only by fusion; every fusion transaction that rewrites some moves
the `control` serial by one as its last statement (`mark_changed`), so that a reader holding
something derived from them (the dashboard's decoded periods and holdings per day) can tell with
one indexed read whether it is still what the store holds. A reader reads the serial *before* the
rows it derives from: a write committed in between leaves it with newer rows under an older
serial, which the next read replaces; never older rows under a newer serial.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Column, String, Table, select, update

from sitrep.store.engine import insert_for
from sitrep.store.schema import metadata

# The control periods (`control_periods`): the map, the timeline and /api/control derive from them.
CONTROL = "control"

store_changes = Table(
    "store_changes",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("serial", BigInteger, nullable=False),
)


def mark_changed(connection: Any, name: str) -> None:
    """Move the serial of `name` by one, inside the caller's transaction (its last write: the row
    stays locked until the commit on PostgreSQL, so concurrent writers queue there, not earlier)."""
    moved = connection.execute(update(store_changes).where(store_changes.c.name == name).values(
        serial=store_changes.c.serial + 1))
    if not moved.rowcount:
        insert = insert_for(connection.dialect.name)
        connection.execute(insert(store_changes).values(name=name, serial=1).on_conflict_do_nothing())


def change_serial(connection: Any, name: str) -> int:
    """The serial of `name` now (0 when it never moved)."""
    serial = connection.execute(select(store_changes.c.serial).where(store_changes.c.name == name)).scalar()
    return int(serial or 0)
