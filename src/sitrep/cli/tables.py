"""Listings on stdout: a rich table on a wide terminal, plain tab-separated lines otherwise.

Piped to a file or a log, or on a terminal too narrow for its columns, a rich table wraps names
letter by letter ("Shibirg / hān"); there each listing is written as `# title`, a header line and
one line per row, cells separated by tabs (tabs and line breaks inside a cell become spaces), then
its notes. `cut`, `awk` and spreadsheets read that as it is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

# Fewest terminal columns per table column before a table turns into tab-separated lines.
MIN_COLUMN_WIDTH = 12


@dataclass(frozen=True, slots=True)
class Listing:
    """A titled table of text cells, with lines to print after it."""

    title: str
    columns: tuple[str, ...]
    rows: Sequence[Sequence[str]]
    notes: tuple[str, ...] = ()


def print_listing(listing: Listing, *, console: Console | None = None) -> None:
    """Print `listing` as a table on a wide enough terminal, else as tab-separated lines."""
    console = console or Console(highlight=False)
    if is_plain(console, len(listing.columns)):
        for line in plain_lines(listing):
            click.echo(line)
        return
    console.print(rich_table(listing))
    for note in listing.notes:
        console.print(Text(note), soft_wrap=True)


def is_plain(console: Console, columns: int) -> bool:
    """Whether a table of `columns` columns should be tab-separated lines on this console."""
    return not console.is_terminal or console.width < MIN_COLUMN_WIDTH * columns


def plain_lines(listing: Listing) -> Iterator[str]:
    """The listing as `# title`, a tab-separated header, one tab-separated line per row, the notes."""
    yield f"# {listing.title}"
    yield "\t".join(listing.columns)
    for row in listing.rows:
        yield "\t".join(_one_line(cell) for cell in row)
    yield from listing.notes


def rich_table(listing: Listing) -> Table:
    """The listing as a rich table; cells are shown as they are, never read as markup."""
    table = Table(title=listing.title, title_justify="left")
    for column in listing.columns:
        table.add_column(column, overflow="fold")
    for row in listing.rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _one_line(cell: str) -> str:
    """A cell on one line with no tab: every run of whitespace becomes one space."""
    return " ".join(cell.split())
