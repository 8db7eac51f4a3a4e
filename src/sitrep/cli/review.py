"""`sitrep review ...`: an analyst's corrections, their list, undo, and the review queue."""

from __future__ import annotations

import getpass
from datetime import datetime
from typing import Any

import click

from sitrep.cli.options import db_option, json_option
from sitrep.cli.render import print_json
from sitrep.cli.tables import Listing, print_listing
from sitrep.codec import to_jsonable
from sitrep.errors import ConfigError
from sitrep.records import Correction
from sitrep.run import review
from sitrep.store import open_store

DAY = click.DateTime(["%Y-%m-%d"])


def _default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "analyst"


def _common(function: Any) -> Any:
    function = click.option("--author", default=_default_author, show_default="your user name",
                            help="Who makes the correction.")(function)
    return json_option(db_option(function))


@click.group("review")
def review_group() -> None:
    """Correct what the machine got wrong; fusion applies corrections on every run, undo restores."""


@review_group.command("reject")
@click.argument("event_id")
@click.option("--reason", required=True, help="Why the event is wrong.")
@_common
def reject_command(event_id: str, reason: str, author: str, db: str, as_json: bool) -> None:
    """Reject EVENT_ID: kept and marked, left out of control, listings and the map."""
    _run(db, as_json, lambda store: review.reject_event(store, event_id, author=author, reason=reason))


@review_group.command("set")
@click.argument("event_id")
@click.argument("assignments", nargs=-1, required=True, metavar="FIELD=VALUE...")
@click.option("--reason", required=True, help="Why the machine's value is wrong.")
@_common
def set_command(event_id: str, assignments: tuple[str, ...], reason: str, author: str, db: str,
                as_json: bool) -> None:
    """Set fields of EVENT_ID: date=YYYY-MM-DD, place=GEONAMEID, actor1=, actor2=, sub_event_type=."""
    pairs = [_pair(item) for item in assignments]
    store = open_store(db, create=False)
    try:
        saved = [review.correct_event(store, event_id, field, value, author=author, reason=reason)
                 for field, value in pairs]
    finally:
        store.close()
    _print(saved, as_json)


def _pair(assignment: str) -> tuple[str, str]:
    field, sign, value = assignment.partition("=")
    if not sign or not field:
        raise ConfigError(f"{assignment!r} is not FIELD=VALUE", fix="write e.g. date=2021-08-12")
    return field, value


@review_group.command("control")
@click.argument("place_id")
@click.option("--actor", required=True, help='Who holds the place ("" for unknown).')
@click.option("--from", "start", type=DAY, required=True, help="First day held (YYYY-MM-DD).")
@click.option("--to", "end", type=DAY, help="The day it stops being held (open when left out).")
@click.option("--reason", required=True, help="Why the machine's control is wrong.")
@_common
def control_command(place_id: str, actor: str, start: datetime, end: datetime | None, reason: str,
                    author: str, db: str, as_json: bool) -> None:
    """Set who holds PLACE_ID (a gazetteer geonameid) over a period, over the machine's periods."""
    _run(db, as_json, lambda store: review.set_control(
        store, place_id, actor=actor, start=start.date(), end=end.date() if end else None,
        author=author, reason=reason))


@review_group.command("unreliable")
@click.argument("article_id")
@click.option("--reason", default="marked unreliable", show_default=True, help="Why.")
@_common
def unreliable_command(article_id: str, reason: str, author: str, db: str, as_json: bool) -> None:
    """Mark ARTICLE_ID unreliable: its mentions are left out of fusion."""
    _run(db, as_json, lambda store: review.mark_unreliable(store, article_id, author=author, reason=reason))


@review_group.command("undo")
@click.argument("correction_id", type=int)
@_common
def undo_command(correction_id: int, author: str, db: str, as_json: bool) -> None:
    """Undo CORRECTION_ID (kept, marked undone): the machine's value comes back."""
    _run(db, as_json, lambda store: review.undo(store, correction_id, by=author))


@review_group.command("list")
@db_option
@click.option("--all", "everything", is_flag=True, help="Undone corrections too.")
@click.option("--target", help="Only the corrections of this event, place or article.")
@json_option
def list_command(db: str, everything: bool, target: str | None, as_json: bool) -> None:
    """The corrections in force (oldest first)."""
    store = open_store(db, create=False)
    try:
        found = store.list_corrections(target=target, active=not everything)
    finally:
        store.close()
    _print(found, as_json)


@review_group.command("queue")
@db_option
@click.option("--country", help="Only this country (name or ISO code).")
@click.option("--limit", type=click.IntRange(min=1), default=review.QUEUE_LIMIT, show_default=True)
@json_option
def queue_command(db: str, country: str | None, limit: int, as_json: bool) -> None:
    """What most needs a human, best first."""
    store = open_store(db, create=False)
    try:
        items = review.review_queue(store, country=country, limit=limit)
    finally:
        store.close()
    if as_json:
        print_json(to_jsonable(items))
        return
    rows = [(f"{item.score:.2f}", item.kind, item.target, item.day.isoformat() if item.day else "",
             item.title, item.reason) for item in items]
    columns = ("score", "kind", "id", "day", "what", "why")
    print_listing(Listing(f"{len(items)} items to review", columns, rows))


def _run(db: str, as_json: bool, action: Any) -> None:
    store = open_store(db, create=False)
    try:
        saved = action(store)
    finally:
        store.close()
    _print([saved], as_json)


def _print(corrections: list[Correction], as_json: bool) -> None:
    if as_json:
        print_json(to_jsonable(corrections))
        return
    rows = [(str(item.correction_id), item.field.value, item.target, item.machine_value or "", item.value,
             _period(item), item.author, item.reason, "undone" if item.undone_at else "")
            for item in corrections]
    columns = ("id", "field", "target", "machine", "corrected", "days", "author", "reason", "undone")
    print_listing(Listing(f"{len(corrections)} corrections", columns, rows))


def _period(item: Correction) -> str:
    if item.start is None:
        return ""
    return f"{item.start.isoformat()}..{item.end.isoformat() if item.end else ''}"
