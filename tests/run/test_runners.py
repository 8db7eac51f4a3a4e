"""Extraction on a pool of workers or a Dask cluster gives what one process gives, record for record."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sitrep.codec import to_jsonable
from sitrep.config import IngestOptions
from sitrep.errors import ConfigError
from sitrep.extract.pipeline import Extractor
from sitrep.pipeline import ingest
from sitrep.records import Article
from sitrep.run import fusion
from sitrep.run.fusion import fuse_pending
from sitrep.run.workers import ExtractorSpec, PoolExtractor, parse_workers, slice_batch
from sitrep.store import ArticleQuery, EventQuery, Store, open_store
from sitrep.store.base import FusedQuery

EXAMPLES = Path(__file__).parents[2] / "examples"
FUSED_KINDS = ("story", "event", "claim", "quote")


def snapshot(store: Store) -> dict[str, Any]:
    """Every extraction, coded event and fused record of a store, comparable as plain data."""
    ids = sorted(article.id for article in store.list_articles(ArticleQuery(limit=None)))
    extractions = {article_id: to_jsonable(store.get_extraction(article_id)) for article_id in ids}
    for extraction in extractions.values():
        extraction.pop("extracted_at", None)
    fused = {kind: sorted((row.record_id, row.data) for row in
                          store.list_fused(FusedQuery(kind=kind, limit=None, rejected=True)))
             for kind in FUSED_KINDS}
    coded = store.list_events(EventQuery(modalities=(), limit=None))
    events = sorted(repr(to_jsonable(event)) for event in coded)
    return {"extractions": extractions, "events": events, "fused": fused}


def ingest_examples(folder: Path, extractor: Any) -> dict[str, Any]:
    """Ingest, extract and fuse the example corpus into a new store (`folder`/sitrep.db); its snapshot."""
    store = open_store(f"sqlite:///{folder / 'sitrep.db'}")
    try:
        ingest([str(EXAMPLES)], store, IngestOptions(), extractor=extractor, fuse=True)
        return snapshot(store)
    finally:
        store.close()


@pytest.fixture(scope="module")
def one_process_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the store where one process extracted and fused the example corpus."""
    return tmp_path_factory.mktemp("one")


@pytest.fixture(scope="module")
def one_process(one_process_folder: Path) -> dict[str, Any]:
    """The example corpus as one process extracts and fuses it."""
    extractor = ExtractorSpec.from_settings(chunk_processes=4).build()
    return ingest_examples(one_process_folder, extractor)


@pytest.mark.slow
def test_bounded_story_candidates_fuse_the_example_corpus_as_all_pairs_did(
        one_process: dict[str, Any], one_process_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fusion, "STORIES", replace(fusion.STORIES, crowd_limit=None))
    store = open_store(f"sqlite:///{one_process_folder / 'sitrep.db'}")
    try:
        store.clear_fusion()
        assert fuse_pending(store).articles == len(one_process["extractions"])
        assert snapshot(store) == one_process
    finally:
        store.close()


@pytest.fixture(scope="module")
def spec() -> ExtractorSpec:
    return ExtractorSpec.from_settings()


@pytest.mark.slow
def test_two_worker_processes_store_what_one_process_stores(
        one_process: dict[str, Any], spec: ExtractorSpec, tmp_path: Path) -> None:
    assert len(one_process["extractions"]) > 30 and one_process["fused"]["event"]
    with PoolExtractor(spec, 2) as pool:
        assert ingest_examples(tmp_path, pool) == one_process


@pytest.fixture
def cluster() -> Iterator[str]:
    """A local Dask cluster of two worker processes; its scheduler's address."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local.scheduler_address


@pytest.mark.slow
def test_a_dask_cluster_of_two_workers_stores_what_one_process_stores(
        one_process: dict[str, Any], spec: ExtractorSpec, cluster: str, tmp_path: Path) -> None:
    from sitrep.run.cluster import ClusterExtractor

    with ClusterExtractor(spec, cluster) as runner:
        assert runner.workers == 2
        assert ingest_examples(tmp_path, runner) == one_process


def test_a_worker_builds_its_extractor_from_the_spec_and_never_nests_pools(spec: ExtractorSpec) -> None:
    extractor = spec.build()
    assert isinstance(extractor, Extractor)
    assert extractor.chunk_processes == 1
    assert extractor.places.gazetteer.path == spec.config.gazetteer
    assert extractor.config == spec.config and extractor.budget == spec.config.budget


def test_a_batch_is_cut_into_consecutive_slices_a_few_per_worker() -> None:
    articles = [Article(id=f"a{number:03d}", text=f"Report number {number} from the front.")
                for number in range(100)]
    slices = slice_batch(articles, 2)
    assert [article for part in slices for article in part] == articles
    assert len(slices) == 8
    assert slice_batch(articles[:5], 4) == [articles[:5]]
    assert slice_batch([], 2) == []


def test_workers_are_a_positive_number_or_auto() -> None:
    assert parse_workers("3") == 3
    assert parse_workers("auto") >= 1
    for wrong in ("0", "-2", "two"):
        with pytest.raises(ConfigError, match="--workers"):
            parse_workers(wrong)
