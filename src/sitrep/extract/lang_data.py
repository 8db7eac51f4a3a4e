"""Words by language: the YAML under `sitrep/data/lang/<code>/`, read for the rule machinery.

    ontology.yaml  French (etc.) patterns, variants and cue words over the shipped ontology's types
    words.yaml     plain word lists: number words, month and weekday names, reporting verbs

English keeps the shipped `sitrep/data/ontology.yaml` as it is. For another language the shipped
ontology gives the event types and sub-event types (names, descriptions, territory flags), and the
language's file gives every word: English patterns, blocking words and variants that test English
words are left out (`_without_words`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError
from sitrep.extract.lang import ENGLISH, LANGUAGES, language_directory
from sitrep.extract.ontology import (
    SYMMETRIC,
    Ontology,
    _build,
    _merge,
    default_ontology_path,
    empty_merge,
    load_ontology,
)
from sitrep.extract.schema import check_ontology_file, read_yaml_mapping

# Keys of a sub-event type that hold English words, left out for other languages.
WORD_KEYS = ("patterns", "blocked_by", "blocked_subjects")
# Variant conditions that test words of the text.
WORD_CONDITIONS = ("cues", "triggers")


@lru_cache(maxsize=4)
def load_language_ontology(code: str) -> Ontology:
    """The ontology with the words of language `code` (the shipped one for English)."""
    if code == ENGLISH:
        return load_ontology()
    if code not in LANGUAGES:
        raise ConfigError(f"no pipeline for the language {code!r}",
                          fix=f"use one of {', '.join(sorted(LANGUAGES))}")
    base_path, words_path = str(default_ontology_path()), str(language_directory(code) / "ontology.yaml")
    words = read_yaml_mapping(Path(words_path))
    check_ontology_file(words, words_path)
    merged = empty_merge()
    origin: dict[str, str] = {}
    _merge(merged, _without_words(read_yaml_mapping(Path(base_path)), words), base_path, origin)
    _merge(merged, words, words_path, origin)
    return _build(merged, origin, (base_path, words_path))


def _without_words(base: Mapping[str, Any], words: Mapping[str, Any]) -> dict[str, Any]:
    """The shipped ontology's types without English words; variants replaced where `words` has some."""
    replaced = {entry["name"] for entry in words.get("sub_event_types") or [] if "variants" in entry}
    subs = []
    for entry in base.get("sub_event_types") or []:
        kept = {key: value for key, value in entry.items() if key not in WORD_KEYS}
        kept["patterns"] = []
        variants = [] if entry["name"] in replaced else entry.get("variants") or []
        kept["variants"] = [v for v in variants if not any(key in v["when"] for key in WORD_CONDITIONS)]
        subs.append(kept)
    return {"event_types": base.get("event_types") or [], "sub_event_types": subs,
            SYMMETRIC: base.get(SYMMETRIC) or []}
