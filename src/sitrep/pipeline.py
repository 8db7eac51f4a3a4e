"""The ingest job: read inputs, write them to the store batch by batch, extract what is new."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import IO

from sitrep.config import IngestOptions, default_value, parse_switch
from sitrep.ingest import read_articles
from sitrep.ingest.fetch import Fetcher
from sitrep.records import Article, IngestSummary, OutletHome, Skipped
from sitrep.run.workers import ExtractionRunner
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
    extractor: ExtractionRunner | None = None,
    fuse: bool = False,
) -> IngestSummary:
    """Ingest every document in `targets` into `store`; one transaction per batch.

    Articles and skips are streamed: memory stays flat however many articles there are. A batch
    is written when it holds `options.batch_size` articles, or at the end. With an `extractor`,
    the newly stored articles of each batch are extracted and their extractions stored in a
    second transaction (an interrupted run leaves them for `sitrep reextract`); with `fuse` too,
    they are then fused with what is stored in a third (an interrupted run leaves them for
    `sitrep fuse`). The `extractor` is an `Extractor` or a runner spreading one over processes or a
    cluster (`sitrep.run.workers`): ingest does not tell them apart.
    """
    items = read_articles(targets, options, fetcher=fetcher, stdin=stdin)
    return ingest_items(items, store, options, on_batch=on_batch, extractor=extractor, fuse=fuse)


def ingest_items(
    items: Iterable[Article | Skipped],
    store: Store,
    options: IngestOptions,
    *,
    on_batch: Progress | None = None,
    extractor: ExtractionRunner | None = None,
    fuse: bool = False,
) -> IngestSummary:
    """Store articles and skips already read (see `ingest`), batch by batch."""
    summary = IngestSummary()
    batch: list[Article] = []
    skipped: list[Skipped] = []
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            batch.append(item)
        if len(batch) + len(skipped) >= options.batch_size:
            _write(store, batch, skipped, summary, on_batch, extractor, fuse)
            batch, skipped = [], []
    _write(store, batch, skipped, summary, on_batch, extractor, fuse)
    return summary


def _write(
    store: Store,
    batch: list[Article],
    skipped: list[Skipped],
    summary: IngestSummary,
    on_batch: Progress | None,
    extractor: ExtractionRunner | None,
    fuse: bool,
) -> None:
    if not batch and not skipped:
        return
    result = store.save_batch(batch, skipped)
    if extractor is not None and result.stored:
        first_copies = {article.id: article for article in reversed(batch)}
        fresh = [first_copies[article_id] for article_id in result.stored]
        summary.extracted += extract_into(store, extractor, fresh, failures=summary.not_extracted)
        if fuse:
            from sitrep.run.fusion import fuse_articles

            summary.fused += fuse_articles(store, result.stored).articles
    summary.stored += len(result.stored)
    summary.duplicates.extend(result.duplicates)
    summary.skipped.extend((*skipped, *result.skipped))
    if on_batch is not None:
        on_batch(summary)


def extract_into(
    store: Store, extractor: ExtractionRunner, articles: Sequence[Article], *,
    failures: dict[str, int] | None = None,
) -> int:
    """Extract `articles` and store their extractions and coded events; returns how many.

    Each article's outlet home is learned from the outlet's other stored articles (never from the
    batch itself), unless the `outlet-homes` setting is off. `failures` counts the extractions
    that failed or were not made, by reason ("not-extracted: language ar").
    """
    from sitrep.extract.coding import code_events

    extracted = extractor.pipe(articles, homes=outlet_homes_for(store, articles) or None)
    items = [(extraction, code_events(extraction, article))
             for extraction, article in zip(extracted, articles, strict=True)]
    store.save_extractions(items)
    if failures is not None:
        for extraction, _ in items:
            if extraction.failure is not None:
                failures[extraction.failure] = failures.get(extraction.failure, 0) + 1
    return len(items)


def outlet_homes_for(store: Store, articles: Sequence[Article]) -> dict[str, OutletHome]:
    """The homes of the articles' outlets, learned from the store without these articles."""
    if not parse_switch("outlet-homes", default_value("outlet-homes")):
        return {}
    outlets = sorted({article.source for article in articles if article.source})
    if not outlets:
        return {}
    return store.outlet_homes(outlets, exclude=[article.id for article in articles])


def extract_stored(
    store: Store, extractor: ExtractionRunner, *, everything: bool = False, batch_size: int = 200,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Extract stored articles (those never extracted, or all of them); returns how many."""
    done = 0
    pending: list[Article] = []
    for article in store.iter_articles(without_extraction=not everything):
        pending.append(article)
        if len(pending) >= batch_size:
            done += extract_into(store, extractor, pending)
            pending = []
            if on_batch is not None:
                on_batch(done)
    if pending:
        done += extract_into(store, extractor, pending)
    return done
