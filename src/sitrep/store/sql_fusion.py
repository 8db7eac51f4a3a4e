"""The fusion half of the SQL store: stage items with their keys, fused records, control periods."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, bindparam, delete, insert, or_, select, text, true, tuple_, update

from sitrep.store.base import ControlRow, FusedQuery, FusedRow, FusionItem
from sitrep.store.folding import contains_folded, contains_folded_copy, equals_folded, fold_actors
from sitrep.store.schema import control_periods, extractions, fused, fused_totals, fusion_items, fusion_keys
from sitrep.store.sql_actors import add_actor_names, folded_names, fused_actor_names
from sitrep.store.sql_aliases import Moves, record_moves, successors, write_aliases
from sitrep.store.sql_changes import CONTROL, mark_changed
from sitrep.store.sql_events import country_condition
from sitrep.store.sql_totals import TotalKey, added_totals, move_totals, removed_totals

# Parameters per IN (...) list: well under SQLite's and PostgreSQL's limits.
CHUNK = 500
# Keys counted per statement (`key_counts`: one bounded subquery each).
COUNT_CHUNK = 100
# The stage whose items mark an article as fused (every fused article has its features item).
ARTICLE_KIND = "article"
# The stage kind of the items each fused kind is made of, where they differ (stories are made of
# articles' features).
ITEM_KINDS = {"story": ARTICLE_KIND}
# Fused records stored with first_day == last_day (run.fusion writes an event's date as both).
SINGLE_DAY_KINDS = frozenset({"event"})
# Every column of `fused` but the JSON document (and the folded actors, a filter's copy), for lists
# that only need the filter columns.
FUSED_COLUMNS = [column for column in fused.columns if column.name not in ("data", "actors_folded")]


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    """`values` in slices small enough for one IN (...) list."""
    for begin in range(0, len(values), size):
        yield values[begin:begin + size]


class SqlFusionSession:
    """A `FusionSession` over one open SQLAlchemy connection inside a transaction."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        # Per item kind: the record ids of items about to be replaced, and how items moved between
        # records (`sql_aliases`), until the records of that kind are replaced.
        self._previous: dict[str, dict[str, str]] = {}
        self._moves: dict[str, Moves] = {}
        # Whether control periods were rewritten: the store moves the control serial at the end.
        self.control_changed = False

    def items_of_articles(self, kind: str, article_ids: Sequence[str]) -> list[FusionItem]:
        """The items of `kind` that these articles contributed."""
        return self._items(kind, fusion_items.c.article_id, sorted(set(article_ids)))

    def items_in_groups(self, kind: str, group_ids: Sequence[str]) -> list[FusionItem]:
        """Every item of `kind` in these connected groups."""
        return self._items(kind, fusion_items.c.group_id, sorted(set(group_ids)))

    def items_by_keys(self, kind: str, keys: Sequence[str], *, since: date | None,
                      until: date | None) -> list[FusionItem]:
        """Items of `kind` with one of `keys`, dated within [since, until] or undated."""
        item_ids: set[str] = set()
        for part in chunks(sorted(set(keys))):
            statement = select(fusion_keys.c.item_id).where(
                fusion_keys.c.kind == kind, fusion_keys.c.key.in_(part),
                _within(fusion_keys.c.day, since, until),
            )
            item_ids.update(self.connection.execute(statement).scalars())
        return self._items(kind, fusion_items.c.item_id, sorted(item_ids))

    def key_counts(self, kind: str, keys: Sequence[str], *, limit: int) -> dict[str, int]:
        """How many items of `kind` hold each of `keys` (counted up to `limit` + 1; absent: none).

        Each count reads at most `limit` + 1 entries of the key index, however many items hold it.
        """
        counts: dict[str, int] = {}
        for part in chunks(sorted(set(keys)), COUNT_CHUNK):
            selects = [f"select :key{index} as key, (select count(*) from (select 1 from fusion_keys "
                       f"where kind = :kind and key = :key{index} limit :most) held) as held"
                       for index in range(len(part))]
            values: dict[str, Any] = {f"key{index}": key for index, key in enumerate(part)}
            statement = text(" union all ".join(selects))
            rows = self.connection.execute(statement, {**values, "kind": kind, "most": limit + 1})
            counts.update((key, held) for key, held in rows if held)
        return counts

    def replace_items(self, kind: str, article_ids: Sequence[str], items: Sequence[FusionItem]) -> None:
        """Drop the items of `kind` of these articles and store `items` (with their keys) instead."""
        self._remember_records(kind, article_ids)
        for part in chunks(sorted(set(article_ids))):
            old = select(fusion_items.c.item_id).where(
                fusion_items.c.kind == kind, fusion_items.c.article_id.in_(part))
            self.connection.execute(delete(fusion_keys).where(
                fusion_keys.c.kind == kind, fusion_keys.c.item_id.in_(old)))
            self.connection.execute(delete(fusion_items).where(
                fusion_items.c.kind == kind, fusion_items.c.article_id.in_(part)))
        if not items:
            return
        self.connection.execute(insert(fusion_items), [
            {"kind": kind, "item_id": item.item_id, "article_id": item.article_id, "day": item.day,
             "group_id": item.group_id, "record_id": item.record_id, "data": item.data}
            for item in items
        ])
        keys = [{"kind": kind, "key": key, "item_id": item.item_id, "day": item.day}
                for item in items for key in sorted(set(item.keys))]
        if keys:
            self.connection.execute(insert(fusion_keys), keys)

    def assign(self, kind: str, assignments: Sequence[tuple[str, str, str]]) -> None:
        """Set (group_id, record_id) of items, given as (item_id, group_id, record_id)."""
        statement = update(fusion_items).where(
            fusion_items.c.kind == kind, fusion_items.c.item_id == bindparam("item")
        ).values(group_id=bindparam("group"), record_id=bindparam("record"))
        rows = [{"item": item, "group": group, "record": record} for item, group, record in assignments]
        self._record_moves(kind, assignments)
        if rows:
            self.connection.execute(statement, rows)

    def fused_in_groups(self, kind: str, group_ids: Sequence[str]) -> list[FusedRow]:
        """The fused records of `kind` built from these groups."""
        found: list[FusedRow] = []
        for part in chunks(sorted(set(group_ids))):
            statement = select(fused).where(fused.c.kind == kind, fused.c.group_id.in_(part))
            found.extend(fused_row(row) for row in self.connection.execute(statement))
        return sorted(found, key=lambda row: row.record_id)

    def replace_fused(self, kind: str, group_ids: Sequence[str], rows: Sequence[FusedRow]) -> None:
        """Drop the fused records of these groups and store `rows` instead (moving `fused_totals`)."""
        removed: Counter[TotalKey] = Counter()
        for part in chunks(sorted(set(group_ids))):
            removed.update(removed_totals(self.connection, kind, part))
            self.connection.execute(delete(fused).where(fused.c.kind == kind, fused.c.group_id.in_(part)))
        if rows:
            self.connection.execute(insert(fused), [_fused_values(row) for row in rows])
        add_actor_names(self.connection, folded_names(rows))
        move_totals(self.connection, added_totals(rows), removed)
        self._write_aliases(kind, [row.record_id for row in rows])

    def fused_at_place(self, kind: str, place_id: int) -> list[FusedRow]:
        """Fused records of `kind` whose place is `place_id`."""
        statement = select(fused).where(fused.c.kind == kind, fused.c.place_id == place_id)
        return sorted((fused_row(row) for row in self.connection.execute(statement)),
                      key=lambda row: row.record_id)

    def replace_control(self, geonameid: int, rows: Sequence[ControlRow]) -> None:
        """Replace the control periods of one place (the control serial moves at the commit)."""
        self.control_changed = True
        self.connection.execute(delete(control_periods).where(control_periods.c.geonameid == geonameid))
        if rows:
            self.connection.execute(insert(control_periods), [
                {"geonameid": row.geonameid, "start": row.start, "end": row.end, "country": row.country,
                 "country_code": row.country_code, "state": row.state, "actor": row.actor,
                 "admin1_seat": row.admin1_seat, "data": row.data}
                for row in rows
            ])

    def _remember_records(self, kind: str, article_ids: Sequence[str]) -> None:
        """Keep the record ids of the items these articles had: re-inserted items start unassigned."""
        previous = self._previous.setdefault(kind, {})
        for part in chunks(sorted(set(article_ids))):
            statement = select(fusion_items.c.item_id, fusion_items.c.record_id).where(
                fusion_items.c.kind == kind, fusion_items.c.article_id.in_(part))
            previous.update((item_id, record_id) for item_id, record_id in self.connection.execute(statement))

    def _record_moves(self, kind: str, assignments: Sequence[tuple[str, str, str]]) -> None:
        """Count, for each record id the items had, the record ids they are assigned now."""
        before = dict(self._previous.pop(kind, {}))
        for part in chunks(sorted({item for item, _, _ in assignments})):
            statement = select(fusion_items.c.item_id, fusion_items.c.record_id).where(
                fusion_items.c.kind == kind, fusion_items.c.item_id.in_(part))
            before.update((item, record) for item, record in self.connection.execute(statement) if record)
        record_moves(self._moves.setdefault(kind, {}),
                     ((before.get(item, ""), record) for item, _, record in assignments))

    def _write_aliases(self, kind: str, live: Sequence[str]) -> None:
        """Record the ids of `kind` that no record has any more as aliases of their successors."""
        moves = self._moves.pop(ITEM_KINDS.get(kind, kind), {})
        write_aliases(self.connection, kind, successors(moves, set(live)), live)

    def _items(self, kind: str, column: Any, values: Sequence[str]) -> list[FusionItem]:
        found: list[FusionItem] = []
        for part in chunks(values):
            statement = select(fusion_items).where(fusion_items.c.kind == kind, column.in_(part))
            found.extend(FusionItem(kind=row.kind, item_id=row.item_id, article_id=row.article_id,
                                    day=row.day, data=row.data, group_id=row.group_id,
                                    record_id=row.record_id)
                         for row in self.connection.execute(statement))
        return sorted(found, key=lambda item: item.item_id)


def clear_fusion(connection: Any) -> None:
    """Delete every fusion table's rows (inside the caller's transaction); the control serial moves."""
    for table in (fusion_keys, fusion_items, fused, fused_totals, fused_actor_names, control_periods):
        connection.execute(delete(table))
    mark_changed(connection, CONTROL)


def unfused_article_ids_statement() -> Select[Any]:
    """Extracted articles with no fusion item yet, in id order."""
    seen = select(fusion_items.c.article_id).where(fusion_items.c.kind == ARTICLE_KIND)
    return select(extractions.c.article_id).where(extractions.c.article_id.not_in(seen)).order_by(
        extractions.c.article_id)


def filter_fused(statement: Select[Any], query: FusedQuery) -> Select[Any]:
    """`statement` restricted to the fused records `query` asks for."""
    conditions = [fused.c.kind == query.kind]
    if query.country:
        conditions.append(country_condition(fused.c.country, fused.c.country_code, query.country))
    # An event lasts one day (first_day == last_day): its range is one indexed column.
    last_day = fused.c.first_day if query.kind in SINGLE_DAY_KINDS else fused.c.last_day
    if query.since:
        after = last_day >= query.since
        conditions.append(or_(after, last_day.is_(None)) if query.undated else after)
    if query.until:
        before = fused.c.first_day <= query.until
        conditions.append(or_(before, fused.c.first_day.is_(None)) if query.undated else before)
    if query.label:
        conditions.append(equals_folded(fused.c.label, query.label))
    if query.place_id is not None:
        conditions.append(fused.c.place_id == query.place_id)
    if query.min_weight:
        conditions.append(fused.c.weight >= query.min_weight)
    if query.admin1:
        conditions.append(equals_folded(fused.c.admin1, query.admin1))
    if query.category:
        conditions.append(equals_folded(fused.c.category, query.category))
    if query.actor:
        conditions.append(contains_folded_copy(fused.c.actors_folded, query.actor))
    if query.modalities is not None:
        conditions.append(or_(fused.c.modality.in_(query.modalities), fused.c.modality.is_(None)))
    if not query.rejected:
        conditions.append(fused.c.rejected.is_(False))
    if query.text and query.text.strip():
        conditions.append(or_(*(contains_folded(column, query.text) for column in
                                (fused.c.label, fused.c.place, fused.c.admin1, fused.c.actors))))
    if query.after is not None:
        conditions.append(after_key(*query.after))
    return statement.where(*conditions)


def after_key(day: date | None, record_id: str | None) -> Any:
    """Records after (day, record_id) in list order (first day descending, then id descending).

    A dated key keeps the dated records after it: one row comparison, which both backends read as
    a range of the list indexes (an `OR first_day IS NULL` would make PostgreSQL filter the whole
    range instead). An undated key keeps the undated records after it, (None, None) all of them:
    `fused_read.list_fused_page` continues from the dated records into the undated ones.
    """
    if day is None:
        undated = fused.c.first_day.is_(None)
        return undated if record_id is None else and_(undated, fused.c.record_id < record_id)
    return tuple_(fused.c.first_day, fused.c.record_id) < tuple_(day, record_id or "")


def filter_control(statement: Select[Any], country: str | None, as_of: date | None) -> Select[Any]:
    """`statement` restricted to one country's periods, those in force on `as_of` when given."""
    conditions = []
    if country:
        periods = control_periods.c
        conditions.append(country_condition(periods.country, periods.country_code, country))
    if as_of:
        conditions.append(control_periods.c.start <= as_of)
        conditions.append(or_(control_periods.c.end.is_(None), control_periods.c.end > as_of))
    return statement.where(*conditions) if conditions else statement


# Where each column sits in a row read with every column of `fused`, and in one read without the
# document (`FUSED_COLUMNS`): a row's values are read by position, many times faster than by name.
_EVERY_COLUMN = {column.name: index for index, column in enumerate(fused.columns)}
_LIST_COLUMN = {column.name: index for index, column in enumerate(FUSED_COLUMNS)}


def fused_row(row: Any) -> FusedRow:
    """A `FusedRow` from a row of the fused table (`data` is "" when the row was read without it)."""
    values = tuple(row)
    at = _EVERY_COLUMN if len(values) == len(_EVERY_COLUMN) else _LIST_COLUMN
    actors = values[at["actors"]]
    return FusedRow(kind=values[at["kind"]], record_id=values[at["record_id"]],
                    group_id=values[at["group_id"]], data=values[at["data"]] if "data" in at else "",
                    first_day=values[at["first_day"]], last_day=values[at["last_day"]],
                    country=values[at["country"]], country_code=values[at["country_code"]],
                    label=values[at["label"]], place_id=values[at["place_id"]], weight=values[at["weight"]],
                    admin1=values[at["admin1"]], category=values[at["category"]], place=values[at["place"]],
                    actors=tuple(actors.split("\n")) if actors else (), latitude=values[at["latitude"]],
                    longitude=values[at["longitude"]], modality=values[at["modality"]],
                    rejected=bool(values[at["rejected"]]))


def control_row(row: Any) -> ControlRow:
    """A `ControlRow` from a row of the control_periods table (every column, in the table's order).

    Read by position, as `fused_row` does: a country's thousand periods are read on every map.
    """
    geonameid, start, end, country, country_code, state, actor, admin1_seat, data = tuple(row)
    return ControlRow(geonameid=geonameid, start=start, end=end, country=country, country_code=country_code,
                      state=state, actor=actor, admin1_seat=bool(admin1_seat), data=data)


def _fused_values(row: FusedRow) -> dict[str, Any]:
    return {"kind": row.kind, "record_id": row.record_id, "group_id": row.group_id,
            "first_day": row.first_day, "last_day": row.last_day, "country": row.country,
            "country_code": row.country_code, "label": row.label, "place_id": row.place_id,
            "weight": row.weight, "data": row.data, "admin1": row.admin1, "category": row.category,
            "place": row.place, "actors": "\n".join(row.actors) or None, "latitude": row.latitude,
            "longitude": row.longitude, "modality": row.modality, "rejected": row.rejected,
            "actors_folded": fold_actors(row.actors)}


def _within(column: Any, since: date | None, until: date | None) -> Any:
    bounds = []
    if since is not None:
        bounds.append(column >= since)
    if until is not None:
        bounds.append(column <= until)
    return or_(column.is_(None), and_(*bounds)) if bounds else true()
