"""Reported tallies of provincial capitals checked against what the control periods imply."""

from __future__ import annotations

import dataclasses
from datetime import date

from sitrep.fuse.tally import check_tallies, is_seat_tally
from sitrep.records import ClaimGroup, ClaimValue, ClaimVerdict, ControlPeriod, ControlState

REBELS = "Taliban"
ARMY = "Military Forces of Afghanistan"
ELEVENTH = date(2021, 8, 11)
CAPITALS = ["Aybak", "Farah", "Faizabad", "Kunduz", "Nimroz", "Pul-e-Khumri", "Sar-e Pol", "Sheberghan",
            "Taloqan"]


def day(number: int) -> date:
    """A day of August 2021."""
    return date(2021, 8, number)


def period(geonameid: int, place: str, actor: str | None, start: date, *, end: date | None = None,
           seat: bool = True, state: ControlState = ControlState.CONTROLLED) -> ControlPeriod:
    """A control period of one place."""
    return ControlPeriod(
        geonameid=geonameid, place=place, country="Afghanistan", country_code="AF", admin1=place,
        latitude=None, longitude=None, admin1_seat=seat, state=state, actor=actor, start=start, end=end,
        event_ids=(f"e{geonameid}",), sources=("Outlet A",), corroborated=True)


def nine_capitals() -> list[ControlPeriod]:
    """Nine provincial capitals taken by the rebels from 6 to 10 August, one district town, one army seat."""
    periods = [period(100 + index, name, REBELS, day(6 + index % 5)) for index, name in enumerate(CAPITALS)]
    periods.append(period(200, "Khanabad", REBELS, day(7), seat=False))
    periods.append(period(300, "Mazar-i-Sharif", ARMY, day(1)))
    return periods


def value(number: float, *, qualifier: str = "", value_max: float | None = None,
          attributed_to: str | None = None, article: str = "a1", text: str = "") -> ClaimValue:
    """One outlet's figure."""
    return ClaimValue(article_id=article, source="Outlet A", published_on=day(11), value=number,
                      value_max=value_max, qualifier=qualifier, total=34, attributed_to=attributed_to,
                      start=0, end=10, text=text or f"{number:g} of the 34 provincial capitals")


def group(*values: ClaimValue, subject: str = "provincial capitals", unit: str = "provincial capitals",
          predicate: str = "control", last: date = ELEVENTH, group_id: str = "g1") -> ClaimGroup:
    """A claim group of the given values."""
    return ClaimGroup(group_id=group_id, component="test", subject=subject, unit=unit, predicate=predicate,
                      total=34, verdict=ClaimVerdict.SINGLE, values=values, first_day=day(11), last_day=last)


def test_tally_agrees_with_nine_seats_held() -> None:
    (check,) = check_tallies([group(value(9))], nine_capitals())
    assert (check.actor, check.as_of, check.total) == (REBELS, day(11), 34)
    assert (check.implied, check.agrees) == (9, True)
    assert check.implied_places == tuple(sorted(CAPITALS))
    assert check.subject == "provincial capitals"
    assert [v.value for v in check.reported] == [9]


def test_tally_mismatch_is_shown() -> None:
    (check,) = check_tallies([group(value(10))], nine_capitals())
    assert (check.implied, check.agrees) == (9, False)
    (both,) = check_tallies([group(value(9), value(10, article="a2"))], nine_capitals())
    assert both.agrees is False
    assert [v.value for v in both.reported] == [9, 10]


def test_tally_as_of_its_day_counts_only_seats_then_held() -> None:
    periods = nine_capitals()
    on_the_8th = dataclasses.replace(value(9), published_on=day(8))
    (earlier,) = check_tallies([group(on_the_8th, last=day(8))], periods)
    # Captures on the 6th, 7th and 8th (two each): six seats; the district town is not a seat.
    assert (earlier.implied, earlier.agrees) == (6, False)
    periods[0] = period(100, CAPITALS[0], REBELS, day(6), end=day(10))
    periods.append(period(100, CAPITALS[0], ARMY, day(10), state=ControlState.CONTESTED))
    (later,) = check_tallies([group(value(9))], periods)
    assert later.implied == 8 and CAPITALS[0] not in later.implied_places


def test_each_day_of_a_tally_is_checked_against_its_own_day() -> None:
    six = dataclasses.replace(value(6, article="a0"), published_on=day(8))
    nine = value(9, article="a1")
    checks = check_tallies([group(six, nine)], nine_capitals())
    assert [(check.as_of, check.implied, check.agrees) for check in checks] == [
        (day(8), 6, True), (day(11), 9, True)]
    assert [len(check.reported) for check in checks] == [1, 1]


def test_at_least_and_ranges() -> None:
    periods = nine_capitals()
    checks = check_tallies([group(value(8, qualifier="at least"), group_id="g1"),
                            group(value(10, qualifier="at least"), group_id="g2"),
                            group(value(8, qualifier="between", value_max=10), group_id="g3"),
                            group(value(8, qualifier="over"), group_id="g4"),
                            group(value(10, qualifier="about"), group_id="g5"),
                            group(value(9, qualifier="rank"), group_id="g6")], periods)
    assert [(c.group_id, c.agrees) for c in checks] == [("g1", True), ("g2", False), ("g3", True),
                                                        ("g4", True), ("g5", True), ("g6", True)]


def test_share_of_a_known_total_is_a_count() -> None:
    half = group(value(50), unit="percent")
    (check,) = check_tallies([half], nine_capitals())
    assert (check.implied, check.agrees) == (9, False)  # half of 34 is 17
    share = ClaimValue(article_id="a1", source="Outlet A", published_on=day(11), value=50, value_max=None,
                       qualifier="", total=None, attributed_to=None, start=0, end=5, text="half the capitals")
    unknown_total = ClaimGroup(group_id="g2", component="test", subject="provincial capitals", unit="percent",
                               predicate="control", total=None, verdict=ClaimVerdict.SINGLE, values=(share,),
                               first_day=day(11), last_day=day(11))
    assert check_tallies([unknown_total], nine_capitals()) == []


def test_non_seat_tallies_are_ignored() -> None:
    districts = group(value(12), subject="district capitals", unit="district capitals", group_id="g2")
    families = group(value(60000), subject="families", unit="families", predicate="displaced", group_id="g3")
    threatened = group(value(11), predicate="threaten", group_id="g4")
    assert check_tallies([districts, families, threatened], nine_capitals()) == []
    assert not is_seat_tally(districts)
    assert is_seat_tally(group(value(9), subject="capitals", unit="capitals"))
    centres = group(value(9), subject="the country's 34 regional centres", unit="regional centres")
    assert is_seat_tally(centres)
    assert not is_seat_tally(group(value(3), subject="health centres", unit="health centres"))


def test_increments_are_not_tallies() -> None:
    other = value(3, text="three other provincial capitals")
    more = value(2, text="two more provincial capitals", article="a2")
    assert check_tallies([group(other, more)], nine_capitals()) == []
    (hedged,) = check_tallies([group(value(8, qualifier="over", text="more than eight provincial capitals"))],
                              nine_capitals())
    assert hedged.agrees is True


def test_actor_named_in_the_values_is_checked() -> None:
    army_held = [period(400 + index, f"Seat {index}", ARMY, day(1)) for index in range(12)]
    (leading,) = check_tallies([group(value(9))], [*nine_capitals(), *army_held])
    assert (leading.actor, leading.implied) == (ARMY, 13)
    said = value(9, attributed_to="a Taliban spokesman")
    (named,) = check_tallies([group(said)], [*nine_capitals(), *army_held])
    assert (named.actor, named.implied, named.agrees) == (REBELS, 9, True)


def test_no_holder_implies_zero() -> None:
    (check,) = check_tallies([group(value(9))], [])
    assert (check.actor, check.implied, check.implied_places, check.agrees) == (None, 0, (), False)
