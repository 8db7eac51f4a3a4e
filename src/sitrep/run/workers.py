"""Runners of extraction: in this process, on a pool of worker processes, or on a Dask cluster.

Extraction is a pure function of an article, its outlet's home and the data (`Extractor`), so a
runner may send each article anywhere: every runner returns the same extractions, in the order of
the articles. A worker builds its own extractor once from an `ExtractorSpec`, which carries the
run's `ExtractionConfig` (model, gazetteer file, budget), so that no worker looks at its environment;
the gazetteer is opened read-only in each worker and shared through the operating system's page
cache. Pools are never nested: a worker parses a long article's chunks in one process.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from sitrep.config import ExtractionConfig
from sitrep.errors import ConfigError
from sitrep.records import Article, Extraction, OutletHome

if TYPE_CHECKING:
    from sitrep.extract.pipeline import Extractor

# Slices per worker of one batch: a few, so that a worker given the long articles does not hold
# the others back, but not so many that spaCy's batching is lost.
SLICES_PER_WORKER = 4
# Fewest articles in a slice: below this, sending a slice costs more than it saves.
MIN_SLICE = 8
# With `--workers auto`, a batch with fewer articles is extracted in this process: starting the
# workers (each loads spaCy and opens the gazetteer, ~10-30 s on 2 cores) costs more than they save.
AUTO_MIN_BATCH = 100


class ExtractionRunner(Protocol):
    """What ingest needs of extraction: extractions of articles, in order (see `Extractor.pipe`)."""

    def pipe(self, articles: Iterable[Article], *,
             homes: Mapping[str, OutletHome] | None = None) -> Iterator[Extraction]:
        """The extraction of each article, in the order of `articles`."""
        ...


@dataclass(frozen=True, slots=True)
class ExtractorSpec:
    """Everything a worker builds its extractor from: the run's config, given by the command that
    starts the run, with the gazetteer file it names already built."""

    config: ExtractionConfig
    chunk_processes: int = 1

    @classmethod
    def from_config(
        cls, config: ExtractionConfig | None = None, *, chunk_processes: int = 1
    ) -> ExtractorSpec:
        """The spec of `config` (default: from the environment); its gazetteer is built here when missing."""
        from sitrep.geo.gazetteer import Gazetteer

        config = config or ExtractionConfig.from_environment()
        return cls(replace(config, gazetteer=Gazetteer.open(config.gazetteer).path), chunk_processes)

    @classmethod
    def from_settings(cls, *, chunk_processes: int = 1) -> ExtractorSpec:
        """The spec of the config the environment sets (`SITREP_MODEL`, `SITREP_EXTRACT_BUDGET`...)."""
        return cls.from_config(chunk_processes=chunk_processes)

    def build(self) -> Extractor:
        """A new extractor as this spec says (spaCy and the gazetteer load here, the file read-only)."""
        from sitrep.extract.pipeline import Extractor
        from sitrep.geo.gazetteer import Gazetteer

        path = self.config.gazetteer
        return Extractor(config=self.config, gazetteer=Gazetteer(path) if path else None,
                         chunk_processes=self.chunk_processes)


# This process's extractors, by spec: a worker builds one on its first slice and keeps it.
_EXTRACTORS: dict[ExtractorSpec, Extractor] = {}
# A Dask worker may run tasks on several threads; one extractor parses one slice at a time.
_LOCK = threading.Lock()


def extract_slice(spec: ExtractorSpec, articles: Sequence[Article],
                  homes: Mapping[str, OutletHome]) -> list[Extraction]:
    """The extractions of one slice of a batch, made by this process's extractor for `spec`."""
    with _LOCK:
        extractor = _EXTRACTORS.get(spec)
        if extractor is None:
            extractor = _EXTRACTORS[spec] = spec.build()
        return list(extractor.pipe(articles, homes=homes))


def slice_batch(articles: Sequence[Article], workers: int) -> list[Sequence[Article]]:
    """`articles` cut into consecutive slices, about `SLICES_PER_WORKER` per worker."""
    if not articles:
        return []
    size = max(MIN_SLICE, math.ceil(len(articles) / (workers * SLICES_PER_WORKER)))
    return [articles[begin:begin + size] for begin in range(0, len(articles), size)]


def homes_of(articles: Sequence[Article], homes: Mapping[str, OutletHome] | None) -> dict[str, OutletHome]:
    """The homes of these articles' outlets only (what one slice needs to be sent with)."""
    if not homes:
        return {}
    return {article.source: homes[article.source] for article in articles
            if article.source and article.source in homes}


def default_workers() -> int:
    """The number of cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def is_auto(text: str) -> bool:
    """Whether the `workers` setting leaves the number of processes to sitrep (`auto`)."""
    return text.strip().lower() == "auto"


def parse_workers(text: str) -> int:
    """The `workers` setting: a positive number, or `auto` for the number of cores."""
    if is_auto(text):
        return default_workers()
    try:
        workers = int(text)
    except ValueError:
        workers = 0
    if workers < 1:
        raise ConfigError(f"cannot read --workers {text!r} as a number of processes",
                          fix="give a positive number, e.g. --workers 2, or `auto` for every core")
    return workers


class PoolExtractor:
    """Extraction on `workers` processes, each with its own extractor; extractions in article order."""

    def __init__(self, spec: ExtractorSpec, workers: int, *, min_batch: int = 1) -> None:
        """Start no process yet: each starts on the first batch sent to it and builds its extractor then.

        A batch of fewer than `min_batch` articles is extracted in this process (same results).
        """
        self.spec = spec
        self.workers = workers
        self.min_batch = min_batch
        # Spawned, not forked: a worker starts clean, without the parent's database connection.
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))

    def pipe(self, articles: Iterable[Article], *,
             homes: Mapping[str, OutletHome] | None = None) -> Iterator[Extraction]:
        """The extraction of each article, in order; the batch's slices run on the workers at once."""
        batch = list(articles)
        if len(batch) < self.min_batch:
            yield from extract_slice(self.spec, batch, homes_of(batch, homes))
            return
        futures: list[Future[list[Extraction]]] = [
            self._pool.submit(extract_slice, self.spec, part, homes_of(part, homes))
            for part in slice_batch(batch, self.workers)
        ]
        for future in futures:
            yield from future.result()

    def close(self) -> None:
        """Stop the workers."""
        self._pool.shutdown(cancel_futures=True)

    def __enter__(self) -> PoolExtractor:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
