"""Who an event's actor is, once the article around it is known: generic names bound to named ones.

A sentence often names no one ("rebels took the city", "government forces withdrew"); the article or
its story usually does. Fusion binds, in this order (the first that applies):

1. a generic state actor ("Government forces", "the army") in country C is C's own state forces
   (the dictionary's `State forces` entry of C, else "Military Forces of <country name>");
2. a generic or unnamed captor ("Unidentified rebel group", "the fighters", a bare adjective
   like "Islamist", a town that "fell" to no one named) takes the named non-state group the text
   names closest before it: in its own sentence before the trigger, else in the few sentences
   before (`nearest_group`); never one named only after it, and never a vote over the article or
   story (a report of one group's advance often names another group's elsewhere);
   a group that fights for the country's government (the dictionary's `ally_of`) is never taken;
3. otherwise the mention keeps what it said.

The mention keeps its offsets and trigger; only the actor's name and type are replaced, so the
evidence still opens the sentence that says it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from sitrep.records import CodedEvent, EntityMention

STATE_FORCES = "State forces"
NON_STATE_TYPES = frozenset({"Rebel group", "Political militia", "Identity militia"})
# Sub-types whose actor1 is the side that gains or holds ground: those bind an unnamed actor.
BINDING_SUB_TYPES = frozenset({"Non-state actor overtakes territory", "Non-violent transfer of territory",
                               "Control statement", "Armed clash"})
# How far before a mention's sentence a named group may be the one its generic captor stands for.
CONTEXT_CHARS = 300
STATE_PREFIX = "Military Forces of"


@dataclass(frozen=True, slots=True)
class NamedActor:
    """An actor name with its ACLED type."""

    name: str
    actor_type: str | None


@lru_cache(maxsize=1)
def _dictionary() -> tuple[frozenset[str], dict[str, str], frozenset[str]]:
    """The generic names, each country's state forces, and every named actor of the dictionary."""
    from sitrep.extract.actors import load_actors

    actors = load_actors()
    generic = frozenset(actor.name for actor in actors if actor.generic)
    states: dict[str, str] = {}
    for actor in actors:
        if actor.actor_type != STATE_FORCES or not actor.country or actor.generic:
            continue
        if actor.name.startswith(STATE_PREFIX) or actor.country not in states:
            states[actor.country] = actor.name
    named = frozenset(actor.name for actor in actors if not actor.generic)
    return generic, states, named


@lru_cache(maxsize=1)
def _allies() -> dict[str, frozenset[str]]:
    """Each dictionary actor that fights for a government, with the countries it does (`ally_of`)."""
    from sitrep.extract.actors import load_actors

    return {actor.name: frozenset(actor.ally_of) for actor in load_actors() if actor.ally_of}


def is_state_ally(name: str | None, country_code: str | None) -> bool:
    """True for an actor that fights for the government of `country_code` (a pro-government militia)."""
    return bool(name and country_code and country_code.upper() in _allies().get(name, frozenset()))


def as_state(name: str | None, country_code: str | None, country: str | None) -> str | None:
    """The actor, or the country's state forces when the actor is an ally of that state."""
    if not is_state_ally(name, country_code):
        return name
    return state_forces(country_code, country) or name


def state_forces(country_code: str | None, country: str | None) -> str | None:
    """The name of a country's own state forces (None when the country is unknown)."""
    if not country_code and not country:
        return None
    _, states, _ = _dictionary()
    if country_code and country_code.upper() in states:
        return states[country_code.upper()]
    return f"{STATE_PREFIX} {country}" if country else None


def is_state_forces(name: str | None, actor_type: str | None = None) -> bool:
    """True for a state's forces: by the type given, the dictionary's, or an ACLED-style name."""
    if actor_type is not None:
        return actor_type == STATE_FORCES
    if name is None:
        return False
    _, states, _ = _dictionary()
    return name in states.values() or name.startswith((STATE_PREFIX, "Police Forces of"))


def is_unnamed(name: str | None, actor_type: str | None) -> bool:
    """No actor, a generic description, or free text of one word that is no dictionary name."""
    generic, _, named = _dictionary()
    if name is None or name in generic:
        return True
    return actor_type is None and name not in named and len(name.split()) == 1 and not name.isupper()


def nearest_group(mention: CodedEvent, entities: Sequence[EntityMention],
                  others: Sequence[CodedEvent] = ()) -> NamedActor | None:
    """The named non-state group the text names closest before the mention's trigger.

    First in the mention's own sentence before its trigger ("Spearheaded by Hayat Tahrir al-Sham,
    the offensive captured ..."), then in the `CONTEXT_CHARS` before that sentence ("... The
    fighters also seized ..."); a group named only after the trigger, or far back, is not taken.
    """
    generic, _, _ = _dictionary()
    sides = [entity for entity in entities if entity.actor and entity.actor_type in NON_STATE_TYPES
             and entity.end <= mention.trigger_start and not _in_other_event(entity, others)
             and not is_state_ally(entity.actor, mention.country_code)]  # "the rebels" are not its allies
    own = [entity for entity in sides if entity.start >= mention.evidence_start]
    if own:
        nearest = max(own, key=lambda entity: entity.start)
        # "Rebels took the town": the sentence describes its captor; the text before names someone else.
        return None if nearest.actor in generic else _named(nearest)
    low = max(0, mention.evidence_start - CONTEXT_CHARS)
    context = [entity for entity in sides if low <= entity.start and entity.end <= mention.evidence_start]
    if not context:
        return None
    nearest = max(context, key=lambda entity: entity.start)
    # A side described but not named in between ("the rebels", "local fighters") breaks the chain.
    return None if nearest.actor in generic else _named(nearest)


def _in_other_event(entity: EntityMention, others: Sequence[CodedEvent]) -> bool:
    """True when the group comes after another side's event in its sentence ("troops left X to the
    militia, local factions took Y"): it is that event's recipient or target, not a captor in waiting."""
    return any(other.evidence_start <= other.trigger_start < entity.start < other.evidence_end
               and other.actor1 and other.actor1 != entity.actor for other in others)


def _named(entity: EntityMention) -> NamedActor:
    return NamedActor(str(entity.actor), entity.actor_type)


def bind_actor(mention: CodedEvent, entities: Sequence[EntityMention] = (),
               others: Sequence[CodedEvent] = ()) -> CodedEvent:
    """The mention with its generic actors bound to named ones (see the module docstring)."""
    generic, _, _ = _dictionary()
    state = state_forces(mention.country_code, mention.country)
    if state and mention.actor2 in generic and mention.actor2_type == STATE_FORCES:
        mention = replace(mention, actor2=state)
    if mention.actor1 in generic and mention.actor1_type == STATE_FORCES:
        return replace(mention, actor1=state) if state else mention
    if mention.sub_event_type not in BINDING_SUB_TYPES or mention.actor1_type == STATE_FORCES:
        return mention
    if not is_unnamed(mention.actor1, mention.actor1_type):
        return mention
    if mention.actor1 is None and mention.sub_event_type == "Armed clash":
        return mention  # a clash with no side named says nothing of who fought
    group = nearest_group(mention, entities, others)
    if group is None:
        return mention
    return replace(mention, actor1=group.name, actor1_type=group.actor_type)


def bind_actors(mentions: Sequence[CodedEvent], entities: Sequence[EntityMention] = ()) -> list[CodedEvent]:
    """`bind_actor` over one article's mentions, with the article's named entities."""
    return [bind_actor(mention, entities, mentions) for mention in mentions]
