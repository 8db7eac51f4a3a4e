"""Articles and skipped inputs.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the articles and skipped tables with their indexes."""
    op.create_table(
        "articles",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("source", sa.String(200)),
        sa.Column("published", sa.String(40)),
        sa.Column("published_date", sa.Date),
        sa.Column("language", sa.String(8)),
        sa.Column("language_detected", sa.Boolean, nullable=False),
        sa.Column("is_summary", sa.Boolean, nullable=False),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("fetched_at", sa.DateTime),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_articles_source", "articles", ["source"])
    op.create_index("ix_articles_published_date", "articles", ["published_date"])
    op.create_index("ix_articles_language", "articles", ["language"])
    op.create_table(
        "skipped",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("first_seen", sa.DateTime, nullable=False),
        sa.Column("last_seen", sa.DateTime, nullable=False),
        sa.Column("times", sa.Integer, nullable=False),
        sa.UniqueConstraint("input", "reason", name="uq_skipped_input_reason"),
    )
    op.create_index("ix_skipped_reason", "skipped", ["reason"])


def downgrade() -> None:
    """Drop both tables."""
    op.drop_table("skipped")
    op.drop_table("articles")
