"""The words of a language, read once from `sitrep/data/lang/<code>/*.yaml` into typed sections.

    lexicon("en").reporting.verbs    -> frozenset of lemmas ("say", "tell", ...)
    lexicon("en").numbers.cardinals  -> {"zero": 0, "one": 1, ...}

Each section is a frozen dataclass read from one file of the language's directory (`Reporting`
from reporting.yaml, `NumberWords` from numbers.yaml, ...). A field's type says what its YAML key
holds: `frozenset[str]` and `tuple[str, ...]` a list of words (the tuple keeps the file's order);
`int`, `float`, `str` or `bool` one value (a limit, a flag); `Mapping[str, int]` (or float, str) a
"word: value" mapping; `Mapping[str, tuple[str, ...]]` a mapping of word lists;
`Mapping[str, tuple[int, int]]` a mapping of [low, high] pairs. A missing file or key gives an empty
field, so a language fills in what it has; an unknown key or a value of the wrong shape fails with
the file, the key and the fix. Python holds the mechanisms that read these words; an analyst adds a
word by editing the YAML (docs/languages.md).
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, TypeVar, get_type_hints

import yaml

from sitrep.errors import ConfigError

ENGLISH = "en"
EMPTY: Mapping[str, Any] = types.MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Reporting:
    """Verbs that introduce someone's words, and the pronouns a speaker may be."""

    FILE: ClassVar[str] = "reporting.yaml"
    verbs: frozenset[str] = frozenset()
    relaying_verbs: frozenset[str] = frozenset()
    speaker_forms: frozenset[str] = frozenset()
    resolvable_pronouns: frozenset[str] = frozenset()
    unresolvable_pronouns: frozenset[str] = frozenset()

    @property
    def every_verb(self) -> frozenset[str]:
        """Every lemma that reports words rather than an event: what a reporting verb governs is
        reported, and a place or time attached to the verb belongs to the report, not the event."""
        return self.verbs | self.relaying_verbs


@dataclass(frozen=True, slots=True)
class Hedges:
    """Words before a figure that qualify it ("more than 40"), and how a percentage is written."""

    FILE: ClassVar[str] = "hedges.yaml"
    hedges: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: EMPTY)
    range_words: frozenset[str] = frozenset()
    percent_words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NumberWords:
    """Written-out numbers, currencies, and the nouns that show a number counts nothing."""

    FILE: ClassVar[str] = "numbers.yaml"
    cardinals: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    tens: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    decades: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    scales: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    scale_suffixes: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    fractions: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    vague: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    vague_counts: Mapping[str, tuple[int, int]] = field(default_factory=lambda: EMPTY)
    ordinals: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    uncounted_ordinals: frozenset[str] = frozenset()
    currency_symbols: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    currency_words: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    currency_codes: tuple[str, ...] = ()
    time_units: frozenset[str] = frozenset()
    position_nouns: frozenset[str] = frozenset()
    directions: frozenset[str] = frozenset()
    clock_words: frozenset[str] = frozenset()
    eras: frozenset[str] = frozenset()
    year_prepositions: frozenset[str] = frozenset()
    age_words: frozenset[str] = frozenset()
    street_words: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class CalendarWords:
    """Month, weekday and season names, time units, and the words around a time expression."""

    FILE: ClassVar[str] = "calendar.yaml"
    months: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    weekdays: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    seasons: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    units: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    period_ordinals: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    year_phrases: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    bare_day_parts: frozenset[str] = frozenset()
    phrase_starts: frozenset[str] = frozenset()
    leading_modifiers: frozenset[str] = frozenset()
    future_auxiliaries: frozenset[str] = frozenset()
    planning_lemmas: frozenset[str] = frozenset()
    clock_markers: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class PlaceCues:
    """Words around a name that say whether it is a place, a person or part of a longer name."""

    FILE: ClassVar[str] = "places.yaml"
    admin1_words: frozenset[str] = frozenset()
    admin2_words: frozenset[str] = frozenset()
    town_words: frozenset[str] = frozenset()
    list_area_words: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    compass: frozenset[str] = frozenset()
    locative: frozenset[str] = frozenset()
    approximate: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    not_places: frozenset[str] = frozenset()
    name_openers: frozenset[str] = frozenset()
    local_bodies: frozenset[str] = frozenset()
    governing_bodies: frozenset[str] = frozenset()
    party_letters: frozenset[str] = frozenset()
    arabic_articles: frozenset[str] = frozenset()
    connectors: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ClaimWords:
    """Words around a figure that say what it counts, or that it counts nothing."""

    FILE: ClassVar[str] = "claims.yaml"
    subject_noise: frozenset[str] = frozenset()
    measure_verbs: frozenset[str] = frozenset()
    generic_nouns: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    title_cues: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class GroupWords:
    """Words that tie a generic description of fighters to the group they belong to, and verbs whose
    subject does the event their object names ("launched an attack")."""

    FILE: ClassVar[str] = "groups.yaml"
    member_prepositions: frozenset[str] = frozenset()
    member_participles: frozenset[str] = frozenset()
    member_adjectives: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    performing_verbs: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every section of one language's words."""

    code: str
    reporting: Reporting
    hedges: Hedges
    numbers: NumberWords
    calendar: CalendarWords
    places: PlaceCues
    claims: ClaimWords
    groups: GroupWords


Section = TypeVar("Section")
# Field types read as one value (a limit, a flag) rather than words.
SCALARS: dict[str, type] = {"int": int, "float": float, "str": str, "bool": bool}
SECTIONS: tuple[type[Any], ...] = (Reporting, Hedges, NumberWords, CalendarWords, PlaceCues, ClaimWords,
                                   GroupWords)


@lru_cache(maxsize=8)
def lexicon(code: str = ENGLISH) -> Lexicon:
    """The words of language `code`, read and checked once."""
    directory = language_directory(code)
    if not directory.is_dir():
        raise ConfigError(f"no words for the language {code!r} ({directory} does not exist)",
                          fix=f"create {directory} with the files docs/languages.md lists")
    return Lexicon(code, *(read_section(section, directory / section.FILE) for section in SECTIONS))


def language_directory(code: str) -> Path:
    """Where the words of language `code` live (`sitrep/data/lang/<code>/`)."""
    return Path(str(resources.files("sitrep.data") / "lang" / code))


def read_section(section: type[Section], path: Path) -> Section:
    """The section `section` read from `path` (every field empty when the file does not exist)."""
    if not path.is_file():
        return section()
    with path.open(encoding="utf-8") as handle:
        try:
            raw = yaml.safe_load(handle) or {}
        except yaml.YAMLError as error:
            raise ConfigError(f"{path}: not valid YAML ({error})", fix="correct the file's layout") from error
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: the file must be a mapping of keys to words",
                          fix="write one 'key: [word, ...]' line per key")
    hints = get_type_hints(section)
    names = [field.name for field in dataclasses.fields(section)]  # type: ignore[arg-type]
    unknown = sorted(str(key) for key in raw if key not in names)
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r}", fix=f"use one of {', '.join(names)}")
    values = {name: _convert(raw[name], hints[name], f"{path}: {name}") for name in names if name in raw}
    return section(**values)


def _convert(value: Any, kind: Any, where: str) -> Any:
    """`value` checked against the field type `kind` and frozen."""
    text = kind.__name__ if isinstance(kind, type) else str(kind)
    if text in SCALARS:
        return _value(text, value, where)
    if text == "frozenset[str]":
        return frozenset(_words(value, where))
    if text == "tuple[str, ...]":
        return tuple(_words(value, where))
    item = text.removeprefix("collections.abc.Mapping[str, ").removesuffix("]")
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a mapping", fix="write one 'word: value' line per entry")
    converted = {_word(key, f"{where} (key {key!r})"): _value(item, found, f"{where}.{key}")
                 for key, found in value.items()}
    return types.MappingProxyType(converted)


def _value(item: str, value: Any, where: str) -> Any:
    """One value of a mapping, of the type named `item`."""
    if item in SCALARS:
        wanted = SCALARS[item]
        if not isinstance(value, wanted) or (isinstance(value, bool) and wanted is not bool):
            raise ConfigError(f"{where} is {value!r}, not a {item}", fix=f"give a {item} (quote words)")
        return value
    if item == "tuple[str, ...]":
        return tuple(_words(value, where))
    if item == "tuple[int, int]":
        if not (isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)):
            raise ConfigError(f"{where} is {value!r}, not a pair of numbers", fix="write [fewest, most]")
        return value[0], value[1]
    raise TypeError(f"no reader for the field type {item}")  # a mistake in this module, not in the YAML


def _words(value: Any, where: str) -> list[str]:
    """A list of words, each a non-empty string."""
    if not isinstance(value, list):
        raise ConfigError(f"{where} must be a list", fix="write [word, word] or one '- word' line each")
    return [_word(word, f"{where}[{index}]") for index, word in enumerate(value)]


def _word(word: Any, where: str) -> str:
    if not isinstance(word, str) or not word:
        raise ConfigError(f"{where} is {word!r}, not a word",
                          fix="quote it (YAML reads on, off, yes, no and numbers as other types)")
    return word
