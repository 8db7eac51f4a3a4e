"""`sitrep watch`: follow feeds and pages, archive what they serve, ingest what is new."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

import click

from sitrep.cli.extraction import make_extractor
from sitrep.cli.options import db_option, json_option, setting_option
from sitrep.cli.render import print_json
from sitrep.config import IngestOptions, default_value, parse_languages, parse_size
from sitrep.errors import ConfigError
from sitrep.store import Store, open_store
from sitrep.watch import Archive, HttpPoller, PollOutcome, PollPolicy, Watcher, load_sources
from sitrep.watch import replay as replay_archive
from sitrep.watch.state import STATE_FILE
from sitrep.watch.status import feed_status
from sitrep.watch.webhooks import Notifier, configured_urls


@click.command("watch")
@click.argument("sources_file", required=False, metavar="SOURCES.yaml|SOURCES.opml",
                type=click.Path(path_type=Path, dir_okay=False))
@click.option("--archive", "archive_dir", required=True, metavar="DIR",
              type=click.Path(path_type=Path, file_okay=False),
              help="Folder keeping every fetched body, its index and the watch state.")
@db_option
@setting_option("fetch-timeout", "--timeout", "timeout", metavar="SECONDS", type=float)
@setting_option("max-bytes", "--max-bytes", "max_bytes", metavar="SIZE")
@setting_option("languages", "--languages", "languages", metavar="CODES")
@click.option("--host-interval", default=1.0, show_default=True, metavar="SECONDS",
              help="Fewest seconds between two requests to one host.")
@click.option("--backoff-cap", default=3600.0, show_default=True, metavar="SECONDS",
              help="Longest wait after errors (the interval doubles per failure up to this).")
@click.option("--extract/--no-extract", default=True, show_default=True,
              help="Extract and fuse what is new.")
@click.option("--once", is_flag=True, help="Poll every due feed once, then exit.")
@click.option("--status", is_flag=True, help="Print each feed's last poll, status, errors and next poll.")
@click.option("--replay", is_flag=True, help="Ingest every body the archive kept (offline), then exit.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@json_option
def watch_command(
    sources_file: Path | None, archive_dir: Path, db: str, timeout: float, max_bytes: str, languages: str,
    host_interval: float, backoff_cap: float, extract: bool, once: bool, status: bool, replay: bool,
    quiet: bool, as_json: bool,
) -> None:
    """Follow the feeds and pages listed in a YAML or OPML file until SIGTERM or Ctrl-C.

    Polls each when due with conditional GETs, keeps every body in the archive folder (replay it
    with `--replay` or `sitrep ingest DIR`), and ingests, extracts and fuses what is new. Stops
    after the poll in progress; the next run resumes where it stopped.
    """
    if status:
        _print_status(sources_file, archive_dir, as_json=as_json)
        return
    options = IngestOptions(max_text_bytes=parse_size(max_bytes), fetch_timeout=timeout,
                            languages=parse_languages(languages))
    if replay:
        _replay(archive_dir, db, options, extract=extract, as_json=as_json)
        return
    if sources_file is None:
        raise ConfigError("no source list given", fix="run `sitrep watch SOURCES.yaml --archive DIR`")
    policy = PollPolicy(timeout=timeout, host_interval=host_interval, backoff_cap=backoff_cap,
                        max_bytes=options.max_raw_bytes)
    _watch(sources_file, archive_dir, db, options, policy, extract=extract, once=once, quiet=quiet)


def _watch(sources_file: Path, archive_dir: Path, db: str, options: IngestOptions, policy: PollPolicy, *,
           extract: bool, once: bool, quiet: bool) -> None:
    sources = load_sources(sources_file)
    stop = threading.Event()
    with stop_on_signals(stop):
        store = open_store(db)
        poller = HttpPoller(policy)
        try:
            extractor = make_extractor() if extract else None
            notifier = _notifier(archive_dir, store)
            watcher = Watcher(sources, Archive(archive_dir), store, options, poller=poller,
                              extractor=extractor, notifier=notifier)
            watcher.run(stop, once=once, on_poll=None if quiet else _echo_poll)
        finally:
            poller.close()
            store.close()


def _notifier(archive_dir: Path, store: Store) -> Notifier | None:
    """The webhook sender when the `webhooks` setting names URLs."""
    urls = configured_urls()
    if not urls:
        return None
    archive_dir.mkdir(parents=True, exist_ok=True)
    notifier = Notifier(urls, default_value("webhook-secret"), archive_dir)
    notifier.prime(store)
    return notifier


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """Set `stop` on SIGTERM or SIGINT (a second one ends the process at once)."""
    previous = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGINT)}

    def handle(number: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    for number in previous:
        signal.signal(number, handle)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _echo_poll(outcome: PollOutcome) -> None:
    when = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    detail = outcome.error or f"{outcome.stored} new, {outcome.duplicates} already stored"
    click.echo(f"{when} {outcome.url} {outcome.status or '-'}: {detail}", err=True)


def _replay(archive_dir: Path, db: str, options: IngestOptions, *, extract: bool, as_json: bool) -> None:
    if not archive_dir.is_dir():
        raise ConfigError(f"the archive {archive_dir} does not exist", fix="give the folder of --archive")
    store = open_store(db)
    try:
        summary = replay_archive(archive_dir, store, options, extractor=make_extractor() if extract else None)
    finally:
        store.close()
    counts = {"stored": summary.stored, "duplicates": len(summary.duplicates),
              "skipped": len(summary.skipped), "extracted": summary.extracted, "fused": summary.fused}
    if as_json:
        print_json(counts)
    else:
        click.echo(", ".join(f"{name} {count:,}" for name, count in counts.items()))


def _print_status(sources_file: Path | None, archive_dir: Path, *, as_json: bool) -> None:
    urls = [source.url for source in load_sources(sources_file)] if sources_file else None
    rows = feed_status(archive_dir / STATE_FILE, urls)
    if as_json:
        print_json(rows)
        return
    for row in rows:
        click.echo(f"{row['name']}  {row['url']}\n  last poll {row['last_poll'] or 'never'} · "
                   f"{row['status']} · errors {row['errors']} · next poll {row['next_poll'] or 'now'}")
        if row["last_error"]:
            click.echo(f"  last error: {row['last_error']}")
