"""JSON and JSON Lines: one article per object, with `text` and optional metadata.

Fields: `text` (required), `title`, `url`, `published` (ISO 8601 date or date-time),
`source` or `outlet`, `language`. Other fields are ignored. A JSON file holds one object or a
list of objects; a JSON Lines file holds one object per line and is read as a stream.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Protocol

from sitrep.ingest.dates import parse_published
from sitrep.ingest.decode import decode_text
from sitrep.ingest.draft import Draft, SkipInput, reader_error
from sitrep.records import Skipped, SkipReason


def read_json_document(text: str, *, input_name: str) -> Iterator[Draft | Skipped]:
    """Drafts from a JSON file holding one article object or a list of them."""
    value = _load_json(text, input_name)
    if value == []:
        raise SkipInput(SkipReason.EMPTY, f"{input_name} holds an empty list")
    records = value if isinstance(value, list) else [value]
    for number, record in enumerate(records, start=1):
        where = f"{input_name}[{number}]" if isinstance(value, list) else input_name
        yield _guarded(record, where)


class LineStream(Protocol):
    """A byte stream read in chunks."""

    def read1(self, size: int = ..., /) -> bytes: ...


# Bytes read at a time; a chunk of nothing but blank lines costs one check, not a loop per line.
CHUNK_BYTES = 1 << 20


def read_json_lines(
    stream: LineStream, *, input_name: str, max_line_bytes: int
) -> Iterator[Draft | Skipped]:
    """Drafts from a JSON Lines stream, one line at a time (memory does not grow with the file).

    A stream of nothing but blank lines is one `empty` skip.
    """
    number = 0
    for number, raw in iter_lines(stream, max_line_bytes):
        where = f"{input_name}:{number}"
        if raw is None:
            yield Skipped(where, SkipReason.TOO_LARGE, f"{where}: line longer than {max_line_bytes} bytes")
            continue
        try:
            record = _load_json(decode_text(raw, where), where)
        except SkipInput as skip:
            yield Skipped(where, skip.reason, skip.detail)
            continue
        yield _guarded(record, where)
    if number == 0:
        yield Skipped(input_name, SkipReason.EMPTY, f"{input_name} holds only blank lines")


def iter_lines(stream: LineStream, max_line_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) of every non-blank line; None for a line over `max_line_bytes`."""
    number, pending, too_long = 0, b"", False
    while chunk := stream.read1(CHUNK_BYTES):
        if not too_long and not pending and chunk.isspace():
            number += chunk.count(b"\n")
            continue
        lines = (pending + chunk).split(b"\n")
        pending = lines.pop()
        for line in lines:
            number += 1
            if too_long:
                too_long = False
                yield number, None
            elif len(line) > max_line_bytes:
                yield number, None
            elif line.strip():
                yield number, line
        if len(pending) > max_line_bytes:
            pending, too_long = b"", True
    if too_long or pending.strip():
        yield number + 1, None if too_long else pending


def _load_json(text: str, where: str) -> Any:
    """The value of a JSON text, or `SkipInput(invalid-json)` naming the problem."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SkipInput(SkipReason.INVALID_JSON, f"{where}: {error.msg} at column {error.colno}") from None
    except RecursionError:
        raise SkipInput(SkipReason.INVALID_JSON, f"{where}: JSON nested too deeply for an article") from None


def _guarded(record: Any, where: str) -> Draft | Skipped:
    """The draft of one record, or its skip: whatever goes wrong stays with this record."""
    try:
        return draft_from_record(record, where)
    except SkipInput as skip:
        return Skipped(where, skip.reason, skip.detail)
    except Exception as error:  # noqa: BLE001 - one bad record must never end the file
        return reader_error(where, error)


def draft_from_record(record: Any, where: str, *, format: str = "json") -> Draft:
    """A draft from one JSON object with the fields listed in the module docstring."""
    if not isinstance(record, dict):
        raise SkipInput(SkipReason.INVALID_JSON, f"{where}: expected an object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise SkipInput(SkipReason.MISSING_TEXT, f"{where}: no 'text' field with the article's text")
    published = parse_published(record.get("published"), where)
    return Draft(
        text=text.strip(),
        input=where,
        format=format,
        title=_optional_string(record.get("title")),
        url=_optional_string(record.get("url")),
        source=_optional_string(record.get("source")) or _optional_string(record.get("outlet")),
        published_at=published.value if published else None,
        published_precision=published.precision if published else None,
        language=_optional_string(record.get("language")),
    )


def _optional_string(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
