"""The layout of sitrep's YAML data files (ontology, actor dictionary) and the checks that enforce it.

Every error names the file, the entry and the fix, and is a `ConfigError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import ConfigError

ACTOR_TYPES: dict[int, str] = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
ROLES = ("actor1", "actor2", "location")
SIMPLE_SOURCES = ("subject", "object", "possessor", "phrase_object", "modifier")
REQUIREMENTS = (
    "place_object", "actor1", "fatalities", "location", "sides_or_place", "clause", "place_or_crowd",
)

_TOP_KEYS = {"version", "event_types", "sub_event_types", "modality", "territory_cues", "control_statements",
             "symmetric_sub_event_types", "strike_means"}
STATE_KEYS = {"participles", "nouns", "prepositions", "relative_pronouns", "holder_suffixes", "return_words",
              "holder_pronouns", "inclusions"}
_EVENT_TYPE_KEYS = {"name", "description", "acled"}
SUB_TYPE_REQUIRED = {"name", "event_type", "description", "territory", "examples", "patterns"}
SUB_TYPE_KEYS = SUB_TYPE_REQUIRED | {
    "extension",
    "acled_sub_event_type",
    "variants",
    "blocked_by",
    "blocked_subjects",
}
_PATTERN_KEYS = {
    "pattern",
    "verbs",
    "nouns",
    "adjectives",
    "phrases",
    "roles",
    "requires",
    "weak",
    "casualty",
    "exclude_particles",
    "object_lemmas",
    "guess_location",
    "subject_lemmas",
}
_VARIANT_KEYS = {"when", "becomes", "swap_actors"}
_CONDITION_KEYS = {
    "foreign_actor",
    "actor1_type",
    "actor2_type",
    "cues",
    "non_violent",
    "object_is_place",
    "has_location",
    "location_is_town",
    "targets",
    "triggers",
    "untargeted",
}
_MODALITY_KEYS: dict[str, set[str]] = {
    "reported": {"adverbs", "phrases", "governors"},
    "claimed": {"governors"},
    "denied": {"governors", "report_nouns", "false_predicates", "negated_nouns", "prohibitions"},
    "threatened": {"governors", "warnings", "modifiers"},
    "planned": {"governors", "auxiliaries", "purpose_marks", "continuations", "modifiers", "deadline_nouns"},
    "hypothetical": {"auxiliaries", "markers", "obligations", "future_markers", "comparisons",
                     "question_marks", "modifiers", "generic_heads"},
    "unverified": {"governors"},
}
_CUE_KEYS = {"strong", "weak", "violent"}


def check_ontology_file(raw: Mapping[str, Any], path: str) -> None:
    """Fail with the file, the entry and the fix on anything the ontology layout does not allow."""
    check_keys(raw, allowed=_TOP_KEYS, required=set(), where=f"{path}: top level")
    for i, entry in enumerate(_list(raw, "event_types", path)):
        where = f"{path}: event_types[{i}]"
        check_keys(entry, allowed=_EVENT_TYPE_KEYS, required={"name"}, where=where)
    for i, entry in enumerate(_list(raw, "sub_event_types", path)):
        _check_sub_type(entry, f"{path}: sub_event_types[{i}] ({entry.get('name', '?')!r})")
    _check_nested(raw.get("modality") or {}, _MODALITY_KEYS, f"{path}: modality")
    cues = raw.get("territory_cues") or {}
    check_keys(cues, allowed=_CUE_KEYS, required=set(), where=f"{path}: territory_cues")
    for key in cues:
        check_strings(cues[key], f"{path}: territory_cues.{key}")
    states = raw.get("control_statements") or {}
    check_keys(states, allowed=STATE_KEYS, required=set(), where=f"{path}: control_statements")
    for key in states:
        check_strings(states[key], f"{path}: control_statements.{key}")
    means = raw.get("strike_means") or {}
    if not isinstance(means, Mapping):
        raise ConfigError(f"{path}: strike_means must map sub-event types to words",
                          fix="write e.g. {Air/drone strike: [drone, jet]}")
    for key in means:
        check_strings(means[key], f"{path}: strike_means.{key}")


def _list(raw: Mapping[str, Any], key: str, path: str) -> list[Mapping[str, Any]]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise ConfigError(
            f"{path}: {key} must be a list of mappings",
            fix=f"write each entry of {key} as '- name: ...' with its fields below it",
        )
    return value


def _check_nested(raw: Mapping[str, Any], allowed: Mapping[str, set[str]], where: str) -> None:
    check_keys(raw, allowed=set(allowed), required=set(), where=where)
    for key, value in raw.items():
        check_keys(value, allowed=allowed[key], required=set(), where=f"{where}.{key}")
        for kind, words in value.items():
            check_strings(words, f"{where}.{key}.{kind}")


def _check_sub_type(entry: Mapping[str, Any], where: str) -> None:
    is_extension_of_existing = set(entry) <= {
        "name",
        "patterns",
        "examples",
        "variants",
        "blocked_by",
        "blocked_subjects",
    }
    required = {"name"} if is_extension_of_existing else SUB_TYPE_REQUIRED
    check_keys(entry, allowed=SUB_TYPE_KEYS, required=required, where=where)
    check_str(entry["name"], f"{where}.name")
    for key in ("territory", "extension"):
        if key in entry:
            check_bool(entry[key], f"{where}.{key}")
    for key in ("examples", "blocked_by", "blocked_subjects"):
        if key in entry:
            check_strings(entry[key], f"{where}.{key}")
    for i, pattern in enumerate(entry.get("patterns") or []):
        _check_pattern(pattern, f"{where}.patterns[{i}]")
    for i, variant in enumerate(entry.get("variants") or []):
        _check_variant(variant, f"{where}.variants[{i}]")


def _check_pattern(pattern: Mapping[str, Any], where: str) -> None:
    if not isinstance(pattern, Mapping):
        raise ConfigError(f"{where}: a pattern must be a mapping", fix="start it with '- pattern: ...'")
    check_keys(pattern, allowed=_PATTERN_KEYS, required={"pattern", "roles"}, where=where)
    if not any(pattern.get(key) for key in ("verbs", "nouns", "adjectives", "phrases")):
        raise ConfigError(
            f"{where}: the pattern has no trigger words",
            fix="give at least one of verbs, nouns, adjectives or phrases",
        )
    for key in ("verbs", "nouns", "adjectives", "phrases", "exclude_particles", "object_lemmas", "requires",
                "subject_lemmas"):
        if key in pattern:
            check_strings(pattern[key], f"{where}.{key}")
    for requirement in pattern.get("requires") or []:
        if requirement not in REQUIREMENTS:
            raise ConfigError(
                f"{where}.requires: unknown requirement {requirement!r}",
                fix=f"use one of {', '.join(REQUIREMENTS)}",
            )
    for key in ("weak", "casualty"):
        if key in pattern:
            check_bool(pattern[key], f"{where}.{key}")
    _check_roles(pattern["roles"], f"{where}.roles")


def _check_roles(roles: Any, where: str) -> None:
    if not isinstance(roles, Mapping):
        raise ConfigError(
            f"{where} must map roles to sources", fix="write e.g. {actor1: subject, location: object}"
        )
    for role, sources in roles.items():
        if role not in ROLES:
            raise ConfigError(f"{where}: unknown role {role!r}", fix=f"use one of {', '.join(ROLES)}")
        for source in [sources] if isinstance(sources, str) else sources:
            if not _is_source(source):
                raise ConfigError(
                    f"{where}.{role}: unknown source {source!r}",
                    fix=f"use one of {', '.join(SIMPLE_SOURCES)} or prep:WORD (e.g. prep:to)",
                )


def _is_source(source: Any) -> bool:
    if not isinstance(source, str):
        return False
    return source in SIMPLE_SOURCES or (source.startswith("prep:") and len(source) > 5)


def _check_variant(variant: Mapping[str, Any], where: str) -> None:
    check_keys(variant, allowed=_VARIANT_KEYS, required={"when", "becomes"}, where=where)
    check_str(variant["becomes"], f"{where}.becomes")
    when = variant["when"]
    check_keys(when, allowed=_CONDITION_KEYS, required=set(), where=f"{where}.when")
    for key in ("actor1_type", "actor2_type"):
        for name in check_strings(when.get(key, []), f"{where}.when.{key}"):
            if name not in ACTOR_TYPES.values():
                raise ConfigError(
                    f"{where}.when.{key}: unknown actor type {name!r}",
                    fix=f"use one of {', '.join(ACTOR_TYPES.values())}",
                )
    for key in ("non_violent", "object_is_place", "has_location", "location_is_town", "untargeted"):
        if key in when:
            check_bool(when[key], f"{where}.when.{key}")
    if "targets" in when:
        check_strings(when["targets"], f"{where}.when.targets")


def read_yaml_mapping(path: Path) -> Mapping[str, Any]:
    """The YAML mapping in `path`, or a ConfigError saying why it cannot be used."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(
            f"cannot read {path}: {error.strerror}", fix="check the path and its permissions"
        ) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ConfigError(
            f"{path} is not valid YAML: {str(error).splitlines()[0]}",
            fix="check the indentation and quoting near the line the parser names",
        ) from None
    if not isinstance(data, Mapping):
        raise ConfigError(
            f"{path} does not hold a YAML mapping", fix="start the file with its top-level keys"
        )
    return data


def check_keys(entry: Any, *, allowed: set[str], required: set[str], where: str) -> None:
    """Fail on an entry that is not a mapping, has an unknown key or misses a required one."""
    if not isinstance(entry, Mapping):
        raise ConfigError(
            f"{where}: expected a mapping, found {type(entry).__name__}",
            fix="write the entry as 'key: value' lines",
        )
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key {unknown[0]!r}",
            fix=f"use only {', '.join(sorted(allowed))} (check the spelling)",
        )
    missing = sorted(required - set(entry))
    if missing:
        raise ConfigError(
            f"{where}: missing field {missing[0]!r}", fix=f"add '{missing[0]}: ...' to the entry"
        )


def check_str(value: Any, where: str) -> str:
    """`value` when it is a non-empty string."""
    if isinstance(value, bool):
        raise ConfigError(
            f"{where}: expected a word, found {value!r}",
            fix="put the word in quotes: YAML reads yes, no, on and off as true or false",
        )
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(
            f"{where}: expected a non-empty text, found {value!r}", fix="write a word or phrase"
        )
    return value


def check_bool(value: Any, where: str) -> bool:
    """`value` when it is true or false."""
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false, found {value!r}", fix="write true or false")
    return value


def check_strings(value: Any, where: str) -> list[str]:
    """`value` when it is a list of non-empty strings."""
    if not isinstance(value, list):
        raise ConfigError(
            f"{where}: expected a list, found {type(value).__name__}",
            fix="write the words as [a, b] or as '- a' lines",
        )
    return [check_str(item, where) for item in value]
