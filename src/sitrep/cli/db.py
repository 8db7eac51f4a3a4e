"""`sitrep db ...`: the database schema."""

from __future__ import annotations

import click

from sitrep.cli.options import db_option
from sitrep.store import upgrade_store


@click.group("db")
def db_group() -> None:
    """Manage the database schema."""


@db_group.command("upgrade")
@db_option
def upgrade_command(db: str) -> None:
    """Create the schema, or migrate it to this version of sitrep."""
    before, after = upgrade_store(db)
    if before == after:
        click.echo(f"the database is up to date (schema revision {after})")
    else:
        click.echo(f"upgraded the database from revision {before or 'none'} to {after}")
