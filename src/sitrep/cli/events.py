"""`sitrep events` (list coded mentions) and `sitrep export` (fused events as CSV, JSONL or GeoJSON)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TypeVar

import click

from sitrep.cli.countries import checked_country
from sitrep.cli.options import db_option, json_option
from sitrep.cli.render import print_json
from sitrep.cli.tables import Listing, print_listing
from sitrep.records import CodedEvent, Modality
from sitrep.report.export import ExportFormat, event_record, exported_events, write_events, write_fused_events
from sitrep.store import EventQuery, Store, open_store
from sitrep.store.base import FACTUAL_MODALITIES, FusedQuery

F = TypeVar("F", bound=Callable[..., Any])
EXPORT_PAGE = 5000


def event_filters(function: F) -> F:
    """The filter options shared by `events` and `export`."""
    options = [
        click.option("--country", help="Country name or ISO code."),
        click.option("--admin1", help="First-level division (province, state)."),
        click.option("--type", "event_type", help="ACLED event type, e.g. Battles."),
        click.option("--sub-type", "sub_event_type", help="ACLED sub-event type."),
        click.option("--actor", help="Part of an actor's name."),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Events on or after this day."),
        click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Events on or before this day."),
        click.option("--all-modalities", is_flag=True,
                     help="Also threats, plans, denials and hypotheticals "
                          "(default: only events said to have happened)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def build_query(options: dict[str, Any], *, limit: int | None, offset: int = 0) -> EventQuery:
    """The event query for the filter options."""
    def day(value: datetime | None) -> Any:
        return value.date() if value else None

    return EventQuery(
        country=options.get("country"), admin1=options.get("admin1"), event_type=options.get("event_type"),
        sub_event_type=options.get("sub_event_type"), actor=options.get("actor"),
        since=day(options.get("since")), until=day(options.get("until")),
        modalities=_modalities(options), limit=limit, offset=offset,
    )


@click.command("events")
@db_option
@event_filters
@click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True, help="0: no limit.")
@click.option("--offset", type=click.IntRange(min=0), default=0)
@json_option
def events_command(db: str, limit: int, offset: int, as_json: bool, **filters: Any) -> None:
    """List event mentions extracted from the stored articles, newest first."""
    store = open_store(db, create=False)
    try:
        query = build_query(_checked(store, filters), limit=limit or None, offset=offset)
        found = store.list_events(query)
        total = store.count_events(query)
    finally:
        store.close()
    if as_json:
        print_json([event_record(event) for event in found])
        return
    print_listing(_events_listing(found, total))


@click.command("export")
@db_option
@event_filters
@click.option("--mentions", is_flag=True,
              help="One row per coded mention (as extracted) instead of one per fused event.")
@click.option("--format", "fmt", type=click.Choice([f.value for f in ExportFormat]), default="csv",
              show_default=True)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8", lazy=True), default="-",
              help="File to write (default: standard output).")
def export_command(db: str, mentions: bool, fmt: str, output: Any, **filters: Any) -> None:
    """Write one row per fused event with ACLED's columns in ACLED's order, then sitrep's own.

    sitrep's columns: source_count, evidence_ids, confidence, modality, corrected. With --mentions,
    one row per mention with its evidence instead. Only events said to have happened unless
    --all-modalities.
    """
    store = open_store(db, create=False)
    try:
        checked = _checked(store, filters)
        if mentions:
            count = write_events(_all_mentions(store, checked), output, ExportFormat(fmt))
        else:
            events = exported_events(store, fused_query(checked), modalities=_modalities(checked))
            count = write_fused_events(events, output, ExportFormat(fmt))
    finally:
        store.close()
    click.echo(f"wrote {count} {'mentions' if mentions else 'events'}", err=True)


def fused_query(options: dict[str, Any]) -> FusedQuery:
    """The fused-event query for the filter options (undated events only when no day is given)."""
    since, until = options.get("since"), options.get("until")
    return FusedQuery(
        "event", country=options.get("country"), admin1=options.get("admin1"),
        category=options.get("event_type"), label=options.get("sub_event_type"), actor=options.get("actor"),
        since=since.date() if since else None, until=until.date() if until else None,
        undated=not (since or until), limit=None,
    )


def _modalities(options: dict[str, Any]) -> tuple[Modality, ...]:
    return tuple(Modality) if options.get("all_modalities") else FACTUAL_MODALITIES


def _checked(store: Store, filters: dict[str, Any]) -> dict[str, Any]:
    """The filters with --country checked (an unknown country is an error, exit 4)."""
    if not filters.get("country"):
        return filters
    return {**filters, "country": checked_country(store, filters["country"])}


def _all_mentions(store: Store, filters: dict[str, Any]) -> Iterator[CodedEvent]:
    offset = 0
    while True:
        page = store.list_events(build_query(filters, limit=EXPORT_PAGE, offset=offset))
        yield from page
        if len(page) < EXPORT_PAGE:
            return
        offset += EXPORT_PAGE


def _events_listing(found: list[CodedEvent], total: int) -> Listing:
    rows = []
    for event in found:
        where = ", ".join(part for part in (event.location, event.admin1, event.country) if part)
        day = event.event_date.isoformat() if event.event_date else "?"
        rows.append((day, event.sub_event_type, event.modality.value, event.actor1 or "", where,
                     f"{event.confidence:.2f}", event.source or ""))
    columns = ("date", "sub-event type", "modality", "actor1", "location", "conf.", "source")
    return Listing(f"{len(found)} of {total} events", columns, rows)
