"""Airport entries (airportsdata's airports with an IATA code) and the names news uses for them.

An airport is known by its full name ("London Heathrow Airport"), by its name with the generic
words dropped and "airport" kept ("Kabul Airport" for Kabul International Airport), as its town's
airport ("Chicago airport"), and, when its name holds its town's name, by what remains once the
town and the generic words are dropped ("Heathrow", "O'Hare"). A remainder that is only the town's
name is never a name of the airport: "Kabul" stays the city.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from sitrep.geo.derive import AdminKey
from sitrep.geo.normalize import name_key
from sitrep.geo.sources import Record
from sitrep.records import FACILITY_CLASS, GeoEntry

FEATURE_CLASS = FACILITY_CLASS
FEATURE_CODE = "AIRP"
# A remainder shorter than this ("A", "II") is not a name.
MIN_SHORT_NAME = 3


@dataclass(frozen=True, slots=True)
class AirportWords:
    """The words of airport names that say "airport" rather than which one (data/lang/en/airports.yaml)."""

    generic: frozenset[str]
    airport: str


@lru_cache(maxsize=1)
def airport_words() -> AirportWords:
    """The shipped airport words."""
    path = resources.files("sitrep.data") / "lang" / "en" / "airports.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return AirportWords(frozenset(data["generic_words"]), data["airport_word"])


def airport_names(record: Record, words: AirportWords) -> tuple[str, list[str]]:
    """The airport's full name and its other names (see the module docstring)."""
    full = record["name"]
    core = [word for word in name_key(full).split() if word not in words.generic]
    others = [" ".join([*core, words.airport])] if core else []
    town = name_key(record.get("city") or "").split()
    if town:
        others.append(" ".join([*town, words.airport]))
        rest = _without(core, town)
        if rest != core and len(" ".join(rest)) >= MIN_SHORT_NAME:
            others.append(" ".join(rest))
    return full, others


def _without(words: list[str], town: list[str]) -> list[str]:
    """`words` with the first run of the town's words taken out (unchanged when absent)."""
    for start in range(len(words) - len(town) + 1):
        if words[start : start + len(town)] == town:
            return words[:start] + words[start + len(town) :]
    return words


def airport_entry(
    record: Record, geonameid: int, *, countries: dict[str, str], admin1_codes: dict[tuple[str, str], str],
    admin1: dict[AdminKey, str],
) -> GeoEntry:
    """The gazetteer entry of an airport; its admin-1 is found by the name airportsdata gives it."""
    country = record["country"]
    code = admin1_codes.get((country, name_key(record.get("subd") or "")), "")
    return GeoEntry(
        geonameid=geonameid,
        name=record["name"],
        latitude=float(record["lat"]),
        longitude=float(record["lon"]),
        country_code=country,
        country=countries.get(country, ""),
        admin1_code=code,
        admin1=admin1.get((country, code), ""),
        feature_class=FEATURE_CLASS,
        feature_code=FEATURE_CODE,
    )
