"""sitrep: news articles about armed conflict to a verified, sourced picture of events."""

from __future__ import annotations

from sitrep.config import IngestOptions
from sitrep.errors import ConfigError, NotFoundError, SitrepError, StoreError
from sitrep.pipeline import ingest
from sitrep.records import Article, IngestSummary, Skipped, SkipReason
from sitrep.store import ArticleQuery, Store, open_store

__version__ = "0.1.0"

__all__ = [
    "Article", "ArticleQuery", "ConfigError", "IngestOptions", "IngestSummary", "NotFoundError",
    "SitrepError", "SkipReason", "Skipped", "Store", "StoreError", "__version__", "ingest",
    "open_store",
]
