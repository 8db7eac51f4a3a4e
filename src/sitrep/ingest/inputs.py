"""What the user pointed at, expanded into documents to read: files, folders, stdin and URLs."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from sitrep.ingest.fetch import Fetcher, FetchFailed
from sitrep.records import Skipped, SkipReason

STDIN_NAME = "-"


@dataclass(frozen=True, slots=True)
class Input:
    """One document to read, with a way to open its bytes and where they came from."""

    name: str
    open: Callable[[], IO[bytes]]
    url: str | None = None
    fetched_at: datetime | None = None
    content_type: str | None = None


def is_url(target: str) -> bool:
    """True for an http(s) address."""
    return target.lower().startswith(("http://", "https://"))


def iter_inputs(
    targets: Iterable[str], *, fetcher: Fetcher, stdin: IO[bytes] | None = None
) -> Iterator[Input | Skipped]:
    """Documents named by `targets`, in order; folders are walked recursively and sorted."""
    for target in targets:
        if target == STDIN_NAME:
            yield Input("<stdin>", _opener(stdin if stdin is not None else sys.stdin.buffer))
        elif is_url(target):
            yield _fetched(target, fetcher)
        else:
            yield from _local(Path(target))


def _opener(stream: IO[bytes]) -> Callable[[], IO[bytes]]:
    return lambda: stream


def _fetched(url: str, fetcher: Fetcher) -> Input | Skipped:
    try:
        fetched = fetcher.fetch(url)
    except FetchFailed as error:
        return Skipped(url, SkipReason.UNREACHABLE, str(error))
    data = fetched.data
    return Input(
        name=url,
        open=lambda: io.BytesIO(data),
        url=fetched.url,
        fetched_at=fetched.fetched_at,
        content_type=fetched.content_type,
    )


def _local(path: Path) -> Iterator[Input | Skipped]:
    if path.is_dir():
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    # through _local, so a FIFO or socket in the folder is skipped, not opened
                    yield from _local(Path(folder) / name)
    elif path.is_file():
        yield _file_input(path)
    elif path.exists():
        yield Skipped(str(path), SkipReason.UNREADABLE, f"{path} is neither a file nor a folder")
    else:
        yield Skipped(str(path), SkipReason.NOT_FOUND, f"{path} does not exist")


def _file_input(path: Path) -> Input:
    return Input(name=str(path), open=lambda: path.open("rb"))
