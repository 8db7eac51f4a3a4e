"""Helpers for the ingest tests: files in a folder, a fake fetcher, `read_articles` as a list.

Nothing here touches the network: URL inputs go through `FakeFetcher`, and the default fetcher
fails the test if anything tries to fetch. (A plain module rather than a conftest.py, because the
suite's own tests import names from the top-level `conftest` module and a second one would
shadow it.)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from sitrep.config import IngestOptions
from sitrep.ingest import read_articles
from sitrep.ingest.fetch import Fetched, Fetcher, FetchFailed
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


def read_all(
    targets: Iterable[str | Path],
    options: IngestOptions | None = None,
    *,
    fetcher: Fetcher | None = None,
    stdin: IO[bytes] | None = None,
) -> list[Article | Skipped]:
    """`read_articles` collected into a list, offline unless a fetcher is given."""
    return list(
        read_articles(
            [str(target) for target in targets],
            options or IngestOptions(),
            fetcher=fetcher or NoNetwork(),
            stdin=stdin,
        )
    )


def write_file(folder: Path, name: str, content: str | bytes) -> Path:
    """Writes text (UTF-8, newlines as given) or bytes to `folder/name`; returns the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def read_file(
    folder: Path, name: str, content: str | bytes, options: IngestOptions | None = None
) -> Article | Skipped:
    """Writes one file and reads it, expecting exactly one record back."""
    results = read_all([write_file(folder, name, content)], options)
    assert len(results) == 1, results
    return results[0]
