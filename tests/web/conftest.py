"""The browser the browser tests drive: Debian's Chromium through Playwright (nothing downloaded)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serving import ingest_examples, serving

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


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


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records console errors, page errors and failed requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
              if message.type == "error" else None)
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on("requestfailed", lambda request: _failed(request, problems))
    opened.problems = problems
    yield opened
    context.close()


def _failed(request: Any, problems: list[str]) -> None:
    """A failed request is a problem, unless the browser cancelled it because the test moved on to
    another page (net::ERR_ABORTED): the page did nothing wrong."""
    failure = request.failure or ""
    if "ERR_ABORTED" not in failure:
        problems.append(f"request failed: {request.url} ({failure})")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`sitrep serve` over the example corpus on a free port; its base URL (a module may serve
    something else under the same name)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('examples') / 'examples.db'}"
    ingest_examples(url)
    with serving(url) as base:
        yield base
