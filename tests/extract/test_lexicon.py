"""The lexicon: English words read from data/lang/en/*.yaml, checked, and read by every component."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest

from sitrep.errors import ConfigError
from sitrep.extract import attribution, claims, numbers, quotes
from sitrep.extract.lexicon import (
    CalendarWords,
    Hedges,
    NumberWords,
    PlaceCues,
    Reporting,
    language_directory,
    lexicon,
    read_section,
)
from sitrep.extract.timex import lexicon as timex_words
from sitrep.geo import cues


def write(tmp_path: Path, text: str, name: str = "words.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_english_is_read_once_into_typed_sections() -> None:
    english = lexicon("en")
    assert english is lexicon("en")
    assert "say" in english.reporting.verbs and "according" not in english.reporting.verbs
    assert english.numbers.cardinals["twelve"] == 12
    assert english.numbers.vague_counts["a few"] == (2, 5)
    assert english.calendar.months["sept"] == 9
    assert english.calendar.weekdays["sunday"] == 6
    assert english.hedges.hedges["at least"][:2] == ("at least", "no fewer than")
    assert "north" in english.places.compass


def test_every_english_file_is_a_section_file() -> None:
    """A file the lexicon does not read would be words nobody uses (events.yaml is the event rules')."""
    read = {"reporting.yaml", "hedges.yaml", "numbers.yaml", "calendar.yaml", "places.yaml", "claims.yaml"}
    shipped = {path.name for path in language_directory("en").glob("*.yaml")}
    assert read <= shipped


def test_components_read_the_lexicon() -> None:
    english = lexicon("en")
    assert attribution.REPORTING_VERBS is english.reporting.verbs
    assert claims.MEASURE_VERBS is english.claims.measure_verbs
    assert quotes.TITLE_CUES is english.claims.title_cues
    assert cues.SPEECH_VERBS is english.reporting.speaker_forms
    assert english.places.not_places | english.places.compass == cues.NOT_PLACES
    assert frozenset(timex_words.MONTHS) == numbers.MONTHS
    assert numbers.FRACTIONS["third"] == 1 / 3


def test_one_list_of_reporting_verbs_for_the_event_rules() -> None:
    """The event rules take the speaker verbs and the verbs that only relay words ("according to")."""
    reporting = lexicon("en").reporting
    assert reporting.every_verb == reporting.verbs | {"accord", "quote"}


def test_a_missing_file_gives_an_empty_section(tmp_path: Path) -> None:
    assert read_section(Hedges, tmp_path / "hedges.yaml") == Hedges()


def test_an_analyst_adds_a_word_in_yaml(tmp_path: Path) -> None:
    path = write(tmp_path, "verbs: [say, grumble]\nresolvable_pronouns: [he, she]\n")
    section = read_section(Reporting, path)
    assert section.verbs == {"say", "grumble"}
    assert section.speaker_forms == frozenset()


def test_an_unknown_key_names_the_file_and_the_key(tmp_path: Path) -> None:
    path = write(tmp_path, "verbs: [say]\nverb: [tell]\n")
    with pytest.raises(ConfigError, match=r"words\.yaml: unknown key 'verb'"):
        read_section(Reporting, path)


def test_a_word_yaml_reads_as_a_boolean_names_its_place(tmp_path: Path) -> None:
    path = write(tmp_path, "connectors: [of, on]\n")  # YAML 1.1 reads an unquoted "on" as True
    with pytest.raises(ConfigError, match=r"words\.yaml: connectors\[1\] is True, not a word"):
        read_section(PlaceCues, path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cardinals: [one, two]\n", r"cardinals must be a mapping"),
        ("cardinals:\n  one: uno\n", r"cardinals\.one is 'uno', not a int"),
        ("vague_counts:\n  a few: [2]\n", r"vague_counts\.a few is \[2\], not a pair"),
        ("time_units: day\n", r"time_units must be a list"),
    ],
)
def test_a_value_of_the_wrong_shape_names_the_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        read_section(NumberWords, write(tmp_path, text))


def test_mappings_keep_the_file_order(tmp_path: Path) -> None:
    """The date patterns try names in the file's order (longest first among equals)."""
    path = write(tmp_path, "seasons:\n  winter: WI\n  spring: SP\n")
    assert list(read_section(CalendarWords, path).seasons) == ["winter", "spring"]


def test_sections_are_frozen() -> None:
    english = lexicon("en")
    with pytest.raises(AttributeError):
        english.reporting.verbs = frozenset()  # type: ignore[misc]
    with pytest.raises(TypeError):
        english.numbers.cardinals["eleventy"] = 110  # type: ignore[index]


def test_a_language_without_a_directory_is_refused() -> None:
    with pytest.raises(ConfigError, match="no words for the language 'xx'"):
        lexicon("xx")


def test_a_section_may_hold_a_limit(tmp_path: Path) -> None:
    """A component's own section (as the event rules' files) may give a number or a flag beside words."""

    @dataclass(frozen=True, slots=True)
    class Limits:
        FILE: ClassVar[str] = "limits.yaml"
        days: int = 0
        strict: bool = False
        words: frozenset[str] = frozenset()

    assert read_section(Limits, write(tmp_path, "days: 180\nstrict: true\n")) == Limits(180, True)
    with pytest.raises(ConfigError, match=r"days is True, not a int"):
        read_section(Limits, write(tmp_path, "days: yes\n"))
