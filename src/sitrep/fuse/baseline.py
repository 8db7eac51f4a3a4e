"""The starting state of control: who holds a place before any report says so.

Without a baseline file, each country's recognised government (its state forces in the actor
dictionary) is presumed to hold the country's admin-1 seats and capital; other places have no
presumed holder. An analyst's baseline file (setting `baseline`, YAML) overrides this per country
and per place:

```yaml
countries:            # the holder of a country's seats before any report (ISO 3166 alpha-2)
  - country: XX
    holder: Military Forces of Xland
places:               # a place's holder before any report: by GeoNames id, or name and country
  - place: Northtown
    country: XX
    holder: Northern Liberation Front
  - geonameid: 123456
    holder: Northern Liberation Front
```

A report still wins: a reported state or the first reported capture overrides the baseline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import ConfigError
from sitrep.fuse.actors import state_forces
from sitrep.fuse.control import Presumption
from sitrep.records import ControlBasis, GeoEntry

Resolve = Callable[[str, str | None], int | None]


@dataclass(frozen=True, slots=True)
class Baseline:
    """Holders before any report: per country (of its seats) and per place (by GeoNames id)."""

    countries: Mapping[str, str] = field(default_factory=dict)
    places: Mapping[int, str] = field(default_factory=dict)

    def presumption(self, entry: GeoEntry | None, *, geonameid: int, seat: bool,
                    country_code: str | None, country: str | None) -> Presumption | None:
        """Who holds the place before any report: the baseline's place, its country's seats, or None."""
        if geonameid in self.places:
            return Presumption(self.places[geonameid], ControlBasis.BASELINE)
        if not seat:
            return None
        code = (country_code or (entry.country_code if entry else "") or "").upper()
        if code in self.countries:
            return Presumption(self.countries[code], ControlBasis.BASELINE)
        holder = state_forces(code or None, country or (entry.country if entry else None))
        return Presumption(holder) if holder else None


def load_baseline(path: str | Path | None, resolve: Resolve) -> Baseline:
    """The baseline in the YAML file at `path` (None or empty: no overrides); names through `resolve`."""
    if not path:
        return Baseline()
    source = Path(path).expanduser()
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"cannot read the control baseline {source}: {error}",
                          fix="give a readable YAML file (docs/control.md) or unset SITREP_BASELINE",
                          ) from None
    if not isinstance(data, dict) or set(data) - {"countries", "places"}:
        raise ConfigError(f"the control baseline {source} must be a mapping with 'countries' and 'places'",
                          fix="see the layout in docs/control.md")
    countries = {_text(item, "country", source).upper(): _text(item, "holder", source)
                 for item in _items(data, "countries", source)}
    places = {}
    for item in _items(data, "places", source):
        geonameid = item.get("geonameid") or resolve(_text(item, "place", source), item.get("country"))
        if not isinstance(geonameid, int):
            raise ConfigError(f"the control baseline {source} names a place the gazetteer lacks: {item}",
                              fix="give its GeoNames id as `geonameid`, or the country as `country`")
        places[geonameid] = _text(item, "holder", source)
    return Baseline(countries=countries, places=places)


def _items(data: Mapping[str, Any], key: str, source: Path) -> list[dict[str, Any]]:
    items = data.get(key) or []
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ConfigError(f"'{key}' in the control baseline {source} must be a list of mappings",
                          fix="see the layout in docs/control.md")
    return items


def _text(item: Mapping[str, Any], key: str, source: Path) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"an entry of the control baseline {source} has no '{key}': {dict(item)}",
                          fix=f"add `{key}:` to it")
    return value.strip()
