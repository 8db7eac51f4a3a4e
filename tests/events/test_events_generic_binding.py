"""A generic captor ("the insurgents") is bound only to a group the article names acting."""

from __future__ import annotations

from events_helpers import events_in


def captors(text: str) -> list[tuple[str | None, str | None]]:
    """(captor, place) of each capture in `text`."""
    return [(e.actor1.actor if e.actor1 else None, e.location.text if e.location else None)
            for e in events_in(text) if e.sub_event_type == "Non-state actor overtakes territory"]


def test_the_only_group_named_as_a_recipient_is_not_the_generic_captor() -> None:
    text = "The army handed Karvand to the Taliban on Monday. Later the insurgents took Sarvan."
    assert captors(text) == [("Unidentified rebel group", "Sarvan")]


def test_the_only_group_named_acting_is_the_generic_captor() -> None:
    text = "The Taliban took Karvand on Monday. Later the insurgents took Sarvan."
    assert captors(text) == [("Taliban", "Karvand"), ("Taliban", "Sarvan")]


def test_the_side_a_town_is_seized_from_is_the_loser_not_the_captor() -> None:
    found = [e for e in events_in("Taliban fighters seized Karvand from Kurdish fighters on Sunday.")
             if e.sub_event_type == "Non-state actor overtakes territory"]
    assert [(e.actor1.actor if e.actor1 else None, e.actor2.actor if e.actor2 else None) for e in found] == [
        ("Taliban", "Syrian Democratic Forces")]
