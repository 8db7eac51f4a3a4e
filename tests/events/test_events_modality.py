"""Modality words: reported, claimed, denied, threatened, planned, hypothetical."""

from __future__ import annotations

import pytest
from events_helpers import events_in

from sitrep.records import Modality


def modality_of(text: str) -> Modality:
    found = [e for e in events_in(text) if e.location is not None]
    assert found, text
    return found[0].modality


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Taliban captured Kandahar on Friday.", Modality.ASSERTED),
        ("The Taliban captured Kandahar on Friday, officials said.", Modality.REPORTED),
        ("The Taliban captured Kandahar on Friday, according to a council member.", Modality.REPORTED),
        ("The Taliban reportedly captured Kandahar on Friday.", Modality.REPORTED),
        ("The Taliban said they had captured Kandahar.", Modality.CLAIMED),
        ("The Taliban claimed to have captured Kandahar.", Modality.CLAIMED),
        ("The army denied that Kandahar had fallen.", Modality.DENIED),
        ("The rebels did not capture Kandahar.", Modality.DENIED),
        ("The Taliban threatened to seize Kandahar.", Modality.THREATENED),
        ("The militia plans to attack Kabul next week.", Modality.PLANNED),
        ("The army will retake Kandahar, the minister said.", Modality.PLANNED),
        ("If the army withdraws, the rebels could take Kandahar within days.", Modality.HYPOTHETICAL),
    ],
)
def test_modality_words(text: str, expected: Modality) -> None:
    assert modality_of(text) == expected


def test_a_warning_about_what_goes_on_is_not_a_threat() -> None:
    found = events_in("The UN warned that the battle for Aleppo was putting civilians at risk.")
    assert all(e.modality != Modality.THREATENED for e in found)


def test_a_warning_of_attacks_to_come_is_a_threat() -> None:
    found = [e for e in events_in("The group warned that it would attack Kabul.") if e.location is not None]
    assert [e.modality for e in found] == [Modality.THREATENED]


def test_confidence_falls_with_weaker_modality() -> None:
    asserted = events_in("The Taliban captured Kandahar on Friday.")[0]
    claimed = events_in("The Taliban said they had captured Kandahar.")[0]
    threatened = events_in("The Taliban threatened to seize Kandahar.")[0]
    assert asserted.confidence > claimed.confidence > threatened.confidence
