"""`sitrep claims` and `sitrep quotes`: figures and quotes as each outlet gives them (as in the API)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar

import click

from sitrep.cli.options import db_option, json_option
from sitrep.cli.render import print_json
from sitrep.cli.tables import Listing, print_listing
from sitrep.codec import to_jsonable
from sitrep.records import ClaimGroup, ClaimValue, ClaimVerdict, QuoteGroup
from sitrep.store import open_store
from sitrep.store.base import FusedQuery, Store
from sitrep.store.fused_read import list_claim_groups, list_quote_groups

DAY = click.DateTime(["%Y-%m-%d"])
# Characters of a quote's text shown in a listing row (--json has all of it).
QUOTE_CHARS = 160
T = TypeVar("T")


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


@click.command("claims")
@db_option
@click.option("--since", type=DAY, help="Claims reported on or after this day.")
@click.option("--until", type=DAY, help="Claims reported on or before this day.")
@click.option("--verdict", type=click.Choice([verdict.value for verdict in ClaimVerdict]),
              help="Only groups whose sources compare this way (conflict: they contradict each other).")
@click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True, help="0: no limit.")
@click.option("--offset", type=click.IntRange(min=0), default=0)
@json_option
def claims_command(db: str, since: datetime | None, until: datetime | None, verdict: str | None, limit: int,
                   offset: int, as_json: bool) -> None:
    """List claim groups (one figure about one subject), each source's value and the verdict, newest first."""
    query = FusedQuery("claim", since=_day(since), until=_day(until), label=verdict, undated=False,
                       limit=limit or None, offset=offset)
    _show(db, query, list_claim_groups, claims_listing, as_json=as_json)


@click.command("quotes")
@db_option
@click.option("--since", type=DAY, help="Quotes published on or after this day.")
@click.option("--until", type=DAY, help="Quotes published on or before this day.")
@click.option("--speaker", help="Only this speaker, as resolved (any case and accents).")
@click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True, help="0: no limit.")
@click.option("--offset", type=click.IntRange(min=0), default=0)
@json_option
def quotes_command(db: str, since: datetime | None, until: datetime | None, speaker: str | None, limit: int,
                   offset: int, as_json: bool) -> None:
    """List quotes grouped across outlets and wordings, with who said them, newest first."""
    query = FusedQuery("quote", since=_day(since), until=_day(until), label=speaker, undated=False,
                       limit=limit or None, offset=offset)
    _show(db, query, list_quote_groups, quotes_listing, as_json=as_json)


def _show(db: str, query: FusedQuery, read: Callable[[Store, FusedQuery], list[T]],
          listing: Callable[[list[T], int], Listing], *, as_json: bool) -> None:
    """Read one page of groups and their total, and print them as JSON or as a listing."""
    store = open_store(db, create=False)
    try:
        found, total = read(store, query), store.count_fused(query)
    finally:
        store.close()
    if as_json:
        print_json([to_jsonable(group) for group in found])
        return
    print_listing(listing(found, total))


def claims_listing(groups: list[ClaimGroup], total: int) -> Listing:
    """One row per claim group: its days, verdict, subject and what each source says."""
    rows = [(group.group_id, _days(group.first_day, group.last_day), group.verdict.value,
             f"{group.predicate} {group.subject}".strip(), "; ".join(map(_value_text, group.values)))
            for group in groups]
    columns = ("group", "days", "verdict", "claim", "values")
    return Listing(f"{len(groups)} of {total} claim groups", columns, rows)


def quotes_listing(groups: list[QuoteGroup], total: int) -> Listing:
    """One row per quote group: the speaker, how many outlets, the outlets and the words."""
    rows = []
    for group in groups:
        outlets = sorted({member.source or "unknown outlet" for member in group.members})
        text = group.text if len(group.text) <= QUOTE_CHARS else group.text[:QUOTE_CHARS] + "…"
        speaker = group.speaker or "unknown speaker"
        rows.append((group.group_id, speaker, str(len(outlets)), ", ".join(outlets), text))
    columns = ("group", "speaker", "outlets", "outlet names", "quote")
    return Listing(f"{len(groups)} of {total} quote groups", columns, rows)


def _value_text(value: ClaimValue) -> str:
    """One source's value: "12-15 (Valley Post)"."""
    number = f"{value.value:g}" + (f"-{value.value_max:g}" if value.value_max is not None else "")
    qualifier = f"{value.qualifier} " if value.qualifier else ""
    return f"{qualifier}{number} ({value.source or 'unknown outlet'})"


def _days(first: date | None, last: date | None) -> str:
    if first is None:
        return "?"
    return first.isoformat() if last in (None, first) else f"{first.isoformat()}..{last.isoformat()}"
