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

from sitrep.ingest.clean import display_path
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
    except Exception as error:  # noqa: BLE001 - a URL the client cannot even try (http://[::1)
        return Skipped(url, SkipReason.UNREACHABLE, f"cannot fetch {url}: {type(error).__name__}: {error}")
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
        yield from _walk(path, set())
    elif path.is_file():
        yield _file_input(path)
    elif path.exists():
        name = display_path(path)
        yield Skipped(name, SkipReason.UNREADABLE, f"{name} is neither a file nor a folder")
    else:
        name = display_path(path)
        yield Skipped(name, SkipReason.NOT_FOUND, f"{name} does not exist")


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Input | Skipped]:
    """The files of `folder`, then its subfolders, sorted; linked folders are followed once each."""
    name = display_path(folder)
    try:
        status = folder.stat()
        entries = sorted(os.scandir(folder), key=lambda entry: os.fsencode(entry.name))
    except OSError as error:
        yield Skipped(name, SkipReason.UNREADABLE, f"{name}: {error.strerror or error}")
        return
    identity = (status.st_dev, status.st_ino)
    if identity in seen:
        yield Skipped(name, SkipReason.UNREADABLE,
                      f"{name} links to a folder already read ({folder.resolve()}): not read twice")
        return
    seen.add(identity)
    visible = [entry for entry in entries if not entry.name.startswith(".")]
    folders = [Path(entry.path) for entry in visible if _is_folder(entry)]
    for entry in visible:
        if Path(entry.path) not in folders:
            # through _local, so a FIFO or socket in the folder is skipped, not opened
            yield from _local(Path(entry.path))
    for subfolder in folders:
        yield from _walk(subfolder, seen)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows symbolic links
    except OSError:
        return False


def _file_input(path: Path) -> Input:
    return Input(name=display_path(path), open=lambda: path.open("rb"))
