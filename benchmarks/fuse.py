"""Fusion cost per added article as the store grows: it must stay roughly flat (blocking, no all-pairs).

    python benchmarks/fuse.py [--sizes 1000,10000,50000] [--batch 200] [--probes 3] [--per-day 120]

Generates articles with their extractions (no spaCy: this measures fusion alone): real events at
towns of several countries over a year, each reported by one to four outlets in their own words,
with actors, tallies and quotes; some outlets carry another's wire copy. The store is filled by
fusing batches until it holds each size; then `--probes` more batches are fused and timed. Prints,
per size, the median milliseconds per added article over the probes, and the ratio to the first
size. SQLite file in a temporary folder. `--per-day` sets how many articles arrive a day
(`benchmarks/stream.py` compares densities).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from wordfreq import top_n_list

from sitrep.ingest.identity import article_id
from sitrep.records import (
    Article,
    Claim,
    CodedEvent,
    EntityMention,
    Extraction,
    GeoEntry,
    Modality,
    PlaceMention,
    Quote,
)
from sitrep.run.fusion import fuse_articles
from sitrep.store import Store, open_store

COUNTRIES = (("AF", "Afghanistan"), ("SY", "Syria"), ("YE", "Yemen"), ("ML", "Mali"), ("SO", "Somalia"),
             ("MM", "Myanmar"), ("SD", "Sudan"), ("ET", "Ethiopia"), ("NG", "Nigeria"), ("UA", "Ukraine"))
KINDS = (("Strategic developments", "Non-state actor overtakes territory", "captured"),
         ("Battles", "Armed clash", "fought"),
         ("Explosions/Remote violence", "Air/drone strike", "bombed"),
         ("Violence against civilians", "Attack", "attacked"),
         ("Riots", "Violent demonstration", "rioted in"),
         ("Battles", "Government regains territory", "retook"))
ACTORS = ("Taliban", "Islamic State", "Al-Shabaab", "Houthis", "JNIM", "RSF", "Army", "Police", "Militia")
SYLLABLES = ("kar", "dash", "zar", "mir", "tal", "ban", "gor", "sha", "hel", "nur", "qal", "bad", "abad",
             "dor", "kan", "sar", "pul", "rud", "jan", "kot")
# Everyday words every article draws on: the 5,000 most frequent English words, so unrelated reports
# share common words (weighted low by rarity) as real news does.
COMMON = tuple(word for word in top_n_list("en", 5000) if word.isalpha() and len(word) > 2)
DETAILS_PER_EVENT = 8
OUTLETS = tuple(f"Outlet {number}" for number in range(40))
TOWNS_PER_COUNTRY = 150
FIRST_DAY = date(2021, 1, 1)
# Real events a day; each is reported one to four times, so about five articles a day per event.
EVENTS_PER_DAY = 60


def make_towns(rng: random.Random) -> list[GeoEntry]:
    """Invented towns with distinct names, coordinates and provinces in each country."""
    towns, names = [], set()
    for code, country in COUNTRIES:
        for number in range(TOWNS_PER_COUNTRY):
            name = ""
            while not name or name in names:
                name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
            names.add(name)
            towns.append(GeoEntry(8_000_000 + len(towns), name, rng.uniform(-30, 50), rng.uniform(-10, 100),
                                  code, country, f"{number % 20:02d}", f"{name} Province", "P", "PPL",
                                  rng.randint(1000, 500000)))
    return towns


def generate(count: int, seed: int = 11, *, per_day: int = EVENTS_PER_DAY * 2
             ) -> Iterator[tuple[Article, Extraction, list[CodedEvent]]]:
    """`count` articles about real events, several reports each, arriving as a stream.

    Articles come at a steady `per_day` (by default `EVENTS_PER_DAY` events a day), so a larger
    corpus covers a longer period (as a real feed does), not a denser one. Each real event has its
    own details (invented names of people, quarters, units) that its reports share, as reports of
    one event share names in real news; all reports share everyday words.
    """
    rng = random.Random(seed)
    towns = make_towns(rng)
    made = 0
    while made < count:
        town, kind, actor = rng.choice(towns), rng.choice(KINDS), rng.choice(ACTORS)
        day = FIRST_DAY + timedelta(days=made // per_day + rng.randint(0, 2))
        details = [_word(rng) for _ in range(DETAILS_PER_EVENT)]
        wire = _text(rng, town, kind, actor, day, details, made)
        for report in range(rng.randint(1, 4)):
            if made >= count:
                return
            if report == 0:
                text = wire
            elif rng.random() < 0.3:  # another site carries the wire copy
                text = f"{wire} Copy {made}."
            else:
                text = _text(rng, town, kind, actor, day, details, made)
            yield _article(text, rng.choice(OUTLETS), town, kind, actor,
                           day + timedelta(days=rng.randint(0, 1)))
            made += 1


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).title()


def _text(rng: random.Random, town: GeoEntry, kind: tuple[str, str, str], actor: str, day: date,
          details: list[str], number: int) -> str:
    sentences = []
    for _ in range(3):
        words = rng.sample(COMMON, 9) + rng.sample(details, 2)
        rng.shuffle(words)
        sentences.append(" ".join(words).capitalize() + ".")
    tally = f" {actor} now hold {rng.randint(1, 9)} of {rng.randint(10, 40)} provincial capitals."
    quote = f' "{" ".join(rng.sample(COMMON, 6)).capitalize()} {details[0]}," {details[1]} said.'
    return (f"{actor} {kind[2]} {town.name} in {town.admin1} on {day:%A}, officials said. "
            f"{sentences[0]} {sentences[1]}{tally}{quote} {sentences[2]} Report {number}.")


def _article(text: str, outlet: str, town: GeoEntry, kind: tuple[str, str, str], actor: str,
             day: date) -> tuple[Article, Extraction, list[CodedEvent]]:
    title = f"{actor} {kind[2]} {town.name}"
    article = Article(id=article_id(text, title), text=text, title=title, source=outlet, published_at=day,
                      language="en", input="bench", format="text")
    where = text.index(town.name)
    trigger = text.index(kind[2])
    entity = EntityMention(article.id, 0, len(actor), actor, "ORG", "bench.v1", actor, "Rebel group")
    place = PlaceMention(article.id, where, where + len(town.name), town.name, "bench.v1", town, (town,),
                         0.9, 1)
    sentence = text.index(".") + 1
    coded = CodedEvent(
        article_id=article.id, trigger_start=trigger, trigger_end=trigger + len(kind[2]), trigger=kind[2],
        component="bench.v1", event_type=kind[0], sub_event_type=kind[1], modality=Modality.ASSERTED,
        confidence=0.8, event_date=day, time_precision=1, actor1=actor, actor1_type="Rebel group",
        actor2=None, actor2_type=None, country=town.country, country_code=town.country_code,
        admin1=town.admin1, location=town.name, geonameid=town.geonameid, latitude=town.latitude,
        longitude=town.longitude, geo_precision=1, fatalities=None, source=outlet, evidence_start=0,
        evidence_end=sentence, notes=text[:sentence])
    start = text.index(" now hold ") + 10
    end = text.index("capitals") + len("capitals")
    held, _, total = text[start:end].split()[:3]
    claim = Claim(article.id, start, end, text[start:end], "bench.v1", float(held),
                  "provincial capitals", "provincial capitals", total=float(total), predicate="hold")
    opening = text.index('"')
    closing = text.index('"', opening + 1) + 1
    speaker = text[closing + 1:text.index(" said.", closing)]
    quote = Quote(article.id, opening, closing, text[opening:closing], "bench.v1", speaker, "said")
    extraction = Extraction(article.id, ("bench.v1",), entities=(entity,), places=(place,),
                            claims=(claim,), quotes=(quote,))
    return article, extraction, [coded]


def add(store: Store, items: list[tuple[Article, Extraction, list[CodedEvent]]]) -> float:
    """Store and fuse one batch; seconds spent fusing."""
    store.save_batch([article for article, _, _ in items], [])
    store.save_extractions([(extraction, coded) for _, extraction, coded in items])
    started = time.perf_counter()
    fuse_articles(store, [article.id for article, _, _ in items], seat=lambda geonameid: False)
    return time.perf_counter() - started


def main() -> None:
    """Fill the store size by size and time the batches fused at each."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--probes", type=int, default=3)
    parser.add_argument("--per-day", type=int, default=EVENTS_PER_DAY * 2)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    total = sizes[-1] + args.batch * args.probes * len(sizes)
    stream = generate(total, per_day=args.per_day)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'fuse.db'}")
        held, first = 0, None
        print(f"{'articles held':>14} {'ms per added article (median)':>30} {'ratio':>7}")
        for size in sizes:
            while held < size:
                chunk = [next(stream) for _ in range(min(args.batch, size - held))]
                add(store, chunk)
                held += len(chunk)
                print(f"  filled {held}", file=sys.stderr, end="\r")
            timings = []
            for _ in range(args.probes):
                chunk = [next(stream) for _ in range(args.batch)]
                timings.append(add(store, chunk) * 1000 / len(chunk))
                held += len(chunk)
            median = statistics.median(timings)
            first = first or median
            print(f"{size:>14,} {median:>30.2f} {median / first:>7.2f}")
        store.close()


if __name__ == "__main__":
    main()
