"""A serial per kind of cached data (`store_changes`), moved by every fusion write of control periods.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create `store_changes` with the control serial at 1 (anything cached before is stale)."""
    op.create_table(
        "store_changes",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("serial", sa.BigInteger, nullable=False),
    )
    table = sa.table("store_changes", sa.column("name"), sa.column("serial"))
    op.get_bind().execute(table.insert(), [{"name": "control", "serial": 1}])


def downgrade() -> None:
    """Drop the serials."""
    op.drop_table("store_changes")
