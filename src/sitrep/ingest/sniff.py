"""Which reader a document needs: by its file extension, else by its first bytes."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import PurePosixPath


class Format(StrEnum):
    """The document formats sitrep reads."""

    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    HTML = "html"
    FEED = "feed"


EXTENSIONS: dict[str, Format] = {
    ".txt": Format.TEXT, ".text": Format.TEXT, ".md": Format.TEXT,
    ".json": Format.JSON,
    ".jsonl": Format.JSONL, ".ndjson": Format.JSONL,
    ".html": Format.HTML, ".htm": Format.HTML, ".xhtml": Format.HTML,
    ".rss": Format.FEED, ".atom": Format.FEED, ".xml": Format.FEED,
}
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)[\s>]", re.I | re.S)
_CONTENT_TYPES = (
    ("rss", Format.FEED), ("atom", Format.FEED), ("html", Format.HTML),
    ("ndjson", Format.JSONL), ("jsonl", Format.JSONL), ("json", Format.JSON),
    ("xml", Format.FEED), ("text/plain", Format.TEXT),
)


def format_from_name(name: str) -> Format | None:
    """The format an extension promises (`.gz` already removed), or None."""
    return EXTENSIONS.get(PurePosixPath(name).suffix.lower())


def format_from_content_type(content_type: str | None) -> Format | None:
    """The format an HTTP Content-Type announces, or None."""
    if not content_type:
        return None
    lowered = content_type.lower()
    return next((fmt for key, fmt in _CONTENT_TYPES if key in lowered), None)


def sniff_format(head: bytes) -> Format:
    """The format of a document from its first bytes (after any byte-order mark)."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"{", b"[")):
        first_line = stripped.split(b"\n", 1)[0].strip()
        single_object = first_line.startswith(b"{") and first_line.endswith(b"}")
        return Format.JSONL if single_object and b"\n{" in stripped else Format.JSON
    if _HTML_START.match(stripped):
        return Format.HTML
    if stripped.startswith(b"<?xml") or _FEED_ROOT.search(stripped[:2048]):
        return Format.FEED if _FEED_ROOT.search(stripped) else Format.HTML
    return Format.TEXT
