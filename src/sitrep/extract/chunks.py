"""Long texts in chunks of paragraphs, and mentions moved between chunk and article offsets.

spaCy refuses texts over `nlp.max_length` (1,000,000 characters), and a few rules weigh each
mention against the whole document, so an article longer than CHUNK_CHARS is parsed in chunks of
at most that many characters. Each chunk ends at the last boundary in the second half of its
window, by the cascade BOUNDARIES: a paragraph break, a line break, a sentence end, a space; a
text with none of them is cut at the limit. Records keep offsets into the whole text (`shift`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any, TypeVar

# Long enough that no ordinary article is cut (each is then parsed exactly as before), short enough
# that the rules which look at the whole document per mention stay cheap.
CHUNK_CHARS = 20_000
BOUNDARIES = (
    re.compile(r"\n[^\S\n]*\n\s*"),  # a paragraph break
    re.compile(r"\n\s*"),  # a line break
    re.compile(r"[.!?][\"'”’)\]]*\s+"),  # a sentence end
    re.compile(r"\s+"),  # a space
)
# Every field of a record that holds a character offset (a test checks the records against it).
OFFSET_FIELDS = frozenset({
    "start", "end", "sentence_start", "sentence_end", "attribution_start", "attribution_end",
    "speaker_start", "speaker_end",
})

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Chunk:
    """The characters [start, end) of a text, parsed as one document."""

    start: int
    end: int


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[Chunk]:
    """The chunks of `text`, in order, each at most `limit` characters (one chunk when it fits)."""
    chunks: list[Chunk] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        chunks.append(Chunk(start, end))
        start = end
    chunks.append(Chunk(start, len(text)))
    return chunks


def _cut(text: str, start: int, limit: int) -> int:
    """Where the chunk opening at `start` ends: the last boundary between its middle and `limit`."""
    middle = start + (limit - start) // 2
    for boundary in BOUNDARIES:
        last = None
        for match in boundary.finditer(text, middle, limit):
            last = match
        if last is not None:
            return last.end()
    return limit


def shift(record: T, delta: int) -> T:
    """`record` with every character offset (`OFFSET_FIELDS`, nested records too) moved by `delta`."""
    if not delta:
        return record
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(record):  # type: ignore[arg-type]
        value = getattr(record, field.name)
        if field.name in OFFSET_FIELDS and isinstance(value, int):
            changes[field.name] = value + delta
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            moved = shift(value, delta)
            if moved is not value:
                changes[field.name] = moved
    return dataclasses.replace(record, **changes) if changes else record  # type: ignore[type-var]
