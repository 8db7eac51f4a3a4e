"""`sitrep fuse`, `stories`, `control` and `report`: what many articles say together."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import click

from sitrep.cli.countries import checked_country
from sitrep.cli.options import db_option, json_option
from sitrep.cli.render import print_json
from sitrep.cli.tables import Listing, print_listing
from sitrep.codec import to_jsonable
from sitrep.fuse.tally import LOOKBACK_DAYS, tallies_as_of
from sitrep.records import ControlBasis, ControlPeriod, Story, TallyCheck
from sitrep.run.fusion import FusionSummary, fuse_pending
from sitrep.store import open_store
from sitrep.store.base import FusedQuery
from sitrep.store.fused_read import (
    PlaceKind,
    control_table,
    country_claim_groups,
    country_periods,
    list_stories,
)

DAY = click.DateTime(["%Y-%m-%d"])


@click.command("fuse")
@db_option
@click.option("--all", "everything", is_flag=True,
              help="Forget every fused record and fuse all extracted articles again.")
@json_option
def fuse_command(db: str, everything: bool, as_json: bool) -> None:
    """Group extracted articles into stories, events, claims, quotes and control periods.

    `sitrep ingest` fuses new articles as it goes; run this after `sitrep reextract`, or with
    --all after upgrading sitrep.
    """
    store = open_store(db, create=False)
    try:
        if everything:
            store.clear_fusion()
        summary = fuse_pending(store)
    finally:
        store.close()
    if as_json:
        print_json(to_jsonable(summary))
    else:
        click.echo(_summary_line(summary))


@click.command("stories")
@db_option
@click.option("--since", type=DAY, help="Stories with articles on or after this day.")
@click.option("--until", type=DAY, help="Stories with articles on or before this day.")
@click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True, help="0: no limit.")
@click.option("--offset", type=click.IntRange(min=0), default=0)
@json_option
def stories_command(db: str, since: datetime | None, until: datetime | None, limit: int, offset: int,
                    as_json: bool) -> None:
    """List stories (articles about the same news) with their outlets and dates, newest first."""
    query = FusedQuery("story", since=since.date() if since else None, until=until.date() if until else None,
                       limit=limit or None, offset=offset)
    store = open_store(db, create=False)
    try:
        found = list_stories(store, query)
        total = store.count_fused(query)
    finally:
        store.close()
    if as_json:
        print_json([to_jsonable(story) for story in found])
        return
    print_listing(_stories_listing(found, total))


@click.command("control")
@db_option
@click.option("--country", required=True, help="Country name or ISO code.")
@click.option("--as-of", "as_of", type=DAY, required=True, help="The day the table describes.")
@click.option("--kind", type=click.Choice([kind.value for kind in PlaceKind]), default=PlaceKind.ALL.value,
              show_default=True, help="provincial-capital: only the seats of first-level divisions.")
@json_option
def control_command(db: str, country: str, as_of: datetime, kind: str, as_json: bool) -> None:
    """Who controls which place of a country on a day, the events that say so, and the tallies."""
    day = as_of.date()
    store = open_store(db, create=False)
    try:
        code = checked_country(store, country)
        table = control_table(store, country=code, as_of=day, kind=PlaceKind(kind))
        groups = country_claim_groups(store, country=code, since=day - timedelta(days=LOOKBACK_DAYS),
                                      until=day)
        tallies = tallies_as_of(groups, country_periods(store, code), day)
    finally:
        store.close()
    if as_json:
        print_json({"country": country, "as_of": day.isoformat(), "kind": kind,
                    "places": [to_jsonable(period) for period in table.periods],
                    "tallies": [to_jsonable(tally) for tally in tallies]})
        return
    # Piped to a file or a log, or on a narrow terminal: one tab-separated line per place (cli.tables).
    print_listing(Listing(f"{country} on {day.isoformat()}: {len(table.periods)} places", CONTROL_COLUMNS,
                          [_control_cells(period) for period in table.periods],
                          notes=tuple(_tally_line(tally) for tally in tallies)))


def _summary_line(summary: FusionSummary) -> str:
    return (f"fused {summary.articles} articles: {summary.stories} stories, {summary.events} events, "
            f"{summary.claim_groups} claim groups, {summary.quote_groups} quote groups and "
            f"{summary.places} places updated")


def _stories_listing(found: list[Story], total: int) -> Listing:
    rows = [(story.story_id, _day(story.first_day), _day(story.last_day), str(len(story.article_ids)),
             ", ".join(story.sources) or "unknown", story.title) for story in found]
    columns = ("story", "first day", "last day", "articles", "outlets", "title")
    return Listing(f"{len(found)} of {total} stories", columns, rows)


CONTROL_COLUMNS = ("place", "admin-1", "state", "actor", "basis", "since", "sources", "corroborated",
                   "denied by")


def _control_cells(period: ControlPeriod) -> tuple[str, ...]:
    """One place's cells; a presumed holding says it rests on no report."""
    presumed = period.basis in (ControlBasis.PRESUMED, ControlBasis.BASELINE)
    return (period.place, period.admin1 or "", period.state.value, period.actor or "", period.basis.value,
            "before any report" if presumed else period.start.isoformat(),
            ", ".join(period.sources) or ("no report" if presumed else "unknown"),
            "yes" if period.corroborated else ("-" if presumed else "no (one source)"),
            ", ".join(period.denied_by))


def _tally_line(tally: TallyCheck) -> str:
    reported = ", ".join(f"{value.text!r} ({value.source or 'unknown outlet'})" for value in tally.reported)
    verdict = "agrees" if tally.agrees else "DOES NOT MATCH"
    return (f"tally on {tally.as_of.isoformat()}: {reported}; the events imply {tally.implied} "
            f"held by {tally.actor or 'nobody'}: {verdict}")


def _day(value: Any) -> str:
    return value.isoformat() if value else "?"


@click.command("report")
@db_option
@click.option("--country", required=True, help="Country name or ISO code.")
@click.option("--as-of", "as_of", type=DAY, required=True, help="The day the report describes.")
@click.option("--output", "-o", "output", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder for the Markdown and HTML files.")
def report_command(db: str, country: str, as_of: datetime, output: Path) -> None:
    """Write a situation report (Markdown and HTML): control, new events, disputed figures, quotes."""
    from sitrep.report.gather import gather_situation
    from sitrep.report.render_html import render_html
    from sitrep.report.render_markdown import render_markdown

    store = open_store(db, create=False)
    try:
        checked_country(store, country)
        situation = gather_situation(store, country=country, as_of=as_of.date())
    finally:
        store.close()
    output.mkdir(parents=True, exist_ok=True)
    stem = f"sitrep-{_slug(country)}-{as_of.date().isoformat()}"
    for suffix, text in ((".md", render_markdown(situation)), (".html", render_html(situation))):
        path = output / f"{stem}{suffix}"
        path.write_text(text, encoding="utf-8")
        click.echo(str(path))


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split()) or "country"
