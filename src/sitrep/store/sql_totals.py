"""Running counts of fused records by kind, country, day and rejected flag (the `fused_totals` table).

Every write of `fused` moves them in its own transaction (`move_totals`), so they always agree with
the rows; the dashboard's events per day and the countries list read them instead of counting a
million rows per request.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from sitrep.store.base import FusedRow
from sitrep.store.schema import fused, fused_totals

# A total's key: kind, country code ("" for none), first day (None: undated), rejected.
TotalKey = tuple[str, str, date | None, bool]


def removed_totals(connection: Any, kind: str, group_ids: Sequence[str]) -> Counter[TotalKey]:
    """The keys of the records of these groups (about to be deleted), with how many each."""
    statement = select(fused.c.country_code, fused.c.first_day, fused.c.rejected, func.count()).where(
        fused.c.kind == kind, fused.c.group_id.in_(group_ids)).group_by(
        fused.c.country_code, fused.c.first_day, fused.c.rejected)
    return Counter({(kind, code or "", day, bool(rejected)): int(records)
                    for code, day, rejected, records in connection.execute(statement)})


def added_totals(rows: Iterable[FusedRow]) -> Counter[TotalKey]:
    """The keys of the records about to be inserted, with how many each."""
    return Counter((row.kind, row.country_code or "", row.first_day, bool(row.rejected)) for row in rows)


def move_totals(connection: Any, added: Counter[TotalKey], removed: Counter[TotalKey]) -> None:
    """Add `added` and subtract `removed` from the stored totals (rows at zero are dropped)."""
    for key in sorted(set(added) | set(removed), key=_order):
        change = added[key] - removed[key]
        if change:
            _move(connection, key, change)


def _move(connection: Any, key: TotalKey, change: int) -> None:
    """Add `change` to the key's first row in one UPDATE (safe against a concurrent writer), or insert it.

    Two writers inserting the same new key at once leave two rows; every read sums them, and later
    changes go to the first, so the totals stay right.
    """
    kind, code, day, rejected = key
    where = (fused_totals.c.kind == kind, fused_totals.c.country_code == code,
             fused_totals.c.day.is_not_distinct_from(day), fused_totals.c.rejected.is_(rejected))
    first = select(func.min(fused_totals.c.id)).where(*where).scalar_subquery()
    moved = connection.execute(update(fused_totals).where(fused_totals.c.id == first).values(
        records=fused_totals.c.records + change))
    if not moved.rowcount:
        connection.execute(insert(fused_totals).values(kind=kind, country_code=code, day=day,
                                                       rejected=rejected, records=change))
    connection.execute(delete(fused_totals).where(*where, fused_totals.c.records == 0))


def _order(key: TotalKey) -> tuple[str, str, date, bool]:
    """Keys in a fixed order (undated first), so that concurrent writers lock rows alike."""
    return key[0], key[1], key[2] or date.min, key[3]


def day_totals(connection: Any, kind: str, country_code: str) -> list[tuple[date, int]]:
    """Records of `kind` and country not rejected, per first day (undated left out), by day."""
    statement = select(fused_totals.c.day, func.sum(fused_totals.c.records)).where(
        fused_totals.c.kind == kind, fused_totals.c.country_code == country_code,
        fused_totals.c.day.is_not(None), fused_totals.c.rejected.is_(False)).group_by(
        fused_totals.c.day).order_by(fused_totals.c.day)
    return [(day, int(records)) for day, records in connection.execute(statement) if records]


def country_totals(connection: Any, kind: str) -> list[tuple[str | None, int]]:
    """(country code or None, records of `kind`, rejected and undated included), most first."""
    records = func.sum(fused_totals.c.records).label("records")
    statement = select(fused_totals.c.country_code, records).where(fused_totals.c.kind == kind).group_by(
        fused_totals.c.country_code).order_by(records.desc(), fused_totals.c.country_code)
    return [(code or None, int(count)) for code, count in connection.execute(statement) if count]
