"""Language: declared tags normalised, otherwise detected from the text."""

from __future__ import annotations

import json

import pytest
from ingest_helpers import read_all, write_file

from sitrep.config import IngestOptions
from sitrep.ingest.language import MIN_LETTERS, detect_language, normalise_language_tag
from sitrep.records import Article

FRENCH = (
    "Les habitants de Karvand ont passé la nuit dans les caves de l'ancienne école. "
    "Selon le conseil provincial, quatre maisons ont été détruites près du dépôt de grains. "
    "Les familles attendent toujours l'arrivée du convoi d'aide promis la semaine dernière."
)
ENGLISH = (
    "Residents of Karvand spent the night in the cellars of the old school. "
    "According to the provincial council, four houses were destroyed near the grain depot. "
    "Families are still waiting for the aid convoy that was promised last week."
)


@pytest.mark.parametrize(("text", "code"), [(FRENCH, "fr"), (ENGLISH, "en")])
def test_language_is_detected_from_the_text(tmp_path, text: str, code: str) -> None:
    (article,) = read_all([write_file(tmp_path, "story.json", json.dumps({"text": text}))])
    assert isinstance(article, Article)
    assert article.language == code
    assert article.language_detected is True


def test_declared_language_is_normalised_and_not_detected(tmp_path) -> None:
    (article,) = read_all(
        [write_file(tmp_path, "story.json", json.dumps({"text": FRENCH, "language": "en-GB"}))]
    )
    assert isinstance(article, Article)
    assert article.language == "en"
    assert article.language_detected is False


def test_very_short_text_has_no_language(tmp_path) -> None:
    short = "Karvand fell at dawn, fighters say."
    assert sum(char.isalpha() for char in short) < MIN_LETTERS
    (article,) = read_all([write_file(tmp_path, "story.json", json.dumps({"text": short}))])
    assert isinstance(article, Article)
    assert article.language is None
    assert article.language_detected is False


def test_unusable_declared_tag_falls_back_to_detection(tmp_path) -> None:
    (article,) = read_all(
        [write_file(tmp_path, "story.json", json.dumps({"text": FRENCH, "language": "French!"}))]
    )
    assert isinstance(article, Article)
    assert article.language == "fr"
    assert article.language_detected is True


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("en-GB", "en"),
        ("FR", "fr"),
        ("pt_BR", "pt"),
        (" de ", "de"),
        ("", None),
        (None, None),
        ("english", None),
        ("e", None),
        ("fas", "fa"),
        ("eng", "en"),
    ],
)
def test_normalise_language_tag(tag: str | None, code: str | None) -> None:
    assert normalise_language_tag(tag) == code


def test_detection_is_limited_to_the_configured_languages() -> None:
    assert detect_language(FRENCH, ("en", "de")) in {"en", "de"}
    assert detect_language(FRENCH, ("fr",)) == "fr"


def test_detection_among_all_languages() -> None:
    assert detect_language(FRENCH, ()) == "fr"


def test_languages_option_reaches_the_detector(tmp_path) -> None:
    options = IngestOptions(languages=("en", "de"))
    (article,) = read_all(
        [write_file(tmp_path, "story.json", json.dumps({"text": FRENCH}))], options
    )
    assert isinstance(article, Article)
    assert article.language in {"en", "de"}
