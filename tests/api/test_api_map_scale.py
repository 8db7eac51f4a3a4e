"""The map of a dense window: its markers are capped, newest first, and it says how many it left out."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api_fixtures import build, client, get
from fastapi.testclient import TestClient

from sitrep.api import dashboard


@pytest.fixture
def api(store_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """A server over the fixture, drawing at most two markers on a map."""
    monkeypatch.setattr(dashboard, "MAP_EVENT_LIMIT", 2)
    with client(build(store_url).url) as opened:
        yield opened


def test_a_window_past_the_cap_draws_the_newest_and_counts_them_all(api: TestClient) -> None:
    view = get(api, "/api/map", country="AF", day="2022-03-31", window=31)
    assert view["events_truncated"] is True and len(view["events"]) == 2
    assert view["events_total"] == 3  # Brask, Velmar and Ostrun, from the running per-day totals
    newest = sorted((event["event_date"] for event in view["events"]), reverse=True)
    assert newest == ["2022-03-05", "2022-03-04"]  # the earliest event of the window is left out


def test_a_window_within_the_cap_is_whole_and_exact(api: TestClient) -> None:
    view = get(api, "/api/map", country="AF", day="2022-03-05", window=1)
    assert view["events_truncated"] is False
    assert view["events_total"] == len(view["events"]) == 1
