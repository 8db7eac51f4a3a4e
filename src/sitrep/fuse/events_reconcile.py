"""One event from its mentions: independent sources, confidence, reconciled fields, disagreements.

Independent sources: each mention's outlet (an article with no outlet is its own source), joined
with every outlet that carries a copy of the same text (`copy_of`); one outlet is one source however
many articles it publishes. Support for a value is the number of independent sources giving it.

Reconciliation, field by field (each tie falls to the next rule):
- modality: most supported; then the stronger (asserted, reported, claimed);
- day: most supported, where a mention supports every day within its precision's reach (a
  week-precise round-up supports the day an earlier report gives) and a mention the text does not
  date supports the days around its article's (or story's) day; then the more precise; then the
  earliest published;
- place: from the most precise tier present (a town beats the region that holds it); most
  supported; then the smaller geo_precision; then the earliest published;
- actors: each role most supported, then the dictionary name over free text, then the earliest
  published; for symmetric kinds the pair of the mention naming the most actors;
- fatalities: most supported; then the lowest (ACLED codes the most conservative count).

Disagreements: `event_date` (two days further apart than both precisions allow), `location` (one
toponym resolved to different places), `actor1` (different names; not for symmetric kinds) and
`fatalities` (different counts), each value with its articles and outlets.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import date
from typing import TypeVar

from sitrep.fuse.events_compat import SYMMETRIC_KINDS, ActorName, MentionProfile, PlaceTier, fold_name
from sitrep.records import CodedEvent, Disagreement, Event, FieldValue, Modality

# Several independent sources never make an event certain.
CONFIDENCE_CAP = 0.99
CONFIDENCE_DIGITS = 4
MODALITY_STRENGTH = (Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED)
UNKNOWN_RANK = 9
# An undated mention backs the days within this reach of its article's (or story's) day, to the week.
UNDATED_SPREAD_DAYS = 3
UNDATED_PRECISION = 2
# How far a dated mention backs other days: "within that week" is the three days either side (as in
# control), "that month" half a month; the wider spread of clustering would let a report dated by its
# publication day back a day five days earlier over the day it says.
BACKING_DAYS = {1: 0, 2: 3, 3: 15}

# A mention and the label of its independent source.
Sourced = tuple[MentionProfile, str]
T = TypeVar("T", bound=Hashable)


def build_event(profiles: Sequence[MentionProfile], *, component: str) -> Event:
    """The event told by `profiles` (one cluster), with every mention kept as evidence."""
    ordered = sorted(profiles, key=lambda profile: profile.order)
    sourced = list(zip(ordered, label_sources(ordered), strict=True))
    first = ordered[0].evidence.mention
    day, precision = _choose_day(sourced)
    place = _choose_place(sourced)
    actor1, actor2 = _choose_actors(sourced)
    return Event(
        event_id=event_id(first),
        component=component,
        event_type=first.event_type,
        sub_event_type=first.sub_event_type,
        modality=_choose_modality(sourced),
        confidence=combine_confidence(sourced),
        event_date=day,
        time_precision=precision,
        actor1=actor1.actor1 if actor1 else None,
        actor1_type=actor1.actor1_type if actor1 else None,
        actor2=actor2.actor2 if actor2 else None,
        actor2_type=actor2.actor2_type if actor2 else None,
        country=place.country if place else None,
        country_code=place.country_code if place else None,
        admin1=place.admin1 if place else None,
        location=place.location if place else None,
        geonameid=place.geonameid if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=_finest_geo_precision(ordered, place),
        fatalities=_choose_fatalities(sourced),
        sources=known_outlets(ordered),
        independent_sources=len({label for _, label in sourced}),
        mentions=tuple(profile.evidence.mention for profile in ordered),
        disagreements=find_disagreements(sourced),
        story_id=_choose_story(ordered),
    )


def event_id(first: CodedEvent) -> str:
    """"E-" + article id + "-" + trigger start of the earliest mention, + "-" + its place when it has one.

    One trigger with a list of places ("took Kunduz, Taloqan and Sar-e Pul") gives one mention per
    place, each the earliest of its own event, so the place keeps their ids apart.
    """
    base = f"E-{first.article_id}-{first.trigger_start}"
    if first.geonameid is not None:
        return f"{base}-{first.geonameid}"
    place = fold_name(first.location or "").replace(" ", "-")
    return f"{base}-{place}" if place else base


def label_sources(ordered: Sequence[MentionProfile]) -> list[str]:
    """Each mention's independent source: outlets joined through shared copies (union-find)."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for profile in ordered:
        # The smaller root wins, so a component's label is its smallest node whatever the order.
        roots = sorted({find(_outlet(profile)), find(f"copy:{profile.evidence.copy_of}")})
        parent[roots[-1]] = roots[0]
    return [find(_outlet(profile)) for profile in ordered]


def known_outlets(profiles: Iterable[MentionProfile]) -> tuple[str, ...]:
    """The distinct known outlets of `profiles`, sorted; articles with no outlet are left out."""
    return tuple(sorted({p.evidence.mention.source for p in profiles if p.evidence.mention.source}))


def combine_confidence(sourced: Sequence[Sourced]) -> float:
    """1 - prod(1 - best confidence of each independent source), capped; one source keeps its own."""
    best: dict[str, float] = {}
    for profile, label in sourced:
        best[label] = max(best.get(label, 0.0), profile.evidence.mention.confidence)
    values = sorted(best.values())
    if len(values) == 1:
        return values[0]
    return min(CONFIDENCE_CAP, round(1.0 - math.prod(1.0 - value for value in values), CONFIDENCE_DIGITS))


def find_disagreements(sourced: Sequence[Sourced]) -> tuple[Disagreement, ...]:
    """The fields on which the mentions differ materially, each value with its articles and outlets."""
    found: list[Disagreement] = []
    if _days_disagree([profile for profile, _ in sourced]):
        found.append(_disagreement("event_date", sourced, _day_text))
    resolved = [item for item in sourced if _resolved_town(item[0]) is not None]
    if len({_resolved_town(profile) for profile, _ in resolved}) > 1:
        found.append(_disagreement("location", resolved, _place_text))
    kind = sourced[0][0].kind
    if kind not in SYMMETRIC_KINDS and len({p.actor1.key for p, _ in sourced if p.actor1}) > 1:
        found.append(_disagreement("actor1", sourced, lambda p: p.actor1.text if p.actor1 else None))
    if len({p.evidence.mention.fatalities for p, _ in sourced} - {None}) > 1:
        found.append(_disagreement("fatalities", sourced, _fatalities_text))
    return tuple(found)


def _outlet(profile: MentionProfile) -> str:
    mention = profile.evidence.mention
    return f"outlet:{mention.source}" if mention.source else f"article:{mention.article_id}"


def _support(
    sourced: Sequence[Sourced], value: Callable[[MentionProfile], T | None]
) -> dict[T, tuple[int, int]]:
    """For each value: (independent sources giving it, index of the first mention giving it)."""
    labels: dict[T, set[str]] = {}
    first: dict[T, int] = {}
    for index, (profile, label) in enumerate(sourced):
        key = value(profile)
        if key is not None:
            labels.setdefault(key, set()).add(label)
            first.setdefault(key, index)
    return {key: (len(found), first[key]) for key, found in labels.items()}


def _choose_modality(sourced: Sequence[Sourced]) -> Modality:
    support = _support(sourced, lambda p: p.evidence.mention.modality)
    strength = {modality: rank for rank, modality in enumerate(MODALITY_STRENGTH)}
    return min(support, key=lambda m: (-support[m][0], strength.get(m, UNKNOWN_RANK), support[m][1]))


def _choose_day(sourced: Sequence[Sourced]) -> tuple[date | None, int | None]:
    """The most supported day (a mention backs each day within its reach), then the most precise.

    A mention the text does not date backs the days of its own article (its publication day, or its
    story's first day, within a week): many undated reports of a capture outweigh one misdated
    mention far from them, and then the event takes their day, to the week.
    """
    dated = [(index, p.day, p.spread, p.evidence.mention.time_precision)
             for index, (p, _) in enumerate(sourced) if p.day is not None]
    undated = [(len(sourced) + index, published.toordinal(), UNDATED_SPREAD_DAYS, UNDATED_PRECISION)
               for index, (p, _) in enumerate(sourced)
               if p.day is None and (published := p.evidence.published_on) is not None]
    if not dated and not undated:
        return None, None

    def backers(day: int) -> int:
        said = {label for p, label in sourced if p.day is not None and abs(p.day - day) <= _backing(p)}
        told = {label for p, label in sourced if p.day is None and p.evidence.published_on is not None
                and abs(day - p.evidence.published_on.toordinal()) <= UNDATED_SPREAD_DAYS}
        return len(said | told)

    candidates = (*dated, *undated)
    # On equal support a day the text gives beats one its article's date implies, whatever its spread.
    index, ordinal, _, precision = min(
        candidates, key=lambda item: (-backers(item[1]), item[0] >= len(sourced), item[2], item[0]))
    if index < len(sourced):
        chosen = sourced[index][0].evidence.mention
        return chosen.event_date, chosen.time_precision
    return date.fromordinal(ordinal), precision


def _backing(profile: MentionProfile) -> int:
    """The days either side of its own that a dated mention backs, by its time precision."""
    return BACKING_DAYS.get(profile.evidence.mention.time_precision or 0, profile.spread)


def _choose_place(sourced: Sequence[Sourced]) -> CodedEvent | None:
    """The mention whose place the event takes: finest tier, most supported, smallest geo_precision."""
    placed = [item for item in sourced if item[0].tier is not PlaceTier.VAGUE or item[0].country]
    if not placed:
        return None
    tier = min(profile.tier for profile, _ in placed)
    in_tier = [item for item in placed if item[0].tier is tier]
    support = _support(in_tier, _place_value)

    def rank(profile: MentionProfile) -> tuple[int, int, bool, int]:
        backers, first = support[_place_value(profile)]
        mention = profile.evidence.mention
        return (-backers, mention.geo_precision or UNKNOWN_RANK, mention.geonameid is None, first)

    return min((profile for profile, _ in in_tier), key=rank).evidence.mention


def _finest_geo_precision(ordered: Sequence[MentionProfile], place: CodedEvent | None) -> int | None:
    """The finest geo_precision among mentions of the chosen place ("Kunduz" over "near Kunduz")."""
    if place is None:
        return None
    same = [p.evidence.mention for p in ordered]
    where = (place.geonameid, place.location)
    precisions = [m.geo_precision for m in same if (m.geonameid, m.location) == where]
    return min((value for value in precisions if value is not None), default=None)


def _choose_actors(sourced: Sequence[Sourced]) -> tuple[CodedEvent | None, CodedEvent | None]:
    """The mentions whose actor1 and actor2 the event takes."""
    if sourced[0][0].kind not in SYMMETRIC_KINDS:
        return _choose_role(sourced, lambda p: p.actor1), _choose_role(sourced, lambda p: p.actor2)

    def rank(item: tuple[int, Sourced]) -> tuple[int, int, int]:
        actors = [actor for actor in (item[1][0].actor1, item[1][0].actor2) if actor is not None]
        return (-len(actors), -sum(actor.typed for actor in actors), item[0])

    best = min(enumerate(sourced), key=rank)[1][0].evidence.mention
    return best, best


def _choose_role(
    sourced: Sequence[Sourced], role: Callable[[MentionProfile], ActorName | None]
) -> CodedEvent | None:
    """The mention naming the most supported actor in `role`, dictionary names first."""
    support = _support(sourced, lambda p: actor.key if (actor := role(p)) else None)
    named = [(profile, actor) for profile, _ in sourced if (actor := role(profile)) is not None]
    if not named:
        return None
    best = min(named, key=lambda item: (-support[item[1].key][0], not item[1].typed, support[item[1].key][1]))
    return best[0].evidence.mention


def _choose_fatalities(sourced: Sequence[Sourced]) -> int | None:
    support = _support(sourced, lambda p: p.evidence.mention.fatalities)
    return min(support, key=lambda count: (-support[count][0], count)) if support else None


def _choose_story(ordered: Sequence[MentionProfile]) -> str | None:
    """The most common story of the mentions; the smallest id on a tie."""
    counts = Counter(p.evidence.story_id for p in ordered if p.evidence.story_id is not None)
    return min(counts, key=lambda story: (-counts[story], story)) if counts else None


def _place_value(profile: MentionProfile) -> tuple[str, str, str, int | None]:
    return (profile.country, profile.region, profile.place, profile.evidence.mention.geonameid)


def _resolved_town(profile: MentionProfile) -> int | None:
    return profile.evidence.mention.geonameid if profile.tier is PlaceTier.SPECIFIC else None


def _days_disagree(profiles: Sequence[MentionProfile]) -> bool:
    """Whether two days lie further apart than both their precisions allow."""
    dated = [(p.day, p.spread) for p in profiles if p.day is not None]
    return any(
        abs(day - other) > spread + other_spread
        for index, (day, spread) in enumerate(dated)
        for other, other_spread in dated[index + 1 :]
    )


def _disagreement(
    field: str, sourced: Sequence[Sourced], text: Callable[[MentionProfile], str | None]
) -> Disagreement:
    """The values of `field`, most supported first, each with its articles and outlets."""
    groups: dict[str, list[Sourced]] = {}
    for profile, label in sourced:
        value = text(profile)
        if value is not None:
            groups.setdefault(value, []).append((profile, label))
    values = [
        (
            -len({label for _, label in members}),
            FieldValue(
                value=value,
                article_ids=tuple(dict.fromkeys(p.evidence.mention.article_id for p, _ in members)),
                sources=known_outlets(p for p, _ in members),
            ),
        )
        for value, members in groups.items()
    ]
    ranked = sorted(values, key=lambda item: (item[0], item[1].value))
    return Disagreement(field=field, values=tuple(value for _, value in ranked))


def _day_text(profile: MentionProfile) -> str | None:
    """The day as TIMEX3 writes it at its precision: 2021-08-09, 2021-W32, 2021-08."""
    mention = profile.evidence.mention
    if mention.event_date is None:
        return None
    if mention.time_precision == 1:
        return mention.event_date.isoformat()
    if mention.time_precision == 2:
        year, week, _ = mention.event_date.isocalendar()
        return f"{year}-W{week:02d}"
    return mention.event_date.isoformat()[:7]


def _place_text(profile: MentionProfile) -> str | None:
    mention = profile.evidence.mention
    return ", ".join(part for part in (mention.location, mention.admin1, mention.country) if part) or None


def _fatalities_text(profile: MentionProfile) -> str | None:
    fatalities = profile.evidence.mention.fatalities
    return str(fatalities) if fatalities is not None else None
