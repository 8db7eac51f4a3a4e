"""Territorial control: periods per place from fused events, the map on a day, and places held."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime

import pytest

from sitrep.fuse.control import (
    COMPONENT,
    CONTEST_LAPSE_DAYS,
    PRESUMED_SINCE,
    control_as_of,
    control_periods,
    control_place,
    holdings_by_day,
)
from sitrep.records import CodedEvent, ControlBasis, ControlPeriod, ControlState, Event, Modality

TAKE = "Non-state actor overtakes territory"
REGAIN = "Government regains territory"
CLASH = "Armed clash"
WITHDRAW = "Troop withdrawal"
REBELS = "Taliban"
ARMY = "Military Forces of Afghanistan"
MILITIA = "Junbish-e-Milli"
Place = tuple[int, str, str, float, float]
KUNDUZ: Place = (1001, "Kunduz", "Kunduz", 36.73, 68.86)
TALOQAN: Place = (1002, "Taloqan", "Takhar", 36.74, 69.53)
AUG = 8


def day(number: int) -> date:
    """A day of August 2021."""
    return date(2021, AUG, number)


def mention(article_id: str, source: str, when: date | None = None) -> CodedEvent:
    """A coded mention with only what control reads (the article, its outlet, the day its text gives)."""
    return CodedEvent(
        article_id=article_id, trigger_start=0, trigger_end=5, trigger="took", component="test",
        event_type="Battles", sub_event_type=TAKE, modality=Modality.ASSERTED, confidence=0.9,
        event_date=when, time_precision=None if when is None else 1, actor1=None, actor1_type=None,
        actor2=None, actor2_type=None, country=None, country_code=None, admin1=None, location=None,
        geonameid=None, latitude=None, longitude=None, geo_precision=None, fatalities=None, source=source,
        evidence_start=0, evidence_end=5, notes="")


def event(event_id: str, sub_event_type: str, when: date, actor1: str | None = None, *,
          actor2: str | None = None, modality: Modality = Modality.ASSERTED, precision: int = 1,
          sources: tuple[str, ...] = ("Outlet A", "Outlet B"), place: Place = KUNDUZ,
          geo_precision: int = 1, undated: bool = False) -> Event:
    """A fused event; each outlet gives one mention in an article named after the event and outlet,
    dated by its text (`undated`: no mention's text gives a day; the event's day is its articles')."""
    geonameid, name, admin1, latitude, longitude = place
    return Event(
        event_id=event_id, component="test", event_type="Battles", sub_event_type=sub_event_type,
        modality=modality, confidence=0.9, event_date=when, time_precision=precision, actor1=actor1,
        actor1_type=None, actor2=actor2, actor2_type=None, country="Afghanistan", country_code="AF",
        admin1=admin1, location=name, geonameid=geonameid, latitude=latitude, longitude=longitude,
        geo_precision=geo_precision, fatalities=None, sources=sources, independent_sources=len(sources),
        mentions=tuple(mention(f"{event_id}-{source}", source, None if undated else when)
                       for source in sources))


def shape(periods: list[ControlPeriod]) -> list[tuple[ControlState, str | None, date, date | None]]:
    """State, actor and days of each period."""
    return [(p.state, p.actor, p.start, p.end) for p in periods]


def periods_of(*events: Event, seat: bool = True) -> list[ControlPeriod]:
    """The control periods of the given events (one place)."""
    return control_periods(events, admin1_seat=seat)


def test_capture_then_recapture() -> None:
    periods = periods_of(event("e1", TAKE, day(6), REBELS), event("e2", REGAIN, day(10), ARMY, actor2=REBELS))
    assert shape(periods) == [(ControlState.CONTROLLED, REBELS, day(6), day(10)),
                              (ControlState.CONTROLLED, ARMY, day(10), None)]
    first = periods[0]
    assert (first.event_ids, first.sources, first.corroborated) == (("e1",), ("Outlet A", "Outlet B"), True)
    assert (first.geonameid, first.place, first.admin1) == (1001, "Kunduz", "Kunduz")
    assert (first.country_code, first.latitude, first.longitude) == ("AF", 36.73, 68.86)
    assert all(p.admin1_seat and p.component == COMPONENT for p in periods)


def test_same_day_changes_collapse_to_the_last() -> None:
    held = event("e0", REGAIN, day(1), ARMY)
    rebels, militia = event("e1", TAKE, day(8), REBELS), event("e2", TAKE, day(8), MILITIA)
    published = {"e1-Outlet A": day(8), "e1-Outlet B": day(8), "e2-Outlet A": day(9), "e2-Outlet B": day(9)}
    periods = control_periods([held, rebels, militia], admin1_seat=True, published=published)
    assert shape(periods)[1:] == [(ControlState.CONTROLLED, MILITIA, day(8), None)]
    assert periods[1].event_ids == ("e2",)
    later = {key: day(12) if key.startswith("e1") else value for key, value in published.items()}
    later["e1-Outlet A"] = datetime(2021, AUG, 12, 9, 30)  # a time of day mixes with plain days
    flipped = control_periods([held, rebels, militia], admin1_seat=True, published=later)
    assert shape(flipped)[1:] == [(ControlState.CONTROLLED, REBELS, day(8), None)]


def test_precise_date_wins_a_same_day_tie() -> None:
    precise, vague = event("e1", TAKE, day(8), REBELS), event("e9", TAKE, day(8), MILITIA, precision=2)
    assert shape(periods_of(precise, vague)) == [(ControlState.CONTROLLED, REBELS, day(8), None)]


def test_change_reverted_next_day_is_contested_and_earlier_holder_kept() -> None:
    periods = periods_of(event("e0", REGAIN, day(1), ARMY), event("e1", TAKE, day(8), REBELS, actor2=ARMY),
                         event("e2", REGAIN, day(9), ARMY, actor2=REBELS))
    assert shape(periods) == [(ControlState.CONTROLLED, ARMY, day(1), day(8)),
                              (ControlState.CONTESTED, ARMY, day(8), day(9)),
                              (ControlState.CONTROLLED, ARMY, day(9), None)]
    assert periods[1].event_ids == ("e1", "e2")
    # The earlier holder keeps the place on its earlier evidence; the retake confirms it.
    assert periods[2].event_ids == ("e0", "e2")
    assert REBELS not in {p.actor for p in periods if p.state == ControlState.CONTROLLED}


def test_change_reverted_the_same_day_is_contested() -> None:
    taken = event("e2", TAKE, day(8), REBELS, actor2=ARMY)
    retaken = event("e1", REGAIN, day(8), ARMY, actor2=REBELS, sources=("Outlet C",))
    fight = event("c1", CLASH, day(8), REBELS, actor2=ARMY)
    # The retake was published later, so it is the day's last change although its id sorts first.
    published = {"e2-Outlet A": day(8), "e2-Outlet B": day(8), "e1-Outlet C": day(9)}
    periods = control_periods([taken, retaken, fight], admin1_seat=True, published=published)
    # The capture names the side it was taken from: the army held the place before the first report.
    assert shape(periods) == [(ControlState.CONTROLLED, ARMY, PRESUMED_SINCE, day(8)),
                              (ControlState.CONTESTED, ARMY, day(8), day(9)),
                              (ControlState.CONTROLLED, ARMY, day(9), None)]
    assert periods[0].basis == ControlBasis.REPORTED
    assert periods[1].event_ids == ("e2", "e1")


def test_change_held_two_days_is_a_takeover() -> None:
    periods = periods_of(event("e0", REGAIN, day(1), ARMY), event("e1", TAKE, day(8), REBELS),
                         event("e2", REGAIN, day(10), ARMY))
    assert [p.actor for p in periods] == [ARMY, REBELS, ARMY]
    assert {p.state for p in periods} == {ControlState.CONTROLLED}


def test_clash_then_takeover() -> None:
    periods = periods_of(event("e0", REGAIN, day(1), ARMY), event("c1", CLASH, day(5), REBELS, actor2=ARMY),
                         event("c2", CLASH, day(7), REBELS, actor2=ARMY), event("e1", TAKE, day(9), REBELS))
    assert shape(periods) == [(ControlState.CONTROLLED, ARMY, day(1), day(5)),
                              (ControlState.CONTESTED, ARMY, day(5), day(9)),
                              (ControlState.CONTROLLED, REBELS, day(9), None)]
    assert periods[1].event_ids == ("c1", "c2")


def test_clash_on_the_day_of_the_takeover_is_part_of_it() -> None:
    periods = periods_of(event("c1", CLASH, day(9), REBELS, actor2=ARMY), event("e1", TAKE, day(9), REBELS))
    assert shape(periods) == [(ControlState.CONTROLLED, REBELS, day(9), None)]


def test_contest_lapses_when_no_fighting_is_reported() -> None:
    periods = periods_of(event("e0", REGAIN, day(1), ARMY), event("c1", CLASH, day(5), REBELS, actor2=ARMY))
    resumed = day(5 + CONTEST_LAPSE_DAYS + 1)
    assert shape(periods) == [(ControlState.CONTROLLED, ARMY, day(1), day(5)),
                              (ControlState.CONTESTED, ARMY, day(5), resumed),
                              (ControlState.CONTROLLED, ARMY, resumed, None)]
    assert periods[2].event_ids == ("e0",)


def test_clash_with_no_known_holder_says_nothing_of_control() -> None:
    periods = periods_of(event("c1", CLASH, day(3), REBELS, actor2=ARMY), event("e1", TAKE, day(5), REBELS))
    assert shape(periods) == [(ControlState.CONTROLLED, REBELS, day(5), None)]
    assert periods_of(event("c1", CLASH, day(3), REBELS, actor2=ARMY)) == []


def test_withdrawal_of_holder_is_unknown_and_of_attackers_ends_contest() -> None:
    left = periods_of(event("e0", REGAIN, day(1), ARMY), event("w1", WITHDRAW, day(4), ARMY))
    assert shape(left)[1:] == [(ControlState.UNKNOWN, None, day(4), None)]
    repelled = periods_of(event("e0", REGAIN, day(1), ARMY), event("c1", CLASH, day(3), REBELS, actor2=ARMY),
                          event("w1", WITHDRAW, day(4), REBELS))
    assert shape(repelled)[1:] == [(ControlState.CONTESTED, ARMY, day(3), day(4)),
                                   (ControlState.CONTROLLED, ARMY, day(4), None)]
    assert repelled[2].event_ids == ("e0", "w1")


def test_denial_attached_to_the_change_it_denies() -> None:
    claimed = event("e1", TAKE, day(8), REBELS, modality=Modality.CLAIMED, sources=("Outlet A",))
    denied = event("d1", TAKE, day(9), REBELS, modality=Modality.DENIED, sources=("Outlet B",))
    periods = periods_of(claimed, denied)
    assert shape(periods) == [(ControlState.CONTROLLED, REBELS, day(8), None)]
    assert (periods[0].denied_by, periods[0].event_ids) == (("d1",), ("e1",))


def test_denial_alone_makes_no_period() -> None:
    assert periods_of(event("d1", TAKE, day(9), REBELS, modality=Modality.DENIED)) == []


def test_single_source_capture_is_uncorroborated_until_another_outlet_confirms() -> None:
    single = event("e1", TAKE, day(8), REBELS, sources=("Outlet A",))
    assert periods_of(single)[0].corroborated is False
    again = event("e2", TAKE, day(10), REBELS, sources=("Outlet C",))
    period = periods_of(single, again)[0]
    assert (period.corroborated, period.event_ids, period.sources) == (True, ("e1", "e2"),
                                                                       ("Outlet A", "Outlet C"))


@pytest.mark.parametrize("modality", [Modality.THREATENED, Modality.PLANNED, Modality.HYPOTHETICAL])
def test_threats_and_plans_change_nothing(modality: Modality) -> None:
    held = event("e0", REGAIN, day(1), ARMY)
    threat = event("t1", TAKE, day(5), REBELS, modality=modality)
    assert control_place(threat) is None
    assert shape(periods_of(held, threat)) == [(ControlState.CONTROLLED, ARMY, day(1), None)]
    assert periods_of(threat) == []


def test_imprecise_report_of_an_earlier_holder_does_not_override_a_precise_change() -> None:
    taken, retaken = event("e1", TAKE, day(8), REBELS), event("e2", REGAIN, day(10), ARMY)
    # Dated to the publication week: the capture of the 8th told again, not a new one on the 12th.
    retold = event("e3", TAKE, day(12), REBELS, precision=2, sources=("Outlet C",))
    periods = periods_of(taken, retaken, retold)
    assert shape(periods) == [(ControlState.CONTROLLED, REBELS, day(8), day(10)),
                              (ControlState.CONTROLLED, ARMY, day(10), None)]
    assert periods[0].event_ids == ("e1", "e3")


def test_imprecise_capture_by_the_side_that_lost_the_place_goes_before_the_loss() -> None:
    vague = event("e1", TAKE, day(11), REBELS, precision=2)
    retaken = event("e2", REGAIN, day(10), ARMY, actor2=REBELS)
    assert shape(periods_of(vague, retaken)) == [(ControlState.CONTROLLED, REBELS, day(9), day(10)),
                                                 (ControlState.CONTROLLED, ARMY, day(10), None)]


def test_imprecise_capture_far_from_any_change_is_placed_on_its_date() -> None:
    periods = periods_of(event("e0", REGAIN, day(1), ARMY), event("e1", TAKE, day(20), REBELS, precision=2))
    assert shape(periods)[1:] == [(ControlState.CONTROLLED, REBELS, day(20), None)]


def test_control_place_needs_a_town_and_a_territory_event() -> None:
    assert control_place(event("e1", TAKE, day(8), REBELS)) == 1001
    assert control_place(event("c1", CLASH, day(8), REBELS)) == 1001
    assert control_place(event("d1", TAKE, day(8), REBELS, modality=Modality.DENIED)) == 1001
    assert control_place(event("e2", TAKE, day(8), REBELS, geo_precision=3)) is None
    assert control_place(replace(event("e3", TAKE, day(8), REBELS), geonameid=None)) is None
    assert control_place(event("s1", "Statement", day(8), REBELS)) is None


def test_control_as_of_several_days() -> None:
    periods = [*periods_of(event("e1", TAKE, day(6), REBELS), event("e2", REGAIN, day(10), ARMY)),
               *periods_of(event("e3", TAKE, day(8), REBELS, place=TALOQAN))]
    assert control_as_of(periods, day(5)) == []
    assert [(p.place, p.actor) for p in control_as_of(periods, day(7))] == [("Kunduz", REBELS)]
    assert [(p.place, p.actor) for p in control_as_of(periods, day(9))] == [("Kunduz", REBELS),
                                                                          ("Taloqan", REBELS)]
    assert [(p.place, p.actor) for p in control_as_of(periods, day(10))] == [("Kunduz", ARMY),
                                                                           ("Taloqan", REBELS)]


def test_holdings_by_day_counts_controlled_places() -> None:
    periods = [*periods_of(event("e1", TAKE, day(6), REBELS), event("e2", REGAIN, day(8), ARMY)),
               *periods_of(event("e3", TAKE, day(7), REBELS, place=TALOQAN),
                           event("c1", CLASH, day(8), ARMY, actor2=REBELS, place=TALOQAN))]
    holdings = holdings_by_day(periods, day(5), day(8))
    assert [h.day for h in holdings] == [day(5), day(6), day(7), day(8)]
    assert [h.counts for h in holdings] == [((ARMY, 0), (REBELS, 0)), ((ARMY, 0), (REBELS, 1)),
                                            ((ARMY, 0), (REBELS, 2)), ((ARMY, 1), (REBELS, 0))]


def test_periods_depend_only_on_the_set_of_events() -> None:
    events = [event("e0", REGAIN, day(1), ARMY), event("c1", CLASH, day(3), REBELS, actor2=ARMY),
              event("e1", TAKE, day(5), REBELS, sources=("Outlet A",)), event("e2", TAKE, day(5), MILITIA),
              event("e3", REGAIN, day(6), ARMY, actor2=MILITIA), event("e4", TAKE, day(9), REBELS),
              event("e5", TAKE, day(11), REBELS, precision=2), event("d1", TAKE, day(9), REBELS,
                                                                      modality=Modality.DENIED),
              event("w1", WITHDRAW, day(14), REBELS), event("t1", TAKE, day(15), MILITIA,
                                                             modality=Modality.THREATENED)]
    expected = control_periods(events, admin1_seat=False)
    generator = random.Random(7)
    for _ in range(20):
        shuffled = list(events)
        generator.shuffle(shuffled)
        assert control_periods(shuffled, admin1_seat=False) == expected
    assert control_periods(events + events, admin1_seat=False) == expected
    assert [p.end for p in expected[:-1]] == [p.start for p in expected[1:]]
    assert expected[-1].end is None


def test_a_capture_no_text_dates_confirms_its_takers_later_dated_capture() -> None:
    # Undated reports take their story's first day; the capture the text dates a week later stands.
    undated = event("e1", TAKE, day(3), REBELS, precision=2, undated=True)
    dated = event("e2", TAKE, day(10), REBELS)
    periods = periods_of(undated, dated)
    assert [(p.actor, p.start) for p in periods] == [(REBELS, day(10))]
    assert set(periods[0].event_ids) == {"e1", "e2"}  # it confirms the holding
    alone = periods_of(undated)  # with nothing else to go by, its article's day is the best there is
    assert [(p.actor, p.start) for p in alone] == [(REBELS, day(3))]
