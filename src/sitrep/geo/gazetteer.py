"""The gazetteer: open (building it when missing or stale), look names up, read entries."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError
from sitrep.geo.build import BUILD_VERSION, build_gazetteer
from sitrep.geo.entries import NameKind
from sitrep.geo.normalize import article_variants, key_variants, name_key, skeleton_key, transliteration_key
from sitrep.geo.sources import source_version
from sitrep.records import GeoEntry

GAZETTEER_ENV = "SITREP_GAZETTEER"
CACHE_SIZE = 50_000
# Keys looked up by one `know_keys` query (each with its up to three article variants: well
# under SQLite's 32,766 bound variables).
KEYS_PER_QUERY = 500
_ENTRY_COLUMNS = (
    "geonameid, name, latitude, longitude, country_code, country, admin1_code, admin1, "
    "feature_class, feature_code, population, admin2"
)
_ENTRY_WIDTH = 12


@dataclass(frozen=True, slots=True)
class NameMatch:
    """One entry a name leads to, and how (its own name, an alternate, a demonym...).

    `transliterated` is set when only the transliteration keys met (`Gazetteer.matches`).
    """

    entry: GeoEntry
    kind: NameKind
    key: str
    admin2: str = ""
    transliterated: bool = False


def default_gazetteer_path() -> Path:
    """`SITREP_GAZETTEER`, else `~/.cache/sitrep/gazetteer-<build version>.sqlite` (XDG_CACHE_HOME kept)."""
    configured = os.environ.get(GAZETTEER_ENV)
    if configured:
        return Path(configured).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "sitrep" / f"gazetteer-{BUILD_VERSION}.sqlite"


class Gazetteer:
    """A read-only view of a gazetteer file; cheap lookups, cached per process."""

    def __init__(self, path: Path) -> None:
        """Open the gazetteer at `path` as it is (see `Gazetteer.open` to build or refresh it)."""
        if not path.is_file():
            raise ConfigError(f"no gazetteer at {path}", fix="build it with `sitrep gazetteer build`")
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._matches: dict[str, tuple[NameMatch, ...]] = {}
        self._keys: dict[str, bool] = {}
        self._similar: dict[str, tuple[NameMatch, ...]] = {}
        self._entries: dict[int, GeoEntry | None] = {}

    @classmethod
    def open(cls, path: Path | None = None, *, rebuild_stale: bool = True) -> Gazetteer:
        """The gazetteer at `path` (default: `default_gazetteer_path()`), built when missing or stale."""
        chosen = path or default_gazetteer_path()
        if not chosen.is_file() or (rebuild_stale and is_stale(chosen)):
            build_gazetteer(chosen)
        return cls(chosen)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the path only: each process opens its own connection."""
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Restore from `__getstate__`."""
        self.__init__(state["path"])  # type: ignore[misc]

    @property
    def connection(self) -> sqlite3.Connection:
        """The read-only SQLite connection, opened on first use."""
        if self._connection is None:
            self._connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        return self._connection

    def close(self) -> None:
        """Close the connection (it reopens on the next lookup)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def matches(self, name: str) -> tuple[NameMatch, ...]:
        """Every entry `name` leads to, by key (with St/Saint-style variants), most trusted kind first."""
        key = name_key(name)
        found = self._matches.get(key)
        if found is None:
            found = self._lookup(key)
            if len(self._matches) >= CACHE_SIZE:
                self._matches.clear()
            self._matches[key] = found
        return found

    def _lookup(self, key: str) -> tuple[NameMatch, ...]:
        """The uncached lookup behind `matches`: the exact key, else with the article off or on,
        else its transliteration key."""
        if not key:
            return ()
        return self._exact(key) or self._with_article(key) or self._transliterated(key)

    def _with_article(self, key: str) -> tuple[NameMatch, ...]:
        """The entries the key leads to once the Arabic article is taken off or put on."""
        best: dict[int, NameMatch] = {}
        for match in (match for variant in article_variants(key) for match in self._exact(variant)):
            known = best.get(match.entry.geonameid)
            if known is None or match.kind < known.kind:
                best[match.entry.geonameid] = match
        return tuple(sorted(best.values(), key=lambda match: (match.kind, -match.entry.population)))

    def _exact(self, key: str) -> tuple[NameMatch, ...]:
        """The entries the key (or a St/Saint-style variant of it) leads to."""
        best: dict[int, NameMatch] = {}
        for variant in key_variants(key):
            rows = self.connection.execute(
                f"select {_ENTRY_COLUMNS}, n.kind from names n join entries e using (geonameid) "
                "where n.key = ?",
                (variant,),
            ).fetchall()
            for row in rows:
                entry = _entry(row)
                match = NameMatch(entry, NameKind(row[_ENTRY_WIDTH]), variant, entry.admin2)
                known = best.get(match.entry.geonameid)
                if known is None or match.kind < known.kind:
                    best[match.entry.geonameid] = match
        return tuple(sorted(best.values(), key=lambda match: (match.kind, -match.entry.population)))

    def _transliterated(self, key: str) -> tuple[NameMatch, ...]:
        """The entries whose own names share the key's transliteration key, as alternate names.

        Alternate names are left out: GeoNames lists a town's names in many languages, and their
        folds meet unrelated words ("Londoner" would reach London).
        """
        fold = transliteration_key(key)
        if not fold:
            return ()
        rows = self.connection.execute(
            f"select {_ENTRY_COLUMNS}, t.kind from transliterations t join entries e using (geonameid) "
            "where t.fold = ? and t.kind = ?",
            (fold, int(NameKind.NAME)),
        ).fetchall()
        matches = [
            NameMatch(entry, NameKind.ALTERNATE, key, entry.admin2, True)
            for row in rows
            for entry in (_entry(row),)
        ]
        return tuple(sorted(matches, key=lambda match: (match.kind, -match.entry.population)))

    def has_key(self, key: str) -> bool:
        """True when some entry has the (already normalised) key `key` as a name of any kind, as
        written or with the Arabic article taken off or put on ("Qamishli" for "Al Qamishli")."""
        known = self._keys.get(key)
        if known is None:
            self.know_keys([key])
            known = self._keys[key]
        return known

    def know_keys(self, keys: Iterable[str]) -> None:
        """Look up at once every key of `keys` not yet known to `has_key` (one query per
        `KEYS_PER_QUERY` keys, not one per key and variant): a document's candidate names in one go."""
        unknown = list(dict.fromkeys(key for key in keys if key not in self._keys))
        if len(self._keys) + len(unknown) >= CACHE_SIZE:
            self._keys.clear()
        for first in range(0, len(unknown), KEYS_PER_QUERY):
            batch = {key: [key, *article_variants(key)] for key in unknown[first : first + KEYS_PER_QUERY]}
            variants = list(dict.fromkeys(variant for spellings in batch.values() for variant in spellings))
            marks = ", ".join("?" * len(variants))
            present = {row[0] for row in self.connection.execute(
                f"select distinct key from names where key in ({marks})", variants)}
            for key, spellings in batch.items():
                self._keys[key] = any(variant in present for variant in spellings)

    def candidates(self, name: str) -> list[GeoEntry]:
        """The entries `name` may refer to in running text (postal codes left out), most trusted first."""
        return [match.entry for match in self.matches(name) if match.kind < NameKind.CODE]

    def similar(self, name: str) -> list[NameMatch]:
        """Entries whose name has the same consonant skeleton as `name` (for the fuzzy fallback)."""
        skeleton = skeleton_key(name_key(name))
        if not skeleton:
            return []
        found = self._similar.get(skeleton)
        if found is None:
            rows = self.connection.execute(
                f"select {_ENTRY_COLUMNS}, s.key from skeletons s join entries e using (geonameid) "
                "where s.skeleton = ?",
                (skeleton,),
            ).fetchall()
            entries = [(_entry(row), row[_ENTRY_WIDTH]) for row in rows]
            found = tuple(NameMatch(entry, NameKind.ALTERNATE, key, entry.admin2) for entry, key in entries)
            if len(self._similar) >= CACHE_SIZE:
                self._similar.clear()
            self._similar[skeleton] = found
        return list(found)

    def get(self, geonameid: int) -> GeoEntry | None:
        """The entry with this id, or None (cached: stored extractions read their candidates here)."""
        if geonameid in self._entries:
            return self._entries[geonameid]
        row = self.connection.execute(
            f"select {_ENTRY_COLUMNS} from entries where geonameid = ?", (geonameid,)
        ).fetchone()
        if len(self._entries) >= CACHE_SIZE:
            self._entries.clear()
        found = self._entries[geonameid] = _entry(row) if row else None
        return found

    def seats(self, country_code: str) -> list[GeoEntry]:
        """The admin-1 seats (and the capital) of one country, by name."""
        rows = self.connection.execute(
            f"select {_ENTRY_COLUMNS} from entries where country_code = ? and feature_class = 'P' "
            "and feature_code in ('PPLA', 'PPLC') order by name, geonameid",
            (country_code.upper(),),
        ).fetchall()
        return [_entry(row) for row in rows]

    def admin1_seat(self, division: GeoEntry) -> GeoEntry | None:
        """The seat town of an admin-1 division (its PPLA, else the national capital inside it), or None."""
        if division.feature_code != "ADM1":
            return None
        row = self.connection.execute(
            f"select {_ENTRY_COLUMNS} from entries where country_code = ? and admin1_code = ? "
            "and feature_code in ('PPLA', 'PPLC') "
            "order by feature_code = 'PPLA' desc, population desc limit 1",
            (division.country_code, division.admin1_code),
        ).fetchone()
        return _entry(row) if row else None

    def info(self) -> dict[str, str]:
        """The file's `meta` table (versions, build time, counts) plus its path and size."""
        meta = dict(self.connection.execute("select key, value from meta").fetchall())
        meta["path"] = str(self.path)
        meta["size_bytes"] = str(self.path.stat().st_size)
        return meta


def is_stale(path: Path) -> bool:
    """True when the file at `path` was built by another build version or from other source data."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(connection.execute("select key, value from meta").fetchall())
        finally:
            connection.close()
    except sqlite3.Error:
        return True
    return meta.get("build_version") != BUILD_VERSION or meta.get("source_version") != source_version()


def _entry(row: tuple[Any, ...]) -> GeoEntry:
    """A GeoEntry from the entry columns that begin a query row."""
    return GeoEntry(*row[:_ENTRY_WIDTH])


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The default gazetteer of this process, built on first use when needed."""
    return Gazetteer.open()


_EXISTING: dict[Path, Gazetteer] = {}


def existing_gazetteer() -> Gazetteer | None:
    """The default gazetteer when its file is there, else None; never builds or refreshes it.

    For readers that may use a gazetteer but must not wait for a build (the store, re-reading
    candidate ids).
    """
    path = default_gazetteer_path()
    found = _EXISTING.get(path)
    if found is None and path.is_file():
        found = _EXISTING.setdefault(path, Gazetteer(path))
    return found


def search(name: str) -> list[GeoEntry]:
    """The candidates for `name` in the default gazetteer, most trusted and most populous first."""
    return default_gazetteer().candidates(name)


def is_admin1_seat(entry: GeoEntry) -> bool:
    """True for a town that is the seat of its admin-1 division (GeoNames PPLA; capitals, PPLC, too).

    The codes are GeoNames' own when the gazetteer was built with its cities file (`info()`'s
    `admin1_seats` says which), else derived.
    """
    return entry.feature_class == "P" and entry.feature_code in {"PPLA", "PPLC"}
