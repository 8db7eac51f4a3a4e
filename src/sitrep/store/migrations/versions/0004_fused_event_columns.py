"""Fused events get the columns the API filters and maps on: admin-1, type, place, actors, coordinates.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = ("admin1", "category", "place", "actors", "latitude", "longitude")


def upgrade() -> None:
    """Add the columns and fill them for the fused events already stored."""
    with op.batch_alter_table("fused") as batch:
        batch.add_column(sa.Column("admin1", sa.String(160)))
        batch.add_column(sa.Column("category", sa.String(80)))
        batch.add_column(sa.Column("place", sa.Text))
        batch.add_column(sa.Column("actors", sa.Text))
        batch.add_column(sa.Column("latitude", sa.Float))
        batch.add_column(sa.Column("longitude", sa.Float))
    _create_list_indexes()
    fused = sa.table("fused", sa.column("kind"), sa.column("record_id"), sa.column("data"),
                     *(sa.column(name) for name in COLUMNS))
    connection = op.get_bind()
    rows = connection.execute(sa.select(fused.c.record_id, fused.c.data).where(fused.c.kind == "event"))
    for record_id, data in list(rows):
        event = json.loads(data)
        actors = "\n".join(actor for actor in (event.get("actor1"), event.get("actor2")) if actor)
        connection.execute(
            fused.update().where(fused.c.kind == "event", fused.c.record_id == record_id).values(
                admin1=event.get("admin1"), category=event.get("event_type"), place=event.get("location"),
                actors=actors or None, latitude=event.get("latitude"), longitude=event.get("longitude")))


def _create_list_indexes() -> None:
    """Indexes in the order lists are read (newest day first, then id): a page is an index range.

    PostgreSQL reads `first_day DESC NULLS LAST` in index order only when the index says so; SQLite
    puts NULLs last in a descending order anyway and reads the plain index backwards. `actors` rides
    along so that the actor filter reads the index, not the documents.
    """
    op.drop_index("ix_fused_day", "fused")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_fused_day ON fused (kind, first_day DESC NULLS LAST, record_id DESC)")
        op.execute("CREATE INDEX ix_fused_country_day ON fused "
                   "(kind, country_code, first_day DESC NULLS LAST, record_id DESC, actors)")
    else:
        op.create_index("ix_fused_day", "fused", ["kind", "first_day", "record_id"])
        op.create_index("ix_fused_country_day", "fused",
                        ["kind", "country_code", "first_day", "record_id", "actors"])


def downgrade() -> None:
    """Drop the columns and the list indexes, and restore the day index of 0003."""
    op.drop_index("ix_fused_country_day", "fused")
    op.drop_index("ix_fused_day", "fused")
    op.create_index("ix_fused_day", "fused", ["kind", "first_day"])
    with op.batch_alter_table("fused") as batch:
        for name in COLUMNS:
            batch.drop_column(name)
