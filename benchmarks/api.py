"""Response times of the API and the dashboard over real HTTP, on a store of 100,000 fused events.

    python benchmarks/api.py [--events 100000] [--repeat 50] [--quick] [--db URL] [--seed 7]
    python benchmarks/api.py --sizes 100000,1000000 [--repeat 20]

`--sizes`: the store is generated at the first size and timed, then grown to each next size by
copies of its events (same days, towns and actors; ids suffixed `~c1`, `~c2`, ...: ten times the
events a day at 1,000,000) and timed again; a last table gives each endpoint's median at every size
and the ratio of the largest to the smallest.

Generates a made-up war in one country (code AF) straight into the store, without extraction or
fusion: about 300 invented towns in the country's 34 provinces, a year of events (armed clashes,
strikes, bombings, attacks on civilians, arrests, protests, and the captures and recaptures that
move control), each reported by one to three outlets in their daily round-ups (a few thousand
articles, each carrying the sentences of many events), one story per round-up, and who holds
every town from the first days to the last. Fused event rows are written as fusion writes them
(the filter columns filled the same way), so the server reads what a real store holds.

Then starts the real app under uvicorn on 127.0.0.1 (a free port, in a thread of this process)
and times, with one keep-alive HTTP client, after a few warm-up requests, `--repeat` requests per
endpoint with varied parameters (pages, days, filters, event ids): the events list, one day's
map, one event as JSON and as a page, the home page and the timeline. Prints median, p95 and max
milliseconds against the targets (median < 100 ms, p95 < 300 ms), the peak memory of the process
(loading and serving included) and the size of the database. Times include the client's own
work (same process); the database is fresh and in the OS cache, as on a server that has been up.
SQLite in a temporary folder unless `--db` names an empty PostgreSQL database. `--quick`: 2,000
events and 10 repetitions, a smoke run.

`--keep FILE`: the SQLite store is built in FILE and left there; a later run with the same FILE
(or `--reuse` with `--db`) times the store as it stands, without building it again (the sizes are
then ignored; the event ids asked for are read back from the store).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import socket
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import httpx
import pycountry
import uvicorn
from sqlalchemy import inspect, text

from sitrep.api.app import create_app
from sitrep.api.config import ServeConfig
from sitrep.codec import to_jsonable
from sitrep.fuse.control import control_place
from sitrep.ingest.identity import article_id
from sitrep.records import (
    Article,
    CodedEvent,
    ControlPeriod,
    ControlState,
    Disagreement,
    Event,
    FieldValue,
    GeoEntry,
    Modality,
    Story,
)
from sitrep.store import Store, open_store, upgrade_store
from sitrep.store.base import ControlRow, FusedRow
from sitrep.store.engine import make_engine, parse_db_url, sqlite_file
from sitrep.web.assets import assets_folder

COUNTRY, CODE = "Afghanistan", "AF"
# Afghanistan's bounding box (latitude, longitude): every invented town lies inside it.
SOUTH, NORTH, WEST, EAST = 29.4, 38.4, 60.6, 74.8
FIRST_DAY = date(2025, 1, 1)
DAYS = 365
TOWNS = 300
OUTLETS = ("Kabul Ledger", "Hindu Kush Wire", "Pamir Dispatch", "Oxus Daily", "Helmand Herald", "Salang Post",
           "Ariana Monitor", "Khyber Report", "Frontier Bulletin", "Amu Press", "Panjshir Sentinel",
           "Kandahar Courier", "Balkh Chronicle", "Herat Observer", "Ghazni Gazette", "Mountain Voice",
           "Steppe News", "Valley Times", "Desert Record", "Border Review", "Bamiyan Letter", "Kunduz Notes")
# Round-up articles an outlet writes a day hold about this many events' sentences.
EVENTS_PER_ARTICLE = 20
GOVERNMENT = "Government forces"
ACTOR_TYPES = {GOVERNMENT: "State forces", "Taliban": "Rebel group", "Resistance Front": "Rebel group",
               "Islamic State Khorasan": "Rebel group", "Tribal militia": "Identity militia",
               "Civilians": "Civilians", "Protesters": "Protesters"}
ARMED = (GOVERNMENT, "Taliban", "Resistance Front", "Islamic State Khorasan", "Tribal militia")
# Who held a town when records begin, and how often.
FIRST_HOLDERS = ((GOVERNMENT, 60), ("Taliban", 30), ("Resistance Front", 6), ("Islamic State Khorasan", 4))
SYLLABLES = ("kar", "dash", "zar", "mir", "tal", "ban", "gor", "sha", "hel", "nur", "qal", "bad", "abad",
             "dor", "kan", "sar", "pul", "rud", "jan", "kot", "ghar", "lash", "waz", "khan", "bar")
COMPONENT_EVENTS, COMPONENT_CODING = "sitrep.fuse.events.v1", "bench.v1"
COMPONENT_STORIES, COMPONENT_CONTROL = "sitrep.fuse.stories.v1", "sitrep.fuse.control.v1"
TARGET_MEDIAN_MS, TARGET_P95_MS = 100.0, 300.0
WARM_UP = 3
PAGE = 50


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of event: its ACLED type and sub-type, the verb that says it, and a sentence for it."""

    event_type: str
    sub_event_type: str
    verb: str
    sentence: str
    weight: int = 0


# Everyday events, weighted; the sentence names {a1}, {a2}, {town}, {province} and the {toll}.
KINDS = (
    Kind("Battles", "Armed clash", "clashed",
         "Fighting flared as {a1} clashed with {a2} on the edge of {town} in {province}; {toll}.", 30),
    Kind("Explosions/Remote violence", "Air/drone strike", "struck",
         "A drone flown by {a1} struck a compound used by {a2} near {town}, {province}; {toll}.", 12),
    Kind("Explosions/Remote violence", "Remote explosive/landmine/IED", "detonated",
         "A roadside bomb planted by {a1} detonated beside a {a2} patrol outside {town} in {province}; "
         "{toll}.", 12),
    Kind("Explosions/Remote violence", "Shelling/artillery/missile attack", "shelled",
         "{a1} shelled {a2} positions in the hills around {town}, {province} province; {toll}.", 10),
    Kind("Violence against civilians", "Attack", "attacked",
         "Gunmen from {a1} attacked {a2} on the market road of {town} in {province}; {toll}.", 12),
    Kind("Strategic developments", "Arrests", "detained",
         "{a1} detained several men in {town}, {province} province, their relatives told reporters.", 6),
    Kind("Protests", "Peaceful protest", "gathered",
         "Residents of {town} in {province} gathered outside the district office to ask for an end to the "
         "fighting.", 6),
    Kind("Strategic developments", "Looting/property destruction", "burned",
         "Men loyal to {a1} burned shops and a school in {town}, {province} province, after the "
         "{a2} left.", 4),
)
CAPTURE = Kind("Strategic developments", "Non-state actor overtakes territory", "captured",
               "{a1} captured {town} in {province} province from {a2} after a night of fighting; {toll}.")
RETAKE = Kind("Battles", "Government regains territory", "retook",
              "{a1} retook {town} in {province} province from {a2}, district officials said; {toll}.")
CONTEST = KINDS[0]


@dataclass(frozen=True, slots=True)
class Spec:
    """One event to write: where, what, who, and its death toll; `plan` numbers a control change."""

    day: int
    town: GeoEntry
    kind: Kind
    actor1: str
    actor2: str | None
    fatalities: int | None
    plan: int | None = None


@dataclass(slots=True)
class Segment:
    """A control period being planned: its state and holder from `start`, opened by event `plan`."""

    town: GeoEntry
    state: ControlState
    actor: str
    start: int
    plan: int


@dataclass(slots=True)
class Loaded:
    """What the generator wrote: counts, the event ids to ask for, and how long it took."""

    events: int = 0
    articles: int = 0
    stories: int = 0
    periods: int = 0
    seconds: float = 0.0
    event_ids: list[str] = field(default_factory=list)
    copies: int = 0


@dataclass(slots=True)
class Timing:
    """One endpoint's response times (ms), sizes (bytes) and a figure read from each response."""

    name: str
    times: list[float] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    figures: list[int] = field(default_factory=list)
    figure_name: str = ""


@dataclass(frozen=True, slots=True)
class Case:
    """An endpoint to time: its name, a path drawn for each request, and what to read from a response."""

    name: str
    path: Callable[[random.Random], str]
    figure: Callable[[httpx.Response], int] | None = None
    figure_name: str = ""
    html: bool = False


# --- The made-up war: towns, control changes, events, round-up articles.


def make_towns(rng: random.Random) -> tuple[list[GeoEntry], set[int]]:
    """Invented towns in the country's 34 provinces (the first of each its seat), and the seats' ids."""
    provinces = sorted(pycountry.subdivisions.get(country_code=CODE), key=lambda s: s.code)  # type: ignore[no-untyped-call]
    centres = [(rng.uniform(SOUTH + 1, NORTH - 1), rng.uniform(WEST + 1, EAST - 1)) for _ in provinces]
    towns, names, seats = [], set(), set()
    for number in range(TOWNS):
        index = number % len(provinces)
        name = ""
        while not name or name in names:
            name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
        names.add(name)
        latitude = min(NORTH, max(SOUTH, centres[index][0] + rng.uniform(-0.7, 0.7)))
        longitude = min(EAST, max(WEST, centres[index][1] + rng.uniform(-0.7, 0.7)))
        seat = number < len(provinces)
        population = rng.randint(80_000, 600_000) if seat else rng.randint(2_000, 60_000)
        town = GeoEntry(9_100_000 + number, name, round(latitude, 5), round(longitude, 5), CODE, COUNTRY,
                        provinces[index].code.split("-")[1], provinces[index].name, "P",
                        "PPLA" if seat else "PPL", population)
        towns.append(town)
        if seat:
            seats.add(town.geonameid)
    return towns, seats


def plan_control(rng: random.Random, towns: Sequence[GeoEntry]) -> tuple[list[Segment], list[Spec]]:
    """Each town's holders over the year, and the events that open each period (captures, clashes)."""
    segments: list[Segment] = []
    specs: list[Spec] = []
    holders = [holder for holder, _ in FIRST_HOLDERS]
    weights = [weight for _, weight in FIRST_HOLDERS]
    for town in towns:
        holder = rng.choices(holders, weights)[0]
        start = 0 if town.feature_code == "PPLA" else rng.randint(0, 6)
        _open(segments, specs, rng, town, start, ControlState.CONTROLLED, holder, _other(rng, holder))
        day = start
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
            day += rng.randint(10, 120)
            if day >= DAYS - 8:
                break
            holder, day = _change(segments, specs, rng, town, day, holder)
    return segments, specs


def _change(segments: list[Segment], specs: list[Spec], rng: random.Random, town: GeoEntry, day: int,
            holder: str) -> tuple[str, int]:
    """A capture, or a contest that the holder survives or loses a few days later."""
    attacker = _other(rng, holder)
    if rng.random() < 0.55:
        _open(segments, specs, rng, town, day, ControlState.CONTROLLED, attacker, holder)
        return attacker, day
    _open(segments, specs, rng, town, day, ControlState.CONTESTED, holder, attacker)
    day += rng.randint(2, 6)
    if rng.random() < 0.5:
        segments.append(Segment(town, ControlState.CONTROLLED, holder, day, segments[-1].plan))
        return holder, day
    _open(segments, specs, rng, town, day, ControlState.CONTROLLED, attacker, holder)
    return attacker, day


def _open(segments: list[Segment], specs: list[Spec], rng: random.Random, town: GeoEntry, day: int,
          state: ControlState, actor: str, other: str) -> None:
    """A period from `day` and the event that opens it (a capture, or the clash that contests it)."""
    plan = len(specs)
    if state == ControlState.CONTESTED:
        specs.append(Spec(day, town, CONTEST, other, actor, rng.randint(0, 15), plan))
    else:
        kind = RETAKE if actor == GOVERNMENT else CAPTURE
        specs.append(Spec(day, town, kind, actor, other, rng.randint(0, 25), plan))
    segments.append(Segment(town, state, actor, day, plan))


def _other(rng: random.Random, actor: str) -> str:
    """An armed actor other than `actor`, the government most often."""
    if actor != GOVERNMENT and rng.random() < 0.7:
        return GOVERNMENT
    return rng.choice([other for other in ARMED if other != actor])


def everyday_specs(rng: random.Random, towns: Sequence[GeoEntry], count: int) -> list[Spec]:
    """`count` events of the everyday kinds, spread evenly over the year, bigger towns more often."""
    weights = [math.sqrt(town.population) for town in towns]
    kind_weights = [kind.weight for kind in KINDS]
    specs = []
    for number in range(count):
        kind = rng.choices(KINDS, kind_weights)[0]
        actor1 = rng.choice(ARMED)
        actor2: str | None = _other(rng, actor1)
        if kind.sub_event_type == "Air/drone strike":
            actor1 = GOVERNMENT
            actor2 = rng.choice(ARMED[1:])
        elif kind.event_type == "Violence against civilians":
            actor2 = "Civilians"
        elif kind.event_type == "Protests":
            actor1, actor2 = "Protesters", None
        deadly = kind.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians")
        fatalities = rng.choice((0, 0, 1, 2, 3, 4, 6, 9, 14)) if deadly else None
        specs.append(Spec(number * DAYS // count, rng.choices(towns, weights)[0], kind, actor1, actor2,
                          fatalities))
    return specs


@dataclass(slots=True)
class Sentence:
    """A sentence of an event in one outlet's round-up: its text, the verb's offset, the toll it gives."""

    spec: int
    text: str
    trigger: int
    fatalities: int | None
    start: int = 0


def day_documents(rng: random.Random, day: date, specs: Sequence[Spec]
                  ) -> tuple[list[Article], list[Event], list[Story]]:
    """One day's round-up articles (one per outlet), their stories, and the day's events with mentions."""
    count = max(2, min(len(OUTLETS), math.ceil(len(specs) * 2 / EVENTS_PER_ARTICLE)))
    outlets = rng.sample(OUTLETS, count)
    sentences: list[list[Sentence]] = [[] for _ in outlets]
    for number, spec in enumerate(specs):
        reports = min(count, rng.choices((1, 2, 3), (5, 3, 2))[0])
        toll = spec.fatalities
        for slot in rng.sample(range(count), reports):
            if toll is not None and reports > 1 and rng.random() < 0.15:
                toll += rng.randint(1, 4)  # this outlet counts more dead: a disagreement
            sentences[slot].append(_sentence(number, spec, toll))
    articles, stories = [], []
    mentions: list[list[CodedEvent]] = [[] for _ in specs]
    for outlet, found in zip(outlets, sentences, strict=True):
        if not found:
            continue
        article = _round_up(outlet, day, found)
        articles.append(article)
        stories.append(Story(f"S-{article.id}", article.title or "", (article.id,), (outlet,), day, day,
                             COMPONENT_STORIES))
        for sentence in found:
            mentions[sentence.spec].append(_mention(article, specs[sentence.spec], sentence))
    events = [_event(spec, found) for spec, found in zip(specs, mentions, strict=True)]
    return articles, events, stories


def _sentence(number: int, spec: Spec, toll: int | None) -> Sentence:
    if toll is None:
        said = "nobody was reported hurt"
    else:
        said = "no one was killed" if toll == 0 else f"{toll} {'person' if toll == 1 else 'people'} killed"
    words = spec.kind.sentence.format(a1=spec.actor1, a2=spec.actor2 or "nobody", town=spec.town.name,
                                      province=spec.town.admin1, toll=said)
    words = words[0].upper() + words[1:]
    return Sentence(number, words, words.index(f" {spec.kind.verb} ") + 1, toll)


def _round_up(outlet: str, day: date, found: list[Sentence]) -> Article:
    """An outlet's round-up of the day: a lead, then one sentence per event it heard of."""
    lead = f"{outlet} gathered these reports from correspondents and officials on {day:%A %d %B %Y}."
    parts, at = [lead], len(lead) + 1
    for sentence in found:
        sentence.start = at
        parts.append(sentence.text)
        at += len(sentence.text) + 1
    body = " ".join(parts)
    title = f"Security round-up, {day:%d %B %Y}: {len(found)} incidents"
    return Article(id=article_id(body, title), text=body, title=title, source=outlet, published_at=day,
                   language="en", url=f"https://news.example/{outlet.lower().replace(' ', '-')}/{day}",
                   input="bench", format="json")


def _mention(article: Article, spec: Spec, sentence: Sentence) -> CodedEvent:
    trigger = sentence.start + sentence.trigger
    return CodedEvent(
        article_id=article.id, trigger_start=trigger, trigger_end=trigger + len(spec.kind.verb),
        trigger=spec.kind.verb, component=COMPONENT_CODING, event_type=spec.kind.event_type,
        sub_event_type=spec.kind.sub_event_type, modality=Modality.REPORTED if sentence.spec % 3 else
        Modality.ASSERTED, confidence=0.8, event_date=FIRST_DAY + timedelta(days=spec.day), time_precision=1,
        actor1=spec.actor1, actor1_type=ACTOR_TYPES[spec.actor1], actor2=spec.actor2,
        actor2_type=ACTOR_TYPES[spec.actor2] if spec.actor2 else None, country=COUNTRY, country_code=CODE,
        admin1=spec.town.admin1, location=spec.town.name, geonameid=spec.town.geonameid,
        latitude=spec.town.latitude, longitude=spec.town.longitude, geo_precision=1,
        fatalities=sentence.fatalities, source=article.source, evidence_start=sentence.start,
        evidence_end=sentence.start + len(sentence.text), notes=sentence.text)


def _event(spec: Spec, mentions: list[CodedEvent]) -> Event:
    """The fused event of its mentions: the toll most of them give, and the disagreement if any."""
    first = mentions[0]
    sources = tuple(sorted({mention.source or "" for mention in mentions}))
    tolls = Counter(mention.fatalities for mention in mentions)
    disagreements: tuple[Disagreement, ...] = ()
    if len(tolls) > 1:
        disagreements = (Disagreement("fatalities", tuple(
            FieldValue(str(toll), tuple(m.article_id for m in mentions if m.fatalities == toll),
                       tuple(m.source or "" for m in mentions if m.fatalities == toll))
            for toll in sorted(tolls, key=lambda toll: -1 if toll is None else toll))),)
    return Event(
        event_id=f"E-{first.article_id}-{first.trigger_start}-{spec.town.geonameid}",
        component=COMPONENT_EVENTS, event_type=first.event_type, sub_event_type=first.sub_event_type,
        modality=first.modality, confidence=first.confidence, event_date=first.event_date, time_precision=1,
        actor1=first.actor1, actor1_type=first.actor1_type, actor2=first.actor2,
        actor2_type=first.actor2_type,
        country=COUNTRY, country_code=CODE, admin1=first.admin1, location=first.location,
        geonameid=first.geonameid, latitude=first.latitude, longitude=first.longitude, geo_precision=1,
        fatalities=tolls.most_common(1)[0][0], sources=sources, independent_sources=len(sources),
        mentions=tuple(mentions), disagreements=disagreements, story_id=f"S-{first.article_id}")


def _json(record: object) -> str:
    return json.dumps(to_jsonable(record), ensure_ascii=False)


def event_row(event: Event) -> FusedRow:
    """The fused row of an event, its filter columns filled as fusion fills them."""
    return FusedRow(kind="event", record_id=event.event_id, group_id=f"event:{event.event_id}",
                    data=_json(event), first_day=event.event_date, last_day=event.event_date,
                    country=event.country, country_code=event.country_code, label=event.sub_event_type,
                    place_id=control_place(event), weight=event.independent_sources, admin1=event.admin1,
                    category=event.event_type, place=event.location, latitude=event.latitude,
                    longitude=event.longitude,
                    actors=tuple(actor for actor in (event.actor1, event.actor2) if actor))


def story_row(story: Story) -> FusedRow:
    """The fused row of a story."""
    return FusedRow(kind="story", record_id=story.story_id, group_id=f"story:{story.story_id}",
                    data=_json(story), first_day=story.first_day, last_day=story.last_day, label=story.title,
                    weight=len(story.article_ids))


def control_rows(segments: Sequence[Segment], plan_ids: dict[int, Event], seats: set[int]
                 ) -> dict[int, list[ControlRow]]:
    """Every town's control periods, each ending where the next begins, with its opening event."""
    by_town: dict[int, list[Segment]] = {}
    for segment in segments:
        by_town.setdefault(segment.town.geonameid, []).append(segment)
    rows: dict[int, list[ControlRow]] = {}
    for geonameid, found in by_town.items():
        found.sort(key=lambda segment: segment.start)
        periods = []
        for number, segment in enumerate(found):
            end = found[number + 1].start if number + 1 < len(found) else None
            periods.append(_period(segment, end, plan_ids[segment.plan], geonameid in seats))
        rows[geonameid] = [ControlRow(geonameid=geonameid, start=p.start, end=p.end, country=COUNTRY,
                                      country_code=CODE, state=p.state.value, actor=p.actor,
                                      admin1_seat=p.admin1_seat, data=_json(p)) for p in periods]
    return rows


def _period(segment: Segment, end: int | None, opening: Event, seat: bool) -> ControlPeriod:
    town = segment.town
    return ControlPeriod(
        geonameid=town.geonameid, place=town.name, country=COUNTRY, country_code=CODE, admin1=town.admin1,
        latitude=town.latitude, longitude=town.longitude, admin1_seat=seat, state=segment.state,
        actor=segment.actor, start=FIRST_DAY + timedelta(days=segment.start),
        end=FIRST_DAY + timedelta(days=end) if end is not None else None, event_ids=(opening.event_id,),
        sources=opening.sources, corroborated=opening.independent_sources > 1, component=COMPONENT_CONTROL)


def load(store: Store, count: int, seed: int) -> Loaded:
    """Write `count` fused events with their articles, stories and control periods; what was written."""
    started = time.perf_counter()
    rng = random.Random(seed)
    towns, seats = make_towns(rng)
    segments, planned = plan_control(rng, towns)
    if count < 2 * len(planned):
        raise SystemExit(f"--events must be at least {2 * len(planned)}: the control changes alone "
                         f"take {len(planned)} events")
    by_day: list[list[Spec]] = [[] for _ in range(DAYS)]
    for spec in planned + everyday_specs(rng, towns, count - len(planned)):
        by_day[spec.day].append(spec)
    loaded, plan_ids = Loaded(), dict[int, Event]()
    for offset, specs in enumerate(by_day):
        articles, events, stories = day_documents(rng, FIRST_DAY + timedelta(days=offset), specs)
        _write_day(store, articles, events, stories)
        loaded.events += len(events)
        loaded.articles += len(articles)
        loaded.stories += len(stories)
        loaded.event_ids.extend(event.event_id for event in events)
        plan_ids.update((spec.plan, event) for spec, event in zip(specs, events, strict=True)
                        if spec.plan is not None)
        print(f"  day {offset + 1}/{DAYS}: {loaded.events:,} events", file=sys.stderr, end="\r")
    with store.fusion() as session:
        for geonameid, rows in sorted(control_rows(segments, plan_ids, seats).items()):
            session.replace_control(geonameid, rows)
            loaded.periods += len(rows)
    loaded.seconds = time.perf_counter() - started
    print(file=sys.stderr)
    return loaded


def _write_day(store: Store, articles: list[Article], events: list[Event], stories: list[Story]) -> None:
    store.save_batch(articles, [])
    event_rows, story_rows = [event_row(event) for event in events], [story_row(story) for story in stories]
    with store.fusion() as session:
        session.replace_fused("story", [row.group_id for row in story_rows], story_rows)
        session.replace_fused("event", [row.group_id for row in event_rows], event_rows)


# --- The server and the timings.


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(db_url: str) -> Iterator[str]:
    """The real app on 127.0.0.1 in a background thread, answering /api/health; yields its base URL."""
    app = create_app(ServeConfig(db_url=db_url, assets=assets_folder()))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, thread)
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def _wait_healthy(base: str, thread: threading.Thread, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not thread.is_alive():
            raise SystemExit("the server stopped while starting (see the log above)")
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"the server did not answer {base}/api/health within {seconds:.0f} s")


def cases(loaded: Loaded) -> list[Case]:
    """The endpoints timed, each with parameters that change from one request to the next."""
    total = loaded.events

    def any_day(rng: random.Random) -> date:
        return FIRST_DAY + timedelta(days=rng.randrange(DAYS))

    def pages(rng: random.Random, most: int, matching: int) -> int:
        """An offset among the first `most` pages of about `matching` records."""
        return rng.randrange(max(1, min(most, matching // PAGE))) * PAGE

    def month(rng: random.Random) -> str:
        since = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 30))
        return (f"/api/events?country={CODE}&since={since}&until={since + timedelta(days=29)}"
                f"&limit={PAGE}&offset={pages(rng, 10, total * 30 // DAYS)}")

    def actor(rng: random.Random) -> str:
        name = rng.choice(("taliban", "resistance", "khorasan", "militia"))
        return f"/api/events?country={CODE}&actor={name}&limit={PAGE}&offset={pages(rng, 20, total // 10)}"

    def unknown_actor(rng: random.Random) -> str:
        """An actor nobody names: the filter reads the whole country's index range."""
        return f"/api/events?country={CODE}&actor=nobody{rng.randrange(1000)}&limit={PAGE}"

    def deep(rng: random.Random) -> str:
        return f"/api/events?country={CODE}&limit={PAGE}&offset={rng.randrange(total // 2, total - PAGE)}"

    def deep_cursor(rng: random.Random) -> str:
        """A page in the older half of the list, continued after a cursor as `next` links carry one
        (a day number and an event id: the key need not be stored to mark a place in the list)."""
        day = FIRST_DAY + timedelta(days=rng.randrange(1, DAYS // 2))
        return (f"/api/events?country={CODE}&limit={PAGE}&after={day.toordinal()}_"
                f"{quote(rng.choice(loaded.event_ids), safe='')}")

    listed = "total matching"
    return [
        Case("/api/events (first 100 pages)", lambda rng: f"/api/events?country={CODE}&limit={PAGE}"
             f"&offset={pages(rng, 100, total)}", _total, listed),
        Case("/api/events since/until 30 days", month, _total, listed),
        Case("/api/events actor=", actor, _total, listed),
        Case("/api/events actor= (no match)", unknown_actor, _total, listed),
        Case("/api/events deep offset (2nd half)", deep, _total, listed),
        Case("/api/events deep cursor (2nd half)", deep_cursor, _total, listed),
        Case("/api/map one day (7-day window)", lambda rng: f"/api/map?country={CODE}&day={any_day(rng)}",
             _map_events, "events carried"),
        Case("/api/events/{id}", lambda rng: f"/api/events/{rng.choice(loaded.event_ids)}",
             lambda response: len(response.json()["evidence"]), "mentions"),
        Case("/events/{id} (HTML)", lambda rng: f"/events/{rng.choice(loaded.event_ids)}", html=True),
        Case("/ home (HTML, ?day= varies)", lambda rng: f"/?day={any_day(rng)}", html=True),
        Case("/api/timeline", lambda rng: f"/api/timeline?country={CODE}",
             lambda response: len(response.json()["holdings"]), "days"),
        Case("/api/control one day", lambda rng: f"/api/control?country={CODE}&as_of={any_day(rng)}",
             lambda response: len(response.json()["periods"]), "places"),
    ]


def _total(response: httpx.Response) -> int:
    """The total a list answered, checked against its page (a capped total is a lower bound)."""
    body = response.json()
    if len(body["items"]) != min(PAGE, max(0, body["total"] - body["offset"])) and body.get(
            "total_exact", True):
        raise SystemExit(f"{response.request.url}: {len(body['items'])} items for total {body['total']}")
    return int(body["total"])


def _map_events(response: httpx.Response) -> int:
    body = response.json()
    if not body["places"]:
        raise SystemExit(f"{response.request.url}: no place is coloured on {body['day']}")
    return len(body["events"])


def measure(client: httpx.Client, case: Case, repeat: int, rng: random.Random) -> Timing:
    """`repeat` timed requests of `case` after a few warm-up ones."""
    timing = Timing(case.name, figure_name=case.figure_name)
    headers = {"Accept": "text/html"} if case.html else {}
    for number in range(WARM_UP + repeat):
        path = case.path(rng)
        started = time.perf_counter()
        response = client.get(path, headers=headers)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"GET {path}: {response.status_code} {response.text[:300]}")
        if case.html and "text/html" not in response.headers.get("content-type", ""):
            raise SystemExit(f"GET {path}: not a page ({response.headers.get('content-type')})")
        if number < WARM_UP:
            continue
        timing.times.append(elapsed)
        timing.sizes.append(len(response.content))
        if case.figure:
            timing.figures.append(case.figure(response))
    return timing


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value at least `share` of the values do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def report(timings: Sequence[Timing]) -> None:
    """The table: median, p95 and max ms per endpoint against the targets, then what responses held."""
    print(f"\n{'endpoint':<38} {'median ms':>9} {'p95 ms':>8} {'max ms':>8} {'KB':>7}  "
          f"target (median < {TARGET_MEDIAN_MS:.0f}, p95 < {TARGET_P95_MS:.0f})")
    for timing in timings:
        median, p95 = statistics.median(timing.times), percentile(timing.times, 0.95)
        passed = median < TARGET_MEDIAN_MS and p95 < TARGET_P95_MS
        print(f"{timing.name:<38} {median:>9.1f} {p95:>8.1f} {max(timing.times):>8.1f} "
              f"{statistics.median(timing.sizes) / 1024:>7.1f}  {'pass' if passed else 'FAIL'}")
    print()
    for timing in timings:
        if timing.figures:
            print(f"{timing.name}: {timing.figure_name} min {min(timing.figures):,}, median "
                  f"{statistics.median(timing.figures):,.0f}, max {max(timing.figures):,}")


def database_size(db_url: str) -> int:
    """Bytes the database takes: the SQLite file (its log folded in first), or PostgreSQL's own figure."""
    path = sqlite_file(parse_db_url(db_url))
    if path is not None:
        with sqlite3.connect(path) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return path.stat().st_size
    engine = make_engine(parse_db_url(db_url))
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
    finally:
        engine.dispose()


def settle(db_url: str) -> None:
    """On PostgreSQL, what autovacuum does after a bulk load: statistics and the visibility map.

    Without it every count reads the table (100,000 heap fetches) and the planner guesses 2 rows.
    """
    if sqlite_file(parse_db_url(db_url)) is not None:
        return
    engine = make_engine(parse_db_url(db_url))
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    finally:
        engine.dispose()


def peak_rss_mb() -> float:
    """The process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
# Slider steps timed in the browser, and the day the page opens on (the busiest part of the year).
BROWSER_STEPS = 12
BROWSER_DAY = 200


def browser_timings(base: str, chromium: str) -> None:
    """How long a real browser takes to draw one day's map, and to redraw it a slider step later."""
    from playwright.sync_api import sync_playwright

    day = FIRST_DAY + timedelta(days=BROWSER_DAY)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        started = time.perf_counter()
        page.goto(f"{base}/?country=AF&day={day.isoformat()}")
        ready = f"body[data-map-ready='true'][data-map-day='{day.isoformat()}']"
        page.wait_for_selector(ready, timeout=120_000)
        opened = (time.perf_counter() - started) * 1000
        clusters = page.locator("#map .marker-cluster").count()
        markers = page.locator("#map .event-marker").count()
        steps = []
        page.locator("#day-slider").focus()
        for step in range(1, BROWSER_STEPS + 1):
            following = (day + timedelta(days=step)).isoformat()
            started = time.perf_counter()
            page.keyboard.press("ArrowRight")
            page.wait_for_selector(f"body[data-map-ready='true'][data-map-day='{following}']",
                                   timeout=120_000)
            steps.append((time.perf_counter() - started) * 1000)
        browser.close()
    print(f"\nin Chromium: home page to map drawn {opened:,.0f} ms ({clusters} clusters and {markers} single "
          f"event markers on screen); one slider step to the next day drawn: median "
          f"{statistics.median(steps):,.0f} ms, max {max(steps):,.0f} ms over {BROWSER_STEPS} steps "
          f"(the page waits 150 ms after a key before it asks)")


def reload(db_url: str) -> Loaded:
    """What an earlier run wrote in the store at `db_url`: its event count and the generated event ids."""
    engine = make_engine(parse_db_url(db_url))
    try:
        with engine.connect() as connection:
            ids = connection.execute(text("SELECT record_id FROM fused WHERE kind = 'event' "
                                          "AND record_id NOT LIKE '%~c%' ORDER BY record_id")).scalars()
            loaded = Loaded(event_ids=list(ids))
            loaded.events = int(connection.execute(
                text("SELECT count(*) FROM fused WHERE kind = 'event'")).scalar_one())
    finally:
        engine.dispose()
    return loaded


def run_again(db_url: str, repeat: int, seed: int, chromium: str | None = None) -> None:
    """Time the store an earlier run built, as it stands (after bringing its schema up to date)."""
    before, after = upgrade_store(db_url)
    if before != after:
        print(f"schema upgraded from revision {before} to {after}")
    loaded = reload(db_url)
    if not loaded.events:
        raise SystemExit(f"{db_url} holds no events: build it first (without --reuse)")
    settle(db_url)
    print(f"reused {loaded.events:,} events; database: {database_size(db_url) / 2**20:,.0f} MB")
    time_cases(db_url, loaded, repeat, seed, chromium)


def run(db_url: str, sizes: Sequence[int], repeat: int, seed: int, chromium: str | None = None) -> None:
    """Fill the store at the first size, then grow it to each size in turn; serve and time each."""
    store = open_store(db_url)
    if store.count_articles():
        store.close()
        raise SystemExit(f"{store.url} is not empty: give a new database")
    loaded = load(store, sizes[0], seed)
    store.close()
    print(f"loaded {loaded.events:,} events, {loaded.articles:,} articles, {loaded.stories:,} stories, "
          f"{loaded.periods:,} control periods ({TOWNS} towns, 34 provinces, {DAYS} days) in "
          f"{loaded.seconds:.1f} s ({loaded.events / loaded.seconds:,.0f} events/s)")
    by_size: dict[int, list[Timing]] = {}
    for size in sizes:
        if size > loaded.events:
            started = time.perf_counter()
            grow(db_url, loaded, size)
            print(f"\ngrown to {loaded.events:,} events by copies in {time.perf_counter() - started:.1f} s")
        settle(db_url)
        print(f"database: {database_size(db_url) / 2**20:,.0f} MB; peak RSS so far: {peak_rss_mb():,.0f} MB")
        browser = chromium if size == sizes[-1] else None
        by_size[loaded.events] = time_cases(db_url, loaded, repeat, seed, browser)
    if len(by_size) > 1:
        compare(by_size)


def time_cases(db_url: str, loaded: Loaded, repeat: int, seed: int, chromium: str | None) -> list[Timing]:
    """Serve the store and time every case; print the table and return the timings."""
    rng = random.Random(seed + 1)
    with serving(db_url) as base, httpx.Client(base_url=base, timeout=120) as client:
        timings = []
        for case in cases(loaded):
            timings.append(measure(client, case, repeat, rng))
            print(f"  timed {case.name}", file=sys.stderr)
        print(f"\nat {loaded.events:,} events:")
        report(timings)
        print(f"\nrepetitions: {repeat} per endpoint after {WARM_UP} warm-up; "
              f"peak RSS (loading and serving): {peak_rss_mb():,.0f} MB")
        if chromium:
            browser_timings(base, chromium)
    return timings


def grow(db_url: str, loaded: Loaded, target: int) -> None:
    """Copy the generated events (ids and groups suffixed `~cN`) until the store holds `target` events.

    Every column is copied as it is (whatever the schema revision), so a copy sits on the same day,
    town and actors as its original: the store gets denser, as a busier war would make it.
    """
    engine = make_engine(parse_db_url(db_url))
    try:
        with engine.begin() as connection:
            names = [column["name"] for column in inspect(connection).get_columns("fused")]
            copied = ", ".join(f"{name} || :suffix" if name in ("record_id", "group_id") else name
                               for name in names)
            statement = text(f"INSERT INTO fused ({', '.join(names)}) SELECT {copied} FROM fused "
                             f"WHERE kind = 'event' AND record_id NOT LIKE '%~c%' "
                             f"ORDER BY record_id LIMIT :wanted")
            generated = len(loaded.event_ids)
            while loaded.events < target:
                loaded.copies += 1
                wanted = min(target - loaded.events, generated)
                connection.execute(statement, {"suffix": f"~c{loaded.copies}", "wanted": wanted})
                loaded.events += wanted
            if "fused_totals" in inspect(connection).get_table_names():  # running counts (migration 0009)
                connection.execute(text("DELETE FROM fused_totals"))
                connection.execute(text(
                    "INSERT INTO fused_totals (kind, country_code, day, rejected, records) SELECT kind, "
                    "coalesce(country_code, ''), first_day, rejected, count(*) FROM fused "
                    "GROUP BY kind, coalesce(country_code, ''), first_day, rejected"))
    finally:
        engine.dispose()


def compare(by_size: dict[int, list[Timing]]) -> None:
    """Each endpoint's median at every size, and the ratio of the largest size to the smallest."""
    sizes = sorted(by_size)
    print(f"\n{'endpoint':<38} " + " ".join(f"{f'{size:,} ms':>13}" for size in sizes) +
          f" {'ratio':>7} {'p95 at ' + f'{sizes[-1]:,}':>14}")
    for number, timing in enumerate(by_size[sizes[0]]):
        medians = [statistics.median(by_size[size][number].times) for size in sizes]
        largest = by_size[sizes[-1]][number].times
        print(f"{timing.name:<38} " + " ".join(f"{median:>13.1f}" for median in medians) +
              f" {medians[-1] / medians[0]:>6.1f}x {percentile(largest, 0.95):>14.1f}")


def main() -> None:
    """Parse the arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--sizes", help="sizes to time in turn, e.g. 100000,1000000 (instead of --events)")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="2,000 events and 10 repetitions")
    parser.add_argument("--db", help="an empty PostgreSQL database (default: SQLite in a temporary folder)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="SQLite file to build the store in and keep (reused "
                        "as it stands when it already holds events)")
    parser.add_argument("--reuse", action="store_true", help="time the store --db holds, without building")
    parser.add_argument("--browser", default="/usr/bin/chromium",
                        help="Chromium to time the map in (empty: skip; default: Debian's)")
    args = parser.parse_args()
    events, repeat = (2_000, 10) if args.quick else (args.events, args.repeat)
    sizes = sorted(int(size) for size in args.sizes.split(",")) if args.sizes else [events]
    chromium = args.browser if args.browser and Path(args.browser).is_file() else None
    if args.keep:
        url = f"sqlite:///{args.keep.resolve()}"
        if args.keep.is_file() and args.keep.stat().st_size:
            run_again(url, repeat, args.seed, chromium)
        else:
            run(url, sizes, repeat, args.seed, chromium)
        return
    if args.db:
        if args.reuse:
            run_again(args.db, repeat, args.seed, chromium)
        else:
            run(args.db, sizes, repeat, args.seed, chromium)
        return
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{Path(folder) / 'api.db'}", sizes, repeat, args.seed, chromium)


if __name__ == "__main__":
    main()
