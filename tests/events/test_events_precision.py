"""Precision on noise the territory gold cannot see: generic "fight", appeals, modifiers, arrivals, refuge."""

from __future__ import annotations

import pytest
from events_helpers import events_in
from precision_sentences import KEEP, NOISE

from sitrep.records import Modality

FACTUAL = frozenset({Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED})


@pytest.mark.parametrize("text", NOISE)
def test_noise_gives_no_factual_event(text: str) -> None:
    factual = [(e.sub_event_type, e.modality) for e in events_in(text) if e.modality in FACTUAL]
    assert factual == [], text


@pytest.mark.parametrize(("text", "sub_event_type"), KEEP)
def test_real_events_are_still_found(text: str, sub_event_type: str) -> None:
    found = {e.sub_event_type for e in events_in(text) if e.modality in FACTUAL}
    assert sub_event_type in found, text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The envoy urged the rebels to fight in Kunduz.", Modality.PLANNED),
        ("The soldiers are willing to fight in Kunduz.", Modality.PLANNED),
        ("The soldiers have to fight in Kunduz.", Modality.HYPOTHETICAL),
        ("The soldiers must fight in Kunduz.", Modality.HYPOTHETICAL),
    ],
)
def test_an_appeal_or_obligation_is_not_asserted(text: str, expected: Modality) -> None:
    clashes = [e for e in events_in(text) if e.sub_event_type == "Armed clash"]
    assert [e.modality for e in clashes] == [expected]


def test_a_backing_country_is_not_the_place_of_the_event() -> None:
    found = events_in("The Taliban are fighting the US-backed government in Kunduz.")
    assert [e.location.text for e in found if e.location is not None] == ["Kunduz"]
    unplaced = events_in("The Taliban are fighting the Western-backed government.")
    assert all(e.location is None for e in unplaced)


def test_displacement_is_not_placed_where_people_fled_to() -> None:
    fled_to = events_in("Thousands of families fled to Kabul on Monday.")
    found = [e for e in fled_to if e.sub_event_type == "Displacement"]
    assert found and all(e.location is None for e in found)
    origin = events_in("Thousands of families fled Kunduz on Monday.")
    assert [e.location.text for e in origin if e.location is not None] == ["Kunduz"]


def test_an_appeal_is_not_a_statement_event() -> None:
    assert events_in("Joe Biden urged Afghan leaders to stand together.") == ()


def test_an_announcement_is_a_weak_statement() -> None:
    found = events_in("The Taliban announced a new governor in Kunduz.")
    assert [e.sub_event_type for e in found] == ["Statement"]
    assert found[0].confidence <= 0.7
