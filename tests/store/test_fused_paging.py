"""Fused lists continued after a key (keyset pages) and the actor names that answer "nobody" at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import create_engine, select, text
from test_migration_0005 import _engine_url, _migrate

from sitrep.store import Store, open_store, upgrade_store
from sitrep.store.base import FusedQuery, FusedRow
from sitrep.store.fused_read import count_fused_page, list_fused_page
from sitrep.store.migrate import head_revision
from sitrep.store.sql import SqlStore
from sitrep.store.sql_actors import fused_actor_names

# (record id, day of June 2024 or None for undated, actors): several records share a day.
RECORDS = (("b2", 3, ("Hill Rangers",)), ("a7", 3, ("River Guard",)), ("c1", 3, ()),
           ("z9", 1, ("Hill Rangers",)), ("m4", 5, ("Öst Brigade", "River Guard")),
           ("k5", None, ("Hill Rangers",)), ("d3", None, ()), ("q8", 2, ("River Guard",)))


def _row(record_id: str, day: int | None, actors: tuple[str, ...]) -> FusedRow:
    when = date(2024, 6, day) if day else None
    return FusedRow(kind="event", record_id=record_id, group_id=f"event:{record_id}", data="{}",
                    first_day=when, last_day=when, country="Testland", country_code="XX", label="Armed clash",
                    weight=1, actors=actors)


def _fill(store: Store) -> list[FusedRow]:
    rows = [_row(*record) for record in RECORDS]
    with store.fusion() as session:
        session.replace_fused("event", [row.group_id for row in rows], rows)
    return rows


def _ids(rows: list[FusedRow]) -> list[str]:
    return [row.record_id for row in rows]


def test_pages_after_a_key_are_the_pages_by_offset(store: Store) -> None:
    _fill(store)
    for query in (FusedQuery("event"), FusedQuery("event", country="XX", actor="river"),
                  FusedQuery("event", since=date(2024, 6, 2))):
        everything = _ids(store.list_fused(replace(query, limit=None)))
        by_key: list[str] = []
        after = None
        while True:
            page = list_fused_page(store, replace(query, limit=2, after=after))
            if not page:
                break
            by_key += _ids(page)
            after = (page[-1].first_day, page[-1].record_id)
        by_offset = [record for offset in range(0, len(everything), 2)
                     for record in _ids(store.list_fused(replace(query, limit=2, offset=offset)))]
        assert by_key == by_offset == everything
    assert _ids(store.list_fused(FusedQuery("event", limit=None)))[-3:] == ["z9", "k5", "d3"]  # undated last


def test_a_key_that_is_not_stored_still_marks_a_place_in_the_list(store: Store) -> None:
    _fill(store)
    key = (date(2024, 6, 3), "b0")
    assert _ids(store.list_fused(FusedQuery("event", after=key))) == ["a7", "q8", "z9"]  # the dated ones
    assert _ids(list_fused_page(store, FusedQuery("event", after=key, limit=4))) == ["a7", "q8", "z9", "k5"]
    assert _ids(list_fused_page(store, FusedQuery("event", after=(date(2024, 6, 4), "zz"), limit=2))) == [
        "c1", "b2"]
    assert _ids(store.list_fused(FusedQuery("event", after=(None, "e0")))) == ["d3"]
    assert _ids(store.list_fused(FusedQuery("event", after=(None, None)))) == ["k5", "d3"]
    assert count_fused_page(store, FusedQuery("event", after=key), most=10) == 5
    assert count_fused_page(store, FusedQuery("event", after=key), most=3) == 4  # "more than 3"
    in_june = FusedQuery("event", after=key, since=date(2024, 6, 1), undated=False)
    assert _ids(list_fused_page(store, in_june)) == ["a7", "q8", "z9"]
    assert count_fused_page(store, in_june, most=10) == 3


def test_an_actor_nobody_names_finds_nothing_and_known_ones_still_match(store: Store) -> None:
    _fill(store)
    assert store.list_fused(FusedQuery("event", actor="nobody at all")) == []
    assert store.count_fused(FusedQuery("event", actor="nobody at all"), most=10) == 0
    assert _ids(store.list_fused(FusedQuery("event", actor="OST brig"))) == ["m4"]
    assert _ids(store.list_fused(FusedQuery("event", actor="hill"))) == ["b2", "z9", "k5"]
    # The only Öst Brigade record goes: its name stays known and matches nothing.
    with store.fusion() as session:
        session.replace_fused("event", ["event:m4"], [_row("m4", 5, ("River Guard",))])
    assert store.list_fused(FusedQuery("event", actor="ost")) == []


def test_every_actor_written_is_a_known_name_and_clearing_forgets_them(store: Store) -> None:
    _fill(store)
    assert isinstance(store, SqlStore)
    with store.engine.connect() as connection:
        names = set(connection.execute(select(fused_actor_names.c.actor_folded)).scalars())
    assert names == {"hill rangers", "river guard", "ost brigade"}
    store.clear_fusion()
    with store.engine.connect() as connection:
        assert connection.execute(select(fused_actor_names)).all() == []


def test_0010_learns_the_names_of_records_stored_before_it(store_url: str) -> None:
    _migrate(store_url, "0009")
    engine = create_engine(_engine_url(store_url))
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO fused (kind, record_id, group_id, first_day, last_day, country_code, weight, data, "
            "actors, actors_folded, rejected) VALUES ('event', 'old1', 'event:old1', '2023-03-01', "
            "'2023-03-01', 'XX', 1, '{}', :actors, :folded, false)"),
            {"actors": "Kāra Sūr Guard\nValley Watch", "folded": "kara sur guard\nvalley watch"})
    engine.dispose()
    assert upgrade_store(store_url) == ("0009", head_revision())
    store = open_store(store_url)
    try:
        assert _ids(store.list_fused(FusedQuery("event", actor="valley"))) == ["old1"]
        assert store.list_fused(FusedQuery("event", actor="nobody")) == []
    finally:
        store.close()
    _migrate(store_url, "0009", down=True)
    _migrate(store_url, "0010")
