"""Fetching over the network, kept apart from parsing so every run can be redone from saved bytes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import httpx

USER_AGENT = "sitrep/0.1 (+https://github.com/sitrep; news archiving for conflict research)"


class FetchFailed(Exception):
    """The document at a URL could not be fetched; the message says why."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """The bytes of one fetched document and what the server said about them."""

    url: str
    data: bytes
    content_type: str | None
    fetched_at: datetime


class Fetcher(Protocol):
    """Anything that turns a URL into bytes: the network, or a test double."""

    def fetch(self, url: str) -> Fetched:
        """The document at `url`, or `FetchFailed`."""
        ...


class HttpFetcher:
    """Fetches over HTTP(S) with a timeout and a cap on the size of what it reads."""

    def __init__(self, *, timeout: float, max_bytes: int) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes

    def fetch(self, url: str) -> Fetched:
        """The document at `url`; raises `FetchFailed` with the cause and the fix."""
        try:
            with httpx.Client(
                timeout=self.timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
            ) as client, client.stream("GET", url) as response:
                response.raise_for_status()
                data = self._read_capped(response)
                return Fetched(
                    url=str(response.url),
                    data=data,
                    content_type=response.headers.get("content-type"),
                    fetched_at=datetime.now(UTC),
                )
        except httpx.TimeoutException:
            raise FetchFailed(f"no answer from {url} within {self.timeout:g} s") from None
        except httpx.HTTPStatusError as error:
            raise FetchFailed(f"{url} answered HTTP {error.response.status_code}") from None
        except httpx.HTTPError as error:
            raise FetchFailed(f"could not reach {url} (offline?): {error}") from None

    def _read_capped(self, response: httpx.Response) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchFailed(f"{response.url} is larger than {self.max_bytes:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)
