"""What a reader hands on: an article before its id, language and size checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sitrep.records import Skipped, SkipReason, TimePrecision


@dataclass(frozen=True, slots=True)
class Draft:
    """An article as a reader found it; `finish_article` turns it into an `Article`."""

    text: str
    input: str
    format: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: date | None = None
    language: str | None = None
    is_summary: bool = False
    fetched_at: datetime | None = None
    published_precision: TimePrecision | None = None  # None: day, when there is a date
    published_from: str | None = None  # None: where the reader's format keeps dates


class SkipInput(Exception):
    """Raised inside a reader to skip the current document with a reason."""

    def __init__(self, reason: SkipReason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


# How much of an unexpected error's message a skip keeps.
ERROR_DETAIL_CHARS = 300


def reader_error(where: str, error: BaseException) -> Skipped:
    """The skip for an unexpected error on one document: `reader-error` naming the exception."""
    message = str(error)[:ERROR_DETAIL_CHARS]
    return Skipped(where, SkipReason.READER_ERROR, f"{where}: {type(error).__name__}: {message}")
