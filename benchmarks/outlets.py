"""What learning outlet homes costs an extraction batch as the store grows.

    python benchmarks/outlets.py [--sizes 10000,100000] [--outlets 40] [--batch 200] [--probes 20]
                                 [--db postgresql://127.0.0.1/test]

Fills a store with generated articles (no spaCy) from `--outlets` outlets, each article with an
extraction naming two to four towns in a few provinces of its outlet's home country, so that the
`outlet_places` table is what `sitrep ingest` would leave. Then times `Store.outlet_homes` as
`pipeline.extract_into` calls it for a batch: the outlets of `--batch` stored articles, those
articles left out. Prints, per size, the median and p95 milliseconds over `--probes` batches and
the median per article of the batch. SQLite in a temporary folder unless `--db` is given (its
tables are dropped first: give a scratch database).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from sitrep.records import Article, Extraction, GeoEntry, PlaceMention
from sitrep.store import Store, open_store

COUNTRIES = ("AF", "US", "SY", "UA", "ML", "SD", "MM", "YE")
CHUNK = 1000


def main() -> None:
    """Parse the options, fill the store size by size and time the homes read."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--outlets", type=int, default=40)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--probes", type=int, default=20)
    parser.add_argument("--db", default="")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(options.db or f"sqlite:///{Path(folder) / 'outlets.db'}")
        if options.db:
            _clear(store)
        stored: list[Article] = []
        randomness = random.Random(7)
        print(f"outlets: {options.outlets}, batch: {options.batch}, probes: {options.probes}")
        for size in (int(part) for part in options.sizes.split(",")):
            while len(stored) < size:
                count = min(CHUNK, size - len(stored))
                chunk = [_article(len(stored) + n, options.outlets) for n in range(count)]
                store.save_batch(chunk, [])
                store.save_extractions([(_extraction(article, randomness), ()) for article in chunk])
                stored.extend(chunk)
            timings = []
            for _ in range(options.probes):
                batch = randomness.sample(stored, options.batch)
                outlets = sorted({article.source for article in batch if article.source})
                started = time.perf_counter()
                homes = store.outlet_homes(outlets, exclude=[article.id for article in batch])
                timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            median = statistics.median(timings)
            p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
            print(f"{size:>8} articles: homes of a batch {median:7.1f} ms median, {p95:7.1f} ms p95, "
                  f"{median / options.batch:5.2f} ms per article; {len(homes)} outlets with a home")
        store.close()


def _article(number: int, outlets: int) -> Article:
    """An article of outlet `number % outlets` (its text only makes its id unique)."""
    outlet = f"Outlet {number % outlets}"
    return Article(id=f"b{number:012d}", text=f"Generated report {number}.", source=outlet)


def _extraction(article: Article, randomness: random.Random) -> Extraction:
    """Two to four confidently resolved towns in the outlet's home country, mostly in its province."""
    outlet = int((article.source or "0").rsplit(" ", 1)[-1])
    country = COUNTRIES[outlet % len(COUNTRIES)]
    places = []
    for number in range(randomness.randint(2, 4)):
        province = outlet % 5 if randomness.random() < 0.7 else randomness.randint(0, 30)
        town = GeoEntry(outlet * 1000 + number, f"Town {number}", 0.0, 0.0, country, country,
                        f"{province:02d}", f"Province {province}")
        places.append(PlaceMention(article.id, 0, 4, town.name, "bench", town, (town,), 0.95))
    return Extraction(article_id=article.id, components=("bench",), places=tuple(places))


def _clear(store: Store) -> None:
    """Empty a scratch database given with --db (articles cascade to their rows)."""
    from sqlalchemy import delete

    from sitrep.store.schema import articles

    with store.engine.begin() as connection:  # type: ignore[attr-defined]
        connection.execute(delete(articles))


if __name__ == "__main__":
    main()
