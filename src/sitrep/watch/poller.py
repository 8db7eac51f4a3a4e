"""Polite HTTP polling: conditional GET, a timeout, a size cap, a per-host pace and error backoff."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from sitrep.ingest.fetch import USER_AGENT

# HTTP statuses that mean "the body is new": anything else 2xx is treated like 200.
NOT_MODIFIED = 304


@dataclass(frozen=True, slots=True)
class PollPolicy:
    """How politely to poll: request timeout, seconds between two requests to one host, backoff cap."""

    timeout: float = 20.0
    host_interval: float = 1.0
    backoff_cap: float = 3600.0
    max_bytes: int = 20_000_000


@dataclass(frozen=True, slots=True)
class PollResponse:
    """What one conditional GET gave: a status (None when no answer), the body, the validators."""

    url: str
    status: int | None
    fetched_at: datetime
    data: bytes | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True for a fresh body (2xx) or an unchanged one (304)."""
        return self.status is not None and (200 <= self.status < 300 or self.status == NOT_MODIFIED)


def backoff_delay(interval: float, errors: int, cap: float) -> float:
    """Seconds to wait after `errors` failures in a row: the interval doubled per failure, capped."""
    if errors <= 0:
        return interval
    return min(cap, interval * 2.0 ** min(errors, 32))


class HostPace:
    """Remembers when each host was last asked, so that no host is asked more often than allowed."""

    def __init__(self, interval: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = interval
        self.clock = clock
        self.last: dict[str, float] = {}

    def wait_for(self, url: str) -> float:
        """Seconds to wait before the host of `url` may be asked again (0: now)."""
        last = self.last.get(host_of(url))
        return 0.0 if last is None else max(0.0, last + self.interval - self.clock())

    def mark(self, url: str) -> None:
        """Note that the host of `url` was asked just now."""
        self.last[host_of(url)] = self.clock()


def host_of(url: str) -> str:
    """The host and port of `url`, lower case."""
    return urlsplit(url).netloc.lower()


class HttpPoller:
    """Conditional GETs over one connection pool; never raises for network or HTTP trouble."""

    def __init__(self, policy: PollPolicy, *, client: httpx.Client | None = None) -> None:
        self.policy = policy
        self.client = client or httpx.Client(timeout=policy.timeout, follow_redirects=True,
                                             headers={"User-Agent": USER_AGENT})

    def get(self, url: str, *, etag: str | None, last_modified: str | None) -> PollResponse:
        """The answer to a GET of `url` carrying the validators of the last poll."""
        headers = {"If-None-Match": etag} if etag else {}
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        now = datetime.now(UTC)
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                return self._answer(url, response, now)
        except httpx.TimeoutException:
            problem = f"no answer from {url} within {self.policy.timeout:g} s"
            return PollResponse(url, None, now, error=problem)
        except httpx.HTTPError as error:
            return PollResponse(url, None, now, error=f"could not reach {url}: {error}")

    def _answer(self, url: str, response: httpx.Response, now: datetime) -> PollResponse:
        status = response.status_code
        if status == NOT_MODIFIED or status >= 300:
            error = None if status == NOT_MODIFIED else f"{url} answered HTTP {status}"
            return PollResponse(url, status, now, error=error)
        data = self._read_capped(response)
        if data is None:
            problem = f"{url} is larger than {self.policy.max_bytes:,} bytes"
            return PollResponse(url, status, now, error=problem)
        return PollResponse(url, status, now, data=data, etag=response.headers.get("etag"),
                            last_modified=response.headers.get("last-modified"),
                            content_type=response.headers.get("content-type"))

    def _read_capped(self, response: httpx.Response) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.policy.max_bytes:
                return None
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()
