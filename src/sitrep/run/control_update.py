"""Control periods rewritten for the places a fusion batch touched, and presumed rows for the seats.

Each touched place gets its periods from its fused events, starting from its presumed holder (the
baseline's, else the government for an admin-1 seat). Every admin-1 seat of a country whose places
changed gets a row too, held as presumed when no report speaks of it, so a map of the country is
never blank where nothing happened.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from sitrep.codec import from_jsonable, to_jsonable
from sitrep.config import default_value
from sitrep.fuse.baseline import Baseline, load_baseline
from sitrep.fuse.control import COMPONENT, control_periods, presumed_period
from sitrep.fuse.corrections import apply_to_periods
from sitrep.records import ControlBasis, ControlPeriod, ControlState, Correction, Event, GeoEntry
from sitrep.store.base import ControlRow, FusionSession

SeatTest = Callable[[int], bool]


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    """What control needs of the gazetteer and the analyst: seats, entries and the baseline."""

    seat: SeatTest
    entry: Callable[[int], GeoEntry | None] = lambda geonameid: None
    seats: Callable[[str], list[GeoEntry]] = lambda country_code: []
    baseline: Baseline = field(default_factory=Baseline)
    corrections: tuple[Correction, ...] = ()  # the analyst's (`fuse.corrections`), applied on every run


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

    baseline = load_baseline(default_value("baseline"), resolve)
    return PlaceFacts(seat=seat, entry=gazetteer.get, seats=gazetteer.seats, baseline=baseline)


def update_control(session: FusionSession, places: Iterable[int], facts: PlaceFacts) -> set[str]:
    """Rewrite the periods of `places`; returns the countries where one of them changed hands."""
    countries: set[str] = set()
    for place in sorted(set(places)):
        rows = session.fused_at_place("event", place)
        periods = _periods(place, [from_jsonable(Event, json.loads(row.data)) for row in rows], facts)
        session.replace_control(place, [control_row(place, period) for period in periods])
        countries |= {period.country_code or "" for period in periods if _changed_hands(period)} - {""}
    return countries


def _changed_hands(period: ControlPeriod) -> bool:
    """A period a reported change opened: its country is one where control is moving."""
    return period.state == ControlState.CONTROLLED and period.basis == ControlBasis.EVIDENCED


def presume_seats(session: FusionSession, countries: Iterable[str], facts: PlaceFacts) -> int:
    """Give each seat of `countries` that no report speaks of its presumed period; returns how many."""
    written = 0
    for code in sorted(countries):
        for entry in facts.seats(code):
            if session.fused_at_place("event", entry.geonameid):
                continue
            presumption = facts.baseline.presumption(entry, geonameid=entry.geonameid, seat=True,
                                                     country_code=entry.country_code, country=entry.country)
            if presumption is None:
                continue
            period = presumed_period(_place_of(entry), presumption)
            periods = apply_to_periods(entry.geonameid, [period], facts.corrections)
            session.replace_control(entry.geonameid, [control_row(entry.geonameid, item) for item in periods])
            written += 1
    return written


def _periods(place: int, events: list[Event], facts: PlaceFacts) -> list[ControlPeriod]:
    events = [event for event in events if not event.rejected]  # an analyst rejected it
    if not events:
        return apply_to_periods(place, [], facts.corrections)
    seat = facts.seat(place)
    codes = [event.country_code for event in events if event.country_code]
    names = [event.country for event in events if event.country]
    presumption = facts.baseline.presumption(facts.entry(place), geonameid=place, seat=seat,
                                             country_code=codes[0] if codes else None,
                                             country=names[0] if names else None)
    return apply_to_periods(place, control_periods(events, admin1_seat=seat, presumed=presumption),
                            facts.corrections)


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
