"""Article ids and outlets."""

from __future__ import annotations

import json
import re

import pytest
from ingest_helpers import read_all, write_file

from sitrep.config import IngestOptions
from sitrep.ingest.draft import Draft
from sitrep.ingest.finish import finish_article
from sitrep.ingest.identity import article_id, normalise_text, outlet_from_url
from sitrep.records import Article

TITLE = "Karvand market reopens"
BODY = "Traders returned to the covered market of Karvand on Thursday after three days of closure."


def test_id_is_sixteen_hex_digits() -> None:
    assert re.fullmatch(r"[0-9a-f]{16}", article_id(BODY))


@pytest.mark.parametrize(
    "variant",
    [
        BODY.upper(),
        "  " + BODY.replace(" ", "   ") + "\n\n",
        BODY.replace(" ", "\n"),
        BODY.replace(" ", "\t "),
        BODY.replace(" ", "\u00a0"),  # no-break spaces fold under NFKC
    ],
)
def test_same_text_with_other_whitespace_or_case_has_the_same_id(variant: str) -> None:
    assert article_id(variant) == article_id(BODY)


def test_different_texts_have_different_ids() -> None:
    assert article_id(BODY) != article_id(BODY.replace("Thursday", "Friday"))
    assert article_id(BODY) != article_id(BODY + " More later.")


def test_leading_title_is_dropped_from_the_hash() -> None:
    assert article_id(f"{TITLE}\n\n{BODY}", TITLE) == article_id(BODY, TITLE) == article_id(BODY)


def test_title_alone_is_not_dropped() -> None:
    assert article_id(TITLE, TITLE) == article_id(TITLE)


def test_normalise_text() -> None:
    assert normalise_text("  Karvand\u00a0 MARKET\n\treopens ") == "karvand market reopens"


def test_text_file_and_json_record_of_one_report_share_an_id(tmp_path) -> None:
    text_file = write_file(tmp_path, "report.txt", f"{TITLE}\n\n{BODY}\n")
    json_file = write_file(tmp_path, "report.json", json.dumps({"title": TITLE, "text": BODY}))
    from_text, from_json = read_all([text_file, json_file])
    assert isinstance(from_text, Article)
    assert isinstance(from_json, Article)
    assert from_text.title == from_json.title == TITLE
    assert from_text.text != from_json.text
    assert from_text.id == from_json.id


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.example.org/a", "example.org"),
        ("http://WWW.Example.ORG:8080/a?b=c", "example.org"),
        ("https://news.example.org/", "news.example.org"),
        ("  https://example.org/x  ", "example.org"),
        ("https://wwwexample.org/", "wwwexample.org"),
        ("not a url", None),
        ("", None),
        (None, None),
    ],
)
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


def _draft(**fields: object) -> Draft:
    return Draft(text=BODY, input="test", format="text", **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "default_source", "expected"),
    [
        (
            {"source": "Valley Post", "url": "https://www.radio.example/a"},
            "Fallback",
            "Valley Post",
        ),
        ({"url": "https://www.radio.example/a"}, "Fallback", "radio.example"),
        ({}, "Fallback", "Fallback"),
        ({"url": "not a url"}, "Fallback", "Fallback"),
        ({}, None, None),
    ],
)
def test_outlet_precedence(fields, default_source, expected) -> None:
    article = finish_article(_draft(**fields), IngestOptions(default_source=default_source))
    assert article.source == expected


def test_default_source_applies_through_read_articles(tmp_path) -> None:
    path = write_file(tmp_path, "report.txt", f"{TITLE}\n{BODY}")
    (article,) = read_all([path], IngestOptions(default_source="Field notes"))
    assert isinstance(article, Article)
    assert article.source == "Field notes"


def test_finish_article_copies_the_draft() -> None:
    article = finish_article(
        _draft(title=TITLE, url="https://radio.example/m", is_summary=True, language="fr"),
        IngestOptions(),
    )
    assert article.id == article_id(BODY, TITLE)
    assert (article.text, article.title, article.input, article.format) == (
        BODY,
        TITLE,
        "test",
        "text",
    )
    assert article.is_summary is True
    assert article.language == "fr"
    assert article.language_detected is False
