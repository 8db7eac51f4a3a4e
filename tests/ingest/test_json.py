"""JSON documents and JSON Lines streams: one article per object."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from ingest_helpers import read_all, read_file, write_file

from sitrep.config import RAW_TO_TEXT_FACTOR, IngestOptions
from sitrep.records import Article, Skipped, SkipReason

TEXT_A = "Engineers reopened the river bridge at Karvand on Wednesday, a district official said."
TEXT_B = "The night curfew in the old town of Karvand now starts at ten, the garrison announced."
TEXT_C = "Lorries carrying flour reached the western villages of Ostrava province on Friday."


def record(text: str = TEXT_A, **fields: object) -> dict[str, object]:
    return {"text": text, **fields}


def jsonl(*records: object) -> str:
    return "".join(json.dumps(item) + "\n" for item in records)


def test_single_object_file(tmp_path) -> None:
    content = json.dumps(
        record(
            url="https://valleypost.example/bridge",
            title="Bridge reopens",
            published="2021-08-11",
            source="Valley Post",
            language="en",
        )
    )
    article = read_file(tmp_path, "one.json", content)
    assert isinstance(article, Article)
    assert article.text == TEXT_A
    assert article.url == "https://valleypost.example/bridge"
    assert article.title == "Bridge reopens"
    assert article.published_at == date(2021, 8, 11)
    assert article.source == "Valley Post"
    assert article.language == "en"
    assert article.format == "json"
    assert article.input == str(tmp_path / "one.json")


def test_list_of_objects_numbers_each_input(tmp_path) -> None:
    path = write_file(
        tmp_path, "many.json", json.dumps([record(TEXT_A), record(TEXT_B), record(TEXT_C)])
    )
    results = read_all([path])
    assert [item.input for item in results] == [f"{path}[1]", f"{path}[2]", f"{path}[3]"]
    assert [item.text for item in results if isinstance(item, Article)] == [TEXT_A, TEXT_B, TEXT_C]


def test_outlet_field_is_the_source_when_source_is_missing(tmp_path) -> None:
    article = read_file(tmp_path, "one.json", json.dumps(record(outlet="Lowlands Radio")))
    assert isinstance(article, Article)
    assert article.source == "Lowlands Radio"


def test_source_wins_over_outlet(tmp_path) -> None:
    article = read_file(
        tmp_path, "one.json", json.dumps(record(source="Valley Post", outlet="Other"))
    )
    assert isinstance(article, Article)
    assert article.source == "Valley Post"


def test_text_is_stripped_and_unknown_fields_ignored(tmp_path) -> None:
    article = read_file(
        tmp_path, "one.json", json.dumps(record(f"  {TEXT_A}\n", author="K. Tamar", id=7))
    )
    assert isinstance(article, Article)
    assert article.text == TEXT_A
    assert article.title is None


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2021-08-11", date(2021, 8, 11)),
        (
            "2021-08-11T09:30:00+04:30",
            datetime(2021, 8, 11, 9, 30, tzinfo=timezone(timedelta(hours=4.5))),
        ),
        ("2021-08-11T05:00:00Z", datetime(2021, 8, 11, 5, 0, tzinfo=UTC)),
        ("20210811", date(2021, 8, 11)),
        ("", None),
        (None, None),
    ],
)
def test_published_values(tmp_path, published, expected) -> None:
    article = read_file(tmp_path, "one.json", json.dumps(record(published=published)))
    assert isinstance(article, Article)
    assert article.published_at == expected
    assert type(article.published_at) is type(expected)


def test_published_with_offset_is_timezone_aware(tmp_path) -> None:
    article = read_file(
        tmp_path, "one.json", json.dumps(record(published="2021-08-11T09:30:00+04:30"))
    )
    assert isinstance(article, Article)
    assert isinstance(article.published_at, datetime)
    assert article.published_at.utcoffset() == timedelta(hours=4, minutes=30)
    assert article.published_on == date(2021, 8, 11)


@pytest.mark.parametrize(
    "published", [20210811, ["2021-08-11"], {"day": 11}, "yesterday", "2021-02-30"]
)
def test_unreadable_published_is_bad_date(tmp_path, published) -> None:
    skipped = read_file(tmp_path, "one.json", json.dumps(record(published=published)))
    assert isinstance(skipped, Skipped)
    assert skipped.reason is SkipReason.BAD_DATE
    assert skipped.input == str(tmp_path / "one.json")


@pytest.mark.parametrize(
    "fields", [{}, {"text": ""}, {"text": "   \n "}, {"text": 42}, {"body": TEXT_A}]
)
def test_missing_or_blank_text_is_missing_text(tmp_path, fields) -> None:
    skipped = read_file(tmp_path, "one.json", json.dumps({"title": "Nothing", **fields}))
    assert isinstance(skipped, Skipped)
    assert skipped.reason is SkipReason.MISSING_TEXT
    assert "'text'" in skipped.detail


def test_bad_record_in_a_list_does_not_stop_the_others(tmp_path) -> None:
    path = write_file(
        tmp_path,
        "many.json",
        json.dumps([record(TEXT_A), {"title": "no text"}, "oops", record(TEXT_B)]),
    )
    results = read_all([path])
    assert [(type(item).__name__, item.input) for item in results] == [
        ("Article", f"{path}[1]"),
        ("Skipped", f"{path}[2]"),
        ("Skipped", f"{path}[3]"),
        ("Article", f"{path}[4]"),
    ]
    assert [item.reason for item in results if isinstance(item, Skipped)] == [
        SkipReason.MISSING_TEXT,
        SkipReason.INVALID_JSON,
    ]


def test_invalid_json_file(tmp_path) -> None:
    skipped = read_file(tmp_path, "broken.json", '{"text": "Karvand", "title": ')
    assert isinstance(skipped, Skipped)
    assert skipped.reason is SkipReason.INVALID_JSON
    assert skipped.input == str(tmp_path / "broken.json")
    assert skipped.detail.startswith(str(tmp_path / "broken.json"))


def test_json_scalar_is_invalid_json(tmp_path) -> None:
    skipped = read_file(tmp_path, "number.json", "42")
    assert isinstance(skipped, Skipped)
    assert skipped.reason is SkipReason.INVALID_JSON
    assert "int" in skipped.detail


# JSON Lines


def test_json_lines_one_article_per_line(tmp_path) -> None:
    path = write_file(
        tmp_path, "feed.jsonl", jsonl(record(TEXT_A, title="A"), record(TEXT_B), record(TEXT_C))
    )
    results = read_all([path])
    assert all(isinstance(item, Article) for item in results)
    assert [item.text for item in results] == [TEXT_A, TEXT_B, TEXT_C]
    assert [item.input for item in results] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert {item.format for item in results} == {"json"}


def test_invalid_line_is_skipped_and_the_others_kept_in_order(tmp_path) -> None:
    content = (
        json.dumps(record(TEXT_A)) + "\n{not json at all\n" + json.dumps(record(TEXT_B)) + "\n"
    )
    path = write_file(tmp_path, "feed.jsonl", content)
    results = read_all([path])
    assert [item.input for item in results] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert isinstance(results[0], Article)
    assert results[0].text == TEXT_A
    assert isinstance(results[1], Skipped)
    assert results[1].reason is SkipReason.INVALID_JSON
    assert results[1].detail.startswith(f"{path}:2: ")
    assert isinstance(results[2], Article)
    assert results[2].text == TEXT_B


def test_blank_lines_are_ignored_but_counted(tmp_path) -> None:
    path = write_file(
        tmp_path,
        "feed.jsonl",
        "\n" + json.dumps(record(TEXT_A)) + "\n   \n\n" + json.dumps(record(TEXT_B)),
    )
    results = read_all([path])
    assert [item.text for item in results if isinstance(item, Article)] == [TEXT_A, TEXT_B]
    assert [item.input for item in results] == [f"{path}:2", f"{path}:5"]


@pytest.mark.parametrize("line", ["[1, 2]", '"a string"', "null", "3.5"])
def test_non_object_line_is_invalid_json(tmp_path, line) -> None:
    path = write_file(
        tmp_path, "feed.jsonl", jsonl(record(TEXT_A)) + line + "\n" + jsonl(record(TEXT_B))
    )
    results = read_all([path])
    assert [type(item).__name__ for item in results] == ["Article", "Skipped", "Article"]
    assert results[1].input == f"{path}:2"
    assert results[1].reason is SkipReason.INVALID_JSON
    assert "expected an object" in results[1].detail


def test_line_over_the_raw_limit_is_too_large_and_the_next_line_is_read(tmp_path) -> None:
    options = IngestOptions(max_text_bytes=100)
    limit = 100 * RAW_TO_TEXT_FACTOR
    assert options.max_raw_bytes == limit
    long_line = json.dumps(record("x" * (limit + 50)))
    path = write_file(
        tmp_path,
        "feed.jsonl",
        jsonl(record(TEXT_A[:90])) + long_line + "\n" + jsonl(record(TEXT_B[:90])),
    )
    results = read_all([path], options)
    assert [item.input for item in results] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert [type(item).__name__ for item in results] == ["Article", "Skipped", "Article"]
    assert results[1].reason is SkipReason.TOO_LARGE
    assert results[2].text == TEXT_B[:90]


def test_line_within_raw_limit_but_text_over_max_text_bytes_is_too_large(tmp_path) -> None:
    options = IngestOptions(max_text_bytes=100)
    path = write_file(tmp_path, "feed.jsonl", jsonl(record("y" * 101), record(TEXT_A[:90])))
    results = read_all([path], options)
    assert [type(item).__name__ for item in results] == ["Skipped", "Article"]
    assert results[0].reason is SkipReason.TOO_LARGE
    assert results[0].input == f"{path}:1"
    assert "101" in results[0].detail


def test_undecodable_line_is_skipped_and_the_others_kept(tmp_path) -> None:
    rng = random.Random(1)
    garbage = bytes(rng.randrange(0x80, 0x100) for _ in range(200))
    content = (
        jsonl(record(TEXT_A)).encode()
        + b'{"text": "'
        + garbage
        + b'"}\n'
        + jsonl(record(TEXT_B)).encode()
    )
    path = write_file(tmp_path, "feed.jsonl", content)
    results = read_all([path])
    assert [type(item).__name__ for item in results] == ["Article", "Skipped", "Article"]
    assert results[1].input == f"{path}:2"
    assert results[1].reason is SkipReason.UNDECODABLE


def test_json_lines_sniffed_without_extension(tmp_path) -> None:
    path = write_file(tmp_path, "export.dat", jsonl(record(TEXT_A), record(TEXT_B)))
    results = read_all([path])
    assert [item.input for item in results] == [f"{path}:1", f"{path}:2"]
    assert all(isinstance(item, Article) for item in results)


@pytest.mark.parametrize("suffix", [".ndjson", ".JSONL"])
def test_other_json_lines_extensions(tmp_path, suffix) -> None:
    path = write_file(tmp_path, "feed" + suffix, jsonl(record(TEXT_A)))
    results = read_all([path])
    assert [item.input for item in results] == [f"{path}:1"]


def test_empty_list_is_skipped_as_empty(tmp_path) -> None:
    result = read_file(tmp_path, "nothing.json", "[]")
    assert isinstance(result, Skipped)
    assert result.reason is SkipReason.EMPTY
