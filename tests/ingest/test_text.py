"""Plain-text reader: header lines, title from the first line, dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from ingest_helpers import read_file

from sitrep.ingest.text import read_text
from sitrep.records import Article, Skipped, SkipReason

BODY = (
    "Fighting near Karvand\n"
    "\n"
    "Fighters from the hill villages entered the outskirts of Karvand on Tuesday night, "
    "residents said. The district office closed its doors in the morning."
)


def test_first_non_empty_line_is_the_title(tmp_path) -> None:
    article = read_file(tmp_path, "report.txt", "\n\n   \n" + BODY)
    assert isinstance(article, Article)
    assert article.title == "Fighting near Karvand"
    assert article.text == BODY
    assert article.format == "text"


def test_date_header_sets_published_day(tmp_path) -> None:
    article = read_file(tmp_path, "report.txt", "date 2021-08-11\n\n" + BODY)
    assert isinstance(article, Article)
    assert article.published_at == date(2021, 8, 11)
    assert type(article.published_at) is date
    assert article.title == "Fighting near Karvand"
    assert article.text == BODY


def test_date_header_with_text_on_the_same_line_starts_the_body(tmp_path) -> None:
    article = read_file(
        tmp_path,
        "report.txt",
        "date 2021-08-11 Shops in Karvand stayed shut on Wednesday.\nThe market may open soon.",
    )
    assert isinstance(article, Article)
    assert article.published_at == date(2021, 8, 11)
    assert article.title == "Shops in Karvand stayed shut on Wednesday."
    assert article.text == "Shops in Karvand stayed shut on Wednesday.\nThe market may open soon."


@pytest.mark.parametrize("header", ["date: 2021-08-11", "Date 2021-08-11", "  DATE   2021-08-11"])
def test_date_header_spellings(header: str) -> None:
    draft = read_text(f"{header}\n{BODY}", input_name="r.txt")
    assert draft.published_at == date(2021, 8, 11)
    assert draft.title == "Fighting near Karvand"


def test_date_header_with_time_and_offset_gives_aware_datetime() -> None:
    draft = read_text(f"date 2021-08-11T09:30:00+04:30\n{BODY}", input_name="r.txt")
    assert draft.published_at == datetime(2021, 8, 11, 9, 30, tzinfo=timezone(timedelta(hours=4.5)))
    assert draft.published_at == datetime(2021, 8, 11, 5, 0, tzinfo=UTC)


def test_field_headers_are_read_and_removed_from_the_text(tmp_path) -> None:
    content = (
        "source: Valley Post\n"
        "url: https://valleypost.example/karvand/fighting\n"
        "title: Clashes on the edge of Karvand\n"
        "language: en-GB\n"
        "date 2021-08-11\n"
        "\n" + BODY
    )
    article = read_file(tmp_path, "report.txt", content)
    assert isinstance(article, Article)
    assert article.source == "Valley Post"
    assert article.url == "https://valleypost.example/karvand/fighting"
    assert article.title == "Clashes on the edge of Karvand"
    assert article.language == "en"
    assert article.language_detected is False
    assert article.published_at == date(2021, 8, 11)
    assert article.text == BODY


def test_outlet_header_is_the_source() -> None:
    draft = read_text(f"Outlet: Lowlands Radio\n{BODY}", input_name="r.txt")
    assert draft.source == "Lowlands Radio"


def test_no_date_header_means_unknown_date_not_today(tmp_path) -> None:
    article = read_file(tmp_path, "report.txt", BODY)
    assert isinstance(article, Article)
    assert article.published_at is None
    assert article.published_on is None


def test_impossible_date_is_skipped_as_bad_date(tmp_path) -> None:
    skipped = read_file(tmp_path, "report.txt", "date 2021-13-45\n" + BODY)
    assert isinstance(skipped, Skipped)
    assert skipped.reason is SkipReason.BAD_DATE
    assert skipped.input == str(tmp_path / "report.txt")
    assert "2021-13-45" in skipped.detail


def test_line_starting_with_the_word_date_is_not_a_header(tmp_path) -> None:
    text = "Date palms along the Karvand road were burned.\nFarmers blamed both sides."
    article = read_file(tmp_path, "report.txt", text)
    assert isinstance(article, Article)
    assert article.published_at is None
    assert article.title == "Date palms along the Karvand road were burned."
    assert article.text == text


def test_headers_without_text_are_skipped_as_empty(tmp_path) -> None:
    skipped = read_file(
        tmp_path, "report.txt", "title: Nothing here\nsource: Valley Post\ndate 2021-08-11\n\n"
    )
    assert isinstance(skipped, Skipped)
    assert skipped.reason is SkipReason.EMPTY
    assert "report.txt" in skipped.detail


def test_crlf_line_endings(tmp_path) -> None:
    content = (
        "date 2021-08-11\r\nsource: Valley Post\r\n\r\nKarvand quiet\r\nNo shots were heard.\r\n"
    )
    article = read_file(tmp_path, "report.txt", content.encode("utf-8"))
    assert isinstance(article, Article)
    assert article.published_at == date(2021, 8, 11)
    assert article.source == "Valley Post"
    assert article.title == "Karvand quiet"
    assert article.text == "Karvand quiet\nNo shots were heard."
    assert "\r" not in article.text


def test_markdown_file_is_read_as_text(tmp_path) -> None:
    article = read_file(tmp_path, "notes.md", BODY)
    assert isinstance(article, Article)
    assert article.format == "text"
    assert article.title == "Fighting near Karvand"


def test_legacy_encoded_file_is_decoded(tmp_path) -> None:
    text = (
        "Flüchtlinge aus Karvand\n"
        "Die Flüchtlinge aus Karvand erreichten am Mittwoch die Grenzstadt. Nach Angaben der "
        "Behörden wurden sie in einer Schule untergebracht, während die Kämpfe weitergingen."
    )
    article = read_file(tmp_path, "bericht.txt", text.encode("latin-1"))
    assert isinstance(article, Article)
    assert article.text == text
    assert article.title == "Flüchtlinge aus Karvand"


def test_short_french_latin1_file_is_decoded_as_a_western_encoding(tmp_path) -> None:
    text = "Réfugiés à Karvand\nLes habitants ont fui vers le sud après les combats."
    article = read_file(tmp_path, "depeche.txt", text.encode("latin-1"))
    assert isinstance(article, Article)
    assert article.text == text


def test_date_header_with_a_trailing_full_stop() -> None:
    draft = read_text("date 2021-08-11.\n\nHeadline\nBody line.", input_name="x.txt")
    assert draft.published_at == date(2021, 8, 11)
