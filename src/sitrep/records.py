"""Typed records: the only things that cross a stage boundary.

Every record is a frozen, slotted dataclass, cheap to pickle and safe to share between processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class SkipReason(StrEnum):
    """Why an input was not stored; each reason carries the fix in `SKIP_FIXES`."""

    NOT_FOUND = "not-found"
    UNREADABLE = "unreadable"
    EMPTY = "empty"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    TRUNCATED_GZIP = "truncated-gzip"
    INVALID_JSON = "invalid-json"
    MISSING_TEXT = "missing-text"
    TOO_LARGE = "too-large"
    BAD_DATE = "bad-date"
    NO_CONTENT = "no-content"
    UNREACHABLE = "unreachable"


SKIP_FIXES: dict[SkipReason, str] = {
    SkipReason.NOT_FOUND: "check the path; folders are read recursively",
    SkipReason.UNREADABLE: "check the file's permissions",
    SkipReason.EMPTY: "remove the file or give it an article's text",
    SkipReason.BINARY: "convert the document to text, HTML, JSON or a feed first",
    SkipReason.UNDECODABLE: "re-save the file as UTF-8",
    SkipReason.TRUNCATED_GZIP: "re-create or re-download the .gz file; records before the cut were kept",
    SkipReason.INVALID_JSON: "make each line one complete JSON object",
    SkipReason.MISSING_TEXT: "give the record a non-empty 'text' field",
    SkipReason.TOO_LARGE: "split the document or raise --max-bytes",
    SkipReason.BAD_DATE: "write the date as ISO 8601, e.g. 2021-08-11 or 2021-08-11T09:30:00+04:30",
    SkipReason.NO_CONTENT: "check that the page or feed holds an article's text",
    SkipReason.UNREACHABLE: "check the address and the network, or ingest a saved copy of the page",
}


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, stored once under the hash of its normalised text.

    `published_at` is a `datetime` when the input gave the time of day, a `date` when it gave
    only the day, and None when the publication date is unknown (never "today" by default).
    `text` may begin with the title: offsets of later stages point into `text` as stored.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: date | None = None
    language: str | None = None
    language_detected: bool = False
    is_summary: bool = False
    input: str = ""
    format: str = ""
    fetched_at: datetime | None = None

    @property
    def published_on(self) -> date | None:
        """The publication day, whether or not the time of day is known."""
        if isinstance(self.published_at, datetime):
            return self.published_at.date()
        return self.published_at


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was read but not stored, with the reason and what to do about it."""

    input: str
    reason: SkipReason
    detail: str = ""

    @property
    def fix(self) -> str:
        """The remedy for this kind of skip."""
        return SKIP_FIXES[self.reason]


@dataclass(frozen=True, slots=True)
class SkippedEntry:
    """A skipped input as the store keeps it: first and last time seen and how often."""

    input: str
    reason: SkipReason
    detail: str
    first_seen: datetime
    last_seen: datetime
    times: int


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An article whose text was already stored, from this or an earlier run."""

    input: str
    article_id: str


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What one transactional write did: ids stored and articles that were duplicates."""

    stored: tuple[str, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()


@dataclass(slots=True)
class IngestSummary:
    """Counts of one ingest run, filled in as batches are written."""

    stored: int = 0
    duplicates: list[Duplicate] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def read(self) -> int:
        """Every document read: stored, duplicate or skipped."""
        return self.stored + len(self.duplicates) + len(self.skipped)

    def skipped_by_reason(self) -> dict[str, int]:
        """Skip counts keyed by reason, in the order of `SkipReason`."""
        counts = {reason.value: 0 for reason in SkipReason}
        for item in self.skipped:
            counts[item.reason.value] += 1
        return {reason: n for reason, n in counts.items() if n}
