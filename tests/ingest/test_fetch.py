"""HttpFetcher against a tiny HTTP server on 127.0.0.1 (never the outside network)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from sitrep.config import IngestOptions
from sitrep.ingest import read_articles
from sitrep.ingest.fetch import USER_AGENT, FetchFailed, HttpFetcher
from sitrep.records import Skipped, SkipReason

PAGE = b"<html><body><p>Karvand: the bridge is open again.</p></body></html>"
MAX_BYTES = 1000
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


class Handler(BaseHTTPRequestHandler):
    seen_agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/story":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/big":
            self._send(200, b"x" * (MAX_BYTES * 5), "text/plain")
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/story")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """httpx honours proxy variables; the requests here must go straight to 127.0.0.1."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture
def fetcher() -> HttpFetcher:
    return HttpFetcher(timeout=2, max_bytes=MAX_BYTES)


def closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_fetch_returns_bytes_type_url_and_time(server: str, fetcher: HttpFetcher) -> None:
    before = datetime.now(UTC)
    fetched = fetcher.fetch(f"{server}/story")
    assert fetched.data == PAGE
    assert fetched.content_type == "text/html; charset=utf-8"
    assert fetched.url == f"{server}/story"
    assert before <= fetched.fetched_at <= datetime.now(UTC)


def test_fetch_sends_the_sitrep_user_agent(server: str, fetcher: HttpFetcher) -> None:
    Handler.seen_agents.clear()
    fetcher.fetch(f"{server}/story")
    assert Handler.seen_agents == [USER_AGENT]


def test_fetch_follows_redirects_and_reports_the_final_url(
    server: str, fetcher: HttpFetcher
) -> None:
    fetched = fetcher.fetch(f"{server}/moved")
    assert fetched.url == f"{server}/story"
    assert fetched.data == PAGE


def test_http_error_status_fails(server: str, fetcher: HttpFetcher) -> None:
    with pytest.raises(FetchFailed, match=r"answered HTTP 404") as caught:
        fetcher.fetch(f"{server}/missing")
    assert f"{server}/missing" in str(caught.value)


def test_response_over_max_bytes_fails(server: str, fetcher: HttpFetcher) -> None:
    with pytest.raises(FetchFailed, match=r"larger than 1,000 bytes") as caught:
        fetcher.fetch(f"{server}/big")
    assert f"{server}/big" in str(caught.value)


def test_closed_port_fails_with_could_not_reach(fetcher: HttpFetcher) -> None:
    url = f"http://127.0.0.1:{closed_port()}/story"
    with pytest.raises(FetchFailed, match=r"could not reach") as caught:
        fetcher.fetch(url)
    assert url in str(caught.value)


def test_silent_server_times_out() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)  # accepts the connection but never answers
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/story"
        with pytest.raises(FetchFailed, match=r"no answer from .* within 0.3 s"):
            HttpFetcher(timeout=0.3, max_bytes=MAX_BYTES).fetch(url)


def test_read_articles_builds_its_fetcher_from_the_options(server: str) -> None:
    # With no fetcher given, read_articles fetches with HttpFetcher and the options' limits.
    results = list(read_articles([f"{server}/big"], IngestOptions(max_text_bytes=100)))
    assert len(results) == 1
    assert isinstance(results[0], Skipped)
    assert results[0].reason is SkipReason.UNREACHABLE
    assert "larger than 1,000 bytes" in results[0].detail
