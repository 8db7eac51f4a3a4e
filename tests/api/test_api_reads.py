"""The read endpoints over invented fused news, on SQLite and PostgreSQL: filters, details, paging."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from api_fixtures import (
    ARMY,
    ATTACK,
    CAPTURE,
    GUNMEN,
    HOSTILE_ACTOR,
    REBELS,
    Fixture,
    build,
    client,
    filler_articles,
    get,
)
from fastapi.testclient import TestClient

from sitrep.api.paging import MAX_LIMIT
from sitrep.ingest.identity import article_id
from sitrep.records import Article
from sitrep.store import open_store
from sitrep.web.assets import assets_folder


@pytest.fixture
def fixture(store_url: str) -> Fixture:
    """The invented news, fused, on each backend."""
    return build(store_url)


@pytest.fixture
def api(fixture: Fixture) -> Iterator[TestClient]:
    """A client of a server over the fixture (no token, no assets)."""
    with client(fixture.url) as opened:
        yield opened


def locations(api: TestClient, **params: object) -> list[str]:
    """The places of the events a filter lets through, in the order given."""
    return [event["location"] for event in get(api, "/api/events", **params)["items"]]


# --- health, countries, schema, docs


def test_health_counts_the_stored_articles(api: TestClient) -> None:
    assert get(api, "/api/health") == {"status": "ok", "articles": 6}


def test_countries_come_most_events_first(api: TestClient) -> None:
    assert get(api, "/api/countries") == [
        {"country": "Afghanistan", "country_code": "AF", "events": 3},
        {"country": "Mali", "country_code": "ML", "events": 1},
    ]


def test_openapi_lists_every_api_path_and_no_page(api: TestClient) -> None:
    schema = get(api, "/openapi.json")
    paths = schema["paths"]
    for path in ("/api/health", "/api/countries", "/api/events", "/api/events/{event_id}", "/api/stories",
                 "/api/stories/{story_id}", "/api/articles", "/api/articles/{article_id}", "/api/claims",
                 "/api/quotes", "/api/control", "/api/map", "/api/timeline", "/api/skipped", "/api/search"):
        assert "get" in paths[path], path
    assert "post" in paths["/api/articles"]
    assert "/" not in paths and "/events/{event_id}" not in paths  # the pages are not API
    names = {parameter["name"] for parameter in paths["/api/events"]["get"]["parameters"]}
    assert {"country", "admin1", "since", "until", "type", "actor", "min_sources", "q", "limit",
            "offset"} <= names


def test_docs_page_answers_with_and_without_the_npm_assets(fixture: Fixture) -> None:
    with client(fixture.url, assets=assets_folder()) as api:
        response = api.get("/docs")
        assert response.status_code == 200
        assert "/vendor/swagger-ui/swagger-ui-bundle.js" in response.text
        assert "/openapi.json" in response.text
        assert api.get("/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    with client(fixture.url) as bare:
        response = bare.get("/docs")
        assert response.status_code == 200
        assert 'href="/openapi.json"' in response.text


# --- events


def test_events_list_all_newest_first(api: TestClient, fixture: Fixture) -> None:
    listed = get(api, "/api/events")
    assert listed["total"] == 4
    assert [event["location"] for event in listed["items"]] == ["Ostrun", "Brask", "Tessaku", "Velmar"]
    velmar = listed["items"][-1]
    assert velmar["event_id"] == fixture.event_id("velmar_ridge")
    assert velmar["mentions"] == 2
    assert set(velmar["article_ids"]) == {fixture.articles["velmar_ridge"].id,
                                           fixture.articles["velmar_lowland"].id}
    assert velmar["url"] == f"/events/{velmar['event_id']}"
    assert velmar["independent_sources"] == 2


# (filters, places of the events let through, newest first); one database serves every row.
EVENT_FILTERS: list[tuple[dict[str, object], list[str]]] = [
    ({"country": "ML"}, ["Tessaku"]),
    ({"country": "mali"}, ["Tessaku"]),
    ({"country": "AF"}, ["Ostrun", "Brask", "Velmar"]),
    ({"country": "Narnia"}, []),
    ({"admin1": "ostrun province"}, ["Ostrun", "Brask"]),
    ({"admin1": "Velmar Province"}, ["Velmar"]),
    ({"since": "2022-03-04"}, ["Ostrun", "Brask"]),
    ({"until": "2022-03-03"}, ["Tessaku", "Velmar"]),
    ({"since": "2022-03-02", "until": "2022-03-04"}, ["Brask", "Tessaku"]),
    ({"since": "2022-03-01", "until": "2022-03-01"}, ["Velmar"]),
    ({"type": "Violence against civilians"}, ["Brask", "Tessaku"]),
    ({"type": "strategic developments"}, ["Ostrun", "Velmar"]),
    ({"sub_event_type": CAPTURE}, ["Ostrun", "Velmar"]),
    ({"sub_event_type": ATTACK, "country": "AF"}, ["Brask"]),
    ({"actor": "liberation"}, ["Ostrun", "Velmar"]),
    ({"actor": "armed group"}, ["Tessaku"]),
    ({"actor": "nobody at all"}, []),
    ({"min_sources": 2}, ["Velmar"]),
    ({"min_sources": 3}, []),
    ({"q": "tessaku"}, ["Tessaku"]),
    ({"q": "militia"}, ["Brask"]),
    ({"q": "Velmar Province"}, ["Velmar"]),
]


def test_event_filters_filter(api: TestClient) -> None:
    wrong = {}
    for params, expected in EVENT_FILTERS:
        listed = get(api, "/api/events", **params)
        found = ([event["location"] for event in listed["items"]], listed["total"])
        if found != (expected, len(expected)):
            wrong[str(params)] = found
    assert wrong == {}


def test_event_detail_carries_each_sources_sentence(api: TestClient, fixture: Fixture) -> None:
    event = get(api, f"/api/events/{fixture.event_id('velmar_ridge')}")
    assert event["location"] == "Velmar" and event["actor1"] == REBELS
    assert event["sources"] == ["Lowland Times", "Ridge Courier"]
    assert event["story"]["story_id"] == fixture.story_of("velmar_ridge")["story_id"]
    assert "mentions" not in event
    by_source = {item["source"]: item for item in event["evidence"]}
    assert set(by_source) == {"Lowland Times", "Ridge Courier"}
    for key, trigger in (("velmar_ridge", "captured"), ("velmar_lowland", "seized")):
        article = fixture.articles[key]
        item = by_source[article.source]
        assert item["article_id"] == article.id and item["title"] == article.title
        assert item["url"] == article.url and item["published"] == "2022-03-01"
        sentence = item["sentence"]
        assert sentence["text"] == article.text[sentence["start"]:sentence["end"]]
        assert sentence["text"].startswith(f"Liberation Front fighters {trigger} Velmar")
        assert sentence["text"].endswith(".") and "Traders said" not in sentence["text"]
        pieces = item["highlight"]
        assert pieces["trigger"] == trigger
        assert pieces["before"] + pieces["trigger"] + pieces["after"] == sentence["text"]
        assert item["trigger"]["text"] == trigger
        assert article.text[item["trigger"]["start"]:item["trigger"]["end"]] == trigger
        highlight = f"{sentence['start']}-{sentence['end']}"
        assert item["page"] == f"/articles/{article.id}?highlight={highlight}#evidence"


def test_event_detail_of_a_one_source_event(api: TestClient, fixture: Fixture) -> None:
    event = get(api, f"/api/events/{fixture.event_id('tessaku')}")
    assert event["fatalities"] == 4 and event["actor1"] == GUNMEN and event["country_code"] == "ML"
    [item] = event["evidence"]
    assert item["source"] == "Harbor Wire"
    assert item["highlight"]["trigger"] == "attaqué"
    assert item["sentence"]["text"].startswith("Des hommes armés ont attaqué le marché")


# --- articles


def test_article_detail_spans_point_at_their_words(api: TestClient, fixture: Fixture) -> None:
    article = fixture.articles["velmar_ridge"]
    document = get(api, f"/api/articles/{article.id}")
    assert document["text"] == article.text and document["title"] == article.title
    assert document["extracted"] is True and document["source"] == "Ridge Courier"
    spans = document["spans"]
    for span in spans:
        assert article.text[span["start"]:span["end"]] == span["text"], span
    assert [span["start"] for span in spans] == sorted(span["start"] for span in spans)
    by_kind = {span["kind"]: span for span in spans}
    assert set(by_kind) == {"actor", "place", "event", "claim", "quote"}
    assert by_kind["event"]["text"] == "captured"
    assert by_kind["event"]["label"] == f"{CAPTURE} (asserted)"
    assert by_kind["place"]["text"] == "Velmar" and by_kind["place"]["label"] == "Velmar, Afghanistan"
    assert by_kind["actor"]["text"] == "Liberation Front" and by_kind["actor"]["label"] == REBELS
    assert by_kind["claim"]["text"] == "three of the seven provincial capitals"
    assert by_kind["quote"]["text"] == '"Nobody came to help us,"'
    assert [event["event_id"] for event in document["events"]] == [fixture.event_id("velmar_ridge")]


def test_article_detail_names_its_story(api: TestClient, fixture: Fixture) -> None:
    document = get(api, f"/api/articles/{fixture.articles['velmar_ridge'].id}")
    story = fixture.story_of("velmar_ridge")
    assert [found["story_id"] for found in document["stories"]] == [story["story_id"]]


def test_article_detail_of_an_article_without_events(api: TestClient, fixture: Fixture) -> None:
    article = fixture.articles["undated"]
    document = get(api, f"/api/articles/{article.id}")
    assert document["published"] is None and document["spans"] == [] and document["events"] == []
    assert document["text"] == article.text


def test_article_is_found_by_a_prefix_of_its_id(api: TestClient, fixture: Fixture) -> None:
    article = fixture.articles["ostrun"]
    assert get(api, f"/api/articles/{article.id[:8]}")["id"] == article.id


# (filters, fixture keys of the articles let through).
ARTICLE_FILTERS: list[tuple[dict[str, object], list[str]]] = [
    ({}, ["ostrun", "hostile", "tessaku", "velmar_ridge", "velmar_lowland", "undated"]),
    ({"source": "ridge courier"}, ["ostrun", "velmar_ridge"]),
    ({"source": "Harbor Wire"}, ["tessaku", "undated"]),
    ({"language": "fr"}, ["tessaku"]),
    ({"since": "2022-03-04"}, ["ostrun", "hostile"]),
    ({"until": "2022-03-02"}, ["velmar_ridge", "velmar_lowland"]),
    ({"since": "2022-03-03", "until": "2022-03-04"}, ["hostile", "tessaku"]),
    ({"q": "convoy"}, ["undated"]),
    ({"q": "MORTAR"}, ["ostrun"]),
    ({"q": "Velmar falls"}, ["velmar_lowland"]),  # the title is searched too
]


def test_article_filters_filter(api: TestClient, fixture: Fixture) -> None:
    keys = {article.id: key for key, article in fixture.articles.items()}
    wrong = {}
    for params, expected in ARTICLE_FILTERS:
        listed = get(api, "/api/articles", **params)
        found = sorted(keys[item["id"]] for item in listed["items"])
        if (found, listed["total"]) != (sorted(expected), len(expected)):
            wrong[str(params)] = (found, listed["total"])
        published = [item["published"] for item in listed["items"]]
        known = [day for day in published if day]
        assert published == sorted(known, reverse=True) + [None] * (len(published) - len(known)), params
    assert wrong == {}


def test_article_list_items_have_a_lead_and_a_page(api: TestClient, fixture: Fixture) -> None:
    article = fixture.articles["tessaku"]
    [item] = get(api, "/api/articles", language="fr")["items"]
    assert item["page"] == f"/articles/{article.id}"
    assert item["lead"] == article.text and item["chars"] == len(article.text)
    assert "text" not in item


# --- stories, claims, quotes


def test_stories_list_and_filter(api: TestClient, fixture: Fixture) -> None:
    listed = get(api, "/api/stories")
    assert listed["total"] == 5
    velmar = fixture.story_of("velmar_ridge")
    found = get(api, "/api/stories", q="velmar")["items"]
    assert [story["story_id"] for story in found] == [velmar["story_id"]]
    in_range = get(api, "/api/stories", since="2022-03-02", until="2022-03-04")["items"]
    assert {story["title"] for story in in_range} >= {"Attaque au marché de Tessaku"}
    assert velmar["story_id"] not in {story["story_id"] for story in in_range}
    assert fixture.story_of("ostrun")["story_id"] not in {story["story_id"] for story in in_range}
    summary = next(story for story in listed["items"] if story["story_id"] == velmar["story_id"])
    assert summary["articles"] == 2 and summary["url"] == f"/stories/{velmar['story_id']}"


def test_story_detail_puts_the_outlets_side_by_side(api: TestClient, fixture: Fixture) -> None:
    story_id = fixture.story_of("velmar_ridge")["story_id"]
    story = get(api, f"/api/stories/{story_id}")
    assert [outlet["source"] for outlet in story["outlets"]] == ["Lowland Times", "Ridge Courier"]
    lowland, ridge = story["outlets"]
    assert [article["id"] for article in lowland["articles"]] == [fixture.articles["velmar_lowland"].id]
    assert [article["id"] for article in ridge["articles"]] == [fixture.articles["velmar_ridge"].id]
    assert ridge["articles"][0]["lead"].startswith("Liberation Front fighters captured Velmar")
    assert [event["event_id"] for event in story["events"]] == [fixture.event_id("velmar_ridge")]
    [claim] = story["claims"]
    assert claim["verdict"] == "agree"
    assert sorted((value["source"], value["value"]) for value in claim["values"]) == [
        ("Lowland Times", 3.0), ("Ridge Courier", 3.0)]
    [quote] = story["quotes"]
    assert sorted(member["source"] for member in quote["members"]) == ["Lowland Times", "Ridge Courier"]


def test_claims_list_with_each_sources_value(api: TestClient, fixture: Fixture) -> None:
    listed = get(api, "/api/claims")
    [group] = listed["items"]
    assert group["subject"] == "provincial capitals" and group["total"] == 7.0
    for value in group["values"]:
        article = next(a for a in fixture.articles.values() if a.id == value["article_id"])
        assert article.text[value["start"]:value["end"]] == value["text"]
    assert get(api, "/api/claims", verdict="agree")["total"] == 1
    assert get(api, "/api/claims", verdict="conflict")["total"] == 0
    assert get(api, "/api/claims", since="2022-03-02")["total"] == 0
    assert get(api, "/api/claims", until="2022-03-01")["total"] == 1


def test_quotes_list_and_filter_by_speaker_and_day(api: TestClient) -> None:
    [group] = get(api, "/api/quotes")["items"]
    assert group["speaker"] == "a shopkeeper" and group["text"] == '"Nobody came to help us,"'
    assert len(group["members"]) == 2
    assert get(api, "/api/quotes", speaker="A Shopkeeper")["total"] == 1
    assert get(api, "/api/quotes", speaker="the governor")["total"] == 0
    assert get(api, "/api/quotes", until="2022-02-28")["total"] == 0
    assert get(api, "/api/quotes", since="2022-03-01", until="2022-03-01")["total"] == 1


# --- control, map, timeline


def held(api: TestClient, day: str, **params: object) -> list[tuple[str, str | None, str]]:
    """(place, actor, state) of every period a report put in force on `day` (not a presumed one)."""
    table = get(api, "/api/control", country=params.pop("country", "AF"), as_of=day, **params)
    return [(period["place"], period["actor"], period["state"]) for period in table["periods"]
            if period["basis"] not in ("presumed", "baseline")]


def test_control_holds_a_place_from_the_day_it_is_taken(api: TestClient) -> None:
    assert held(api, "2022-02-28") == []
    presumed = get(api, "/api/control", country="AF", as_of="2022-02-28")["periods"]
    assert {(p["place"], p["actor"], p["basis"]) for p in presumed} == {
        ("Ostrun", "Military Forces of Afghanistan", "presumed"),
        ("Velmar", "Military Forces of Afghanistan", "presumed")}
    assert held(api, "2022-03-01") == [("Velmar", REBELS, "controlled")]  # captured that day
    assert held(api, "2022-03-04") == [("Velmar", REBELS, "controlled")]
    assert held(api, "2022-03-05") == [("Ostrun", REBELS, "controlled"), ("Velmar", REBELS, "controlled")]
    assert held(api, "2022-03-05", country="Afghanistan") == held(api, "2022-03-05")
    assert held(api, "2022-03-05", country="ML") == []


def test_control_document_names_its_day_kind_and_tallies(api: TestClient, fixture: Fixture) -> None:
    table = get(api, "/api/control", country="AF", as_of="2022-03-05", kind="provincial-capital")
    assert table["as_of"] == "2022-03-05" and table["kind"] == "provincial-capital"
    assert all(period["admin1_seat"] for period in table["periods"]) and len(table["periods"]) == 2
    assert {period["basis"] for period in table["periods"]} == {"evidenced"}
    velmar = next(period for period in table["periods"] if period["place"] == "Velmar")
    assert velmar["start"] == "2022-03-01" and velmar["corroborated"] is True
    assert velmar["event_ids"] == [fixture.event_id("velmar_ridge")]
    assert table["tallies"] == []  # the tally of 1 March is past the look-back by 5 March


def test_control_checks_the_recent_tally_against_the_places_held(api: TestClient) -> None:
    table = get(api, "/api/control", country="AF", as_of="2022-03-02")
    [tally] = table["tallies"]
    assert tally["subject"] == "provincial capitals" and tally["total"] == 7.0
    assert tally["implied"] == 1 and tally["implied_places"] == ["Velmar"]
    assert sorted(value["source"] for value in tally["reported"]) == ["Lowland Times", "Ridge Courier"]
    assert get(api, "/api/control", country="ML", as_of="2022-03-02")["tallies"] == []


def test_map_colours_held_places_and_shows_the_windows_events(api: TestClient) -> None:
    view = get(api, "/api/map", country="AF", day="2022-03-05", window=7)
    assert view["country"] == "Afghanistan" and view["iso_numeric"] == "004" and view["window"] == 7
    rebels, army = view["actors"]  # the army's colour is for the days it is presumed to hold them
    assert (rebels["actor"], army["actor"]) == (REBELS, ARMY)
    assert [(place["place"], place["colour"], place["basis"]) for place in view["places"]] == [
        ("Ostrun", rebels["colour"], "evidenced"), ("Velmar", rebels["colour"], "evidenced")]
    assert sorted(event["location"] for event in view["events"]) == ["Brask", "Ostrun", "Velmar"]
    assert view["seats"]["held"] == {REBELS: 2}
    assert view["summary"].startswith("2022-03-05: Liberation Front holds 2 ")


# (day, window, places a report says are held that day, places of the events shown); the other
# provincial capitals of the fixture are presumed held by the army on that day.
MAP_WINDOWS = [
    ("2022-03-05", 1, ["Ostrun", "Velmar"], ["Ostrun"]),
    ("2022-03-04", 3, ["Velmar"], ["Brask"]),
    ("2022-03-04", 4, ["Velmar"], ["Brask", "Velmar"]),
    ("2022-02-28", 7, [], []),
    ("2022-03-31", 31, ["Ostrun", "Velmar"], ["Brask", "Ostrun", "Velmar"]),
]


def test_map_shows_only_the_window_to_the_day(api: TestClient) -> None:
    for day, window, places, events in MAP_WINDOWS:
        view = get(api, "/api/map", country="AF", day=day, window=window)
        shown = view["places"]
        reported = [place["place"] for place in shown if place["basis"] == "evidenced"]
        presumed = [(place["place"], place["actor"]) for place in shown if place["basis"] == "presumed"]
        assert reported == places, (day, window)
        expected = [(name, ARMY) for name in ("Ostrun", "Velmar") if name not in places]
        assert presumed == expected, (day, window)
        assert sorted(event["location"] for event in view["events"]) == events, (day, window)
        first = date.fromisoformat(day) - timedelta(days=window - 1)
        assert all(first.isoformat() <= event["event_date"] <= day for event in view["events"])


def test_map_of_another_country_and_the_default_day(api: TestClient) -> None:
    mali = get(api, "/api/map", country="ML")
    assert mali["day"] == "2022-03-03"  # the last day known of Mali
    assert mali["places"] == [] and [event["location"] for event in mali["events"]] == ["Tessaku"]
    default = get(api, "/api/map")
    assert default["country_code"] == "AF" and default["day"] == "2022-03-05"


def test_map_window_out_of_bounds_is_refused(api: TestClient) -> None:
    for window in (0, 32, -1, 1000):
        response = api.get("/api/map", params={"country": "AF", "window": window})
        assert response.status_code == 422, window
        assert response.json()["error"]["details"][0]["where"] == "query.window"
    for window in (1, 31):
        assert get(api, "/api/map", country="AF", window=window)["window"] == window


def test_timeline_has_one_holdings_entry_per_consecutive_day(api: TestClient) -> None:
    line = get(api, "/api/timeline", country="AF")
    assert (line["first_day"], line["last_day"]) == ("2022-03-01", "2022-03-05")
    days = [entry["day"] for entry in line["holdings"]]
    assert days == [(date(2022, 3, 1) + timedelta(days=n)).isoformat() for n in range(5)]
    # Ostrun is presumed the army's until it is taken on 5 March.
    counts = [entry["counts"] for entry in line["holdings"]]
    assert counts == [{ARMY: 1, REBELS: 1}] * 4 + [{ARMY: 0, REBELS: 2}]
    assert line["events_per_day"] == {"2022-03-01": 1, "2022-03-04": 1, "2022-03-05": 1}
    assert get(api, "/api/timeline")["country_code"] == "AF"  # most events by default
    mali = get(api, "/api/timeline", country="Mali")
    assert [entry["day"] for entry in mali["holdings"]] == ["2022-03-03"]


# --- skipped, search


def test_skipped_inputs_with_their_reason(api: TestClient) -> None:
    listed = get(api, "/api/skipped")
    assert listed["total"] == 2
    assert {(item["input"], item["reason"]) for item in listed["items"]} == {
        ("feeds/huge.xml", "too-large"), ("lines/broken.jsonl", "invalid-json")}
    [item] = get(api, "/api/skipped", reason="too-large")["items"]
    assert item["input"] == "feeds/huge.xml" and item["detail"] == "61 MB" and item["times"] == 1
    assert get(api, "/api/skipped", reason="unreachable")["total"] == 0
    assert len(get(api, "/api/skipped", limit=1, offset=1)["items"]) == 1


def test_a_skip_reason_that_does_not_exist_is_refused(api: TestClient) -> None:
    answer = api.get("/api/skipped", params={"reason": "too_large"})
    assert answer.status_code == 422
    assert answer.json()["error"]["details"][0]["where"] == "query.reason"


def test_search_finds_articles_events_and_stories(api: TestClient, fixture: Fixture) -> None:
    found = get(api, "/api/search", q="Velmar")
    assert found["q"] == "Velmar"
    assert {item["id"] for item in found["articles"]} == {fixture.articles["velmar_ridge"].id,
                                                          fixture.articles["velmar_lowland"].id}
    assert [event["event_id"] for event in found["events"]] == [fixture.event_id("velmar_ridge")]
    assert [story["story_id"] for story in found["stories"]] == [fixture.story_of("velmar_ridge")["story_id"]]
    hostile = get(api, "/api/search", q="alert(1)")
    assert [item["id"] for item in hostile["articles"]] == [fixture.articles["hostile"].id]
    assert [event["actor1"] for event in hostile["events"]] == [HOSTILE_ACTOR]
    nothing = get(api, "/api/search", q="zeppelin")
    assert nothing["articles"] == nothing["events"] == nothing["stories"] == []


def test_search_ignores_the_case_of_accented_letters(store_url: str) -> None:
    store = open_store(store_url)
    text = "À Velmar, LES ÉLUS ont quitté la mairie avant l'aube."
    store.save_batch([Article(id=article_id(text, "Émeute à Velmar"), text=text, title="Émeute à Velmar",
                              source="Écho du Nord", language="fr")], [])
    store.close()
    with client(store_url) as api:
        for words in ("les élus", "à velmar", "émeute", "ÉMEUTE À VELMAR"):
            assert get(api, "/api/articles", q=words)["total"] == 1, words
        assert get(api, "/api/articles", source="écho du nord")["total"] == 1


# --- paging


def test_pages_of_events_cover_each_event_once(api: TestClient) -> None:
    first = get(api, "/api/events", limit=3)
    assert (len(first["items"]), first["total"], first["limit"], first["offset"]) == (3, 4, 3, 0)
    query = parse_qs(urlsplit(first["next"]).query)
    assert query["offset"] == ["3"] and query["limit"] == ["3"]
    second = api.get(first["next"]).json()
    assert len(second["items"]) == 1 and second["next"] is None
    ids = [event["event_id"] for event in first["items"] + second["items"]]
    assert len(set(ids)) == 4


def test_next_link_keeps_the_filters(api: TestClient) -> None:
    first = get(api, "/api/events", country="AF", limit=1)
    query = parse_qs(urlsplit(first["next"]).query)
    assert query["country"] == ["AF"] and query["offset"] == ["1"]
    assert api.get(first["next"]).json()["total"] == 3


@pytest.fixture
def crowded(store_url: str) -> Iterator[TestClient]:
    """A server over 600 short articles, more than one page can hold."""
    store = open_store(store_url)
    store.save_batch(filler_articles(600), [])
    store.close()
    with client(store_url) as opened:
        yield opened


def test_a_huge_limit_is_cut_to_the_maximum(crowded: TestClient) -> None:
    first = get(crowded, "/api/articles", limit=1_000_000)
    assert first["limit"] == MAX_LIMIT == 500
    assert len(first["items"]) == 500 and first["total"] == 600
    query = parse_qs(urlsplit(first["next"]).query)
    assert query["offset"] == ["500"] and query["limit"] == ["500"]
    rest = crowded.get(first["next"]).json()
    assert len(rest["items"]) == 100 and rest["next"] is None
    ids = {item["id"] for item in first["items"]} | {item["id"] for item in rest["items"]}
    assert len(ids) == 600


def test_paging_edges(crowded: TestClient) -> None:
    past = get(crowded, "/api/articles", offset=700)
    assert (past["items"], past["total"], past["next"]) == ([], 600, None)
    none = get(crowded, "/api/articles", limit=0)
    assert (none["items"], none["total"], none["limit"], none["next"]) == ([], 600, 0, None)
    last = get(crowded, "/api/articles", offset=599, limit=10)
    assert len(last["items"]) == 1 and last["next"] is None
    assert get(crowded, "/api/articles", offset=10_000_000)["items"] == []
    assert crowded.get("/api/articles", params={"offset": 10_000_001}).status_code == 422
    assert get(crowded, "/api/articles")["limit"] == 50  # the default
