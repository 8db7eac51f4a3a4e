"""An analyst's corrections, and the fused event columns that list and map filters read.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the corrections table; give fused records a modality and a rejected flag.

    Events fused before this revision get their modality at the next `sitrep fuse --all`; until
    then lists take a missing modality as factual.
    """
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("machine_value", sa.Text),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("undone_at", sa.DateTime),
        sa.Column("undone_by", sa.String(200)),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_corrections_target", "corrections", ["target"])
    with op.batch_alter_table("fused") as batch:
        batch.add_column(sa.Column("modality", sa.String(16)))
        batch.add_column(sa.Column("rejected", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    """Drop the table and the columns."""
    with op.batch_alter_table("fused") as batch:
        batch.drop_column("rejected")
        batch.drop_column("modality")
    op.drop_index("ix_corrections_target", "corrections")
    op.drop_table("corrections")
