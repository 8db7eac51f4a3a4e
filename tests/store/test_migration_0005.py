"""Migration 0005: extractions stored before it get their local places back-filled; downgrade drops them."""

from __future__ import annotations

import json
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, text

from sitrep.records import HomeShare
from sitrep.store import open_store, upgrade_store
from sitrep.store.migrate import MIGRATIONS, head_revision

OUTLET = "Harbor Sentinel"


def _engine_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def _migrate(url: str, revision: str, *, down: bool = False) -> None:
    engine = create_engine(_engine_url(url))
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
    engine.dispose()


def _entry(geonameid: int, name: str, country_code: str, admin1_code: str, admin1: str,
           feature_class: str = "P", feature_code: str = "PPL") -> dict[str, Any]:
    """A gazetteer entry as the extractions table stored it (every field of GeoEntry)."""
    return {"geonameid": geonameid, "name": name, "latitude": 44.5, "longitude": -68.2,
            "country_code": country_code, "country": "United States" if country_code == "US" else "Canada",
            "admin1_code": admin1_code, "admin1": admin1, "feature_class": feature_class,
            "feature_code": feature_code, "population": 1200, "admin2": ""}


def _place(
    article_id: str, entry: dict[str, Any], candidates: list[dict[str, Any]], score: float
) -> dict[str, Any]:
    return {"article_id": article_id, "start": 0, "end": len(entry["name"]), "text": entry["name"],
            "component": "old-geo.v3", "entry": entry, "candidates": candidates, "score": score,
            "geo_precision": 1}


GULL_COVE = _entry(2001, "Gull Cove", "US", "ME", "Maine")
SALTMARSH = _entry(2002, "Saltmarsh", "US", "ME", "Maine")
# Resolved to Maine, but New Brunswick has one too: weight 1/2.
PORT_ALDER_ME = _entry(2003, "Port Alder", "US", "ME", "Maine")
PORT_ALDER_NB = _entry(2004, "Port Alder", "CA", "04", "New Brunswick")
TIDEWATER_NH = _entry(2005, "Tidewater", "US", "NH", "New Hampshire")


def _articles() -> dict[str, list[dict[str, Any]]]:
    """The places of four stored articles, keyed by article id."""
    return {
        "a" * 32: [_place("a" * 32, GULL_COVE, [GULL_COVE], 0.92)],
        "b" * 32: [_place("b" * 32, SALTMARSH, [SALTMARSH], 0.88),
                   _place("b" * 32, TIDEWATER_NH, [TIDEWATER_NH], 0.4)],  # too weak to be local
        "c" * 32: [_place("c" * 32, PORT_ALDER_ME, [PORT_ALDER_ME, PORT_ALDER_NB], 0.8)],
        "d" * 32: [],
    }


def _store_at_0004(url: str) -> None:
    _migrate(url, "0004")
    engine = create_engine(_engine_url(url))
    with engine.begin() as connection:
        for number, (article_id, places) in enumerate(_articles().items()):
            connection.execute(text(
                "insert into articles (id, title, text, source, language_detected, is_summary, input, format,"
                " ingested_at) values (:id, :title, :text, :source, false, false, :input, 'text', :at)"),
                {"id": article_id, "title": f"Harbor note {number}",
                 "text": f"The ferry ran late, note {number}.", "source": OUTLET,
                 "input": f"note{number}.txt", "at": "2024-05-01 08:00:00"})
            data = {"article_id": article_id, "components": ["old-geo.v3"], "entities": [], "places": places,
                    "times": [], "events": [], "claims": [], "quotes": []}
            connection.execute(text(
                "insert into extractions (article_id, components, data, extracted_at)"
                " values (:id, 'old-geo.v3', :data, :at)"),
                {"id": article_id, "data": json.dumps(data), "at": "2024-05-01 08:05:00"})
    engine.dispose()


def _outlet_places(url: str) -> list[tuple[Any, ...]]:
    engine = create_engine(_engine_url(url))
    with engine.connect() as connection:
        rows = connection.execute(text(
            "select article_id, country_code, admin1_code, admin1, weight from outlet_places"
            " order by article_id, country_code, admin1_code"))
        found = [tuple(row) for row in rows]
    engine.dispose()
    return found


def _tables(url: str) -> set[str]:
    engine = create_engine(_engine_url(url))
    names = set(inspect(engine).get_table_names())
    engine.dispose()
    return names


def test_extractions_stored_before_0005_get_their_local_places(store_url: str) -> None:
    _store_at_0004(store_url)
    assert "outlet_places" not in _tables(store_url)
    assert upgrade_store(store_url) == ("0004", head_revision())
    assert _outlet_places(store_url) == [
        ("a" * 32, "US", "ME", "Maine", 1.0),
        ("b" * 32, "US", "ME", "Maine", 1.0),
        ("c" * 32, "US", "ME", "Maine", 0.5),
    ]
    store = open_store(store_url)
    try:
        home = store.outlet_homes()[OUTLET]
        assert (home.articles, home.weight) == (3, 2.5)
        assert home.countries == (HomeShare("US", 1.0),)
        assert home.admin1 == (HomeShare("US", 1.0, "ME", "Maine"),)
    finally:
        store.close()


def test_downgrade_drops_the_table_and_upgrade_fills_it_again(store_url: str) -> None:
    _store_at_0004(store_url)
    upgrade_store(store_url)
    backfilled = _outlet_places(store_url)
    _migrate(store_url, "0004", down=True)
    tables = _tables(store_url)
    assert "outlet_places" not in tables and {"articles", "extractions"} <= tables
    assert upgrade_store(store_url) == ("0004", head_revision())
    assert _outlet_places(store_url) == backfilled
