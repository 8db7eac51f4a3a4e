"""The map, the timeline and /api/control read a country's control once per change of control."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import pytest
from api_fixtures import REBELS, build, client, get
from fastapi.testclient import TestClient

from sitrep.store import open_store

DAY = "2022-03-05"
NEW_HOLDER = "Hill Brigade"


@pytest.fixture
def served(store_url: str) -> Iterator[tuple[TestClient, str]]:
    """A client of a server over the fixture, and the database's URL."""
    url = build(store_url).url
    with client(url) as opened:
        yield opened, url


def _holders(api: TestClient) -> dict[str, str]:
    return {period["place"]: period["actor"] for period in get(api, "/api/control", country="AF",
                                                              as_of=DAY)["periods"]}


def test_repeated_reads_do_not_read_the_periods_again(served: tuple[TestClient, str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    api, _ = served
    get(api, "/api/map", country="AF", day=DAY)
    store = api.app.state.store  # type: ignore[attr-defined]
    reads = []
    monkeypatch.setattr(store, "list_control", lambda **asked: reads.append(asked) or [])
    for _ in range(2):
        assert _holders(api)["Velmar"] == REBELS  # from what was read before, not from the (patched) store
        assert [place["place"] for place in get(api, "/api/map", country="AF", day=DAY)["places"]][:2] == [
            "Ostrun", "Velmar"]
        get(api, "/api/timeline", country="AF")
    assert reads == []


def test_a_fusion_write_of_control_is_seen_at_the_next_read(served: tuple[TestClient, str]) -> None:
    api, url = served
    assert _holders(api)["Velmar"] == REBELS
    line = get(api, "/api/timeline", country="AF")
    assert all(NEW_HOLDER not in held["counts"] for held in line["holdings"])
    writer = open_store(url)  # another process's store: only the serial tells the server
    try:
        rows = writer.list_control(country="AF")
        velmar = [row for row in rows if json.loads(row.data)["place"] == "Velmar"]
        moved = [replace(row, actor=NEW_HOLDER,
                         data=json.dumps({**json.loads(row.data), "actor": NEW_HOLDER})) for row in velmar]
        with writer.fusion() as session:
            session.replace_control(velmar[0].geonameid, moved)
    finally:
        writer.close()
    assert _holders(api)["Velmar"] == NEW_HOLDER
    view = get(api, "/api/map", country="AF", day=DAY)
    assert NEW_HOLDER in {actor["actor"] for actor in view["actors"]}
    assert next(place for place in view["places"] if place["place"] == "Velmar")["actor"] == NEW_HOLDER
    last = get(api, "/api/timeline", country="AF")["holdings"][-1]
    assert last["counts"][NEW_HOLDER] == 1
