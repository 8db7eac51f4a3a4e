"""Stable article ids: the hash of the normalised text, so a copy from another URL is a duplicate."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

ID_HEX_DIGITS = 16
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Text with Unicode compatibility forms folded, case folded and whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def article_id(text: str, title: str | None = None) -> str:
    """The id of an article: a hash of its normalised text, without a leading copy of its title.

    Dropping the leading title makes the same report read from a text file (title line inside
    the text) and from JSON (title in its own field) one article.
    """
    body = normalise_text(text)
    if title:
        heading = normalise_text(title)
        if heading and body.startswith(heading) and len(body) > len(heading):
            body = body[len(heading):].lstrip()
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:ID_HEX_DIGITS]


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: its host name without `www.`; None for no usable host."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:  # "http://[::1", a bad port: no host to name the outlet by
        return None
    host = host.removeprefix("www.")
    return host or None
