"""The store interface every backend implements, and the query options it takes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from sitrep.records import Article, BatchResult, CodedEvent, Extraction, Modality, Skipped, SkippedEntry

# Modalities that say an event happened; threats, plans, denials and "ifs" are listed on request.
FACTUAL_MODALITIES = (Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED)


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """Which articles to list: all filters are optional and combine with AND."""

    source: str | None = None
    language: str | None = None
    since: date | None = None
    until: date | None = None
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

    def close(self) -> None:
        """Release the connections."""
        ...
