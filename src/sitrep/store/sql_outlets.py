"""Outlet homes in the SQL store: each article's local places and each outlet's running totals.

Writing an article's extraction replaces its `outlet_places` rows and moves its outlet's
`outlet_totals` by the difference (its old contributions taken away, its new ones added, as
increments in the database), so reading the homes of a batch reads a few rows per outlet however
many articles are stored. Articles left out of a read (the batch being extracted) are taken away
from the totals in memory. Articles without an outlet add to no totals.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, insert, select

from sitrep.geo.outlets import (
    EPSILON,
    LocalPlace,
    Total,
    TotalKey,
    add_contributions,
    contributions,
    home_from_totals,
    local_places,
)
from sitrep.records import Extraction, OutletHome
from sitrep.store.engine import insert_for
from sitrep.store.schema import articles, outlet_places, outlet_totals

Totals = dict[str, dict[TotalKey, Total]]


def write_outlet_places(connection: Any, items: Sequence[Extraction]) -> None:
    """Replace the local places of the extracted articles and move their outlets' totals."""
    ids = [extraction.article_id for extraction in items]
    if not ids:
        return
    sources = _sources(connection, ids)
    old = stored_places(connection, ids)
    new = {extraction.article_id: local_places(extraction.places) for extraction in items}
    changes: Totals = {}
    for article_id in ids:
        source = sources.get(article_id)
        if source:
            totals = changes.setdefault(source, {})
            add_contributions(totals, contributions(old.get(article_id, {})), -1)
            add_contributions(totals, contributions(new[article_id]))
    connection.execute(delete(outlet_places).where(outlet_places.c.article_id.in_(ids)))
    rows = [
        {"article_id": article_id, "country_code": code, "admin1_code": division, "admin1": name,
         "weight": weight}
        for article_id, places in new.items()
        for (code, division, name), weight in places.items()
    ]
    if rows:
        connection.execute(insert(outlet_places), rows)
    add_to_totals(connection, changes)


def add_to_totals(connection: Any, changes: Totals) -> None:
    """Add `changes` to the stored totals (one upsert per row), then drop totals no article adds to."""
    rows = [
        {"source": source, "country_code": code, "admin1_code": division, "admin1": name, "weight": weight,
         "articles": count}
        for source, totals in changes.items()
        for (code, division), (name, weight, count) in totals.items()
        if count or abs(weight) > EPSILON
    ]
    if not rows:
        return
    statement = insert_for(connection.dialect.name)(outlet_totals)
    total = outlet_totals.c
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=[total.source, total.country_code, total.admin1_code],
            set_={"weight": total.weight + statement.excluded.weight,
                  "articles": total.articles + statement.excluded.articles},
        ),
        rows,
    )
    connection.execute(delete(outlet_totals).where(outlet_totals.c.source.in_(list(changes)),
                                                   outlet_totals.c.articles <= 0))


def read_outlet_homes(
    connection: Any, outlets: Sequence[str] | None, exclude: Sequence[str]
) -> dict[str, OutletHome]:
    """The homes of `outlets` (all when None) from their totals, without the `exclude`d articles."""
    statement = select(outlet_totals)
    if outlets is not None:
        statement = statement.where(outlet_totals.c.source.in_(list(outlets)))
    totals: Totals = {}
    for row in connection.execute(statement):
        totals.setdefault(row.source, {})[(row.country_code, row.admin1_code)] = (
            row.admin1, row.weight, row.articles)
    if exclude:
        sources = _sources(connection, exclude)
        for article_id, places in stored_places(connection, exclude).items():
            source = sources.get(article_id)
            if source in totals:
                add_contributions(totals[source], contributions(places), -1)
    homes = {source: home_from_totals(source, outlet) for source, outlet in totals.items()}
    return {source: home for source, home in homes.items() if home is not None}


def stored_places(connection: Any, ids: Sequence[str]) -> dict[str, dict[LocalPlace, float]]:
    """The stored local places of the articles `ids`, by article."""
    place = outlet_places.c
    found: dict[str, dict[LocalPlace, float]] = {}
    statement = select(place.article_id, place.country_code, place.admin1_code, place.admin1, place.weight)
    for article_id, code, division, name, weight in connection.execute(
        statement.where(place.article_id.in_(list(ids)))
    ):
        found.setdefault(article_id, {})[(code, division, name)] = weight
    return found


def _sources(connection: Any, ids: Sequence[str]) -> dict[str, str | None]:
    """The outlet of each stored article of `ids`."""
    statement = select(articles.c.id, articles.c.source).where(articles.c.id.in_(list(ids)))
    return {row.id: row.source for row in connection.execute(statement)}
