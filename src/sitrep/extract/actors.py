"""Actors: the dictionary of armed groups and forces, and the tagger that finds them in a parse."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from sitrep.errors import ConfigError
from sitrep.extract.schema import (
    ACTOR_TYPES,
    check_bool,
    check_keys,
    check_str,
    check_strings,
    read_yaml_mapping,
)
from sitrep.extract.syntax import is_compound_modifier
from sitrep.geo.entries import NameKind
from sitrep.geo.gazetteer import default_gazetteer
from sitrep.records import EntityMention

ACTOR_LABEL = "ACTOR"
# spaCy labels kept as text when the dictionary does not know the name.
TEXT_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_ACTOR_KEYS = {"name", "type", "country", "aliases", "generic", "ally_of"}
IDENTITY_MILITIA = "Identity militia"
STATE_FORCES = "State forces"
# An armed group's own name the dictionary does not know ("the Mountain Liberation Army").
NAMED_GROUP_TYPE = "Rebel group"
# Generic armed descriptions that a community's name before them turns into that community's militia.
_ARMED_TYPES = frozenset({"Rebel group", "Political militia", IDENTITY_MILITIA})


@dataclass(frozen=True, slots=True)
class Actor:
    """One dictionary actor: canonical name, ACLED actor type, country and aliases."""

    name: str
    actor_type: str
    aliases: tuple[str, ...]
    country: str | None = None
    generic: bool = False
    # Countries whose government this actor fights for ("ally_of: [SY]"): its holding there is the state's.
    ally_of: tuple[str, ...] = ()


def default_actors_path() -> Path:
    """The actor dictionary shipped with sitrep."""
    return Path(str(resources.files("sitrep.data") / "actors.yaml"))


def load_actors(extra_paths: Iterable[str | Path] = ()) -> tuple[Actor, ...]:
    """The shipped actors plus the user's files; a user alias overrides a shipped one."""
    return _load_actors(tuple(str(path) for path in extra_paths))


def load_identity_groups(extra_paths: Iterable[str | Path] = ()) -> frozenset[str]:
    """The communities (ethnic, religious, clan) whose name before "fighters" or "militia" names a militia."""
    return _load_words("identity_groups", tuple(str(path) for path in extra_paths))


def load_local_forces(extra_paths: Iterable[str | Path] = ()) -> frozenset[str]:
    """The words of a place's own force ("police"): a place's name before one is that force."""
    return _load_words("local_forces", tuple(str(path) for path in extra_paths))


@lru_cache(maxsize=16)
def _load_words(key: str, extra_paths: tuple[str, ...]) -> frozenset[str]:
    found: set[str] = set()
    for path in (str(default_actors_path()), *extra_paths):
        raw = _read_raw(Path(path))
        found.update(name.casefold() for name in check_strings(raw.get(key, []), f"{path}: {key}"))
    return frozenset(found)


@lru_cache(maxsize=8)
def _load_actors(extra_paths: tuple[str, ...]) -> tuple[Actor, ...]:
    actors: list[Actor] = []
    for path in (str(default_actors_path()), *extra_paths):
        loaded = _read_actor_file(Path(path))
        taken = {alias.lower() for actor in loaded for alias in actor.aliases}
        actors = [_without_aliases(actor, taken) for actor in actors]
        actors.extend(loaded)
    return tuple(actor for actor in actors if actor.aliases)


def _without_aliases(actor: Actor, taken: set[str]) -> Actor:
    kept = tuple(alias for alias in actor.aliases if alias.lower() not in taken)
    return (
        actor
        if len(kept) == len(actor.aliases)
        else Actor(actor.name, actor.actor_type, kept, actor.country, actor.generic, actor.ally_of)
    )


def _read_raw(path: Path) -> Mapping[str, Any]:
    raw = read_yaml_mapping(path)
    check_keys(raw, allowed={"actors", "identity_groups", "local_forces"}, required={"actors"},
               where=f"{path}: top level")
    return raw


def _read_actor_file(path: Path) -> list[Actor]:
    entries = _read_raw(path)["actors"]
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: actors must be a list", fix="write each actor as '- name: ...'")
    actors = [
        _read_actor(entry, f"{path}: actors[{i}] ({_name_of(entry)!r})") for i, entry in enumerate(entries)
    ]
    _check_unique_aliases(actors, path)
    return actors


def _name_of(entry: Any) -> str:
    return str(entry.get("name", "?")) if isinstance(entry, Mapping) else "?"


def _read_actor(entry: Any, where: str) -> Actor:
    check_keys(entry, allowed=_ACTOR_KEYS, required={"name", "type", "aliases"}, where=where)
    actor_type = _actor_type(entry["type"], where)
    aliases = tuple(check_strings(entry["aliases"], f"{where}.aliases"))
    if not aliases:
        raise ConfigError(f"{where}: no aliases", fix="list at least the name itself under aliases")
    country = entry.get("country")
    if country is not None and (not isinstance(country, str) or len(country) != 2):
        raise ConfigError(
            f"{where}: country {country!r} is not a two-letter code",
            fix="use the ISO 3166 alpha-2 code, e.g. AF, or leave the field out",
        )
    generic = check_bool(entry.get("generic", False), f"{where}.generic")
    allies = tuple(code.upper() for code in check_strings(entry.get("ally_of", []), f"{where}.ally_of"))
    return Actor(
        check_str(entry["name"], f"{where}.name"),
        actor_type,
        aliases,
        country.upper() if country else None,
        generic,
        allies,
    )


def _actor_type(value: Any, where: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value in ACTOR_TYPES:
        return ACTOR_TYPES[value]
    if isinstance(value, str) and value in ACTOR_TYPES.values():
        return value
    raise ConfigError(
        f"{where}: unknown actor type {value!r}",
        fix=f"use one of {', '.join(ACTOR_TYPES.values())} (or its ACLED number 1-8)",
    )


def _check_unique_aliases(actors: list[Actor], path: Path) -> None:
    owner: dict[str, str] = {}
    for actor in actors:
        for alias in actor.aliases:
            key = alias.lower()
            if owner.get(key, actor.name) != actor.name:
                raise ConfigError(
                    f"{path}: alias {alias!r} is given to both {owner[key]!r} and {actor.name!r}",
                    fix="keep the alias under one actor only",
                )
            owner[key] = actor.name


class ActorTagger:
    """Dictionary actors (longest match, case-insensitive) plus other named persons and groups."""

    name = "sitrep.actors.dictionary"
    version = "1"

    def __init__(self, actors: Iterable[Actor] | None = None,
                 identity_groups: Iterable[str] | None = None) -> None:
        self.actors = tuple(actors) if actors is not None else load_actors()
        self.identity_groups = (frozenset(name.casefold() for name in identity_groups)
                                if identity_groups is not None else load_identity_groups())
        self.local_forces = load_local_forces()
        self.by_name = {actor.name: actor for actor in self.actors}
        self.component = f"{self.name}.v{self.version}"
        self._matchers: dict[int, tuple[PhraseMatcher, PhraseMatcher]] = {}

    def __call__(self, doc: Doc, article_id: str) -> tuple[EntityMention, ...]:
        """Every actor, person and organisation mentioned in `doc`, in text order."""
        known = [self._widened(span) for span in self.match_actors(doc)]
        taken = {i for span, _ in known for i in range(span.start, span.end)}
        mentions = [
            EntityMention(article_id, span.start_char, span.end_char, span.text, ACTOR_LABEL, self.component,
                          actor=actor.name, actor_type=actor.actor_type)
            for span, actor in known
        ]
        mentions.extend(
            self._unknown(ent, article_id)
            for ent in doc.ents
            if ent.label_ in TEXT_LABELS and not taken.intersection(range(ent.start, ent.end))
            and not is_compound_modifier(ent)  # "Kurdish-led authorities": who leads them, not who acts
        )
        return tuple(sorted(mentions, key=lambda mention: mention.start))

    def pipe(self, docs: Iterable[tuple[Doc, str]]) -> Iterable[tuple[EntityMention, ...]]:
        """The batch form: one tuple of mentions per (doc, article id)."""
        for doc, article_id in docs:
            yield self(doc, article_id)

    def match_actors(self, doc: Doc) -> list[Span]:
        """Dictionary matches in `doc`, longest first where they overlap; `span.label_` is the actor."""
        lower, exact = self._matchers_for(doc.vocab)
        spans = [Span(doc, start, end, label=key) for key, start, end in [*lower(doc), *exact(doc)]]
        return sorted(filter_spans(spans), key=lambda span: span.start)

    def _widened(self, span: Span) -> tuple[Span, Actor]:
        """A dictionary match, or the longer name a generic description ends: a community's militia
        ("Druze fighters") or an armed group's own name ("the Mountain Liberation Army")."""
        actor = self.by_name[span.label_]
        if not actor.generic or actor.actor_type not in _ARMED_TYPES | {STATE_FORCES}:
            return span, actor
        community = self._community_before(span)
        if community is not None and actor.actor_type != STATE_FORCES:
            whole = span.doc[community.start:span.end]
            name = f"{community.text[:1].upper()}{community.text[1:]} militia"
            return whole, Actor(name, IDENTITY_MILITIA, (whole.text,))
        words = _name_words_before(span)
        if words is not None and span[-1].text.casefold() in self.local_forces and _is_place(words.text):
            return span.doc[words.start:span.end], actor  # "the Valley City Police": that town's police
        if words is not None and not all(_is_national(word.text) for word in words):
            whole = span.doc[words.start:span.end]
            return whole, Actor(whole.text, NAMED_GROUP_TYPE, (whole.text,))
        return span, actor

    def _community_before(self, span: Span) -> Span | None:
        """ "Druze fighters", "Fulani gunmen": the community named right before a generic armed
        description; the two name that community's militia (ACLED's identity militias)."""
        start = span.start
        while start > 0 and span.doc[start - 1].text.casefold() in self.identity_groups:
            start -= 1
        return span.doc[start:span.start] if start < span.start else None

    def _unknown(self, ent: Span, article_id: str) -> EntityMention:
        return EntityMention(article_id, ent.start_char, ent.end_char, ent.text, ent.label_, self.component)

    def _matchers_for(self, vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
        # Built once per vocabulary: acronyms (all capitals) match exactly, other aliases in any case.
        key = id(vocab)
        if key not in self._matchers:
            self._matchers[key] = _build_matchers(vocab, self.actors)
        return self._matchers[key]


def _build_matchers(vocab: Vocab, actors: tuple[Actor, ...]) -> tuple[PhraseMatcher, PhraseMatcher]:
    make_doc = spacy.blank(vocab.lang or "en", vocab=vocab).make_doc
    lower = PhraseMatcher(vocab, attr="LOWER")
    exact = PhraseMatcher(vocab, attr="ORTH")
    for actor in actors:
        acronyms = [a for a in actor.aliases if _is_acronym(a)]
        others = [a for a in actor.aliases if not _is_acronym(a)]
        if others:
            lower.add(actor.name, [make_doc(alias) for alias in others])
        if acronyms:
            exact.add(actor.name, [make_doc(alias) for alias in acronyms])
    return lower, exact


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in alias


def _name_words_before(span: Span) -> Span | None:
    """The capitalised words a capitalised generic description closes ("Syrian Free" before "Army"),
    within its sentence; None when the description is written in lower case or stands alone."""
    if not span[0].is_title:
        return None
    doc, start = span.doc, span.start
    first = span.sent.start if doc.has_annotation("SENT_START") else 0
    while start > first and _is_name_word(doc[start - 1]):
        start -= 1
    return doc[start:span.start] if start < span.start else None


def _is_name_word(token: Token) -> bool:
    """A capitalised word of a name: a sentence's first word only when tagged a proper noun
    ("Yesterday Army units withdrew" names no group)."""
    capitalised = token.is_alpha and (token.is_title or token.is_upper) and token.lower_ != "the"
    return capitalised and (not token.is_sent_start or token.tag_ in ("NNP", "NNPS"))


@lru_cache(maxsize=4096)
def _is_place(name: str) -> bool:
    """Whether the gazetteer knows `name` as a place of any kind (a town, county, region, country)."""
    try:
        return bool(default_gazetteer().matches(name))
    except ConfigError:
        return False


def _is_national(word: str) -> bool:
    """A country's name or demonym ("Syrian", "Mali"): "the Malian Army" is still the state's army."""
    try:
        matches = default_gazetteer().matches(word)
    except ConfigError:
        return False
    return any(match.kind == NameKind.DEMONYM or match.entry.feature_code.startswith("PCL")
               for match in matches)
