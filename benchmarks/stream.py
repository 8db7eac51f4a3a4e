"""A busy stream: fusion cost per added article as the daily volume grows, extraction on 1 and 2
workers, and a mixed news stream end to end.

    python benchmarks/stream.py [--densities 120,1200,12000] [--fill 3000] [--texts examples/]
                                [--articles 200] [--runs 3] [--skip-fusion] [--skip-workers]
                                [--stream 500] [--stream-workers 2] [--skip-stream]

Fusion: for each density (articles a day), a new SQLite store is filled with `--fill` generated
articles and their extractions (`benchmarks/fuse.py`, no spaCy) arriving at that rate, then three
batches of 200 more are fused and timed (CPU seconds of this process, so that other work on the
machine does not count). Prints the median milliseconds per added article and the ratio to the
lowest density: it should stay near 1.

Workers: the texts under `--texts` (repeated up to `--articles`) are extracted by a pool of one
worker process, then of two (`sitrep.run.workers`), each pool warmed up on a first pass; prints
articles/s (median of `--runs` passes), the ratio to one worker and the peak memory of a worker.

Mixed stream: `--stream` articles, four in five general news (LGL and GeoVirus, from
`../shared/eval/geoparsing`) and one in five conflict reports (syria2024 and `examples/`),
interleaved and written as one JSON Lines file, then ingested into a new SQLite store as
`sitrep ingest` does it: read, store, relevance prefilter, extraction on `--stream-workers`
processes, fusion. The extractor is warmed up first (a watcher loads its model once). Prints
articles/s end to end (wall clock), the same from the CPU seconds of this process and its workers
(what the machine's cores would give if no other job shared them), how many articles the
prefilter set aside, by kind, and its recall on the conflict reports. Target on this 2-core
machine: >= 60 articles/s (issue 16).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fuse import generate
from sitrep.config import IngestOptions
from sitrep.evaluation.geoparsing import read_corpus
from sitrep.extract.relevance import OFF_TOPIC_REASON, RelevanceFilter
from sitrep.ingest import read_articles
from sitrep.pipeline import ingest
from sitrep.records import Article
from sitrep.run.fusion import fuse_articles
from sitrep.run.workers import ExtractorSpec, PoolExtractor
from sitrep.store import open_store

PROBE_BATCH = 200
PROBES = 3
ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
# One article in this many of the mixed stream is a conflict report; the others are general news.
CONFLICT_EVERY = 5


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


def mixed_stream(count: int, folder: Path) -> list[dict[str, str]]:
    """`count` stream records: general news with a conflict report every `CONFLICT_EVERY`th."""
    general = [gold.text for name in ("lgl.xml", "GeoVirus.xml")
               for gold in read_corpus(folder / "geoparsing" / name) if gold.text.strip()]
    sources = [str(folder / "syria2024" / "reports"), str(ROOT / "examples")]
    conflict = [item for item in read_articles(sources, IngestOptions()) if isinstance(item, Article)]
    records = []
    for number in range(count):
        if number % CONFLICT_EVERY == CONFLICT_EVERY - 1:
            article = conflict[(number // CONFLICT_EVERY) % len(conflict)]
            day = article.published_on.isoformat() if article.published_on else "2024-12-01"
            records.append({"kind": "conflict", "text": article.text, "title": article.title or "",
                            "source": article.source or "wire", "published": day,
                            "language": article.language or "en"})
        else:
            text = general[(number - number // CONFLICT_EVERY) % len(general)]
            records.append({"kind": "general", "text": text, "source": f"local-{number % 7}",
                            "published": "2024-12-01", "language": "en"})
    return records


def stream_rate(records: list[dict[str, str]], workers: int) -> dict[str, float]:
    """Ingest `records` (one JSON Lines file) end to end with a warmed-up extractor; figures of the run."""
    from sitrep.cli.extraction import make_extractor

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stream.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps({k: v for k, v in record.items() if k != "kind"}) + "\n")
        runner = PoolExtractor(ExtractorSpec.from_settings(), workers) if workers > 1 else None
        extractor = runner or make_extractor()
        warm = [Article(id=f"warm-{n}", text=record["text"])
                for n, record in enumerate(records[: workers * 8])]
        list(extractor.pipe(warm))
        store = open_store(f"sqlite:///{Path(folder) / 'stream.db'}")
        cpu_before = tree_cpu_seconds()
        started = time.perf_counter()
        summary = ingest([str(path)], store, IngestOptions(batch_size=100), extractor=extractor, fuse=True)
        elapsed = time.perf_counter() - started
        cpu = tree_cpu_seconds() - cpu_before
        if runner is not None:
            runner.close()
        store.close()
    # The kind of each article set aside: the same verdicts, asked of the prefilter directly.
    prefilter = RelevanceFilter()
    kinds = [(record["kind"], prefilter.score(record["text"], record["language"]).relevant)
             for record in records]
    general = [kept for kind, kept in kinds if kind == "general"]
    conflict = [kept for kind, kept in kinds if kind == "conflict"]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return {"articles": summary.stored, "seconds": elapsed, "rate": summary.stored / elapsed,
            "cpu": cpu, "cpu_rate": summary.stored / (cpu / cores) if cpu > 0 else 0.0, "cores": cores,
            "set_aside": summary.not_extracted.get(OFF_TOPIC_REASON, 0),
            "general_aside": general.count(False) / max(1, len(general)),
            "conflict_kept": conflict.count(True) / max(1, len(conflict))}


def tree_cpu_seconds() -> float:
    """CPU seconds used so far by this process and its live children (the extraction workers)."""
    import psutil

    processes = [psutil.Process(), *psutil.Process().children(recursive=True)]
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def main() -> None:
    """Print the fusion cost by density, the extraction rate by number of workers, the mixed stream."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--densities", default="120,1200,12000")
    parser.add_argument("--fill", type=int, default=3000)
    parser.add_argument("--texts", default=str(Path(__file__).parents[1] / "examples"))
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-fusion", action="store_true")
    parser.add_argument("--skip-workers", action="store_true")
    parser.add_argument("--stream", type=int, default=500, help="articles in the mixed stream")
    parser.add_argument("--stream-workers", type=int, default=2)
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--skip-stream", action="store_true")
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
    if not args.skip_stream:
        figures = stream_rate(mixed_stream(args.stream, args.eval), args.stream_workers)
        share = 100 // CONFLICT_EVERY
        print(f"\nmixed stream ({100 - share}% general news, {share}% conflict reports), "
              f"ingest + prefilter + extract ({args.stream_workers} workers) + fuse:")
        print(f"  {figures['articles']:.0f} articles in {figures['seconds']:.1f} s: "
              f"{figures['rate']:.1f} articles/s end to end (target >= 60)")
        print(f"  {figures['cpu']:.1f} CPU seconds (this process and its workers): "
              f"{figures['cpu_rate']:.1f} articles/s on {figures['cores']} cores not shared with other jobs")
        print(f"  set aside by the prefilter: {figures['set_aside']:.0f} "
              f"({figures['general_aside']:.1%} of general news; target >= 85%)")
        print(f"  conflict reports kept: {figures['conflict_kept']:.3f} (target >= 0.98)")


if __name__ == "__main__":
    main()
