"""HTML pages: main text and metadata with trafilatura, publication date with htmldate."""

from __future__ import annotations

import re
from datetime import date, datetime

import htmldate
import trafilatura
from trafilatura.settings import Document

from sitrep.ingest.dates import parse_iso_date
from sitrep.ingest.draft import Draft, SkipInput
from sitrep.records import SkipReason

# Fewer words than this is a menu, a cookie wall or an app shell, not an article.
MIN_ARTICLE_WORDS = 12
_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.I)


def read_html(
    data: bytes, *, input_name: str, url: str | None, fetched_at: datetime | None = None
) -> Draft:
    """A draft from an HTML page; boilerplate (menus, footers, banners) is left out."""
    document = trafilatura.bare_extraction(
        data, url=url, with_metadata=True, include_comments=False, include_tables=False, as_dict=False
    )
    text = (document.text or "").strip() if isinstance(document, Document) else ""
    if not isinstance(document, Document) or len(text.split()) < MIN_ARTICLE_WORDS:
        raise SkipInput(SkipReason.NO_CONTENT, f"{input_name}: no article text found in the page")
    return Draft(
        text=text,
        input=input_name,
        format="html",
        title=document.title or None,
        url=url or document.url or None,
        source=document.sitename or None,
        published_at=_publication_date(data, url, fetched_at),
        language=document.language or _declared_language(data),
        fetched_at=fetched_at,
    )


def _declared_language(data: bytes) -> str | None:
    """The language the page declares in `<html lang>`, or None."""
    match = _HTML_LANG.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _publication_date(data: bytes, url: str | None, fetched_at: datetime | None) -> date | None:
    """The page's original publication date, never later than when it was fetched."""
    latest = (fetched_at or datetime.now()).strftime("%Y-%m-%d")
    found = htmldate.find_date(
        data, url=url, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S%z", max_date=latest
    )
    if not found:
        return None
    value = parse_iso_date(found, "htmldate")
    # htmldate pads a date without a time with midnight: keep only the day then.
    if isinstance(value, datetime) and value.time() == datetime.min.time() and value.tzinfo is None:
        return value.date()
    return value
