"""Tables, as the queries see them; the migrations under `migrations/` create and change them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)


class UtcDateTime(TypeDecorator[datetime]):
    """A moment stored as naive UTC in every backend and read back as an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]


metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("url", Text),
    Column("source", String(200)),
    # ISO 8601 as given (a date, or a date-time with its offset); published_date is its day.
    Column("published", String(40)),
    Column("published_date", Date),
    # "day", "month" or "year" (2024-12 is stored as 2024-12-01, month); where the date was found.
    Column("published_precision", String(8)),
    Column("published_from", String(16)),
    Column("language", String(8)),
    Column("language_detected", Boolean, nullable=False, default=False),
    Column("is_summary", Boolean, nullable=False, default=False),
    Column("input", Text, nullable=False),
    Column("format", String(16), nullable=False),
    Column("fetched_at", UtcDateTime),
    Column("ingested_at", UtcDateTime, nullable=False),
    Index("ix_articles_source", "source"),
    Index("ix_articles_published_date", "published_date"),
    Index("ix_articles_language", "language"),
)

skipped = Table(
    "skipped",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input", Text, nullable=False),
    Column("reason", String(32), nullable=False),
    Column("detail", Text, nullable=False),
    Column("first_seen", UtcDateTime, nullable=False),
    Column("last_seen", UtcDateTime, nullable=False),
    Column("times", Integer, nullable=False, default=1),
    UniqueConstraint("input", "reason", name="uq_skipped_input_reason"),
    Index("ix_skipped_reason", "reason"),
)

extractions = Table(
    "extractions",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("components", Text, nullable=False),
    Column("data", Text, nullable=False),
    Column("extracted_at", UtcDateTime, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("trigger", Text, nullable=False),
    Column("component", String(80), nullable=False),
    Column("event_type", String(80), nullable=False),
    Column("sub_event_type", String(80), nullable=False),
    Column("modality", String(16), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("event_date", Date),
    Column("time_precision", Integer),
    Column("actor1", Text),
    Column("actor1_type", String(40)),
    Column("actor2", Text),
    Column("actor2_type", String(40)),
    Column("country", String(120)),
    Column("country_code", String(2)),
    Column("admin1", String(160)),
    Column("location", Text),
    Column("geonameid", BigInteger),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("fatalities", Integer),
    Column("source", String(200)),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("notes", Text, nullable=False),
    Index("ix_events_article_id", "article_id"),
    Index("ix_events_event_date", "event_date"),
    Index("ix_events_country_code", "country_code"),
    Index("ix_events_sub_event_type", "sub_event_type"),
)

# The local places of each extracted article (`sitrep.geo.outlets`): what outlet homes are learned from.
outlet_places = Table(
    "outlet_places",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("country_code", String(2), primary_key=True),
    Column("admin1_code", String(20), primary_key=True),
    Column("admin1", String(160), nullable=False),
    Column("weight", Float, nullable=False),
)

# Each outlet's running totals of those places (`sitrep.geo.outlets.contributions`): ("", "") the
# outlet, (country, "") a country, (country, admin-1 code) a division.
outlet_totals = Table(
    "outlet_totals",
    metadata,
    Column("source", String(200), primary_key=True),
    Column("country_code", String(2), primary_key=True),
    Column("admin1_code", String(20), primary_key=True),
    Column("admin1", String(160), nullable=False),
    Column("weight", Float, nullable=False),
    Column("articles", Integer, nullable=False),
)

# --- Fusion. Every fusion stage (stories, events, claims, quotes) keeps its inputs as items, each
# --- in a connected group, and its outputs as fused records of that group; a new batch recomputes
# --- only the groups its items can reach through their blocking keys.

fusion_items = Table(
    "fusion_items",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("item_id", String(80), primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date),
    Column("group_id", String(80), nullable=False),
    Column("record_id", String(80), nullable=False),
    Column("data", Text, nullable=False),
    Index("ix_fusion_items_article", "kind", "article_id"),
    Index("ix_fusion_items_group", "kind", "group_id"),
)

fusion_keys = Table(
    "fusion_keys",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("item_id", String(80), primary_key=True),
    Column("day", Date),
    Index("ix_fusion_keys_item", "kind", "item_id"),
)

fused = Table(
    "fused",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("record_id", String(80), primary_key=True),
    Column("group_id", String(80), nullable=False),
    Column("first_day", Date),
    Column("last_day", Date),
    Column("country", String(120)),
    Column("country_code", String(2)),
    Column("label", Text),
    Column("place_id", BigInteger),
    Column("weight", Integer, nullable=False, default=0),
    Column("data", Text, nullable=False),
    # Columns of events (migration 0004): admin-1, event type, place name, actors one per line, coordinates.
    Column("admin1", String(160)),
    Column("category", String(80)),
    Column("place", Text),
    Column("actors", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    # Migration 0008: an event's modality, and whether an analyst rejected it (left out of lists).
    Column("modality", String(16)),
    Column("rejected", Boolean, nullable=False, default=False),
    # Migration 0009: the actors folded (lower case, accents dropped, one per line), for the actor filter.
    Column("actors_folded", Text),
    Index("ix_fused_group", "kind", "group_id"),
    # Migrations 0004 and 0009 make the two list indexes descending on PostgreSQL; the columns after
    # record_id let lists, capped counts and per-day counts filter from the index alone.
    Index("ix_fused_day", "kind", "first_day", "record_id", "rejected", "modality"),
    Index("ix_fused_place", "kind", "place_id"),
    Index("ix_fused_country_day", "kind", "country_code", "first_day", "record_id", "rejected", "modality",
          "weight", "actors_folded"),
)

# Running counts of fused records per kind, country code ("" for none), first day (NULL: undated)
# and rejected flag (migration 0009), moved by every write of `fused` in the same transaction: the
# timeline's events per day and the countries list read a few hundred rows, not a million.
fused_totals = Table(
    "fused_totals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("country_code", String(2), nullable=False),
    Column("day", Date),
    Column("rejected", Boolean, nullable=False),
    Column("records", Integer, nullable=False),
    Index("ix_fused_totals", "kind", "country_code", "day", "rejected"),
)

# Earlier ids of fused records (migration 0007): when a record's id changes (an earlier report
# joins an event), its old id points to the record that took over most of its items.
fused_aliases = Table(
    "fused_aliases",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("old_id", String(80), primary_key=True),
    Column("record_id", String(80), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_fused_aliases_record", "kind", "record_id"),
)

control_periods = Table(
    "control_periods",
    metadata,
    Column("geonameid", BigInteger, primary_key=True),
    Column("start", Date, primary_key=True),
    Column("end", Date),
    Column("country", String(120)),
    Column("country_code", String(2)),
    Column("state", String(16), nullable=False),
    Column("actor", Text),
    Column("admin1_seat", Boolean, nullable=False),
    Column("data", Text, nullable=False),
    Index("ix_control_country", "country_code", "start"),
)

# An analyst's corrections (migration 0008): kept when undone (`undone_at`), for the record. The
# correction as a record (anchors, days, gazetteer entry) is JSON in `data`.
corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target", String(200), nullable=False),
    Column("field", String(32), nullable=False),
    Column("value", Text, nullable=False),
    Column("machine_value", Text),
    Column("author", String(200), nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("undone_at", UtcDateTime),
    Column("undone_by", String(200)),
    Column("data", Text, nullable=False),
    Index("ix_corrections_target", "target"),
)
