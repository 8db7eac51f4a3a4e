"""Extraction time and memory of one long article, at growing lengths: it must grow linearly.

    python benchmarks/long_article.py [--sizes 25000,100000,400000,1900000]

Each article is generated here from sentences of our own, dense with place names, dates, events,
claims and quotes, in paragraphs of three to five sentences. Each size is extracted once in this
process; chars/s, wall and CPU seconds are printed per size (with --bare, also the CPU time of
bare spaCy on the same chunks: the floor under extraction), and the peak RSS at the end. Target (issue 11):
the 1.9 M-character article in under 60 s, the whole run under 1,500 MB, and chars/s roughly flat.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from typing import Any

SIZES = (25_000, 100_000, 400_000, 1_900_000)
SEED = 11
BUDGET = 3_600.0  # CPU seconds: the benchmark measures throughput, not the per-article budget
PLACES = (
    "Kunduz", "Kabul", "Herat", "Kandahar", "Mazar-i-Sharif", "Lashkar Gah", "Ghazni", "Zaranj",
    "Taloqan", "Pul-e-Khumri", "Jalalabad", "Faizabad", "Farah", "Sheberghan", "Aibak", "Qala-i-Naw",
)
PROVINCES = ("Helmand", "Baghlan", "Badakhshan", "Nangarhar", "Takhar", "Balkh", "Nimroz", "Logar")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("June", "July", "August")
ACTORS = ("Taliban fighters", "Afghan security forces", "government troops", "militants", "US aircraft")
TEMPLATES = (
    "{actor} attacked a police checkpoint in {place} on {day}, killing {n} soldiers.",
    "An air strike near {place} in {province} province killed at least {n} civilians on {date}.",
    "The Taliban captured {place}, the capital of {province} province, on {day} after heavy fighting.",
    "\"We will not leave {place},\" a spokesman for the governor of {province} said on {day}.",
    "More than {n} families fled {place} for {other} last week, according to the United Nations.",
    "Clashes between {actor} and local militias continued around {place} until {date}.",
    "Officials in {other} said {n} people were wounded when a roadside bomb exploded in {place}.",
    "Residents of {place} said the road to {other} had been closed since early {month}.",
)


def make_article(size: int, seed: int = SEED) -> str:
    """An article of about `size` characters in paragraphs of generated conflict-report sentences."""
    chooser = random.Random(seed)
    paragraphs: list[str] = ["Fighting spreads across northern Afghanistan"]
    length = len(paragraphs[0])
    while length < size:
        paragraph = " ".join(_sentence(chooser) for _ in range(chooser.randint(3, 5)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:size]


def _sentence(chooser: random.Random) -> str:
    """One sentence from a template, its slots filled at random."""
    place, other = chooser.sample(PLACES, 2)
    return chooser.choice(TEMPLATES).format(
        actor=chooser.choice(ACTORS), place=place, other=other, province=chooser.choice(PROVINCES),
        day=chooser.choice(DAYS), n=chooser.randint(2, 90), month=chooser.choice(MONTHS),
        date=f"{chooser.randint(1, 28)} {chooser.choice(MONTHS)}",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(size) for size in SIZES),
                        help="comma-separated article lengths in characters")
    parser.add_argument("--bare", action="store_true", help="also time bare spaCy on the same chunks")
    args = parser.parse_args()

    from datetime import date

    from sitrep.extract.pipeline import Extractor
    from sitrep.ingest.identity import article_id
    from sitrep.records import Article

    started = time.perf_counter()
    extractor = Extractor(budget=BUDGET)
    extractor(Article(id="warm-up", text=make_article(2_000), published_at=date(2021, 8, 11)))
    print(f"start-up (model, gazetteer, tables): {time.perf_counter() - started:.1f} s")
    for size in (int(value) for value in args.sizes.split(",")):
        text = make_article(size)
        article = Article(id=article_id(text), text=text, published_at=date(2021, 8, 11))
        wall, cpu = time.perf_counter(), _cpu_seconds()
        extraction = extractor(article)
        wall, cpu = time.perf_counter() - wall, _cpu_seconds() - cpu
        parse = bare_parse_seconds(extractor, text) if args.bare else 0.0
        bare = f", bare spaCy {parse:.1f} s CPU" if args.bare else ""
        failed = f", FAILED: {extraction.failure}" if extraction.failure else ""
        print(f"{size:>9,} chars: {wall:6.1f} s ({cpu:6.1f} s CPU), {size / wall:7,.0f} chars/s "
              f"({size / cpu:7,.0f} per CPU s){bare}; {len(extraction.places):,} places, "
              f"{len(extraction.events):,} events{failed}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # A long article's chunks are parsed in worker processes too (one per core): their peak is apart.
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:,.0f} MB, largest parse worker {worker_mb:,.0f} MB "
          f"(target < 1,500 MB; the 1.9 M article under 60 s)")


def _cpu_seconds() -> float:
    """CPU seconds of this process and of its finished parse workers."""
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + workers.ru_utime + workers.ru_stime


def bare_parse_seconds(extractor: Any, text: str) -> float:
    """CPU seconds spaCy alone takes to parse `text` in the extractor's chunks (the floor)."""
    from sitrep.extract.chunks import split_text
    from sitrep.extract.pipeline import CHUNK_BATCH

    chunks = split_text(text, extractor.chunk_chars)
    started = time.process_time()
    for _doc in extractor.nlp.pipe((text[c.start : c.end] for c in chunks), batch_size=CHUNK_BATCH):
        pass
    return time.process_time() - started


if __name__ == "__main__":
    main()
