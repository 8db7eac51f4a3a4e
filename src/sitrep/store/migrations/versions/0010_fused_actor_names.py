"""Every folded actor name fused records hold, so that an actor nobody names is answered at once.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create `fused_actor_names` and fill it from the folded actors stored (one actor per line)."""
    op.create_table(
        "fused_actor_names",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("actor_folded", sa.String, primary_key=True),
    )
    connection = op.get_bind()
    stored = connection.execute(sa.text(
        "SELECT DISTINCT kind, actors_folded FROM fused WHERE actors_folded IS NOT NULL")).all()
    names = sorted({(kind, name) for kind, folded in stored for name in folded.split("\n") if name})
    if names:
        table = sa.table("fused_actor_names", sa.column("kind"), sa.column("actor_folded"))
        connection.execute(table.insert(), [{"kind": kind, "actor_folded": name} for kind, name in names])


def downgrade() -> None:
    """Drop the names."""
    op.drop_table("fused_actor_names")
