"""A strike is coded by its means (jets, drones, guns, missiles, ships), whatever verb tells it."""

from __future__ import annotations

import pytest
from events_helpers import events_in

from sitrep.extract.ontology import load_ontology
from sitrep.records import Modality

FACTUAL = frozenset({Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED})
AIR = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"


def typed(text: str) -> list[tuple[str, str | None]]:
    """(sub-event type, place) of the factual events of `text`, in text order."""
    return [(e.sub_event_type, e.location.text if e.location else None)
            for e in events_in(text) if e.modality in FACTUAL]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the agent is a gun, not the drone named later in the sentence
        ("Turkish artillery struck the river bridge near Karvand on Sunday, and a drone strike on a "
         "militia position killed two.", (SHELLING, "Karvand")),
        # a naval strike is a missile attack, not a clash over the port
        ("Navy missile boats struck the ports of Karvand and Sarvan on Monday night.", (SHELLING, "Karvand")),
        ("Army shelling hit the town of Karvand and nearby villages.", (SHELLING, "Karvand")),
        ("Army batteries fired dozens of shells and rockets into Karvand.", (SHELLING, "Karvand")),
        ("On Monday, shells fired by militia fighters into Karvand killed six civilians.",
         (SHELLING, "Karvand")),
        ("A drone hit a militia convoy near Karvand on Friday.", (AIR, "Karvand")),
    ],
)
def test_the_means_names_the_sub_type(text: str, expected: tuple[str, str]) -> None:
    assert expected in typed(text), typed(text)


def test_a_strike_by_jets_is_no_attack_on_civilians() -> None:
    found = typed("Jets struck an army depot outside Karvand on Tuesday.")
    assert found and all(sub == AIR for sub, _ in found), found


@pytest.mark.parametrize(
    "text",
    [
        # no means: the generic words keep their own reading
        "The hurricane hit the coast of Karvand on Sunday.",
        "Prices of shells and nuts rose in the Karvand market.",
    ],
)
def test_no_means_no_strike(text: str) -> None:
    assert all(sub not in (AIR, SHELLING) for sub, _ in typed(text)), typed(text)


def test_the_means_are_data() -> None:
    means = load_ontology().means()
    assert "drone" in means[AIR]
    assert "artillery" in means[SHELLING] and "navy" in means[SHELLING]
