"""A stored article whose address does not parse (`http://[::1`) breaks no page, answer or report."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from api_fixtures import SPECS, VELMAR_DAY, build_from, client
from click.testing import CliRunner
from fastapi.testclient import TestClient

from sitrep.cli import cli
from sitrep.report.links import linkable
from sitrep.report.render_html import link_url
from sitrep.report.render_markdown import render_url

MALFORMED = ["http://[::1", "http://[::1]:99999/", "http://a:b:c/", "\x00http://x"]
BROKEN = "http://[::1"


@pytest.mark.parametrize("url", MALFORMED)
def test_a_malformed_address_is_text_never_a_link(url: str) -> None:
    """The link helpers of the pages and both report formats refuse it as a link, without raising."""
    assert linkable(url) is None
    assert link_url(url).startswith("<span>") and "href" not in link_url(url)
    assert "<http" not in render_url(url)


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The invented news, with the first Velmar report stored under a malformed address."""
    specs = [replace(spec, url=BROKEN) if spec.key == "velmar_ridge" else spec for spec in SPECS]
    return build_from(f"sqlite:///{tmp_path_factory.mktemp('malformed')}/sitrep.db", specs)


@pytest.fixture
def api(store_url: str) -> Iterator[TestClient]:
    """A client of a server over that store."""
    with client(store_url) as opened:
        yield opened


def test_article_event_and_story_pages_answer(api: TestClient) -> None:
    """Each page holding the article answers 200, its JSON twin too, and shows the address as text."""
    article = next(item for item in api.get("/api/articles", params={"limit": 500}).json()["items"]
                   if item["url"] == BROKEN)
    detail = api.get(f"/api/articles/{article['id']}").json()
    pages = [article["page"], *(event["url"] for event in detail["events"]),
             *(story["url"] for story in detail["stories"])]
    assert len(pages) == 3
    for path in pages:
        page = api.get(path)
        assert page.status_code == 200, (path, page.text[:300])
        assert f'href="{BROKEN}"' not in page.text
        assert api.get(path, params={"format": "json"}).status_code == 200


def test_the_report_is_written(store_url: str, tmp_path: Path) -> None:
    """`sitrep report` writes both files, with the address as text."""
    result = CliRunner().invoke(cli, ["report", "--db", store_url, "--country", "AF",
                                      "--as-of", VELMAR_DAY.isoformat(), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    [markdown], [html] = tmp_path.glob("*.md"), tmp_path.glob("*.html")
    text = markdown.read_text(encoding="utf-8")
    assert "Liberation Front takes Velmar" in text and "http://\\[::1" in text and f"<{BROKEN}" not in text
    page = html.read_text(encoding="utf-8")
    assert f"<span>{BROKEN}</span>" in page and f'href="{BROKEN}"' not in page
