"""The article passes of event extraction: named, in an order that respects what each one reads,
and the table is what the extractor runs."""

from __future__ import annotations

import pytest
from events_helpers import events_in

from sitrep.extract.events import extractor
from sitrep.extract.events.extractor import ARTICLE_PASSES


def _position(name: str) -> int:
    return [step.name for step in ARTICLE_PASSES].index(name)


def test_every_pass_has_a_unique_name_and_says_what_it_does() -> None:
    names = [step.name for step in ARTICLE_PASSES]
    assert len(names) == len(set(names))
    assert all(step.does for step in ARTICLE_PASSES)


def test_passes_run_after_what_they_read() -> None:
    # The background test reads each draft's date; the territory pass compares resolved places.
    assert _position("time") < _position("background")
    assert _position("anaphora") < _position("territory")
    # Variants read the actors that binding settles ("the insurgents" -> a named group).
    assert _position("actors") < _position("variants")


def test_the_extractor_runs_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The monitor said 210 people had been killed since Monday in Karvand."
    assert events_in(text) == ()  # a running toll: dropped by the article passes
    monkeypatch.setattr(extractor, "ARTICLE_PASSES", ())
    assert [event.text for event in events_in(text)] == ["killed"]
