"""The `sitrep` command line: thin wrappers over library functions."""

from __future__ import annotations

from typing import Any

import click

from sitrep import __version__
from sitrep.cli.articles import article_command, articles_command, skipped_command
from sitrep.cli.components import components_command
from sitrep.cli.db import db_group
from sitrep.cli.evaluate import evaluate_command, gate_command
from sitrep.cli.events import events_command, export_command
from sitrep.cli.extraction import extract_command, outlets_command, reextract_command
from sitrep.cli.fusion import control_command, fuse_command, report_command, stories_command
from sitrep.cli.gazetteer import gazetteer_group
from sitrep.cli.groups import claims_command, quotes_command
from sitrep.cli.ingest import ingest_command
from sitrep.cli.review import review_group
from sitrep.cli.serve import serve_command
from sitrep.cli.summary import summary_command
from sitrep.cli.watch import watch_command
from sitrep.errors import SitrepError

__all__ = ["cli", "main"]


class SitrepGroup(click.Group):
    """A group that turns a `SitrepError` into a message and the error's exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SitrepError as error:
            click.echo(f"sitrep: error: {error.message}", err=True)
            if error.fix:
                click.echo(f"  fix: {error.fix}", err=True)
            ctx.exit(error.exit_code)


@click.group(cls=SitrepGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitrep")
def cli() -> None:
    """sitrep: news articles about armed conflict to a verified, sourced picture of events."""


cli.add_command(ingest_command)
cli.add_command(articles_command)
cli.add_command(article_command)
cli.add_command(skipped_command)
cli.add_command(extract_command)
cli.add_command(reextract_command)
cli.add_command(outlets_command)
cli.add_command(components_command)
cli.add_command(events_command)
cli.add_command(export_command)
cli.add_command(evaluate_command)
cli.add_command(gate_command)
cli.add_command(fuse_command)
cli.add_command(stories_command)
cli.add_command(control_command)
cli.add_command(claims_command)
cli.add_command(quotes_command)
cli.add_command(summary_command)
cli.add_command(report_command)
cli.add_command(gazetteer_group)
cli.add_command(db_group)
cli.add_command(serve_command)
cli.add_command(review_group)
cli.add_command(watch_command)


def main() -> None:
    """Entry point of the `sitrep` console script."""
    cli()
