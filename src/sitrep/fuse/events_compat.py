"""Whether two event mentions can tell the same real event: kind, modality, day, actors and place.

Each mention is first reduced to a `MentionProfile` (folded names, day number, place tier), so
that the pairwise checks compare prepared values. Two mentions are compatible when all hold:

- kind: the same sub-event type (a capture by X is never merged with a recapture by Y);
- modality: asserted, reported and claimed go together; denied, threatened, planned and
  hypothetical each stay apart (a denial or a threat is never merged into an asserted event);
- day: a mention's day may be off by its precision's reach (`SPREAD_DAYS`: day 0, week 7,
  month 16; a week reaches a whole week because a mention with no date in its text carries its
  publication day). Two days fit when they are within the larger reach, and never less than
  `DAY_SLACK` ("late on Tuesday" against "Wednesday"); a mention with no day fits any day;
- actors: each role equal once folded, or missing on one side; a free-text name (no actor type)
  also fits a dictionary name holding all its words ("Afghan forces" / "Afghan National Security
  Forces"); for symmetric kinds (a clash, talks, an agreement) the two roles may be swapped;
- place, by tier: SPECIFIC (a town or spot: the same folded name, or the same geonameid when no
  name is known; two resolutions of one toponym stay together and the difference is recorded),
  REGIONAL (an admin-1 region at geo_precision 3: the same region, or the region holding the
  other's town), VAGUE (no place, or only the country): fits any place in the same country.

Compatible is not yet linked: a VAGUE mention is linked only to mentions of the same story (of the
same article when the story is unknown), since "the city fell" says nothing of which city.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from sitrep.extract.ontology import load_ontology
from sitrep.geo.normalize import name_key
from sitrep.records import CodedEvent, Modality

# ACLED time_precision -> how many days the true day may lie from the coded one.
SPREAD_DAYS = {1: 0, 2: 7, 3: 16}
UNKNOWN_SPREAD_DAYS = 16
DAY_SLACK = 1
# Mentions further apart than this never merge: the widest reach of any precision.
WINDOW_DAYS = max(*SPREAD_DAYS.values(), UNKNOWN_SPREAD_DAYS, DAY_SLACK)
REGIONAL_GEO_PRECISION = 3
# Kinds whose two actors play the same part, so "X clashed with Y" is "Y clashed with X".
# (the ontology's `symmetric_sub_event_types`).
SYMMETRIC_KINDS = load_ontology().symmetric
# Asserted, reported and claimed say the event happened (on different words); the rest do not.
HAPPENED = "happened"


def modality_group(modality: Modality) -> str:
    """The group a mention's modality merges within: "happened" for every factual one, else its own."""
    modality = Modality(modality)  # a plain string read back from a store is a modality too
    return HAPPENED if modality.is_factual else modality.value


@dataclass(frozen=True, slots=True)
class EventEvidence:
    """One event mention in its context: its article's day, story and the original it copies.

    Mentions from articles with the same `copy_of` (the id of the article whose text they copy,
    or their own id when original) are one independent source.
    """

    mention: CodedEvent
    published_on: date | None
    story_id: str | None
    copy_of: str


class PlaceTier(IntEnum):
    """How precisely a mention places its event, most precise first."""

    SPECIFIC = 0
    REGIONAL = 1
    VAGUE = 2


@dataclass(frozen=True, slots=True)
class ActorName:
    """An actor as compared: folded key, its words, and whether it is a dictionary name."""

    text: str
    key: str
    words: frozenset[str]
    typed: bool


@dataclass(frozen=True, slots=True)
class MentionProfile:
    """A mention with the values the linking rules compare, computed once."""

    evidence: EventEvidence
    order: tuple[date, str, int, int, int]
    kind: str
    modality_group: str
    day: int | None
    spread: int
    tier: PlaceTier
    place: str
    region: str
    country: str
    actor1: ActorName | None
    actor2: ActorName | None
    scope: str


def profile_evidence(evidence: EventEvidence, *, rank: int = 0) -> MentionProfile:
    """The comparable profile of one evidence; `rank` is its place in `order_evidence` order."""
    mention = evidence.mention
    published = evidence.published_on or date.max
    return MentionProfile(
        evidence=evidence,
        order=(published, mention.article_id, mention.trigger_start, mention.trigger_end, rank),
        kind=mention.sub_event_type,
        modality_group=modality_group(mention.modality),
        day=mention.event_date.toordinal() if mention.event_date is not None else None,
        spread=SPREAD_DAYS.get(mention.time_precision or 0, UNKNOWN_SPREAD_DAYS),
        tier=place_tier(mention),
        place=_place_key(mention),
        region=fold_name(mention.admin1 or ""),
        country=mention.country_code or "",
        actor1=_actor(mention.actor1, mention.actor1_type),
        actor2=_actor(mention.actor2, mention.actor2_type),
        scope=f"story:{evidence.story_id}" if evidence.story_id else f"article:{mention.article_id}",
    )


def order_evidence(evidence: EventEvidence) -> tuple[date, str, int, int, str]:
    """A total, input-independent order: publication day, article, trigger, then the whole record.

    Costly (it spells the record out), so it is used once per group to rank the evidences.
    """
    mention = evidence.mention
    return (
        evidence.published_on or date.max,
        mention.article_id,
        mention.trigger_start,
        mention.trigger_end,
        repr(evidence),
    )


def place_tier(mention: CodedEvent) -> PlaceTier:
    """SPECIFIC for a town or named spot, REGIONAL for an admin-1 region, VAGUE otherwise."""
    if mention.geo_precision == REGIONAL_GEO_PRECISION:
        return PlaceTier.REGIONAL if mention.admin1 and mention.geonameid is not None else PlaceTier.VAGUE
    return PlaceTier.SPECIFIC if _place_key(mention) else PlaceTier.VAGUE


def are_compatible(a: MentionProfile, b: MentionProfile) -> bool:
    """Whether two mentions can tell the same event, story aside (see the module docstring)."""
    return (
        a.kind == b.kind
        and a.modality_group == b.modality_group
        and days_fit(a, b)
        and _actors_fit(a, b)
        and _places_fit(a, b)
    )


def are_profiles_linked(a: MentionProfile, b: MentionProfile) -> bool:
    """Compatible, and in one story when either leaves the place vague."""
    if not are_compatible(a, b):
        return False
    return PlaceTier.VAGUE not in (a.tier, b.tier) or a.scope == b.scope


def days_fit(a: MentionProfile, b: MentionProfile) -> bool:
    """Whether the two days are within the larger reach of their precisions."""
    if a.day is None or b.day is None:
        return True
    return abs(a.day - b.day) <= max(a.spread, b.spread, DAY_SLACK)


def profile_keys(profile: MentionProfile) -> tuple[str, ...]:
    """Blocking keys: every pair that `are_profiles_linked` accepts shares at least one."""
    prefix = f"{profile.kind}|{profile.modality_group}"
    keys = [f"{prefix}|{profile.scope}"]
    if profile.tier is PlaceTier.SPECIFIC:
        keys.append(f"{prefix}|place:{profile.place}")
    if profile.tier is not PlaceTier.VAGUE and profile.region:
        keys.append(f"{prefix}|region:{profile.country}|{profile.region}")
    return tuple(keys)


def fold_name(text: str) -> str:
    """The gazetteer's name key ("Pul-e Khumrī" -> "pul e khumri"); case-folded text when not Latin."""
    return name_key(text) or " ".join(text.casefold().split())


def _place_key(mention: CodedEvent) -> str:
    """The folded place name, or the geonameid when no name is known; empty when neither."""
    folded = fold_name(mention.location or "")
    if folded:
        return folded
    return f"#{mention.geonameid}" if mention.geonameid is not None else ""


def _actor(text: str | None, actor_type: str | None) -> ActorName | None:
    if not text:
        return None
    key = fold_name(text)
    words = frozenset(word for word in key.split() if word != "the")
    return ActorName(text=text, key=" ".join(sorted(words)) or key, words=words, typed=actor_type is not None)


def _roles_fit(a: ActorName | None, b: ActorName | None) -> bool:
    if a is None or b is None or a.key == b.key:
        return True
    if a.typed == b.typed:
        return False
    free = b if a.typed else a
    named = a if a.typed else b
    return bool(free.words) and free.words <= named.words


def _actors_fit(a: MentionProfile, b: MentionProfile) -> bool:
    if _roles_fit(a.actor1, b.actor1) and _roles_fit(a.actor2, b.actor2):
        return True
    return a.kind in SYMMETRIC_KINDS and _roles_fit(a.actor1, b.actor2) and _roles_fit(a.actor2, b.actor1)


def _places_fit(a: MentionProfile, b: MentionProfile) -> bool:
    if a.tier > b.tier:
        a, b = b, a
    if b.tier is PlaceTier.VAGUE:
        return not (a.country and b.country) or a.country == b.country
    if a.tier is PlaceTier.SPECIFIC and b.tier is PlaceTier.SPECIFIC:
        return a.place == b.place
    return bool(a.region) and (a.country, a.region) == (b.country, b.region)
