"""The token check: writes need the server's token; reads too when the server is private.

A request carries the token in a header (`Authorization: Bearer TOKEN` or `X-Sitrep-Token`) or a
browser session opened at /login with it (see `sessions`). The checks read headers only, so the
write gate (`limits.WriteGate`) runs them before a byte of the body is read.
"""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import Request
from starlette.datastructures import Headers
from starlette.requests import cookie_parser

from sitrep.api.config import ServeConfig
from sitrep.api.errors import ApiError
from sitrep.api.sessions import COOKIE, Sessions

HEADER = "X-Sitrep-Token"
SENT_HOW = f"send it as `Authorization: Bearer TOKEN` or `{HEADER}: TOKEN`, or log in at /login in a browser"


def check_write(request: Request) -> None:
    """Refuse a write without the right token (403 when the server takes no writes at all)."""
    problem = write_problem(request.headers, request.app.state)
    if problem:
        raise problem


def check_read(request: Request) -> None:
    """Refuse a read without the right token when the server was started with --private."""
    config: ServeConfig = request.app.state.config
    if config.private and config.token:
        problem = credential_problem(request.headers, config.token, request.app.state.sessions)
        if problem:
            raise problem


def write_problem(headers: Headers, state: Any) -> ApiError | None:
    """Why a write with these headers is refused, or None; `state` is the app's (config, sessions)."""
    config: ServeConfig = state.config
    if not config.token:
        return ApiError(403, "this server takes no writes",
                        fix="start it with `sitrep serve --token TOKEN` (or set SITREP_TOKEN)")
    if has_session(headers, state.sessions):
        return _foreign_origin(headers)
    return credential_problem(headers, config.token, state.sessions)


def credential_problem(headers: Headers, token: str, sessions: Sessions) -> ApiError | None:
    """Why these headers do not prove the token (a header with it, or a live session), or None."""
    if has_session(headers, sessions):
        return None
    given = headers.get(HEADER) or _bearer(headers.get("authorization", ""))
    if not given:
        return ApiError(401, "this request needs the server's token", fix=SENT_HOW,
                        headers={"WWW-Authenticate": "Bearer"})
    if not token_matches(given, token):
        return ApiError(401, "the token does not match the server's",
                        fix="send the token given to `sitrep serve --token`",
                        headers={"WWW-Authenticate": "Bearer"})
    return None


def token_matches(given: str, token: str) -> bool:
    """Whether `given` is the token, compared in constant time."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))


def session_cookie(headers: Headers) -> str | None:
    """The session id the request's cookie carries, if any."""
    return cookie_parser(headers.get("cookie", "")).get(COOKIE)


def has_session(headers: Headers, sessions: Sessions) -> bool:
    """Whether the request's cookie names a live session."""
    return sessions.is_live(session_cookie(headers))


def _foreign_origin(headers: Headers) -> ApiError | None:
    """A cookie-borne write sent by another site's page (SameSite=Strict aside, a second guard)."""
    origin = headers.get("origin")
    host = headers.get("host", "")
    if origin and origin.partition("://")[2] != host:
        return ApiError(403, f"a write from the page of {origin!r} with this server's session cookie",
                        fix="send writes from this server's own pages, or with the token in a header")
    return None


def _bearer(header: str) -> str:
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""
