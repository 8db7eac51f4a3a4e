"""Language identification with lingua, whose models ship inside its wheel."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from lingua import IsoCode639_1, IsoCode639_3, Language, LanguageDetectorBuilder

from sitrep.errors import ConfigError

# Shorter texts (a headline) are too often misread: "Taliban seize Faizabad" looks Tagalog.
MIN_LETTERS = 40
# A few sentences decide the language; more text costs time and changes nothing.
SAMPLE_CHARS = 600
_LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_].*)?$")


def normalise_language_tag(tag: str | None) -> str | None:
    """The primary subtag of a language tag as ISO 639-1 where possible (`en-GB`, `eng` -> `en`)."""
    if not tag:
        return None
    match = _LANGUAGE_TAG.match(tag.strip())
    if not match:
        return None
    code = match.group(1).lower()
    if len(code) == 3:  # ISO 639-3 ("fas", "eng") to ISO 639-1 where lingua knows the language
        known = getattr(IsoCode639_3, code.upper(), None)
        if known is not None:
            return str(Language.from_iso_code_639_3(known).iso_code_639_1.name.lower())
    return code


def detect_language(text: str, languages: tuple[str, ...]) -> str | None:
    """ISO 639-1 code of the text's language among `languages` (all when empty), or None."""
    sample = text[:SAMPLE_CHARS]
    if sum(1 for char in sample if char.isalpha()) < MIN_LETTERS:
        return None
    found = _detector(languages).detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None


@lru_cache(maxsize=4)
def _detector(languages: tuple[str, ...]) -> Any:
    if not languages:
        return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()
    return LanguageDetectorBuilder.from_languages(*_lingua_languages(languages)).build()


def check_languages(codes: tuple[str, ...]) -> None:
    """Raise `ConfigError` naming the first code the detector does not know."""
    _lingua_languages(codes)


def _lingua_languages(codes: tuple[str, ...]) -> list[Language]:
    chosen = []
    for code in codes:
        try:
            chosen.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
        except AttributeError:
            raise ConfigError(
                f"unknown language code {code!r}", fix="use ISO 639-1 codes such as en, fr, fa"
            ) from None
    if len(chosen) < 2:
        chosen.append(Language.ENGLISH if Language.ENGLISH not in chosen else Language.FRENCH)
    return chosen
