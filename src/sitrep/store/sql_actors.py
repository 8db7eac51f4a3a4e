"""Every folded actor name fused records of a kind have held (`fused_actor_names`, migration 0010).

The actor filter matches part of one actor's name. Before it reads the list index the store asks
this table, a few thousand names at most, whether any name holds the wanted text
(`names_no_actor`): an actor nobody names is then answered without reading a million index
entries. Names are added by every write of `fused` and never removed, so the table holds every
name stored (and perhaps a few no longer stored): "no name holds it" is always right, "some
name holds it" sends the filter to the index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Column, String, Table, select

from sitrep.store.base import FusedQuery, FusedRow
from sitrep.store.engine import insert_for
from sitrep.store.folding import fold_text
from sitrep.store.schema import metadata

fused_actor_names = Table(
    "fused_actor_names",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("actor_folded", String, primary_key=True),
)


def folded_names(rows: Iterable[FusedRow]) -> list[tuple[str, str]]:
    """(kind, folded actor) of every actor of `rows`, each once, in order."""
    return sorted({(row.kind, fold_text(actor)) for row in rows for actor in row.actors if actor})


def add_actor_names(connection: Any, names: Sequence[tuple[str, str]]) -> None:
    """Add the names not known yet (a name a concurrent writer adds first is skipped, not an error)."""
    if not names:
        return
    values = [{"kind": kind, "actor_folded": name} for kind, name in names]
    insert = insert_for(connection.dialect.name)
    connection.execute(insert(fused_actor_names).on_conflict_do_nothing(), values)


def names_no_actor(connection: Any, query: FusedQuery) -> bool:
    """The query filters on an actor no known name of its kind holds: it can match no record.

    Asked apart from the list (not as an EXISTS inside it): PostgreSQL plans the list's statement
    for the whole index range, parallel workers and compiled code included, even when a one-time
    filter then skips it.
    """
    if not query.actor:
        return False
    wanted = fold_text(query.actor.strip())
    statement = select(fused_actor_names.c.actor_folded).where(
        fused_actor_names.c.kind == query.kind,
        fused_actor_names.c.actor_folded.contains(wanted, autoescape=True)).limit(1)
    return connection.execute(statement).first() is None
