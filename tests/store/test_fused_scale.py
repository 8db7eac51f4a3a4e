"""Fused lists that hold at a million events: capped counts, the folded actor copy, migration 0009."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import create_engine, text
from test_migration_0005 import _engine_url, _migrate

from sitrep.store import Store, open_store, upgrade_store
from sitrep.store.base import FusedQuery, FusedRow
from sitrep.store.folding import fold_actors
from sitrep.store.migrate import head_revision
from sitrep.store.sql import SqlStore

# Invented armed groups; two differ only by a LIKE wildcard, one is accented.
ACTORS = (("Northern Shield Brigade", "Valley Watch"), ("Northern Shield Brigade",), ("Kāra_Sūr Guard",),
          ("KaraxSur Guard", "Valley Watch"), ("100% Volunteers",))


def _row(number: int, actors: tuple[str, ...]) -> FusedRow:
    """A fused event on its own day of March 2023, in country XX."""
    day = date(2023, 3, 1) + timedelta(days=number)
    return FusedRow(kind="event", record_id=f"ev{number:03d}", group_id=f"event:ev{number:03d}", data="{}",
                    first_day=day, last_day=day, country="Testland", country_code="XX", label="Armed clash",
                    weight=1, actors=actors)


def _fill(store: Store) -> None:
    rows = [_row(number, actors) for number, actors in enumerate(ACTORS)]
    with store.fusion() as session:
        session.replace_fused("event", [row.group_id for row in rows], rows)


def test_a_capped_count_stops_past_its_bound(store: Store) -> None:
    _fill(store)
    query = FusedQuery("event", country="XX")
    assert store.count_fused(query) == 5
    assert store.count_fused(query, most=2) == 3  # "more than 2"
    assert store.count_fused(query, most=5) == 5
    assert store.count_fused(FusedQuery("event", actor="valley watch"), most=1) == 2


def test_the_actor_filter_reads_the_folded_copy(store: Store) -> None:
    _fill(store)

    def ids(actor: str) -> list[str]:
        return [row.record_id for row in store.list_fused(FusedQuery("event", country="XX", actor=actor))]

    assert ids("shield") == ["ev001", "ev000"]
    assert ids("  NORTHERN shield ") == ["ev001", "ev000"]
    assert ids("kara_sur") == ["ev002"]  # accents dropped; "_" is a letter here, not LIKE's wildcard
    assert ids("100%") == ["ev004"]
    assert ids("100% Vol") == ["ev004"] and ids("10_%") == []
    assert ids("brigade\nvalley") == []  # one actor's name, never two joined


def test_fold_actors_lower_cases_and_drops_accents() -> None:
    assert fold_actors(("Kāra Sūr Guard", "ÉLITE Unit")) == "kara sur guard\nelite unit"
    assert fold_actors(()) is None


def test_sqlite_answers_counts_and_actor_lists_from_the_list_index(tmp_path: object) -> None:
    store = open_store(f"sqlite:///{tmp_path}/plan.db")
    assert isinstance(store, SqlStore)
    _fill(store)
    with store.engine.connect() as connection:
        plan = " ".join(row[-1] for row in connection.execute(text(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM fused WHERE kind = 'event' AND country_code = 'XX' "
            "AND rejected IS 0 AND actors_folded LIKE '%shield%'")))
    store.close()
    assert "COVERING INDEX ix_fused_country_day" in plan


def test_0009_folds_the_actors_stored_before_it(store_url: str) -> None:
    _migrate(store_url, "0008")
    engine = create_engine(_engine_url(store_url))
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO fused (kind, record_id, group_id, first_day, last_day, country_code, weight, data, "
            "actors, rejected) VALUES ('event', 'old1', 'event:old1', '2023-03-01', '2023-03-01', 'XX', 1, "
            "'{}', :actors, false)"), {"actors": "Kāra Sūr Guard\nValley Watch"})
    engine.dispose()
    assert upgrade_store(store_url) == ("0008", head_revision())
    store = open_store(store_url)
    try:
        found = store.list_fused(FusedQuery("event", actor="kara sur"))
        assert [row.record_id for row in found] == ["old1"]
        assert found[0].actors == ("Kāra Sūr Guard", "Valley Watch")
        assert store.fused_day_counts(FusedQuery("event", country="XX")) == [(date(2023, 3, 1), 1)]
        assert store.fused_countries("event") == [(None, "XX", 1)]
    finally:
        store.close()
    _migrate(store_url, "0008", down=True)
    _migrate(store_url, "0009")


def test_running_totals_agree_with_the_rows_after_replacements(store: Store) -> None:
    _fill(store)
    moved = [_row(1, ("Valley Watch",)), _row(7, ("Valley Watch",))]  # ev001 kept, ev007 new
    story = FusedRow(kind="story", record_id="s1", group_id="story:s1", data="{}", first_day=None,
                     last_day=None)
    with store.fusion() as session:
        session.replace_fused("event", ["event:ev000", "event:ev001"], moved)
        session.replace_fused("event", ["event:ev002"], [replace(_row(2, ACTORS[2]), rejected=True)])
        session.replace_fused("event", ["event:ev003"], [])
        session.replace_fused("story", ["story:s1"], [story])
    counted = store.fused_day_counts(FusedQuery("event", country="XX", since=date(2000, 1, 1)))
    assert store.fused_day_counts(FusedQuery("event", country="xx")) == counted
    assert [day.day for day, _ in counted] == [2, 5, 8] and {records for _, records in counted} == {1}
    assert store.fused_countries("event") == [("Testland", "XX", 4)]  # the rejected one counts here
    assert store.fused_countries("story") == [(None, None, 1)]
    store.clear_fusion()
    assert store.fused_countries("event") == []
    assert store.fused_day_counts(FusedQuery("event", country="XX")) == []


def test_totals_stay_right_when_two_writers_left_two_rows_for_one_key(store: Store) -> None:
    _fill(store)
    assert isinstance(store, SqlStore)
    with store.engine.begin() as connection:  # as a second writer inserting the same new key would
        connection.execute(text("INSERT INTO fused_totals (kind, country_code, day, rejected, records) "
                                "VALUES ('event', 'XX', '2023-03-20', false, 0)"))
    with store.fusion() as session:
        session.replace_fused("event", ["event:ev019"], [_row(19, ("Valley Watch",))])
        session.replace_fused("event", ["event:ev000"], [])
    assert store.fused_countries("event") == [("Testland", "XX", 5)]
    assert store.fused_day_counts(FusedQuery("event", country="XX"))[-1] == (date(2023, 3, 20), 1)
