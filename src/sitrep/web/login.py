"""Log in and out from a browser: the token typed once opens a session kept in an HttpOnly cookie.

`POST /login` takes a form (`token`, `next`), compares the token in constant time and, when it
matches, sets `sitrep_session` (HttpOnly, SameSite=Strict, Secure over https) and goes to `next`.
A private server then reads the cookie as it reads the token header (`api.auth`); so does
`POST /api/articles` from the server's own pages. `POST /logout` ends the session.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sitrep.api.auth import has_session, session_cookie, token_matches
from sitrep.api.config import ServeConfig
from sitrep.api.sessions import COOKIE, SESSION_SECONDS, Sessions
from sitrep.web.pages import ENVIRONMENT

router = APIRouter(include_in_schema=False)

FORM_TYPE = "application/x-www-form-urlencoded"
MAX_FIELDS = 10


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    """The login form (or, with a live session, a logout button)."""
    return _form(request, next_path=_local_path(next))


@router.post("/login")
async def login(request: Request) -> Response:
    """Open a session when the form's token is the server's; else the form again with the reason."""
    config: ServeConfig = request.app.state.config
    fields = await _form_fields(request)
    next_path = _local_path(fields.get("next", "/"))
    if not config.token:
        return _form(request, next_path=next_path, status=403,
                     problem="This server has no token: reads are open and it takes no writes.")
    if not token_matches(fields.get("token", ""), config.token):
        return _form(request, next_path=next_path, status=401,
                     problem="That is not the server's token (the one given to `sitrep serve --token`).")
    sessions: Sessions = request.app.state.sessions
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(COOKIE, sessions.open(), max_age=SESSION_SECONDS, path="/", httponly=True,
                        samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    """End the session and forget the cookie."""
    sessions: Sessions = request.app.state.sessions
    sessions.close(session_cookie(request.headers))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict",
                           secure=request.url.scheme == "https")
    return response


def _form(request: Request, *, next_path: str, status: int = 200, problem: str = "") -> Response:
    config: ServeConfig = request.app.state.config
    context: dict[str, Any] = {
        "next_path": next_path, "problem": problem, "has_token": bool(config.token),
        "signed_in": has_session(request.headers, request.app.state.sessions),
        "private": config.private, "vendor": frozenset(), "query": "", "page_data": {"page": "login"},
    }
    return HTMLResponse(ENVIRONMENT.get_template("login.html").render(**context), status_code=status)


async def _form_fields(request: Request) -> dict[str, str]:
    """The first value of each field of a url-encoded form (the write gate caps its size)."""
    if request.headers.get("content-type", "").partition(";")[0].strip() != FORM_TYPE:
        return {}
    body = (await request.body()).decode("utf-8", "replace")
    try:
        parsed = parse_qs(body, max_num_fields=MAX_FIELDS)
    except ValueError:  # more fields than a login form has
        return {}
    return {name: values[0] for name, values in parsed.items()}


def _local_path(path: str) -> str:
    """`path` when it is a path on this server; "/" for anything that could lead elsewhere."""
    if not path.startswith("/") or path.startswith("//") or "\\" in path or any(ord(c) < 32 for c in path):
        return "/"
    return path
