"""`sitrep summary`: what a database holds, in a few lines (what was read, what was found)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict

import click

from sitrep.cli.options import db_option, json_option
from sitrep.cli.render import print_json
from sitrep.store import open_store
from sitrep.store.fused_read import StoreSummary, summarise_store

# Countries named in the summary (the rest are counted).
COUNTRIES_SHOWN = 5


@click.command("summary")
@db_option
@json_option
def summary_command(db: str, as_json: bool) -> None:
    """Say in a few lines what the database holds: articles, mentions, fused events, stories, countries."""
    store = open_store(db, create=False)
    try:
        summary, url = summarise_store(store), store.url
    finally:
        store.close()
    if as_json:
        print_json({**asdict(summary), "events": summary.events, "factual_events": summary.factual_events})
        return
    for line in summary_lines(summary, url):
        click.echo(line)


def summary_lines(summary: StoreSummary, url: str) -> Iterator[str]:
    """The summary as sentences, with the commands that list each part."""
    skipped = f"; {summary.skipped} inputs skipped (`sitrep skipped` says why)" if summary.skipped else ""
    yield f"{url}: {summary.articles} articles{skipped}"
    yield (f"found {summary.mentions} event mentions ({summary.factual_mentions} said to have happened), "
           f"fused across articles and outlets into {summary.events} events:")
    yield (f"  {summary.factual_events} said to have happened (asserted, reported or claimed): "
           "`sitrep export` writes one row each")
    others = summary.events - summary.factual_events
    if others:
        kinds = ", ".join(f"{count} {modality}" for modality, count in summary.events_by_modality.items()
                          if count and modality not in ("asserted", "reported", "claimed"))
        yield f"  {others} threats, plans, denials or conditionals ({kinds}): add --all-modalities"
    yield (f"  {summary.stories} stories, {summary.claim_groups} claim groups (`sitrep claims`), "
           f"{summary.quote_groups} quote groups (`sitrep quotes`)")
    if summary.countries:
        shown = summary.countries[:COUNTRIES_SHOWN]
        named = ", ".join(f"{name} ({code}) {count}" for name, code, count in shown)
        more = len(summary.countries) - COUNTRIES_SHOWN
        yield f"  events by country: {named}" + (f" and {more} more" if more > 0 else "")
    yield ("A mention is one article's report of an event (`sitrep events` lists them); "
           "an event joins every report of it.")
