"""The ingest job: read inputs, write them to the store batch by batch, count what happened."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO

from sitrep.config import IngestOptions
from sitrep.ingest import read_articles
from sitrep.ingest.fetch import Fetcher
from sitrep.records import Article, IngestSummary, Skipped
from sitrep.store import Store

Progress = Callable[[IngestSummary], None]


def ingest(
    targets: Iterable[str],
    store: Store,
    options: IngestOptions,
    *,
    fetcher: Fetcher | None = None,
    stdin: IO[bytes] | None = None,
    on_batch: Progress | None = None,
) -> IngestSummary:
    """Ingest every document in `targets` into `store`; one transaction per batch.

    Articles and skips are streamed: memory stays flat however many articles there are. A batch
    is written when it holds `options.batch_size` articles, or at the end.
    """
    summary = IngestSummary()
    batch: list[Article] = []
    skipped: list[Skipped] = []
    for item in read_articles(targets, options, fetcher=fetcher, stdin=stdin):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            batch.append(item)
        if len(batch) + len(skipped) >= options.batch_size:
            _write(store, batch, skipped, summary, on_batch)
            batch, skipped = [], []
    _write(store, batch, skipped, summary, on_batch)
    return summary


def _write(
    store: Store,
    batch: list[Article],
    skipped: list[Skipped],
    summary: IngestSummary,
    on_batch: Progress | None,
) -> None:
    if not batch and not skipped:
        return
    result = store.save_batch(batch, skipped)
    summary.stored += len(result.stored)
    summary.duplicates.extend(result.duplicates)
    summary.skipped.extend(skipped)
    if on_batch is not None:
        on_batch(summary)
