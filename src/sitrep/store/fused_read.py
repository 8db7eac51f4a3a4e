"""Fused records read back from the store as typed records, for the CLI, the report and the API."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import TypeVar

from sitrep.codec import from_jsonable
from sitrep.records import Article, ClaimGroup, ControlPeriod, Event, QuoteGroup, Story
from sitrep.store.base import (
    FACTUAL_MODALITIES,
    ArticleQuery,
    EventQuery,
    FusedQuery,
    FusedRow,
    Store,
    country_code_of,
)
from sitrep.store.folding import matches_folded

T = TypeVar("T")
# Pages read when a caller asks for every record of a kind; ids looked up per query.
PAGE = 2000
IDS_PER_QUERY = 500


class PlaceKind(StrEnum):
    """Which places a control table lists."""

    ALL = "all"
    PROVINCIAL_CAPITAL = "provincial-capital"


@dataclass(frozen=True, slots=True)
class ControlTable:
    """The control periods in force on one day in one country."""

    country: str
    as_of: date
    kind: PlaceKind
    periods: tuple[ControlPeriod, ...]


def articles_by_id(store: Store, ids: Iterable[str]) -> dict[str, Article]:
    """The stored articles among the full `ids`, read a few hundred per query (missing ids left out)."""
    wanted = sorted(set(ids))
    found: dict[str, Article] = {}
    for begin in range(0, len(wanted), IDS_PER_QUERY):
        query = ArticleQuery(ids=tuple(wanted[begin:begin + IDS_PER_QUERY]), limit=None)
        found.update((article.id, article) for article in store.list_articles(query))
    return found


def list_stories(store: Store, query: FusedQuery | None = None) -> list[Story]:
    """Stories, newest first."""
    rows = store.list_fused(query or FusedQuery("story"))
    return [from_jsonable(Story, json.loads(row.data)) for row in rows]


def list_fused_page(store: Store, query: FusedQuery) -> list[FusedRow]:
    """`store.list_fused(query)`; after a dated key, continued into the undated records (listed last)
    when the page is not full and the query keeps undated records. Give no offset with a key."""
    rows = store.list_fused(query)
    if not _continues_undated(query) or (query.limit is not None and len(rows) >= query.limit):
        return rows
    limit = None if query.limit is None else query.limit - len(rows)
    return rows + store.list_fused(replace(query, after=(None, None), limit=limit, offset=0))


def count_fused_page(store: Store, query: FusedQuery, *, most: int) -> int:
    """`store.count_fused(query, most=most)`, the undated records after a dated key counted too."""
    counted = store.count_fused(query, most=most)
    if not _continues_undated(query) or counted > most:
        return counted
    return counted + store.count_fused(replace(query, after=(None, None)), most=most - counted)


def _continues_undated(query: FusedQuery) -> bool:
    """The query has a dated key and keeps undated records (no day range, or `undated` with one)."""
    dated_key = query.after is not None and query.after[0] is not None
    return dated_key and (query.undated or (query.since is None and query.until is None))


def list_fused_events(store: Store, query: FusedQuery) -> list[Event]:
    """Fused events matching `query` (its kind is forced to "event"), newest first."""
    rows = store.list_fused(replace(query, kind="event"))
    return [from_jsonable(Event, json.loads(row.data)) for row in rows]


@dataclass(frozen=True, slots=True)
class StoreSummary:
    """What a database holds: articles read, mentions extracted, records fused, by kind and modality."""

    articles: int
    skipped: int
    mentions: int
    factual_mentions: int
    events_by_modality: dict[str, int]
    stories: int
    claim_groups: int
    quote_groups: int
    countries: tuple[tuple[str, str, int], ...]

    @property
    def events(self) -> int:
        """Fused events of every modality."""
        return sum(self.events_by_modality.values())

    @property
    def factual_events(self) -> int:
        """Fused events said to have happened (asserted, reported or claimed)."""
        return sum(self.events_by_modality.get(modality.value, 0) for modality in FACTUAL_MODALITIES)


def summarise_store(store: Store) -> StoreSummary:
    """Counts of everything stored; an event's modality is read from its record (one pass over events)."""
    modalities: Counter[str] = Counter(
        event.modality.value for event in iter_fused(store, FusedQuery("event"), Event))
    countries = tuple((name or "unknown", code or "", count) for name, code, count in
                      store.fused_countries("event") if code)
    return StoreSummary(
        articles=store.count_articles(), skipped=len(store.list_skipped()),
        mentions=store.count_events(EventQuery(modalities=())),
        factual_mentions=store.count_events(EventQuery(modalities=FACTUAL_MODALITIES)),
        events_by_modality=dict(modalities.most_common()),
        stories=store.count_fused(FusedQuery("story")), claim_groups=store.count_fused(FusedQuery("claim")),
        quote_groups=store.count_fused(FusedQuery("quote")), countries=countries)


def list_claim_groups(store: Store, query: FusedQuery) -> list[ClaimGroup]:
    """Claim groups matching `query` (its kind is forced to "claim"), newest first."""
    rows = store.list_fused(replace(query, kind="claim"))
    return [from_jsonable(ClaimGroup, json.loads(row.data)) for row in rows]


def list_quote_groups(store: Store, query: FusedQuery) -> list[QuoteGroup]:
    """Quote groups matching `query` (its kind is forced to "quote"), newest first."""
    rows = store.list_fused(replace(query, kind="quote"))
    return [from_jsonable(QuoteGroup, json.loads(row.data)) for row in rows]


def iter_fused(store: Store, query: FusedQuery, kind: type[T]) -> Iterator[T]:
    """Every record matching `query`, page by page (its limit and offset are ignored)."""
    offset = 0
    while True:
        page = store.list_fused(replace(query, limit=PAGE, offset=offset))
        yield from (from_jsonable(kind, json.loads(row.data)) for row in page)
        if len(page) < PAGE:
            return
        offset += PAGE


def control_table(store: Store, *, country: str, as_of: date,
                  kind: PlaceKind = PlaceKind.ALL) -> ControlTable:
    """Who held which place of `country` on `as_of`, by place name."""
    rows = store.list_control(country=country, as_of=as_of)
    periods = [from_jsonable(ControlPeriod, json.loads(row.data)) for row in rows
               if kind is PlaceKind.ALL or row.admin1_seat]
    periods.sort(key=lambda period: (period.place, period.geonameid))
    return ControlTable(country=country, as_of=as_of, kind=kind, periods=tuple(periods))


def country_periods(store: Store, country: str) -> list[ControlPeriod]:
    """Every control period of `country`, by place then start."""
    return [from_jsonable(ControlPeriod, json.loads(row.data)) for row in store.list_control(country=country)]


def country_claim_groups(store: Store, *, country: str, since: date, until: date) -> list[ClaimGroup]:
    """Claim groups reported in [since, until] by articles that report events in `country`.

    Starts from the claims (few in a window), not from the country's events (all of them).
    """
    groups = list(iter_fused(store, FusedQuery("claim", since=since, until=until), ClaimGroup))
    cited = sorted({value.article_id for group in groups for value in group.values})
    in_country: set[str] = set()
    for row in store.fused_of_articles("event", cited):
        if _in_country(row, country):
            mentions = json.loads(row.data).get("mentions", [])
            in_country.update(mention["article_id"] for mention in mentions)
    return [group for group in groups if any(value.article_id in in_country for value in group.values)]


def _in_country(row: FusedRow, country: str) -> bool:
    """The store's country filter on one row: a code, or a name (see `country_code_of`)."""
    as_code = country_code_of(country)
    return row.country_code == as_code if as_code else matches_folded(row.country, country)
