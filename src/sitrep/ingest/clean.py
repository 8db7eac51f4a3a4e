"""Strings safe to store and show: no lone surrogates, no NUL, bounded outlet names, URLs that parse."""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

from sitrep.textclean import clean_string

# The store's `source` column holds this many characters; longer outlet names are cut.
MAX_SOURCE_CHARS = 200
_LETTER = re.compile(r"[^\W\d_]")


def clean_optional(value: str | None, *, limit: int | None = None) -> str | None:
    """`clean_string` of a value that may be missing, cut to `limit` characters; None when blank."""
    if value is None:
        return None
    cleaned = clean_string(value).strip()
    if limit is not None:
        cleaned = cleaned[:limit].rstrip()
    return cleaned or None


def has_letters(text: str) -> bool:
    """True when `text` holds a letter of any script (digits, punctuation and emoji are no article)."""
    return _LETTER.search(text) is not None


def safe_url(url: str | None) -> str | None:
    """`url` when it parses with a usable host and port, else None (so no page trips over it later)."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
        _ = parts.hostname, parts.port
    except ValueError:
        return None
    return url


def display_path(path: os.PathLike[str] | str) -> str:
    """A path as text that can be stored and printed: bytes that are not UTF-8 are shown escaped."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
