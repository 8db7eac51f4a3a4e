"""`sitrep outlets`: the homes learned from a store filled through the Store API (no spaCy)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import make_article
from sitrep.cli import cli
from sitrep.records import Extraction, GeoEntry, PlaceMention
from sitrep.store import open_store

COMPONENT = "test-cli-outlets.v1"
HOLLIS = GeoEntry(3001, "Hollis Ferry", 41.2, -81.4, "US", "United States", "OH", "Ohio")
ASHGROVE = GeoEntry(3002, "Ashgrove", 42.7, -84.5, "US", "United States", "MI", "Michigan")


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'outlets.db'}"


def _extraction(article_id: str, town: GeoEntry) -> Extraction:
    place = PlaceMention(article_id, 0, len(town.name), town.name, COMPONENT, town, (town,), 0.9, 1)
    return Extraction(article_id, (COMPONENT,), places=(place,))


def _fill(db: str, outlet: str, towns: list[GeoEntry]) -> None:
    articles = [make_article(f"{outlet}: the library reopened after repairs, item {number}.", source=outlet)
                for number in range(len(towns))]
    store = open_store(db)
    try:
        store.save_batch(articles, [])
        pairs = zip(articles, towns, strict=True)
        store.save_extractions([(_extraction(article.id, town), ()) for article, town in pairs])
    finally:
        store.close()


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, env={"COLUMNS": "160"})
    return result.exit_code, result.stdout


def test_the_table_names_the_outlet_and_its_division(db: str) -> None:
    _fill(db, "Ferry Dispatch", [HOLLIS, HOLLIS, HOLLIS, ASHGROVE])
    _fill(db, "Two Story Weekly", [ASHGROVE, ASHGROVE])  # too few articles for a home
    code, out = run("outlets", "--db", db)
    assert code == 0
    assert "1 outlet with a home" in out
    assert "Ferry Dispatch" in out and "Two Story Weekly" not in out
    assert "Ohio 75%" in out and "Michigan 25%" in out and "US 100%" in out


def test_json_lists_each_home(db: str) -> None:
    _fill(db, "Ferry Dispatch", [HOLLIS, HOLLIS, HOLLIS, ASHGROVE])
    _fill(db, "Ashgrove Almanac", [ASHGROVE] * 5)
    code, out = run("outlets", "--db", db, "--json")
    assert code == 0
    homes = json.loads(out)
    assert [home["outlet"] for home in homes] == ["Ashgrove Almanac", "Ferry Dispatch"]  # most articles first
    assert all(set(home) == {"outlet", "articles", "weight", "countries", "admin1"} for home in homes)
    dispatch = homes[1]
    assert (dispatch["articles"], dispatch["weight"]) == (4, 4.0)
    assert dispatch["countries"] == [{"country_code": "US", "share": 1.0, "admin1_code": "", "admin1": ""}]
    assert [(share["admin1"], share["share"]) for share in dispatch["admin1"]] == [("Ohio", 0.75),
                                                                                   ("Michigan", 0.25)]


def test_an_empty_store_has_no_outlets(db: str) -> None:
    open_store(db).close()
    code, out = run("outlets", "--db", db)
    assert code == 0
    assert "0 outlets" in out
    code, out = run("outlets", "--db", db, "--json")
    assert (code, json.loads(out)) == (0, [])
