"""A local feed server for the watch tests: entries change between polls, requests are counted."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

import pytest

REPORTS = {
    "taloqan": ("2021-08-08", "Taliban take Taloqan",
                "Taliban fighters captured Taloqan, the capital of Takhar province, on Sunday, "
                "two officials said. Residents said government forces withdrew overnight."),
    "farah": ("2021-08-10", "Farah falls to the Taliban",
              "Taliban fighters captured Farah, the capital of Farah province, on Tuesday after days "
              "of fighting, a provincial council member said."),
    "fayzabad": ("2021-08-11", "Fayzabad captured",
                 "Taliban fighters captured Fayzabad, the capital of Badakhshan province, on Wednesday, "
                 "local officials said."),
}


@dataclass
class FeedSite:
    """What the server serves: feed entries per path, a failure switch, a delay; what it saw."""

    entries: dict[str, list[str]] = field(default_factory=dict)
    failing: set[str] = field(default_factory=set)
    delay: float = 0.0
    hits: Counter[tuple[str, int]] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def body(self, path: str) -> bytes:
        """The RSS document of `path` with its current entries."""
        items = "".join(_item(key) for key in self.entries.get(path, []))
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                f"<title>Valley Post</title><link>http://valley.example/</link><language>en</language>"
                f"<description>test feed</description>{items}</channel></rss>").encode()

    def count(self, path: str, status: int) -> int:
        """How many requests of `path` were answered with `status`."""
        with self.lock:
            return self.hits[(path, status)]


def _item(key: str) -> str:
    day, title, text = REPORTS[key]
    return (f"<item><title>{escape(title)}</title><link>http://valley.example/{key}</link>"
            f"<guid>http://valley.example/{key}</guid><pubDate>{_rfc822(day)}</pubDate>"
            f"<description>{escape(text)}</description></item>")


def _rfc822(day: str) -> str:
    year, month, number = day.split("-")
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{number} {months[int(month) - 1]} {year} 09:00:00 +0000"


def _handler(site: FeedSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(site.delay)
            status, body, etag = self._answer()
            with site.lock:
                site.hits[(self.path, status)] += 1
            self.send_response(status)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _answer(self) -> tuple[int, bytes, str | None]:
            if self.path in site.failing:
                return 500, b"server trouble", None
            body = site.body(self.path)
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                return 304, b"", etag
            return 200, body, etag

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the test counts requests itself."""

    return Handler


@pytest.fixture
def feed_site() -> Iterator[tuple[FeedSite, str]]:
    """A running feed server on 127.0.0.1 (a free port) and its base URL."""
    site = FeedSite()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
