"""Log in from a browser: the form, the session cookie and what it opens, logout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_fixtures import TOKEN, Fixture, build, client
from fastapi.testclient import TestClient

from sitrep.api.sessions import COOKIE, MAX_SESSIONS, Sessions
from sitrep.web.login import _local_path


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    """The invented news in a SQLite file."""
    folder: Path = tmp_path_factory.mktemp("login")
    return build(f"sqlite:///{folder}/sitrep.db")


@pytest.fixture
def private(fixture: Fixture) -> Iterator[TestClient]:
    """A client of a private server."""
    with client(fixture.url, token=TOKEN, private=True) as opened:
        yield opened


def log_in(api: TestClient, token: str = TOKEN, next_path: str = "/") -> object:
    """Send the login form."""
    return api.post("/login", data={"token": token, "next": next_path}, follow_redirects=False)


def test_a_private_server_refuses_a_browser_then_lets_it_in_after_login(private: TestClient) -> None:
    """401 (the page says where to log in); the form; then pages and API reads answer with the cookie."""
    refused = private.get("/api/health")
    assert refused.status_code == 401 and "/login" in refused.json()["error"]["fix"]
    assert "/login" in private.get("/", headers={"Accept": "text/html"}).text
    form = private.get("/login?next=/api/health")
    assert form.status_code == 200 and 'name="token"' in form.text and 'value="/api/health"' in form.text
    answer = log_in(private, next_path="/api/health")
    assert answer.status_code == 303 and answer.headers["location"] == "/api/health"
    assert private.get("/api/health").status_code == 200
    assert private.get("/").status_code == 200
    assert "Log out" in private.get("/login").text


def test_the_cookie_is_httponly_strict_and_random(private: TestClient) -> None:
    """HttpOnly (no script reads it), SameSite=Strict (no other site sends it), not the token itself."""
    cookie = log_in(private).headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower() and "path=/" in cookie.lower()
    value = cookie.split(";")[0].partition("=")[2]
    assert TOKEN not in cookie and len(value) >= 40
    assert log_in(private).headers["set-cookie"].split(";")[0] != cookie.split(";")[0]


def test_a_wrong_token_gets_the_form_again_with_401(private: TestClient) -> None:
    """No cookie; the reason on the form."""
    answer = log_in(private, token="guess")
    assert answer.status_code == 401 and "set-cookie" not in answer.headers
    assert 'id="login-problem"' in answer.text and "That is not the server" in answer.text
    assert private.get("/api/health").status_code == 401


def test_a_forged_or_ended_session_opens_nothing(private: TestClient) -> None:
    """A made-up cookie is refused; after logout the old cookie is refused too."""
    private.cookies.set(COOKIE, "made-up-session-id")
    assert private.get("/api/health").status_code == 401
    private.cookies.clear()
    log_in(private)
    old = private.cookies.get(COOKIE)
    assert private.post("/logout", follow_redirects=False).status_code == 303
    assert private.cookies.get(COOKIE) is None
    private.cookies.set(COOKIE, old or "")
    assert private.get("/api/health").status_code == 401


def test_the_session_may_post_articles_from_the_same_site_only(private: TestClient) -> None:
    """A cookie-borne write is accepted from the server's own pages; another site's Origin is 403."""
    log_in(private)
    article = {"text": "Farmers near the river said the harvest was late this year.", "language": "en"}
    assert private.post("/api/articles", json=article,
                        headers={"Origin": "http://testserver"}).status_code == 201
    foreign = private.post("/api/articles", json=article, headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403 and "evil.example" in foreign.json()["error"]["message"]


def test_login_goes_only_to_paths_on_this_server(private: TestClient) -> None:
    """`next` that would lead elsewhere becomes "/"."""
    assert log_in(private, next_path="//evil.example/").headers["location"] == "/"
    for path in ("https://evil.example/", "//evil.example", "/\\evil.example", "/a\nb", "events"):
        assert _local_path(path) == "/"
    assert _local_path("/events/E-1?format=json") == "/events/E-1?format=json"


def test_a_server_without_a_token_has_nothing_to_log_in_to(fixture: Fixture) -> None:
    """The form says so; a post is 403."""
    with client(fixture.url) as api:
        assert "has no token" in api.get("/login").text
        assert log_in(api).status_code == 403


def test_sessions_expire_and_are_bounded() -> None:
    """A session ends after its lifetime; past `MAX_SESSIONS` the oldest ends first."""
    now = [0.0]
    sessions = Sessions(lifetime=10, clock=lambda: now[0])
    first = sessions.open()
    assert sessions.is_live(first) and not sessions.is_live(None) and not sessions.is_live("x")
    now[0] = 11
    assert not sessions.is_live(first)
    opened = []
    for step in range(MAX_SESSIONS + 1):
        now[0] = 20 + step / 1000
        opened.append(sessions.open())
    assert not sessions.is_live(opened[0]) and sessions.is_live(opened[-1])
