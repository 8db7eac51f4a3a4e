"""The dashboard in a real browser: Debian's Chromium, driven by Playwright, against `sitrep serve`.

The server runs as its own process on 127.0.0.1 over the example corpus (ingested, extracted and
fused here). Screenshots go to test-output/. Without Chromium these tests skip, unless
SITREP_REQUIRE_BROWSER is set (as `make test` does), when they fail instead.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from serving import wait_for_day

ROOT = Path(__file__).parents[2]
SHOTS = ROOT / "test-output"
# The day the example corpus is about, and what fusion must show on it.
DAY = "2021-08-11"
CAPITALS_HELD = 9
FIRST_DAY = "2021-08-03"
pytestmark = pytest.mark.slow


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_the_map_draws_the_country_places_and_events(server: str, page: Any) -> None:
    page.goto(f"{server}/")
    page.wait_for_selector("body[data-map-ready='true']", timeout=15_000)
    assert page.locator("#map path.country-outline").count() >= 1
    assert page.locator("#map .place-marker").count() > 0
    assert page.locator("#chart svg").count() == 1
    _shot(page, "dashboard-home")
    assert page.problems == []


def test_the_slider_reaches_the_day_with_nine_captured_capitals(server: str, page: Any) -> None:
    # The slider starts where the dense reporting starts (a stray "in May" does not stretch it).
    page.goto(f"{server}/?country=AF&day=2021-08-01")
    wait_for_day(page, FIRST_DAY)
    held_before = page.locator("#places-list li.place[data-seat='true'][data-actor='Taliban']").count()
    slider = page.locator("#day-slider")
    slider.focus()
    for _ in range(8):  # eight days on, one key press a day, as a reader would
        page.keyboard.press("ArrowRight")
    wait_for_day(page, DAY)
    assert page.locator("#day-label").inner_text().strip() == DAY
    held = page.locator("#places-list li.place[data-seat='true'][data-state='controlled']"
                        "[data-actor='Taliban']")
    assert held.count() == CAPITALS_HELD
    assert held_before < CAPITALS_HELD
    # The other capitals are drawn as presumed government holdings (faint, dashed), not as reported ones
    # (half-filled, basis-reported: Lashkar Gāh, reported as still the government's, and Kandahar,
    # which a later report says the army withdrew from, so the army held it).
    reported = "#map path.place-marker.seat.state-controlled:not(.basis-presumed):not(.basis-reported)"
    assert page.locator(reported).count() == CAPITALS_HELD
    assert page.locator("#map path.place-marker.seat.basis-presumed").count() == 34 - CAPITALS_HELD - 3
    assert page.locator("#places-list li.place[data-basis='presumed']").count() > 0
    assert f"{CAPITALS_HELD} of 34" in page.locator("#day-summary").inner_text()
    assert f"day={DAY}" in page.url
    _shot(page, "dashboard-2021-08-11")
    assert page.problems == []


def test_an_event_opens_with_both_sources_and_their_sentences(server: str, page: Any) -> None:
    page.goto(f"{server}/?country=AF&day={DAY}")
    wait_for_day(page, DAY)
    rows = page.locator("#events-table tbody tr", has_text="Fayzabad").filter(has_text="overtakes territory")
    assert rows.count() >= 1
    sources_of = [int(rows.nth(index).locator("td").nth(4).inner_text()) for index in range(rows.count())]
    best = sources_of.index(max(sources_of))  # the capture most outlets report
    assert sources_of[best] >= 2
    rows.nth(best).locator("a").click()
    page.wait_for_selector("ol.evidence-list")
    sources = page.locator("ol.evidence-list li.evidence-item")
    outlets = {sources.nth(index).locator(".outlet").inner_text() for index in range(sources.count())}
    assert len(outlets) >= 2
    assert page.locator("ol.evidence-list mark.evidence").count() == sources.count()
    _shot(page, "event-fayzabad")
    sources.first.get_by_text("sentence in the article").click()
    page.wait_for_selector("mark#evidence")
    assert page.locator("mark#evidence").is_visible()
    _shot(page, "article-evidence")
    assert page.problems == []


def test_play_steps_through_the_days_and_pauses(server: str, page: Any) -> None:
    page.goto(f"{server}/?country=AF&day=2021-08-05")
    wait_for_day(page, "2021-08-05")
    page.click("#play")
    assert page.get_attribute("#play", "aria-pressed") == "true"
    page.wait_for_selector("body[data-map-day='2021-08-07']", timeout=15_000)
    page.click("#play")
    assert page.get_attribute("#play", "aria-pressed") == "false"
    stopped = page.locator("#day-label").inner_text()
    page.wait_for_timeout(1500)
    assert page.locator("#day-label").inner_text() == stopped
    assert page.problems == []


def test_the_events_table_sorts_and_filters(server: str, page: Any) -> None:
    page.goto(f"{server}/?country=AF&day={DAY}")
    wait_for_day(page, DAY)
    page.click("#events-table th[data-key='independent_sources']")
    page.click("#events-table th[data-key='independent_sources']")
    cells = page.locator("#events-table tbody tr:visible td:nth-child(5)").all_inner_texts()
    counts = [int(cell) for cell in cells]
    assert counts == sorted(counts, reverse=True) and len(counts) > 1
    page.fill("#events-filter", "Kunduz")
    visible = page.locator("#events-table tbody tr:visible").all_inner_texts()
    assert visible and all("kunduz" in row.lower() for row in visible)


def test_search_finds_articles_and_events(server: str, page: Any) -> None:
    page.goto(f"{server}/")
    page.fill("header input[name='q']", "Farah")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-events")
    assert page.locator("#search-events li a").count() >= 1
    assert page.locator("#search-articles li a").count() >= 1
    data = json.loads(httpx.get(f"{server}/search", params={"q": "Farah", "format": "json"}).text)
    assert len(data["events"]) == page.locator("#search-events li a").count()


FACTUAL = {"asserted", "reported", "claimed"}
ROWS = "#events-table tbody tr"


def _modalities(page: Any) -> set[str]:
    return set(page.eval_on_selector_all(ROWS, "rows => rows.map(row => row.dataset.modality)"))


def test_threats_plans_and_denials_hide_until_the_toggle_shows_them_labelled(server: str, page: Any) -> None:
    page.goto(f"{server}/?country=AF&day={DAY}")
    wait_for_day(page, DAY)
    assert _modalities(page) <= FACTUAL
    factual_rows = page.locator(ROWS).count()
    assert page.locator(f"{ROWS} .badge.modality").count() == 0
    assert page.locator("#map path.event-marker.not-factual").count() == 0
    page.check("#show-all-modalities")
    page.wait_for_selector("body[data-modalities='all']")
    others = _modalities(page) - FACTUAL
    assert {"threatened", "hypothetical"} <= others  # Mazar threatened on 9 August, Fayzabad "could fall"
    for modality in others:
        row = page.locator(f"{ROWS}[data-modality='{modality}']").first
        assert row.locator(".badge.modality").inner_text() == modality
    assert page.locator(ROWS).count() > factual_rows
    assert "modalities=all" in page.url
    # An event's popup says whether it happened: built from the day's data, as the map builds it.
    said = page.evaluate("""() => {
        const events = window.sitrep.state.events;
        const popup = (modality) => window.sitrep.popups.event(events.find(e => e.modality === modality));
        const said = (box) => box.querySelector('.popup-modality').textContent;
        return [said(popup('threatened')), said(popup('asserted'))];
    }""")
    assert said == ["Not said to have happened: threatened", "Said to have happened (asserted)"]
    _shot(page, "dashboard-all-modalities")
    page.uncheck("#show-all-modalities")
    page.wait_for_selector("body[data-modalities='factual']")
    assert _modalities(page) <= FACTUAL and page.locator(ROWS).count() == factual_rows
    assert "modalities" not in page.url
    assert page.problems == []


def test_a_shared_url_reopens_the_same_country_day_window_and_filters(server: str, page: Any,
                                                                      browser: Any) -> None:
    page.goto(f"{server}/?country=AF&day=2021-08-09")
    wait_for_day(page, "2021-08-09")
    page.fill("#window", "3")
    page.dispatch_event("#window", "change")
    page.wait_for_function("() => document.querySelector('#events-window').textContent === '3'")
    wait_for_day(page, "2021-08-09")
    page.check("#show-all-modalities")
    page.fill("#events-filter", "Mazar")
    page.wait_for_function("() => location.search.includes('filter=Mazar')")
    shared = page.url
    assert all(part in shared for part in ("country=AF", "day=2021-08-09", "window=3", "modalities=all"))
    shown = page.locator(f"{ROWS}:visible").all_inner_texts()
    assert shown and all("mazār" in row.lower() for row in shown)  # the filter ignores accents too

    other = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    other.goto(shared)
    wait_for_day(other, "2021-08-09")
    assert other.locator("#country").input_value() == "AF"
    assert other.locator("#day-label").inner_text().strip() == "2021-08-09"
    assert other.locator("#window").input_value() == "3"
    assert other.locator("#events-window").inner_text() == "3"
    assert other.locator("#show-all-modalities").is_checked()
    assert other.locator("#events-filter").input_value() == "Mazar"
    assert other.locator(f"{ROWS}:visible").all_inner_texts() == shown
    assert other.url == shared
    other.context.close()
    assert page.problems == []


def test_searching_herat_finds_herat_with_its_accent(server: str, page: Any) -> None:
    page.goto(f"{server}/")
    page.fill("header input[name='q']", "Herat")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-events")
    found = page.locator("#search-events li").all_inner_texts()
    assert found and any("Herāt" in item for item in found)
    assert page.locator("#search-articles li a").count() >= 1
    page.goto(f"{server}/?country=AF&day=2021-08-13&filter=Herat")
    wait_for_day(page, "2021-08-13")
    shown = page.locator(f"{ROWS}:visible").all_inner_texts()
    assert shown and all("Herāt" in row for row in shown)
    assert page.problems == []
