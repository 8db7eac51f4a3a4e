"""A watcher's state as people read it: per feed last poll, status, errors, next poll."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep.config import default_value
from sitrep.errors import ConfigError
from sitrep.watch.state import FeedState, load_state


def feed_status(path: Path, urls: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """One row per feed of the state file at `path` (those of `urls`, in that order, when given)."""
    state = load_state(path)
    chosen = list(urls) if urls is not None else sorted(state.feeds)
    return [status_row(state.feeds.get(url) or FeedState(url=url)) for url in chosen]


def status_row(feed: FeedState) -> dict[str, Any]:
    """One feed's state as printed by `sitrep watch --status` and shown by `/api/health`."""
    return {"url": feed.url, "name": feed.name or feed.url, "last_poll": iso_time(feed.last_poll),
            "status": feed.last_status, "errors": feed.errors, "last_error": feed.last_error,
            "next_poll": iso_time(feed.next_due), "articles": feed.articles}


def iso_time(seconds: float | None) -> str | None:
    """Seconds since the epoch as an ISO 8601 UTC time; None for none."""
    if not seconds:
        return None
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def watched_feeds() -> list[dict[str, Any]] | None:
    """The feeds of the state file the `watch-state` setting names; None when it names none."""
    setting = default_value("watch-state").strip()
    if not setting:
        return None
    try:
        return feed_status(Path(setting).expanduser())
    except ConfigError as error:
        return [{"url": None, "name": setting, "status": "unreadable", "errors": 1,
                 "last_error": error.message, "last_poll": None, "next_poll": None, "articles": 0}]
