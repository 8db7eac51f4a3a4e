"""Fusion cost per added article by articles a day and by store size: both must stay roughly flat.

    python benchmarks/fuse.py [--per-day 120,1200,12000] [--sizes 1000,10000,100000] [--recent 3000]
                              [--batch 200] [--probes 3]

Generates articles with their extractions (no spaCy: this measures fusion alone): real events at
towns of several countries, each reported by one to four outlets in their own words, with actors,
tallies and quotes; some outlets carry another's wire copy. Articles arrive at `--per-day` a day.

For each rate and size the store is filled to the size: the last `--recent` articles before the
probes are fused batch by batch as a feed would; the older ones (history, weeks or years earlier)
are stored with their fusion items and keys written directly, each item its own group, which is
what fusion keeps of a period no new article can link to any more (outside every window), at a
small part of the cost of fusing it. Then `--probes` batches are fused and timed in CPU time
(other work on the machine does not count). Prints the median milliseconds per added article, and
the ratios to the lowest rate (same size) and the smallest size (same rate). SQLite, temporary
folder.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from wordfreq import top_n_list

from sitrep.fuse.claims import ClaimEvidence
from sitrep.fuse.events import EventEvidence
from sitrep.fuse.features import describe_article
from sitrep.fuse.quotes import QuoteEvidence
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
from sitrep.run import fusion
from sitrep.run.fusion import fuse_articles
from sitrep.run.stages import Stage, stored_item
from sitrep.store import Store, open_store
from sitrep.store.base import FusionItem

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


Generated = tuple[Article, Extraction, list[CodedEvent]]


def add(store: Store, items: list[Generated]) -> float:
    """Store and fuse one batch; CPU seconds spent fusing."""
    store.save_batch([article for article, _, _ in items], [])
    store.save_extractions([(extraction, coded) for _, extraction, coded in items])
    started = time.process_time()
    fuse_articles(store, [article.id for article, _, _ in items], seat=lambda geonameid: False)
    return time.process_time() - started


def add_history(store: Store, items: list[Generated]) -> None:
    """Store a batch of old articles with their fusion items and keys, each item its own group."""
    store.save_batch([article for article, _, _ in items], [])
    store.save_extractions([(extraction, coded) for _, extraction, coded in items])
    ids = [article.id for article, _, _ in items]
    by_kind: dict[str, list[FusionItem]] = {}
    for article, extraction, coded in items:
        day = article.published_on
        _own_group(by_kind, fusion.STORIES, describe_article(article, extraction))
        for mention in coded:
            _own_group(by_kind, fusion.EVENTS, EventEvidence(mention=mention, published_on=day,
                                                             story_id=None, copy_of=article.id))
        for claim in extraction.claims:
            _own_group(by_kind, fusion.CLAIMS, ClaimEvidence(claim=claim, source=article.source,
                                                             published_on=day))
        for quote in extraction.quotes:
            _own_group(by_kind, fusion.QUOTES, QuoteEvidence(quote=quote, source=article.source,
                                                             published_on=day))
    with store.fusion() as session:
        for kind, stored in by_kind.items():
            session.replace_items(kind, ids, stored)


def _own_group(by_kind: dict[str, list[FusionItem]], stage: Stage[Any, Any], item: Any) -> None:
    stored = stored_item(stage, item)
    group = f"{stage.kind}:{stored.item_id}"
    by_kind.setdefault(stage.kind, []).append(dataclasses.replace(stored, group_id=group))


def fusion_cost(per_day: int, size: int, *, recent: int, batch: int, probes: int) -> float:
    """Median CPU milliseconds per added article once `size` articles at `per_day` are stored."""
    stream = generate(size + batch * probes, per_day=per_day)
    timings = []
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'fuse.db'}")
        held = 0
        while held < size:
            history = held < size - recent
            wanted = min(batch * 10, size - recent - held) if history else min(batch, size - held)
            chunk = [next(stream) for _ in range(wanted)]
            if history:
                add_history(store, chunk)
            else:
                add(store, chunk)
            held += len(chunk)
            print(f"  {per_day}/day: {held:,} of {size:,}", file=sys.stderr, end="\r")
        for _ in range(probes):
            chunk = [next(stream) for _ in range(batch)]
            timings.append(add(store, chunk) * 1000 / len(chunk))
        store.close()
    return statistics.median(timings)


def main() -> None:
    """Time the fusion of added batches for every rate and store size; print the table and ratios."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-day", default="120,1200,12000")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--recent", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--probes", type=int, default=3)
    args = parser.parse_args()
    rates = [int(value) for value in args.per_day.split(",")]
    sizes = [int(value) for value in args.sizes.split(",")]
    costs: dict[tuple[int, int], float] = {}
    print(f"{'articles/day':>12} {'stored':>10} {'ms per added article':>21} {'vs rate':>8} {'vs size':>8}")
    for per_day in rates:
        for size in sizes:
            cost = costs[per_day, size] = fusion_cost(per_day, size, recent=args.recent, batch=args.batch,
                                                      probes=args.probes)
            print(f"{per_day:>12,} {size:>10,} {cost:>21.2f} {cost / costs.get((rates[0], size), cost):>8.2f}"
                  f" {cost / costs[per_day, sizes[0]]:>8.2f}", flush=True)


if __name__ == "__main__":
    main()
