"""What a reader hands on: an article before its id, language and size checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sitrep.records import SkipReason


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


class SkipInput(Exception):
    """Raised inside a reader to skip the current document with a reason."""

    def __init__(self, reason: SkipReason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
