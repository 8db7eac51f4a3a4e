"""HEAD for every page and read, and validators on read answers: ETag, Cache-Control, 304.

A HEAD request is answered as its GET would be, headers only. A GET answered 200 gets a weak ETag
(a digest of its body) and `Cache-Control: no-cache` (`private, no-cache` on a private server): a
client keeps the answer but asks each time, and an `If-None-Match` naming the ETag gets 304 with
no body. Static files (`/static`, `/vendor`) carry their own validators.
"""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

OWN_VALIDATORS = ("/static/", "/vendor/")
# Headers a 304 keeps from the answer it stands for (RFC 9110 15.4.5).
NOT_MODIFIED_KEEPS = ("etag", "cache-control", "vary", "content-location", "date", "expires")


class HeadAsGet:
    """ASGI middleware: HEAD runs the GET route and sends its headers without the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer a HEAD as a GET with an empty body; pass anything else on."""
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class Validators:
    """ASGI middleware: ETag and Cache-Control on 200 answers to GET; 304 when If-None-Match matches."""

    def __init__(self, app: ASGIApp, *, private: bool = False) -> None:
        self.app = app
        self.cache_control = "private, no-cache" if private else "no-cache"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Hold a 200 answer's body to digest it, then send it (or a 304) with the validators."""
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(OWN_VALIDATORS):
            await self.app(scope, receive, send)
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def validated(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start" and message["status"] == 200:
                start = message
                return
            if not start or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                await self._send_validated(scope, start, b"".join(chunks), send)

        await self.app(scope, receive, validated)

    async def _send_validated(self, scope: Scope, start: Message, body: bytes, send: Send) -> None:
        headers = MutableHeaders(scope=start)
        if "etag" not in headers:
            headers["ETag"] = f'W/"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
        headers.setdefault("Cache-Control", self.cache_control)
        if not scope["path"].startswith("/api/"):
            headers.add_vary_header("Accept")  # a page answers HTML or its JSON twin
        if etag_matches(Headers(scope=scope).get("if-none-match", ""), headers["etag"]):
            kept = [(name, value) for name, value in start["headers"] if name.decode() in NOT_MODIFIED_KEEPS]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
        await send(start)
        await send({"type": "http.response.body", "body": body})


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for GET)."""
    wanted = etag.removeprefix("W/")
    return any(tag.strip() == "*" or tag.strip().removeprefix("W/") == wanted
               for tag in if_none_match.split(",") if tag.strip())
