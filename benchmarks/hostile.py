"""Ingest a large hostile corpus with the real command and print what it cost.

    python benchmarks/hostile.py [--size 20000] [--seed 11] [--bomb-lines 1000000] [--db URL] [--extract]

Writes the corpus of `tests/hostile/hostile_corpus.py` (bad encodings, lone surrogates, deep
JSON, malformed URLs, placeholder dates, NUL bytes, long outlet names, gzip bombs, symlinked
folders, random bytes and truncations among good articles) into a temporary folder, runs
`sitrep ingest FOLDER --json` (with `--no-extract` unless `--extract`) in a child process, and
prints inputs, read / stored / duplicate / skipped, skips by reason, wall time, CPU time and the
child's peak memory. SQLite in the temporary folder unless `--db` names an empty database.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

from hostile_corpus import write_corpus  # noqa: E402 - the corpus lives beside its test


def main() -> None:
    """Generate, ingest, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--bomb-lines", type=int, default=1_000_000)
    parser.add_argument("--db")
    parser.add_argument("--extract", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "corpus"
        started = time.perf_counter()
        inputs = write_corpus(folder, seed=args.seed, size=args.size, bomb_lines=args.bomb_lines)
        print(f"corpus: {len(inputs):,} inputs written in {time.perf_counter() - started:.1f} s")
        db = args.db or f"sqlite:///{temporary}/hostile.db"
        command = [sys.executable, "-m", "sitrep", "ingest", str(folder), "--db", db, "--json"]
        if not args.extract:
            command.append("--no-extract")
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        stdout, stderr = process.communicate()
        wall = time.perf_counter() - started
        children = os.times()
        print(f"exit {process.returncode}; traceback in stderr: {b'Traceback' in stderr}")
        summary = json.loads(stdout) if process.returncode == 0 else {}
        for key in ("read", "stored", "duplicate", "skipped", "extracted", "fused"):
            print(f"{key:>10}: {summary.get(key, 0):,}")
        print("skipped by reason:", json.dumps(summary.get("skipped_by_reason", {})))
        print(f"wall {wall:.1f} s, CPU {children.children_user + children.children_system:.1f} s, "
              f"peak RSS {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
