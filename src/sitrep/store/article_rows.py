"""Articles to rows and back, made safe at the store boundary for both backends.

PostgreSQL refuses NUL characters and lone surrogates in text and longer strings than a column
holds; SQLite takes them all. Rows are cleaned here so both backends store the same thing, and a
publication date outside the sane window (a placeholder such as year 1 or 9999) is never written
and never read back, so no later stage does arithmetic on it.

Extractions are stored as compact JSON documents (`extraction_document`): fields equal to their
default left out, and a place's candidate entries written as gazetteer ids when the gazetteer
holds them as they are (`entry`, the pick, stays whole so a store read without a gazetteer keeps
every resolved place). Reading fills the ids back from the gazetteer; documents written whole by
earlier versions read as they are.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sitrep.codec import Dereference, Reference, from_jsonable, to_jsonable
from sitrep.records import Article, Extraction, GeoEntry, Skipped, TimePrecision
from sitrep.store.schema import articles
from sitrep.textclean import clean_string

if TYPE_CHECKING:
    from sitrep.geo.gazetteer import Gazetteer

# The window of believable publication dates, as ingest keeps it (sitrep.ingest.dates).
EARLIEST_PUBLISHED = date(1900, 1, 1)
LATEST_SLACK = timedelta(days=2)
_SHORT_COLUMNS = {
    name: int(getattr(articles.c[name].type, "length", 0) or 0)
    for name in ("id", "source", "language", "format", "published_precision", "published_from")
}


def believable(value: date | None) -> bool:
    """True for a publication date in EARLIEST_PUBLISHED .. today plus LATEST_SLACK."""
    if value is None:
        return False
    day = value.date() if isinstance(value, datetime) else value
    return EARLIEST_PUBLISHED <= day <= datetime.now(UTC).date() + LATEST_SLACK


def article_row(article: Article, now: datetime) -> dict[str, Any]:
    """The `articles` row of an article: strings cleaned and cut to their columns, dates checked."""
    dated = believable(article.published_at)
    row: dict[str, Any] = {
        "id": article.id, "title": article.title, "text": article.text, "url": article.url,
        "source": article.source,
        "published": article.published_at.isoformat() if dated and article.published_at else None,
        "published_date": article.published_on if dated else None,
        "published_precision": article.published_precision.value
        if dated and article.published_precision else None,
        "published_from": article.published_from if dated else None,
        "language": article.language, "language_detected": article.language_detected,
        "is_summary": article.is_summary, "input": article.input, "format": article.format,
        "fetched_at": article.fetched_at, "ingested_at": now,
    }
    for name, value in row.items():
        if isinstance(value, str):
            row[name] = clean_string(value)
    for name, length in _SHORT_COLUMNS.items():
        if row[name] is not None and length:
            row[name] = row[name][:length]
    return row


def skipped_row(item: Skipped, now: datetime) -> dict[str, Any]:
    """The `skipped` row of a skip, its strings cleaned."""
    return {"input": clean_string(item.input), "reason": item.reason.value,
            "detail": clean_string(item.detail), "first_seen": now, "last_seen": now, "times": 1}


def article_from_row(row: Any) -> Article:
    """The article of an `articles` row; a stored date outside the window reads as unknown."""
    published = _published(row.published)
    dated = believable(published)
    precision = row.published_precision
    return Article(
        id=row.id, text=row.text, title=row.title, url=row.url, source=row.source,
        published_at=published if dated else None,
        published_precision=TimePrecision(precision) if dated and precision else None,
        published_from=row.published_from if dated else None,
        language=row.language, language_detected=bool(row.language_detected),
        is_summary=bool(row.is_summary), input=row.input, format=row.format, fetched_at=row.fetched_at,
    )


def _published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    except ValueError:
        return None


def extraction_document(extraction: Extraction) -> str:
    """The stored JSON of an extraction: defaults left out, known candidate entries as ids."""
    document = to_jsonable(extraction, omit_defaults=True, reference=_entry_ids(_gazetteer()))
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def extraction_from_document(text: str) -> Extraction:
    """The extraction of a stored document, candidate ids read back from the gazetteer.

    A candidate whose id the gazetteer no longer holds (or every id, with no gazetteer file) is
    left out; the picked entry of each place was stored whole.
    """
    return from_jsonable(Extraction, json.loads(text), dereference=_entries_by_id(_gazetteer()))


def _gazetteer() -> Gazetteer | None:
    from sitrep.geo.gazetteer import existing_gazetteer

    return existing_gazetteer()


def _entry_ids(gazetteer: Gazetteer | None) -> Reference | None:
    """Ids for the entries the gazetteer holds exactly as they are (so reading gives them back)."""
    if gazetteer is None:
        return None

    def reference(entry: GeoEntry) -> int | None:
        return entry.geonameid if gazetteer.get(entry.geonameid) == entry else None

    return reference


def _entries_by_id(gazetteer: Gazetteer | None) -> Dereference | None:
    if gazetteer is None:
        return None

    def dereference(kind: type, geonameid: Any) -> GeoEntry | None:
        return gazetteer.get(geonameid) if kind is GeoEntry and isinstance(geonameid, int) else None

    return dereference
