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
