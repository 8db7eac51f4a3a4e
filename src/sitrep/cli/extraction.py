"""`sitrep extract` (files to extractions, no database), `sitrep reextract` and `sitrep outlets` (stored)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.text import Text

from sitrep.cli.extraction_options import extraction_options
from sitrep.cli.options import db_option, json_option
from sitrep.cli.render import print_json
from sitrep.cli.tables import Listing, print_listing
from sitrep.codec import to_jsonable
from sitrep.config import ExtractionConfig, IngestOptions
from sitrep.records import Article, CodedEvent, Extraction, HomeShare, OutletHome, Skipped
from sitrep.store import open_store

if TYPE_CHECKING:
    from sitrep.extract.pipeline import Extractor


def make_extractor(config: ExtractionConfig | None = None) -> Extractor:
    """The extraction pipeline of the run's `config` (default: from the environment); imported
    here: spaCy loads only when it is needed."""
    from sitrep.extract.pipeline import Extractor

    return Extractor(config=config)


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True, metavar="FILE...")
@click.option("--source", "default_source", metavar="NAME", help="Outlet for articles that name none.")
@extraction_options
@json_option
def extract_command(
    inputs: tuple[str, ...], default_source: str | None, config: ExtractionConfig, as_json: bool
) -> None:
    """Print what sitrep extracts from articles, without storing anything."""
    from sitrep.extract.coding import code_events
    from sitrep.ingest import read_articles

    extractor = make_extractor(config)
    found = list(read_articles(inputs, IngestOptions(default_source=default_source)))
    articles = [item for item in found if isinstance(item, Article)]
    results = [(article, extraction, code_events(extraction, article))
               for article, extraction in zip(articles, extractor.pipe(articles), strict=True)]
    skipped = [item for item in found if isinstance(item, Skipped)]
    if as_json:
        print_json([_extraction_json(*result) for result in results])
        return
    console = Console(highlight=False)
    for article, extraction, coded in results:
        _print_extraction(console, article, extraction, coded)
    for item in skipped:
        console.print(Text(f"skipped [{item.reason.value}] {item.detail} -> {item.fix}"), soft_wrap=True)


@click.command("reextract")
@db_option
@click.option("--all", "everything", is_flag=True,
              help="Extract every stored article again (after a model or data change), not only new ones, "
                   "in full: those the relevance prefilter set aside too.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@extraction_options
def reextract_command(db: str, everything: bool, quiet: bool, config: ExtractionConfig) -> None:
    """Extract stored articles that have no extraction yet (or all of them, with `--all`).

    New articles go through the relevance prefilter as in `sitrep ingest`; `--all` extracts every
    article in full, those set aside as "not-extracted: off-topic" included.
    """
    from sitrep.pipeline import extract_stored

    store = open_store(db, create=False)
    try:
        done = extract_stored(store, make_extractor(config), everything=everything, config=config)
    finally:
        store.close()
    if not quiet:
        click.echo(f"extracted {done} articles")


@click.command("outlets")
@db_option
@json_option
def outlets_command(db: str, as_json: bool) -> None:
    """Where each outlet usually reports from, as learned from its stored articles' places.

    Extraction uses these homes for the places an article's text cannot settle (a local paper's
    "Paris"); set SITREP_OUTLET_HOMES=off to resolve every article on its own text.
    """
    store = open_store(db, create=False)
    try:
        homes = sorted(store.outlet_homes().values(), key=lambda home: (-home.articles, home.outlet))
    finally:
        store.close()
    if as_json:
        print_json(to_jsonable(homes))
        return
    print_listing(_outlets_listing(homes))


def _outlets_listing(homes: list[OutletHome]) -> Listing:
    count = f"{len(homes)} outlet{'' if len(homes) == 1 else 's'}"
    rows = [(home.outlet, str(home.articles), _shares(home.admin1), _shares(home.countries))
            for home in homes]
    return Listing(f"{count} with a home", ("outlet", "articles", "divisions", "countries"), rows)


def _shares(shares: tuple[HomeShare, ...]) -> str:
    return ", ".join(
        f"{share.admin1 or share.admin1_code or share.country_code} {share.share:.0%}" for share in shares
    ) or "-"


def _extraction_json(
    article: Article, extraction: Extraction, coded: tuple[CodedEvent, ...]
) -> dict[str, Any]:
    return {"article": {"id": article.id, "title": article.title, "source": article.source,
                        "published": article.published_at.isoformat() if article.published_at else None,
                        "input": article.input},
            "extraction": to_jsonable(extraction), "coded_events": to_jsonable(coded)}


def _print_extraction(
    console: Console, article: Article, extraction: Extraction, coded: tuple[CodedEvent, ...]
) -> None:
    published = article.published_on.isoformat() if article.published_on else "unknown date"
    console.print(Text(f"\n{article.id}  {article.title or ''}  ({article.source or 'unknown'}, {published})",
                       style="bold"), soft_wrap=True)
    for event in coded:
        where = ", ".join(part for part in (event.location, event.admin1, event.country) if part)
        day = event.event_date.isoformat() if event.event_date else "date unknown"
        actors = " vs ".join(actor for actor in (event.actor1, event.actor2) if actor) or "no actor"
        line = (f"event: {day} (precision {event.time_precision or '-'}) {event.sub_event_type} "
                f"[{event.modality.value} {event.confidence:.2f}] {actors} @ {where or 'no place'} "
                f"«{event.trigger}»")
        console.print(Text(line), soft_wrap=True)
    places = ", ".join(f"{p.text}→{p.entry.name if p.entry else '?'}" for p in extraction.places)
    console.print(Text(f"places: {places}"), soft_wrap=True)
    for claim in extraction.claims:
        said = f" (said by {claim.attributed_to})" if claim.attributed_to else ""
        console.print(Text(f"claim: {claim.text}{said}"), soft_wrap=True)
    for quote in extraction.quotes:
        console.print(Text(f"quote: “{quote.text}” — {quote.speaker or 'unknown speaker'}"), soft_wrap=True)
