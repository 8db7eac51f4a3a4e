"""One bad document never stops a read: each class of hostile input becomes a skip or a safe article."""

from __future__ import annotations

import gzip
import json
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from ingest_helpers import read_all, write_file

from sitrep.config import IngestOptions
from sitrep.ingest import bounds, read
from sitrep.ingest.dates import date_from_url
from sitrep.ingest.identity import outlet_from_url
from sitrep.records import Article, Skipped, SkipReason, TimePrecision

STORY = "The ferry to Gull Cove ran late on Tuesday because of fog over the harbour mouth."


def _only(results: list[Article | Skipped]) -> Article | Skipped:
    assert len(results) == 1, results
    return results[0]


def _json(tmp_path: Path, record: dict[str, object], name: str = "record.json") -> str:
    return write_file(tmp_path, name, json.dumps(record).encode())


@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbf\xff\xfe\xfd broken", b"\xff\xfe\x00\xd8\x41\x00", b"\xff\xfeabc",
    "Gull Cove harbour".encode("utf-16")[:-1], "Gull Cove harbour".encode("utf-32")[:-2],
])
def test_a_byte_order_mark_with_broken_bytes_is_undecodable(tmp_path: Path, data: bytes) -> None:
    skipped = _only(read_all([write_file(tmp_path, "marked.txt", data)], IngestOptions()))
    assert isinstance(skipped, Skipped)
    assert skipped.reason is SkipReason.UNDECODABLE


def test_text_without_letters_is_not_an_article(tmp_path: Path) -> None:
    data = "\U0001f525 12 -- 34 !!".encode("utf-16")
    skipped = _only(read_all([write_file(tmp_path, "marks.txt", data)], IngestOptions()))
    assert isinstance(skipped, Skipped)
    assert skipped.reason is SkipReason.NO_CONTENT
    assert "no letters" in skipped.detail


def test_a_file_name_that_is_not_utf8_is_read_and_named_escaped(tmp_path: Path) -> None:
    path = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.txt"))
    path.write_text(STORY)
    article = _only(read_all([str(tmp_path)], IngestOptions()))
    assert isinstance(article, Article)
    assert article.input.endswith("caf\\xe9.txt")
    article.input.encode("utf-8")


@pytest.mark.parametrize("field", ["text", "title", "source", "url", "language"])
def test_a_lone_surrogate_in_any_field_is_replaced(tmp_path: Path, field: str) -> None:
    record: dict[str, object] = {"text": STORY, "title": "Fog", "source": "Harbor Sentinel",
                                 "url": "https://harbor.example/fog", "language": "en"}
    record[field] = f"{record[field]}\ud800"
    article = _only(read_all([_json(tmp_path, record)], IngestOptions()))
    assert isinstance(article, Article)
    for value in (article.text, article.title, article.source, article.url, article.language):
        (value or "").encode("utf-8")


def test_a_lone_surrogate_in_the_date_is_a_bad_date(tmp_path: Path) -> None:
    skipped = _only(read_all([_json(tmp_path, {"text": STORY, "published": "2021-08-11\ud800"})],
                             IngestOptions()))
    assert isinstance(skipped, Skipped)
    assert skipped.reason is SkipReason.BAD_DATE


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_json_nested_too_deeply_is_invalid_json(tmp_path: Path, name: str) -> None:
    data = b"[" * 50_000 + b"]" * 50_000 + b"\n"
    good = json.dumps({"text": STORY}).encode() + b"\n"
    results = read_all([write_file(tmp_path, name, data + (good if name.endswith("l") else b""))],
                       IngestOptions())
    assert results[0].reason is SkipReason.INVALID_JSON  # type: ignore[union-attr]
    assert "nested too deeply" in results[0].detail  # type: ignore[union-attr]
    assert [type(item).__name__ for item in results[1:]] == (["Article"] if name.endswith("l") else [])


@pytest.mark.parametrize("url", ["http://[::1", "http://[::1]:99999/x", "https://harbor.example:-1/"])
def test_a_malformed_url_is_dropped_and_names_no_outlet(tmp_path: Path, url: str) -> None:
    outlet_from_url(url)  # never raises
    article = _only(read_all([_json(tmp_path, {"text": STORY, "url": url})],
                             IngestOptions(default_source="Fallback")))
    assert isinstance(article, Article)
    assert article.url is None
    assert article.source == "Fallback"


def test_a_feed_entry_with_an_empty_summary_is_skipped_and_the_others_kept(tmp_path: Path) -> None:
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Ridge Bulletin</title>'
            f"<item><guid>a</guid><description>{STORY}</description></item>"
            "<item><guid>b</guid><description>&lt;p&gt;&lt;/p&gt;</description></item>"
            "<item><guid>c</guid><description></description></item></channel></rss>")
    results = read_all([write_file(tmp_path, "feed.rss", feed.encode())], IngestOptions())
    assert [type(item).__name__ for item in results] == ["Article", "Skipped", "Skipped"]
    assert {item.reason for item in results[1:]} == {SkipReason.MISSING_TEXT}  # type: ignore[union-attr]


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "0001-01-01T00:00:00+05:00",
                                       "1899-12-31", "2999-01-01"])
def test_a_placeholder_date_is_unknown_never_stored(tmp_path: Path, published: str) -> None:
    article = _only(read_all([_json(tmp_path, {"text": STORY, "published": published})], IngestOptions()))
    assert isinstance(article, Article)
    assert article.published_at is None
    assert article.published_precision is None


def test_a_placeholder_date_gives_way_to_the_date_in_the_url(tmp_path: Path) -> None:
    record = {"text": STORY, "published": "0001-01-01", "url": "https://harbor.example/2021/08/14/fog"}
    article = _only(read_all([_json(tmp_path, record)], IngestOptions()))
    assert isinstance(article, Article)
    assert (article.published_at, article.published_from) == (date(2021, 8, 14), "url")


@pytest.mark.parametrize(("published", "day", "precision"), [
    ("2024-12", date(2024, 12, 1), TimePrecision.MONTH),
    ("2024", date(2024, 1, 1), TimePrecision.YEAR),
    ("2024-12-05", date(2024, 12, 5), TimePrecision.DAY),
])
def test_reduced_precision_dates_are_kept_with_their_precision(
    tmp_path: Path, published: str, day: date, precision: TimePrecision
) -> None:
    article = _only(read_all([_json(tmp_path, {"text": STORY, "published": published})], IngestOptions()))
    assert isinstance(article, Article)
    assert (article.published_at, article.published_precision, article.published_from) == (
        day, precision, "metadata")


def test_a_text_header_date_of_month_precision(tmp_path: Path) -> None:
    article = _only(read_all([write_file(tmp_path, "note.txt", f"date 2021-08\n{STORY}\n")], IngestOptions()))
    assert isinstance(article, Article)
    assert (article.published_at, article.published_precision, article.published_from) == (
        date(2021, 8, 1), TimePrecision.MONTH, "header")


@pytest.mark.parametrize(("url", "day", "precision"), [
    ("https://a.example/2021/08/14/fog", date(2021, 8, 14), TimePrecision.DAY),
    ("https://a.example/news/2024-12-05/fog", date(2024, 12, 5), TimePrecision.DAY),
    ("https://a.example/a/20241205/b", date(2024, 12, 5), TimePrecision.DAY),
    ("https://a.example/2024/12/fog", date(2024, 12, 1), TimePrecision.MONTH),
    ("https://a.example/2021/13/40/fog", None, None),
    ("https://a.example/9999/12/31/fog", None, None),
    ("https://a.example/id/123456789/fog", None, None),
])
def test_dates_in_urls(url: str, day: date | None, precision: TimePrecision | None) -> None:
    found = date_from_url(url, None)
    assert (found.value if found else None, found.precision if found else None) == (day, precision)


def test_a_url_date_is_never_after_the_fetch() -> None:
    fetched = datetime(2021, 8, 12, tzinfo=UTC)
    assert date_from_url("https://a.example/2021/08/20/fog", fetched) is None
    assert date_from_url("https://a.example/2021/08/14/fog", fetched) is not None


def test_an_undated_text_takes_its_url_date(tmp_path: Path) -> None:
    text = f"url: https://harbor.example/2021/08/14/fog\n{STORY}\n"
    article = _only(read_all([write_file(tmp_path, "note.txt", text)], IngestOptions()))
    assert isinstance(article, Article)
    assert (article.published_at, article.published_from) == (date(2021, 8, 14), "url")


def test_nul_characters_and_long_outlets_are_made_storable(tmp_path: Path) -> None:
    record = {"text": STORY.replace(" ", "\x00 ", 2), "title": "Fog\x00", "source": "S" * 300}
    article = _only(read_all([_json(tmp_path, record)], IngestOptions()))
    assert isinstance(article, Article)
    assert "\x00" not in article.text + (article.title or "")
    assert article.source == "S" * 200


def test_a_gzip_bomb_of_empty_objects_gives_a_bounded_number_of_skips(tmp_path: Path) -> None:
    path = write_file(tmp_path, "braces.jsonl.gz", gzip.compress(b"{}\n" * 100_000))
    results = read_all([path], IngestOptions())
    assert len(results) == bounds.MAX_SKIPS_PER_REASON + 1
    summary = results[-1]
    assert isinstance(summary, Skipped)
    assert summary.input == f"{path} ({100_000 - bounds.MAX_SKIPS_PER_REASON:,} more)"
    assert summary.reason is SkipReason.MISSING_TEXT


def test_a_gzip_bomb_of_newlines_is_cut_off_cheaply(tmp_path: Path) -> None:
    good = json.dumps({"text": STORY}).encode() + b"\n"
    path = write_file(tmp_path, "newlines.jsonl.gz", gzip.compress(good + b"\n" * 30_000_000, 9))
    results = read_all([path], IngestOptions(max_text_bytes=100_000))
    assert [type(item).__name__ for item in results] == ["Article", "Skipped"]
    assert results[1].reason is SkipReason.TOO_LARGE  # type: ignore[union-attr]
    assert "compression bomb" in results[1].detail  # type: ignore[union-attr]


def test_an_ordinary_gzip_archive_is_not_taken_for_a_bomb(tmp_path: Path) -> None:
    lines = b"".join(json.dumps({"text": f"{STORY} Note {n}."}).encode() + b"\n" for n in range(3000))
    results = read_all([write_file(tmp_path, "archive.jsonl.gz", gzip.compress(lines))],
                       IngestOptions(max_text_bytes=1_000))
    assert [type(item).__name__ for item in results] == ["Article"] * 3000


def test_a_symlinked_folder_is_read_and_a_loop_is_reported(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "note.txt").write_text(STORY)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "linked").symlink_to(outside, target_is_directory=True)
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    results = read_all([str(corpus)], IngestOptions())
    assert [(type(item).__name__, item.input) for item in results] == [
        ("Article", str(corpus / "linked" / "note.txt")), ("Skipped", str(corpus / "loop"))]


def test_an_unexpected_reader_failure_is_a_skip_and_the_next_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(text: str, *, input_name: str) -> object:
        if "boom" in input_name:
            raise KeyError("surprise")
        return real(text, input_name=input_name)

    real = read.read_text
    monkeypatch.setattr(read, "read_text", explode)
    write_file(tmp_path, "a-boom.txt", STORY)
    write_file(tmp_path, "b-fine.txt", STORY + " Again.")
    results = read_all([str(tmp_path)], IngestOptions())
    assert [type(item).__name__ for item in results] == ["Skipped", "Article"]
    assert results[0].reason is SkipReason.READER_ERROR  # type: ignore[union-attr]
    assert "KeyError" in results[0].detail  # type: ignore[union-attr]


def test_the_window_ends_two_days_after_today(tmp_path: Path) -> None:
    soon, late = date.today() + timedelta(days=1), date.today() + timedelta(days=5)
    dated = [_only(read_all([_json(tmp_path, {"text": f"{STORY} {day}", "published": str(day)},
                                   f"{day}.json")], IngestOptions())) for day in (soon, late)]
    assert [item.published_at for item in dated] == [soon, None]  # type: ignore[union-attr]
