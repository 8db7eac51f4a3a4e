"""The gate in front of request bodies: credentials, then size, then room, before any byte is read.

In order, for a request with a body:

1. a write (`WRITES`) without the token or a session is refused (401/403) from its headers;
2. a declared length over the path's cap is refused (413);
3. a large body (over `LARGE_BODY_BYTES`, or sent without a length) waits for no one: when
   `MAX_LARGE_BODIES` are already being read or processed, it is refused (429, `Retry-After`);
4. a body sent without a length is read up to the cap (413 past it), then handed on.

So eight tokenless 48 MB posts cost eight small answers, and at most `MAX_LARGE_BODIES` bodies of
up to the cap are held at once.
"""

from __future__ import annotations

import json
import re

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep.api.auth import write_problem
from sitrep.api.errors import error_body
from sitrep.api.headers import SECURITY_HEADERS

# The API's writes, as (method, path pattern): the token is checked on these before a body is read.
# Any other method on an API path is left to the router (405 for a method a route lacks).
WRITES = (
    ("POST", re.compile(r"/api/articles")),
    ("POST", re.compile(r"/api/events/[^/]+/corrections")),
    ("POST", re.compile(r"/api/places/[^/]+/control")),
    ("POST", re.compile(r"/api/articles/[^/]+/unreliable")),
    ("DELETE", re.compile(r"/api/corrections/[^/]+")),
)
# The login form holds a token and a path: a few hundred bytes.
SMALL_CAPS = {"/login": 4096, "/logout": 4096}
# Bodies above this (or of unknown length) count against MAX_LARGE_BODIES.
LARGE_BODY_BYTES = 1_000_000
MAX_LARGE_BODIES = 2
RETRY_AFTER_SECONDS = 5
READ_METHODS = ("GET", "HEAD", "OPTIONS")


def is_write(method: str, path: str) -> bool:
    """Whether a request is one of the API's writes (`WRITES`)."""
    return any(method == verb and pattern.fullmatch(path) for verb, pattern in WRITES)


class WriteGate:
    """ASGI middleware applying the checks above; refusals are in the API's error shape."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.large_bodies = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the request's headers, then pass it on (counted when its body is large)."""
        if scope["type"] != "http" or scope["method"] in READ_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if is_write(scope["method"], scope["path"]):
            problem = write_problem(headers, scope["app"].state)
            if problem:
                await _refuse(send, problem.status, problem.message, problem.fix, problem.headers)
                return
        cap = SMALL_CAPS.get(scope["path"], self.max_bytes)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            await _refuse_size(send, f"the body has {int(declared):,} bytes,", cap)
            return
        if declared.isdigit() and int(declared) <= LARGE_BODY_BYTES:
            await self._pass(scope, receive, send, cap, declared=True)
            return
        if self.large_bodies >= MAX_LARGE_BODIES:
            await _refuse(send, 429, f"{self.large_bodies} large request bodies are being handled already",
                          f"send it again in a few seconds, or in parts under {LARGE_BODY_BYTES:,} bytes",
                          {"Retry-After": str(RETRY_AFTER_SECONDS)})
            return
        self.large_bodies += 1
        try:
            await self._pass(scope, receive, send, cap, declared=declared.isdigit())
        finally:
            self.large_bodies -= 1

    async def _pass(self, scope: Scope, receive: Receive, send: Send, cap: int, *, declared: bool) -> None:
        if declared:
            await self.app(scope, receive, send)
            return
        # No length declared (a chunked body): read it up to the cap first, then hand it on.
        messages: list[Message] = []
        received = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            received += len(message.get("body", b""))
            if received > cap:
                await _refuse_size(send, "the body (sent without a length) has", cap)
                return
            if not message.get("more_body", False):
                break
        replay = iter(messages)

        async def replayed() -> Message:
            return next(replay, None) or await receive()

        await self.app(scope, replayed, send)


async def _refuse_size(send: Send, what: str, cap: int) -> None:
    await _refuse(send, 413, f"{what} more than the {cap:,} bytes accepted",
                  "send fewer articles per request, or use `sitrep ingest`")


async def _refuse(send: Send, status: int, message: str, fix: str,
                  headers: dict[str, str] | None = None) -> None:
    """Answer at once, without reading the body; the connection closes after (the body is unread)."""
    body = json.dumps(error_body(status, message, fix=fix)).encode()
    extra = {**SECURITY_HEADERS, **(headers or {}), "Connection": "close",
             "Content-Type": "application/json", "Content-Length": str(len(body))}
    await send({"type": "http.response.start", "status": status,
                "headers": [(name.lower().encode(), value.encode()) for name, value in extra.items()]})
    await send({"type": "http.response.body", "body": body})
