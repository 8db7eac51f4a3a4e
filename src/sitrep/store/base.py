"""The store interface every backend implements, and the query options it takes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from sitrep.records import (
    Article,
    BatchResult,
    CodedEvent,
    Correction,
    Extraction,
    Modality,
    OutletHome,
    Skipped,
    SkippedEntry,
)

# Modalities that say an event happened (`Modality.is_factual`); threats, plans, denials and "ifs" are
# listed on request.
FACTUAL_MODALITIES = tuple(modality for modality in Modality if modality.is_factual)


def country_code_of(country: str) -> str | None:
    """The ISO code (upper case) when `country` is written as one, two letters in any case; else None.

    Every country filter reads its text this way: a code is compared with the code, anything else
    with the name.
    """
    wanted = country.strip()
    return wanted.upper() if len(wanted) == 2 and wanted.isalpha() else None


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """Which articles to list: all filters are optional and combine with AND.

    `text` matches a substring of the title or the text in any case and accents ("Herat" finds
    "Herāt"); `ids` lists full ids.
    """

    source: str | None = None
    language: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None
    ids: tuple[str, ...] | None = None
    limit: int | None = 100
    offset: int = 0


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which coded events to list: all filters are optional and combine with AND."""

    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    modalities: tuple[Modality, ...] = FACTUAL_MODALITIES
    article_id: str | None = None
    limit: int | None = 100
    offset: int = 0


@dataclass(frozen=True, slots=True)
class FusionItem:
    """One input of a fusion stage as stored: its day, blocking keys and the group it fell in.

    `data` is the item's record as JSON; `group_id` is its connected group and `record_id` the
    fused record (story, event, claim or quote group) it ended in ("" until assigned).
    """

    kind: str
    item_id: str
    article_id: str
    day: date | None
    data: str
    keys: tuple[str, ...] = ()
    group_id: str = ""
    record_id: str = ""


@dataclass(frozen=True, slots=True)
class FusedRow:
    """A fused record as stored: what queries filter on, and the record as JSON in `data`."""

    kind: str
    record_id: str
    group_id: str
    data: str
    first_day: date | None = None
    last_day: date | None = None
    country: str | None = None
    country_code: str | None = None
    label: str | None = None
    place_id: int | None = None
    weight: int = 0
    admin1: str | None = None
    category: str | None = None
    place: str | None = None
    actors: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    modality: str | None = None
    rejected: bool = False


@dataclass(frozen=True, slots=True)
class FusedQuery:
    """Which fused records of one kind to list: all filters optional, combined with AND.

    `since`/`until` select records whose days overlap that range, and undated records unless
    `undated` is False; `label`, `admin1` and `category` match exactly (any case, with or without
    accents: `store.folding`); `actor` is a substring of one actor; `text` a substring of the
    label, place, admin-1 or an actor, in any case and accents too. `modalities` keeps events of
    those modalities (all when None; a record stored without one counts as factual); records an
    analyst rejected are left out unless `rejected` is True. Without
    `with_data` the rows come without their JSON document (`data` is "": the columns are enough).
    `after` (first day, record id) keeps the records after that key in list order (newest first,
    undated last): a dated key the dated ones, an undated key the undated ones ((None, None): all),
    read from the index without skipping an offset (`fused_read.list_fused_page` joins the two).
    """

    kind: str
    country: str | None = None
    since: date | None = None
    until: date | None = None
    label: str | None = None
    place_id: int | None = None
    min_weight: int = 0
    admin1: str | None = None
    category: str | None = None
    actor: str | None = None
    text: str | None = None
    undated: bool = True
    with_data: bool = True
    limit: int | None = 100
    offset: int = 0
    modalities: tuple[str, ...] | None = None
    rejected: bool = False
    after: tuple[date | None, str | None] | None = None


@dataclass(frozen=True, slots=True)
class ControlRow:
    """A control period as stored, the period itself as JSON in `data`."""

    geonameid: int
    start: date
    end: date | None
    country: str | None
    country_code: str | None
    state: str
    actor: str | None
    admin1_seat: bool
    data: str


class FusionSession(Protocol):
    """One fusion transaction: read the groups a batch can reach, replace them, commit at the end."""

    def items_of_articles(self, kind: str, article_ids: Sequence[str]) -> list[FusionItem]:
        """The items of `kind` that these articles contributed."""
        ...

    def items_in_groups(self, kind: str, group_ids: Sequence[str]) -> list[FusionItem]:
        """Every item of `kind` in these connected groups."""
        ...

    def items_by_keys(self, kind: str, keys: Sequence[str], *, since: date | None,
                      until: date | None) -> list[FusionItem]:
        """Items of `kind` with one of `keys`, dated within [since, until] or undated."""
        ...

    def key_counts(self, kind: str, keys: Sequence[str], *, limit: int) -> dict[str, int]:
        """How many items of `kind` hold each of `keys` (counted up to `limit` + 1; absent: none)."""
        ...

    def replace_items(self, kind: str, article_ids: Sequence[str], items: Sequence[FusionItem]) -> None:
        """Drop the items of `kind` of these articles and store `items` (with their keys) instead."""
        ...

    def assign(self, kind: str, assignments: Sequence[tuple[str, str, str]]) -> None:
        """Set (group_id, record_id) of items, given as (item_id, group_id, record_id)."""
        ...

    def fused_in_groups(self, kind: str, group_ids: Sequence[str]) -> list[FusedRow]:
        """The fused records of `kind` built from these groups."""
        ...

    def replace_fused(self, kind: str, group_ids: Sequence[str], rows: Sequence[FusedRow]) -> None:
        """Drop the fused records of these groups and store `rows` instead."""
        ...

    def fused_at_place(self, kind: str, place_id: int) -> list[FusedRow]:
        """Fused records of `kind` whose place is `place_id`."""
        ...

    def replace_control(self, geonameid: int, rows: Sequence[ControlRow]) -> None:
        """Replace the control periods of one place."""
        ...


class Store(Protocol):
    """Where articles and skipped inputs live: SQLite (embedded) or PostgreSQL (team)."""

    @property
    def url(self) -> str:
        """The database URL, with any password hidden."""
        ...

    def save_batch(self, articles: Sequence[Article], skipped: Sequence[Skipped]) -> BatchResult:
        """Write a batch in one transaction: all of it is stored, or none of it."""
        ...

    def get_article(self, article_id: str) -> Article:
        """The article with this id (or a unique prefix of it); `NotFoundError` if none."""
        ...

    def list_articles(self, query: ArticleQuery) -> list[Article]:
        """Articles matching `query`, newest publication first, unknown dates last."""
        ...

    def count_articles(self, query: ArticleQuery | None = None) -> int:
        """How many articles match `query` (all when None), ignoring its limit and offset."""
        ...

    def list_skipped(self, reason: str | None = None) -> list[SkippedEntry]:
        """Skipped inputs, most recently seen first."""
        ...

    def save_extractions(self, items: Sequence[tuple[Extraction, Sequence[CodedEvent]]]) -> None:
        """Store extractions and their coded events, replacing earlier ones of the same articles."""
        ...

    def outlet_homes(
        self, outlets: Sequence[str] | None = None, *, exclude: Sequence[str] = ()
    ) -> dict[str, OutletHome]:
        """Where each outlet (all when None) usually reports from, learned without the `exclude`d articles."""
        ...

    def get_extraction(self, article_id: str) -> Extraction | None:
        """The stored extraction of an article, or None when it has not been extracted."""
        ...

    def list_events(self, query: EventQuery) -> list[CodedEvent]:
        """Coded events matching `query`, by event date then article."""
        ...

    def count_events(self, query: EventQuery | None = None) -> int:
        """How many coded events match `query`, ignoring its limit and offset."""
        ...

    def iter_articles(self, *, without_extraction: bool = False) -> Iterator[Article]:
        """Every stored article (or only those not extracted yet), streamed in id order."""
        ...

    def fusion(self) -> AbstractContextManager[FusionSession]:
        """A fusion transaction: everything written inside it is committed together, or nothing."""
        ...

    def clear_fusion(self) -> None:
        """Forget every fused record, so that `sitrep fuse --all` rebuilds them from the extractions."""
        ...

    def unfused_article_ids(self) -> list[str]:
        """Extracted articles that fusion has not seen yet, in id order."""
        ...

    def list_fused(self, query: FusedQuery) -> list[FusedRow]:
        """Fused records matching `query`, newest first (by first day, then by id, last first)."""
        ...

    def count_fused(self, query: FusedQuery, *, most: int | None = None) -> int:
        """How many fused records match `query`, ignoring its limit and offset.

        With `most`, counting stops past `most`: the answer is at most `most` + 1, and `most` + 1
        means "more than `most`" (the cost is then bounded by `most` index entries).
        """
        ...

    def fused_countries(self, kind: str) -> list[tuple[str | None, str | None, int]]:
        """(country, country code, how many records) of `kind`, most records first."""
        ...

    def fused_day_counts(self, query: FusedQuery) -> list[tuple[date, int]]:
        """How many records matching `query` start on each day (undated ones left out), by day."""
        ...

    def get_fused(self, kind: str, record_id: str) -> FusedRow:
        """The fused record of `kind` with this id or an earlier id of it; `NotFoundError` if none."""
        ...

    def earlier_ids(self, kind: str, record_ids: Sequence[str]) -> dict[str, list[str]]:
        """Each record's earlier ids, oldest first (records whose id never changed are left out)."""
        ...

    def fused_of_articles(self, kind: str, article_ids: Sequence[str]) -> list[FusedRow]:
        """The fused records of `kind` that these articles contributed to, by id."""
        ...

    def list_control(self, *, country: str | None = None, as_of: date | None = None) -> list[ControlRow]:
        """Control periods of a country (name or code), only those in force on `as_of` when given."""
        ...

    def control_serial(self) -> int:
        """A number that moves whenever control periods are rewritten (for caches of derived data)."""
        ...

    def save_correction(self, correction: Correction) -> Correction:
        """Store an analyst's correction; returns it with its id and time."""
        ...

    def list_corrections(self, *, target: str | None = None, active: bool = True) -> list[Correction]:
        """Corrections, oldest first: of `target` when given, only those in force when `active`."""
        ...

    def get_correction(self, correction_id: int) -> Correction:
        """The correction with this id; `NotFoundError` if none."""
        ...

    def undo_correction(self, correction_id: int, *, by: str) -> Correction:
        """Mark a correction undone (it is kept); `NotFoundError` if none, returns it as now stored."""
        ...

    def close(self) -> None:
        """Release the connections."""
        ...
