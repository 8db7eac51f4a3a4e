"""Fixtures for the ingest tests: files in tmp_path, a fake fetcher, and `read_articles` as a list.

Nothing here touches the network: URL inputs go through `FakeFetcher`, and the default fetcher
fails the test if anything tries to fetch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import pytest

from sitrep.config import IngestOptions
from sitrep.ingest import read_articles
from sitrep.ingest.fetch import Fetched, FetchFailed
from sitrep.records import Article, Skipped

FETCHED_AT = datetime(2021, 8, 12, 6, 0, tzinfo=UTC)


class FakeFetcher:
    """Answers from a dict: URL -> (data, content type), or a `FetchFailed` to raise."""

    def __init__(
        self,
        pages: dict[str, tuple[bytes, str | None] | FetchFailed],
        *,
        final_urls: dict[str, str] | None = None,
    ) -> None:
        self.pages = pages
        self.final_urls = final_urls or {}
        self.calls: list[str] = []

    def fetch(self, url: str) -> Fetched:
        self.calls.append(url)
        page = self.pages[url]
        if isinstance(page, FetchFailed):
            raise page
        data, content_type = page
        return Fetched(self.final_urls.get(url, url), data, content_type, FETCHED_AT)


class NoNetwork:
    """The default fetcher in these tests: any fetch is a test failure."""

    def fetch(self, url: str) -> Fetched:
        raise AssertionError(f"a test tried to fetch {url}")


Read = Callable[..., list[Article | Skipped]]
Write = Callable[[str, str | bytes], Path]


@pytest.fixture
def read() -> Read:
    """`read_articles` collected into a list, offline unless a fetcher is given."""

    def run(
        targets: Iterable[str | Path],
        options: IngestOptions | None = None,
        *,
        fetcher: object | None = None,
        stdin: IO[bytes] | None = None,
    ) -> list[Article | Skipped]:
        return list(
            read_articles(
                [str(target) for target in targets],
                options or IngestOptions(),
                fetcher=fetcher or NoNetwork(),  # type: ignore[arg-type]
                stdin=stdin,
            )
        )

    return run


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Writes text (UTF-8) or bytes to a file under tmp_path, creating folders; returns its path."""

    def run(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
        return path

    return run


@pytest.fixture
def read_one(read: Read, write: Write) -> Callable[..., Article | Skipped]:
    """Writes one file and reads it, expecting exactly one record back."""

    def run(name: str, content: str | bytes, options: IngestOptions | None = None) -> Article | Skipped:
        results = read([write(name, content)], options)
        assert len(results) == 1, results
        return results[0]

    return run


@pytest.fixture
def fake_fetcher() -> type[FakeFetcher]:
    """The `FakeFetcher` class, for tests that serve pages or failures for URLs."""
    return FakeFetcher
