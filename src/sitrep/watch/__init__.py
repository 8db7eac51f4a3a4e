"""Follow feeds and pages: poll politely, archive every body, ingest what is new, remember the state."""

from __future__ import annotations

from sitrep.watch.archive import Archive, ArchiveEntry
from sitrep.watch.poller import HttpPoller, PollPolicy, PollResponse, backoff_delay
from sitrep.watch.sources import Source, load_sources
from sitrep.watch.state import FeedState, WatchState, load_state, save_state, state_path
from sitrep.watch.watcher import PollOutcome, Watcher, ingest_fetched, replay

__all__ = [
    "Archive", "ArchiveEntry", "FeedState", "HttpPoller", "PollOutcome", "PollPolicy", "PollResponse",
    "Source", "WatchState", "Watcher", "backoff_delay", "ingest_fetched", "load_sources", "load_state",
    "replay", "save_state", "state_path",
]
