"""`/api/changes.atom` and `/api/health` with a watch state: valid Atom, newest first, linked pages."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from watch_helpers import api_fixtures

from sitrep.watch import FeedState, WatchState, save_state


@pytest.fixture
def fixture_url(tmp_path: Path) -> str:
    """A SQLite database holding the API tests' fused fixture."""
    return str(api_fixtures().build(f"sqlite:///{tmp_path}/fixture.db").url)


def test_changes_feed_is_atom_with_control_changes_and_corroborated_events(fixture_url: str) -> None:
    with api_fixtures().client(fixture_url) as client:
        response = client.get("/api/changes.atom", params={"country": "AF"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    titles = [entry.title for entry in parsed.entries]
    assert "Ostrun: controlled by Liberation Front" in titles
    assert "Velmar: controlled by Liberation Front" in titles
    events = [entry for entry in parsed.entries if entry.tags[0].term == "event"]
    assert [entry.title for entry in events] == ["Non-state actor overtakes territory: Liberation Front "
                                                 "in Velmar, Velmar Province"]
    assert events[0].link.startswith("http://testserver/events/")
    days = [entry.updated for entry in parsed.entries]
    assert days == sorted(days, reverse=True)
    assert all(entry.id.startswith("urn:sitrep:") for entry in parsed.entries)


def test_changes_feed_of_another_country_leaves_afghanistan_out(fixture_url: str) -> None:
    with api_fixtures().client(fixture_url) as client:
        parsed = feedparser.parse(client.get("/api/changes.atom?country=ML").content)
    assert parsed.version == "atom10"
    assert parsed.entries == []  # Tessaku's attack has one source only


def test_changes_feed_refuses_an_unknown_country(fixture_url: str) -> None:
    with api_fixtures().client(fixture_url) as client:
        response = client.get("/api/changes.atom?country=Atlantis")
    assert response.status_code == 400
    assert response.json()["error"]["fix"]


def test_health_reports_watched_feeds_when_configured(fixture_url: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    state = WatchState({"http://127.0.0.1:1/rss": FeedState(
        url="http://127.0.0.1:1/rss", name="Valley Post", last_poll=1_700_000_000.0,
        last_status="error (500)", errors=3, last_error="http://127.0.0.1:1/rss answered HTTP 500",
        next_due=1_700_000_600.0)})
    save_state(state, tmp_path / "state.json")
    with api_fixtures().client(fixture_url) as client:
        assert "feeds" not in client.get("/api/health").json()
        monkeypatch.setenv("SITREP_WATCH_STATE", str(tmp_path / "state.json"))
        (feed,) = client.get("/api/health").json()["feeds"]
    assert feed["name"] == "Valley Post"
    assert (feed["last_poll"], feed["next_poll"]) == ("2023-11-14T22:13:20Z", "2023-11-14T22:23:20Z")
    assert (feed["status"], feed["errors"]) == ("error (500)", 3)
