"""The event passes' words and limits besides the ontology: `sitrep/data/lang/<code>/events.yaml`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError
from sitrep.extract.events_schema import read_yaml_mapping

ENGLISH = "en"


@dataclass(frozen=True, slots=True)
class EventCues:
    """What marks history, running tolls and opposed groups (see the YAML file's comments)."""

    background_days: int
    interval_words: frozenset[str]
    span_words: frozenset[str]
    span_units: frozenset[str]
    opposed_prefixes: tuple[str, ...]
    subsuming_preps: frozenset[str]
    conflict_words: frozenset[str]
    conflict_phrases: tuple[str, ...]
    ungated_event_types: frozenset[str]
    police_words: frozenset[str]
    crowd_counts: frozenset[str]
    political_targets: tuple[str, ...]
    violence_words: frozenset[str]
    # False for a language with no file of its own: the passes that need its words stay off.
    has_words: bool = True


def event_cues_path(code: str = ENGLISH) -> Path:
    """The file of language `code`'s event cues."""
    return Path(str(resources.files("sitrep.data") / "lang" / code / "events.yaml"))


@lru_cache(maxsize=4)
def load_event_cues(code: str = ENGLISH) -> EventCues:
    """The event cues of language `code`; for a language with no file, English's limits without words."""
    path = event_cues_path(code)
    if not path.is_file():
        return _without_words(load_event_cues(ENGLISH))
    raw = read_yaml_mapping(path)
    toll = raw.get("running_toll") or {}
    context = raw.get("conflict_context") or {}
    days = raw.get("background_days")
    if not isinstance(days, int) or days <= 0:
        raise ConfigError(f"{path}: background_days must be a positive number of days",
                          fix="write e.g. 'background_days: 180'")
    return EventCues(
        background_days=days,
        interval_words=_words(toll, "interval_words"),
        span_words=_words(toll, "span_words"),
        span_units=_words(toll, "span_units"),
        opposed_prefixes=tuple(sorted(_words(raw, "opposed_prefixes"), key=len, reverse=True)),
        subsuming_preps=_words(raw, "subsumed_under_takeover"),
        conflict_words=_words(context, "words"),
        conflict_phrases=tuple(sorted(_words(context, "phrases"))),
        ungated_event_types=frozenset(str(name) for name in context.get("ungated_event_types") or []),
        police_words=_words(context, "police_words"),
        crowd_counts=_words(raw, "crowd_counts"),
        political_targets=tuple(sorted(_words(context, "political_targets"))),
        violence_words=_words(context, "violence_words"),
    )


def _words(raw: Any, key: str) -> frozenset[str]:
    return frozenset(str(word).lower() for word in (raw.get(key) or []))


def _without_words(cues: EventCues) -> EventCues:
    """`cues` keeping only what needs no words of a language (the background limit)."""
    none: frozenset[str] = frozenset()
    return replace(
        cues, interval_words=none, span_words=none, span_units=none, opposed_prefixes=(),
        subsuming_preps=none, conflict_words=none, conflict_phrases=(), police_words=none,
        crowd_counts=none, political_targets=(), violence_words=none, has_words=False,
    )


def ontology_language(sources: tuple[str, ...]) -> str:
    """The language whose words an ontology was built from: `lang/<code>/` in one of its sources."""
    for source in sources:
        folder = Path(source).parent
        if folder.parent.name == "lang":
            return folder.name
    return ENGLISH
