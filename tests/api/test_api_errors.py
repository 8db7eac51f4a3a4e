"""One error shape for every failure: JSON for the API, a page (or JSON on request) for the dashboard."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from api_fixtures import TOKEN, Fixture, build, client
from fastapi.testclient import TestClient

from sitrep.api import present
from sitrep.errors import StoreError
from sitrep.store import open_store

KEYS = {"status", "code", "message", "fix", "details"}
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 413: "too_large", 422: "invalid_request", 500: "internal_error",
         503: "unavailable"}


@pytest.fixture
def fixture(tmp_path: Path) -> Fixture:
    """The invented news in a SQLite file whose path the errors must not reveal."""
    folder = tmp_path / "secret-place"
    folder.mkdir()
    return build(f"sqlite:///{folder}/sitrep.db")


@pytest.fixture
def api(fixture: Fixture) -> Iterator[TestClient]:
    """A client of a server with a token, over the fixture."""
    with client(fixture.url, token=TOKEN) as opened:
        yield opened


def error_of(response: httpx.Response, status: int) -> dict:
    """The error document of a JSON error response, checked against the one shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == KEYS
    assert error["status"] == status and error["code"] == CODES[status]
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["fix"], str) and isinstance(error["details"], list)
    return error


def assert_no_path(response: httpx.Response, fixture: Fixture) -> None:
    """The database's location appears nowhere in the response."""
    assert "secret-place" not in response.text
    assert fixture.url not in response.text and "sitrep.db" not in response.text


# --- 404


@pytest.mark.parametrize(("path", "message"), [
    ("/api/events/E-nothing", "no event 'E-nothing'"),
    ("/api/stories/S-nothing", "no story 'S-nothing'"),
    ("/api/articles/ffffffffffff", "no article 'ffffffffffff'"),
    ("/api/articles/ab", "no article 'ab'"),
])
def test_unknown_ids_are_404_without_the_database_path(api: TestClient, fixture: Fixture, path: str,
                                                      message: str) -> None:
    response = api.get(path)
    error = error_of(response, 404)
    assert error["message"] == message
    assert error["fix"]
    assert_no_path(response, fixture)


@pytest.mark.parametrize("path", ["/api/nothing-here", "/api/events/x/y", "/nothing-here?format=json"])
def test_unknown_paths_are_404_in_the_same_shape(api: TestClient, path: str) -> None:
    error = error_of(api.get(path), 404)
    assert error["message"] == f"nothing at {path.split('?')[0]}"
    assert "/docs" in error["fix"]


def test_a_json_accept_header_gets_json_from_a_page_path(api: TestClient) -> None:
    error = error_of(api.get("/nothing-here", headers={"Accept": "application/json"}), 404)
    assert error["message"] == "nothing at /nothing-here"


def test_the_timeline_of_an_empty_database_is_404(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/empty.db"
    open_store(url).close()
    with client(url) as api:
        error = error_of(api.get("/api/timeline"), 404)
        assert "no fused events" in error["message"]
        assert "sitrep ingest" in error["fix"]
        assert error_of(api.get("/?format=json"), 404)["message"] == error["message"]


# --- 405


@pytest.mark.parametrize(("method", "path"), [
    ("PUT", "/api/events"), ("DELETE", "/api/events/E-1"), ("POST", "/api/health"),
    ("PATCH", "/api/articles"),
])
def test_wrong_methods_are_405(api: TestClient, method: str, path: str) -> None:
    error = error_of(api.request(method, path), 405)
    assert error["message"] == "Method Not Allowed"


# --- 422


@pytest.mark.parametrize(("path", "where"), [
    ("/api/events?since=2022-13-01", "query.since"),
    ("/api/events?until=yesterday", "query.until"),
    ("/api/events?limit=-1", "query.limit"),
    ("/api/articles?offset=-5", "query.offset"),
    ("/api/stories?offset=10000001", "query.offset"),
    ("/api/events?min_sources=-1", "query.min_sources"),
    ("/api/control?country=AF&as_of=2022-03-01&kind=villages", "query.kind"),
    ("/api/control?country=AF", "query.as_of"),
    ("/api/map?window=0", "query.window"),
    ("/api/search", "query.q"),
    ("/api/search?q=" + "x" * 201, "query.q"),
])
def test_invalid_parameters_are_422_naming_the_parameter(api: TestClient, path: str, where: str) -> None:
    error = error_of(api.get(path), 422)
    assert error["message"] == f"invalid value in {where}"
    assert [detail["where"] for detail in error["details"]] == [where]
    assert all(set(detail) == {"where", "problem"} and detail["problem"] for detail in error["details"])


def test_two_bad_parameters_are_both_reported(api: TestClient) -> None:
    error = error_of(api.get("/api/events?since=nope&limit=-3"), 422)
    assert {detail["where"] for detail in error["details"]} == {"query.since", "query.limit"}


# --- 400


@pytest.mark.parametrize("path", ["/api/map?country=Narnia", "/api/timeline?country=Narnia",
                                  "/api/control?country=Narnia&as_of=2022-03-01",
                                  "/?country=Narnia&format=json"])
def test_an_unknown_country_is_400(api: TestClient, path: str) -> None:
    error = error_of(api.get(path), 400)
    assert error["message"] == "unknown country 'Narnia'"
    assert "ISO 3166" in error["fix"]


# --- 401, 403, 413


def test_token_errors_have_the_shape(fixture: Fixture) -> None:
    with client(fixture.url) as closed:
        forbidden = error_of(closed.post("/api/articles", json={"text": "Some words."}), 403)
        assert "--token" in forbidden["fix"]
    with client(fixture.url, token=TOKEN) as api:
        missing = api.post("/api/articles", json={"text": "Some words."})
        assert "token" in error_of(missing, 401)["message"]
        assert missing.headers["www-authenticate"] == "Bearer"
        wrong = api.post("/api/articles", json={"text": "Some words."}, headers={"X-Sitrep-Token": "nope"})
        assert error_of(wrong, 401)["message"] == "the token does not match the server's"


def test_too_many_articles_is_413(api: TestClient) -> None:
    body = [{"text": f"Report {number}."} for number in range(1001)]
    error = error_of(api.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"}), 413)
    assert "1,001 articles" in error["message"] and "1,000" in error["message"]


# --- 500


def _broken(*args: object, **kwargs: object) -> object:
    raise RuntimeError("disk on fire at /very/secret/place")


def test_an_unexpected_exception_is_500_in_the_same_shape(fixture: Fixture,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(present, "event_summary", _broken)
    with client(fixture.url, raise_server_exceptions=False) as api:
        response = api.get("/api/events")
        error = error_of(response, 500)
        assert error["message"] == "internal error" and error["fix"] == "see the server's log"
        assert "disk on fire" not in response.text and "/very/secret" not in response.text
        assert api.get("/api/health").status_code == 200  # the server goes on


def test_an_unexpected_exception_on_a_page_is_a_500_page(fixture: Fixture,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(present, "event_detail", _broken)
    with client(fixture.url, raise_server_exceptions=False) as api:
        page = api.get(f"/events/{fixture.event_id('velmar_ridge')}")
        assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
        assert "internal error" in page.text and "disk on fire" not in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]
        error_of(api.get(f"/events/{fixture.event_id('velmar_ridge')}?format=json"), 500)


def test_a_store_failure_is_503_without_the_database_address(fixture: Fixture,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    with client(fixture.url) as api:
        store = api.app.state.store

        def failing(*args: object, **kwargs: object) -> int:
            raise StoreError(f"cannot open {store.url}: unable to open database file", fix="check --db")

        monkeypatch.setattr(type(store), "count_articles", failing)
        response = api.get("/api/health")
        error = error_of(response, 503)
        assert error["message"] == "cannot open the database: unable to open database file"
        assert_no_path(response, fixture)


# --- pages answer errors as pages


@pytest.mark.parametrize(("path", "status"), [
    ("/events/E-nothing", 404),
    ("/stories/S-nothing", 404),
    ("/articles/ffffffffffff", 404),
    ("/nothing-here", 404),
    ("/?country=Narnia", 400),
    ("/?day=someday", 422),
    ("/search", 422),
    ("/articles/ffffffffffff?highlight=9-2", 404),
])
def test_pages_answer_errors_as_html_with_the_json_message(api: TestClient, fixture: Fixture, path: str,
                                                          status: int) -> None:
    page = api.get(path)
    assert page.status_code == status
    assert page.headers["content-type"].startswith("text/html")
    joiner = "&" if "?" in path else "?"
    error = error_of(api.get(f"{path}{joiner}format=json"), status)
    text = html.unescape(page.text)
    assert f"{status}: {error['message']}" in text
    if error["fix"]:
        assert error["fix"] in text
    for detail in error["details"]:
        assert f"{detail['where']}: {detail['problem']}" in text
    assert 'role="alert"' in page.text
    assert_no_path(page, fixture)


def test_a_highlight_that_ends_before_it_starts_is_422(api: TestClient, fixture: Fixture) -> None:
    article = fixture.articles["velmar_ridge"]
    error = error_of(api.get(f"/articles/{article.id}?highlight=9-2&format=json"), 422)
    assert error["message"] == "the highlight '9-2' ends before it starts"
    page = api.get(f"/articles/{article.id}?highlight=9-2")
    assert page.status_code == 422 and "ends before it starts" in page.text
    assert api.get(f"/articles/{article.id}?highlight=abc").status_code == 422


def test_the_error_page_escapes_what_the_caller_sent(api: TestClient) -> None:
    page = api.get("/events/<script>alert(1)<%2Fscript>")
    assert page.status_code == 404
    assert "<script>alert(1)" not in page.text
    assert "&lt;script&gt;alert(1)" in page.text
