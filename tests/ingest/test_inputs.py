"""Folders, stdin and URLs: what `read_articles` expands its targets into."""

from __future__ import annotations

import io
import json
import os
from datetime import UTC, datetime

import pytest
from ingest_helpers import FakeFetcher, read_all, write_file

from sitrep.ingest.fetch import FetchFailed
from sitrep.records import Article, Skipped, SkipReason

STORY = "Karvand update\nThe district council met in the school hall on Monday evening."
PAGE = """<!DOCTYPE html><html><head><title>Water returns to Karvand</title>{head}</head><body>
<nav><a href="/">Homepage</a> <a href="/about">About us</a></nav>
<article><h1>Water returns to Karvand</h1>
<p>Running water returned to the northern quarter of Karvand on Tuesday after engineers repaired
a pumping station damaged in the fighting, the provincial water board said.</p>
<p>Residents had queued for weeks at tanker lorries sent by the provincial authorities, and
several wells had been closed because of contamination.</p>
</article></body></html>"""
FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Karvand Courier</title><id>urn:feed</id>
<updated>2021-08-11T12:00:00Z</updated>
<entry><title>Convoy arrives</title><id>urn:entry-9</id>
<link href="https://courier.example/convoy"/><updated>2021-08-11T08:00:00Z</updated>
<summary>An aid convoy reached Karvand on Wednesday morning.</summary></entry>
</feed>"""


def test_folder_is_read_recursively_in_sorted_order(tmp_path) -> None:
    for name in ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", "a_sub/e.txt"]:
        write_file(tmp_path, f"news/{name}", f"Title {name}\n{STORY}")
    results = read_all([tmp_path / "news"])
    root = tmp_path / "news"
    assert [item.input for item in results] == [
        str(root / "a.txt"),
        str(root / "b.txt"),
        str(root / "a_sub" / "e.txt"),
        str(root / "sub" / "c.txt"),
        str(root / "sub" / "deeper" / "d.txt"),
    ]
    assert results[0].title == "Title a.txt"


def test_hidden_files_and_folders_are_ignored(tmp_path) -> None:
    write_file(tmp_path, "news/visible.txt", STORY)
    write_file(tmp_path, "news/.draft.txt", STORY)
    write_file(tmp_path, "news/.cache/old.txt", STORY)
    write_file(tmp_path, "news/sub/.hidden/deep.txt", STORY)
    results = read_all([tmp_path / "news"])
    assert [item.input for item in results] == [str(tmp_path / "news" / "visible.txt")]


def test_empty_folder_yields_nothing(tmp_path) -> None:
    (tmp_path / "empty").mkdir()
    assert read_all([tmp_path / "empty"]) == []


def test_unknown_extensions_are_sniffed_by_content(tmp_path) -> None:
    lines = "".join(json.dumps({"text": f"Line {n} about Karvand."}) + "\n" for n in (1, 2))
    write_file(tmp_path, "in/1-lines.dat", lines)
    write_file(tmp_path, "in/2-page.dat", PAGE.format(head=""))
    write_file(tmp_path, "in/3-plain.dat", STORY)
    results = read_all([tmp_path / "in"])
    assert all(isinstance(item, Article) for item in results)
    assert [(item.format, item.input) for item in results] == [
        ("json", f"{tmp_path / 'in' / '1-lines.dat'}:1"),
        ("json", f"{tmp_path / 'in' / '1-lines.dat'}:2"),
        ("html", str(tmp_path / "in" / "2-page.dat")),
        ("text", str(tmp_path / "in" / "3-plain.dat")),
    ]


def test_targets_are_read_in_the_order_given(tmp_path) -> None:
    second = write_file(tmp_path, "z.txt", "Zeta\n" + STORY)
    first = write_file(tmp_path, "a.txt", "Alpha\n" + STORY)
    results = read_all([second, first])
    assert [item.title for item in results] == ["Zeta", "Alpha"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="os.mkfifo is not available")
def test_fifo_inside_a_folder_is_unreadable_not_a_hang(tmp_path) -> None:
    write_file(tmp_path, "news/a.txt", STORY)
    os.mkfifo(tmp_path / "news" / "b.pipe")
    write_file(tmp_path, "news/c.txt", STORY)
    results = read_all([tmp_path / "news"])
    assert [type(item).__name__ for item in results] == ["Article", "Skipped", "Article"]
    assert results[1].reason is SkipReason.UNREADABLE
    assert results[1].input == str(tmp_path / "news" / "b.pipe")


def test_stdin_is_read_for_a_dash() -> None:
    stdin = io.BytesIO(f"date 2021-08-11\n{STORY}".encode())
    results = read_all(["-"], stdin=stdin)
    assert len(results) == 1
    article = results[0]
    assert isinstance(article, Article)
    assert article.input == "<stdin>"
    assert article.title == "Karvand update"
    assert article.published_on == datetime(2021, 8, 11).date()


def test_stdin_json_lines_are_sniffed() -> None:
    stdin = io.BytesIO(b'{"text": "First line about Karvand."}\n{"text": "Second line."}\n')
    results = read_all(["-"], stdin=stdin)
    assert [item.input for item in results] == ["<stdin>:1", "<stdin>:2"]


def test_empty_stdin_is_empty() -> None:
    results = read_all(["-"], stdin=io.BytesIO(b""))
    assert [(item.input, item.reason) for item in results] == [("<stdin>", SkipReason.EMPTY)]


# URLs


def test_fetched_html_page() -> None:
    url = "https://www.karvand-daily.example/water"
    final = "https://www.karvand-daily.example/2021/08/water-returns"
    head = '<meta property="og:site_name" content="Karvand Daily">'
    fetcher = FakeFetcher(
        {url: (PAGE.format(head=head).encode(), "text/html; charset=utf-8")},
        final_urls={url: final},
    )
    results = read_all([url], fetcher=fetcher)
    assert fetcher.calls == [url]
    assert len(results) == 1
    article = results[0]
    assert isinstance(article, Article)
    assert article.input == url
    assert article.url == final
    assert article.fetched_at == datetime(2021, 8, 12, 6, 0, tzinfo=UTC)
    assert article.source == "Karvand Daily"
    assert article.title == "Water returns to Karvand"
    assert "pumping station" in article.text
    assert "Homepage" not in article.text


def test_fetched_page_without_site_name_takes_the_host() -> None:
    url = "https://www.karvand-daily.example/water"
    fetcher = FakeFetcher({url: (PAGE.format(head="").encode(), "text/html")})
    (article,) = read_all([url], fetcher=fetcher)
    assert isinstance(article, Article)
    assert article.source == "karvand-daily.example"


def test_fetched_html_is_found_by_content_type() -> None:
    url = "https://karvand-daily.example/story?id=12"
    fetcher = FakeFetcher({url: (PAGE.format(head="").encode(), "text/html")})
    (article,) = read_all([url], fetcher=fetcher)
    assert isinstance(article, Article)
    assert article.format == "html"


def test_fetched_feed() -> None:
    url = "https://courier.example/feed"
    fetcher = FakeFetcher({url: (FEED.encode(), "application/atom+xml; charset=utf-8")})
    results = read_all([url], fetcher=fetcher)
    assert len(results) == 1
    article = results[0]
    assert isinstance(article, Article)
    assert article.format == "feed"
    assert article.input == f"{url}#urn:entry-9"
    assert article.url == "https://courier.example/convoy"
    assert article.source == "Karvand Courier"
    assert article.is_summary is True
    assert article.fetched_at == datetime(2021, 8, 12, 6, 0, tzinfo=UTC)


def test_fetch_failure_is_unreachable_and_the_run_goes_on(tmp_path) -> None:
    url = "https://gone.example/story"
    fetcher = FakeFetcher({url: FetchFailed(f"{url} answered HTTP 404")})
    local = write_file(tmp_path, "local.txt", STORY)
    results = read_all([url, local], fetcher=fetcher)
    assert isinstance(results[0], Skipped)
    assert results[0].input == url
    assert results[0].reason is SkipReason.UNREACHABLE
    assert results[0].detail == f"{url} answered HTTP 404"
    assert isinstance(results[1], Article)


def test_http_and_https_in_any_case_are_urls() -> None:
    urls = ["HTTP://karvand-daily.example/a", "https://karvand-daily.example/b"]
    fetcher = FakeFetcher({url: FetchFailed("down") for url in urls})
    results = read_all(urls, fetcher=fetcher)
    assert fetcher.calls == urls
    assert [item.reason for item in results] == [SkipReason.UNREACHABLE] * 2
