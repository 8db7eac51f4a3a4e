"""Modality classes that never read as a fact: purpose, vows, conditions, denials, comparisons, questions."""

from __future__ import annotations

import pytest
from events_helpers import events_in

from sitrep.records import Modality

FACTUAL = frozenset({Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED})


def territory_modalities(text: str) -> list[Modality]:
    """The modalities of the territory events found in `text`."""
    found = [e for e in events_in(text) if "territory" in e.sub_event_type]
    assert found, text
    return [e.modality for e in found]


@pytest.mark.parametrize(
    "text",
    [
        # purpose and intent
        "The militia launched an offensive to capture Karvand from the army.",
        "Fighters pushed south in a bid to take Karvand before winter.",
        # vows and pledges
        "The commander pledged to retake Karvand within a month.",
        "The rebels have sworn to capture Karvand.",
        # conditions that are still to come
        "Once Karvand falls, the road to the coast will be open.",
        "Analysts say the front will hold until the rebels capture Karvand.",
        # denials of reports
        "The ministry said reports that militants had entered Karvand were false.",
        "The army rejected reports that fighters had captured Karvand.",
        'An officer rejected reports on channels run by the "armed groups" that fighters had entered Karvand',
        "Officials insisted that no fighters had entered Karvand.",
        "The governor said there was no truth to reports that Karvand had fallen.",
        # comparisons and questions
        "For the government, losing the port was almost as damaging as the fall of Karvand.",
        "Will the rebels capture Karvand before the winter?",
    ],
)
def test_unrealised_takeovers_are_not_factual(text: str) -> None:
    assert not set(territory_modalities(text)) & FACTUAL, text


@pytest.mark.parametrize(
    "text",
    [
        "Rebels captured Karvand on Tuesday after a week of fighting.",
        "When the rebels entered Karvand, the garrison had already left.",
        "The militia went on to capture Karvand.",
    ],
)
def test_real_takeovers_stay_factual(text: str) -> None:
    assert set(territory_modalities(text)) <= FACTUAL, text


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the envoy was forbidden from entering Karvand because of the unrest.",
        "The monitor said the fighters were barred from entering Herat by the elders.",
    ],
)
def test_what_is_forbidden_did_not_happen(text: str) -> None:
    assert [e.modality for e in events_in(text)] == [Modality.DENIED], text


def test_what_happened_before_a_ban_did_happen() -> None:
    found = events_in("The militia was banned after it attacked Kunduz.")
    assert found and all(e.modality == Modality.ASSERTED for e in found)
