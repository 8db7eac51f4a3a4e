"""A town reached by another town's own name (a former or variant name) is that town's namesake."""

from __future__ import annotations

from pathlib import Path

from geo_helpers import fixture_sources

from sitrep.geo.build import build_gazetteer
from sitrep.geo.entries import NameKind
from sitrep.geo.gazetteer import Gazetteer, NameMatch
from sitrep.geo.resolve import Resolver, _is_town_shadowed, _own_name_towns
from sitrep.geo.toponym import Toponym
from sitrep.records import GeoEntry


def _match(name: str, kind: NameKind, key: str, population: int, code: str = "PPL") -> NameMatch:
    entry = GeoEntry(len(name) * 1000 + population % 997, name, 30.0, -95.0, "US", "US", "TX", "Texas",
                     "P", code, population)
    return NameMatch(entry, kind, key)


def test_a_town_known_by_another_towns_name_is_shadowed() -> None:
    own = _match("Millbrook", NameKind.NAME, "millbrook", 4_000)
    renamed = _match("Harlow Springs", NameKind.ALTERNATE, "millbrook", 18_000)
    towns = _own_name_towns([own, renamed])
    assert towns == {"US": 4_000}
    assert _is_town_shadowed(renamed, towns)
    assert not _is_town_shadowed(own, towns)


def test_seats_short_forms_and_far_larger_towns_keep_their_alternate_names() -> None:
    towns = {"US": 4_000}
    assert not _is_town_shadowed(_match("Harlow", NameKind.ALTERNATE, "millbrook", 20_000, "PPLA"), towns)
    assert not _is_town_shadowed(_match("Millbrook Estates", NameKind.ALTERNATE, "millbrook", 3_000), towns)
    assert not _is_town_shadowed(_match("Harlow", NameKind.ALTERNATE, "millbrook", 40_000), towns)
    # Only a town of the same country bearing the name shadows.
    assert not _is_town_shadowed(_match("Harlow", NameKind.ALTERNATE, "millbrook", 20_000), {"CA": 4_000})


def test_a_bare_name_goes_to_the_town_that_bears_it(tmp_path: Path) -> None:
    sources = fixture_sources()
    template = next(city for city in sources.cities if city["countrycode"] == "US")
    sources.cities.append({**template, "geonameid": 701, "name": "Millbrook", "population": 4_000,
                           "latitude": 35.0, "longitude": -100.0, "alternatenames": []})
    # A larger town once called Millbrook, next to Dallas, which the same text names.
    sources.cities.append({**template, "geonameid": 702, "name": "Harlow Springs", "population": 18_000,
                           "latitude": 32.85, "longitude": -96.85, "alternatenames": ["Millbrook"]})
    path = tmp_path / "gazetteer.sqlite"
    build_gazetteer(path, sources=sources)
    toponym = Toponym(0, 9, "Millbrook", ("Millbrook",), source="given")
    dallas = Toponym(20, 26, "Dallas", ("Dallas",), source="given")
    [resolution] = Resolver(Gazetteer(path)).resolve([toponym], [dallas])
    assert resolution.entry is not None and resolution.entry.geonameid == 701


def test_a_country_followed_by_a_country_is_a_list_not_a_town_in_it(tmp_path: Path) -> None:
    sources = fixture_sources()
    template = next(city for city in sources.cities if city["countrycode"] == "FR")
    # A French village named after a Gulf state: "Qatar, France" lists two countries.
    sources.cities.append({**template, "geonameid": 703, "name": "Qatar", "population": 9_000,
                           "latitude": 47.0, "longitude": 3.0, "alternatenames": []})
    path = tmp_path / "gazetteer.sqlite"
    build_gazetteer(path, sources=sources)
    toponym = Toponym(0, 5, "Qatar", ("Qatar",), partners=("France",), source="given")
    [resolution] = Resolver(Gazetteer(path)).resolve([toponym])
    assert resolution.entry is not None and resolution.entry.feature_code == "PCLI"
