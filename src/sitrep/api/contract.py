"""What the API's schema promises: bounded days and counts, the error document, each route's errors.

The bounds live in the schema itself (a pattern on days, `maximum` on counts), so a client, the
docs page and schemathesis see the same limits the server enforces, and no value past them reaches
date arithmetic or SQL (year 1 minus a week, or an integer past 64 bits, answered 500 before).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, WithJsonSchema

# Days a query may name: 1900-01-01 to 2099-12-31 (the pattern below says the same in the schema).
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2099, 12, 31)
DAY_PATTERN = r"^(19|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
# Fewest independent sources an event filter may ask for (no event has more outlets than this).
MAX_SOURCES = 10_000


def _iso_day(value: object) -> object:
    """Only YYYY-MM-DD within the window: `0` is no day, though pydantic would read it as 1970-01-01."""
    if isinstance(value, str) and not re.fullmatch(DAY_PATTERN, value):
        raise ValueError(f"{value!r} is not a day from {FIRST_DAY} to {LAST_DAY} written YYYY-MM-DD")
    return value


Day = Annotated[date, BeforeValidator(_iso_day),
                WithJsonSchema({"type": "string", "format": "date", "pattern": DAY_PATTERN})]


class ErrorDetail(BaseModel):
    """One bad parameter of a 422."""

    where: str
    problem: str


class ErrorBody(BaseModel):
    """The fields of every error."""

    status: int
    code: str
    message: str
    fix: str
    details: list[ErrorDetail]


class ErrorDocument(BaseModel):
    """Every error the API answers: `{"error": {...}}`."""

    error: ErrorBody


def errors(**described: str) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: each status (`e404="..."`) answered with the error document."""
    return {int(name.removeprefix("e")): {"model": ErrorDocument, "description": text}
            for name, text in described.items()}


UNAUTHORIZED = "The server is private (`--private`) and the request has no valid token or session."
INVALID = "A parameter is out of range or malformed; `details` lists each one."
UNAVAILABLE = "The database does not answer."
READ_ERRORS = errors(e401=UNAUTHORIZED, e422=INVALID, e503=UNAVAILABLE)
LOOKUP_ERRORS = errors(e404="No record has this id.")
COUNTRY_ERRORS = errors(e400="The country names no ISO 3166 country.",
                        e404="Nothing is known yet about the country (or about any country).")


def as_json_errors(responses: dict[int | str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    """The same errors, documented as JSON on a route whose answers are another media type (Atom)."""
    return {status: {**answer, "content": {"application/json": {}}} for status, answer in responses.items()}
