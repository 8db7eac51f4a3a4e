"""One error shape for every failure the server reports, JSON for the API, a page for the dashboard.

    {"error": {"status": 404, "code": "not_found", "message": "...", "fix": "...", "details": [...]}}
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitrep.api.headers import SECURITY_HEADERS
from sitrep.errors import ConfigError, NotFoundError, SitrepError, StoreError

log = logging.getLogger("sitrep.api")

CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type", 422: "invalid_request",
    429: "too_many_requests",
    500: "internal_error", 503: "unavailable",
}


class ApiError(Exception):
    """A failure with its HTTP status, for the handlers below to report."""

    def __init__(self, status: int, message: str, *, fix: str = "",
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.fix = fix
        self.headers = headers


def error_body(status: int, message: str, *, fix: str = "", details: list[dict[str, Any]] | None = None
               ) -> dict[str, Any]:
    """The JSON document of an error."""
    return {"error": {"status": status, "code": CODES.get(status, "error"), "message": message, "fix": fix,
                      "details": details or []}}


def install_error_handlers(app: FastAPI, render_page: Any) -> None:
    """Route every exception to one shape; `render_page(request, body)` draws it for a browser."""

    def respond(request: Request, status: int, message: str, *, fix: str = "",
                details: list[dict[str, Any]] | None = None,
                headers: dict[str, str] | None = None) -> Response:
        body = error_body(status, message, fix=fix, details=details)
        # A 500 is answered outside the other middleware: it gets the security headers here.
        headers = {**SECURITY_HEADERS, **(headers or {})}
        if wants_json(request):
            return JSONResponse(body, status_code=status, headers=headers)
        return HTMLResponse(render_page(request, body), status_code=status, headers=headers)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> Response:
        return respond(request, error.status, error.message, fix=error.fix, headers=error.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = str(error.detail) if error.status_code != 404 else f"nothing at {request.url.path}"
        fix = "see /docs for the API's paths" if error.status_code in (404, 405) else ""
        return respond(request, error.status_code, message, fix=fix, headers=getattr(error, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        details = [{"where": ".".join(str(part) for part in item.get("loc", ())),
                    "problem": item.get("msg", "")} for item in error.errors()]
        where = ", ".join(detail["where"] for detail in details) or "the request"
        return respond(request, 422, f"invalid value in {where}", fix="see /docs for the accepted values",
                       details=details)

    @app.exception_handler(SitrepError)
    async def sitrep_error(request: Request, error: SitrepError) -> Response:
        status = 404 if isinstance(error, NotFoundError) else 400 if isinstance(error, ConfigError) else (
            503 if isinstance(error, StoreError) else 500)
        # The database's address is the server's business, not the caller's.
        message = error.message.replace(f" in {request.app.state.store.url}", "")
        return respond(request, status, message.replace(request.app.state.store.url, "the database"),
                       fix=error.fix)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return respond(request, 500, "internal error", fix="see the server's log")


def wants_json(request: Request) -> bool:
    """Whether the caller reads JSON: API paths, `?format=json`, or an Accept header without HTML."""
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return True
    if request.query_params.get("format") == "json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept
