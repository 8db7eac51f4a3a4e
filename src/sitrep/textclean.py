"""Text any backend can store: no NUL characters, no lone surrogates (shared by ingest and the store)."""

from __future__ import annotations


def clean_string(value: str) -> str:
    """`value` with lone surrogates as U+FFFD and NUL characters removed (PostgreSQL refuses both)."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    if value.isascii():
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # an escaped pair ("\\ud83d\\ude00" in JSON) becomes its character, a lone half U+FFFD
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value
