"""Store: one interface (`Store`), two real backends: SQLite (embedded) and PostgreSQL (team).

Writes are transactional per batch: a crash mid-run loses no committed article and leaves no
half-written one. The schema is versioned with alembic (`sitrep db upgrade`).
"""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from sitrep.errors import StoreError
from sitrep.store.base import ArticleQuery, EventQuery, Store
from sitrep.store.engine import describe_error, make_engine, parse_db_url, sqlite_file
from sitrep.store.migrate import ensure_schema, upgrade
from sitrep.store.sql import SqlStore

__all__ = ["ArticleQuery", "EventQuery", "Store", "open_store", "upgrade_store"]


def open_store(url: str, *, create: bool = True) -> Store:
    """The store at `url`, with its schema created when the database is new."""
    parsed = parse_db_url(url)
    path = sqlite_file(parsed)
    if not create and path is not None and not path.exists():
        raise StoreError(f"there is no database at {path}",
                         fix="ingest articles first (`sitrep ingest PATH`) or check --db")
    engine = make_engine(parsed)
    try:
        ensure_schema(engine, create=create)
    except SQLAlchemyError as error:
        engine.dispose()
        reason = describe_error(error)
        raise StoreError(
            f"cannot open the database {engine.url.render_as_string(hide_password=True)}: {reason}",
            fix="check --db, the file's folder and permissions, or that the server is running",
        ) from error
    return SqlStore(engine)


def upgrade_store(url: str) -> tuple[str | None, str]:
    """Migrate the database at `url` to the newest schema; returns (before, after) revisions."""
    engine = make_engine(parse_db_url(url))
    try:
        return upgrade(engine)
    except SQLAlchemyError as error:
        reason = describe_error(error)
        raise StoreError(f"cannot upgrade {url}: {reason}", fix="check --db") from error
    finally:
        engine.dispose()
