"""Schema versions: a new database is created, a foreign or unknown one is refused, upgrade works."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from sitrep.errors import ConfigError, StoreError
from sitrep.store import open_store, upgrade_store
from sitrep.store.migrate import head_revision


def _sqlite(path: Path) -> str:
    return f"sqlite:///{path}"


def test_new_database_gets_the_newest_schema(tmp_path: Path) -> None:
    url = _sqlite(tmp_path / "new.db")
    open_store(url).close()
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("select version_num from alembic_version")).scalar() == head_revision()
        names = connection.execute(text("select name from sqlite_master where type='table'"))
        tables = {row[0] for row in names}
    engine.dispose()
    assert {"articles", "skipped"} <= tables


def test_upgrade_is_idempotent(store_url: str) -> None:
    before, after = upgrade_store(store_url)
    assert (before, after) == (None, head_revision())
    assert upgrade_store(store_url) == (head_revision(), head_revision())


def test_reading_a_missing_database_does_not_create_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        open_store(_sqlite(tmp_path / "absent.db"), create=False)
    assert not (tmp_path / "absent.db").exists()


def test_unknown_revision_is_refused(tmp_path: Path) -> None:
    url = _sqlite(tmp_path / "future.db")
    open_store(url).close()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("update alembic_version set version_num = 'f00d'"))
    engine.dispose()
    with pytest.raises(StoreError, match="unknown to this sitrep"):
        open_store(url)


def test_tables_without_a_revision_are_refused(tmp_path: Path) -> None:
    url = _sqlite(tmp_path / "other.db")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("create table articles (x integer)"))
    engine.dispose()
    with pytest.raises(StoreError, match="no sitrep schema revision"):
        open_store(url)


@pytest.mark.parametrize(("url", "message"), [
    ("mysql://root@localhost/x", "unsupported database"),
    ("sqlite:////no/such/folder/x.db", "does not exist"),
    ("postgres ql://x/y", "cannot read the database URL"),
])
def test_bad_urls_say_what_is_wrong(url: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        open_store(url)


def test_unreachable_server_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open the database") as caught:
        open_store("postgresql://nobody@127.0.0.1:1/none")
    assert "server is running" in caught.value.fix


def test_bare_path_means_sqlite(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "plain.db"))
    assert store.url.startswith("sqlite:///")
    store.close()
    assert (tmp_path / "plain.db").exists()
