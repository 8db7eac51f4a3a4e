"""The places-held sweep gives, day by day, what reading `control_as_of` on each day gives."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest

from sitrep.fuse.control import control_as_of, holdings_by_day
from sitrep.records import ControlPeriod, ControlState

START = date(2021, 7, 1)
ACTORS = ("Taliban", "Government", None)


def _period(place: int, start: int, length: int | None, state: ControlState,
            actor: str | None) -> ControlPeriod:
    return ControlPeriod(geonameid=place, place=f"Town {place}", country="Afghanistan", country_code="AF",
                         admin1=None, latitude=None, longitude=None, admin1_seat=False, state=state,
                         actor=actor, start=START + timedelta(days=start),
                         end=None if length is None else START + timedelta(days=start + length),
                         event_ids=(), sources=(), corroborated=True)


def _by_reading_each_day(periods: list[ControlPeriod], first: date, last: date) -> list[dict[str, int]]:
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    return [dict(Counter(p.actor for p in control_as_of(periods, day)
                         if p.state == ControlState.CONTROLLED and p.actor)) for day in days]


@pytest.mark.parametrize("seed", range(25))
def test_the_sweep_matches_the_day_by_day_reading(seed: int) -> None:
    chance = random.Random(seed)
    periods = [
        _period(chance.randrange(6), chance.randrange(40), chance.choice([None, *range(1, 15)]),
                chance.choice(list(ControlState)), chance.choice(ACTORS))
        for _ in range(chance.randrange(1, 25))
    ]
    first, last = START + timedelta(days=chance.randrange(10)), START + timedelta(days=45)
    swept = [{actor: count for actor, count in held.counts if count}
             for held in holdings_by_day(periods, first, last)]
    assert swept == _by_reading_each_day(periods, first, last)


def test_actors_of_the_range_get_zero_counts_and_others_none() -> None:
    periods = [_period(1, 0, 3, ControlState.CONTROLLED, "Government"),
               _period(1, 3, None, ControlState.CONTROLLED, "Taliban"),
               _period(2, 30, None, ControlState.CONTROLLED, "Militia")]
    held = holdings_by_day(periods, START + timedelta(days=1), START + timedelta(days=4))
    assert [dict(day.counts) for day in held] == [
        {"Government": 1, "Taliban": 0}, {"Government": 1, "Taliban": 0},
        {"Government": 0, "Taliban": 1}, {"Government": 0, "Taliban": 1}]
