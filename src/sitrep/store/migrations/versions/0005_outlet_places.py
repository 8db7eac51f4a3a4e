"""Outlet homes: each extracted article's local places and each outlet's running totals of them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import sqlalchemy as sa
from alembic import op

from sitrep.codec import from_jsonable
from sitrep.geo.outlets import add_contributions, contributions, local_places
from sitrep.records import PlaceMention

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

PAGE = 500


def upgrade() -> None:
    """Create the tables and fill them from the extractions already stored."""
    places = op.create_table(
        "outlet_places",
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("country_code", sa.String(2), primary_key=True),
        sa.Column("admin1_code", sa.String(20), primary_key=True),
        sa.Column("admin1", sa.String(160), nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
    )
    totals_table = op.create_table(
        "outlet_totals",
        sa.Column("source", sa.String(200), primary_key=True),
        sa.Column("country_code", sa.String(2), primary_key=True),
        sa.Column("admin1_code", sa.String(20), primary_key=True),
        sa.Column("admin1", sa.String(160), nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
    )
    totals: dict[str, dict[tuple[str, str], tuple[str, float, int]]] = {}
    for article_id, source, data in _stored_extractions():
        mentions = [from_jsonable(PlaceMention, item) for item in json.loads(data).get("places", [])]
        found = local_places(mentions)
        if found:
            op.get_bind().execute(sa.insert(places), [
                {"article_id": article_id, "country_code": code, "admin1_code": division, "admin1": name,
                 "weight": weight}
                for (code, division, name), weight in found.items()
            ])
        if source:
            add_contributions(totals.setdefault(source, {}), contributions(found))
    rows = [
        {"source": source, "country_code": code, "admin1_code": division, "admin1": name, "weight": weight,
         "articles": count}
        for source, outlet in totals.items()
        for (code, division), (name, weight, count) in outlet.items()
    ]
    if rows:
        op.get_bind().execute(sa.insert(totals_table), rows)


def _stored_extractions() -> Iterator[tuple[str, str | None, str]]:
    """(article id, outlet, extraction JSON) of every extraction, read in pages of article ids."""
    extractions = sa.table("extractions", sa.column("article_id"), sa.column("data"))
    articles = sa.table("articles", sa.column("id"), sa.column("source"))
    statement = sa.select(extractions.c.article_id, articles.c.source, extractions.c.data).join(
        articles, articles.c.id == extractions.c.article_id).order_by(extractions.c.article_id).limit(PAGE)
    last = ""
    while True:
        page = [tuple(row) for row in op.get_bind().execute(statement.where(extractions.c.article_id > last))]
        if not page:
            return
        yield from page
        last = page[-1][0]


def downgrade() -> None:
    """Drop the tables."""
    op.drop_table("outlet_totals")
    op.drop_table("outlet_places")
