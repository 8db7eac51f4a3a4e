"""Fusion: items of each stage with their blocking keys, fused records, and control periods.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the fusion tables."""
    op.create_table(
        "fusion_items",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("item_id", sa.String(80), primary_key=True),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("day", sa.Date),
        sa.Column("group_id", sa.String(80), nullable=False),
        sa.Column("record_id", sa.String(80), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_fusion_items_article", "fusion_items", ["kind", "article_id"])
    op.create_index("ix_fusion_items_group", "fusion_items", ["kind", "group_id"])
    op.create_table(
        "fusion_keys",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("item_id", sa.String(80), primary_key=True),
        sa.Column("day", sa.Date),
    )
    op.create_index("ix_fusion_keys_item", "fusion_keys", ["kind", "item_id"])
    op.create_table(
        "fused",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("record_id", sa.String(80), primary_key=True),
        sa.Column("group_id", sa.String(80), nullable=False),
        sa.Column("first_day", sa.Date),
        sa.Column("last_day", sa.Date),
        sa.Column("country", sa.String(120)),
        sa.Column("country_code", sa.String(2)),
        sa.Column("label", sa.Text),
        sa.Column("place_id", sa.BigInteger),
        sa.Column("weight", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_fused_group", "fused", ["kind", "group_id"])
    op.create_index("ix_fused_day", "fused", ["kind", "first_day"])
    op.create_index("ix_fused_place", "fused", ["kind", "place_id"])
    op.create_table(
        "control_periods",
        sa.Column("geonameid", sa.BigInteger, primary_key=True),
        sa.Column("start", sa.Date, primary_key=True),
        sa.Column("end", sa.Date),
        sa.Column("country", sa.String(120)),
        sa.Column("country_code", sa.String(2)),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("actor", sa.Text),
        sa.Column("admin1_seat", sa.Boolean, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_control_country", "control_periods", ["country_code", "start"])


def downgrade() -> None:
    """Drop the fusion tables."""
    for table in ("control_periods", "fused", "fusion_keys", "fusion_items"):
        op.drop_table(table)
