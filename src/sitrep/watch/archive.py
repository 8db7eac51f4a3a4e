"""The archive folder: every fetched body, content-addressed, and an index to replay runs offline.

Layout: `bodies/ab/abcdef....xml` (the SHA-256 of the bytes; same bytes, one file) and
`.index.jsonl`, one line per poll (url, time, status, etag, last-modified, content type, file).
Dot files are skipped by `sitrep ingest DIR`, which therefore reads just the bodies.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from sitrep.errors import ConfigError
from sitrep.ingest.sniff import Format, format_from_content_type
from sitrep.watch.state import write_atomically

INDEX_FILE = ".index.jsonl"
BODIES = "bodies"
_SUFFIXES = {Format.FEED: ".xml", Format.HTML: ".html", Format.JSON: ".json", Format.JSONL: ".jsonl",
             Format.TEXT: ".txt"}


@dataclass(frozen=True, slots=True)
class ArchiveEntry:
    """One poll as the index records it; `file` is relative to the archive, None without a body."""

    url: str
    time: str
    status: int | None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    file: str | None = None
    error: str | None = None


class Archive:
    """An archive folder: keeps bodies and index lines, and gives them back for replay."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        if folder.exists() and not folder.is_dir():
            raise ConfigError(f"the archive {folder} is a file", fix="give a folder for --archive")
        folder.mkdir(parents=True, exist_ok=True)

    def keep_body(self, data: bytes, content_type: str | None) -> str:
        """Store `data` (once per content) and return its path relative to the archive."""
        digest = hashlib.sha256(data).hexdigest()
        fmt = format_from_content_type(content_type)
        relative = f"{BODIES}/{digest[:2]}/{digest}{_SUFFIXES.get(fmt, '') if fmt else ''}"
        target = self.folder / relative
        if not target.exists():
            write_atomically(target, data)
        return relative

    def record(self, entry: ArchiveEntry) -> None:
        """Append `entry` to the index (one line, flushed to disk before returning)."""
        line = json.dumps(asdict(entry), ensure_ascii=False) + "\n"
        with (self.folder / INDEX_FILE).open("a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())

    def entries(self) -> Iterator[ArchiveEntry]:
        """Every complete index line, oldest first (a line cut by a crash is ignored)."""
        try:
            handle = (self.folder / INDEX_FILE).open(encoding="utf-8")
        except FileNotFoundError:
            return
        with handle:
            for line in handle:
                if line.endswith("\n"):
                    yield ArchiveEntry(**json.loads(line))

    def read_body(self, entry: ArchiveEntry) -> bytes:
        """The bytes `entry` kept; raises `ConfigError` when the file is gone."""
        if entry.file is None:
            raise ConfigError(f"the archive has no body for {entry.url} at {entry.time}",
                              fix="replay only entries with a file")
        try:
            return (self.folder / entry.file).read_bytes()
        except OSError as error:
            raise ConfigError(f"cannot read {self.folder / entry.file}: {error.strerror or error}",
                              fix="restore the archive folder from a backup") from None
