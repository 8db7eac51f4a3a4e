"""A list's total is exact up to a bound past its offset and says "more than" beyond it."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from api_fixtures import build, client, get
from fastapi.testclient import TestClient

from sitrep.api import paging


@pytest.fixture
def api(store_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """A server over the fixture's four events, counting at most two records past a page's offset."""
    monkeypatch.setattr(paging, "COUNT_BEYOND", 2)
    with client(build(store_url).url) as opened:
        yield opened


def test_a_total_past_the_bound_is_a_lower_bound_with_a_next_link(api: TestClient) -> None:
    first = get(api, "/api/events", limit=1)
    assert (first["total"], first["total_exact"]) == (2, False)  # more than 2
    assert parse_qs(urlsplit(first["next"]).query)["offset"] == ["1"]


def test_the_bound_moves_with_the_offset_and_the_last_pages_are_exact(api: TestClient) -> None:
    near_end = get(api, "/api/events", offset=2)
    assert (near_end["total"], near_end["total_exact"]) == (4, True)
    last = get(api, "/api/events", offset=3, limit=1)
    assert (last["total"], last["total_exact"], last["next"]) == (4, True, None)


def test_every_event_is_reached_by_following_next_links(api: TestClient) -> None:
    seen, body = [], get(api, "/api/events", limit=1)
    while True:
        seen.extend(event["event_id"] for event in body["items"])
        if body["next"] is None:
            break
        body = api.get(body["next"]).json()
    assert len(seen) == len(set(seen)) == 4
