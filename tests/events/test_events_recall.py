"""Recall of strikes, protests, arrests and seizures written in the ways reports write them."""

from __future__ import annotations

import pytest
from events_helpers import events_in

from sitrep.records import Modality

FACTUAL = frozenset({Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED})


def factual_types(text: str) -> list[str]:
    """The sub-event types of the factual events of `text`."""
    return [e.sub_event_type for e in events_in(text) if e.modality in FACTUAL]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Turkish drones also struck the dam near Karvand, the administration said.", "Air/drone strike"),
        ("Russian jets carried out air raids on Karvand on Monday.", "Air/drone strike"),
        ("Protesters blocked roads in Karvand on Sunday.", "Peaceful protest"),
        ("Thousands protested against the new law on Friday.", "Peaceful protest"),
        ("Police arrested 20 opposition activists in Karvand.", "Arrests"),
        ("Troops seized weapons in Karvand.", "Disrupted weapons use"),
    ],
)
def test_the_event_is_found(text: str, sub_event_type: str) -> None:
    assert sub_event_type in factual_types(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Floodwaters blocked roads in Karvand on Sunday.",
        "Several residents had protested the owner's plans to build homes on the land.",
        "Police arrested a man in Karvand for theft.",
    ],
)
def test_look_alikes_are_no_event(text: str) -> None:
    assert factual_types(text) == [], text


# --- Handovers, looting and the fall of a government (each in the project's own words)

NON_VIOLENT = "Non-violent transfer of territory"


def test_a_place_abandoned_is_handed_over_and_so_is_its_takeover() -> None:
    events = [e for e in events_in("Government forces have abandoned Karvand, two security sources said on "
                                   "Saturday. Militia fighters took over the Karvand police headquarters.")
              if e.modality in FACTUAL]
    assert [e.sub_event_type for e in events] == [NON_VIOLENT, NON_VIOLENT]


def test_an_abandoned_plan_is_no_handover() -> None:
    assert NON_VIOLENT not in factual_types("The army abandoned the plan to build a base near Karvand.")


def test_a_post_taken_without_meeting_resistance_is_handed_over() -> None:
    text = "Militia fighters captured the town of Karvand without meeting resistance on Friday."
    assert factual_types(text) == [NON_VIOLENT]


def test_the_handover_of_a_place_is_a_transfer() -> None:
    text = "Elders negotiated the handover of Karvand to the militia on Friday."
    assert NON_VIOLENT in factual_types(text)


def test_looting_needs_no_named_looter() -> None:
    text = ("Rebel fighters entered Karvand on Sunday. Residents said shops in Karvand had been looted "
            "during the night.")
    assert "Looting/property destruction" in factual_types(text)


@pytest.mark.parametrize(
    "text",
    [
        "President Omar Dalil fled the country on Sunday as rebels entered Karvand.",
        "The government collapsed on Sunday and rebels entered Karvand.",
        "Rebels ousted President Omar Dalil on Sunday.",
        "Crowds celebrated the fall of the regime in Karvand.",
    ],
)
def test_the_fall_of_a_government_is_coded(text: str) -> None:
    assert "Other" in factual_types(text), text


@pytest.mark.parametrize(
    "text",
    [
        "About six million people have fled the country since 2011.",
        "Prices fell sharply in Karvand after the government cut fuel subsidies.",
        "The ousted president gave an interview from exile on Tuesday.",
    ],
)
def test_no_government_falls_here(text: str) -> None:
    assert "Other" not in factual_types(text), text


def test_an_abandonment_hands_over_only_the_place_abandoned() -> None:
    text = "On Saturday Sarvan was abandoned, militia fighters took Karvand, and rebels reached the suburbs."
    events = [e for e in events_in(text) if e.modality in FACTUAL]
    by_place = {e.location.text: e.sub_event_type for e in events if e.location is not None}
    assert by_place == {"Sarvan": NON_VIOLENT, "Karvand": "Non-state actor overtakes territory"}
