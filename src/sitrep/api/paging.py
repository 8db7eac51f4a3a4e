"""Bounded pages: whatever a caller asks for, one response holds at most `MAX_LIMIT` records.

Lists of fused records (events, stories, claims, quotes) also take a cursor, `after`: the key of the
last record of the page before (`next` links carry it), so that a page deep in a list is read from
the index where the last one stopped instead of skipping `offset` records one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import JSONResponse

from sitrep.store.base import FusedRow

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# Past this, OFFSET itself would cost more than any reader needs (and overflow 64-bit in SQL).
MAX_OFFSET = 10_000_000
# A list's total is counted exactly up to this many records past the page's offset; beyond, the
# answer says "more than" (`total_exact` false) instead of counting a million rows per page.
COUNT_BEYOND = 10_000
# A cursor: the record's first day as a day number (`date.toordinal`, "-" for an undated record),
# this separator, the record id. Opaque to callers: they pass on what a `next` link carries.
CURSOR_SEPARATOR = "_"
CURSOR_PATTERN = r"^(-|[0-9]{1,7})_.+$"
CURSOR_HELP = ("Continue after this record (the cursor a `next` link carries). With it, `offset` skips "
               "nothing: it says how many records came before, so that totals stay whole.")


@dataclass(frozen=True, slots=True)
class Paging:
    """The page a request asked for, its limit already cut to `MAX_LIMIT`."""

    limit: int
    offset: int
    after: tuple[date | None, str | None] | None = None


def paging(
    limit: Annotated[int, Query(ge=0, description=f"Records per page (at most {MAX_LIMIT}; more is cut).")]
    = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Records to skip.")] = 0,
) -> Paging:
    """The page parameters of a list endpoint (a FastAPI dependency)."""
    return Paging(limit=min(limit, MAX_LIMIT), offset=offset)


def page(request: Request, items: list[Any], total: int, paging: Paging, *,
         exact: bool = True, cursor: str | None = None) -> JSONResponse:
    """The envelope of a list: the items, the total, whether it is exact, the page and the next link.

    A total that is not exact is a lower bound: there are more than `total` records. With a
    `cursor` (the last item's), the next link continues after it rather than past an offset. Sent
    as it is (the items are JSON-ready): FastAPI's re-encoding would cost more than the query.
    """
    following = paging.offset + len(items)
    next_url = None
    if paging.limit and (following < total or not exact):
        more = {"after": cursor} if cursor else {}
        next_url = str(request.url.include_query_params(offset=following, limit=paging.limit, **more))
    return JSONResponse({"items": items, "total": total, "total_exact": exact, "limit": paging.limit,
                         "offset": paging.offset, "next": next_url})


def cursor_paging(
    limit: Annotated[int, Query(ge=0, description=f"Records per page (at most {MAX_LIMIT}; more is cut).")]
    = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Records to skip (none with `after`).")]
    = 0,
    after: Annotated[str | None, Query(max_length=300, pattern=CURSOR_PATTERN, description=CURSOR_HELP)]
    = None,
) -> Paging:
    """The page parameters of a list of fused records: `paging`'s and the cursor (a FastAPI dependency)."""
    return Paging(limit=min(limit, MAX_LIMIT), offset=offset, after=parse_cursor(after) if after else None)


def parse_cursor(text: str) -> tuple[date | None, str | None]:
    """(first day, record id) from a cursor matching `CURSOR_PATTERN` (a day number past the
    calendar's ends stands for its first or last day)."""
    number, _, record_id = text.partition(CURSOR_SEPARATOR)
    if number == "-":
        return None, record_id
    return date.fromordinal(min(max(int(number), 1), date.max.toordinal())), record_id


def cursor_of(row: FusedRow) -> str:
    """The cursor that continues a list after `row`."""
    day = row.first_day.toordinal() if row.first_day else "-"
    return f"{day}{CURSOR_SEPARATOR}{row.record_id}"
