"""The control serial (migration 0011): it moves with every fusion write of control periods, only then."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import create_engine, inspect, text
from test_migration_0005 import _engine_url, _migrate

from sitrep.store import open_store, upgrade_store
from sitrep.store.base import ControlRow
from sitrep.store.migrate import head_revision


def _period(geonameid: int, actor: str) -> ControlRow:
    data = json.dumps({"geonameid": geonameid, "place": f"Town {geonameid}", "actor": actor})
    return ControlRow(geonameid=geonameid, start=date(2024, 5, 1), end=None, country="Nowhere",
                      country_code="ZZ", state="controlled", actor=actor, admin1_seat=False, data=data)


def test_the_serial_moves_once_per_transaction_that_rewrites_control(store_url: str) -> None:
    store = open_store(store_url)
    try:
        before = store.control_serial()
        with store.fusion() as session:
            session.replace_control(7, [_period(7, "Hill Brigade")])
            session.replace_control(8, [_period(8, "Hill Brigade")])
        assert store.control_serial() == before + 1
        with store.fusion() as session:
            session.replace_fused("event", [], [])  # no control written: what was derived still holds
        assert store.control_serial() == before + 1
        store.clear_fusion()
        assert store.control_serial() == before + 2
        assert store.list_control(country="ZZ") == []
    finally:
        store.close()


def test_a_failed_transaction_leaves_the_serial_as_it_was(store_url: str) -> None:
    store = open_store(store_url)
    try:
        before = store.control_serial()
        try:
            with store.fusion() as session:
                session.replace_control(7, [_period(7, "Hill Brigade")])
                raise RuntimeError("fusion stopped half-way")
        except RuntimeError:
            pass
        assert store.control_serial() == before and store.list_control(country="ZZ") == []
    finally:
        store.close()


def test_0011_adds_the_serials_and_downgrade_drops_them(store_url: str) -> None:
    _migrate(store_url, "0010")
    assert upgrade_store(store_url) == ("0010", head_revision())
    engine = create_engine(_engine_url(store_url))
    try:
        with engine.connect() as connection:
            assert "store_changes" in inspect(connection).get_table_names()
            serials = connection.execute(text("SELECT name, serial FROM store_changes")).all()
            assert serials == [("control", 1)]
    finally:
        engine.dispose()
    _migrate(store_url, "0010", down=True)
    engine = create_engine(_engine_url(store_url))
    try:
        with engine.connect() as connection:
            assert "store_changes" not in inspect(connection).get_table_names()
    finally:
        engine.dispose()
