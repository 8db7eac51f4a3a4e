"""Fatalities stated with an event, and killings that are not conflict events."""

from __future__ import annotations

import pytest
from events_helpers import events_in


def fatalities(text: str) -> list[int | None]:
    return [e.fatalities for e in events_in(text) if e.fatalities is not None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed at least eight people in an attack on a market in Kabul on Friday.", [8]),
        ("Eight people died when a roadside bomb exploded in Mosul.", [8]),
        ("A car bomb outside a hotel in Kabul left nine dead.", [9]),
        ("Twelve soldiers were killed in an air strike near Aleppo.", [12]),
        ("Attackers struck a checkpoint in Herat, killing a guard.", [1]),
        ("A suicide bombing at a mosque in Kabul killed more than 1,200 worshippers.", [1200]),
    ],
)
def test_stated_fatalities(text: str, expected: list[int]) -> None:
    assert fatalities(text) == expected


def test_vague_numbers_give_no_fatalities() -> None:
    found = events_in("Air strikes killed dozens of fighters near Kandahar.")
    assert found and all(e.fatalities is None for e in found)


def test_the_weapon_in_the_phrase_sets_the_sub_type() -> None:
    [event] = [
        e for e in events_in("Twelve soldiers were killed in an air strike near Aleppo.") if e.fatalities
    ]
    assert event.sub_event_type == "Air/drone strike"
    [bomb] = [e for e in events_in("A car bomb outside a hotel in Kabul left nine dead.") if e.fatalities]
    assert bomb.sub_event_type == "Remote explosive/landmine/IED"


def test_a_casualty_report_takes_the_sub_type_of_the_attack_before_it() -> None:
    found = events_in(
        "A roadside bomb exploded under a bus in Kabul on Tuesday. Officials said six people had been killed."
    )
    assert [(e.sub_event_type, e.fatalities) for e in found if e.fatalities] == [
        ("Remote explosive/landmine/IED", 6)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "A magnitude 7 earthquake killed more than 300 people in southern Haiti.",
        "The insurgency has killed more than 3,000 people since 2017.",
    ],
)
def test_killings_that_are_not_conflict_events(text: str) -> None:
    assert fatalities(text) == []
