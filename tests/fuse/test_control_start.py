"""Control before and around the first report: presumed seats, reported states, unnamed captors."""

from __future__ import annotations

from datetime import date

from test_fuse_control import ARMY, REBELS, TAKE, WITHDRAW, day, event, shape

from sitrep.fuse.control import PRESUMED_SINCE, Presumption, capture_presumption, control_periods
from sitrep.records import ControlBasis, ControlState

STATEMENT = "Control statement"
FRONT = "Northern Front"
GENERIC = "Unidentified rebel group"


def test_a_seat_is_presumed_held_by_the_government_until_a_capture() -> None:
    periods = control_periods([event("e1", TAKE, day(8), REBELS)], admin1_seat=True,
                              presumed=Presumption(ARMY))
    assert shape(periods) == [(ControlState.CONTROLLED, ARMY, PRESUMED_SINCE, day(8)),
                              (ControlState.CONTROLLED, REBELS, day(8), None)]
    assert [p.basis for p in periods] == [ControlBasis.PRESUMED, ControlBasis.EVIDENCED]
    assert periods[0].event_ids == () and not periods[0].corroborated


def test_a_reported_state_before_any_capture_is_the_starting_holder() -> None:
    held = event("s1", STATEMENT, day(5), FRONT)
    periods = control_periods([held], admin1_seat=True, presumed=Presumption(ARMY))
    assert shape(periods) == [(ControlState.CONTROLLED, FRONT, PRESUMED_SINCE, None)]
    assert periods[0].basis == ControlBasis.REPORTED and periods[0].event_ids == ("s1",)


def test_a_reported_state_never_undoes_a_reported_capture() -> None:
    taken = event("e1", TAKE, day(3), REBELS)
    background = event("s1", STATEMENT, day(6), ARMY)  # "the once government-held city"
    periods = control_periods([taken, background], admin1_seat=True, presumed=Presumption(ARMY))
    assert shape(periods)[-1] == (ControlState.CONTROLLED, REBELS, day(3), None)


def test_a_reported_state_settles_a_place_nobody_is_known_to_hold() -> None:
    left = event("w1", WITHDRAW, day(4), ARMY)
    held = event("s1", STATEMENT, day(9), FRONT)
    periods = control_periods([left, held], admin1_seat=True, presumed=Presumption(ARMY))
    assert shape(periods) == [(ControlState.CONTROLLED, ARMY, PRESUMED_SINCE, day(4)),
                              (ControlState.UNKNOWN, None, day(4), day(9)),
                              (ControlState.CONTROLLED, FRONT, day(9), None)]
    assert periods[-1].basis == ControlBasis.REPORTED


def test_the_side_a_capture_was_taken_from_held_the_place_before() -> None:
    periods = control_periods([event("e1", TAKE, day(8), REBELS, actor2=FRONT)], admin1_seat=False)
    assert shape(periods) == [(ControlState.CONTROLLED, FRONT, PRESUMED_SINCE, day(8)),
                              (ControlState.CONTROLLED, REBELS, day(8), None)]
    assert periods[0].basis == ControlBasis.REPORTED


def test_an_unnamed_fall_of_a_presumed_holding_is_not_the_holders_own_capture() -> None:
    periods = control_periods([event("e1", TAKE, day(8))], admin1_seat=True, presumed=Presumption(ARMY))
    assert shape(periods)[-1] == (ControlState.UNKNOWN, None, day(8), None)


def test_rebels_taking_a_place_a_named_group_holds_confirm_the_group() -> None:
    named = event("e1", TAKE, day(3), FRONT)
    generic = event("e2", TAKE, day(6), GENERIC)
    vague = event("e3", TAKE, day(7), "Islamist", precision=2)
    periods = control_periods([named, generic, vague], admin1_seat=False)
    assert shape(periods) == [(ControlState.CONTROLLED, FRONT, day(3), None)]
    assert periods[0].event_ids == ("e1", "e2", "e3")


def test_a_place_held_by_unnamed_rebels_is_the_group_that_takes_it_days_later() -> None:
    periods = control_periods([event("e1", TAKE, day(3), GENERIC), event("e2", TAKE, day(5), FRONT)],
                              admin1_seat=False)
    assert shape(periods) == [(ControlState.CONTROLLED, FRONT, day(3), None)]


def test_unnamed_rebels_weeks_before_a_named_group_stay_apart() -> None:
    periods = control_periods([event("e1", TAKE, day(1), GENERIC), event("e2", TAKE, day(20), FRONT)],
                              admin1_seat=False)
    assert [actor for _, actor, _, _ in shape(periods)] == [GENERIC, FRONT]


def test_the_baseline_holder_is_kept_apart_from_the_presumed_one() -> None:
    periods = control_periods([event("e1", TAKE, date(2021, 8, 8), REBELS)], admin1_seat=False,
                              presumed=Presumption(FRONT, ControlBasis.BASELINE))
    assert periods[0].actor == FRONT and periods[0].basis == ControlBasis.BASELINE


def test_a_capture_years_before_the_places_latest_report_is_history() -> None:
    background = event("e0", TAKE, date(2015, 9, 28), REBELS, precision=3)
    clash = event("c1", "Armed clash", day(5), REBELS, actor2=ARMY)
    periods = control_periods([background, clash], admin1_seat=True, presumed=Presumption(ARMY))
    assert [(state, actor) for state, actor, _, _ in shape(periods)] == [
        (ControlState.CONTROLLED, ARMY), (ControlState.CONTESTED, ARMY), (ControlState.CONTROLLED, ARMY)]
    assert all(period.start.year != 2015 for period in periods)


def test_a_day_goes_to_the_side_most_independent_sources_name() -> None:
    many = event("e1", TAKE, day(8), REBELS, sources=("Outlet A", "Outlet B", "Outlet C", "Outlet D"))
    one = event("e2", TAKE, day(8), FRONT, sources=("Outlet E",))
    periods = control_periods([many, one], admin1_seat=True, presumed=Presumption(ARMY))
    assert shape(periods)[-1] == (ControlState.CONTROLLED, REBELS, day(8), None)


def test_a_days_many_unnamed_reports_outweigh_one_named_group() -> None:
    many = event("e1", TAKE, day(8), GENERIC, sources=("Outlet A", "Outlet B", "Outlet C"))
    one = event("e2", TAKE, day(8), FRONT, sources=("Outlet D",))
    periods = control_periods([many, one], admin1_seat=True, presumed=Presumption(ARMY))
    assert shape(periods)[-1] == (ControlState.CONTROLLED, GENERIC, day(8), None)
    even = event("e3", TAKE, day(8), FRONT, sources=("Outlet D", "Outlet E"))
    periods = control_periods([many, even], admin1_seat=True, presumed=Presumption(ARMY))
    assert shape(periods)[-1] == (ControlState.CONTROLLED, FRONT, day(8), None)


def test_a_town_rebels_take_is_presumed_taken_from_the_state() -> None:
    capture = event("e1", TAKE, day(8), REBELS)
    presumption = capture_presumption([capture])
    assert presumption == Presumption(ARMY, ControlBasis.PRESUMED)
    periods = control_periods([capture], admin1_seat=False, presumed=presumption)
    assert [(p.actor, p.start, p.basis) for p in periods] == [
        (ARMY, PRESUMED_SINCE, ControlBasis.PRESUMED), (REBELS, day(8), ControlBasis.EVIDENCED)]
    assert capture_presumption([event("e2", WITHDRAW, day(8), ARMY), capture]) is None
    assert capture_presumption([event("e3", "Government regains territory", day(8), ARMY)]) is None


def test_a_vague_unnamed_fall_near_a_precise_capture_is_that_capture() -> None:
    vague = event("e1", TAKE, day(2), None, precision=3)
    named = event("e2", TAKE, day(10), REBELS)
    periods = control_periods([vague, named], admin1_seat=True, presumed=Presumption(ARMY))
    assert shape(periods) == [(ControlState.CONTROLLED, ARMY, PRESUMED_SINCE, day(10)),
                              (ControlState.CONTROLLED, REBELS, day(10), None)]


def test_the_side_that_withdraws_first_held_the_place() -> None:
    periods = control_periods([event("w1", WITHDRAW, day(6), FRONT), event("e1", TAKE, day(9), REBELS)],
                              admin1_seat=False)
    assert [(p.actor, p.start) for p in periods][:2] == [(FRONT, PRESUMED_SINCE), (None, day(6))]
    assert periods[0].basis == ControlBasis.REPORTED


def test_the_loser_comes_from_the_best_dated_report_of_the_first_capture() -> None:
    # An undated "fell to the rebels" (its story's first day) and the same capture dated by the text,
    # which names whom it was taken from: that side held the town before.
    vague = event("e1", TAKE, day(2), REBELS, actor2="Hill Militia", precision=2, undated=True)
    dated = event("e2", TAKE, day(9), REBELS, actor2=FRONT, sources=("C",))
    periods = control_periods([vague, dated], admin1_seat=False)
    assert (periods[0].actor, periods[0].basis) == (FRONT, ControlBasis.REPORTED)
    other_taker = event("e3", TAKE, day(9), "Lowland Army", actor2=FRONT, sources=("C",))
    assert control_periods([vague, other_taker], admin1_seat=False)[0].actor == "Hill Militia"
