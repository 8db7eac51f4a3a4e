"""Country points from countryinfo, admin-2 names on entries, and the area-name prior."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from geo_helpers import fixture_sources

from sitrep.geo.build import build_gazetteer
from sitrep.geo.derive import outside_towns
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.resolve import Resolver
from sitrep.geo.sources import _countryinfo_points
from sitrep.geo.toponym import Toponym

TOWNS = ("Kabul",)


def _build(folder: Path, **changes: object) -> Gazetteer:
    """The fixture gazetteer with some source fields replaced."""
    path = folder / "gazetteer.sqlite"
    build_gazetteer(path, sources=dataclasses.replace(fixture_sources(), **changes))
    return Gazetteer(path)


def _country(gazetteer: Gazetteer, name: str) -> tuple[float, float]:
    """The point of the country entry called `name`."""
    entry = next(entry for entry in gazetteer.candidates(name) if entry.feature_code == "PCLI")
    return entry.latitude, entry.longitude


def test_a_shipped_country_point_replaces_the_derived_one(tmp_path: Path) -> None:
    gazetteer = _build(tmp_path, country_points={"AF": (33.0, 65.0)})
    assert _country(gazetteer, "Afghanistan") == (33.0, 65.0)
    # A country the point table lacks keeps the point derived from its towns (France: Paris, Lyon).
    latitude, longitude = _country(gazetteer, "France")
    assert 45.0 < latitude < 49.0 and 2.0 < longitude < 5.0


def test_countryinfo_points_cover_the_countries() -> None:
    points = _countryinfo_points()
    assert len(points) > 200
    assert points["AF"] == (33.0, 65.0)


def test_entries_carry_their_admin2_name(tmp_path: Path) -> None:
    gazetteer = _build(tmp_path)
    texan = next(entry for entry in gazetteer.candidates("Paris") if entry.country_code == "US")
    assert texan.admin2 == "Lamar County"
    assert gazetteer.get(texan.geonameid) == texan


def test_a_country_name_is_the_country_not_a_town_known_by_it(tmp_path: Path) -> None:
    sources = fixture_sources()
    # A large Afghan town that carries another country's name only as an alternate name, in an
    # article that names Kabul: its nearness to Kabul would otherwise outweigh the country.
    sources.cities.append(
        {
            **sources.cities[6],
            "geonameid": 99,
            "name": "Qatar City",
            "alternatenames": ["Qatar"],
            "population": 2_000_000,
        }
    )
    gazetteer = _build(tmp_path, cities=sources.cities)
    context = [
        Toponym(start=10 * n, end=10 * n + 5, text=name, names=(name,)) for n, name in enumerate(TOWNS, 1)
    ]
    bare = Toponym(start=0, end=5, text="Qatar", names=("Qatar",))
    assert Resolver(gazetteer).resolve([bare], context)[0].entry.feature_code == "PCLI"  # type: ignore[union-attr]
    # Asked for a town, the town wins.
    town = Toponym(start=0, end=5, text="Qatar", names=("Qatar",), designator="city")
    assert Resolver(gazetteer).resolve([town], context)[0].entry.geonameid == 99  # type: ignore[union-attr]


def test_a_shipped_country_point_beyond_its_towns_is_not_taken(tmp_path: Path) -> None:
    sources = fixture_sources()
    french = next(city for city in sources.cities if city["countrycode"] == "FR")
    # Enough French towns to outline the country, spread over its middle.
    towns = [
        {**french, "geonameid": 5000 + number, "name": f"Bourg {number}",
         "latitude": 44.0 + number % 5, "longitude": 0.0 + number // 5, "alternatenames": []}
        for number in range(20)
    ]
    sources = dataclasses.replace(
        sources, cities=[*sources.cities, *towns], country_points={"FR": (30.0, 2.0)}
    )
    path = tmp_path / "gazetteer.sqlite"
    build_gazetteer(path, sources=sources)
    latitude, longitude = _country(Gazetteer(path), "France")
    # Ten degrees south of every French town is the table's slip: the towns' own area is taken.
    assert 43.0 < latitude < 50.0 and -1.0 < longitude < 5.0


def test_outside_towns_allows_rounding_and_needs_enough_towns() -> None:
    towns = [(10.0 + number % 4, 20.0 + number // 4) for number in range(12)]
    assert not outside_towns((13.8, 22.9), towns)  # within the box widened by a degree
    assert outside_towns((10.0, 17.5), towns)
    assert not outside_towns((10.0, 17.5), towns[:3])  # too few towns to outline a country
