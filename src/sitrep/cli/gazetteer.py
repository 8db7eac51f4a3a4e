"""`sitrep gazetteer build|info|search`: the local GeoNames gazetteer places are resolved against."""

from __future__ import annotations

import click

from sitrep.cli.options import json_option
from sitrep.cli.render import print_json
from sitrep.cli.tables import Listing, print_listing
from sitrep.codec import to_jsonable


@click.group("gazetteer")
def gazetteer_group() -> None:
    """Build and query the gazetteer (kept outside the repository; SITREP_GAZETTEER moves it)."""


@gazetteer_group.command("build")
@json_option
def build_command(as_json: bool) -> None:
    """Build the gazetteer from the installed GeoNames packages (replacing any older build)."""
    from sitrep.geo import build_gazetteer, default_gazetteer_path

    meta = build_gazetteer(default_gazetteer_path())
    _print_meta(meta, as_json)


@gazetteer_group.command("info")
@json_option
def info_command(as_json: bool) -> None:
    """Where the gazetteer is, what it was built from, and how many entries it holds."""
    from sitrep.geo import Gazetteer

    _print_meta(Gazetteer.open().info(), as_json)


@gazetteer_group.command("search")
@click.argument("name")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@json_option
def search_command(name: str, limit: int, as_json: bool) -> None:
    """The entries a place NAME may refer to, most likely first."""
    from sitrep.geo import search

    found = search(name)[:limit]
    if as_json:
        print_json(to_jsonable(found))
        return
    rows = [(str(entry.geonameid), entry.name, entry.admin1, entry.country,
             f"{entry.feature_class}.{entry.feature_code}", f"{entry.population:,}",
             f"{entry.latitude:.3f}, {entry.longitude:.3f}") for entry in found]
    columns = ("geonameid", "name", "admin1", "country", "feature", "population", "lat, lon")
    print_listing(Listing(f"{len(found)} entries for {name!r}", columns, rows))


def _print_meta(meta: dict[str, str], as_json: bool) -> None:
    if as_json:
        print_json(meta)
        return
    for key, value in sorted(meta.items()):
        click.echo(f"{key}: {value}")
