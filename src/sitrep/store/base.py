"""The store interface every backend implements, and the query options it takes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from sitrep.records import Article, BatchResult, Skipped, SkippedEntry


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """Which articles to list: all filters are optional and combine with AND."""

    source: str | None = None
    language: str | None = None
    since: date | None = None
    until: date | None = None
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

    def close(self) -> None:
        """Release the connections."""
        ...
