"""Every skip reason, reached through `read_articles`, with a detail naming the input and a fix."""

from __future__ import annotations

import gzip
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from charset_normalizer import from_bytes
from ingest_helpers import FakeFetcher, read_all, write_file

from sitrep.config import IngestOptions
from sitrep.ingest.fetch import FetchFailed
from sitrep.records import SKIP_FIXES, Skipped, SkipReason

STORY = "Karvand update\nThe district council met in the school hall on Monday evening.\n"
URL = "https://news.example/karvand/closed"


def undecodable_bytes(count: int = 300) -> bytes:
    rng = random.Random(1)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(count))


@dataclass
class Case:
    """One way to reach a skip reason: targets made in tmp_path, options and an expected input."""

    reason: SkipReason
    make: Callable[[Path], str]
    options: IngestOptions = IngestOptions()  # noqa: RUF009 - frozen, so sharing one is safe


def _file(name: str, content: bytes) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        (folder / name).write_bytes(content)
        return str(folder / name)

    return make


def _fifo(folder: Path) -> str:
    if not hasattr(os, "mkfifo"):
        pytest.skip("os.mkfifo is not available on this platform")
    os.mkfifo(folder / "pipe")
    return str(folder / "pipe")


_GZ = gzip.compress(("\n".join(['{"text": "Line of text about Karvand."}'] * 2000)).encode())

CASES = {
    "missing-path": Case(SkipReason.NOT_FOUND, lambda folder: str(folder / "nowhere.txt")),
    "fifo": Case(SkipReason.UNREADABLE, _fifo),
    "zero-bytes": Case(SkipReason.EMPTY, _file("empty.txt", b"")),
    "white-space-only": Case(SkipReason.EMPTY, _file("blank.txt", b" \n\t\r\n  \n")),
    "png": Case(SkipReason.BINARY, _file("picture.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)),
    "pdf": Case(SkipReason.BINARY, _file("report.dat", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")),
    "nul-bytes": Case(SkipReason.BINARY, _file("notes.txt", b"Karvand\x00\x00\x01\x02 report")),
    "undecodable": Case(SkipReason.UNDECODABLE, _file("garbage.txt", undecodable_bytes())),
    "truncated-gzip": Case(SkipReason.TRUNCATED_GZIP, _file("cut.txt.gz", _GZ[: len(_GZ) // 3])),
    "invalid-json": Case(SkipReason.INVALID_JSON, _file("broken.json", b'{"text": ')),
    "missing-text": Case(SkipReason.MISSING_TEXT, _file("record.json", b'{"title": "Karvand"}')),
    "text-too-large": Case(
        SkipReason.TOO_LARGE, _file("long.txt", b"Karvand " * 20), IngestOptions(max_text_bytes=100)
    ),
    "raw-too-large": Case(
        SkipReason.TOO_LARGE,
        _file("huge.txt", b"Karvand " * 200),
        IngestOptions(max_text_bytes=100),
    ),
    "bad-date": Case(
        SkipReason.BAD_DATE, _file("dated.txt", b"date 2021-13-45\n" + STORY.encode())
    ),
    "no-content": Case(SkipReason.NO_CONTENT, _file("page.html", b"<html><body></body></html>")),
    "unreachable": Case(SkipReason.UNREACHABLE, lambda folder: URL),
}


def _read_case(tmp_path: Path, case: Case) -> tuple[str, Skipped]:
    target = case.make(tmp_path)
    fetcher = FakeFetcher({URL: FetchFailed(f"could not reach {URL} (offline?): refused")})
    results = read_all([target], case.options, fetcher=fetcher)
    assert len(results) == 1, results
    assert isinstance(results[0], Skipped)
    return target, results[0]


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_skip_reason_reached_through_read_articles(tmp_path, case: Case) -> None:
    target, skipped = _read_case(tmp_path, case)
    assert skipped.reason is case.reason
    assert skipped.input == target


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_skip_detail_names_the_input_and_fix_is_given(tmp_path, case: Case) -> None:
    target, skipped = _read_case(tmp_path, case)
    assert skipped.detail.strip()
    assert target in skipped.detail
    assert skipped.fix == SKIP_FIXES[case.reason]
    assert skipped.fix.strip()


def test_cases_cover_every_skip_reason() -> None:
    # reader-error needs a reader to fail (test_robust.py); unstorable a database that refuses a row
    # (tests/store/test_refused_rows.py)
    unreachable_from_files = {SkipReason.READER_ERROR, SkipReason.UNSTORABLE}
    assert {case.reason for case in CASES.values()} == set(SkipReason) - unreachable_from_files


def test_every_skip_reason_has_a_fix() -> None:
    assert set(SKIP_FIXES) == set(SkipReason)
    assert all(fix.strip() for fix in SKIP_FIXES.values())


def test_undecodable_fixture_is_rejected_by_charset_normalizer() -> None:
    data = undecodable_bytes()
    guess = from_bytes(data).best()
    assert guess is None or guess.chaos > 0.10


def test_raw_limit_is_checked_before_the_text_limit(tmp_path) -> None:
    options = IngestOptions(max_text_bytes=100)
    results = read_all([write_file(tmp_path, "huge.txt", b"Karvand " * 200)], options)
    assert [item.reason for item in results] == [SkipReason.TOO_LARGE]
    assert "over 1,000 bytes" in results[0].detail


def test_text_exactly_at_the_limit_is_kept(tmp_path) -> None:
    options = IngestOptions(max_text_bytes=100)
    results = read_all([write_file(tmp_path, "fits.txt", "K" * 100)], options)
    assert [type(item).__name__ for item in results] == ["Article"]
    assert len(results[0].text) == 100


def test_text_limit_counts_utf8_bytes_not_characters(tmp_path) -> None:
    options = IngestOptions(max_text_bytes=100)
    results = read_all(
        [write_file(tmp_path, "wide.txt", "é" * 60)], options
    )  # 60 characters, 120 bytes
    assert [item.reason for item in results] == [SkipReason.TOO_LARGE]
    assert "120 bytes" in results[0].detail


def test_one_bad_input_does_not_stop_the_run(tmp_path) -> None:
    good = write_file(tmp_path, "good.txt", STORY)
    results = read_all([tmp_path / "missing.txt", write_file(tmp_path, "empty.txt", ""), good])
    assert [type(item).__name__ for item in results] == ["Skipped", "Skipped", "Article"]
    assert results[-1].input == str(good)
