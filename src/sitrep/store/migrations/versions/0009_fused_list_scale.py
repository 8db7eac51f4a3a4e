"""Lists that hold at a million events: folded actors, list indexes that answer the filters, totals.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sitrep.store.folding import fold_actors

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Fused rows folded per statement.
BATCH = 5000
# The list indexes after this revision: (name, columns after `kind`), the day columns descending on
# PostgreSQL. The columns after record_id let a list, a capped count or a per-day count filter
# (rejected, modality, weight, actor) from the index without reading the rows.
LIST_INDEXES = (
    ("ix_fused_day", ("first_day", "record_id", "rejected", "modality")),
    ("ix_fused_country_day", ("country_code", "first_day", "record_id", "rejected", "modality", "weight",
                              "actors_folded")),
)
# The same indexes as revision 0004 left them.
OLD_INDEXES = (
    ("ix_fused_day", ("first_day", "record_id")),
    ("ix_fused_country_day", ("country_code", "first_day", "record_id", "actors")),
)


def upgrade() -> None:
    """Add `actors_folded`, fill it, rebuild the list indexes, and count the running totals.

    Runs in the one transaction `sitrep db upgrade` opens: a crash leaves the database at 0008.
    """
    with op.batch_alter_table("fused") as batch:
        batch.add_column(sa.Column("actors_folded", sa.Text))
    _fill_folded_actors()
    _create_indexes(LIST_INDEXES)
    op.create_table(
        "fused_totals",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("country_code", sa.String(2), nullable=False),
        sa.Column("day", sa.Date),
        sa.Column("rejected", sa.Boolean, nullable=False),
        sa.Column("records", sa.Integer, nullable=False),
    )
    op.create_index("ix_fused_totals", "fused_totals", ["kind", "country_code", "day", "rejected"])
    op.execute("INSERT INTO fused_totals (kind, country_code, day, rejected, records) "
               "SELECT kind, coalesce(country_code, ''), first_day, rejected, count(*) FROM fused "
               "GROUP BY kind, coalesce(country_code, ''), first_day, rejected")


def _fill_folded_actors() -> None:
    """The folded copy of every stored record's actors, a batch of rows per statement."""
    fused = sa.table("fused", sa.column("kind"), sa.column("record_id"), sa.column("actors"),
                     sa.column("actors_folded"))
    connection = op.get_bind()
    rows = connection.execute(sa.select(fused.c.kind, fused.c.record_id, fused.c.actors).where(
        fused.c.actors.is_not(None))).all()
    statement = fused.update().where(fused.c.kind == sa.bindparam("k"),
                                     fused.c.record_id == sa.bindparam("r")).values(
        actors_folded=sa.bindparam("folded"))
    for begin in range(0, len(rows), BATCH):
        connection.execute(statement, [{"k": kind, "r": record_id, "folded": fold_actors(actors.split("\n"))}
                                       for kind, record_id, actors in rows[begin:begin + BATCH]])


def _create_indexes(indexes: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
    """Drop and create the list indexes with these columns (after `kind`)."""
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, columns in indexes:
        op.drop_index(name, "fused")
        if postgres:
            ordered = [f"{column} DESC NULLS LAST" if column == "first_day" else
                       f"{column} DESC" if column == "record_id" else column for column in columns]
            op.execute(f"CREATE INDEX {name} ON fused (kind, {', '.join(ordered)})")
        else:
            op.create_index(name, "fused", ["kind", *columns])


def downgrade() -> None:
    """Drop the totals, restore the list indexes of 0004 and drop the column."""
    op.drop_index("ix_fused_totals", "fused_totals")
    op.drop_table("fused_totals")
    _create_indexes(OLD_INDEXES)
    with op.batch_alter_table("fused") as batch:
        batch.drop_column("actors_folded")
