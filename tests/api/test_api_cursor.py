"""Lists of fused records continue after a cursor: `next` links carry it, pages match offset pages."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from api_fixtures import build, client, get
from fastapi.testclient import TestClient

from sitrep.api import paging


@pytest.fixture
def api(store_url: str) -> Iterator[TestClient]:
    """A server over the fixture's four events."""
    with client(build(store_url).url) as opened:
        yield opened


def _ids(body: dict) -> list[str]:
    return [event["event_id"] for event in body["items"]]


def test_next_links_continue_after_the_last_event_and_keep_totals_whole(api: TestClient) -> None:
    by_offset = [_ids(get(api, "/api/events", limit=1, offset=offset)) for offset in range(4)]
    body, pages = get(api, "/api/events", limit=1), []
    while True:
        pages.append(_ids(body))
        assert (body["total"], body["total_exact"], body["offset"]) == (4, True, len(pages) - 1)
        if body["next"] is None:
            break
        query = parse_qs(urlsplit(body["next"]).query)
        assert query["after"][0].endswith(f"_{body['items'][-1]['event_id']}")
        assert query["offset"] == [str(len(pages))]
        body = api.get(body["next"]).json()
    assert pages == by_offset


def test_a_cursor_past_the_count_bound_says_more_than(api: TestClient,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "COUNT_BEYOND", 1)
    first = get(api, "/api/events", limit=1)
    assert (first["total"], first["total_exact"]) == (1, False)
    second = api.get(first["next"]).json()
    assert (second["offset"], second["total"], second["total_exact"]) == (1, 2, False)


@pytest.mark.parametrize("cursor", ["2024-06-01_e1", "12x_e1", "_e1", "739000_", "739000"])
def test_a_cursor_no_list_gave_is_refused_with_the_error_shape(api: TestClient, cursor: str) -> None:
    response = api.get("/api/events", params={"after": cursor})
    assert response.status_code == 422
    assert set(response.json()["error"]) >= {"status", "message"}


def test_a_day_number_past_the_calendar_stands_for_its_end(api: TestClient) -> None:
    assert _ids(get(api, "/api/events", after="9999999_zzz")) == _ids(get(api, "/api/events"))
    assert get(api, "/api/events", after="0_a")["items"] == []
