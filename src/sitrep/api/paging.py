"""Bounded pages: whatever a caller asks for, one response holds at most `MAX_LIMIT` records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import JSONResponse

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# Past this, OFFSET itself would cost more than any reader needs (and overflow 64-bit in SQL).
MAX_OFFSET = 10_000_000


@dataclass(frozen=True, slots=True)
class Paging:
    """The page a request asked for, its limit already cut to `MAX_LIMIT`."""

    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=0, description=f"Records per page (at most {MAX_LIMIT}; more is cut).")]
    = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Records to skip.")] = 0,
) -> Paging:
    """The page parameters of a list endpoint (a FastAPI dependency)."""
    return Paging(limit=min(limit, MAX_LIMIT), offset=offset)


def page(request: Request, items: list[Any], total: int, paging: Paging) -> JSONResponse:
    """The envelope of a list: the items, the total, the page and a link to the next one.

    Sent as it is (the items are JSON-ready): FastAPI's re-encoding would cost more than the query.
    """
    following = paging.offset + len(items)
    next_url = None
    if paging.limit and following < total:
        next_url = str(request.url.include_query_params(offset=following, limit=paging.limit))
    return JSONResponse({"items": items, "total": total, "limit": paging.limit, "offset": paging.offset,
                         "next": next_url})
