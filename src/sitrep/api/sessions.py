"""Browser sessions: a random id in an HttpOnly, SameSite=Strict cookie, known only to this process.

The server keeps a digest of each id, never the id itself, and looks sessions up by that digest, so
how long a look-up takes says nothing about any live id. Sessions end at logout, after
`SESSION_SECONDS`, or when the process stops.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable

COOKIE = "sitrep_session"
SESSION_SECONDS = 12 * 3600
# Live sessions kept at most (each needs the token to open); past this the oldest ends first.
MAX_SESSIONS = 1000


class Sessions:
    """The live sessions of one server: open one, ask whether a cookie holds one, end one."""

    def __init__(self, *, lifetime: float = SESSION_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._lifetime = lifetime
        self._clock = clock
        self._expiry: dict[str, float] = {}
        self._lock = threading.Lock()

    def open(self) -> str:
        """A new session's id, for the cookie."""
        session_id = secrets.token_urlsafe(32)
        with self._lock:
            self._drop_expired()
            while len(self._expiry) >= MAX_SESSIONS:
                oldest = min(self._expiry, key=self._expiry.__getitem__)
                del self._expiry[oldest]
            self._expiry[_digest(session_id)] = self._now() + self._lifetime
        return session_id

    def is_live(self, session_id: str | None) -> bool:
        """Whether `session_id` (a cookie's value, maybe absent) names a session that has not ended."""
        if not session_id:
            return False
        with self._lock:
            expiry = self._expiry.get(_digest(session_id))
        return expiry is not None and expiry > self._now()

    def close(self, session_id: str | None) -> None:
        """End the session (logout); an unknown id is ignored."""
        if session_id:
            with self._lock:
                self._expiry.pop(_digest(session_id), None)

    def _drop_expired(self) -> None:
        now = self._now()
        for key in [key for key, expiry in self._expiry.items() if expiry <= now]:
            del self._expiry[key]

    def _now(self) -> float:
        return self._clock()


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8", "replace")).hexdigest()
