"""Extraction on a Dask distributed cluster (`sitrep ingest --scheduler tcp://HOST:8786`).

Each slice of a batch is one task: the cluster's workers run `extract_slice` exactly as a local
pool's workers do (`sitrep.run.workers`), each building its extractor once from the spec. Every
worker machine needs sitrep installed with the same model, and the gazetteer file at the path the
spec names. The store stays with the ingesting process: workers never touch the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from types import TracebackType
from typing import Any

from sitrep.errors import ConfigError
from sitrep.records import Article, Extraction, OutletHome
from sitrep.run.workers import ExtractorSpec, extract_slice, homes_of, slice_batch

# Seconds to wait for the scheduler before the run stops with a message.
CONNECT_TIMEOUT = 30


class ClusterExtractor:
    """Extraction on the workers of the Dask scheduler at `address`; extractions in article order."""

    def __init__(self, spec: ExtractorSpec, address: str) -> None:
        """Connect to the scheduler (`ConfigError` when it cannot be reached or Dask is missing)."""
        try:
            from distributed import Client
        except ImportError:
            raise ConfigError("--scheduler needs Dask", fix="pip install 'sitrep[cluster]'") from None
        self.spec = spec
        try:
            self.client: Any = Client(address, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
        except OSError as error:
            raise ConfigError(f"cannot reach the Dask scheduler at {address}: {error}",
                              fix="start one (`dask scheduler`) or check --scheduler") from None

    @property
    def workers(self) -> int:
        """How many worker processes the cluster has now (at least one slice each)."""
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def pipe(self, articles: Iterable[Article], *,
             homes: Mapping[str, OutletHome] | None = None) -> Iterator[Extraction]:
        """The extraction of each article, in order; each slice of the batch is one task."""
        parts = slice_batch(list(articles), self.workers)
        futures = [self.client.submit(extract_slice, self.spec, part, homes_of(part, homes), pure=False)
                   for part in parts]
        for extractions in self.client.gather(futures):
            yield from extractions

    def close(self) -> None:
        """Disconnect from the scheduler (the cluster keeps running)."""
        self.client.close()

    def __enter__(self) -> ClusterExtractor:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
