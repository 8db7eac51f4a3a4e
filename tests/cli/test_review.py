"""`sitrep review ...` end to end: each command's stored effect on the invented news of the API tests.

The news (two outlets on Velmar's fall on 1 March 2022, one on Ostrun's on 5 March) is written and
fused without spaCy; the gazetteer and the provincial seats are the fixture's (no real gazetteer).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from sitrep.cli import cli
from sitrep.records import CorrectionField, Event
from sitrep.run import review
from sitrep.run.control_update import PlaceFacts
from sitrep.store import open_store
from sitrep.store.base import FusedQuery

sys.path.insert(0, str(Path(__file__).parents[1] / "api"))
from api_fixtures import ARMY, OSTRUN, REBELS, VELMAR, Fixture, build, seat

ENTRIES = {VELMAR.geonameid: VELMAR, OSTRUN.geonameid: OSTRUN}
WHY = ["--reason", "the wire says otherwise", "--author", "ana"]


@pytest.fixture(autouse=True)
def fixture_places(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture's seats and gazetteer instead of the real ones."""
    monkeypatch.setattr(review, "default_place_facts", lambda: PlaceFacts(seat=seat, entry=ENTRIES.get))
    monkeypatch.setattr(review, "_gazetteer_lookup", lambda: ENTRIES.get)


@pytest.fixture
def news(tmp_path: Path) -> Fixture:
    """The invented news in SQLite, fused."""
    return build(f"sqlite:///{tmp_path / 'news.db'}")


def run(fixture: Fixture, *arguments: str) -> Result:
    """`sitrep review ARGUMENTS --db URL`, its exit code checked by the caller."""
    return CliRunner().invoke(cli, ["review", *arguments, "--db", fixture.url], catch_exceptions=False)


def answer(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def event(fixture: Fixture, key: str) -> Event:
    store = open_store(fixture.url)
    try:
        return review.event_of(store, fixture.event_id(key))
    finally:
        store.close()


def holder(fixture: Fixture, place: str, day: date) -> tuple[str | None, str] | None:
    """Who holds `place` on `day`, and on what basis, as the store has it now (None: no period)."""
    store = open_store(fixture.url)
    try:
        periods = [json.loads(row.data) for row in store.list_control(country="AF", as_of=day)]
    finally:
        store.close()
    found = [(period["actor"], period["basis"]) for period in periods if period["place"] == place]
    assert len(found) <= 1, found
    return found[0] if found else None


def corrections(fixture: Fixture, *, active: bool = True) -> list[Any]:
    store = open_store(fixture.url)
    try:
        return store.list_corrections(active=active)
    finally:
        store.close()


def event_ids(fixture: Fixture) -> set[str]:
    store = open_store(fixture.url)
    try:
        return {row.record_id for row in store.list_fused(FusedQuery("event", limit=None))}
    finally:
        store.close()


def test_reject_keeps_the_event_marked_and_out_of_lists(news: Fixture) -> None:
    event_id = news.event_id("velmar_ridge")
    saved = answer(run(news, "reject", event_id, *WHY, "--json"))
    assert saved[0]["field"] == "rejected" and saved[0]["author"] == "ana"
    assert event(news, "velmar_ridge").rejected
    assert event_id not in event_ids(news)
    [stored] = corrections(news)
    assert (stored.field, stored.target, stored.reason) == (
        CorrectionField.REJECTED, event_id, "the wire says otherwise")


def test_set_date_moves_control_and_undo_restores_the_machine_value(news: Fixture) -> None:
    event_id = news.event_id("velmar_ridge")
    assert holder(news, "Velmar", date(2022, 3, 2)) == (REBELS, "evidenced")
    saved = answer(run(news, "set", event_id, "date=2022-03-03", *WHY, "--json"))
    assert (saved[0]["machine_value"], saved[0]["value"]) == ("2022-03-01", "2022-03-03")
    fixed = event(news, "velmar_ridge")
    assert fixed.event_date == date(2022, 3, 3) and fixed.corrections[0].author == "ana"
    assert holder(news, "Velmar", date(2022, 3, 2)) != (REBELS, "evidenced")
    assert holder(news, "Velmar", date(2022, 3, 3)) == (REBELS, "evidenced")

    undone = answer(run(news, "undo", str(saved[0]["correction_id"]), "--author", "bo", "--json"))
    assert undone[0]["undone_by"] == "bo"
    assert event(news, "velmar_ridge").event_date == date(2022, 3, 1)
    assert holder(news, "Velmar", date(2022, 3, 2)) == (REBELS, "evidenced")
    assert corrections(news) == [] and corrections(news, active=False)[0].undone_at is not None


def test_set_refuses_an_unknown_field_a_bad_day_and_a_missing_event(news: Fixture) -> None:
    event_id = news.event_id("velmar_ridge")
    for bad in ("fatalities=3", "date=Thursday", "place=Velmar", "date"):
        result = run(news, "set", event_id, bad, *WHY)
        assert result.exit_code == 2, (bad, result.output)
    assert run(news, "set", "E-nothing", "date=2022-03-03", *WHY).exit_code == 4
    assert corrections(news) == []


def test_set_place_and_type_in_one_command(news: Fixture) -> None:
    event_id = news.event_id("velmar_ridge")
    saved = answer(run(news, "set", event_id, f"place={OSTRUN.geonameid}", "sub_event_type=Armed clash",
                       *WHY, "--json"))
    assert [item["field"] for item in saved] == ["place", "sub_event_type"]
    fixed = event(news, "velmar_ridge")  # found by its first id although its place changed
    assert (fixed.location, fixed.geonameid, fixed.sub_event_type, fixed.event_type) == (
        "Ostrun", OSTRUN.geonameid, "Armed clash", "Battles")


def test_control_sets_a_period_over_the_machine(news: Fixture) -> None:
    saved = answer(run(news, "control", str(VELMAR.geonameid), "--actor", ARMY, "--from", "2022-03-01",
                       "--to", "2022-03-04", *WHY, "--json"))
    assert saved[0]["field"] == "control" and saved[0]["start"] == "2022-03-01"
    assert holder(news, "Velmar", date(2022, 3, 2)) == (ARMY, "corrected")
    assert holder(news, "Velmar", date(2022, 3, 4)) == (REBELS, "evidenced")
    backwards = run(news, "control", str(VELMAR.geonameid), "--actor", ARMY, "--from", "2022-03-04",
                    "--to", "2022-03-01", *WHY)
    assert backwards.exit_code == 2 and "before it starts" in backwards.output
    assert run(news, "control", "Velmar", "--actor", ARMY, "--from", "2022-03-01", *WHY).exit_code == 2


def test_unreliable_leaves_the_article_out_until_undone(news: Fixture) -> None:
    ostrun = news.event_id("ostrun")
    assert holder(news, "Ostrun", date(2022, 3, 5)) == (REBELS, "evidenced")
    saved = answer(run(news, "unreliable", news.articles["ostrun"].id, *WHY, "--json"))
    assert ostrun not in event_ids(news)
    assert holder(news, "Ostrun", date(2022, 3, 5)) in (None, (ARMY, "presumed"))
    answer(run(news, "undo", str(saved[0]["correction_id"]), "--json"))
    assert ostrun in event_ids(news)
    assert holder(news, "Ostrun", date(2022, 3, 5)) == (REBELS, "evidenced")


def test_list_shows_what_is_in_force_by_target_and_with_undone(news: Fixture) -> None:
    velmar = news.event_id("velmar_ridge")
    first = answer(run(news, "set", velmar, "date=2022-03-02", *WHY, "--json"))[0]
    answer(run(news, "reject", news.event_id("ostrun"), *WHY, "--json"))
    answer(run(news, "undo", str(first["correction_id"]), "--json"))
    assert [item["field"] for item in answer(run(news, "list", "--json"))] == ["rejected"]
    everything = answer(run(news, "list", "--all", "--json"))
    assert [item["field"] for item in everything] == ["event_date", "rejected"]
    assert [item["target"] for item in answer(run(news, "list", "--all", "--target", velmar, "--json"))] == [
        velmar]
    table = run(news, "list", "--all")
    assert table.exit_code == 0 and "undone" in table.output and "ana" in table.output


def test_queue_ranks_single_source_changes_first_and_leaves_corrected_events_out(news: Fixture) -> None:
    items = answer(run(news, "queue", "--json"))
    scores = [item["score"] for item in items]
    assert items and scores == sorted(scores, reverse=True)
    assert items[0]["reason"] == "a change of hands reported by one source only"
    assert items[0]["url"].startswith("/places/")
    mali = answer(run(news, "queue", "--country", "Mali", "--json"))
    assert not any(item["title"].startswith(("Velmar", "Ostrun")) for item in mali)
    assert len(answer(run(news, "queue", "--limit", "1", "--json"))) == 1
    assert run(news, "queue").exit_code == 0


def test_a_correction_and_its_undo_on_both_backends(store_url: str) -> None:
    """The same commands on SQLite and on PostgreSQL (the `postgres` marker)."""
    news = build(store_url)
    event_id = news.event_id("velmar_ridge")
    saved = answer(run(news, "set", event_id, "date=2022-03-03", *WHY, "--json"))
    assert event(news, "velmar_ridge").event_date == date(2022, 3, 3)
    assert holder(news, "Velmar", date(2022, 3, 2)) != (REBELS, "evidenced")
    assert [item["correction_id"] for item in answer(run(news, "list", "--json"))] == [
        saved[0]["correction_id"]]
    answer(run(news, "undo", str(saved[0]["correction_id"]), "--json"))
    assert event(news, "velmar_ridge").event_date == date(2022, 3, 1)
    assert holder(news, "Velmar", date(2022, 3, 2)) == (REBELS, "evidenced")
