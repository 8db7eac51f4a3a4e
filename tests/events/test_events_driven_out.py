"""Captures told by who was driven out: "drove X out of Y", "expelled X from Y", "cleared Y of X"."""

from __future__ import annotations

import pytest
from events_helpers import events_in, territory

CAPTURE = "Non-state actor overtakes territory"
REGAIN = "Government regains territory"


@pytest.mark.parametrize(
    ("sentence", "sub_type", "winner", "loser", "place"),
    [
        ("The Taliban drove government forces out of Karvand on Tuesday.",
         CAPTURE, "Taliban", "Government forces", "Karvand"),
        ("Government troops pushed the Taliban out of Sarvan after a week of fighting.",
         REGAIN, "Government forces", "Taliban", "Sarvan"),
        ("The Taliban expelled government forces from Karvand on Tuesday.",
         CAPTURE, "Taliban", "Government forces", "Karvand"),
        ("The Taliban ousted government forces from Herat.",
         CAPTURE, "Taliban", "Government forces", "Herat"),
        ("Government troops cleared the city of Karvand of Taliban fighters.",
         REGAIN, "Government forces", "Taliban", "Karvand"),
    ],
)
def test_the_side_driven_out_is_the_loser(
    sentence: str, sub_type: str, winner: str, loser: str, place: str
) -> None:
    [event] = territory(events_in(sentence))
    assert event.sub_event_type == sub_type
    assert event.actor1 is not None and event.actor1.actor == winner
    assert event.actor2 is not None and event.actor2.actor == loser
    assert event.location is not None and event.location.text == place


def test_clearing_something_that_is_no_place_is_no_capture() -> None:
    assert not territory(events_in("Engineers cleared the road of mines on Sunday."))
