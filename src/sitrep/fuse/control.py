"""Territorial control: who holds each place day by day, as a state machine driven by fused events.

A place's periods come from its territory events only (takeovers, regains, non-violent transfers,
armed clashes and troop withdrawals at a town-level place). The rules, after ACLED's:

- Factual events (asserted, reported, claimed) drive the state; threats, plans and hypotheses
  never do; a denial is attached to the period whose opening change it denies (`denied_by`).
- A takeover opens a CONTROLLED period for its actor1 from the event's day. Several changes on one
  day collapse to the last one (same-day order: clashes and withdrawals before takeovers, then the
  less precise date first, then the latest publication, then the event id).
- A change that is reverted within a day (taken on day D, retaken by the earlier holder on D or D+1)
  is a clash: day D is CONTESTED and the earlier holder keeps the place.
- An armed clash at a held place makes it CONTESTED (actor: the holder) until the next takeover,
  or until `CONTEST_LAPSE_DAYS` pass with no fighting reported, when the holder's control resumes.
  A clash where nobody is known to hold the place opens nothing. A withdrawal of the holder opens UNKNOWN; the
  withdrawal of the attackers ends a contest.
- A date known only to the week or month (time_precision 2 or 3) never overrides a precise change:
  an imprecise takeover by an actor who holds the place at some point of the event's date window
  (in the timeline of the precise events) confirms that holding instead of opening a new one.

`event_ids` of a CONTROLLED period are the takeover reports that open it, then later reports of the
same holder (re-dated or imprecise reports of the same capture, the earlier holder's evidence when a
contest ends); of a CONTESTED period, the clashes and reverted changes. `corroborated` is True when
an opening event has two or more independent sources, or the period's events come from two outlets.
A period's `end` is the `start` of the next one (half-open days: `start <= day < end`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Protocol, TypeVar

from sitrep.extract.ontology import load_ontology
from sitrep.fuse.actors import as_state, is_state_forces, is_unnamed, state_forces
from sitrep.records import (
    FACTUAL_MODALITIES,
    ControlBasis,
    ControlPeriod,
    ControlState,
    DailyHoldings,
    Event,
    Modality,
)

NAME = "sitrep.fuse.control"
VERSION = 1
COMPONENT = f"{NAME}.v{VERSION}"

NON_STATE_CAPTURE = "Non-state actor overtakes territory"
# The sub-types that change who holds a place: the ontology's `territory: true` ones.
TAKEOVER_TYPES = load_ontology().territory_names()
CLASH_TYPES = frozenset({"Armed clash"})
WITHDRAWAL_TYPES = frozenset({"Troop withdrawal"})
# A reported state with no change: "the rebel-held town", "X, which the army controls".
STATEMENT_TYPES = frozenset({"Control statement"})
FACTUAL = frozenset(FACTUAL_MODALITIES)  # one definition: Modality.is_factual (records.py)
# ACLED geo_precision: 1 a town or its outskirts, 2 near a known town; 3 (a region) says nothing of a town.
TOWN_PRECISIONS = frozenset({1, 2})
PRECISE_DAY = 1
# Half-width in days of the window an imprecise date stands for (ACLED: mid-week, mid-month).
WINDOW_DAYS = {1: 0, 2: 3, 3: 15}
# An event no mention's text dates (its day is its articles' or their story's) may lie anywhere in
# the story's run: it confirms a holding its taker has within this many days rather than opening one.
UNDATED_WINDOW_DAYS = 15
# A date of unknown precision is read as "within that week" (how coding dates an undated event).
UNKNOWN_PRECISION = 2
# A contest with no fighting reported for this many days is over; the holder keeps the place.
CONTEST_LAPSE_DAYS = 7
# A denial matches a change this many days either side of its own date (or its date's window).
DENIAL_WINDOW_DAYS = 2
# A change reverted within this many days is an exchange (ACLED: "a day or less" is a clash).
EXCHANGE_DAYS = 1
INDEPENDENT_CORROBORATION = 2

CLASH, WITHDRAWAL, STATEMENT, TAKEOVER = "clash", "withdrawal", "statement", "takeover"
# Within one day, fighting and withdrawals come before the takeover that ends them.
KIND_ORDER = {CLASH: 0, WITHDRAWAL: 1, STATEMENT: 2, TAKEOVER: 3}
# The first day of a presumed state: "since before any report".
PRESUMED_SINCE = date(1900, 1, 1)
# What a generic captor ("the rebels") stands for when matched against holders: any non-state side.
NON_STATE_HOLDER = "\x00non-state"
# Changes this many days before a place's latest reported step are history, not its present state.
HISTORY_DAYS = 365
# A place held by an unnamed side takes the name of the named side that takes it within these days.
NAMING_DAYS = 3
# How much a period's basis is worth when two periods of one holder merge (the stronger stays).
BASIS_STRENGTH = {ControlBasis.PRESUMED: 0, ControlBasis.BASELINE: 1, ControlBasis.REPORTED: 2,
                  ControlBasis.EVIDENCED: 3}
ONE_DAY = timedelta(days=1)
# An unnamed captor outweighs the named ones of its day when its sources are this many times theirs.
GENERIC_MAJORITY = 2
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Step:
    """One event as the state machine reads it: what kind of change, by whom, on which day."""

    day: date
    kind: str
    actor: str | None
    loser: str | None
    parties: tuple[str, ...]
    window: int
    order: tuple[int, int, date, str]
    event: Event
    # A capture by a side the report does not name ("rebels", "fighters", "an Islamist-led alliance").
    generic: bool = False

    @property
    def precise(self) -> bool:
        """True when the date is known to the day."""
        return self.window == 0


@dataclass(frozen=True, slots=True)
class Presumption:
    """Who holds a place before any report says so, and on what basis (presumed or the baseline)."""

    actor: str
    basis: ControlBasis = ControlBasis.PRESUMED


@dataclass(slots=True)
class _Segment:
    """A period being built: its state and holder, the steps that open it and those that confirm it."""

    state: ControlState
    actor: str | None
    start: date
    opening: list[_Step]
    confirming: list[_Step] = field(default_factory=list)
    parties: set[str] = field(default_factory=set)
    last_fight: date | None = None
    basis: ControlBasis = ControlBasis.EVIDENCED


def control_place(event: Event) -> int | None:
    """The geonameid whose control `event` bears on, else None.

    A territory event at a town; or a reported state of a region ("rebel-held X province"), kept at
    the region's id: the region's seat reads it as its presumed holder (`division_presumption`).
    """
    return town_place(event) or (event.geonameid if division_statement(event) else None)


def town_place(event: Event) -> int | None:
    """The geonameid of a territory event at a town (the events that drive a town's periods), else None."""
    kinds = TAKEOVER_TYPES | CLASH_TYPES | WITHDRAWAL_TYPES | STATEMENT_TYPES
    if event.sub_event_type not in kinds or event.geonameid is None:
        return None
    if event.geo_precision not in TOWN_PRECISIONS:
        return None
    if event.modality not in FACTUAL and event.modality != Modality.DENIED:
        return None
    return event.geonameid


def division_statement(event: Event) -> bool:
    """True for a factual reported state of a region, not a town ("the rebel-held province of X")."""
    return (event.sub_event_type in STATEMENT_TYPES and event.geonameid is not None
            and event.geo_precision not in TOWN_PRECISIONS and event.modality in FACTUAL
            and event.actor1 is not None)


def division_presumption(statements: Sequence[Event], events: Sequence[Event]) -> Presumption | None:
    """Who holds a seat before its first change, as reports of its region state it (basis: reported).

    "Rebel-held X province" says who holds the province, so its seat too unless a report of the
    town says otherwise: the region's statements dated before the seat's first reported change
    stand in for the seat's presumed holder, weaker than a statement about the town itself. The side
    the most independent sources name holds it; a named side before an unnamed one ("the rebels").
    """
    relevant = [event for event in events if town_place(event) is not None and event.event_date]
    steps = _current(_read_step(event, {}) for event in relevant if event.modality in FACTUAL)
    first_change = min((step.day for step in steps if step.kind in (TAKEOVER, WITHDRAWAL)), default=None)
    weight: Counter[str] = Counter()
    for event in statements:
        if division_statement(event) and event.event_date and (
                first_change is None or event.event_date < first_change):
            weight[str(event.actor1)] += max(1, event.independent_sources)
    if not weight:
        return None
    holder = min(weight, key=lambda actor: (_generic_name(actor), -weight[actor], actor))
    return Presumption(holder, ControlBasis.REPORTED)


def control_periods(events: Sequence[Event], *, admin1_seat: bool,
                    published: Mapping[str, date] | None = None,
                    presumed: Presumption | None = None) -> list[ControlPeriod]:
    """The control periods of one place, in time order, contiguous, the last one open.

    `published` maps article ids to publication days; it orders same-day reports (latest last).
    `presumed` is who holds the place before any report (the government for an admin-1 seat, or
    the analyst's baseline); a reported state before the first change, or the side the first
    capture was taken from, overrides it (see `initial_holder`).
    """
    relevant = sorted({event for event in events if town_place(event) is not None and event.event_date},
                      key=lambda event: event.event_id)
    steps = sorted((_read_step(event, published or {}) for event in relevant), key=_step_key)
    factual = _current(step for step in steps if step.event.modality in FACTUAL)
    if not factual:
        return []
    initial = _initial_holder(factual, presumed)
    segments, confirmations = _resolve(factual, initial)
    _attach_confirmations(segments, confirmations)
    denials = _match_denials(segments, [step for step in steps if step.event.modality == Modality.DENIED])
    return _to_periods(segments, denials, relevant, admin1_seat=admin1_seat)


def _current(steps: Iterable[_Step]) -> list[_Step]:
    """The steps that bear on the place's present: history (`HISTORY_DAYS` before its latest) is left out.

    "The 2016 siege of the city", "the town fell briefly in 2015": background told in a report of
    today's fighting says who held the place then, not since; the presumption stands in for it.
    """
    ordered = list(steps)
    if not ordered:
        return []
    latest = max(step.day for step in ordered)
    return [step for step in ordered if (latest - step.day).days <= HISTORY_DAYS]


def _initial_holder(steps: Sequence[_Step], presumed: Presumption | None) -> _Segment | None:
    """The place's holder before its first reported change, first rule that applies:

    1. a reported state ("the X-held town") dated before the first capture or withdrawal: X;
    2. the side the first capture was taken from, when a report of it names it (a report of the same
       capture with a vaguer date counts: "took X from Y this week" beside an undated "X fell"), or
       the named side whose withdrawal is the first change ("Y pulled out of X");
    3. the presumption (the government for its admin-1 seats, or the analyst's baseline).
    """
    changes = [step for step in steps if step.kind in (TAKEOVER, WITHDRAWAL)]
    first_change = min((step.day for step in changes), default=None)
    stated = [step for step in steps if step.kind == STATEMENT and step.actor
              and (first_change is None or step.day < first_change)]
    if stated:
        return _Segment(ControlState.CONTROLLED, stated[0].actor, PRESUMED_SINCE, [stated[0]],
                        basis=ControlBasis.REPORTED)
    if first_change is not None:
        # The first change as each report dates it: the same taker's capture told with another date
        # inside the first report's window ("took X from Y on Sunday" beside an undated "X fell to them").
        first = [step for step in changes if step.day == first_change]
        reach = max(step.window for step in first)
        first_takers = {step.actor for step in first if step.kind == TAKEOVER}
        takeovers = [step for step in changes if step.kind == TAKEOVER and (
            step.day == first_change
            or (step.actor in first_takers and abs((step.day - first_change).days) <= reach))]
        # The loser's own capture, reported elsewhere, says the place was someone else's before it.
        takers = {step.actor for step in changes if step.kind == TAKEOVER
                  and step.day - timedelta(days=step.window) < first_change}
        # The most precisely dated report of it first: its loser is the one to believe.
        losers = [step.loser for step in sorted(takeovers, key=lambda step: (step.window, step.day))
                  if step.loser and step.loser not in takers]
        # A side that withdraws first held the place: "the SDF pulled out of X" says X was theirs.
        losers += [step.actor for step in first if step.kind == WITHDRAWAL and step.actor and not step.generic
                   and step.actor not in takers]
        if losers:
            return _Segment(ControlState.CONTROLLED, losers[0], PRESUMED_SINCE, [],
                            basis=ControlBasis.REPORTED)
    if presumed is not None:
        return _Segment(ControlState.CONTROLLED, presumed.actor, PRESUMED_SINCE, [], basis=presumed.basis)
    return None


def capture_presumption(events: Sequence[Event]) -> Presumption | None:
    """The country's own forces as a place's presumed holder, when its first change is a non-state capture.

    A town rebels take, with no report of who held it before, is presumed taken from the state
    (shown as presumed, never as evidenced); a place whose first reported change is a withdrawal
    or a government recapture gets no presumption.
    """
    relevant = [event for event in events if town_place(event) is not None and event.event_date]
    steps = _current(_read_step(event, {}) for event in relevant if event.modality in FACTUAL)
    changes = [step for step in steps if step.kind in (TAKEOVER, WITHDRAWAL)]
    first_change = min((step.day for step in changes), default=None)
    first = [step for step in changes if step.day == first_change]
    if not first or any(step.kind != TAKEOVER or step.event.sub_event_type != NON_STATE_CAPTURE
                        or is_state_forces(step.actor, step.event.actor1_type) for step in first):
        return None
    state = state_forces(first[0].event.country_code, first[0].event.country)
    return Presumption(state) if state else None


def presumed_period(place: ControlPeriod, presumption: Presumption) -> ControlPeriod:
    """The one period of a place no report speaks of: held as presumed since before any report."""
    return replace(place, state=ControlState.CONTROLLED, actor=presumption.actor, start=PRESUMED_SINCE,
                   end=None, event_ids=(), sources=(), corroborated=False, denied_by=(),
                   basis=presumption.basis, component=COMPONENT)


def control_as_of(periods: Sequence[ControlPeriod], day: date) -> list[ControlPeriod]:
    """The period in force on `day` for each place that has one, ordered by place name and id."""
    in_force = {}
    for period in sorted(periods, key=lambda period: (period.geonameid, period.start)):
        if period.start <= day and (period.end is None or day < period.end):
            in_force[period.geonameid] = period
    return sorted(in_force.values(), key=lambda period: (period.place, period.geonameid))


class HeldPeriod(Protocol):
    """What the places-held count reads of a period: a `ControlPeriod`, or a stored control row."""

    @property
    def geonameid(self) -> int: ...
    @property
    def start(self) -> date: ...
    @property
    def end(self) -> date | None: ...
    @property
    def state(self) -> str: ...
    @property
    def actor(self) -> str | None: ...


def holdings_by_day(periods: Sequence[HeldPeriod], first: date, last: date) -> list[DailyHoldings]:
    """Places CONTROLLED by each actor on every day from `first` to `last` (actors seen in the range).

    A sweep: each place's periods are cut where any of them starts or ends, each piece is held by
    the period `control_as_of` would pick on its first day, and the counts change only at the cuts.
    """
    changes: dict[str, Counter[date]] = defaultdict(Counter)
    places: dict[int, list[HeldPeriod]] = defaultdict(list)
    for period in periods:
        places[period.geonameid].append(period)
    for own in places.values():
        for begin, end, holder in _pieces(own):
            changes[holder][begin] += 1
            if end is not None:
                changes[holder][end] -= 1
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    counts: dict[str, list[int]] = {}
    for actor, deltas in changes.items():
        held = sum(delta for day, delta in deltas.items() if day <= first)
        series = [held]
        for day in days[1:]:
            held += deltas.get(day, 0)
            series.append(held)
        if any(series):
            counts[actor] = series
    # Every actor that holds a place on some day of the range gets a count (zero too) on each day.
    actors = sorted(counts)
    return [DailyHoldings(day=day, counts=tuple((actor, counts[actor][index]) for actor in actors))
            for index, day in enumerate(days)]


def _pieces(periods: list[HeldPeriod]) -> list[tuple[date, date | None, str]]:
    """(first day, end or None, actor) of the stretches one place is held, as `control_as_of` reads it."""
    ordered = sorted(periods, key=lambda period: period.start)
    cuts = sorted({period.start for period in ordered} | {period.end for period in ordered if period.end})
    pieces = []
    for index, begin in enumerate(cuts):
        end = cuts[index + 1] if index + 1 < len(cuts) else None
        in_force = [period for period in ordered
                    if period.start <= begin and (period.end is None or begin < period.end)]
        if in_force and in_force[-1].state == ControlState.CONTROLLED and in_force[-1].actor:
            pieces.append((begin, end, str(in_force[-1].actor)))
    return pieces


# --- Reading events


def _read_step(event: Event, published: Mapping[str, date]) -> _Step:
    """The step an event stands for; its date window comes from its time precision."""
    assert event.event_date is not None  # filtered by the caller
    precision = event.time_precision or UNKNOWN_PRECISION
    kind = _kind_of(event)
    # A pro-government ally holding a place holds it for the state: no change of holder.
    actor = None if kind == CLASH else as_state(event.actor1, event.country_code, event.country)
    parties = tuple(sorted({name for name in (event.actor1, event.actor2) if name}))
    days = [_day_of(published[m.article_id]) for m in event.mentions if m.article_id in published]
    latest = max(days, default=date.min)
    loser = event.actor2 if kind == TAKEOVER else None
    generic = actor is not None and kind in (TAKEOVER, STATEMENT) and not is_state_forces(
        actor, event.actor1_type) and is_unnamed(actor, event.actor1_type)
    window = WINDOW_DAYS.get(precision, WINDOW_DAYS[3])
    if all(mention.event_date is None for mention in event.mentions):
        window = max(window, UNDATED_WINDOW_DAYS)
    return _Step(day=event.event_date, kind=kind, actor=actor, loser=loser, parties=parties,
                 window=window,
                 order=(KIND_ORDER[kind], -precision, latest, event.event_id), event=event, generic=generic)


def _day_of(moment: date) -> date:
    """The day of a date or datetime (the two do not compare with each other)."""
    return moment.date() if isinstance(moment, datetime) else moment


def _kind_of(event: Event) -> str:
    """Takeover, reported state, clash or withdrawal, by the event's sub-type."""
    if event.sub_event_type in TAKEOVER_TYPES:
        return TAKEOVER
    if event.sub_event_type in STATEMENT_TYPES:
        return STATEMENT
    return CLASH if event.sub_event_type in CLASH_TYPES else WITHDRAWAL


def _step_key(step: _Step) -> tuple[date, tuple[int, int, date, str]]:
    """Day first, then the same-day order (the last step of a day is the one that stands)."""
    return step.day, step.order


# --- Imprecise dates


def _resolve(steps: list[_Step], initial: _Segment | None) -> tuple[list[_Segment], list[_Step]]:
    """The segments of all steps, and the imprecise takeovers that only confirm a holding."""
    precise = [step for step in steps if step.precise]
    timeline = _track(precise, initial)
    placed, confirmations = list(precise), []
    precise_takeovers = [step for step in precise if step.kind == TAKEOVER]
    for step in (step for step in steps if not step.precise):
        # The taker holds (or defends) the place on some day of the report's date window.
        if step.kind == TAKEOVER and step.actor and _overlapping(timeline, _holder_for(step), step):
            confirmations.append(step)
        elif (moved := _place_imprecise(step, precise_takeovers)) is not None:
            placed.append(moved)
    return _track(sorted(placed, key=_step_key), initial), confirmations


def _place_imprecise(step: _Step, precise_takeovers: list[_Step]) -> _Step | None:
    """Where an imprecise step goes among precise takeovers, or None when it cannot be placed.

    An imprecise clash or withdrawal near a precise change cannot be put before or after it, and an
    imprecise capture by no side named near a precise capture is that capture told vaguely, so
    both are left out; an imprecise capture by the side that lost the place on a precise day happened
    before that day.
    """
    near = [other for other in precise_takeovers if abs((other.day - step.day).days) <= step.window]
    if step.kind != TAKEOVER or (near and (step.actor is None or step.generic)):
        return None if near else step  # "the town fell" this month: the precise capture near it
    lost = [other.day for other in near if step.actor and other.loser == step.actor]
    return replace(step, day=min(step.day, min(lost) - ONE_DAY)) if lost else step


def _holder_for(step: _Step) -> str | None:
    """Whom a step's capture names: its actor, or (a generic captor) any non-state holder."""
    return NON_STATE_HOLDER if step.generic else step.actor


def _holds(segment: _Segment, actor: str | None) -> bool:
    """Whether the segment's holder is `actor` (`NON_STATE_HOLDER`: any side but a state's forces)."""
    if actor == NON_STATE_HOLDER:
        return segment.actor is not None and not is_state_forces(segment.actor)
    return segment.actor == actor


def _overlapping(segments: list[_Segment], actor: str | None, step: _Step) -> list[_Segment]:
    """The segments held by `actor` that overlap the step's date window."""
    low, high = step.day - timedelta(days=step.window), step.day + timedelta(days=step.window)
    found = []
    for index, segment in enumerate(segments):
        end = segments[index + 1].start if index + 1 < len(segments) else None
        if _holds(segment, actor) and segment.start <= high and (end is None or end > low):
            found.append(segment)
    return found


def _attach_confirmations(segments: list[_Segment], confirmations: list[_Step]) -> None:
    """Add each confirming report to its actor's controlled segment whose start is nearest its date."""
    for step in confirmations:
        overlapping = _overlapping(segments, _holder_for(step), step)
        held = [s for s in overlapping if s.state == ControlState.CONTROLLED]
        if held:
            nearest = min(held, key=lambda s: (abs((s.start - step.day).days), s.start))
            nearest.confirming.append(step)


def _match_denials(segments: list[_Segment], denials: list[_Step]) -> dict[int, list[str]]:
    """Denials by segment index: each goes to the change of its kind and actor nearest its date."""
    matched: dict[int, list[str]] = defaultdict(list)
    for step in denials:
        reach = max(DENIAL_WINDOW_DAYS, step.window)
        candidates = [(abs((segment.start - step.day).days), segment.start, index)
                      for index, segment in enumerate(segments)
                      if abs((segment.start - step.day).days) <= reach and _opened_by(segment, step)]
        if candidates:
            matched[min(candidates)[2]].append(step.event.event_id)
    return matched


def _opened_by(segment: _Segment, denial: _Step) -> bool:
    """True when one of the segment's opening steps is the change the denial denies."""
    return any(step.kind == denial.kind and (denial.actor is None or step.actor == denial.actor)
               for step in segment.opening)


# --- The state machine


def _track(steps: list[_Step], initial: _Segment | None = None) -> list[_Segment]:
    """Run the state machine over steps sorted by `_step_key`, from the `initial` holder if any."""
    by_day: dict[date, list[_Step]] = defaultdict(list)
    for step in steps:
        by_day[step.day].append(step)
    tracker = _Tracker()
    if initial is not None:
        tracker.segments.append(replace(initial, opening=list(initial.opening), confirming=[],
                                        parties=set()))
    skipped: set[date] = set()
    for day in sorted(by_day):
        if day in skipped:
            continue
        tracker.lapse_before(day)
        takeovers = [step for step in by_day[day] if step.kind == TAKEOVER]
        if not takeovers:
            tracker.apply_statements(day, [step for step in by_day[day] if step.kind == STATEMENT])
            tracker.apply_fighting(day, [step for step in by_day[day] if step.kind != STATEMENT])
            continue
        # A change reverted within EXCHANGE_DAYS is an exchange: look at that day's takeovers too.
        next_day = day + timedelta(days=EXCHANGE_DAYS)
        following = [step for step in by_day.get(next_day, []) if step.kind == TAKEOVER]
        if tracker.apply_takeovers(day, takeovers, following):
            skipped.add(next_day)
    tracker.lapse_before(None)
    return _name_generic_holders(tracker.segments)


def _strongest(steps: Sequence[_Step]) -> str | None:
    """The taker of a day: the side the most independent sources name (ties: the day's last report)."""
    weight: Counter[str] = Counter()
    last: dict[str, int] = {}
    for index, step in enumerate(steps):
        if step.actor is not None:
            weight[step.actor] += max(1, step.event.independent_sources)
            last[step.actor] = index
    return max(weight, key=lambda actor: (weight[actor], last[actor])) if weight else None


def _outweighed_specific(specific: list[_Step], named: list[_Step]) -> list[_Step]:
    """The day's captures by named sides, or none when far more sources tell an unnamed side's.

    "Rebels took the city" from ten outlets and one report naming another group: the one report is
    more likely a mis-bound name than the story, so the unnamed side takes the day.
    """
    weight = sum(max(1, step.event.independent_sources) for step in specific)
    unnamed = sum(max(1, step.event.independent_sources) for step in named if step.generic)
    return [] if unnamed > GENERIC_MAJORITY * weight else specific


def _name_generic_holders(segments: list[_Segment]) -> list[_Segment]:
    """A place held by an unnamed side ("rebels") that a named group takes within `NAMING_DAYS`
    was that group's: the two periods become one, held by the named group from the first day."""
    named: list[_Segment] = []
    for segment in segments:
        previous = named[-1] if named else None
        if (previous is not None and previous.state == segment.state == ControlState.CONTROLLED
                and previous.actor and segment.actor and _generic_name(previous.actor)
                and not _generic_name(segment.actor) and not is_state_forces(segment.actor)
                and (segment.start - previous.start).days <= NAMING_DAYS):
            previous.actor = segment.actor
            previous.confirming.extend([*segment.opening, *segment.confirming])
            continue
        named.append(segment)
    return named


def _generic_name(actor: str) -> bool:
    """A holder name that names no one ("Unidentified rebel group", "Islamist")."""
    return not is_state_forces(actor) and is_unnamed(actor, None)


class _Tracker:
    """The segments of one place, opened one change at a time."""

    def __init__(self) -> None:
        self.segments: list[_Segment] = []

    @property
    def current(self) -> _Segment | None:
        """The latest segment, if any."""
        return self.segments[-1] if self.segments else None

    def holder(self) -> str | None:
        """Who holds (or defends) the place now, if anyone is known to."""
        current = self.current
        return current.actor if current is not None else None

    def open(self, segment: _Segment) -> None:
        """Start a segment; one that starts the same day replaces it, one with the same state merges."""
        while self.segments and self.segments[-1].start >= segment.start:
            self.segments.pop()
        current = self.current
        if current is None or (current.state, current.actor) != (segment.state, segment.actor):
            self.segments.append(segment)
            return
        current.confirming.extend([*segment.opening, *segment.confirming])
        current.parties |= segment.parties
        if BASIS_STRENGTH[segment.basis] > BASIS_STRENGTH[current.basis]:
            current.basis = segment.basis
        if segment.last_fight is not None:
            current.last_fight = max(filter(None, (current.last_fight, segment.last_fight)))

    def evidence(self, actor: str) -> list[_Step]:
        """The opening steps of the actor's latest controlled segment (why we say it holds the place)."""
        for segment in reversed(self.segments):
            if segment.state == ControlState.CONTROLLED and segment.actor == actor:
                return list(segment.opening)
        return []

    def resume(self, day: date, reasons: list[_Step]) -> None:
        """The defender keeps the place from `day` (UNKNOWN when there was no known holder)."""
        holder = self.holder()
        if holder is None:
            self.open(_Segment(ControlState.UNKNOWN, None, day, list(reasons)))
            return
        evidence = self.evidence(holder)
        opening, confirming = (evidence, list(reasons)) if evidence else (list(reasons), [])
        self.open(_Segment(ControlState.CONTROLLED, holder, day, opening, confirming,
                           basis=self.basis_of(holder)))

    def basis_of(self, actor: str) -> ControlBasis:
        """The basis of the actor's latest controlled segment (a contest's defender keeps its own)."""
        for segment in reversed(self.segments):
            if segment.state == ControlState.CONTROLLED and segment.actor == actor:
                return segment.basis
        return ControlBasis.EVIDENCED

    def lapse_before(self, day: date | None) -> None:
        """End a contest with no fighting for `CONTEST_LAPSE_DAYS` before `day` (None: at the end)."""
        current = self.current
        if current is None or current.state != ControlState.CONTESTED or current.last_fight is None:
            return
        lapse = current.last_fight + timedelta(days=CONTEST_LAPSE_DAYS + 1)
        if day is None or day > lapse:
            self.resume(lapse, [])

    def apply_takeovers(self, day: date, takeovers: list[_Step], following: list[_Step]) -> bool:
        """Apply one day's takeovers; True when the next day's takeovers were used (a reverted change)."""
        named = [step for step in takeovers if step.actor is not None]
        prior = self.holder() or takeovers[0].loser
        if not named:
            self.apply_unnamed(day, takeovers)
            return False
        specific = [step for step in named if not step.generic]
        current = self.current
        if not specific and current is not None and current.state == ControlState.CONTROLLED and \
                current.basis == ControlBasis.EVIDENCED and _holds(current, NON_STATE_HOLDER):
            current.confirming.extend(takeovers)  # "the rebels took it" where a named group holds it
            return False
        candidates = _outweighed_specific(specific, named) or named
        # A retake by the holder the same day is an exchange (the day's last report decides);
        # rival takers are weighed by their independent sources.
        retaken = prior is not None and any(step.actor == prior for step in candidates)
        taker = candidates[-1].actor if retaken else _strongest(candidates)
        if taker is not None and taker == prior:
            if any(step.actor not in (None, prior) for step in named):
                self.open(_Segment(ControlState.CONTESTED, prior, day, takeovers))
                self.resume(day + ONE_DAY, [step for step in named if step.actor == taker][-1:])
            else:
                self.confirm(day, prior, takeovers)
            return False
        reverted = [step for step in following if step.actor is not None]
        if prior is not None and reverted and reverted[-1].actor == prior:
            self.open(_Segment(ControlState.CONTESTED, prior, day, [*takeovers, reverted[-1]]))
            self.resume(day + ONE_DAY, [reverted[-1]])
            return True
        opening = [step for step in takeovers if step.actor in (taker, None)]
        self.open(_Segment(ControlState.CONTROLLED, taker, day, opening))
        return False

    def apply_unnamed(self, day: date, takeovers: list[_Step]) -> None:
        """A place "fell" with no taker named: a report of the holder's capture, or the holder's loss.

        Only a holder that a report put there can be "confirmed" this way: a presumed holder is the
        side such a fall is taken from.
        """
        current = self.current
        evidenced = current is not None and current.basis == ControlBasis.EVIDENCED
        if current is not None and evidenced and current.state == ControlState.CONTROLLED and all(
                step.loser != current.actor for step in takeovers):
            current.confirming.extend(takeovers)
            return
        self.open(_Segment(ControlState.UNKNOWN, None, day, list(takeovers)))

    def confirm(self, day: date, holder: str, takeovers: list[_Step]) -> None:
        """The holder's own takeover reports: confirmations, or the end of a contest in its favour."""
        current = self.current
        if current is not None and current.state == ControlState.CONTROLLED and current.actor == holder:
            current.confirming.extend(takeovers)
            current.basis = ControlBasis.EVIDENCED
        else:
            self.open(_Segment(ControlState.CONTROLLED, holder, day, list(takeovers)))

    def apply_statements(self, day: date, statements: list[_Step]) -> None:
        """Reported states confirm the holder; they settle a place held only by presumption.

        A capture outranks a state phrase: a holder put there by a reported change is never
        replaced by one ("the government-held city" in a report's background).
        """
        named = Counter(step.actor for step in statements if step.actor)
        if not named:
            return
        actor = min(named, key=lambda name: (-named[name], name))
        backing = [step for step in statements if step.actor == actor]
        current = self.current
        if current is not None and current.actor == actor and current.state == ControlState.CONTROLLED:
            current.confirming.extend(backing)
        elif (current is None or current.basis != ControlBasis.EVIDENCED
              or current.state == ControlState.UNKNOWN):
            self.open(_Segment(ControlState.CONTROLLED, actor, day, backing, basis=ControlBasis.REPORTED))

    def apply_fighting(self, day: date, steps: list[_Step]) -> None:
        """Apply one day's clashes, then its withdrawals."""
        for step in steps:
            if step.kind == CLASH:
                self.contest(day, step)
            else:
                self.withdraw(day, step)

    def contest(self, day: date, step: _Step) -> None:
        """A clash makes a held place contested, with the holder as the defender.

        Fighting in a place nobody is known to hold (an attack in a capital) says nothing of who
        controls it: no period is opened.
        """
        if self.holder() is None:
            return
        self.open(_Segment(ControlState.CONTESTED, self.holder(), day, [step], parties=set(step.parties),
                           last_fight=day))

    def withdraw(self, day: date, step: _Step) -> None:
        """The holder's withdrawal leaves the place unknown; the attackers' ends a contest."""
        holder, current = self.holder(), self.current
        if step.actor is None:
            return
        if holder is None or step.actor == holder:
            self.open(_Segment(ControlState.UNKNOWN, None, day, [step]))
        elif current and current.state == ControlState.CONTESTED and step.actor in current.parties:
            self.resume(day, [step])


# --- Periods


def _to_periods(segments: list[_Segment], denials: Mapping[int, list[str]], events: list[Event], *,
                admin1_seat: bool) -> list[ControlPeriod]:
    """Freeze segments into contiguous periods, placed where most of the events place them."""
    position = _most_common([(e.latitude, e.longitude) for e in events if e.latitude is not None])
    geonameid = _most_common([e.geonameid for e in events])
    assert geonameid is not None  # every event passed `control_place`
    place = ControlPeriod(
        geonameid=geonameid, place=_most_common([e.location for e in events]) or str(geonameid),
        country=_most_common([e.country for e in events]),
        country_code=_most_common([e.country_code for e in events]),
        admin1=_most_common([e.admin1 for e in events]), latitude=position[0] if position else None,
        longitude=position[1] if position else None, admin1_seat=admin1_seat, state=ControlState.UNKNOWN,
        actor=None, start=date.min, end=None, event_ids=(), sources=(), corroborated=False,
        component=COMPONENT)
    periods = []
    for index, segment in enumerate(segments):
        end = segments[index + 1].start if index + 1 < len(segments) else None
        justifying = _unique_events([*segment.opening, *sorted(segment.confirming, key=_step_key)])
        sources = sorted({source for event in justifying for source in event.sources})
        periods.append(replace(
            place, state=segment.state, actor=segment.actor, start=segment.start, end=end,
            event_ids=tuple(event.event_id for event in justifying), sources=tuple(sources),
            corroborated=_is_corroborated(segment, sources), denied_by=tuple(sorted(denials.get(index, []))),
            basis=segment.basis))
    return periods


def _unique_events(steps: Iterable[_Step]) -> list[Event]:
    """The steps' events, each once, in step order."""
    return list({step.event.event_id: step.event for step in steps}.values())


def _is_corroborated(segment: _Segment, sources: list[str]) -> bool:
    """Two independent sources for an opening event, or two outlets across the period's events."""
    opening = any(step.event.independent_sources >= INDEPENDENT_CORROBORATION for step in segment.opening)
    return opening or len(sources) >= INDEPENDENT_CORROBORATION


def _most_common(values: Sequence[T | None]) -> T | None:
    """The most frequent value that is not None; ties go to the smallest, by its text."""
    counts = Counter(value for value in values if value is not None)
    if not counts:
        return None
    return min(counts, key=lambda value: (-counts[value], str(value)))
