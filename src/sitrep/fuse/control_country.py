"""Control read across a country: who "the rebels" are, and what the fall of the capital means.

Two country-wide rules settle what one place's reports leave open (see docs/control.md):

1. The leading side. A place of the country held by an unnamed side ("rebels took the city",
   "Islamist-led fighters") is held by the named group that took the same place about the same
   day, else by the country's leading side: the named non-state group that
   the country's reported captures name most (weighed by independent sources). A country with no
   named captor leaves the unnamed holder as it is.
2. The fall of the capital. When a non-state side takes the national capital, the seats the state
   still held only by presumption or by a reported state pass to that side from that day, shown as
   presumed: a government that has lost its capital no longer holds towns no report speaks of.
   A seat the state holds through a reported recapture keeps it.

Both read the events and periods of the country's seats only, so they are recomputed whenever the
seats of a country are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sitrep.fuse.actors import is_state_forces, is_unnamed
from sitrep.fuse.control import FACTUAL, STATEMENT_TYPES, TAKEOVER_TYPES, control_place
from sitrep.records import ControlBasis, ControlPeriod, ControlState, Event

# The bases a state's holding may have and still pass with the capital: nothing reported it retaken.
UNREPORTED_BASES = frozenset({ControlBasis.PRESUMED, ControlBasis.BASELINE, ControlBasis.REPORTED})
# An unnamed capture this many days from a named group's capture of the same place is that group's.
SAME_CAPTURE_DAYS = 2
# ...unless its unnamed reports weigh more than this many times the named group's.
NAMED_SHARE = 2


@dataclass(frozen=True, slots=True)
class CountryControl:
    """What the country's seats say: its leading named side, and the day and side its capital fell to."""

    leader: str | None = None
    capital_fell: tuple[date, str] | None = None


def leading_side(events: Iterable[Event]) -> str | None:
    """The named non-state side the country's factual captures name most (ties: the first by name)."""
    weight: Counter[str] = Counter()
    for event in events:
        if (event.sub_event_type in TAKEOVER_TYPES and event.modality in FACTUAL and event.actor1
                and control_place(event) is not None and not _unnamed_side(event.actor1, event.actor1_type)
                and not is_state_forces(event.actor1, event.actor1_type)):
            weight[event.actor1] += max(1, event.independent_sources)
    return _heaviest(weight) if weight else None


def name_unnamed_sides(events: Iterable[Event], leader: str | None) -> list[Event]:
    """The events with an unnamed non-state captor or holder ("rebels took the city") named: the
    named group that took the same place within `SAME_CAPTURE_DAYS` days, else the leader.

    "US-backed fighters took X" beside "the Free Hills Army said it had taken X" is that group's
    capture, whoever leads the country's offensive. Read at a seat, "rebels took X" where another
    named group holds X is otherwise the leading side's capture, not a confirmation of that group.
    """
    events = list(events)
    captors = [event for event in events if _named_capture(event)]
    unnamed = [event for event in events if event.sub_event_type in TAKEOVER_TYPES and _names_no_one(event)]
    named = []
    for event in events:
        if not _names_no_one(event):
            named.append(event)
            continue
        side = _same_capture(event, captors, unnamed) or leader
        named.append(replace(event, actor1=side, actor1_type=None) if side else event)
    return named


def _named_capture(event: Event) -> bool:
    return (event.sub_event_type in TAKEOVER_TYPES and event.modality in FACTUAL and event.actor1 is not None
            and not _unnamed_side(event.actor1, event.actor1_type)
            and not is_state_forces(event.actor1, event.actor1_type))


def _same_capture(event: Event, captors: Sequence[Event], unnamed: Sequence[Event]) -> str | None:
    """The named group most sources say took the same place about the same day as an unnamed capture,
    unless the unnamed reports of that capture outweigh it more than `NAMED_SHARE` times over (one
    stray named mention among many unnamed ones does not speak for them)."""
    if event.sub_event_type not in TAKEOVER_TYPES or event.event_date is None:
        return None
    weight: Counter[str] = Counter()
    for captor in _near(event, captors):
        weight[str(captor.actor1)] += max(1, captor.independent_sources)
    if not weight:
        return None
    side = _heaviest(weight)
    others = sum(max(1, other.independent_sources) for other in _near(event, unnamed))
    return side if others <= NAMED_SHARE * weight[side] else None


def _near(event: Event, others: Sequence[Event]) -> list[Event]:
    assert event.event_date is not None
    return [other for other in others
            if other.geonameid == event.geonameid and other.event_date is not None
            and abs((other.event_date - event.event_date).days) <= SAME_CAPTURE_DAYS]


def _names_no_one(event: Event) -> bool:
    return (event.sub_event_type in TAKEOVER_TYPES | STATEMENT_TYPES and event.actor1 is not None
            and _unnamed_side(event.actor1, event.actor1_type)
            and not is_state_forces(event.actor1, event.actor1_type))


def capital_fall(periods: Sequence[ControlPeriod], leader: str | None) -> tuple[date, str] | None:
    """The side the most sources show holding the capital after a reported capture, and the first day
    they do: one outlet's stray capture of the capital by another group does not hand it the country."""
    held = [period for period in periods
            if period.state == ControlState.CONTROLLED and period.basis == ControlBasis.EVIDENCED
            and period.actor and not is_state_forces(period.actor)]
    if not held:
        return None
    weight: Counter[str] = Counter()
    for period in held:
        weight[_named(period.actor, leader)] += max(1, len(period.sources))
    side = _heaviest(weight)
    return min(period.start for period in held if _named(period.actor, leader) == side), side


def settle_seat(periods: Sequence[ControlPeriod], country: CountryControl) -> list[ControlPeriod]:
    """A seat's periods with unnamed holders named and the capital's fall applied (module docstring)."""
    named = [replace(period, actor=_named(period.actor, country.leader)) if period.actor else period
             for period in periods]
    if country.capital_fell is None or not named:
        return named
    day, side = country.capital_fell
    index = next((i for i, p in enumerate(named) if p.start < day and (p.end is None or day < p.end)), None)
    if index is None:
        return named
    held = named[index]
    if (held.state != ControlState.CONTROLLED or not is_state_forces(held.actor)
            or held.basis not in UNREPORTED_BASES):
        return named
    # The state's later periods no capture opened (a contest it defends, its control resuming) go too.
    following = index + 1
    while following < len(named) and named[following].actor == held.actor and not _reported_holding(
            named[following]):
        following += 1
    end = named[following].start if following < len(named) else None
    successor = replace(held, actor=side, start=day, end=end, event_ids=(), sources=(), corroborated=False,
                        denied_by=(), basis=ControlBasis.PRESUMED)
    return [*named[:index], replace(held, end=day), successor, *named[following:]]


def _reported_holding(period: ControlPeriod) -> bool:
    """A holding a reported change opened (a recapture), which the capital's fall does not undo."""
    return period.state == ControlState.CONTROLLED and period.basis == ControlBasis.EVIDENCED


def _named(actor: str | None, leader: str | None) -> str:
    """The holder's name, or the leading side's when the holder is an unnamed non-state side."""
    assert actor is not None
    return leader if leader and _unnamed_side(actor, None) and not is_state_forces(actor) else actor


def _heaviest(weight: Counter[str]) -> str:
    """The side with the most weight; the first by name on a tie (the result depends on no order)."""
    return min(weight, key=lambda side: (-weight[side], side))


def _unnamed_side(actor: str, actor_type: str | None) -> bool:
    return is_unnamed(actor, actor_type)
