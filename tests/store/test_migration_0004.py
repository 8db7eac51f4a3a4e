"""Migration 0004: fused events stored before it get their filter columns filled from their JSON."""

from __future__ import annotations

import json

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from sitrep.store import open_store, upgrade_store
from sitrep.store.base import FusedQuery
from sitrep.store.migrate import MIGRATIONS, head_revision


def _upgrade_to(url: str, revision: str) -> None:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def test_an_event_fused_before_0004_is_found_by_the_new_filters(store_url: str) -> None:
    _upgrade_to(store_url, "0003")
    event = {"event_id": "E-1", "event_type": "Battles", "sub_event_type": "Armed clash", "admin1": "Oruzgan",
             "location": "Tarin Kot", "actor1": "Taliban", "actor2": "Afghan National Army",
             "latitude": 32.63, "longitude": 65.88}
    engine = create_engine(store_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(text(
            "insert into fused (kind, record_id, group_id, first_day, last_day, country, country_code, label,"
            " weight, data) values ('event', 'E-1', 'g1', '2021-08-05', '2021-08-05', 'Afghanistan', 'AF',"
            " 'Armed clash', 2, :data)"), {"data": json.dumps(event)})
    engine.dispose()
    assert upgrade_store(store_url) == ("0003", head_revision())
    store = open_store(store_url)
    try:
        query = FusedQuery("event", admin1="oruzgan", actor="national army", category="battles")
        (row,) = store.list_fused(query)
        assert (row.place, row.actors, row.latitude, row.longitude) == (
            "Tarin Kot", ("Taliban", "Afghan National Army"), 32.63, 65.88)
        assert store.count_fused(FusedQuery("event", text="tarin")) == 1
        assert store.count_fused(FusedQuery("event", actor="haqqani")) == 0
    finally:
        store.close()
