"""HEAD on pages and reads; ETag and Cache-Control on read answers, and 304 for a matching If-None-Match."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_fixtures import TOKEN, Fixture, build, client
from fastapi.testclient import TestClient

from sitrep.api.caching import etag_matches


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    """The invented news in a SQLite file."""
    folder: Path = tmp_path_factory.mktemp("caching")
    return build(f"sqlite:///{folder}/sitrep.db")


@pytest.fixture
def api(fixture: Fixture) -> Iterator[TestClient]:
    """A client of an open server with a token."""
    with client(fixture.url, token=TOKEN) as opened:
        yield opened


def reads(fixture: Fixture) -> list[str]:
    """A page and an API read of each kind."""
    event = fixture.event_id("velmar_ridge")
    article = fixture.articles["velmar_ridge"].id
    return ["/", f"/events/{event}", f"/articles/{article}", "/search?q=Velmar", "/api/health",
            "/api/events?country=AF", f"/api/events/{event}", "/api/map?country=AF", "/api/timeline",
            "/openapi.json", "/static/app.css"]


def test_head_answers_like_get_without_a_body(api: TestClient, fixture: Fixture) -> None:
    """Same status and headers (length, type, ETag) as GET; no body."""
    for path in reads(fixture):
        got, head = api.get(path), api.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b"", path
        for name in ("content-type", "content-length", "etag"):
            assert head.headers.get(name) == got.headers.get(name), (path, name)


def test_head_of_a_missing_record_is_404_and_of_a_write_only_path_405(api: TestClient) -> None:
    """HEAD follows GET's errors."""
    assert api.head("/api/events/no-such-event").status_code == 404
    assert api.head("/articles/no-such-article").status_code == 404
    assert api.head("/api/articles").status_code == 200  # the list of articles
    assert api.head("/login").status_code == 200


def test_reads_carry_an_etag_and_ask_to_revalidate(api: TestClient, fixture: Fixture) -> None:
    """A weak ETag per body, `no-cache`; a page also varies by Accept (HTML or its JSON twin)."""
    for path in reads(fixture)[:-1]:
        answer = api.get(path)
        assert answer.headers["etag"].startswith('W/"'), path
        assert answer.headers["cache-control"] == "no-cache", path
    page = api.get("/")
    assert "accept" in page.headers["vary"].lower()
    assert page.headers["etag"] != api.get("/?format=json").headers["etag"]


def test_if_none_match_gets_304_without_a_body_until_the_data_changes(api: TestClient) -> None:
    """The same answer is 304; after a write changes it, the old ETag gets the new answer."""
    first = api.get("/api/health")
    etag = first.headers["etag"]
    again = api.get("/api/health", headers={"If-None-Match": etag})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    assert again.headers["cache-control"] == "no-cache"
    assert api.get("/api/health", headers={"If-None-Match": f'"other", {etag}'}).status_code == 304
    assert api.get("/api/health", headers={"If-None-Match": '"other"'}).status_code == 200
    posted = api.post("/api/articles", json={"text": "A new report about the harvest in the valley today.",
                                             "language": "en"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert posted.status_code == 201
    changed = api.get("/api/health", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


def test_errors_and_writes_carry_no_etag(api: TestClient) -> None:
    """Only 200 answers to GET are validated."""
    assert "etag" not in api.get("/api/events/no-such-event").headers
    assert "etag" not in api.post("/api/articles", json={"text": "x"}).headers


def test_a_private_server_marks_answers_private(fixture: Fixture) -> None:
    """Shared caches must not keep what only token holders may read."""
    with client(fixture.url, token=TOKEN, private=True) as private:
        answer = private.get("/api/health", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.headers["cache-control"] == "private, no-cache"


@pytest.mark.parametrize(("header", "etag", "matches"), [
    ('W/"a"', 'W/"a"', True), ('"a"', 'W/"a"', True), ('"b", W/"a"', 'W/"a"', True), ("*", 'W/"a"', True),
    ('"b"', 'W/"a"', False), ("", 'W/"a"', False),
])
def test_if_none_match_compares_weakly(header: str, etag: str, matches: bool) -> None:
    """RFC 9110: If-None-Match uses the weak comparison; `*` matches any."""
    assert etag_matches(header, etag) is matches
