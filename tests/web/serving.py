"""`sitrep serve` in its own process for the browser tests: the example corpus, a free port, readiness."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

START_SECONDS = 60


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(base: str, process: subprocess.Popen[str], *,
                  headers: dict[str, str] | None = None) -> None:
    """Return once `base`/api/health answers 200; fail with the server's output if it exits first."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise AssertionError(f"sitrep serve exited with {process.returncode}: {output}")
        try:
            if httpx.get(f"{base}/api/health", timeout=2, headers=headers).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"sitrep serve did not answer at {base} within {START_SECONDS} s")


ROOT = Path(__file__).parents[2]
CORPUS = ROOT / "examples"


def ingest_examples(url: str) -> None:
    """Ingest, extract and fuse the example corpus into the database at `url`."""
    from sitrep.cli.extraction import make_extractor
    from sitrep.config import IngestOptions
    from sitrep.pipeline import ingest
    from sitrep.store import open_store

    store = open_store(url)
    try:
        ingest([str(CORPUS)], store, IngestOptions(), extractor=make_extractor(), fuse=True)
    finally:
        store.close()


@contextmanager
def serving(url: str, *options: str, headers: dict[str, str] | None = None) -> Iterator[str]:
    """`sitrep serve --db url OPTIONS...` on a free port while the block runs; its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "sitrep", "serve", "--db", url, "--port", str(port), *options]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process, headers=headers)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_for_day(page: Any, day: str) -> None:
    """Wait until the home page has drawn `day`."""
    page.wait_for_selector(f"body[data-map-ready='true'][data-map-day='{day}']", timeout=15_000)
