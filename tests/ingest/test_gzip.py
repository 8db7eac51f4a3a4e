"""Gzip-compressed inputs, whole and cut short."""

from __future__ import annotations

import gzip
import json
import random
import zlib

import pytest
from ingest_helpers import read_all, read_file, write_file

from sitrep.records import Article, Skipped, SkipReason

WORDS = (
    "karvand river bridge council convoy shelling market flour curfew school depot garrison "
    "truce district families lorries checkpoint province"
).split()


def reports(count: int, seed: int = 7) -> list[str]:
    """JSON lines of invented reports, varied enough that gzip cannot squeeze them to nothing."""
    rng = random.Random(seed)
    return [
        json.dumps(
            {"title": f"Report {n}", "text": f"Report {n}. " + " ".join(rng.choices(WORDS, k=150))}
        )
        for n in range(1, count + 1)
    ]


def complete_lines_before(data: bytes) -> int:
    """How many whole lines a (possibly truncated) gzip stream holds."""
    return zlib.decompressobj(wbits=31).decompress(data).count(b"\n")


def test_jsonl_gz_is_read_like_jsonl(tmp_path) -> None:
    lines = reports(3)
    path = write_file(tmp_path, "feed.jsonl.gz", gzip.compress("\n".join(lines).encode() + b"\n"))
    results = read_all([path])
    assert [item.input for item in results] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert [item.text for item in results] == [json.loads(line)["text"] for line in lines]


def test_txt_gz(tmp_path) -> None:
    text = "Convoy reaches Karvand\nThe aid convoy reached Karvand before the curfew."
    article = read_file(
        tmp_path, "report.txt.gz", gzip.compress(b"date 2021-08-11\n" + text.encode())
    )
    assert isinstance(article, Article)
    assert article.text == text
    assert article.title == "Convoy reaches Karvand"
    assert article.format == "text"
    assert article.input == str(tmp_path / "report.txt.gz")


@pytest.mark.parametrize("name", ["export.dat", "export", "feed.jsonl"])
def test_gzip_without_gz_extension_is_found_by_its_magic_bytes(tmp_path, name) -> None:
    lines = reports(2)
    path = write_file(tmp_path, name, gzip.compress("\n".join(lines).encode()))
    results = read_all([path])
    assert [item.input for item in results] == [f"{path}:1", f"{path}:2"]
    assert all(isinstance(item, Article) for item in results)


@pytest.mark.parametrize("fraction", [0.05, 0.25, 0.5, 0.9])
def test_truncated_gzip_keeps_every_complete_record_then_one_skip(tmp_path, fraction) -> None:
    lines = reports(400)
    blob = gzip.compress("\n".join(lines).encode() + b"\n")
    cut = blob[: int(len(blob) * fraction)]
    expected = complete_lines_before(cut)
    assert 0 < expected < len(lines)
    path = write_file(tmp_path, "feed.jsonl.gz", cut)

    results = read_all([path])

    articles, last = results[:-1], results[-1]
    assert [item.input for item in articles] == [f"{path}:{n}" for n in range(1, expected + 1)]
    assert [item.text for item in articles] == [
        json.loads(line)["text"] for line in lines[:expected]
    ]
    assert isinstance(last, Skipped)
    assert last.reason is SkipReason.TRUNCATED_GZIP
    assert last.input == str(path)
    assert str(path) in last.detail


def test_gzip_cut_inside_a_whole_document_is_truncated(tmp_path) -> None:
    text = "Karvand\n" + " ".join(reports(20))
    blob = gzip.compress(text.encode())
    skipped = read_file(tmp_path, "report.txt.gz", blob[: len(blob) // 2])
    assert isinstance(skipped, Skipped)
    assert skipped.reason is SkipReason.TRUNCATED_GZIP


def test_gzip_missing_only_its_trailer_is_truncated(tmp_path) -> None:
    lines = reports(2)
    blob = gzip.compress("\n".join(lines).encode() + b"\n")
    path = write_file(tmp_path, "feed.jsonl.gz", blob[:-8])
    results = read_all([path])
    assert [type(item).__name__ for item in results] == ["Article", "Article", "Skipped"]
    assert results[-1].reason is SkipReason.TRUNCATED_GZIP


def test_empty_gzip_is_empty(tmp_path) -> None:
    skipped = read_file(tmp_path, "nothing.txt.gz", gzip.compress(b""))
    assert isinstance(skipped, Skipped)
    assert skipped.reason is SkipReason.EMPTY
