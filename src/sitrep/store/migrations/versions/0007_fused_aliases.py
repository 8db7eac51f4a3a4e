"""Earlier ids of fused records: a saved link to an event keeps working after its id changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the table (empty: ids replaced before this revision were not recorded)."""
    op.create_table(
        "fused_aliases",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("old_id", sa.String(80), primary_key=True),
        sa.Column("record_id", sa.String(80), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_fused_aliases_record", "fused_aliases", ["kind", "record_id"])


def downgrade() -> None:
    """Drop the table."""
    op.drop_index("ix_fused_aliases_record", "fused_aliases")
    op.drop_table("fused_aliases")
