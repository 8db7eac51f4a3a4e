"""Webhooks: each new change POSTed once as signed JSON, retried after a server error."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from watch_helpers import api_fixtures

from sitrep.store import open_store
from sitrep.watch.webhooks import SIGNATURE_HEADER, Notifier

SECRET = "hook-secret"


@pytest.fixture
def receiver() -> Iterator[tuple[list[tuple[dict[str, str], bytes]], str]]:
    """A local server that answers 500 to the first POST and 204 to the rest; what it received."""
    received: list[tuple[dict[str, str], bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((dict(self.headers), body))
            self.send_response(500 if len(received) == 1 else 204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield received, f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


def test_new_changes_are_posted_signed_once_each(receiver: Any, tmp_path: Path) -> None:
    received, url = receiver
    store = open_store(f"sqlite:///{tmp_path}/hooks.db")
    waits: list[float] = []
    notifier = Notifier([url], SECRET, tmp_path, sleep=waits.append)
    try:
        notifier.prime(store)
        api_fixtures().fill(store)
        sent = notifier.notify(store)
        assert notifier.notify(store) == []
    finally:
        notifier.close()
        store.close()
    assert waits == [1.0]  # one retry after the 500
    bodies = [json.loads(body) for _, body in received[1:]]
    assert [body["id"] for body in bodies] == [change.change_id for change in sent]
    assert {body["kind"] for body in bodies} == {"control", "event"}
    for headers, body in received:
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        assert headers[SIGNATURE_HEADER] == expected


def test_a_first_run_takes_what_is_stored_as_seen(receiver: Any, tmp_path: Path) -> None:
    received, url = receiver
    store = open_store(f"sqlite:///{tmp_path}/hooks.db")
    api_fixtures().fill(store)
    notifier = Notifier([url], SECRET, tmp_path)
    try:
        notifier.prime(store)
        assert notifier.notify(store) == []
    finally:
        notifier.close()
        store.close()
    assert received == []
    restarted = Notifier([url], SECRET, tmp_path)
    assert restarted.seen
    restarted.close()
