"""An analyst's correction in a real browser: made on the event page, seen on the map, kept, undone.

`sitrep serve --token` runs as its own process over the example corpus; the browser logs in with the
token (the correction form sends the session cookie), corrects the date of Fayrōz Kōh's capture,
and the map and the control list of the new day change. `sitrep fuse --all` and `sitrep reextract
--all` then run on the same database (as a reader would, in another process) and the correction
holds; Undo on the event page brings the machine's date back.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from serving import ingest_examples, serving, wait_for_day

pytestmark = pytest.mark.slow
TOKEN = "browser-review-token"
# Fayrōz Kōh (Ghowr's capital): one outlet reports its capture on 13 August; the analyst says 11 August.
PLACE = 1145904
MACHINE_DAY = "2021-08-13"
ANALYST_DAY = "2021-08-11"
CAPTURE = "Non-state actor overtakes territory"
REPORTED_SEATS = "#map path.place-marker.seat.state-controlled:not(.basis-presumed):not(.basis-reported)"
CAPITALS_HELD = 9
PRESUMED = ("Military Forces of Afghanistan", "presumed", CAPITALS_HELD)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The example corpus, ingested and fused, in a database of its own (this module writes to it)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('review') / 'examples.db'}"
    ingest_examples(url)
    return url


@pytest.fixture(scope="module")
def server(database: str) -> Iterator[str]:
    """`sitrep serve --token` over that database; its base URL."""
    with serving(database, "--token", TOKEN) as base:
        yield base


def _capture_id(server: str) -> str:
    data = httpx.get(f"{server}/api/map", params={"country": "AF", "day": MACHINE_DAY, "window": 1}).json()
    found = [event["event_id"] for event in data["events"]
             if event["sub_event_type"] == CAPTURE and event["location"] == "Fayrōz Kōh"]
    assert len(found) == 1, found
    return str(found[0])


def _place_on(page: Any, server: str, day: str) -> tuple[str, str, int]:
    """(holder, basis) of Fayrōz Kōh in the control list of `day`, and how many seats the map draws held."""
    page.goto(f"{server}/?country=AF&day={day}")
    wait_for_day(page, day)
    item = page.locator(f"#places-list li.place[data-geonameid='{PLACE}']")
    return (item.get_attribute("data-actor") or "", item.get_attribute("data-basis") or "",
            page.locator(REPORTED_SEATS).count())


def _sitrep(*arguments: str) -> None:
    done = subprocess.run([sys.executable, "-m", "sitrep", *arguments], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_date_correction_moves_the_map_survives_refusion_and_undo_restores(
        server: str, database: str, page: Any) -> None:
    event_id = _capture_id(server)
    assert _place_on(page, server, ANALYST_DAY) == PRESUMED

    page.goto(f"{server}/login?next=/events/{event_id}")
    page.fill("#login-token", TOKEN)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(f"{server}/events/{event_id}")
    page.click("details.review-form summary")
    page.select_option("#correction-form select[name='field']", "date")
    page.fill("#correction-form input[name='value']", ANALYST_DAY)
    page.fill("#correction-form input[name='reason']", "the wire dates the fall to Wednesday")
    page.fill("#correction-form input[name='author']", "ana")
    page.click("#correction-form button[type=submit]")
    page.wait_for_selector("#corrections li.correction[data-field='event_date']")
    item = page.locator("#corrections li.correction").first
    assert "corrected by ana" in item.inner_text()
    item.locator("details summary").click()  # the machine's value, one click away
    assert item.locator(".machine-value").inner_text() == MACHINE_DAY
    assert ANALYST_DAY in page.locator("table.fields").inner_text()

    moved = ("Taliban", "evidenced", CAPITALS_HELD + 1)
    assert _place_on(page, server, ANALYST_DAY) == moved
    _sitrep("fuse", "--all", "--db", database)
    assert _place_on(page, server, ANALYST_DAY) == moved
    _sitrep("reextract", "--all", "--db", database)
    assert _place_on(page, server, ANALYST_DAY) == moved

    page.goto(f"{server}/events/{event_id}")
    page.click("#corrections .undo-correction")
    page.wait_for_selector("#corrections", state="detached")  # the page reloads without the correction
    assert MACHINE_DAY in page.locator("table.fields").inner_text()
    assert _place_on(page, server, ANALYST_DAY) == PRESUMED
    assert _place_on(page, server, MACHINE_DAY)[:2] == ("Taliban", "evidenced")
    assert page.problems == []
