"""Migration 0007: a database at 0006 gets the empty table of earlier fused ids; downgrade drops it."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect
from test_migration_0005 import _engine_url, _migrate

from sitrep.store import upgrade_store
from sitrep.store.migrate import head_revision


def _tables(url: str) -> set[str]:
    engine = create_engine(_engine_url(url))
    try:
        with engine.connect() as connection:
            return set(inspect(connection).get_table_names())
    finally:
        engine.dispose()


def test_0007_adds_and_drops_the_alias_table(store_url: str) -> None:
    _migrate(store_url, "0006")
    assert "fused_aliases" not in _tables(store_url)
    assert upgrade_store(store_url) == ("0006", head_revision())
    assert "fused_aliases" in _tables(store_url)
    _migrate(store_url, "0006", down=True)
    assert "fused_aliases" not in _tables(store_url)
