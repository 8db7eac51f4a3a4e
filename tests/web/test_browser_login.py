"""A private server from a real browser: refused, log in with the form, read, log out, refused again.

`sitrep serve --private` runs as its own process over the API tests' invented news (no spaCy);
Chromium (Debian's, through Playwright) keeps the session cookie the login form sets.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serving import free_port, wait_until_up

sys.path.insert(0, str(Path(__file__).parents[1] / "api"))
from api_fixtures import TOKEN, build

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def private_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`sitrep serve --private --token TOKEN` on a free port; its base URL."""
    fixture = build(f"sqlite:///{tmp_path_factory.mktemp('login') / 'news.db'}")
    port = free_port()
    command = [sys.executable, "-m", "sitrep", "serve", "--db", fixture.url, "--port", str(port),
               "--token", TOKEN, "--private", "--assets", ""]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process, headers={"Authorization": f"Bearer {TOKEN}"})
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_log_in_read_and_log_out(browser: Any, private_server: str) -> None:
    """The form opens the pages and the API to this browser alone; the cookie is out of scripts' reach."""
    context = browser.new_context()
    page = context.new_page()
    assert page.goto(f"{private_server}/").status == 401
    assert page.locator("a[href='/login']").count() >= 1
    page.goto(f"{private_server}/login?next=/search%3Fq%3DVelmar")
    page.fill("#login-token", "not the token")
    page.click("#login-form button[type=submit]")
    assert page.locator("#login-problem").is_visible()
    page.fill("#login-token", TOKEN)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(f"{private_server}/search?q=Velmar")
    assert page.locator("#search-events li a").count() >= 1
    cookie = next(item for item in context.cookies() if item["name"] == "sitrep_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert page.evaluate("document.cookie") == ""
    assert page.goto(f"{private_server}/api/health").status == 200
    other = browser.new_context().new_page()
    assert other.goto(f"{private_server}/api/health").status == 401
    page.goto(f"{private_server}/login")
    page.click("#logout-form button[type=submit]")
    page.wait_for_url(f"{private_server}/login")
    assert page.goto(f"{private_server}/api/health").status == 401
    context.close()
