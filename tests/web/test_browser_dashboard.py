"""The dashboard in a real browser: Debian's Chromium, driven by Playwright, against `sitrep serve`.

The server runs as its own process on 127.0.0.1 over the example corpus (ingested, extracted and
fused here). Screenshots go to test-output/. Without Chromium these tests skip, unless
SITREP_REQUIRE_BROWSER is set (as `make test` does), when they fail instead.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sitrep.config import IngestOptions
from sitrep.pipeline import ingest
from sitrep.store import open_store

ROOT = Path(__file__).parents[2]
CORPUS = ROOT / "examples"
SHOTS = ROOT / "test-output"
# The day the example corpus is about, and what fusion must show on it.
DAY = "2021-08-11"
CAPITALS_HELD = 9
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
pytestmark = pytest.mark.slow


def _chromium() -> str | None:
    found = os.environ.get("SITREP_BROWSER") or shutil.which("chromium") or "/usr/bin/chromium"
    return found if Path(found).is_file() else None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium (the Debian package: Playwright downloads nothing)."""
    executable = _chromium()
    if executable is None:
        message = "no Chromium found: install Debian's chromium (make test does) or set SITREP_BROWSER"
        if os.environ.get("SITREP_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`sitrep serve` over the example corpus on a free port; its base URL."""
    from sitrep.cli.extraction import make_extractor

    url = f"sqlite:///{tmp_path_factory.mktemp('dashboard') / 'examples.db'}"
    store = open_store(url)
    try:
        ingest([str(CORPUS)], store, IngestOptions(), extractor=make_extractor(), fuse=True)
    finally:
        store.close()
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "sitrep", "serve", "--db", url, "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_until_up(base: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise AssertionError(f"sitrep serve exited with {process.returncode}: {output}")
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"sitrep serve did not answer at {base} within 60 s")


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records console errors, page errors and failed requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
              if message.type == "error" else None)
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on("requestfailed", lambda request: problems.append(f"request failed: {request.url}"))
    opened.problems = problems
    yield opened
    context.close()


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _wait_for_day(page: Any, day: str) -> None:
    page.wait_for_selector(f"body[data-map-ready='true'][data-map-day='{day}']", timeout=15_000)


def test_the_map_draws_the_country_places_and_events(server: str, page: Any) -> None:
    page.goto(f"{server}/")
    page.wait_for_selector("body[data-map-ready='true']", timeout=15_000)
    assert page.locator("#map path.country-outline").count() >= 1
    assert page.locator("#map .place-marker").count() > 0
    assert page.locator("#chart svg").count() == 1
    _shot(page, "dashboard-home")
    assert page.problems == []


def test_the_slider_reaches_the_day_with_nine_captured_capitals(server: str, page: Any) -> None:
    page.goto(f"{server}/?country=AF&day=2021-08-01")
    _wait_for_day(page, "2021-08-01")
    held_before = page.locator("#places-list li.place[data-seat='true'][data-actor='Taliban']").count()
    slider = page.locator("#day-slider")
    slider.focus()
    for _ in range(10):  # ten days on, one key press a day, as a reader would
        page.keyboard.press("ArrowRight")
    _wait_for_day(page, DAY)
    assert page.locator("#day-label").inner_text().strip() == DAY
    held = page.locator("#places-list li.place[data-seat='true'][data-state='controlled']"
                        "[data-actor='Taliban']")
    assert held.count() == CAPITALS_HELD
    assert held_before < CAPITALS_HELD
    assert page.locator("#map path.place-marker.seat.state-controlled").count() == CAPITALS_HELD
    assert f"{CAPITALS_HELD} of 34" in page.locator("#day-summary").inner_text()
    assert f"day={DAY}" in page.url
    _shot(page, "dashboard-2021-08-11")
    assert page.problems == []


def test_an_event_opens_with_both_sources_and_their_sentences(server: str, page: Any) -> None:
    page.goto(f"{server}/?country=AF&day={DAY}")
    _wait_for_day(page, DAY)
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
    _wait_for_day(page, "2021-08-05")
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
    _wait_for_day(page, DAY)
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
