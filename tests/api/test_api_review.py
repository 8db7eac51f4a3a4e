"""Corrections through the API: auth, the error shape, survival of `fuse --all`, undo, queue, place page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from api_fixtures import TOKEN, VELMAR, Fixture, build, client, seat
from fastapi.testclient import TestClient

from sitrep.records import CorrectionField
from sitrep.run import review
from sitrep.run.control_update import PlaceFacts
from sitrep.run.fusion import fuse_pending
from sitrep.store import open_store

BEARER = {"Authorization": f"Bearer {TOKEN}"}
ENTRIES = {VELMAR.geonameid: VELMAR}


@pytest.fixture
def fixture(store_url: str, monkeypatch: pytest.MonkeyPatch) -> Fixture:
    """The invented news, fused, with the test's seats and gazetteer instead of the real ones."""
    monkeypatch.setattr(review, "default_place_facts", lambda: PlaceFacts(seat=seat, entry=ENTRIES.get))
    monkeypatch.setattr(review, "_gazetteer_lookup", lambda: ENTRIES.get)
    return build(store_url)


@pytest.fixture
def api(fixture: Fixture) -> Iterator[TestClient]:
    with client(fixture.url, token=TOKEN) as opened:
        yield opened


def holder_on(api: TestClient, day: str) -> list[tuple[str, str | None, str]]:
    periods = api.get("/api/control", params={"country": "AF", "as_of": day}).json()["periods"]
    return [(p["place"], p["actor"], p["basis"]) for p in periods if p["place"] == "Velmar"]


def test_writes_need_the_token_and_bad_input_has_one_error_shape(fixture: Fixture,
                                                                 api: TestClient) -> None:
    event_id = fixture.event_id("velmar_ridge")
    url = f"/api/events/{event_id}/corrections"
    body = {"field": "date", "value": "2022-03-03", "reason": "the wire gives Thursday"}
    assert api.post(url, json=body).status_code == 401
    assert api.delete("/api/corrections/1").status_code == 401
    for bad, status in (({**body, "value": "Thursday"}, 400), ({**body, "field": "fatalities"}, 400),
                        ({**body, "reason": ""}, 422), ({**body, "extra": 1}, 422)):
        answer = api.post(url, json=bad, headers=BEARER)
        assert answer.status_code == status, bad
        assert set(answer.json()["error"]) == {"status", "code", "message", "fix", "details"}
    assert api.post("/api/events/nope/corrections", json=body, headers=BEARER).status_code == 404
    assert api.delete("/api/corrections/999", headers=BEARER).status_code == 404


def test_a_date_correction_moves_control_survives_fuse_all_and_undo_restores(
        fixture: Fixture, api: TestClient) -> None:
    event_id = fixture.event_id("velmar_ridge")
    assert holder_on(api, "2022-03-02")[0][1] == "Liberation Front"
    answer = api.post(f"/api/events/{event_id}/corrections", headers=BEARER,
                      json={"field": "date", "value": "2022-03-03", "reason": "the wire gives Thursday",
                            "author": "ana"})
    assert answer.status_code == 201
    correction = answer.json()["correction"]
    assert (correction["machine_value"], correction["value"], correction["author"]) == (
        "2022-03-01", "2022-03-03", "ana")
    assert answer.json()["event"]["event_date"] == "2022-03-03"
    assert holder_on(api, "2022-03-02")[0][1] != "Liberation Front"
    assert holder_on(api, "2022-03-03")[0][1] == "Liberation Front"
    detail = api.get(f"/api/events/{event_id}").json()
    assert detail["corrections"][0]["reason"] == "the wire gives Thursday"

    store = open_store(fixture.url)
    try:
        store.clear_fusion()
        fuse_pending(store, seat=seat)
    finally:
        store.close()
    assert holder_on(api, "2022-03-02")[0][1] != "Liberation Front"
    assert api.get(f"/api/events/{event_id}").json()["event_date"] == "2022-03-03"

    assert api.delete(f"/api/corrections/{correction['correction_id']}", headers=BEARER).status_code == 200
    assert api.get(f"/api/events/{event_id}").json()["event_date"] == "2022-03-01"
    assert holder_on(api, "2022-03-02")[0][1] == "Liberation Front"
    listed = api.get("/api/corrections", params={"all": "true"}).json()["items"]
    assert listed[0]["undone_at"] is not None and api.get("/api/corrections").json()["items"] == []


def test_a_rejected_event_leaves_lists_and_the_map(fixture: Fixture, api: TestClient) -> None:
    event_id = fixture.event_id("velmar_ridge")
    before = api.get("/api/events", params={"country": "AF"}).json()["total"]
    answer = api.post(f"/api/events/{event_id}/corrections", headers=BEARER,
                      json={"field": "rejected", "reason": "a rumour"})
    assert answer.status_code == 201 and answer.json()["event"]["rejected"]
    assert api.get("/api/events", params={"country": "AF"}).json()["total"] == before - 1
    assert api.get(f"/api/events/{event_id}").json()["rejected"]


def test_a_control_period_set_by_an_analyst(fixture: Fixture, api: TestClient) -> None:
    answer = api.post(f"/api/places/{VELMAR.geonameid}/control", headers=BEARER,
                      json={"actor": "Military Forces of Afghanistan", "from": "2022-03-01",
                            "to": "2022-03-04", "reason": "retaken at once"})
    assert answer.status_code == 201
    assert holder_on(api, "2022-03-02") == [("Velmar", "Military Forces of Afghanistan", "corrected")]
    page = api.get(f"/places/{VELMAR.geonameid}")
    assert page.status_code == 200 and "corrected by analyst: retaken at once" in page.text
    bad = api.post(f"/api/places/{VELMAR.geonameid}/control", headers=BEARER,
                   json={"actor": "X", "from": "2022-03-04", "to": "2022-03-01", "reason": "r"})
    assert bad.status_code == 400


def test_the_queue_and_the_review_page(api: TestClient) -> None:
    items = api.get("/api/review/queue").json()["items"]
    assert items and items[0]["score"] >= items[-1]["score"]
    assert any(item["reason"].startswith("a change of hands reported by one source") for item in items)
    assert api.get("/review").status_code == 200


def test_the_store_keeps_undone_corrections(fixture: Fixture) -> None:
    store = open_store(fixture.url)
    try:
        saved = review.reject_event(store, fixture.event_id("velmar_ridge"), author="ana", reason="rumour")
        undone = review.undo(store, saved.correction_id, by="bo")
        assert undone.undone_by == "bo" and store.get_correction(saved.correction_id).field == (
            CorrectionField.REJECTED)
        assert [item.correction_id for item in store.list_corrections(active=False)] == [saved.correction_id]
        assert store.list_corrections() == []
    finally:
        store.close()
    assert date(2022, 3, 1)  # the fixture's day, unchanged
