"""RSS and Atom feeds with feedparser: one article per entry.

An entry with full content is stored with that text; an entry with only a summary is stored
with the summary and marked `is_summary`, so that later stages know the text is partial.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from time import struct_time
from typing import Any

import feedparser
import trafilatura

from sitrep.ingest.dates import parse_feed_date
from sitrep.ingest.draft import Draft, SkipInput
from sitrep.records import Skipped, SkipReason


def read_feed(
    data: bytes, *, input_name: str, url: str | None = None, fetched_at: datetime | None = None
) -> Iterator[Draft | Skipped]:
    """Drafts from the entries of an RSS or Atom document."""
    parsed = feedparser.parse(data, response_headers={"content-location": url} if url else None)
    if not parsed.entries:
        problem = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        raise SkipInput(SkipReason.NO_CONTENT, f"{input_name}: no feed entries{problem}")
    feed_info = parsed.get("feed", {})
    outlet = feed_info.get("title") or None
    language = feed_info.get("language") or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{input_name}#{entry.get('id') or entry.get('link') or number}"
        try:
            yield _entry_draft(entry, where, outlet, language, fetched_at)
        except SkipInput as skip:
            yield Skipped(where, skip.reason, skip.detail)


def _entry_draft(
    entry: Any, where: str, outlet: str | None, language: str | None, fetched_at: datetime | None
) -> Draft:
    content = "\n".join(part.get("value") or "" for part in entry.get("content") or [])
    is_summary = not content.strip()
    text = html_fragment_to_text(content if not is_summary else entry.get("summary") or "")
    if not text:
        raise SkipInput(SkipReason.MISSING_TEXT, f"{where}: the entry has neither content nor summary")
    source = (entry.get("source") or {}).get("title") or outlet
    return Draft(
        text=text,
        input=where,
        format="feed",
        title=entry.get("title") or None,
        url=entry.get("link") or None,
        source=source,
        published_at=_entry_date(entry, where),
        language=entry.get("language") or language,
        is_summary=is_summary,
        fetched_at=fetched_at,
    )


def _entry_date(entry: Any, where: str) -> date | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        value = parse_feed_date(raw) or _from_struct(entry.get(f"{key}_parsed"))
        if value is None:
            raise SkipInput(SkipReason.BAD_DATE, f"{where}: cannot read the {key} date {raw!r}")
        return value
    return None


def _from_struct(value: struct_time | None) -> datetime | None:
    if value is None:
        return None
    return datetime(*value[:6], tzinfo=UTC)


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per paragraph."""
    if "<" not in fragment:
        return fragment.strip()
    wrapped = f"<html><body>{fragment}</body></html>"
    text = trafilatura.extract(wrapped, favor_recall=True, include_comments=False)
    return (text or trafilatura.html2txt(wrapped) or "").strip()
