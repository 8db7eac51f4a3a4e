"""A busy stream: fusion cost per added article as the daily volume grows, and extraction on 1 and 2 workers.

    python benchmarks/stream.py [--densities 120,1200,12000] [--fill 3000] [--texts examples/]
                                [--articles 200] [--runs 3] [--skip-fusion] [--skip-workers]

Fusion: for each density (articles a day), a new SQLite store is filled with `--fill` generated
articles and their extractions (`benchmarks/fuse.py`, no spaCy) arriving at that rate, then three
batches of 200 more are fused and timed (CPU seconds of this process, so that other work on the
machine does not count). Prints the median milliseconds per added article and the ratio to the
lowest density: it should stay near 1.

Workers: the texts under `--texts` (repeated up to `--articles`) are extracted by a pool of one
worker process, then of two (`sitrep.run.workers`), each pool warmed up on a first pass; prints
articles/s (median of `--runs` passes), the ratio to one worker and the peak memory of a worker.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fuse import generate
from sitrep.config import IngestOptions
from sitrep.ingest import read_articles
from sitrep.records import Article
from sitrep.run.fusion import fuse_articles
from sitrep.run.workers import ExtractorSpec, PoolExtractor
from sitrep.store import open_store

PROBE_BATCH = 200
PROBES = 3


def fusion_cost(per_day: int, fill: int) -> float:
    """Median CPU milliseconds per added article once `fill` articles at `per_day` are stored."""
    stream = generate(fill + PROBE_BATCH * PROBES, per_day=per_day)
    timings = []
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'stream.db'}")
        for number in range(0, fill + PROBE_BATCH * PROBES, PROBE_BATCH):
            batch = [next(stream) for _ in range(PROBE_BATCH)]
            store.save_batch([article for article, _, _ in batch], [])
            store.save_extractions([(extraction, coded) for _, extraction, coded in batch])
            started = time.process_time()
            fuse_articles(store, [article.id for article, _, _ in batch], seat=lambda geonameid: False)
            if number >= fill:
                timings.append((time.process_time() - started) * 1000 / len(batch))
            print(f"  {per_day}/day: fused {number + len(batch)}", file=sys.stderr, end="\r")
        store.close()
    return statistics.median(timings)


def extraction_rate(articles: list[Article], workers: int, runs: int) -> float:
    """Median articles/s of a warmed-up pool of `workers` processes over `runs` passes."""
    spec = ExtractorSpec.from_settings()
    rates = []
    with PoolExtractor(spec, workers) as pool:
        list(pool.pipe(articles[: workers * 8]))  # every worker loads its model first
        for _ in range(runs):
            started = time.perf_counter()
            list(pool.pipe(articles))
            rates.append(len(articles) / (time.perf_counter() - started))
    return statistics.median(rates)


def load_texts(folder: str, count: int) -> list[Article]:
    """The articles under `folder`, repeated (with the same ids) up to `count`."""
    found = [item for item in read_articles([folder], IngestOptions()) if isinstance(item, Article)]
    if not found:
        raise SystemExit(f"no articles under {folder}")
    return [found[number % len(found)] for number in range(count)]


def main() -> None:
    """Print the fusion cost by density, then the extraction rate by number of workers."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--densities", default="120,1200,12000")
    parser.add_argument("--fill", type=int, default=3000)
    parser.add_argument("--texts", default=str(Path(__file__).parents[1] / "examples"))
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-fusion", action="store_true")
    parser.add_argument("--skip-workers", action="store_true")
    args = parser.parse_args()
    if not args.skip_fusion:
        print(f"{'articles/day':>12} {'fusion ms per added article (CPU, median)':>42} {'ratio':>7}")
        first = None
        for per_day in (int(value) for value in args.densities.split(",")):
            cost = fusion_cost(per_day, args.fill)
            first = first or cost
            print(f"{per_day:>12,} {cost:>42.1f} {cost / first:>7.2f}")
    if not args.skip_workers:
        articles = load_texts(args.texts, args.articles)
        print(f"\n{'workers':>7} {'articles/s (median)':>20} {'ratio':>7}")
        single = None
        for workers in (1, 2):
            rate = extraction_rate(articles, workers, args.runs)
            single = single or rate
            print(f"{workers:>7} {rate:>20.1f} {rate / single:>7.2f}")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory of a worker: {peak:.0f} MB")


if __name__ == "__main__":
    main()
