"""Control read across a country: the leading side names unnamed holders; a fallen capital takes seats."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from test_fuse_control import ARMY, REBELS, TAKE, day, event

from sitrep.fuse.control import PRESUMED_SINCE, Presumption, control_periods, presumed_period
from sitrep.fuse.control_country import (
    CountryControl,
    capital_fall,
    leading_side,
    name_unnamed_sides,
    settle_seat,
)
from sitrep.records import ControlBasis, ControlPeriod, ControlState

FRONT = "Northern Front"
GENERIC = "Unidentified rebel group"


def held(periods: list[ControlPeriod]) -> list[tuple[str | None, date, date | None, ControlBasis]]:
    """Holder, days and basis of each period."""
    return [(p.actor, p.start, p.end, p.basis) for p in periods]


def test_the_leading_side_is_the_named_captor_most_sources_name() -> None:
    events = [event("e1", TAKE, day(3), REBELS, sources=("A", "B", "C")), event("e2", TAKE, day(4), FRONT),
              event("e3", TAKE, day(5), GENERIC, sources=("D", "E", "F", "G")),
              event("e4", "Government regains territory", day(6), ARMY, sources=("H", "I", "J", "K"))]
    assert leading_side(events) == REBELS
    assert leading_side(events[2:]) is None


def test_an_unnamed_holder_is_the_leading_side() -> None:
    periods = control_periods([event("e1", TAKE, day(8), GENERIC)], admin1_seat=True,
                              presumed=Presumption(ARMY))
    assert [p.actor for p in settle_seat(periods, CountryControl(leader=REBELS))] == [ARMY, REBELS]
    assert [p.actor for p in settle_seat(periods, CountryControl())] == [ARMY, GENERIC]


def test_the_capital_falls_on_the_first_day_a_non_state_side_takes_it() -> None:
    capital = control_periods([event("e1", TAKE, day(15), GENERIC)], admin1_seat=True,
                              presumed=Presumption(ARMY))
    assert capital_fall(capital, REBELS) == (day(15), REBELS)
    assert capital_fall(capital[:1], REBELS) is None


def test_seats_the_state_holds_by_presumption_pass_with_the_capital() -> None:
    presumed = presumed_period(_template(), Presumption(ARMY))
    fallen = CountryControl(REBELS, (day(15), REBELS))
    assert held(settle_seat([presumed], fallen)) == [
        (ARMY, PRESUMED_SINCE, day(15), ControlBasis.PRESUMED),
        (REBELS, day(15), None, ControlBasis.PRESUMED)]
    retaken = control_periods([event("e2", "Government regains territory", day(10), ARMY)], admin1_seat=True,
                              presumed=Presumption(FRONT))
    assert settle_seat(retaken, fallen) == retaken  # a reported recapture is kept
    assert held(settle_seat([presumed], CountryControl(REBELS))) == [
        (ARMY, PRESUMED_SINCE, None, ControlBasis.PRESUMED)]


def _template() -> ControlPeriod:
    """A period of a seat no report speaks of (its state and dates are set by `presumed_period`)."""
    return ControlPeriod(geonameid=7, place="Dashtak", country="Afghanistan", country_code="AF",
                         admin1=None, latitude=None, longitude=None, admin1_seat=True,
                         state=ControlState.UNKNOWN, actor=None, start=date.min, end=None, event_ids=(),
                         sources=(), corroborated=False, component="test")


def test_a_state_reported_after_the_capital_fell_is_kept() -> None:
    later = replace(_template(), state=ControlState.CONTROLLED, actor=ARMY, start=day(20),
                    basis=ControlBasis.REPORTED)
    assert settle_seat([later], CountryControl(REBELS, (day(15), REBELS))) == [later]


def test_a_contest_the_fallen_state_defends_after_the_capital_fell_passes_too() -> None:
    periods = control_periods([event("e1", "Armed clash", day(17), None)], admin1_seat=True,
                              presumed=Presumption(ARMY))
    settled = settle_seat(periods, CountryControl(REBELS, (day(15), REBELS)))
    assert [(p.actor, p.start, p.end) for p in settled] == [
        (ARMY, PRESUMED_SINCE, day(15)), (REBELS, day(15), None)]


def test_at_a_seat_unnamed_rebels_taking_a_place_another_group_holds_are_the_leading_side() -> None:
    front = event("e1", TAKE, day(6), FRONT)
    rebels = event("e2", TAKE, day(10), GENERIC)
    named = name_unnamed_sides([front, rebels], REBELS)
    assert [e.actor1 for e in named] == [FRONT, REBELS]
    periods = control_periods(named, admin1_seat=True, presumed=Presumption(ARMY))
    assert [(p.actor, p.start) for p in periods] == [
        (ARMY, PRESUMED_SINCE), (FRONT, day(6)), (REBELS, day(10))]
    assert name_unnamed_sides([rebels], None) == [rebels]


def test_an_unnamed_capture_beside_a_named_groups_capture_of_the_place_is_that_groups() -> None:
    named = event("e1", TAKE, day(7), FRONT, sources=("A",))
    unnamed = event("e2", TAKE, day(8), GENERIC, sources=("B",))
    assert [e.actor1 for e in name_unnamed_sides([named, unnamed], REBELS)] == [FRONT, FRONT]
    far = replace(unnamed, event_date=day(12))  # days apart: another capture, the leading side's
    assert [e.actor1 for e in name_unnamed_sides([named, far], REBELS)] == [FRONT, REBELS]


def test_many_unnamed_reports_are_not_named_by_one_stray_named_capture() -> None:
    stray = event("e1", TAKE, day(8), FRONT, sources=("A",))
    crowd = event("e2", TAKE, day(8), GENERIC, sources=("B", "C", "D", "E", "F"))
    assert [e.actor1 for e in name_unnamed_sides([stray, crowd], REBELS)] == [FRONT, REBELS]


def test_the_capital_falls_to_the_side_most_sources_show_holding_it() -> None:
    stray = event("e1", TAKE, day(14), FRONT, sources=("A",))
    fall = event("e2", TAKE, day(15), GENERIC, sources=("B", "C", "D"))
    capital = control_periods(name_unnamed_sides([stray, fall], REBELS), admin1_seat=True,
                              presumed=Presumption(ARMY))
    assert capital_fall(capital, REBELS) == (day(15), REBELS)
