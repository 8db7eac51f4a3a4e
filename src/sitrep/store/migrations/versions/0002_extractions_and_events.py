"""Extractions (one JSON document per article) and coded events (one row per event mention).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the extractions and events tables."""
    op.create_table(
        "extractions",
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("components", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("extracted_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("trigger_start", sa.Integer, nullable=False),
        sa.Column("trigger_end", sa.Integer, nullable=False),
        sa.Column("trigger", sa.Text, nullable=False),
        sa.Column("component", sa.String(80), nullable=False),
        sa.Column("event_type", sa.String(80), nullable=False),
        sa.Column("sub_event_type", sa.String(80), nullable=False),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("event_date", sa.Date),
        sa.Column("time_precision", sa.Integer),
        sa.Column("actor1", sa.Text),
        sa.Column("actor1_type", sa.String(40)),
        sa.Column("actor2", sa.Text),
        sa.Column("actor2_type", sa.String(40)),
        sa.Column("country", sa.String(120)),
        sa.Column("country_code", sa.String(2)),
        sa.Column("admin1", sa.String(160)),
        sa.Column("location", sa.Text),
        sa.Column("geonameid", sa.BigInteger),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("fatalities", sa.Integer),
        sa.Column("source", sa.String(200)),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
    )
    op.create_index("ix_events_article_id", "events", ["article_id"])
    op.create_index("ix_events_event_date", "events", ["event_date"])
    op.create_index("ix_events_country_code", "events", ["country_code"])
    op.create_index("ix_events_sub_event_type", "events", ["sub_event_type"])


def downgrade() -> None:
    """Drop both tables."""
    op.drop_table("events")
    op.drop_table("extractions")
