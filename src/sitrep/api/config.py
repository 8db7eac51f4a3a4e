"""What a running server needs to know: its database, its token, whether reads are open."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """Settings of one server process.

    `token` is what writes (and, when `private`, reads) must carry; None refuses every write.
    `assets` is the folder with the dashboard's npm packages; None serves pages without a map.
    """

    db_url: str
    token: str | None = None
    private: bool = False
    assets: Path | None = None
