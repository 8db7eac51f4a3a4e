"""The watch loop in process against the local feed server: new entries, ETags, backoff, replay."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.config import IngestOptions
from sitrep.store import Store, open_store
from sitrep.watch import (
    Archive,
    HttpPoller,
    PollPolicy,
    Source,
    Watcher,
    backoff_delay,
    load_state,
    replay,
    state_path,
)
from sitrep.watch.status import feed_status


def valley(base: str) -> Source:
    """The test feed at `base`, polled every minute."""
    return Source(f"{base}/rss", "Valley Post", 60.0)


POLICY = PollPolicy(timeout=5.0, host_interval=0.0, backoff_cap=40.0)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """A fresh SQLite store."""
    store = open_store(f"sqlite:///{tmp_path}/watch.db")
    yield store
    store.close()


def _watcher(sources: list[Source], archive: Path, store: Store, clock: Clock) -> Watcher:
    return Watcher(sources, Archive(archive), store, IngestOptions(), poller=HttpPoller(POLICY), clock=clock)


def test_new_entries_are_stored_and_unchanged_feeds_answer_304(feed_site: Any, tmp_path: Path,
                                                                 sqlite_store: Store) -> None:
    site, base = feed_site
    site.entries["/rss"] = ["taloqan"]
    clock = Clock()
    watcher = _watcher([valley(base)], tmp_path / "archive", sqlite_store, clock)
    (first,) = watcher.poll_due(threading.Event())
    assert (first.status, first.stored) == (200, 1)
    clock.now += 60
    (second,) = watcher.poll_due(threading.Event())
    assert (second.status, second.stored) == (304, 0)
    assert site.count("/rss", 304) == 1
    site.entries["/rss"] = ["farah", "taloqan"]
    clock.now += 60
    (third,) = watcher.poll_due(threading.Event())
    assert (third.status, third.stored, third.duplicates) == (200, 1, 1)
    assert sqlite_store.count_articles() == 2


def test_a_feed_not_due_is_not_polled(feed_site: Any, tmp_path: Path, sqlite_store: Store) -> None:
    site, base = feed_site
    site.entries["/rss"] = ["taloqan"]
    clock = Clock()
    watcher = _watcher([valley(base)], tmp_path / "archive", sqlite_store, clock)
    watcher.poll_due(threading.Event())
    clock.now += 59
    assert watcher.poll_due(threading.Event()) == []
    assert site.count("/rss", 200) == 1


def test_errors_back_off_exponentially_up_to_the_cap(feed_site: Any, tmp_path: Path,
                                                     sqlite_store: Store) -> None:
    site, base = feed_site
    site.failing.add("/rss")
    clock = Clock()
    watcher = _watcher([Source(f"{base}/rss", "Valley Post", 5.0)], tmp_path / "archive", sqlite_store, clock)
    waits = []
    for _ in range(5):
        (outcome,) = watcher.poll_due(threading.Event())
        assert outcome.status == 500 and "HTTP 500" in (outcome.error or "")
        waits.append(watcher.next_due() - clock.now)
        clock.now = watcher.next_due()
    assert waits == [10.0, 20.0, 40.0, 40.0, 40.0]
    assert site.count("/rss", 500) == 5
    site.failing.clear()
    site.entries["/rss"] = ["taloqan"]
    (recovered,) = watcher.poll_due(threading.Event())
    assert recovered.stored == 1
    assert watcher.state.feeds[f"{base}/rss"].errors == 0


def test_backoff_delay_doubles_and_caps() -> None:
    assert [backoff_delay(60, errors, 3600) for errors in range(8)] == [
        60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_state_is_resumed_by_the_next_watcher(feed_site: Any, tmp_path: Path, sqlite_store: Store) -> None:
    site, base = feed_site
    site.entries["/rss"] = ["taloqan"]
    clock = Clock()
    sources = [Source(f"{base}/rss", "Valley Post", 60.0)]
    _watcher(sources, tmp_path / "archive", sqlite_store, clock).poll_due(threading.Event())
    saved = load_state(state_path(tmp_path / "archive")).feeds[f"{base}/rss"]
    assert saved.etag and saved.next_due == clock.now + 60
    restarted = _watcher(sources, tmp_path / "archive", sqlite_store, clock)
    assert restarted.poll_due(threading.Event()) == []
    clock.now += 60
    (outcome,) = restarted.poll_due(threading.Event())
    assert outcome.status == 304
    (row,) = feed_status(state_path(tmp_path / "archive"))
    assert (row["name"], row["status"], row["errors"], row["articles"]) == (
        "Valley Post", "not modified", 0, 1)


def test_the_archive_replays_offline_to_the_same_articles(feed_site: Any, tmp_path: Path,
                                                          sqlite_store: Store) -> None:
    site, base = feed_site
    clock = Clock()
    watcher = _watcher([valley(base)], tmp_path / "archive", sqlite_store, clock)
    for entries in (["taloqan"], ["farah", "taloqan"], ["fayzabad", "farah"]):
        site.entries["/rss"] = entries
        watcher.poll_due(threading.Event())
        clock.now += 60
    assert len(list(Archive(tmp_path / "archive").entries())) == 3
    replayed = open_store(f"sqlite:///{tmp_path}/replayed.db")
    try:
        summary = replay(tmp_path / "archive", replayed, IngestOptions(), extractor=None)
        assert summary.stored == sqlite_store.count_articles() == 3
        assert len(summary.duplicates) == 2
    finally:
        replayed.close()


def test_stop_ends_the_loop(feed_site: Any, tmp_path: Path, sqlite_store: Store) -> None:
    site, base = feed_site
    site.entries["/rss"] = ["taloqan"]
    watcher = Watcher([Source(f"{base}/rss", "Valley Post", 60.0)], Archive(tmp_path / "archive"),
                      sqlite_store, IngestOptions(), poller=HttpPoller(POLICY))
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,))
    thread.start()
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()
