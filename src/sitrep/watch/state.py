"""What the watcher remembers between runs: per feed validators, last poll, errors, next due time.

Saved as one JSON file, written to a temporary file then renamed over the old one, so a watcher
killed at any moment leaves either the old state or the new one, never half of either.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError

STATE_FILE = ".watch-state.json"
STATE_VERSION = 1


@dataclass(slots=True)
class FeedState:
    """One feed's polling state; times are seconds since the epoch (UTC)."""

    url: str
    name: str = ""
    etag: str | None = None
    last_modified: str | None = None
    last_poll: float | None = None
    last_status: str = "never polled"
    errors: int = 0
    last_error: str | None = None
    next_due: float = 0.0
    polls: int = 0
    not_modified: int = 0
    articles: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The state as JSON-ready values."""
        return asdict(self)


@dataclass(slots=True)
class WatchState:
    """The state of every feed a watcher follows, keyed by URL."""

    feeds: dict[str, FeedState] = field(default_factory=dict)

    def feed(self, url: str, name: str = "") -> FeedState:
        """The state of `url`, created (due now) on first use."""
        if url not in self.feeds:
            self.feeds[url] = FeedState(url=url, name=name)
        state = self.feeds[url]
        state.name = name or state.name
        return state


def state_path(archive: Path) -> Path:
    """Where the watcher of `archive` keeps its state (a dot file: `sitrep ingest DIR` skips it)."""
    return archive / STATE_FILE


def load_state(path: Path) -> WatchState:
    """The state saved at `path`, or an empty one when there is none yet."""
    try:
        document = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return WatchState()
    except (OSError, ValueError) as error:
        raise ConfigError(f"cannot read the watch state {path}: {error}",
                          fix=f"remove {path} to start afresh (every feed is then polled again)") from None
    known = {item.name for item in fields(FeedState)}
    feeds = {url: FeedState(**{key: value for key, value in entry.items() if key in known})
             for url, entry in document.get("feeds", {}).items()}
    return WatchState(feeds=feeds)


def save_state(state: WatchState, path: Path) -> None:
    """Write `state` to `path` atomically (temporary file, fsync, rename)."""
    document = {"version": STATE_VERSION,
                "feeds": {url: feed.as_dict() for url, feed in sorted(state.feeds.items())}}
    write_atomically(path, json.dumps(document, indent=1).encode("utf-8"))


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old bytes or the new, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
