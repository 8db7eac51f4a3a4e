"""Publication-date precision and origin; placeholder dates (year 1, 9999) become unknown.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The sane window of publication dates, as ingest keeps it (sitrep.ingest.dates).
EARLIEST_PUBLISHED = date(1900, 1, 1)
LATEST_SLACK = timedelta(days=2)


def upgrade() -> None:
    """Add the columns (dated rows are day-precise), then null the dates outside the window."""
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("published_precision", sa.String(8)))
        batch.add_column(sa.Column("published_from", sa.String(16)))
    articles = sa.table("articles", sa.column("published", sa.String), sa.column("published_date", sa.Date),
                        sa.column("published_precision", sa.String))
    latest = datetime.now(UTC).date() + LATEST_SLACK
    outside = sa.or_(articles.c.published_date < EARLIEST_PUBLISHED, articles.c.published_date > latest)
    op.execute(articles.update().where(outside).values(published=None, published_date=None))
    op.execute(articles.update().where(articles.c.published.is_not(None)).values(published_precision="day"))


def downgrade() -> None:
    """Drop the columns (the nulled placeholder dates stay unknown)."""
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("published_from")
        batch.drop_column("published_precision")
