"""The ingest job: read inputs, write them to the store batch by batch, extract what is new."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import IO, TYPE_CHECKING

from sitrep.config import ExtractionConfig, IngestOptions
from sitrep.ingest import read_articles
from sitrep.ingest.fetch import Fetcher
from sitrep.records import Article, IngestSummary, OutletHome, Skipped
from sitrep.run.workers import ExtractionRunner
from sitrep.store import Store

if TYPE_CHECKING:
    from sitrep.extract.relevance import RelevanceFilter

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
    prefilter: bool = True,
    config: ExtractionConfig | None = None,
) -> IngestSummary:
    """Ingest every document in `targets` into `store`; one transaction per batch.

    Articles and skips are streamed: memory stays flat however many articles there are. A batch
    is written when it holds `options.batch_size` articles, or at the end. With an `extractor`,
    the newly stored articles of each batch are extracted and their extractions stored in a
    second transaction (an interrupted run leaves them for `sitrep reextract`); with `fuse` too,
    they are then fused with what is stored in a third (an interrupted run leaves them for
    `sitrep fuse`). The `extractor` is an `Extractor` or a runner spreading one over processes or a
    cluster (`sitrep.run.workers`): ingest does not tell them apart. With `prefilter` (the default)
    the relevance prefilter (`sitrep.extract.relevance`) sets aside the articles with no conflict
    content before they reach the extractor: they are stored with an extraction that says so
    ("not-extracted: off-topic"), counted in `IngestSummary.not_extracted`, and extracted in full
    by `sitrep reextract --all` (or `ingest --all`, which turns the prefilter off). `config` is the
    run's extraction config (whether outlet homes are learned); default: from the environment.
    """
    items = read_articles(targets, options, fetcher=fetcher, stdin=stdin)
    return ingest_items(items, store, options, on_batch=on_batch, extractor=extractor, fuse=fuse,
                        prefilter=prefilter, config=config)


def ingest_items(
    items: Iterable[Article | Skipped],
    store: Store,
    options: IngestOptions,
    *,
    on_batch: Progress | None = None,
    extractor: ExtractionRunner | None = None,
    fuse: bool = False,
    prefilter: bool = True,
    config: ExtractionConfig | None = None,
) -> IngestSummary:
    """Store articles and skips already read (see `ingest`), batch by batch."""
    summary = IngestSummary()
    relevance = default_prefilter() if prefilter and extractor is not None else None
    if extractor is not None and config is None:
        config = ExtractionConfig.from_environment()
    batch: list[Article] = []
    skipped: list[Skipped] = []
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            batch.append(item)
        if len(batch) + len(skipped) >= options.batch_size:
            _write(store, batch, skipped, summary, on_batch, extractor, fuse, relevance, config)
            batch, skipped = [], []
    _write(store, batch, skipped, summary, on_batch, extractor, fuse, relevance, config)
    return summary


def _write(
    store: Store,
    batch: list[Article],
    skipped: list[Skipped],
    summary: IngestSummary,
    on_batch: Progress | None,
    extractor: ExtractionRunner | None,
    fuse: bool,
    relevance: RelevanceFilter | None = None,
    config: ExtractionConfig | None = None,
) -> None:
    if not batch and not skipped:
        return
    result = store.save_batch(batch, skipped)
    if extractor is not None and result.stored:
        first_copies = {article.id: article for article in reversed(batch)}
        fresh = [first_copies[article_id] for article_id in result.stored]
        summary.extracted += extract_into(store, extractor, fresh, failures=summary.not_extracted,
                                          prefilter=relevance, config=config)
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
    failures: dict[str, int] | None = None, prefilter: RelevanceFilter | None = None,
    config: ExtractionConfig | None = None,
) -> int:
    """Extract `articles` and store their extractions and coded events; returns how many.

    Each article's outlet home is learned from the outlet's other stored articles (never from the
    batch itself), unless `config` (default: from the environment) turns outlet homes off.
    `failures` counts the extractions that failed or were not made, by reason ("not-extracted:
    language ar"). An article the
    `prefilter` sets aside never reaches `extractor` (nor its workers): its extraction is empty and
    says "not-extracted: off-topic".
    """
    from sitrep.extract.coding import code_events
    from sitrep.extract.relevance import set_aside

    kept = list(articles) if prefilter is None else prefilter.split(articles)[0]
    homes = outlet_homes_for(store, kept, config=config)
    extracted = iter(extractor.pipe(kept, homes=homes or None))
    chosen = {article.id for article in kept}
    items = []
    for article in articles:
        extraction = next(extracted) if article.id in chosen else set_aside(article)
        items.append((extraction, code_events(extraction, article)))
    store.save_extractions(items)
    if failures is not None:
        for extraction, _ in items:
            if extraction.failure is not None:
                failures[extraction.failure] = failures.get(extraction.failure, 0) + 1
    return len(items)


def outlet_homes_for(
    store: Store, articles: Sequence[Article], *, config: ExtractionConfig | None = None
) -> dict[str, OutletHome]:
    """The homes of the articles' outlets, learned from the store without these articles; none when
    `config` (default: from the environment) turns outlet homes off."""
    if not (config or ExtractionConfig.from_environment()).outlet_homes:
        return {}
    outlets = sorted({article.source for article in articles if article.source})
    if not outlets:
        return {}
    return store.outlet_homes(outlets, exclude=[article.id for article in articles])


def extract_stored(
    store: Store, extractor: ExtractionRunner, *, everything: bool = False, batch_size: int = 200,
    on_batch: Callable[[int], None] | None = None, config: ExtractionConfig | None = None,
) -> int:
    """Extract stored articles (those never extracted, or all of them); returns how many.

    Articles never extracted go through the relevance prefilter, as in `ingest`; with `everything`
    every stored article is extracted in full, those the prefilter set aside included. `config` is
    the run's extraction config (default: from the environment).
    """
    config = config or ExtractionConfig.from_environment()
    relevance = None if everything else default_prefilter()
    done = 0
    pending: list[Article] = []
    for article in store.iter_articles(without_extraction=not everything):
        pending.append(article)
        if len(pending) >= batch_size:
            done += extract_into(store, extractor, pending, prefilter=relevance, config=config)
            pending = []
            if on_batch is not None:
                on_batch(done)
    if pending:
        done += extract_into(store, extractor, pending, prefilter=relevance, config=config)
    return done


def default_prefilter() -> RelevanceFilter:
    """The relevance prefilter on the shipped words of each language (imported when extraction runs)."""
    from sitrep.extract.relevance import RelevanceFilter

    return RelevanceFilter()
