"""Bounds on the work one input can cause: compression bombs and floods of identical skips."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import IO, Protocol, TypeVar

from sitrep.ingest.draft import SkipInput
from sitrep.records import Skipped, SkipReason

# Text gzips 3-10 times; past the raw size limit (10 x --max-bytes), a gzip input that has grown
# over this many times its compressed size is a compression bomb and is cut off.
GZIP_MAX_RATIO = 100
# Skips of one reason kept per input; the rest are counted in one summarising skip.
MAX_SKIPS_PER_REASON = 50

T = TypeVar("T")


class CountingReader(io.RawIOBase):
    """A raw stream that counts the bytes read through it (the compressed size so far)."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        """Always: it is a reader."""
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        """Fill `buffer` from the wrapped stream and count what came."""
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)


class Unzipped(Protocol):
    """What `BoundedStream` needs of a decompressing stream."""

    def peek(self, size: int, /) -> bytes: ...
    def read(self, size: int = ..., /) -> bytes: ...
    def read1(self, size: int = ..., /) -> bytes: ...


class BoundedStream:
    """A decompressed stream that stops with `too-large` once it inflates like a compression bomb."""

    def __init__(self, inner: Unzipped, compressed: CountingReader, *, name: str, max_bytes: int) -> None:
        self.inner = inner
        self.compressed = compressed
        self.name = name
        self.max_bytes = max_bytes
        self.produced = 0

    def peek(self, size: int, /) -> bytes:
        """Bytes ahead, without consuming them."""
        return self.inner.peek(size)

    def read(self, size: int = -1, /) -> bytes:
        """Up to `size` bytes (all when negative), counted against the bound."""
        return self._counted(self.inner.read(size))

    def read1(self, size: int = -1, /) -> bytes:
        """Up to `size` bytes from one decompression step, counted against the bound."""
        return self._counted(self.inner.read1(size))

    def _counted(self, data: bytes) -> bytes:
        self.produced += len(data)
        ratio_limit = GZIP_MAX_RATIO * max(self.compressed.count, 1)
        if self.produced > self.max_bytes and self.produced > ratio_limit:
            raise SkipInput(SkipReason.TOO_LARGE, (
                f"{self.name}: decompresses to over {self.produced:,} bytes, more than "
                f"{GZIP_MAX_RATIO} times its compressed size (a compression bomb?); the records "
                "before the cut were kept"))
        return data


def cap_skips(items: Iterable[T], name: str) -> Iterator[T | Skipped]:
    """`items` with at most `MAX_SKIPS_PER_REASON` skips per reason; the rest become one skip each.

    The summarising skip is named `NAME (N more)` and says how many records it stands for.
    """
    seen: Counter[SkipReason] = Counter()
    first_extra: dict[SkipReason, Skipped] = {}
    for item in items:
        if isinstance(item, Skipped):
            seen[item.reason] += 1
            if seen[item.reason] > MAX_SKIPS_PER_REASON:
                first_extra.setdefault(item.reason, item)
                continue
        yield item
    for reason, example in first_extra.items():
        more = seen[reason] - MAX_SKIPS_PER_REASON
        yield Skipped(f"{name} ({more:,} more)", reason,
                      f"{more:,} more records of {name} skipped as {reason.value}, "
                      f"the first of them: {example.detail}")
