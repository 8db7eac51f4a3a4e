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
# A list's total is counted exactly up to this many records past the page's offset; beyond, the
# answer says "more than" (`total_exact` false) instead of counting a million rows per page.
COUNT_BEYOND = 10_000


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


def count_bound(paging: Paging) -> int:
    """The most records a list's total counts for this page (`COUNT_BEYOND` past its offset)."""
    return paging.offset + COUNT_BEYOND


def page(request: Request, items: list[Any], total: int, paging: Paging, *,
         exact: bool = True) -> JSONResponse:
    """The envelope of a list: the items, the total, whether it is exact, the page and the next link.

    A total that is not exact is a lower bound: there are more than `total` records. Sent as it is
    (the items are JSON-ready): FastAPI's re-encoding would cost more than the query.
    """
    following = paging.offset + len(items)
    next_url = None
    if paging.limit and (following < total or not exact):
        next_url = str(request.url.include_query_params(offset=following, limit=paging.limit))
    return JSONResponse({"items": items, "total": total, "total_exact": exact, "limit": paging.limit,
                         "offset": paging.offset, "next": next_url})
