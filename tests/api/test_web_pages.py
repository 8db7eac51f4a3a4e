"""The dashboard's pages as HTML (no browser): content, JSON twins, escaping of hostile input, headers."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from api_fixtures import (
    HOSTILE_ACTOR,
    HOSTILE_IMG,
    HOSTILE_SCRIPT,
    HOSTILE_URL,
    REBELS,
    Fixture,
    Spec,
    build,
    client,
    fill,
)
from click.testing import CliRunner
from fastapi.testclient import TestClient

from sitrep.cli import cli
from sitrep.records import GeoEntry
from sitrep.store import open_store
from sitrep.web import pages
from sitrep.web.assets import assets_folder

ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
PAGE_DATA_OPEN = '<script type="application/json" id="page-data">'


VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                  "track", "wbr"})


@dataclass
class Element:
    """A start tag as the parser saw it."""

    tag: str
    attrs: dict[str, str]


class Parsed(HTMLParser):
    """Every element, every script with its content, and the text inside the elements of each class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.texts: dict[str, str] = {}
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        self.elements.append(Element(tag, found))
        if tag == "script":
            self.scripts.append((found, ""))
        if tag not in VOID:
            self._open.append((tag, found.get("class", "").split()))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1][0] == "script":
            attrs, content = self.scripts[-1]
            self.scripts[-1] = (attrs, content + data)
        for name in {name for _, classes in self._open for name in classes}:
            self.texts[name] = self.texts.get(name, "") + data

    def having(self, tag: str, **attrs: str) -> list[Element]:
        """The elements of `tag` whose attributes include `attrs` (`class_` for class)."""
        return [element for element in self.elements if element.tag == tag
                and all(element.attrs.get(name.rstrip("_")) == value for name, value in attrs.items())]


def parse(text: str) -> Parsed:
    """The page, parsed."""
    parsed = Parsed()
    parsed.feed(text)
    parsed.close()
    return parsed


def page(api: TestClient, path: str, **params: object) -> str:
    """The HTML of a page that must answer 200."""
    response = api.get(path, params=params) if params else api.get(path)  # params={} would drop ?q=
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def inner(text: str, start_marker: str, end_marker: str) -> str:
    """The raw HTML between two markers."""
    start = text.index(start_marker) + len(start_marker)
    return text[start:text.index(end_marker, start)]


@pytest.fixture
def fixture(store_url: str) -> Fixture:
    """The invented news, fused, on each backend."""
    return build(store_url)


@pytest.fixture
def api(fixture: Fixture) -> Iterator[TestClient]:
    """A client of a server with the npm assets."""
    with client(fixture.url, assets=assets_folder()) as opened:
        yield opened


# --- the home page


def test_home_page_shows_the_country_on_its_last_day(api: TestClient, fixture: Fixture) -> None:
    text = page(api, "/")
    parsed = parse(text)
    assert "<title>Afghanistan on 2022-03-05 · sitrep</title>" in text
    assert [element.attrs["data-geonameid"] for element in parsed.having("li", class_="place")] == [
        "920002", "920001"]
    rows = [element.attrs["data-event-id"] for element in parsed.elements if "data-event-id" in element.attrs]
    assert rows == [fixture.event_id("ostrun"), fixture.event_id("hostile"), fixture.event_id("velmar_ridge")]
    assert [element.attrs["value"] for element in parsed.having("option")] == ["AF", "ML"]
    assert parsed.having("option", value="AF")[0].attrs.get("selected") == ""
    slider = parsed.having("input", id="day-slider")[0].attrs
    assert (slider["min"], slider["max"], slider["value"]) == ("0", "4", "4")
    assert "Liberation Front holds 2 of" in text
    data = json.loads(inner(text, PAGE_DATA_OPEN, "</script>"))
    assert data["page"] == "home" and data["country_code"] == "AF" and data["iso_numeric"] == "004"
    assert data["days"] == ["2022-03-01", "2022-03-02", "2022-03-03", "2022-03-04", "2022-03-05"]
    sources = {attrs.get("src") for attrs, _ in parsed.scripts}
    assert {"/vendor/leaflet/leaflet.js", "/static/app.js"} <= sources


def test_home_page_of_an_earlier_day_and_another_country(api: TestClient, fixture: Fixture) -> None:
    earlier = parse(page(api, "/", day="2022-03-02"))
    # Velmar fell on 1 March; Ostrun is still presumed the army's (no report yet), and says so.
    listed = [(element.attrs["data-geonameid"], element.attrs["data-basis"])
              for element in earlier.elements if element.tag == "li" and "data-basis" in element.attrs]
    assert listed == [("920002", "presumed"), ("920001", "evidenced")]
    assert "presumed, no report yet" in page(api, "/", day="2022-03-02")
    assert [element.attrs["data-event-id"] for element in earlier.elements if "data-event-id" in element.attrs
            ] == [fixture.event_id("velmar_ridge")]
    assert earlier.having("input", id="day-slider")[0].attrs["value"] == "1"
    mali = page(api, "/", country="ML")
    assert "<title>Mali on 2022-03-03 · sitrep</title>" in mali
    assert f'data-event-id="{fixture.event_id("tessaku")}"' in mali
    assert "No place has a known controller on this day." in mali


def test_home_page_keeps_the_day_within_the_timeline(api: TestClient) -> None:
    clamped = {"2030-01-01": "2022-03-05", "2001-01-01": "2022-03-01", "2022-03-03": "2022-03-03"}
    for asked, shown in clamped.items():
        data = api.get("/", params={"day": asked, "format": "json"}).json()
        assert data["day"] == shown == data["map"]["day"], asked


def test_home_page_json_twin(api: TestClient) -> None:
    for response in (api.get("/?format=json"), api.get("/", headers={"Accept": "application/json"})):
        assert response.headers["content-type"].startswith("application/json")
        data = response.json()
        assert data["country"] == "Afghanistan" and data["day"] == "2022-03-05"
        assert [item["country_code"] for item in data["countries"]] == ["AF", "ML"]
        assert data["map"] == api.get("/api/map", params={"country": "AF", "day": "2022-03-05"}).json()
        assert data["timeline"] == api.get("/api/timeline", params={"country": "AF"}).json()


def test_home_page_without_the_npm_assets_says_how_to_get_them(fixture: Fixture) -> None:
    with client(fixture.url) as bare:
        text = page(bare, "/")
        assert "make install" in text and "/vendor/leaflet" not in text
        assert bare.get("/vendor/leaflet/leaflet.js").status_code == 404


def test_static_and_vendor_files_are_served(api: TestClient) -> None:
    script = api.get("/static/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert api.get("/static/app.css").status_code == 200
    assert api.get("/vendor/leaflet/leaflet.css").status_code == 200


# --- event, article, story and search pages


def test_event_page_lists_each_outlets_sentence(api: TestClient, fixture: Fixture) -> None:
    event_id = fixture.event_id("velmar_ridge")
    text = page(api, f"/events/{event_id}")
    parsed = parse(text)
    items = parsed.having("li", class_="evidence-item")
    assert {item.attrs["data-article-id"] for item in items} == {
        fixture.articles["velmar_ridge"].id, fixture.articles["velmar_lowland"].id}
    assert '<strong class="outlet">Ridge Courier</strong>' in text
    assert '<strong class="outlet">Lowland Times</strong>' in text
    assert '<mark class="evidence">captured</mark> Velmar' in text
    assert '<mark class="evidence">seized</mark> Velmar' in text
    assert '<span id="source-count">2</span>' in text
    ridge = fixture.articles["velmar_ridge"]
    links = {element.attrs["href"] for element in parsed.having("a")}
    assert any(link.startswith(f"/articles/{ridge.id}?highlight=0-") for link in links)
    assert "https://ridge-courier.example/velmar" in links
    assert f"/stories/{fixture.story_of('velmar_ridge')['story_id']}" in links


def test_event_page_json_twin_is_the_api_document(api: TestClient, fixture: Fixture) -> None:
    event_id = fixture.event_id("velmar_ridge")
    twin = api.get(f"/events/{event_id}", params={"format": "json"})
    assert twin.headers["content-type"].startswith("application/json")
    assert twin.json() == api.get(f"/api/events/{event_id}").json()


def test_article_page_marks_spans_and_the_highlighted_range(api: TestClient, fixture: Fixture) -> None:
    article = fixture.articles["velmar_ridge"]
    evidence = api.get(f"/api/events/{fixture.event_id('velmar_ridge')}").json()["evidence"]
    sentence = next(item["sentence"] for item in evidence if item["article_id"] == article.id)
    text = page(api, f"/articles/{article.id}", highlight=f"{sentence['start']}-{sentence['end']}")
    body = inner(text, '<div class="article-text">', "</div>")
    parsed = parse(text)
    assert parsed.texts["article-text"] == article.text  # the marks add no word and lose none
    assert parsed.texts["evidence"] == sentence["text"]
    assert parsed.texts["evidence"].startswith("Liberation Front fighters captured Velmar")
    assert body.count('id="evidence"') == 1
    assert '<mark class="span-place" title="Velmar, Afghanistan">Velmar</mark>' in body
    event_title = "Non-state actor overtakes territory (asserted)"
    assert f'<mark class="span-event" title="{event_title}">captured</mark>' in body
    assert '<mark class="span-claim"' in body and '<mark class="span-quote"' in body


def test_article_page_without_a_highlight_and_its_json_twin(api: TestClient, fixture: Fixture) -> None:
    article = fixture.articles["tessaku"]
    text = page(api, f"/articles/{article.id}")
    assert 'class="evidence"' not in inner(text, '<div class="article-text">', "</div>")
    assert parse(text).texts["article-text"] == article.text
    twin = api.get(f"/articles/{article.id}?format=json").json()
    assert twin == api.get(f"/api/articles/{article.id}").json()
    undated = page(api, f"/articles/{fixture.articles['undated'].id}")
    assert "date unknown" in undated and "(not extracted yet)" not in undated


def test_story_page_shows_the_outlets_side_by_side(api: TestClient, fixture: Fixture) -> None:
    story_id = fixture.story_of("velmar_ridge")["story_id"]
    text = page(api, f"/stories/{story_id}")
    grid = inner(text, '<div class="sources-grid">', "</div>")
    assert re.findall(r"<h3>(.*?)</h3>", grid) == ["Lowland Times", "Ridge Courier"]
    assert f'href="/articles/{fixture.articles["velmar_lowland"].id}"' in grid
    assert f'href="/articles/{fixture.articles["velmar_ridge"].id}"' in grid
    claims = inner(text, '<table class="claims">', "</table>")
    assert claims.count('<tr class="verdict-agree">') == 2
    claim = api.get("/api/claims").json()["items"][0]
    for value in claim["values"]:
        assert f'/articles/{value["article_id"]}?highlight={value["start"]}-{value["end"]}#evidence' in claims
    assert "as reported by Lowland Times, Ridge Courier" in text
    assert f'href="/events/{fixture.event_id("velmar_ridge")}"' in text
    assert api.get(f"/stories/{story_id}?format=json").json() == api.get(f"/api/stories/{story_id}").json()


def test_search_page_lists_what_matches_and_keeps_the_words(api: TestClient, fixture: Fixture) -> None:
    text = page(api, "/search", q="Velmar")
    parsed = parse(text)
    assert parsed.having("input", name="q")[0].attrs["value"] == "Velmar"
    articles = inner(text, '<ul id="search-articles">', "</ul>")
    assert f'/articles/{fixture.articles["velmar_ridge"].id}' in articles
    assert f'/articles/{fixture.articles["velmar_lowland"].id}' in articles
    assert f'/events/{fixture.event_id("velmar_ridge")}' in inner(text, '<ul id="search-events">', "</ul>")
    assert "Events (1)" in text and "Articles (2)" in text
    empty = page(api, "/search", q="zeppelin")
    assert "No event matches." in empty and "No article matches." in empty
    assert api.get("/search?q=Velmar&format=json").json() == api.get("/api/search?q=Velmar").json()


# --- hostile input


def hostile_pages(fixture: Fixture) -> list[str]:
    """Every page the hostile article reaches."""
    article = fixture.articles["hostile"]
    return ["/", "/?day=2022-03-04", f"/articles/{article.id}", f"/articles/{article.id}?highlight=0-60",
            f"/events/{fixture.event_id('hostile')}", f"/stories/{fixture.story_of('hostile')['story_id']}",
            "/search?q=alert", "/search?q=" + HOSTILE_SCRIPT]


def assert_inert(text: str) -> None:
    """No script runs from data: no inline script, no event handler, no javascript: link."""
    parsed = parse(text)
    assert "<script>alert" not in text.lower()
    assert not re.search(r"<img[^>]*onerror", text, re.IGNORECASE)
    assert all(element.tag != "img" for element in parsed.elements)
    for element in parsed.elements:
        assert not [name for name in element.attrs if name.startswith("on")], element
        for name in ("href", "src", "action", "formaction"):
            value = element.attrs.get(name, "").strip().lower()
            assert not value.startswith("javascript:"), element
    for attrs, content in parsed.scripts:
        assert attrs.get("src") or attrs.get("type") == "application/json", attrs
        assert not attrs.get("src") or not content.strip()


def test_hostile_text_is_escaped_on_every_page(api: TestClient, fixture: Fixture) -> None:
    for path in hostile_pages(fixture):
        text = page(api, path)
        assert ESCAPED_SCRIPT in text, path
        assert_inert(text)


def test_hostile_text_survives_as_text(api: TestClient, fixture: Fixture) -> None:
    article = fixture.articles["hostile"]
    text = page(api, f"/articles/{article.id}")
    assert parse(text).texts["article-text"] == article.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    event = page(api, f"/events/{fixture.event_id('hostile')}")
    assert html.escape(HOSTILE_ACTOR, quote=False) in event
    assert f"{ESCAPED_SCRIPT} Militia" in event
    assert html.escape(HOSTILE_IMG, quote=False) in event


def test_a_javascript_url_is_shown_but_never_linked(api: TestClient, fixture: Fixture) -> None:
    article = fixture.articles["hostile"]
    assert article.url == HOSTILE_URL
    for path in hostile_pages(fixture):
        links = [element.attrs.get("href", "") for element in parse(page(api, path)).elements]
        assert not [link for link in links if "alert" in link], path
    text = page(api, f"/articles/{article.id}")
    assert f"({HOSTILE_URL})" in text  # named in the article's metadata, as plain text
    assert '<span class="unlinked">' in page(api, f"/events/{fixture.event_id('hostile')}")


def test_the_json_twins_keep_hostile_text_verbatim(api: TestClient, fixture: Fixture) -> None:
    article = fixture.articles["hostile"]
    twin = api.get(f"/articles/{article.id}?format=json")
    assert twin.headers["content-type"].startswith("application/json")
    assert twin.json()["title"] == article.title and twin.json()["url"] == HOSTILE_URL


def test_the_page_data_block_cannot_be_closed_by_data(tmp_path: Path) -> None:
    """A country name with `</script>` in it reaches the home page's JSON block and stays inside it."""
    hostile_country = 'Afghanistan</script><script>alert("pwned")</script><!--'
    place = GeoEntry(930001, "Zerun", 35.0, 66.0, "AF", hostile_country, "94", "Zerun Province", "P", "PPLA",
                     9000)
    spec = Spec(key="zerun", title="Zerun taken", source="Ridge Courier", day=date(2022, 5, 2),
                text="Liberation Front fighters captured Zerun on Monday after a short fight.",
                place=place, trigger="captured", actor_words="Liberation Front", actor=REBELS)
    url = f"sqlite:///{tmp_path}/country.db"
    store = open_store(url)
    fill(store, [spec], [])
    store.close()
    with client(url) as api:
        text = page(api, "/")
    block = inner(text, PAGE_DATA_OPEN, "</script>")
    assert "<" not in block and ">" not in block
    assert json.loads(block)["country"] == hostile_country
    assert_inert(text)
    assert "&lt;/script&gt;&lt;script&gt;alert(" in text  # the title and heading, escaped


@pytest.mark.parametrize("value", ["</script><script>alert(1)</script>", "<!--", "a & b", "]]>", "\u2028"])
def test_page_json_escapes_what_could_end_the_block(value: str) -> None:
    # The filter base.html writes the page-data block with.
    block = pages.ENVIRONMENT.from_string("{{ data | tojson }}")
    encoded = block.render(data={"text": value, "list": [value]})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    assert json.loads(encoded) == {"text": value, "list": [value]}


# --- headers


def assert_csp(response: httpx.Response) -> None:
    """The strict policy: scripts and styles from the server only, nothing inline, no framing."""
    policy = response.headers["content-security-policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["script-src"] == ["'self'"] and directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_every_page_and_error_carries_the_security_headers(api: TestClient, fixture: Fixture) -> None:
    others = ["/events/E-nothing", "/api/events", "/api/nothing", "/static/app.js", "/?format=json"]
    for path in [*hostile_pages(fixture), *others]:
        assert_csp(api.get(path))


def test_only_the_docs_page_allows_its_inline_script(api: TestClient) -> None:
    docs = api.get("/docs")
    assert docs.status_code == 200
    assert "'unsafe-inline'" in docs.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in docs.headers["content-security-policy"]


# --- the command


def test_serve_private_without_a_token_exits_2_naming_the_option(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITREP_TOKEN", raising=False)
    url = f"sqlite:///{tmp_path}/serve.db"
    open_store(url).close()
    result = CliRunner().invoke(cli, ["serve", "--db", url, "--private", "--port", "1"])
    assert result.exit_code == 2, result.output
    assert "--token" in result.output
    assert "--private" in result.output
