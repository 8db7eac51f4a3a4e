"""Which clause's place an event takes: its own clause first, never a later event's or a later move."""

from __future__ import annotations

import pytest
from events_helpers import parse

from sitrep.extract.events.location import choose_event_location, location_cues


def choose(text: str, verb: str, places: list[str]) -> str | None:
    """The place chosen for `verb` among `places` (first occurrences)."""
    doc = parse(text)
    trigger = next(t for t in doc if t.text == verb)
    spans = [doc.char_span(text.index(n), text.index(n) + len(n)) for n in places]
    chosen = choose_event_location(doc, trigger, [s for s in spans if s is not None])
    return chosen.text if chosen is not None else None


def test_later_event_marks_are_read_from_the_language_file() -> None:
    assert {"before", "until"} <= location_cues().later_event_marks


@pytest.mark.parametrize(
    ("text", "verb", "places", "expected"),
    [
        # A participle clause with a place of its own is placed there, not at the governing clause's.
        (
            "The army opened a new offensive in the hills of Tarvo on Sunday, targeting the village of"
            " Olmen.",
            "targeting",
            ["Tarvo", "Olmen"],
            "Olmen",
        ),
        # Its own place wins even when a distance-like phrase makes it score lower than the other.
        (
            "Rebels stormed the army's lines in the northern Tarvo countryside, targeting its"
            " posts a few miles east of the crowded village of Olmen.",
            "targeting",
            ["Tarvo", "Olmen"],
            "Olmen",
        ),
        # With no place of its own, the clause still takes the governing clause's.
        (
            "Rebels shelled the market in Tarvo on Friday, killing six people.",
            "killing",
            ["Tarvo"],
            "Tarvo",
        ),
    ],
)
def test_the_trigger_clause_place_comes_first(text: str, verb: str, places: list[str], expected: str) -> None:
    assert choose(text, verb, places) == expected


@pytest.mark.parametrize(
    ("text", "verb", "places"),
    [
        # A "before"/"until" clause tells what happened afterwards, somewhere else.
        (
            "Nine fighters were killed in the fighting, before the others pulled back towards Tarvo.",
            "killed",
            ["Tarvo"],
        ),
        (
            "The militia held the bridge for a week until the army entered Olmen.",
            "held",
            ["Olmen"],
        ),
        # A verb joined to the trigger that moves the victim says where they were taken, not caught.
        (
            "The smuggler was captured by border guards and flown to Olmen a day later.",
            "captured",
            ["Olmen"],
        ),
    ],
)
def test_places_of_later_events_are_not_the_event_place(text: str, verb: str, places: list[str]) -> None:
    assert choose(text, verb, places) is None


def test_the_joined_verb_keeps_its_own_locative_place() -> None:
    # Only the goal of a joined verb is set aside; "captured and held in X" is still placed at X.
    text = "The smuggler was captured and held in Olmen for two days."
    assert choose(text, "captured", ["Olmen"]) == "Olmen"


def test_a_verb_done_at_a_goal_keeps_it() -> None:
    # The goal of the trigger itself still places it ("marched to X").
    assert choose("Thousands of students marched to Tarvo on Monday.", "marched", ["Tarvo"]) == "Tarvo"
