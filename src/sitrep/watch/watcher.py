"""The watch loop: poll each source when due, archive what came, ingest what is new, save the state.

Order of a poll, chosen so a kill at any point loses and duplicates nothing: fetch; keep the
body in the archive; ingest it (the store's own transactions; articles already stored are
recognised by their content hash); then save the feed's new validators and due time. A watcher
killed before the last step polls the feed again without validators and re-reads the same
entries, which the store reports as duplicates.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.config import IngestOptions
from sitrep.ingest import read_articles
from sitrep.ingest.fetch import Fetched
from sitrep.pipeline import ingest_items
from sitrep.records import IngestSummary
from sitrep.store import Store
from sitrep.watch.archive import Archive, ArchiveEntry
from sitrep.watch.poller import NOT_MODIFIED, HostPace, HttpPoller, PollResponse, backoff_delay
from sitrep.watch.sources import Source
from sitrep.watch.state import FeedState, WatchState, load_state, save_state, state_path
from sitrep.watch.webhooks import Notifier

if TYPE_CHECKING:
    from sitrep.extract.pipeline import Extractor

# The loop wakes at least this often to notice a stop request, and naps at least this long so a
# feed that is due but waiting for its host's pace does not make it spin.
MAX_NAP = 0.5
MIN_NAP = 0.05


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What one poll did: the feed, its HTTP status, how many articles it stored, any error."""

    url: str
    status: int | None
    stored: int = 0
    duplicates: int = 0
    error: str | None = None


class Watcher:
    """Follows `sources`: polls those due, archives, ingests (extract and fuse with an extractor)."""

    def __init__(self, sources: Sequence[Source], archive: Archive, store: Store, options: IngestOptions, *,
                 poller: HttpPoller, extractor: Extractor | None = None, notifier: Notifier | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.sources = list(sources)
        self.archive = archive
        self.store = store
        self.options = options
        self.poller = poller
        self.extractor = extractor
        self.notifier = notifier
        self.clock = clock
        self.state_file = state_path(archive.folder)
        self.state: WatchState = load_state(self.state_file)
        self.pace = HostPace(poller.policy.host_interval)
        for source in self.sources:
            self.state.feed(source.url, source.name)

    def run(self, stop: threading.Event, *, once: bool = False,
            on_poll: Callable[[PollOutcome], None] | None = None) -> None:
        """Poll until `stop` is set (after the poll in progress), or one round when `once`."""
        while not stop.is_set():
            for outcome in self.poll_due(stop):
                if on_poll is not None:
                    on_poll(outcome)
            if once:
                return
            stop.wait(min(MAX_NAP, max(MIN_NAP, self.next_due() - self.clock())))

    def poll_due(self, stop: threading.Event) -> list[PollOutcome]:
        """Poll every source due now, host pace permitting; stops early when `stop` is set."""
        outcomes = []
        for source in self.sources:
            if stop.is_set():
                break
            feed = self.state.feeds[source.url]
            if feed.next_due <= self.clock() and self.pace.wait_for(source.url) == 0.0:
                outcomes.append(self.poll(source))
        return outcomes

    def next_due(self) -> float:
        """When the next source is due (seconds since the epoch)."""
        return min((self.state.feeds[source.url].next_due for source in self.sources), default=self.clock())

    def poll(self, source: Source) -> PollOutcome:
        """Poll `source` once: fetch, archive, ingest, save its state."""
        feed = self.state.feeds[source.url]
        self.pace.mark(source.url)
        response = self.poller.get(source.url, etag=feed.etag, last_modified=feed.last_modified)
        entry = self._archive(response)
        summary = self._ingest(source, response) if response.data is not None else IngestSummary()
        self._update(feed, source, response, summary)
        save_state(self.state, self.state_file)
        if self.notifier is not None and summary.stored:
            self.notifier.notify(self.store)
        return PollOutcome(source.url, response.status, summary.stored, len(summary.duplicates),
                           entry.error)

    def _archive(self, response: PollResponse) -> ArchiveEntry:
        file = (self.archive.keep_body(response.data, response.content_type)
                if response.data is not None else None)
        entry = ArchiveEntry(url=response.url, time=response.fetched_at.isoformat(), status=response.status,
                             etag=response.etag, last_modified=response.last_modified,
                             content_type=response.content_type, file=file, error=response.error)
        self.archive.record(entry)
        return entry

    def _ingest(self, source: Source, response: PollResponse) -> IngestSummary:
        assert response.data is not None
        fetched = Fetched(response.url, response.data, response.content_type, response.fetched_at)
        return ingest_fetched(fetched, source, self.store, self.options, extractor=self.extractor)

    def _update(self, feed: FeedState, source: Source, response: PollResponse,
                summary: IngestSummary) -> None:
        now = self.clock()
        feed.last_poll = now
        feed.polls += 1
        if not response.ok:
            feed.errors += 1
            feed.last_error = response.error
            feed.last_status = f"error ({response.status or 'no answer'})"
            feed.next_due = now + backoff_delay(source.interval, feed.errors, self.poller.policy.backoff_cap)
            return
        feed.errors = 0
        feed.next_due = now + source.interval
        if response.status == NOT_MODIFIED:
            feed.not_modified += 1
            feed.last_status = "not modified"
            return
        feed.etag, feed.last_modified = response.etag, response.last_modified
        feed.articles += summary.stored
        feed.last_status = f"ok ({summary.stored} new)"


class _OneDocument:
    """A fetcher that hands back bytes already fetched (parsing never touches the network)."""

    def __init__(self, fetched: Fetched) -> None:
        self.fetched = fetched

    def fetch(self, url: str) -> Fetched:
        """The document fetched before, whatever `url` is asked."""
        return self.fetched


def ingest_fetched(fetched: Fetched, source: Source | None, store: Store, options: IngestOptions, *,
                   extractor: Extractor | None) -> IngestSummary:
    """Read, store, extract and fuse (with an extractor) the articles in bytes already fetched."""
    if source is not None:
        languages = (source.language,) if source.language else options.languages
        options = replace(options, default_source=options.default_source or source.name, languages=languages)
    items = read_articles([fetched.url], options, fetcher=_OneDocument(fetched))
    return ingest_items(items, store, options, extractor=extractor, fuse=extractor is not None)


def replay(folder: Path, store: Store, options: IngestOptions, *,
           extractor: Extractor | None) -> IngestSummary:
    """Ingest every body the archive at `folder` kept, in the order it was fetched (offline)."""
    archive = Archive(folder)
    total = IngestSummary()
    for entry in archive.entries():
        if entry.file is None:
            continue
        fetched = Fetched(entry.url, archive.read_body(entry), entry.content_type,
                          datetime.fromisoformat(entry.time))
        _add(total, ingest_fetched(fetched, None, store, options, extractor=extractor))
    return total


def _add(total: IngestSummary, part: IngestSummary) -> None:
    total.stored += part.stored
    total.extracted += part.extracted
    total.fused += part.fused
    total.duplicates.extend(part.duplicates)
    total.skipped.extend(part.skipped)
