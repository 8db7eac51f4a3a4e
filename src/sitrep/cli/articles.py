"""`sitrep articles`, `sitrep article ID` and `sitrep skipped`: what the database holds."""

from __future__ import annotations

from datetime import date, datetime

import click

from sitrep.cli.options import db_option, json_option
from sitrep.cli.render import (
    article_dict,
    article_view,
    articles_listing,
    print_json,
    skipped_dict,
    skipped_listing,
)
from sitrep.cli.tables import print_listing
from sitrep.records import SkipReason
from sitrep.store import ArticleQuery, open_store


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


@click.command("articles")
@db_option
@click.option("--source", help="Only this outlet (case-insensitive).")
@click.option("--language", help="Only this language (ISO 639-1, e.g. en).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after this day.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before this day.")
@click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True,
              help="At most this many (0: no limit).")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many first.")
@json_option
def articles_command(
    db: str, source: str | None, language: str | None, since: datetime | None,
    until: datetime | None, limit: int, offset: int, as_json: bool,
) -> None:
    """List stored articles, newest first (unknown dates last)."""
    query = ArticleQuery(source=source, language=language, since=_day(since), until=_day(until),
                         limit=limit or None, offset=offset)
    store = open_store(db, create=False)
    try:
        found = store.list_articles(query)
        if as_json:
            print_json([article_dict(article) for article in found])
        else:
            print_listing(articles_listing(found, store.count_articles(query)))
    finally:
        store.close()


@click.command("article")
@click.argument("article_id", metavar="ID")
@db_option
@json_option
def article_command(article_id: str, db: str, as_json: bool) -> None:
    """Show one article with its text (ID may be a unique prefix)."""
    store = open_store(db, create=False)
    try:
        article = store.get_article(article_id)
    finally:
        store.close()
    if as_json:
        print_json(article_dict(article, with_text=True))
    else:
        click.echo(article_view(article))


@click.command("skipped")
@db_option
@click.option("--reason", type=click.Choice([reason.value for reason in SkipReason]),
              help="Only this reason.")
@json_option
def skipped_command(db: str, reason: str | None, as_json: bool) -> None:
    """List inputs that were skipped, with the reason and how often."""
    store = open_store(db, create=False)
    try:
        entries = store.list_skipped(reason)
    finally:
        store.close()
    if as_json:
        print_json([skipped_dict(entry) for entry in entries])
    else:
        print_listing(skipped_listing(entries))
