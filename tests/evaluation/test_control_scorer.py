"""The control scorer on a gold table of our own: accuracy, capture dates, false and foreign changes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sitrep.evaluation.control import map_actor, score_control
from sitrep.records import ControlBasis, ControlPeriod, ControlState

DAYS = [date(2030, 3, day) for day in range(1, 7)]
GOLD = {
    "actors": {"Xland government forces": ["Xland army", "army"], "Northern Front": ["NF", "the Front"]},
    "places": [{
        "place_id": "northtown", "name": "Northtown", "lat": 10.0, "lon": 20.0,
        "start_controller": "Xland government forces", "unscored_days": [],
        "changes": [{"date": "2030-03-03", "date_range": ["2030-03-03", "2030-03-04"],
                     "new_controller": "Northern Front"}],
        "daily": {day.isoformat(): ("Xland government forces" if day < DAYS[2] else "Northern Front")
                  for day in DAYS},
    }],
}


def period(actor: str | None, start: date, end: date | None, *, latitude: float = 10.01,
           basis: ControlBasis = ControlBasis.EVIDENCED, country_code: str = "XL") -> ControlPeriod:
    """A period at (or near) Northtown."""
    return ControlPeriod(geonameid=1, place="Northtown", country="Xland", country_code=country_code,
                         admin1=None, latitude=latitude, longitude=20.0, admin1_seat=True,
                         state=ControlState.CONTROLLED if actor else ControlState.UNKNOWN, actor=actor,
                         start=start, end=end, event_ids=(), sources=(), corroborated=False, basis=basis)


def test_a_capture_a_day_late_scores_the_days_and_the_date() -> None:
    periods = [period("Military Forces of Xland", date(1900, 1, 1), DAYS[3], basis=ControlBasis.PRESUMED),
               period("NF", DAYS[3], None)]
    metrics = score_control(GOLD, periods, country_code="XL")
    assert metrics["accuracy"] == pytest.approx(5 / 6)
    assert metrics["accuracy_lenient"] == 1.0  # 4 March lies in the change's range
    assert metrics["presumed"] == pytest.approx(3 / 6)
    assert (metrics["capture_exact"], metrics["capture_within_1"], metrics["capture_in_range"]) == (0, 1, 1)
    assert metrics["false_changes"] == 0 and metrics["foreign_changes"] == []
    assert metrics["places"]["Northtown"] == {"gold": "AABBBB", "system": "AAABBB"}


def test_no_state_unknown_names_and_far_places_count_as_wrong() -> None:
    far = [period("NF", DAYS[0] - timedelta(days=1), None, latitude=11.0)]
    assert score_control(GOLD, far)["no_state"] == 1.0
    stranger = [period("Hill Militia", DAYS[0], None)]
    metrics = score_control(GOLD, stranger)
    assert metrics["accuracy"] == 0 and metrics["places"]["Northtown"]["system"] == "xxxxxx"
    assert metrics["accuracy_any_opposition"] == pytest.approx(4 / 6)


def test_changes_the_gold_does_not_have_and_places_abroad_are_listed() -> None:
    flip = [period("NF", DAYS[0], DAYS[1]), period("Xland army", DAYS[1], None),
            period("NF", DAYS[0], None, country_code="ZZ", latitude=40.0)]
    metrics = score_control(GOLD, flip[:2], country_code="XL")
    assert metrics["false_changes"] == 1  # back to the government on 2 March
    assert score_control(GOLD, flip[2:], country_code="XL")["foreign_changes"] == ["Northtown (ZZ)"]
    # Across the border, near the gold places: the war spilling over, not a misplaced town.
    nearby = [period("NF", DAYS[0], None, country_code="ZZ", latitude=11.0)]
    assert score_control(GOLD, nearby, country_code="XL")["foreign_changes"] == []


def test_actor_names_map_through_the_gold_aliases_and_state_forces() -> None:
    aliases = {"xland army": "Xland government forces", "nf": "Northern Front", "the front": "Northern Front"}
    government = "Xland government forces"
    assert map_actor("NF", aliases, government) == "Northern Front"
    assert map_actor("fighters of the Front", aliases, government) == "Northern Front"
    assert map_actor("Military Forces of Xland", aliases, government) == government
    assert map_actor("Hill Militia", aliases, government) == "Hill Militia"


def test_a_name_in_the_singular_matches_a_gold_alias_in_the_plural() -> None:
    plural = {**GOLD, "actors": {**GOLD["actors"], "Northern Front": ["NF", "Front militias"]}}
    assert score_control(plural, [period("Front militia", DAYS[2], None)])["places"]["Northtown"] == {
        "gold": "AABBBB", "system": "..BBBB"}
    unknown = score_control(GOLD, [period("Front militia", DAYS[2], None)])
    assert unknown["places"]["Northtown"]["system"] == "..xxxx"
