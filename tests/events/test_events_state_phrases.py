"""State phrases become `Control statement` events; recaptures, foreign forces, people and self-reports."""

from __future__ import annotations

import pytest
from events_helpers import events_in

from sitrep.records import Modality

STATEMENT = "Control statement"


def statements(text: str) -> list[tuple[str | None, str | None]]:
    """(holder, place) of each control statement found in `text`."""
    return [
        (e.actor1.actor if e.actor1 else None, e.location.text if e.location else None)
        for e in events_in(text)
        if e.sub_event_type == STATEMENT
    ]


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        ("Shells landed on the rebel-held town of Karvand overnight.", "Unidentified rebel group"),
        ("Residents of government-controlled Karvand queued for bread.", "Government forces"),
        ("Aid reached Karvand, held by the Taliban since the spring.", "Taliban"),
        ("The convoy reached Karvand, which the Taliban have held since May.", "Taliban"),
        ("The district of Karvand remains under Taliban control.", "Taliban"),
        ("Karvand is firmly in rebel hands.", "Unidentified rebel group"),
    ],
)
def test_a_state_phrase_says_who_holds_the_place(text: str, holder: str) -> None:
    assert statements(text) == [(holder, "Karvand")]


def test_an_occupied_town_is_held_not_just_captured() -> None:
    found = events_in("Refugees arrived from Russian-occupied Karvand.")
    kept = [e for e in found if "territory" in e.sub_event_type or e.sub_event_type == STATEMENT]
    assert [(e.sub_event_type, e.actor1.actor if e.actor1 else None) for e in kept] == [
        (STATEMENT, "Military Forces of Russia")
    ]


def test_a_statement_is_factual_and_a_verb_of_talks_is_not_a_statement() -> None:
    found = events_in("Shells landed on the rebel-held town of Karvand.")
    found = tuple(e for e in found if e.sub_event_type == STATEMENT)
    assert [e.modality for e in found] == [Modality.ASSERTED]
    assert statements("The rebels held talks in Karvand.") == []


def test_back_under_our_control_is_a_recapture_by_the_speaker() -> None:
    found = events_in("Karvand is fully back under our control, the army said.")
    assert [e.sub_event_type for e in found] == ["Government regains territory"]
    assert found[0].modality == Modality.CLAIMED


def test_the_fall_of_a_person_is_no_place() -> None:
    found = events_in("Diplomats said the truce ended with the fall of Assad.")
    assert [e.location.text for e in found if e.location is not None] == []


def test_an_actor_saying_it_took_a_town_claims_it() -> None:
    found = [e for e in events_in("The group said it took the town of Karvand.") if e.location is not None]
    assert [e.modality for e in found] == [Modality.CLAIMED]


def test_a_vow_to_retake_is_neither_aid_nor_a_fact() -> None:
    found = events_in("The commander pledged to retake Karvand.")
    assert "Aid pledge" not in {e.sub_event_type for e in found}
    assert all(e.modality == Modality.THREATENED for e in found)


def test_an_active_verb_of_holding_states_each_place_it_names() -> None:
    assert statements("The Taliban have run most of Karvand for years.") == [("Taliban", "Karvand")]
    assert statements("The Taliban hold talks with elders every week.") == []


def test_a_holding_that_includes_named_places_states_each_of_them() -> None:
    text = "Taliban fighters control most of the north, including Karvand and Sarvan, officials say."
    found = statements(text)
    assert found == [("Taliban", "Karvand"), ("Taliban", "Sarvan")]
