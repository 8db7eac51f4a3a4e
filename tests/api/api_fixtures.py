"""A store of invented, fused news for the API and page tests, and the clients that read it.

Three made-up outlets report on made-up towns: a rebel group takes Velmar (two outlets, one story)
and, four days later, Ostrun (one outlet); gunmen attack a market in Tessaku, in another country;
and one HOSTILE article carries markup and a `javascript:` address in every field it can, with an
event so that it reaches the event, story, article, search and home pages.

Nothing here needs spaCy: extractions and coded events are written by hand, then fused with
`fuse_pending`, as `sitrep ingest` would have done.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from sitrep.api.app import create_app
from sitrep.api.config import ServeConfig
from sitrep.ingest.identity import article_id
from sitrep.records import (
    Article,
    Claim,
    CodedEvent,
    EntityMention,
    EventMention,
    Extraction,
    GeoEntry,
    Modality,
    PlaceMention,
    Quote,
    Skipped,
    SkipReason,
)
from sitrep.run.fusion import fuse_pending
from sitrep.store import Store, open_store
from sitrep.store.base import FusedQuery

TOKEN = "s3cret-test-token"
COMPONENT = "apitest.v1"
CAPTURE = "Non-state actor overtakes territory"
ATTACK = "Attack"
REBELS = "Liberation Front"
# Who fusion presumes holds the fixture's provincial capitals before a report says otherwise.
ARMY = "Military Forces of Afghanistan"
GUNMEN = "Unidentified armed group"

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_URL = "javascript:alert(1)"
HOSTILE_ACTOR = f"{HOSTILE_SCRIPT} Militia"

VELMAR = GeoEntry(920001, "Velmar", 35.40, 69.10, "AF", "Afghanistan", "91", "Velmar Province",
                  "P", "PPLA", 52000)
OSTRUN = GeoEntry(920002, "Ostrun", 34.80, 63.30, "AF", "Afghanistan", "92", "Ostrun Province",
                  "P", "PPLA", 31000)
BRASK = GeoEntry(920003, "Brask", 34.95, 63.60, "AF", "Afghanistan", "92", "Ostrun Province",
                 "P", "PPL", 4000)
TESSAKU = GeoEntry(920004, "Tessaku", 16.20, -0.80, "ML", "Mali", "07", "Tessaku Region",
                   "P", "PPL", 12000)
SEATS = frozenset({VELMAR.geonameid, OSTRUN.geonameid})

VELMAR_DAY = date(2022, 3, 1)
TESSAKU_DAY = date(2022, 3, 3)
HOSTILE_DAY = date(2022, 3, 4)
OSTRUN_DAY = date(2022, 3, 5)


@dataclass(frozen=True)
class Spec:
    """One invented article and what a perfect extractor would find in it."""

    key: str
    title: str
    text: str
    source: str
    day: date | None
    language: str = "en"
    url: str | None = None
    place: GeoEntry | None = None
    trigger: str = ""
    actor_words: str = ""
    actor: str = ""
    actor_type: str = "Rebel group"
    event_type: str = "Strategic developments"
    sub_event_type: str = CAPTURE
    fatalities: int | None = None
    claim: tuple[str, float, float] | None = None  # words, value, total
    quote: bool = False


SPECS = (
    Spec(
        key="velmar_ridge", title="Liberation Front takes Velmar", source="Ridge Courier", day=VELMAR_DAY,
        url="https://ridge-courier.example/velmar",
        text=("Liberation Front fighters captured Velmar, the seat of Velmar Province, on Tuesday after two "
              "days of clashes with army units. Traders said the garrison withdrew toward the river before "
              "dawn. The rebels now hold three of the seven provincial capitals in the region, a local elder "
              "said. \"Nobody came to help us,\" a shopkeeper said."),
        place=VELMAR, trigger="captured", actor_words="Liberation Front", actor=REBELS,
        claim=("three of the seven provincial capitals", 3.0, 7.0), quote=True),
    Spec(
        key="velmar_lowland", title="Velmar falls to the Liberation Front", source="Lowland Times",
        day=VELMAR_DAY, url="https://lowland-times.example/news/velmar",
        text=("Liberation Front fighters seized Velmar, the seat of Velmar Province, on Tuesday as army "
              "units pulled back toward the river. Three of the seven provincial capitals in the region "
              "are now held by the rebels, according to a local elder. \"Nobody came to help us,\" a "
              "shopkeeper said."),
        place=VELMAR, trigger="seized", actor_words="Liberation Front", actor=REBELS,
        claim=("Three of the seven provincial capitals", 3.0, 7.0), quote=True),
    Spec(
        key="ostrun", title="Liberation Front enters Ostrun", source="Ridge Courier", day=OSTRUN_DAY,
        text=("Liberation Front fighters captured Ostrun, the seat of Ostrun Province, on Saturday after a "
              "night of mortar fire on the police headquarters. Farmers near the Ostrun canal said the "
              "district chief fled by road."),
        place=OSTRUN, trigger="captured", actor_words="Liberation Front", actor=REBELS),
    Spec(
        key="tessaku", title="Attaque au marché de Tessaku", source="Harbor Wire", day=TESSAKU_DAY,
        language="fr",
        text=("Des hommes armés ont attaqué le marché hebdomadaire de Tessaku jeudi, tuant quatre "
              "commerçants, selon un responsable régional. Les assaillants sont repartis vers les dunes."),
        place=TESSAKU, trigger="attaqué", actor_words="hommes armés", actor=GUNMEN,
        actor_type="Political militia", event_type="Violence against civilians", sub_event_type=ATTACK,
        fatalities=4),
    Spec(
        key="hostile", title=f"{HOSTILE_SCRIPT} Raid on Brask {HOSTILE_IMG}", source="Lowland Times",
        day=HOSTILE_DAY, url=HOSTILE_URL,
        text=(f"{HOSTILE_SCRIPT} Militia gunmen raided Brask on Friday {HOSTILE_IMG} and burned two "
              "granaries, villagers said. The raiders left before the police arrived."),
        place=BRASK, trigger="raided", actor_words=HOSTILE_ACTOR, actor=HOSTILE_ACTOR,
        actor_type="Political militia", event_type="Violence against civilians", sub_event_type=ATTACK),
    Spec(
        key="undated", title="Aid convoy waits at the pass", source="Harbor Wire", day=None,
        text="An aid convoy of twelve lorries waited at the mountain pass while the road was cleared."),
)

SKIPPED = (
    Skipped("feeds/huge.xml", SkipReason.TOO_LARGE, "61 MB"),
    Skipped("lines/broken.jsonl", SkipReason.INVALID_JSON, "line 3"),
)


def get(api: TestClient, path: str, **params: object) -> dict:
    """The JSON of a GET that must succeed."""
    response = api.get(path, params=params) if params else api.get(path)  # params={} would drop a query
    assert response.status_code == 200, response.text
    return response.json()


def make_article(spec: Spec) -> Article:
    """The article of `spec`, with the id sitrep would give it."""
    return Article(id=article_id(spec.text, spec.title), text=spec.text, title=spec.title, url=spec.url,
                   source=spec.source, published_at=spec.day, language=spec.language,
                   input=f"{spec.key}.json", format="json")


def sentence_around(text: str, position: int) -> tuple[int, int]:
    """The offsets of the sentence holding `position` (sentences end with '. ')."""
    start = text.rfind(". ", 0, position)
    start = 0 if start < 0 else start + 2
    end = text.find(". ", position)
    return start, len(text) if end < 0 else end + 1


def extraction_of(article: Article, spec: Spec) -> tuple[Extraction, list[CodedEvent]]:
    """What a perfect extractor finds in `article`: actor, place, event, figure and quote."""
    if spec.place is None:
        return Extraction(article.id, (COMPONENT,)), []
    text = article.text
    actor_at = text.index(spec.actor_words)
    entity = EntityMention(article.id, actor_at, actor_at + len(spec.actor_words), spec.actor_words, "ORG",
                           COMPONENT, spec.actor, spec.actor_type)
    place_at = text.index(spec.place.name)
    place = PlaceMention(article.id, place_at, place_at + len(spec.place.name), spec.place.name, COMPONENT,
                         spec.place, (spec.place,), 0.9, 1)
    trigger = text.index(spec.trigger)
    start, end = sentence_around(text, trigger)
    mention = EventMention(article.id, trigger, trigger + len(spec.trigger), spec.trigger, COMPONENT,
                           spec.event_type, spec.sub_event_type, Modality.ASSERTED, 0.8, actor1=entity,
                           location=place, fatalities=spec.fatalities, sentence_start=start, sentence_end=end)
    extraction = Extraction(article.id, (COMPONENT,), entities=(entity,), places=(place,), events=(mention,),
                            claims=_claims(article, spec), quotes=_quotes(article, spec))
    return extraction, [coded_event(article, spec, mention)]


def coded_event(article: Article, spec: Spec, mention: EventMention) -> CodedEvent:
    """The coded event of `mention`, written out field by field."""
    place = spec.place
    assert place is not None
    return CodedEvent(
        article_id=article.id, trigger_start=mention.start, trigger_end=mention.end, trigger=mention.text,
        component=COMPONENT, event_type=spec.event_type, sub_event_type=spec.sub_event_type,
        modality=Modality.ASSERTED, confidence=0.8, event_date=spec.day, time_precision=1,
        actor1=spec.actor, actor1_type=spec.actor_type, actor2=None, actor2_type=None,
        country=place.country, country_code=place.country_code, admin1=place.admin1, location=place.name,
        geonameid=place.geonameid, latitude=place.latitude, longitude=place.longitude, geo_precision=1,
        fatalities=spec.fatalities, source=article.source, evidence_start=mention.sentence_start,
        evidence_end=mention.sentence_end, notes=article.text[mention.sentence_start:mention.sentence_end],
    )


def _claims(article: Article, spec: Spec) -> tuple[Claim, ...]:
    if spec.claim is None:
        return ()
    words, value, total = spec.claim
    start = article.text.index(words)
    return (Claim(article.id, start, start + len(words), words, COMPONENT, value, "provincial capitals",
                  "provincial capitals", total=total, predicate="hold"),)


def _quotes(article: Article, spec: Spec) -> tuple[Quote, ...]:
    if not spec.quote:
        return ()
    start = article.text.index('"')
    end = article.text.index('"', start + 1) + 1
    return (Quote(article.id, start, end, article.text[start:end], COMPONENT, "a shopkeeper", "said"),)


def seat(geonameid: int) -> bool:
    """The fixture's provincial capitals."""
    return geonameid in SEATS


@dataclass
class Fixture:
    """A database filled with the invented news, and the ids the tests look up."""

    url: str
    articles: dict[str, Article] = field(default_factory=dict)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)  # by spec key of the first mention
    stories: list[dict[str, Any]] = field(default_factory=list)

    def event_id(self, key: str) -> str:
        """The fused event an article of the fixture reports."""
        return str(self.events[key]["event_id"])

    def story_of(self, key: str) -> dict[str, Any]:
        """The story holding the article of `key`."""
        wanted = self.articles[key].id
        return next(story for story in self.stories if wanted in story["article_ids"])


def fill(store: Store, specs: Sequence[Spec] = SPECS, skipped: Iterable[Skipped] = SKIPPED) -> None:
    """Store the articles of `specs` and their extractions, and fuse them."""
    articles = [make_article(spec) for spec in specs]
    store.save_batch(articles, list(skipped))
    pairs = zip(articles, specs, strict=True)
    store.save_extractions([extraction_of(article, spec) for article, spec in pairs])
    fuse_pending(store, seat=seat)


def build(url: str) -> Fixture:
    """A database at `url` holding the fused fixture, and where each record ended up.

    A SQLite database is a copy of one built once per test session (same bytes, much faster).
    """
    target = make_url(url).database if url.startswith("sqlite:///") else None
    if not target:
        return _build(url)
    if not _SQLITE_TEMPLATE:
        _SQLITE_TEMPLATE.append(_build(f"sqlite:///{_TEMPLATE_FOLDER.name}/template.db"))
    template = _SQLITE_TEMPLATE[0]
    with closing(sqlite3.connect(make_url(template.url).database or "")) as source, \
            closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return replace(template, url=url)


_TEMPLATE_FOLDER = tempfile.TemporaryDirectory(prefix="sitrep-api-fixture-")
_SQLITE_TEMPLATE: list[Fixture] = []


def build_from(url: str, specs: Sequence[Spec]) -> str:
    """A database at `url` holding `specs` (instead of the fixture's own), fused; returns `url`."""
    store = open_store(url)
    try:
        fill(store, specs)
    finally:
        store.close()
    return url


def _build(url: str) -> Fixture:
    store = open_store(url)
    try:
        fill(store)
        fixture = Fixture(url=url, articles={spec.key: make_article(spec) for spec in SPECS})
        keys = {article.id: key for key, article in fixture.articles.items()}
        for row in store.list_fused(FusedQuery("event", limit=None)):
            data = json.loads(row.data)
            fixture.events[keys[data["mentions"][0]["article_id"]]] = data
        fixture.stories = [json.loads(row.data) for row in store.list_fused(FusedQuery("story", limit=None))]
    finally:
        store.close()
    return fixture


def client(url: str, *, token: str | None = None, private: bool = False, assets: Path | None = None,
           make_extractor: Any = None, raise_server_exceptions: bool = True) -> TestClient:
    """A test client of a server over `url` (use it in a `with` block)."""
    app = create_app(ServeConfig(db_url=url, token=token, private=private, assets=assets),
                     make_extractor=make_extractor)
    return TestClient(app, raise_server_exceptions=raise_server_exceptions)


def filler_articles(count: int, source: str = "Filler Gazette") -> list[Article]:
    """`count` distinct short articles, one a day from 2020-01-01 (for paging)."""
    found = []
    for number in range(count):
        text = f"Filler report number {number} about the harvest in a quiet valley."
        found.append(Article(id=article_id(text, None), text=text, source=source,
                             published_at=date.fromordinal(date(2020, 1, 1).toordinal() + number),
                             language="en", input=f"filler-{number}.txt", format="text"))
    return found


class FakeExtractor:
    """Stands in for the spaCy extractor: finds the event of a known spec in each posted article."""

    def __init__(self, specs: Sequence[Spec]) -> None:
        self.specs = list(specs)
        self.seen: list[str] = []

    def pipe(self, articles: Iterable[Article], **_: object) -> list[Extraction]:
        """One extraction per article, in order (an empty one for a text no spec holds)."""
        found = []
        for article in articles:
            self.seen.append(article.id)
            spec = next((spec for spec in self.specs if spec.text in article.text), None)
            found.append(extraction_of(article, spec)[0] if spec else Extraction(article.id, (COMPONENT,)))
        return found
