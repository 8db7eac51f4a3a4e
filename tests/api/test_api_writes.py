"""POST /api/articles: the token, what is stored, duplicates and skips, limits, extraction and fusion."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from api_fixtures import (
    REBELS,
    TOKEN,
    FakeExtractor,
    Fixture,
    Spec,
    build,
    client,
    seat,
)
from fastapi.testclient import TestClient

from sitrep.api import writes
from sitrep.records import GeoEntry
from sitrep.run import fusion

BEARER = {"Authorization": f"Bearer {TOKEN}"}
KOLVARI = GeoEntry(920005, "Kolvari", 36.70, 66.90, "AF", "Afghanistan", "93", "Kolvari Province",
                   "P", "PPLA", 27000)
KOLVARI_SPEC = Spec(
    key="kolvari", title="Liberation Front takes Kolvari", source="Summit Daily", day=date(2022, 3, 7),
    text=("Liberation Front fighters captured Kolvari, the seat of Kolvari Province, after the garrison "
          "surrendered at the old fort. Elders in Kolvari said the market reopened by evening."),
    place=KOLVARI, trigger="captured", actor_words="Liberation Front", actor=REBELS)


def posted(text: str, **fields: Any) -> dict[str, Any]:
    """An article as a JSON body."""
    return {"text": text, "language": "en", **fields}


@pytest.fixture
def fixture(store_url: str) -> Fixture:
    """The invented news, fused, on each backend."""
    return build(store_url)


@pytest.fixture
def api(fixture: Fixture) -> Iterator[TestClient]:
    """A client of a server with a token and no extractor (articles are only stored)."""
    with client(fixture.url, token=TOKEN) as opened:
        yield opened


def stored_count(api: TestClient, headers: dict[str, str] | None = None) -> int:
    """How many articles the server holds."""
    return int(api.get("/api/health", headers=headers).json()["articles"])


# --- the token


def test_a_server_without_a_token_refuses_every_write(fixture: Fixture) -> None:
    with client(fixture.url) as api:
        for headers in ({}, BEARER, {"X-Sitrep-Token": TOKEN}):
            response = api.post("/api/articles", json=posted("Words about a river."), headers=headers)
            assert response.status_code == 403
        assert stored_count(api) == 6


WRONG_TOKENS: list[dict[str, str]] = [
    {},
    {"Authorization": "Bearer wrong-token"},
    {"Authorization": f"Basic {TOKEN}"},
    {"Authorization": "Bearer "},
    {"Authorization": TOKEN},
    {"X-Sitrep-Token": "wrong-token"},
    {"X-Sitrep-Token": TOKEN[:-1]},
    {"X-Sitrep-Token": f"{TOKEN}x"},
]


def test_a_missing_or_wrong_token_is_401(api: TestClient) -> None:
    for headers in WRONG_TOKENS:
        response = api.post("/api/articles", json=posted("Words about a river."), headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"] == "Bearer"
    assert stored_count(api) == 6


def test_the_right_token_in_either_header_stores(api: TestClient) -> None:
    right = [BEARER, {"Authorization": f"bearer {TOKEN}"}, {"X-Sitrep-Token": TOKEN}]
    for number, headers in enumerate(right):
        response = api.post("/api/articles", json=posted(f"Ferry number {number} resumed on the lake."),
                            headers=headers)
        assert response.status_code == 201, (headers, response.text)
        assert response.json()["stored"] == 1
    assert stored_count(api) == 9


# --- what is stored


def test_posted_articles_are_stored_with_their_fields(api: TestClient) -> None:
    body = [
        posted("Ferries resumed on the lake after the storm.", title="Ferries back", outlet="Lake Herald",
               published="2022-04-02", url="https://lake-herald.example/ferries"),
        posted("Schools in the hill district reopened on Monday.", title="Schools reopen",
               source="Hill Voice", published="2022-04-04T08:30:00+02:00"),
    ]
    response = api.post("/api/articles", json=body, headers=BEARER)
    assert response.status_code == 201
    assert response.json() == {"stored": 2, "extracted": 0, "fused": 0, "not_extracted": {},
                               "duplicates": [], "skipped": []}
    assert stored_count(api) == 8
    [ferries] = api.get("/api/articles", params={"source": "lake herald"}).json()["items"]
    assert (ferries["title"], ferries["published"], ferries["url"]) == (
        "Ferries back", "2022-04-02", "https://lake-herald.example/ferries")
    article = api.get(f"/api/articles/{ferries['id']}").json()
    assert article["text"] == body[0]["text"] and article["extracted"] is False
    [schools] = api.get("/api/articles", params={"q": "hill district"}).json()["items"]
    assert schools["source"] == "Hill Voice" and schools["published"].startswith("2022-04-04")


def test_a_single_object_is_one_article(api: TestClient) -> None:
    response = api.post("/api/articles", json=posted("A bridge over the canal was repaired."), headers=BEARER)
    assert response.status_code == 201 and response.json()["stored"] == 1


def test_posting_again_reports_duplicates_and_stores_nothing(api: TestClient, fixture: Fixture) -> None:
    body = [posted("A bridge over the canal was repaired."), posted("The night train ran late again.")]
    first = api.post("/api/articles", json=body, headers=BEARER).json()
    assert first["stored"] == 2
    again = api.post("/api/articles", json=body, headers=BEARER)
    assert again.status_code == 201
    document = again.json()
    assert document["stored"] == 0 and len(document["duplicates"]) == 2
    assert [item["input"] for item in document["duplicates"]] == ["POST /api/articles[1]",
                                                                  "POST /api/articles[2]"]
    [bridge] = api.get("/api/articles", params={"q": "bridge over the canal"}).json()["items"]
    assert document["duplicates"][0]["article_id"] == bridge["id"]
    assert stored_count(api) == 8
    existing = fixture.articles["ostrun"]
    known = api.post("/api/articles", json=posted(existing.text, title=existing.title), headers=BEARER).json()
    assert known["stored"] == 0 and known["duplicates"][0]["article_id"] == existing.id


def test_a_bad_published_date_skips_that_article_with_the_reason(api: TestClient) -> None:
    body = [posted("A bridge over the canal was repaired.", published="2022-04-01"),
            posted("The night train ran late again.", published="the day after the flood")]
    response = api.post("/api/articles", json=body, headers=BEARER)
    assert response.status_code == 201
    document = response.json()
    assert document["stored"] == 1
    [skip] = document["skipped"]
    assert skip["input"] == "POST /api/articles[2]" and skip["reason"] == "bad-date"
    assert "the day after the flood" in skip["detail"]
    assert stored_count(api) == 7
    reasons = api.get("/api/skipped", params={"reason": "bad-date"}).json()["items"]
    assert [item["input"] for item in reasons] == ["POST /api/articles[2]"]


def test_posts_follow_the_ingest_settings_of_the_environment(api: TestClient,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_MAX_BYTES", "60")
    body = [posted("Short note on the ferry."),
            posted("A much longer report on the ferry, its crew and the storm that kept it in port.")]
    document = api.post("/api/articles", json=body, headers=BEARER).json()
    assert document["stored"] == 1
    assert [skip["reason"] for skip in document["skipped"]] == ["too-large"]


NOT_ARTICLES: list[object] = [
    {"title": "No text at all"},
    {"text": ""},
    {"text": 42},
    {"text": None, "title": "null text"},
    [posted("A bridge over the canal was repaired."), {"title": "the second has no text"}],
    [],
    "just a string",
    [[posted("nested")]],
]


def test_a_body_that_is_not_articles_is_422_and_stores_nothing(api: TestClient) -> None:
    for body in NOT_ARTICLES:
        response = api.post("/api/articles", json=body, headers=BEARER)
        assert response.status_code == 422, (body, response.text)
        assert set(response.json()["error"]) == {"status", "code", "message", "fix", "details"}
    assert stored_count(api) == 6
    assert api.get("/api/articles", params={"q": "bridge over the canal"}).json()["total"] == 0


def test_a_body_that_is_not_json_is_422(api: TestClient) -> None:
    response = api.post("/api/articles", content=b"{not json", headers={**BEARER,
                                                                        "Content-Type": "application/json"})
    assert response.status_code == 422
    assert stored_count(api) == 6


def test_more_than_a_thousand_articles_is_413_and_stores_nothing(api: TestClient) -> None:
    body = [posted(f"Short report number {number} on the weather.") for number in range(1001)]
    response = api.post("/api/articles", json=body, headers=BEARER)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert stored_count(api) == 6
    exactly = api.post("/api/articles", json=body[:1000], headers=BEARER)
    assert exactly.status_code == 201 and exactly.json()["stored"] == 1000


def test_a_body_past_the_cap_is_413_before_it_is_read(fixture: Fixture,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writes, "MAX_BODY_BYTES", 2_000)
    body = json.dumps([posted("A long report on the weather. " * 100)]).encode()
    with client(fixture.url, token=TOKEN) as capped:
        headers = {**BEARER, "Content-Type": "application/json"}
        declared = capped.post("/api/articles", content=body, headers=headers)
        # Sent in chunks, with no length declared: the bytes are counted as they come.
        streamed = capped.post("/api/articles", content=iter([body[:1500], body[1500:]]), headers=headers)
        for response in (declared, streamed):
            assert response.status_code == 413
            assert response.json()["error"]["code"] == "too_large"
        assert stored_count(capped) == 6


# --- private mode


def test_private_mode_closes_reads_to_callers_without_the_token(fixture: Fixture) -> None:
    event_id = fixture.event_id("velmar_ridge")
    with client(fixture.url, token=TOKEN, private=True) as api:
        for path in ("/api/health", "/api/events", f"/api/events/{event_id}", "/api/map", "/api/search?q=x"):
            refused = api.get(path)
            assert refused.status_code == 401, path
            assert refused.json()["error"]["code"] == "unauthorized"
            assert api.get(path, headers={"X-Sitrep-Token": "wrong"}).status_code == 401
            assert api.get(path, headers=BEARER).status_code == 200, path
            assert api.get(path, headers={"X-Sitrep-Token": TOKEN}).status_code == 200, path
        page = api.get(f"/events/{event_id}")
        assert page.status_code == 401 and page.headers["content-type"].startswith("text/html")
        assert api.get(f"/events/{event_id}", headers=BEARER).status_code == 200
        assert api.get("/", headers=BEARER).status_code == 200


def test_reads_are_open_when_the_server_is_not_private(fixture: Fixture) -> None:
    with client(fixture.url, token=TOKEN) as api:
        assert api.get("/api/events").status_code == 200
        assert api.get("/api/events", headers={"X-Sitrep-Token": "wrong"}).status_code == 200


# --- extraction and fusion of posted articles


def test_posted_articles_are_extracted_and_fused(fixture: Fixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fusion, "default_seat_test", lambda: seat)  # no gazetteer needed
    fake = FakeExtractor([KOLVARI_SPEC])
    built: list[FakeExtractor] = []

    def make() -> FakeExtractor:
        built.append(fake)
        return fake

    with client(fixture.url, token=TOKEN, make_extractor=make) as api:
        assert built == []  # the extractor loads on the first write, not at start
        body = [posted(KOLVARI_SPEC.text, title=KOLVARI_SPEC.title, source="Summit Daily",
                       published="2022-03-07"),
                posted("The night train ran late again.", source="Summit Daily", published="2022-03-07")]
        response = api.post("/api/articles", json=body, headers=BEARER)
        assert response.status_code == 201, response.text
        assert response.json() == {"stored": 2, "extracted": 2, "fused": 2, "duplicates": [], "skipped": [],
                                   "not_extracted": {"not-extracted: off-topic": 1}}
        assert len(fake.seen) == 1  # the train report has no conflict words: the prefilter sets it aside
        [event] = api.get("/api/events", params={"q": "kolvari"}).json()["items"]
        assert event["actor1"] == REBELS and event["sources"] == ["Summit Daily"]
        assert event["country_code"] == "AF" and event["event_date"] == "2022-03-07"
        assert api.get("/api/events").json()["total"] == 5
        detail = api.get(f"/api/events/{event['event_id']}").json()
        [evidence] = detail["evidence"]
        assert evidence["highlight"]["trigger"] == "captured"
        assert evidence["sentence"]["text"].startswith("Liberation Front fighters captured Kolvari")
        places = api.get("/api/control", params={"country": "AF", "as_of": "2022-03-20"}).json()["periods"]
        assert "Kolvari" in {period["place"] for period in places}
        again = api.post("/api/articles", json=body[:1], headers=BEARER).json()
        assert again["stored"] == 0 and again["extracted"] == 0 and len(again["duplicates"]) == 1
        assert len(fake.seen) == 1  # duplicates are not extracted again
    assert len(built) == 1  # one extractor for the server's life
