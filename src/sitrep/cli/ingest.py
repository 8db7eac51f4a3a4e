"""`sitrep ingest`: read articles from files, folders, stdin and URLs into the database."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from sitrep.cli.extraction import make_extractor
from sitrep.cli.extraction_options import extraction_options
from sitrep.cli.options import db_option, json_option, setting_option
from sitrep.cli.render import print_json, print_summary, summary_dict
from sitrep.config import ExtractionConfig, IngestOptions, parse_languages, parse_size
from sitrep.errors import ConfigError
from sitrep.ingest.language import check_languages
from sitrep.pipeline import ingest
from sitrep.records import IngestSummary
from sitrep.run.workers import (
    AUTO_MIN_BATCH,
    ExtractionRunner,
    ExtractorSpec,
    PoolExtractor,
    is_auto,
    parse_workers,
)
from sitrep.store import Store, open_store


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@db_option
@click.option("--source", "default_source", metavar="NAME",
              help="Outlet for articles whose metadata and URL name none.")
@setting_option("max-bytes", "--max-bytes", "max_bytes", metavar="SIZE")
@setting_option("fetch-timeout", "--timeout", "timeout", metavar="SECONDS", type=float)
@setting_option("batch-size", "--batch-size", "batch_size", metavar="N", type=int)
@setting_option("languages", "--languages", "languages", metavar="CODES")
@setting_option("workers", "--workers", "workers", metavar="N")
@setting_option("scheduler", "--scheduler", "scheduler", metavar="ADDRESS")
@click.option("--extract/--no-extract", default=True, show_default=True,
              help="Extract events, places, dates, claims and quotes from the new articles.")
@click.option("--fuse/--no-fuse", default=True, show_default=True,
              help="Fuse the extracted articles into stories, events, claims and control (with --extract).")
@click.option("--all", "everything", is_flag=True,
              help="Extract every article: no relevance prefilter (it sets aside articles of no conflict).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors (for scripts).")
@extraction_options
@json_option
def ingest_command(
    inputs: tuple[str, ...], db: str, default_source: str | None, max_bytes: str, timeout: float,
    batch_size: int, languages: str, workers: str, scheduler: str, extract: bool, fuse: bool,
    everything: bool, quiet: bool, config: ExtractionConfig, as_json: bool,
) -> None:
    """Store articles from files, folders (recursively), `-` (stdin) and http(s) URLs.

    Reads plain text (with an optional `date YYYY-MM-DD` header), JSON, JSON Lines, HTML pages
    and RSS/Atom feeds, also gzip-compressed. Every article is stored once; a document that
    cannot be used is skipped with its reason (see `sitrep skipped`). Exits 0 when every input
    was read or skipped for a reason. Extraction runs on `--workers` processes, or on the workers
    of a Dask cluster (`--scheduler`), with the same results as in one process. Articles with no
    conflict content are stored but set aside before extraction ("not-extracted: off-topic" in the
    summary) unless `--all` is given; `sitrep reextract --all` extracts them later.
    """
    if batch_size < 1 or timeout <= 0:
        raise ConfigError("--batch-size and --timeout must be positive", fix="e.g. --batch-size 500")
    options = IngestOptions(
        max_text_bytes=parse_size(max_bytes), fetch_timeout=timeout, batch_size=batch_size,
        languages=parse_languages(languages), default_source=default_source,
    )
    check_languages(options.languages)
    processes = parse_workers(workers)
    store = open_store(db)
    try:
        runner = _runner(extract, processes, scheduler.strip(), auto=is_auto(workers), config=config)
        with runner as extractor:
            summary = _run(inputs, store, options, extractor, fuse=fuse and extract, prefilter=not everything,
                           config=config, show_progress=not quiet and sys.stderr.isatty())
        if as_json:
            print_json(summary_dict(summary, store))
        elif not quiet:
            print_summary(summary, store, Console(highlight=False))
    finally:
        store.close()


def _runner(extract: bool, workers: int, scheduler: str, *, auto: bool, config: ExtractionConfig | None = None
            ) -> AbstractContextManager[ExtractionRunner | None]:
    """Where extraction runs: nowhere, in this process, on a pool of workers or on a Dask cluster;
    every extractor is built from the run's `config` (default: from the environment)."""
    if not extract:
        return nullcontext()
    if scheduler:
        from sitrep.run.cluster import ClusterExtractor

        return ClusterExtractor(ExtractorSpec.from_config(config), scheduler)
    if workers > 1:
        # `auto` keeps small inputs in this process; a number asked for is always used.
        spec = ExtractorSpec.from_config(config)
        return PoolExtractor(spec, workers, min_batch=AUTO_MIN_BATCH if auto else 1)
    return nullcontext(make_extractor(config))


def _run(
    inputs: tuple[str, ...], store: Store, options: IngestOptions, extractor: ExtractionRunner | None, *,
    fuse: bool, prefilter: bool, config: ExtractionConfig, show_progress: bool,
) -> IngestSummary:
    if not show_progress:
        return ingest(inputs, store, options, extractor=extractor, fuse=fuse, prefilter=prefilter,
                      config=config)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
        console=Console(stderr=True), transient=True,
    ) as progress:
        task = progress.add_task("reading...", total=None)

        def report(summary: IngestSummary) -> None:
            progress.update(task, description=(
                f"read {summary.read:,} · stored {summary.stored:,} · "
                f"duplicate {len(summary.duplicates):,} · skipped {len(summary.skipped):,} · "
                f"extracted {summary.extracted:,} · fused {summary.fused:,}"
            ))

        return ingest(inputs, store, options, on_batch=report, extractor=extractor, fuse=fuse,
                      prefilter=prefilter, config=config)
