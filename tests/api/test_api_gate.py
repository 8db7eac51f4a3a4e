"""The write gate: the token and the size are checked from the headers, before any byte of the body.

These tests call the app as an ASGI server would, with a `receive` that counts what it hands over:
a refused request must be answered without `receive` ever being called.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_fixtures import TOKEN, build
from fastapi import FastAPI

from sitrep.api import limits
from sitrep.api.app import create_app
from sitrep.api.config import ServeConfig

DECLARED = 48_000_000
BEARER = (b"authorization", f"Bearer {TOKEN}".encode())


class Body:
    """A request body handed over in chunks, counting the bytes taken; `gate` holds it back until set."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = list(chunks)
        self.calls = 0
        self.taken = 0
        self.gate = asyncio.Event()
        self.gate.set()

    async def receive(self) -> dict[str, Any]:
        """The next chunk (ASGI `http.request`), after the gate opens."""
        self.calls += 1
        await self.gate.wait()
        chunk = self.chunks.pop(0) if self.chunks else b""
        self.taken += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": bool(self.chunks)}


async def call(app: FastAPI, headers: list[tuple[bytes, bytes]], body: Body,
               path: str = "/api/articles") -> tuple[int, dict[str, str], dict[str, Any]]:
    """POST `body` to `path` of `app`; the status, headers and JSON document of the answer."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "", "query_string": b"",
             "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"), *headers],
             "client": ("127.0.0.1", 5000), "server": ("testserver", 80)}
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, body.receive, send)
    start = sent[0]
    answer = b"".join(message.get("body", b"") for message in sent[1:])
    return (start["status"], {name.decode(): value.decode() for name, value in start["headers"]},
            json.loads(answer))


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The invented news in a SQLite file."""
    folder: Path = tmp_path_factory.mktemp("gate")
    return build(f"sqlite:///{folder}/sitrep.db").url


@pytest.fixture
def app(database: str) -> Iterator[FastAPI]:
    """A server with a token."""
    served = create_app(ServeConfig(db_url=database, token=TOKEN))
    yield served
    served.state.store.close()


LARGE = [(b"content-length", str(DECLARED).encode())]
CASES = {
    "no token, declared length": (LARGE, 401),
    "no token, chunked": ([(b"transfer-encoding", b"chunked")], 401),
    "wrong token": ([*LARGE, (b"x-sitrep-token", b"guess")], 401),
    "token, over the cap": ([BEARER, (b"content-length", b"50000001")], 413),
}


@pytest.mark.parametrize(("headers", "status"), list(CASES.values()), ids=list(CASES))
def test_refused_before_the_body_is_read(app: FastAPI, headers: list[tuple[bytes, bytes]],
                                         status: int) -> None:
    """The answer comes from the headers alone: `receive` is never called, no byte is taken."""
    body = Body([b"x" * 1_000_000] * 48)
    answered, sent_headers, document = asyncio.run(call(app, headers, body))
    assert (answered, document["error"]["status"]) == (status, status)
    assert (body.calls, body.taken) == (0, 0)
    assert sent_headers["connection"] == "close"
    assert "content-security-policy" in sent_headers


def test_a_server_without_a_token_refuses_writes_unread(database: str) -> None:
    """403 (this server takes no writes), from the headers."""
    served = create_app(ServeConfig(db_url=database))
    body = Body([b"x" * 1_000_000] * 48)
    status, _, document = asyncio.run(call(served, LARGE, body))
    served.state.store.close()
    assert (status, document["error"]["code"], body.calls) == (403, "forbidden", 0)


def test_a_small_post_with_the_token_is_read_and_handled(app: FastAPI) -> None:
    """The gate lets a write with the token through: its body is read and validated (422: not JSON)."""
    body = Body([b"{not json"])
    status, _, document = asyncio.run(call(app, [BEARER, (b"content-length", b"9")], body))
    assert (status, document["error"]["code"]) == (422, "invalid_request")
    assert body.taken == 9


def test_large_bodies_beyond_the_limit_are_refused_while_others_are_read(app: FastAPI) -> None:
    """With `MAX_LARGE_BODIES` large posts in progress, the next is 429 unread; after them, room again."""

    async def scenario() -> None:
        held = [Body([b"[" + b" " * 2_000_000]) for _ in range(limits.MAX_LARGE_BODIES)]
        for body in held:
            body.gate.clear()
        running = [asyncio.create_task(call(app, [BEARER, (b"content-length", b"2000001")], body))
                   for body in held]
        await asyncio.sleep(0.05)
        extra = Body([b"x" * 2_000_000])
        status, headers, document = await call(app, [BEARER, (b"content-length", b"2000000")], extra)
        assert (status, document["error"]["code"], extra.calls) == (429, "too_many_requests", 0)
        assert headers["retry-after"] == str(limits.RETRY_AFTER_SECONDS)
        for body in held:
            body.gate.set()
        assert [result[0] for result in await asyncio.gather(*running)] == [422] * len(held)
        after = Body([b"[" + b" " * 2_000_000])
        assert (await call(app, [BEARER, (b"content-length", b"2000001")], after))[0] == 422

    asyncio.run(scenario())


def test_the_login_form_has_a_small_cap(app: FastAPI) -> None:
    """A login body over 4 KB is refused unread."""
    body = Body([b"token=" + b"x" * 10_000])
    status, _, _ = asyncio.run(call(app, [(b"content-length", b"10006")], body, path="/login"))
    assert (status, body.calls) == (413, 0)
