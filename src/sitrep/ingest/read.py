"""One document to drafts: decompress, check, pick the reader, and turn every failure into a skip."""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from typing import IO, Protocol

from sitrep.config import IngestOptions
from sitrep.ingest.bounds import BoundedStream, CountingReader
from sitrep.ingest.decode import SNIFF_BYTES, decode_text, looks_binary
from sitrep.ingest.draft import Draft, SkipInput, reader_error
from sitrep.ingest.feed import read_feed
from sitrep.ingest.html import read_html
from sitrep.ingest.inputs import Input
from sitrep.ingest.jsonl import read_json_document, read_json_lines
from sitrep.ingest.sniff import Format, format_from_content_type, format_from_name, sniff_format
from sitrep.ingest.text import read_text
from sitrep.records import Skipped, SkipReason

GZIP_MAGIC = b"\x1f\x8b"
_BUFFER = 64 * 1024


def read_input(item: Input, options: IngestOptions) -> Iterator[Draft | Skipped]:
    """Drafts and skips from one document; never raises for bad input.

    A gzip file cut short yields the complete records before the cut, then one skip.
    """
    try:
        with item.open() as raw:
            stream, inner_name = _decompressed(raw, item.name, options.max_raw_bytes)
            yield from _read_stream(stream, inner_name, item, options)
    except SkipInput as skip:
        yield Skipped(item.name, skip.reason, skip.detail)
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        yield Skipped(item.name, SkipReason.TRUNCATED_GZIP, f"{item.name}: gzip data ends early ({error})")
    except OSError as error:
        yield Skipped(item.name, SkipReason.UNREADABLE, f"{item.name}: {error.strerror or error}")
    except RecursionError:
        yield Skipped(item.name, SkipReason.INVALID_JSON, f"{item.name}: nested too deeply to be an article")
    except Exception as error:  # noqa: BLE001 - one bad document must never end the run
        yield reader_error(item.name, error)


class Stream(Protocol):
    """What the readers need of a byte stream: peek at the start, then read or read lines."""

    def peek(self, size: int, /) -> bytes: ...
    def read(self, size: int = ..., /) -> bytes: ...
    def read1(self, size: int = ..., /) -> bytes: ...


def _decompressed(raw: IO[bytes], name: str, max_bytes: int) -> tuple[Stream, str]:
    """A peekable stream of the document's bytes, gunzipped (and bounded) when they are gzip data."""
    counted = CountingReader(raw)
    stream = io.BufferedReader(counted, buffer_size=_BUFFER)
    if stream.peek(2)[:2] != GZIP_MAGIC:
        return stream, name
    inner = name[:-3] if name.lower().endswith(".gz") else name
    # GzipFile itself, not a BufferedReader around it: its read() gathers a whole buffer and loses
    # it when the data ends early, while its read1() keeps every complete record.
    unzipped = gzip.GzipFile(fileobj=stream, mode="rb")
    return BoundedStream(unzipped, counted, name=name, max_bytes=max_bytes), inner


def _read_stream(
    stream: Stream, name: str, item: Input, options: IngestOptions
) -> Iterator[Draft | Skipped]:
    head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    if not head:
        raise SkipInput(SkipReason.EMPTY, f"{item.name} is empty")
    if looks_binary(head):
        raise SkipInput(SkipReason.BINARY, f"{item.name} is a binary file, not text")
    fmt = format_from_name(name) or format_from_content_type(item.content_type) or sniff_format(head)
    if fmt is Format.JSONL:
        yield from read_json_lines(stream, input_name=item.name, max_line_bytes=options.max_raw_bytes)
        return
    data = stream.read(options.max_raw_bytes + 1)
    if len(data) > options.max_raw_bytes:
        raise SkipInput(SkipReason.TOO_LARGE, f"{item.name} is over {options.max_raw_bytes:,} bytes")
    yield from _read_whole(data, fmt, item)


def _read_whole(data: bytes, fmt: Format, item: Input) -> Iterator[Draft | Skipped]:
    if fmt is Format.HTML:
        yield read_html(data, input_name=item.name, url=item.url, fetched_at=item.fetched_at)
    elif fmt is Format.FEED:
        yield from read_feed(data, input_name=item.name, url=item.url, fetched_at=item.fetched_at)
    else:
        text = decode_text(data, item.name)
        if not text.strip():
            raise SkipInput(SkipReason.EMPTY, f"{item.name} holds only white space")
        if fmt is Format.JSON:
            yield from read_json_document(text, input_name=item.name)
        else:
            yield read_text(text, input_name=item.name)
