"""Ingest throughput and memory: generated JSON Lines articles (~3 KB each) into SQLite.

    python benchmarks/ingest.py [--articles 20000] [--small 2000] [--runs 3]

Prints articles/s (median of the runs) and the peak resident memory of the ingesting process, for
a small and a large corpus: memory should stay flat as the corpus grows (streaming).
Target on a 2-core machine: at least 1,000 articles/s.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = tuple(
    (
        "convoy checkpoint district governor fighters militia province capital airport shelling "
        "ceasefire talks envoy displaced families council officials said reported according "
        "police army commander bridge highway market clinic school mosque village border crossing "
        "night morning week offensive withdrawal surrender negotiations spokesman statement "
        "casualties"
    ).split()
)
TARGET_BYTES = 3000


def write_corpus(path: Path, count: int, seed: int = 7) -> None:
    """Write `count` distinct articles of about 3 KB as JSON Lines, one at a time."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            words: list[str] = []
            while sum(len(word) + 1 for word in words) < TARGET_BYTES:
                words.append(rng.choice(WORDS))
            record = {
                "url": f"https://bench-{number % 40}.example/{number}",
                "title": f"Generated report {number}",
                "text": f"Report {number}. " + " ".join(words) + ".",
                "published": f"2021-08-{1 + number % 28:02d}T{number % 24:02d}:00:00Z",
            }
            out.write(json.dumps(record) + "\n")


def measure_once(corpus: Path, database: Path) -> dict[str, float]:
    """Ingest `corpus` in this process; seconds, articles and peak memory."""
    from sitrep.config import IngestOptions
    from sitrep.pipeline import ingest
    from sitrep.store import open_store

    store = open_store(f"sqlite:///{database}")
    started = time.perf_counter()
    summary = ingest([str(corpus)], store, IngestOptions())
    seconds = time.perf_counter() - started
    store.close()
    return {
        "seconds": seconds,
        "stored": summary.stored,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure(corpus: Path, runs: int) -> dict[str, float]:
    """Median over `runs` fresh processes, each into a new database."""
    results = []
    for run in range(runs):
        database = corpus.with_suffix(f".{run}.db")
        output = subprocess.run(
            [sys.executable, __file__, "--child", str(corpus), str(database)],
            capture_output=True, text=True, check=True,
        ).stdout
        results.append(json.loads(output))
    seconds = statistics.median(r["seconds"] for r in results)
    return {
        "articles": results[0]["stored"],
        "median_seconds": seconds,
        "articles_per_second": results[0]["stored"] / seconds,
        "peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in results),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--small", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("CORPUS", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_once(Path(args.child[0]), Path(args.child[1]))))
        return
    with tempfile.TemporaryDirectory() as folder:
        rows = []
        for count in (args.small, args.articles):
            corpus = Path(folder) / f"corpus-{count}.jsonl"
            write_corpus(corpus, count)
            rows.append(measure(corpus, args.runs))
    print(f"{'articles':>9} {'median s':>9} {'articles/s':>11} {'peak RSS MB':>12}")
    for row in rows:
        print(f"{row['articles']:>9,} {row['median_seconds']:>9.2f} {row['articles_per_second']:>11,.0f}"
              f" {row['peak_rss_mb']:>12.0f}")
    small, large = rows
    print(f"memory ratio large/small: {large['peak_rss_mb'] / small['peak_rss_mb']:.2f} "
          f"for {large['articles'] / small['articles']:.0f}x the articles")


if __name__ == "__main__":
    main()
