"""Schema versions with alembic: create a new database, refuse an out-of-date one, upgrade on request."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from sitrep.errors import SchemaOutOfDate, StoreError
from sitrep.store.schema import metadata

MIGRATIONS = Path(__file__).parent / "migrations"


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this sitrep knows."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database, or None for a database sitrep never touched."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the schema to the newest revision; returns (before, after)."""
    before = current_revision(engine)
    with engine.begin() as connection:
        command.upgrade(_config(connection), "head")
    return before, head_revision()


def ensure_schema(engine: Engine, *, create: bool = True) -> None:
    """Create the schema in an empty database; refuse a database at another revision."""
    revision = current_revision(engine)
    head = head_revision()
    if revision == head:
        return
    if revision is None and not _has_our_tables(engine):
        if not create:
            raise StoreError(
                f"the database {engine.url.render_as_string(hide_password=True)} holds no sitrep data yet",
                fix="ingest articles first (`sitrep ingest PATH`) with the same --db",
            )
        upgrade(engine)
        return
    if revision is None:
        raise StoreError(
            "the database already has tables named like sitrep's but no sitrep schema revision",
            fix="point --db at a new database (or a PostgreSQL schema of its own) or one made by sitrep",
        )
    known = {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}
    if revision in known:
        raise SchemaOutOfDate(
            f"the database is at schema revision {revision}, this sitrep needs {head}",
            fix="run `sitrep db upgrade` with the same --db (back it up first)",
        )
    raise StoreError(
        f"the database is at schema revision {revision}, unknown to this sitrep",
        fix="it was made by a newer sitrep: upgrade sitrep",
    )


def _has_our_tables(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(set(inspect(connection).get_table_names()) & set(metadata.tables))
