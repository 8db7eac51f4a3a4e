"""The event ontology: ACLED types and sitrep extensions, loaded and checked from YAML files."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError
from sitrep.extract.schema import (
    ACTOR_TYPES,
    SUB_TYPE_KEYS,
    SUB_TYPE_REQUIRED,
    check_keys,
    check_ontology_file,
    read_yaml_mapping,
)

POS_KEYS = {"verbs": "VERB", "nouns": "NOUN", "adjectives": "ADJ"}
# The top-level list of sub-event types whose two actors may be swapped (fusion reads it).
SYMMETRIC = "symmetric_sub_event_types"
# The top-level map from a strike's means (weapon or carrier lemmas) to the sub-event type it names.
MEANS = "strike_means"


@dataclass(frozen=True, slots=True)
class Condition:
    """When a variant applies; every given test must hold."""

    actor1_types: tuple[str, ...] = ()
    actor2_types: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    targets: frozenset[str] = frozenset()
    untargeted: bool | None = None
    non_violent: bool | None = None
    object_is_place: bool | None = None
    has_location: bool | None = None
    location_is_town: bool | None = None
    foreign_actor: bool | None = None


@dataclass(frozen=True, slots=True)
class Variant:
    """A rule that turns a mention into another sub-event type."""

    when: Condition
    becomes: str
    swap_actors: bool = False


@dataclass(frozen=True, slots=True)
class Pattern:
    """One way an event is said: trigger words and where each role sits around them."""

    description: str
    words: tuple[tuple[str, str], ...]
    phrases: tuple[str, ...]
    roles: tuple[tuple[str, tuple[str, ...]], ...]
    requires: frozenset[str] = frozenset()
    weak: bool = False
    casualty: bool = False
    exclude_particles: frozenset[str] = frozenset()
    object_lemmas: frozenset[str] = frozenset()
    guess_location: bool = True
    # The trigger's subject (or a word describing it) must be one of these: "shelling hit the town".
    subject_lemmas: frozenset[str] = frozenset()

    def sources(self, role: str) -> tuple[str, ...]:
        """Where to look for `role`, in order (empty when the pattern has no such role)."""
        return next((found for name, found in self.roles if name == role), ())


@dataclass(frozen=True, slots=True)
class SubEventType:
    """An ACLED sub-event type or a sitrep extension, with its patterns and variants."""

    name: str
    event_type: str
    description: str
    territory: bool
    examples: tuple[str, ...]
    patterns: tuple[Pattern, ...]
    variants: tuple[Variant, ...] = ()
    extension: bool = False
    acled_sub_event_type: str = ""
    blocked_by: tuple[str, ...] = ()
    blocked_subjects: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class EventType:
    """One of the six ACLED event types (or an extension type)."""

    name: str
    description: str
    acled: bool = False


@dataclass(frozen=True, slots=True)
class ModalityCues:
    """Words that make a mention something other than asserted, by modality."""

    words: tuple[tuple[str, str, tuple[str, ...]], ...]

    def get(self, modality: str, kind: str) -> frozenset[str]:
        """The words of `kind` (governors, auxiliaries, ...) for `modality`."""
        return frozenset(w for m, k, words in self.words if m == modality and k == kind for w in words)


@dataclass(frozen=True, slots=True)
class TerritoryCues:
    """Phrases that tell a non-violent handover (strong, weak) from a fight (violent)."""

    strong: tuple[str, ...]
    weak: tuple[str, ...]
    violent: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StateCues:
    """Words of state phrases ("the rebel-held town", "under army control"), by kind (see the YAML)."""

    words: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def get(self, kind: str) -> frozenset[str]:
        """The words of `kind` (participles, nouns, prepositions, relative_pronouns, holder_suffixes)."""
        return frozenset(w for k, words in self.words if k == kind for w in words)


@dataclass(frozen=True, slots=True)
class Ontology:
    """Every event type and sub-event type sitrep knows, and the cue words around them."""

    event_types: tuple[EventType, ...]
    sub_event_types: tuple[SubEventType, ...]
    modality: ModalityCues
    territory_cues: TerritoryCues
    sources: tuple[str, ...] = field(default=())
    control_statements: StateCues = field(default=StateCues())
    # Sub-event types whose two actors play the same part ("X clashed with Y" is "Y clashed with X").
    symmetric: frozenset[str] = frozenset()
    # Weapon and carrier lemmas by the sub-event type they name ("drone" -> Air/drone strike).
    strike_means: tuple[tuple[str, frozenset[str]], ...] = ()

    def means(self) -> dict[str, frozenset[str]]:
        """The strike means as a mapping, in file order (the first sub-event type naming a word wins)."""
        return dict(self.strike_means)

    def sub_event_type(self, name: str) -> SubEventType:
        """The sub-event type called `name`."""
        for sub in self.sub_event_types:
            if sub.name == name:
                return sub
        raise KeyError(name)

    def territory_names(self) -> frozenset[str]:
        """Names of the sub-event types that change who controls a place (`territory: true`): the
        control map takes these."""
        return frozenset(sub.name for sub in self.sub_event_types if sub.territory)


def default_ontology_path() -> Path:
    """The ontology shipped with sitrep."""
    return Path(str(resources.files("sitrep.data") / "ontology.yaml"))


def load_ontology(extra_paths: Iterable[str | Path] = ()) -> Ontology:
    """The shipped ontology merged with the analyst's extra files, checked; cached per path list."""
    return _load_ontology(tuple(str(path) for path in extra_paths))


@lru_cache(maxsize=8)
def _load_ontology(extra_paths: tuple[str, ...]) -> Ontology:
    paths = (str(default_ontology_path()), *extra_paths)
    merged = empty_merge()
    origin: dict[str, str] = {}
    for path in paths:
        raw = read_yaml_mapping(Path(path))
        check_ontology_file(raw, path)
        _merge(merged, raw, path, origin)
    return _build(merged, origin, paths)


def empty_merge() -> dict[str, Any]:
    """What `_merge` fills, before the first file."""
    return {"event_types": [], "sub_event_types": [], "modality": {}, "territory_cues": {},
            "control_statements": {}, SYMMETRIC: [], MEANS: {}}


def _merge(merged: dict[str, Any], raw: Mapping[str, Any], path: str, origin: dict[str, str]) -> None:
    known_types = {entry["name"] for entry in merged["event_types"]}
    merged["event_types"].extend(e for e in raw.get("event_types") or [] if e["name"] not in known_types)
    by_name = {entry["name"]: entry for entry in merged["sub_event_types"]}
    for entry in raw.get("sub_event_types") or []:
        if entry["name"] in by_name:
            _extend_sub_type(by_name[entry["name"]], entry)
        else:
            copied = dict(entry)
            merged["sub_event_types"].append(copied)
            by_name[entry["name"]] = copied
            origin[entry["name"]] = path
    for modality, kinds in (raw.get("modality") or {}).items():
        target = merged["modality"].setdefault(modality, {})
        for kind, words in kinds.items():
            target[kind] = [*target.get(kind, []), *words]
    for key in ("territory_cues", "control_statements"):
        for kind, phrases in (raw.get(key) or {}).items():
            merged[key][kind] = [*merged[key].get(kind, []), *phrases]
    for name, words in (raw.get(MEANS) or {}).items():
        merged[MEANS][name] = [*merged[MEANS].get(name, []), *words]
        origin.setdefault(f"{MEANS}:{name}", path)
    for name in _strings(raw.get(SYMMETRIC) or [], f"{path}: {SYMMETRIC}"):
        merged[SYMMETRIC].append(name)
        origin.setdefault(f"{SYMMETRIC}:{name}", path)


def _extend_sub_type(target: dict[str, Any], extra: Mapping[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, list):
            target[key] = [*(target.get(key) or []), *value]
        elif key != "name":
            target[key] = value


def _build(merged: Mapping[str, Any], origin: Mapping[str, str], paths: Sequence[str]) -> Ontology:
    event_types = tuple(
        EventType(e["name"], str(e.get("description", "")), bool(e.get("acled", False)))
        for e in merged["event_types"]
    )
    type_names = {e.name for e in event_types}
    subs = tuple(
        _build_sub_type(entry, origin.get(entry["name"], paths[0])) for entry in merged["sub_event_types"]
    )
    names = {sub.name for sub in subs}
    for sub in subs:
        where = f"{origin.get(sub.name, paths[0])}: sub-event type {sub.name!r}"
        if sub.event_type not in type_names:
            raise ConfigError(
                f"{where}: unknown event_type {sub.event_type!r}",
                fix=f"use one of {', '.join(sorted(type_names))} or add it under event_types",
            )
        for variant in sub.variants:
            if variant.becomes not in names:
                raise ConfigError(
                    f"{where}: a variant becomes {variant.becomes!r}, which is not defined",
                    fix="name an existing sub-event type, spelled exactly",
                )
    modality = ModalityCues(
        tuple(
            (m, k, tuple(w.lower() for w in words))
            for m, kinds in merged["modality"].items()
            for k, words in kinds.items()
        )
    )
    cues = merged["territory_cues"]
    territory = TerritoryCues(
        *(tuple(c.lower() for c in cues.get(key, [])) for key in ("strong", "weak", "violent"))
    )
    states = StateCues(tuple((kind, tuple(w.lower() for w in words))
                             for kind, words in merged["control_statements"].items()))
    for name in merged[SYMMETRIC]:
        if name not in names:
            where = origin.get(f"{SYMMETRIC}:{name}", paths[0])
            raise ConfigError(f"{where}: {SYMMETRIC} names {name!r}, which is not defined",
                              fix="name an existing sub-event type, spelled exactly")
    symmetric = frozenset(merged[SYMMETRIC])
    for name in merged[MEANS]:
        if name not in names:
            where = origin.get(f"{MEANS}:{name}", paths[0])
            raise ConfigError(f"{where}: {MEANS} names {name!r}, which is not defined",
                              fix="name an existing sub-event type, spelled exactly")
    means = tuple((name, frozenset(w.lower() for w in words)) for name, words in merged[MEANS].items())
    return Ontology(event_types, subs, modality, territory, tuple(paths), states, symmetric, means)


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where} must be a list of sub-event type names", fix="write [Armed clash, ...]")
    return value


def _build_sub_type(entry: Mapping[str, Any], path: str) -> SubEventType:
    where = f"{path}: sub_event_types ({entry['name']!r})"
    check_keys(entry, allowed=SUB_TYPE_KEYS, required=SUB_TYPE_REQUIRED, where=where)
    if not entry["examples"]:
        raise ConfigError(f"{where}: no examples", fix="add at least one example sentence you wrote yourself")
    if entry.get("extension") and not entry.get("acled_sub_event_type"):
        raise ConfigError(
            f"{where}: an extension needs acled_sub_event_type",
            fix="say which ACLED sub-event type it is exported as, usually 'Other'",
        )
    return SubEventType(
        name=entry["name"],
        event_type=entry["event_type"],
        description=str(entry["description"]),
        territory=bool(entry["territory"]),
        examples=tuple(entry["examples"]),
        patterns=tuple(_build_pattern(p) for p in entry.get("patterns") or []),
        variants=tuple(_build_variant(v) for v in entry.get("variants") or []),
        extension=bool(entry.get("extension", False)),
        acled_sub_event_type=str(entry.get("acled_sub_event_type", "")),
        blocked_by=tuple(c.lower() for c in entry.get("blocked_by") or []),
        blocked_subjects=frozenset(c.lower() for c in entry.get("blocked_subjects") or []),
    )


def _build_pattern(raw: Mapping[str, Any]) -> Pattern:
    words = tuple((lemma.lower(), pos) for key, pos in POS_KEYS.items() for lemma in raw.get(key) or [])
    roles = tuple(
        (role, (sources,) if isinstance(sources, str) else tuple(sources))
        for role, sources in raw["roles"].items()
    )
    return Pattern(
        description=str(raw["pattern"]),
        words=words,
        phrases=tuple(p.lower() for p in raw.get("phrases") or []),
        roles=roles,
        requires=frozenset(raw.get("requires") or []),
        weak=bool(raw.get("weak", False)),
        casualty=bool(raw.get("casualty", False)),
        exclude_particles=frozenset(p.lower() for p in raw.get("exclude_particles") or []),
        object_lemmas=frozenset(p.lower() for p in raw.get("object_lemmas") or []),
        guess_location=bool(raw.get("guess_location", True)),
        subject_lemmas=frozenset(p.lower() for p in raw.get("subject_lemmas") or []),
    )


def _build_variant(raw: Mapping[str, Any]) -> Variant:
    when = raw["when"]
    condition = Condition(
        actor1_types=tuple(when.get("actor1_type") or []),
        actor2_types=tuple(when.get("actor2_type") or []),
        cues=tuple(c.lower() for c in when.get("cues") or []),
        triggers=tuple(t.lower() for t in when.get("triggers") or []),
        targets=frozenset(t.lower() for t in when.get("targets") or []),
        untargeted=when.get("untargeted"),
        non_violent=when.get("non_violent"),
        object_is_place=when.get("object_is_place"),
        has_location=when.get("has_location"),
        location_is_town=when.get("location_is_town"),
        foreign_actor=when.get("foreign_actor"),
    )
    return Variant(when=condition, becomes=raw["becomes"], swap_actors=bool(raw.get("swap_actors", False)))


__all__ = [
    "ACTOR_TYPES",
    "Condition",
    "EventType",
    "ModalityCues",
    "Ontology",
    "Pattern",
    "SubEventType",
    "TerritoryCues",
    "Variant",
    "default_ontology_path",
    "load_ontology",
]
