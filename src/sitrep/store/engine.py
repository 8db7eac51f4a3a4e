"""Database URLs to SQLAlchemy engines, with what each backend needs to be safe and fast."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from sitrep.errors import ConfigError

SQLITE_BUSY_TIMEOUT_MS = 10_000
_URL_FIX = "use sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE"


def describe_error(error: Exception) -> str:
    """The first line of what the database driver said, for an error message."""
    return str(getattr(error, "orig", None) or error).strip().splitlines()[0]


def insert_for(dialect: str) -> Any:
    """The backend's INSERT construct (with ON CONFLICT): PostgreSQL's, else SQLite's."""
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def parse_db_url(text: str) -> URL:
    """The SQLAlchemy URL for a `--db` value; a bare file path means SQLite."""
    if "://" not in text:
        text = f"sqlite:///{text}"
    try:
        url = make_url(text)
    except ArgumentError:
        raise ConfigError(f"cannot read the database URL {text!r}", fix=_URL_FIX) from None
    backend = url.get_backend_name()
    if backend == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return url
    raise ConfigError(f"unsupported database {backend!r} in {text!r}", fix=_URL_FIX)


def make_engine(url: URL) -> Engine:
    """An engine for `url`; SQLite gets WAL journaling so a killed writer loses no commit."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True)


def sqlite_file(url: URL) -> Path | None:
    """The file of a SQLite URL; None for other backends and in-memory databases."""
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or database in {"", ":memory:"} or database.startswith("file:"):
        return None
    return Path(database).expanduser().resolve()


def _sqlite_engine(url: URL) -> Engine:
    path = sqlite_file(url)
    if path is not None:
        folder = path.parent
        database = url.database
        if not folder.is_dir():
            raise ConfigError(
                f"the folder {folder} for the database {database!r} does not exist",
                fix="create the folder or choose another --db path",
            )
    engine = create_engine(url)
    event.listen(engine, "connect", _configure_sqlite)
    return engine


def _configure_sqlite(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL is durable against a killed process under WAL; only a power cut can lose the last commit.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()
    # SQLite's own lower() folds ASCII only ("ÉLUS" stays "ÉLUS"); filters compare lower() with
    # Python's lower(), so the database uses the same one, as PostgreSQL's folding does.
    connection.create_function("lower", 1, _lower, deterministic=True)


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value
