"""Earlier ids of fused records, so that a saved link keeps opening its record.

A fused record's id comes from its earliest item (an event's from its earliest mention), so a new,
earlier report changes it. Fusion reassigns items to records; an id that stood for some items
before and stands for no record after becomes an alias of the record that took over most of those
items (the smallest id on a tie). Aliases are kept one hop deep: when a record that already has
aliases is itself renamed, they are moved to its new id. A record id in use again stops being an
alias. `sitrep fuse --all` keeps the aliases (links saved before a rebuild keep their target
while it exists).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update

from sitrep.store.schema import fused_aliases

# Ids per IN (...) list, well under SQLite's and PostgreSQL's parameter limits.
IDS_PER_STATEMENT = 500
# Moves of one kind: old record id -> how many of its items went to each new record id.
Moves = dict[str, Counter[str]]


def record_moves(moves: Moves, pairs: Iterable[tuple[str, str]]) -> None:
    """Count (old record id, new record id) pairs of reassigned items; unassigned ids ("") left out."""
    for old, new in pairs:
        if old and new:
            moves.setdefault(old, Counter())[new] += 1


def successors(moves: Mapping[str, Counter[str]], live: set[str]) -> dict[str, str]:
    """For each old id no record has any more: the live record that took most of its items."""
    found: dict[str, str] = {}
    for old, targets in moves.items():
        if old in live:
            continue
        candidates = [(count, record) for record, count in targets.items() if record in live]
        if candidates:
            found[old] = min(candidates, key=lambda item: (-item[0], item[1]))[1]
    return found


def write_aliases(connection: Any, kind: str, renamed: Mapping[str, str], live: Sequence[str]) -> None:
    """Store `renamed` (old id -> new id) of `kind`, move older aliases along, drop ids in use again."""
    for part in _slices([*live, *renamed]):
        connection.execute(delete(fused_aliases).where(
            fused_aliases.c.kind == kind, fused_aliases.c.old_id.in_(part)))
    if not renamed:
        return
    for old, new in renamed.items():
        connection.execute(update(fused_aliases).where(
            fused_aliases.c.kind == kind, fused_aliases.c.record_id == old).values(record_id=new))
    now = datetime.now(UTC)
    connection.execute(insert(fused_aliases), [
        {"kind": kind, "old_id": old, "record_id": new, "created_at": now} for old, new in renamed.items()
    ])


def current_id(connection: Any, kind: str, old_id: str) -> str | None:
    """The record id `old_id` of `kind` now stands for, or None when it was never renamed."""
    statement = select(fused_aliases.c.record_id).where(
        fused_aliases.c.kind == kind, fused_aliases.c.old_id == old_id)
    return connection.execute(statement).scalar()  # type: ignore[no-any-return]


def earlier_ids(connection: Any, kind: str, record_ids: Sequence[str]) -> dict[str, list[str]]:
    """Each record's earlier ids, oldest first (records never renamed left out)."""
    found: dict[str, list[str]] = {}
    for part in _slices(record_ids):
        statement = select(fused_aliases.c.record_id, fused_aliases.c.old_id).where(
            fused_aliases.c.kind == kind, fused_aliases.c.record_id.in_(part)
        ).order_by(fused_aliases.c.created_at, fused_aliases.c.old_id)
        for record_id, old_id in connection.execute(statement):
            found.setdefault(record_id, []).append(old_id)
    return found


def _slices(values: Sequence[str]) -> Iterable[list[str]]:
    """`values` in slices small enough for one IN (...) list."""
    ordered = sorted(set(values))
    for begin in range(0, len(ordered), IDS_PER_STATEMENT):
        yield ordered[begin:begin + IDS_PER_STATEMENT]
