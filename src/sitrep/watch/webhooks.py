"""Webhooks: POST each new change (JSON) to the configured URLs, signed, retried with backoff.

Delivery is at least once: the ids already sent are saved after each delivery round, so a watcher
killed in between sends those again and receivers should ignore an `id` they have seen.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import httpx

from sitrep.config import default_value
from sitrep.ingest.fetch import USER_AGENT
from sitrep.store import Store
from sitrep.watch.changes import Change, recent_changes
from sitrep.watch.state import write_atomically

SIGNATURE_HEADER = "X-Sitrep-Signature"
SEEN_FILE = ".webhook-seen.json"
ATTEMPTS = 4
FIRST_RETRY = 1.0
# Changes looked at after each poll that stored something: far more than one poll brings.
WINDOW = 500


def sign(body: bytes, secret: str) -> str:
    """The signature header's value: `sha256=` and the HMAC-SHA256 of `body` under `secret`."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def configured_urls() -> list[str]:
    """The URLs of the `webhooks` setting."""
    return [url.strip() for url in default_value("webhooks").split(",") if url.strip()]


class Notifier:
    """Sends the changes that appeared since the last round to every webhook URL."""

    def __init__(self, urls: Sequence[str], secret: str, folder: Path, *,
                 client: httpx.Client | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        self.urls = list(urls)
        self.secret = secret
        self.seen_file = folder / SEEN_FILE
        self.client = client or httpx.Client(timeout=10.0, headers={"User-Agent": USER_AGENT})
        self.sleep = sleep
        self.seen: set[str] | None = self._load_seen()

    def prime(self, store: Store) -> None:
        """On a first run, take what is stored already as seen (followers want news, not history)."""
        if self.seen is None:
            self._remember(recent_changes(store, None, limit=WINDOW))

    def notify(self, store: Store) -> list[Change]:
        """POST the changes not seen before, oldest first; returns them."""
        changes = recent_changes(store, None, limit=WINDOW)
        seen = self.seen or set()
        fresh = [change for change in reversed(changes) if change.change_id not in seen]
        for change in fresh:
            for url in self.urls:
                self.deliver(url, change)
        self._remember(changes)
        return fresh

    def _remember(self, changes: Sequence[Change]) -> None:
        self.seen = (self.seen or set()) | {change.change_id for change in changes}
        write_atomically(self.seen_file, json.dumps(sorted(self.seen)).encode("utf-8"))

    def deliver(self, url: str, change: Change) -> bool:
        """POST `change` to `url`, retrying errors and 5xx with doubling waits; True once accepted."""
        body = json.dumps(change.as_dict()).encode("utf-8")
        headers = {"Content-Type": "application/json", "X-Sitrep-Event": change.kind}
        if self.secret:
            headers[SIGNATURE_HEADER] = sign(body, self.secret)
        for attempt in range(ATTEMPTS):
            if attempt:
                self.sleep(FIRST_RETRY * 2 ** (attempt - 1))
            try:
                status = self.client.post(url, content=body, headers=headers).status_code
            except httpx.HTTPError:
                continue
            if status < 500:
                return status < 400
        return False

    def _load_seen(self) -> set[str] | None:
        try:
            return set(json.loads(self.seen_file.read_text("utf-8")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return set()

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()
