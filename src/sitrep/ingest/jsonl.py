"""JSON and JSON Lines: one article per object, with `text` and optional metadata.

Fields: `text` (required), `title`, `url`, `published` (ISO 8601 date or date-time),
`source` or `outlet`, `language`. Other fields are ignored. A JSON file holds one object or a
list of objects; a JSON Lines file holds one object per line and is read as a stream.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Protocol

from sitrep.ingest.dates import parse_iso_date
from sitrep.ingest.decode import decode_text
from sitrep.ingest.draft import Draft, SkipInput
from sitrep.records import Skipped, SkipReason


def read_json_document(text: str, *, input_name: str) -> Iterator[Draft | Skipped]:
    """Drafts from a JSON file holding one article object or a list of them."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise SkipInput(SkipReason.INVALID_JSON, f"{input_name}: {error}") from None
    if value == []:
        raise SkipInput(SkipReason.EMPTY, f"{input_name} holds an empty list")
    records = value if isinstance(value, list) else [value]
    for number, record in enumerate(records, start=1):
        where = f"{input_name}[{number}]" if isinstance(value, list) else input_name
        yield _guarded(record, where)


class LineStream(Protocol):
    """A byte stream read line by line."""

    def readline(self, size: int | None = ..., /) -> bytes: ...


def read_json_lines(
    stream: LineStream, *, input_name: str, max_line_bytes: int
) -> Iterator[Draft | Skipped]:
    """Drafts from a JSON Lines stream, one line at a time (memory does not grow with the file)."""
    number = 0
    while True:
        raw = stream.readline(max_line_bytes + 1)
        if not raw:
            return
        number += 1
        where = f"{input_name}:{number}"
        if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
            _discard_rest_of_line(stream)
            yield Skipped(where, SkipReason.TOO_LARGE, f"{where}: line longer than {max_line_bytes} bytes")
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(decode_text(raw, where))
        except SkipInput as skip:
            yield Skipped(where, skip.reason, skip.detail)
            continue
        except json.JSONDecodeError as error:
            yield Skipped(where, SkipReason.INVALID_JSON, f"{where}: {error.msg} at column {error.colno}")
            continue
        yield _guarded(record, where)


def _discard_rest_of_line(stream: LineStream) -> None:
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _guarded(record: Any, where: str) -> Draft | Skipped:
    try:
        return draft_from_record(record, where)
    except SkipInput as skip:
        return Skipped(where, skip.reason, skip.detail)


def draft_from_record(record: Any, where: str, *, format: str = "json") -> Draft:
    """A draft from one JSON object with the fields listed in the module docstring."""
    if not isinstance(record, dict):
        raise SkipInput(SkipReason.INVALID_JSON, f"{where}: expected an object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise SkipInput(SkipReason.MISSING_TEXT, f"{where}: no 'text' field with the article's text")
    return Draft(
        text=text.strip(),
        input=where,
        format=format,
        title=_optional_string(record.get("title")),
        url=_optional_string(record.get("url")),
        source=_optional_string(record.get("source")) or _optional_string(record.get("outlet")),
        published_at=parse_iso_date(record.get("published"), where),
        language=_optional_string(record.get("language")),
    )


def _optional_string(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
