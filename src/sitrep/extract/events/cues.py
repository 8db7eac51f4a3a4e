"""The event passes' words and limits besides the ontology: `sitrep/data/lang/<code>/events.yaml`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError
from sitrep.extract.schema import read_yaml_mapping

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
    context_sentences: int = 1
    context_window: int = 0
    context_share: float = 0.0
    not_victims: frozenset[str] = frozenset()
    idle_heads: frozenset[str] = frozenset()
    idle_phrases: frozenset[str] = frozenset()
    cause_preps: frozenset[str] = frozenset()
    wound_words: frozenset[str] = frozenset()
    people_nouns: frozenset[str] = frozenset()
    motive_words: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    consent_verbs: frozenset[str] = frozenset()
    tally_nouns: frozenset[str] = frozenset()
    place_relatives: frozenset[str] = frozenset()
    up_to_phrases: tuple[str, ...] = ()
    duration_preps: frozenset[str] = frozenset()
    long_units: frozenset[str] = frozenset()
    era_preps: frozenset[str] = frozenset()
    era_nouns: frozenset[str] = frozenset()
    # Recaps of earlier events (`recaps` section): temporal marks, prepositions and campaign nouns.
    recap_marks: frozenset[str] = frozenset()
    recap_follow_marks: frozenset[str] = frozenset()
    recap_preps: frozenset[str] = frozenset()
    campaign_nouns: frozenset[str] = frozenset()
    recap_time_nouns: frozenset[str] = frozenset()
    # Statements that tell no single event (`no_single_event` section): a war taken part in, a habit, a
    # class of people, a hazard; and the everyday senses of trigger verbs (`patients`, `death_causes`).
    war_preps: frozenset[str] = frozenset()
    habitual_words: frozenset[str] = frozenset()
    class_quantifiers: frozenset[str] = frozenset()
    protection_words: frozenset[str] = frozenset()
    hazard_preps: frozenset[str] = frozenset()
    not_agents: frozenset[str] = frozenset()
    idiom_objects: frozenset[str] = frozenset()
    cause_marks: frozenset[str] = frozenset()
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
    told = raw.get("not_told") or {}
    recaps = raw.get("recaps") or {}
    single = raw.get("no_single_event") or {}
    patients = raw.get("patients") or {}
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
        context_sentences=_count(context, "sentences", path, minimum=1),
        context_window=_count(context, "window", path, minimum=0),
        context_share=_share(context, "share", path),
        not_victims=_words(patients, "not_victims"),
        idle_heads=_words(context, "idle_heads"),
        idle_phrases=_words(context, "idle_phrases"),
        cause_preps=_words(raw.get("death_causes") or {}, "preps"),
        wound_words=_words(raw.get("death_causes") or {}, "wounds"),
        people_nouns=_words(patients, "people"),
        motive_words=_words(told, "motive_words"),
        naming_verbs=_words(told, "naming_verbs"),
        consent_verbs=_words(told, "consent_verbs"),
        tally_nouns=_words(toll, "tally_nouns"),
        place_relatives=_words(told, "place_relatives"),
        up_to_phrases=tuple(sorted(_words(toll, "up_to_phrases"))),
        duration_preps=_words(toll, "duration_preps"),
        long_units=_words(toll, "long_units"),
        era_preps=_words(toll, "era_preps"),
        era_nouns=_words(toll, "era_nouns"),
        recap_marks=_words(recaps, "marks"),
        recap_follow_marks=_words(recaps, "following_marks"),
        recap_preps=_words(recaps, "prepositions"),
        campaign_nouns=_words(recaps, "campaign_nouns"),
        recap_time_nouns=_words(recaps, "time_nouns"),
        war_preps=_words(single, "war_preps"),
        habitual_words=_words(single, "habitual_words"),
        class_quantifiers=_words(single, "class_quantifiers"),
        protection_words=_words(single, "protection_words"),
        hazard_preps=_words(single, "hazard_preps"),
        not_agents=_words(patients, "not_agents"),
        idiom_objects=_words(patients, "idiom_objects"),
        cause_marks=_words(raw.get("death_causes") or {}, "clause_marks"),
    )


def _count(raw: Any, key: str, path: Path, *, minimum: int) -> int:
    """The whole number at `key` of the conflict context (at least `minimum`)."""
    value = raw.get(key, minimum)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ConfigError(f"{path}: conflict_context.{key} must be a whole number of at least {minimum}",
                          fix=f"write e.g. '{key}: {minimum + 1}'")
    return value


def _share(raw: Any, key: str, path: Path) -> float:
    """The fraction at `key` of the conflict context (0 to 1)."""
    value = raw.get(key, 0.0)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ConfigError(f"{path}: conflict_context.{key} must be a fraction between 0 and 1",
                          fix=f"write e.g. '{key}: 0.15'")
    return float(value)


def _words(raw: Any, key: str) -> frozenset[str]:
    return frozenset(str(word).lower() for word in (raw.get(key) or []))


def _without_words(cues: EventCues) -> EventCues:
    """`cues` keeping only what needs no words of a language (the background limit)."""
    none: frozenset[str] = frozenset()
    return replace(
        cues, interval_words=none, span_words=none, span_units=none, opposed_prefixes=(),
        subsuming_preps=none, conflict_words=none, conflict_phrases=(), police_words=none,
        crowd_counts=none, political_targets=(), violence_words=none, motive_words=none,
        naming_verbs=none, consent_verbs=none, tally_nouns=none,
        place_relatives=none, up_to_phrases=(), duration_preps=none, long_units=none,
        era_preps=none, era_nouns=none, not_victims=none, people_nouns=none, idle_heads=none,
        idle_phrases=none, cause_preps=none, wound_words=none, recap_marks=none,
        recap_follow_marks=none, recap_preps=none, campaign_nouns=none, recap_time_nouns=none,
        war_preps=none, habitual_words=none, class_quantifiers=none, protection_words=none,
        hazard_preps=none, not_agents=none, idiom_objects=none, cause_marks=none, has_words=False,
    )


def ontology_language(sources: tuple[str, ...]) -> str:
    """The language whose words an ontology was built from: `lang/<code>/` in one of its sources."""
    for source in sources:
        folder = Path(source).parent
        if folder.parent.name == "lang":
            return folder.name
    return ENGLISH
