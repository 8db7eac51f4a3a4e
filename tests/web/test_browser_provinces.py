"""The province layer of the dashboard's map in a real browser (Debian's Chromium, Playwright).

The server runs over the example corpus as in test_browser_dashboard.py; the outlines come from the
folder `make install` derives (no request leaves 127.0.0.1: any would fail the page's problem list).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from serving import wait_for_day

from sitrep.web.assets import assets_folder, provinces_folder

ROOT = Path(__file__).parents[2]
SHOTS = ROOT / "test-output"
DAY = "2021-08-11"
AFGHAN_PROVINCES = 34
# GeoNames ids of two provinces: Kunduz (its capital taken by the Taliban on 8 August 2021) and
# Bamyan (its capital in no report: the government's, presumed).
KUNDUZ = 1135690
BAMYAN = 1147239
# Panjshir, which the outlines' source names "Parwan": the server names it by its GeoNames id.
PANJSHIR = 6957555
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (provinces_folder(assets_folder()) / "AF.json").is_file(),
                       reason="no derived province outlines: run `make install`"),
]


def _province(page: Any, geonameid: int) -> Any:
    return page.locator(f"#map path.province[data-geonameid='{geonameid}']")


# A point of the window where the province's own outline is the topmost thing (not a marker or badge).
OPEN_POINT = """(path) => {
    const box = path.getBoundingClientRect();
    for (let i = 1; i < 20; i += 1) {
        for (let j = 1; j < 20; j += 1) {
            const x = box.left + box.width * i / 20, y = box.top + box.height * j / 20;
            if (document.elementFromPoint(x, y) === path) { return [x, y]; }
        }
    }
    return null;
}"""


def _hover(page: Any, geonameid: int) -> str:
    """Move the mouse onto the province as a reader would; the tooltip's text."""
    point = _province(page, geonameid).evaluate(OPEN_POINT)
    assert point is not None
    page.mouse.move(*point, steps=4)
    # Tooltips the mouse passed on the way fade out for a moment (Leaflet's fade): wait them out.
    page.wait_for_function("() => document.querySelectorAll('.leaflet-tooltip').length === 1")
    return str(page.locator(".leaflet-tooltip").inner_text())


def _look(page: Any, geonameid: int) -> dict[str, Any]:
    path = _province(page, geonameid)
    return {name: path.get_attribute(name) for name in
            ("data-actor", "data-state", "data-basis", "fill", "fill-opacity", "stroke-dasharray")}


def test_provinces_are_shaded_by_who_holds_their_capital(server: str, page: Any) -> None:
    page.goto(f"{server}/?country=AF&day={DAY}")
    wait_for_day(page, DAY)
    assert page.locator("#map path.province").count() == AFGHAN_PROVINCES
    taken, presumed = _look(page, KUNDUZ), _look(page, BAMYAN)
    assert taken["data-actor"] == "Taliban" and taken["data-state"] == "controlled"
    assert taken["data-basis"] in {"evidenced", "uncorroborated"}
    assert presumed["data-basis"] == "presumed" and presumed["data-actor"] != "Taliban"
    # Shaded differently: the holder's colour, and a faint fill with a dashed edge for the presumption.
    taliban_colour = page.evaluate("() => window.sitrep.state.actorColours['Taliban']")
    assert taken["fill"] == taliban_colour and presumed["fill"] != taliban_colour
    assert float(taken["fill-opacity"]) > 2 * float(presumed["fill-opacity"]) > 0
    assert presumed["stroke-dasharray"] and not taken["stroke-dasharray"]
    # The name comes from the GeoNames id (the outlines' own label for this one says Parwan).
    assert "Panjshir" in _hover(page, PANJSHIR)
    tooltip = _hover(page, KUNDUZ)
    assert "Kunduz" in tooltip and "Taliban" in tooltip
    assert page.locator("#province-note").is_hidden()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "dashboard-provinces.png"), full_page=True)
    assert page.problems == []


def test_zoomed_out_events_are_counted_per_province_and_zooming_in_clusters_them(server: str,
                                                                                 page: Any) -> None:
    page.goto(f"{server}/?country=AF&day={DAY}")
    wait_for_day(page, DAY)
    assert page.evaluate("() => window.sitrep.state.map.getZoom()") < 7
    page.wait_for_selector("body[data-events-by='province']")
    badges = page.locator("#map .province-count-badge").all_inner_texts()
    in_provinces = page.evaluate("""() => window.sitrep.model.shownEvents(window.sitrep.state.events)
        .filter(e => window.sitrep.provinces.provinceAt(e.latitude, e.longitude)).length""")
    assert badges and sum(int(badge) for badge in badges) == in_provinces > 0
    counted = int(_province(page, KUNDUZ).get_attribute("data-events"))
    assert counted >= 1  # the fall of Kunduz is among the window's events
    page.evaluate("() => window.sitrep.state.map.setView([36.73, 68.86], 8)")
    page.wait_for_selector("body[data-events-by='cluster']")
    assert page.locator("#map .province-count-badge").count() == 0
    assert page.locator("#map .event-marker, #map .event-cluster").count() > 0
    assert page.problems == []


def test_a_country_with_outdated_outlines_says_so_under_the_map(server: str, page: Any) -> None:
    def with_note(route: Any) -> None:
        body = json.loads(route.fetch().text())
        body["note"] = "These outlines predate the latest reform."
        route.fulfill(json=body)

    page.route("**/provinces/AF.json", with_note)
    page.goto(f"{server}/?country=AF&day={DAY}")
    wait_for_day(page, DAY)
    note = page.locator("#province-note")
    assert note.is_visible() and note.inner_text() == "These outlines predate the latest reform."
    assert page.problems == []
