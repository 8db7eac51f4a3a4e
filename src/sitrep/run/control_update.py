"""Control periods rewritten for the places a fusion batch touched, and for the seats of their countries.

Each touched place gets its periods from its fused events, starting from its presumed holder (the
baseline's, else for an admin-1 seat its division's reported holder or the government, else the
state when its first change is a non-state capture); an unnamed captor anywhere in a country is
its leading side. Every admin-1 seat of a country whose places changed is rewritten too: held as
presumed when no report speaks of it, so a map of the country is never blank where nothing
happened, and read with its country (the leading side, the fall of the capital).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from sitrep.codec import from_jsonable, to_jsonable
from sitrep.config import default_value
from sitrep.fuse.baseline import Baseline, load_baseline
from sitrep.fuse.control import (
    COMPONENT,
    Presumption,
    capture_presumption,
    control_periods,
    division_presumption,
    division_statement,
    presumed_period,
)
from sitrep.fuse.control_country import (
    CountryControl,
    capital_fall,
    leading_side,
    name_unnamed_sides,
    settle_seat,
)
from sitrep.fuse.corrections import apply_to_periods
from sitrep.records import ControlBasis, ControlPeriod, ControlState, Correction, Event, GeoEntry
from sitrep.store.base import ControlRow, FusionSession

SeatTest = Callable[[int], bool]
CAPITAL_CODE = "PPLC"  # GeoNames' feature code of a national capital


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    """What control needs of the gazetteer and the analyst: seats, entries and the baseline."""

    seat: SeatTest
    entry: Callable[[int], GeoEntry | None] = lambda geonameid: None
    seats: Callable[[str], list[GeoEntry]] = lambda country_code: []
    baseline: Baseline = field(default_factory=Baseline)
    corrections: tuple[Correction, ...] = ()  # the analyst's (`fuse.corrections`), applied on every run
    # A seat's admin-1 division, and a division's seat (GeoNames ids), where the gazetteer knows them.
    division: Callable[[int], int | None] = lambda geonameid: None
    seat_of: Callable[[int], int | None] = lambda geonameid: None


def default_place_facts() -> PlaceFacts:
    """Seats and entries from the default gazetteer, and the baseline of the `baseline` setting."""
    from sitrep.geo.gazetteer import Gazetteer, is_admin1_seat

    gazetteer = Gazetteer.open()

    def seat(geonameid: int) -> bool:
        entry = gazetteer.get(geonameid)
        return entry is not None and is_admin1_seat(entry)

    def resolve(name: str, country: str | None) -> int | None:
        found = [entry for entry in gazetteer.candidates(name)
                 if country is None or entry.country_code == country.upper()]
        return found[0].geonameid if found else None

    def division(geonameid: int) -> int | None:
        entry = gazetteer.get(geonameid)
        if entry is None or not is_admin1_seat(entry) or not entry.admin1_code:
            return None
        row = gazetteer.connection.execute(
            "select geonameid from entries where country_code = ? and admin1_code = ? "
            "and feature_code = 'ADM1' order by geonameid limit 1",
            (entry.country_code, entry.admin1_code)).fetchone()
        return int(row[0]) if row else None

    def seat_of(geonameid: int) -> int | None:
        entry = gazetteer.get(geonameid)
        found = gazetteer.admin1_seat(entry) if entry is not None else None
        return found.geonameid if found is not None else None

    baseline = load_baseline(default_value("baseline"), resolve)
    return PlaceFacts(seat=seat, entry=gazetteer.get, seats=gazetteer.seats, baseline=baseline,
                      division=division, seat_of=seat_of)


def update_control(session: FusionSession, places: Iterable[int], facts: PlaceFacts) -> set[str]:
    """Rewrite the periods of `places`; returns the countries where one of them changed hands.

    Each is read with its country (`fuse.control_country`: its leading side; a seat, the capital's
    fall too); a division's reported state rewrites its seat; `presume_seats`
    then rewrites every seat of the returned countries, so a fallen capital reaches them all.
    """
    countries: set[str] = set()
    read: dict[str, CountryControl] = {}  # each country's seats are read once per batch
    # A region's reported state is read at its seat ("rebel-held X province"): the seat is rewritten.
    for place in sorted({facts.seat_of(place) or place for place in places}):
        events = _events_at(session, place, facts)
        periods = _periods(place, events, facts)
        if periods and (code := periods[0].country_code):
            if code not in read:
                read[code] = country_control(session, code, facts)
            periods = _periods(place, events, facts, country=read[code])
        session.replace_control(place, [control_row(place, period) for period in periods])
        countries |= {period.country_code or "" for period in periods if _changed_hands(period)} - {""}
    return countries


def country_control(session: FusionSession, country_code: str, facts: PlaceFacts) -> CountryControl:
    """The country's leading side and the fall of its capital, read from the events at its seats."""
    seats = facts.seats(country_code)
    events = {entry.geonameid: _events_at(session, entry.geonameid, facts) for entry in seats}
    leader = leading_side(event for found in events.values() for event in found)
    capital = next((entry for entry in seats if entry.feature_code == CAPITAL_CODE), None)
    if capital is None or not events[capital.geonameid]:
        return CountryControl(leader)
    periods = _periods(capital.geonameid, events[capital.geonameid], facts, country=CountryControl(leader))
    return CountryControl(leader, capital_fall(periods, leader))


def _events_at(session: FusionSession, place: int, facts: PlaceFacts) -> list[Event]:
    """The fused events at a place; for a seat, with the reported states of its division too."""
    rows = list(session.fused_at_place("event", place))
    division = facts.division(place) if facts.seat(place) else None
    if division is not None and division != place:
        rows += session.fused_at_place("event", division)
    events = [from_jsonable(Event, json.loads(row.data)) for row in rows]
    # A reported state of a region stands for its seat only (`fuse.control.division_presumption`).
    return [event for event in events if event.geonameid == place or division_statement(event)]


def _changed_hands(period: ControlPeriod) -> bool:
    """A period a reported change opened: its country is one where control is moving."""
    return period.state == ControlState.CONTROLLED and period.basis == ControlBasis.EVIDENCED


def presume_seats(session: FusionSession, countries: Iterable[str], facts: PlaceFacts) -> int:
    """Rewrite every seat of `countries` with its country read in; returns how many were written.

    A seat no report speaks of gets its presumed period; one with reports is recomputed, since
    the country's leading side or its capital's holder may have changed in this batch.
    """
    written = 0
    for code in sorted(countries):
        country = country_control(session, code, facts)
        for entry in facts.seats(code):
            events = _events_at(session, entry.geonameid, facts)
            if events:
                periods = _periods(entry.geonameid, events, facts, country=country)
            else:
                presumption = facts.baseline.presumption(
                    entry, geonameid=entry.geonameid, seat=True, country_code=entry.country_code,
                    country=entry.country)
                if presumption is None:
                    continue
                period = presumed_period(_place_of(entry), presumption)
                periods = apply_to_periods(entry.geonameid, settle_seat([period], country), facts.corrections)
            session.replace_control(entry.geonameid, [control_row(entry.geonameid, item) for item in periods])
            written += 1
    return written


def _periods(place: int, events: list[Event], facts: PlaceFacts, *,
             country: CountryControl | None = None) -> list[ControlPeriod]:
    """The place's periods from its events, its presumption, its country (for a seat) and corrections."""
    events = [event for event in events if not event.rejected]  # an analyst rejected it
    if not events:
        return apply_to_periods(place, [], facts.corrections)
    seat = facts.seat(place)
    if country is not None:
        events = name_unnamed_sides(events, country.leader)
    presumption = _presumption(place, events, facts, seat=seat)
    own = [event for event in events if event.geonameid == place]
    periods = control_periods(own, admin1_seat=seat, presumed=presumption)
    entry = facts.entry(place)
    if not periods and presumption is not None and entry is not None and seat:
        periods = [presumed_period(_place_of(entry), presumption)]  # only its region's state is reported
    if seat and country is not None:
        periods = settle_seat(periods, country)
    return apply_to_periods(place, periods, facts.corrections)


def _presumption(place: int, events: list[Event], facts: PlaceFacts, *, seat: bool) -> Presumption | None:
    """Who holds the place before its first change, first that applies: the analyst's baseline for
    the place, its region's reported state (a seat), the country's baseline or the government (a
    seat), the state a non-state capture was taken from."""
    codes = [event.country_code for event in events if event.country_code]
    names = [event.country for event in events if event.country]
    presumption = facts.baseline.presumption(facts.entry(place), geonameid=place, seat=seat,
                                             country_code=codes[0] if codes else None,
                                             country=names[0] if names else None)
    if seat and place not in facts.baseline.places:
        stated = division_presumption([event for event in events if event.geonameid != place], events)
        presumption = stated or presumption
    return presumption or capture_presumption(events)


def _place_of(entry: GeoEntry) -> ControlPeriod:
    """A period template for a gazetteer entry (state and dates are set by the caller)."""
    return ControlPeriod(
        geonameid=entry.geonameid, place=entry.name, country=entry.country, country_code=entry.country_code,
        admin1=entry.admin1 or None, latitude=entry.latitude, longitude=entry.longitude, admin1_seat=True,
        state=ControlState.UNKNOWN, actor=None, start=date.min, end=None, event_ids=(), sources=(),
        corroborated=False, component=COMPONENT)


def control_row(place: int, period: ControlPeriod) -> ControlRow:
    """The stored row of a period."""
    return ControlRow(geonameid=place, start=period.start, end=period.end, country=period.country,
                      country_code=period.country_code, state=period.state.value, actor=period.actor,
                      admin1_seat=period.admin1_seat,
                      data=json.dumps(to_jsonable(period), ensure_ascii=False))
