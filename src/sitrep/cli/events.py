"""`sitrep events` (list coded events) and `sitrep export` (write them as CSV, JSONL or GeoJSON)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sitrep.cli.options import db_option, json_option
from sitrep.cli.render import print_json
from sitrep.records import CodedEvent, Modality
from sitrep.report.export import ExportFormat, event_record, write_events
from sitrep.store import EventQuery, Store, open_store
from sitrep.store.base import FACTUAL_MODALITIES

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
        modalities=tuple(Modality) if options.get("all_modalities") else FACTUAL_MODALITIES,
        limit=limit, offset=offset,
    )


@click.command("events")
@db_option
@event_filters
@click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True, help="0: no limit.")
@click.option("--offset", type=click.IntRange(min=0), default=0)
@json_option
def events_command(db: str, limit: int, offset: int, as_json: bool, **filters: Any) -> None:
    """List event mentions extracted from the stored articles, newest first."""
    query = build_query(filters, limit=limit or None, offset=offset)
    store = open_store(db, create=False)
    try:
        found = store.list_events(query)
        total = store.count_events(query)
    finally:
        store.close()
    if as_json:
        print_json([event_record(event) for event in found])
        return
    Console().print(_events_table(found, total))


@click.command("export")
@db_option
@event_filters
@click.option("--format", "fmt", type=click.Choice([f.value for f in ExportFormat]), default="csv",
              show_default=True)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8", lazy=True), default="-",
              help="File to write (default: standard output).")
def export_command(db: str, fmt: str, output: Any, **filters: Any) -> None:
    """Write events with ACLED's column names, plus their evidence and confidence."""
    store = open_store(db, create=False)
    try:
        count = write_events(_all_events(store, filters), output, ExportFormat(fmt))
    finally:
        store.close()
    click.echo(f"wrote {count} events", err=True)


def _all_events(store: Store, filters: dict[str, Any]) -> Iterator[CodedEvent]:
    offset = 0
    while True:
        page = store.list_events(build_query(filters, limit=EXPORT_PAGE, offset=offset))
        yield from page
        if len(page) < EXPORT_PAGE:
            return
        offset += EXPORT_PAGE


def _events_table(found: list[CodedEvent], total: int) -> Table:
    table = Table(title=f"{len(found)} of {total} events", title_justify="left")
    for column in ("date", "sub-event type", "modality", "actor1", "location", "conf.", "source"):
        table.add_column(column, overflow="fold")
    for event in found:
        where = ", ".join(part for part in (event.location, event.admin1, event.country) if part)
        day = event.event_date.isoformat() if event.event_date else "?"
        table.add_row(*(Text(value) for value in (
            day, event.sub_event_type, event.modality.value, event.actor1 or "", where,
            f"{event.confidence:.2f}", event.source or "")))
    return table
