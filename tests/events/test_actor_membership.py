"""A generic description of fighters takes the group it belongs to, named in its own noun phrase."""

from __future__ import annotations

import pytest
from events_helpers import events_in

TAKE = "Non-state actor overtakes territory"


def captor(text: str) -> tuple[str | None, str | None]:
    [event] = [event for event in events_in(text) if event.sub_event_type == TAKE]
    assert event.actor1 is not None
    return event.actor1.text, event.actor1.actor


@pytest.mark.parametrize(("text", "group"), [
    ("Fighters from the Sudan Liberation Movement took Tawila on Monday.", "the Sudan Liberation Movement"),
    ("Militants loyal to the Hill Country Army seized Gedaref on Saturday.", "Hill Country Army"),
    ("Insurgents led by Ansar Allah entered Marib on Sunday.", "Ansar Allah"),
])
def test_the_group_the_fighters_belong_to_is_the_actor(text: str, group: str) -> None:
    assert captor(text)[0] == group


def test_a_group_that_only_backs_them_is_not() -> None:
    assert captor("Rebels backed by the Northern Alliance took the town of Tawila.") == (
        "Rebels", "Unidentified rebel group")


def test_a_place_the_parser_took_for_an_organisation_is_not_a_group() -> None:
    assert captor("Fighters from Tawila captured Kassala on Monday.")[1] == "Unidentified rebel group"
