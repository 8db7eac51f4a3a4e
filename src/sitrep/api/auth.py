"""The token check: writes need the server's token; reads too when the server is private."""

from __future__ import annotations

import hmac

from fastapi import Request

from sitrep.api.config import ServeConfig
from sitrep.api.errors import ApiError

HEADER = "X-Sitrep-Token"


def check_write(request: Request) -> None:
    """Refuse a write without the right token (403 when the server takes no writes at all)."""
    config: ServeConfig = request.app.state.config
    if not config.token:
        raise ApiError(403, "this server takes no writes",
                       fix="start it with `sitrep serve --token TOKEN` (or set SITREP_TOKEN)")
    _check_token(request, config.token)


def check_read(request: Request) -> None:
    """Refuse a read without the right token when the server was started with --private."""
    config: ServeConfig = request.app.state.config
    if config.private and config.token:
        _check_token(request, config.token)


def _check_token(request: Request, token: str) -> None:
    given = request.headers.get(HEADER) or _bearer(request.headers.get("authorization", ""))
    if not given:
        raise ApiError(401, "this request needs the server's token",
                       fix=f"send it as `Authorization: Bearer TOKEN` or `{HEADER}: TOKEN`",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        raise ApiError(401, "the token does not match the server's",
                       fix="send the token given to `sitrep serve --token`",
                       headers={"WWW-Authenticate": "Bearer"})


def _bearer(header: str) -> str:
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""
