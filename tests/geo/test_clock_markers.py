"""The marker of a clock time ("10 A.M.") is never a place, whatever the parser tags it."""

from __future__ import annotations

from pathlib import Path

import pytest
from geo_helpers import build_fixture_gazetteer
from test_same_name import tagged

from sitrep.extract.nlp import load_model
from sitrep.geo.cues import is_clock_marker
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.recognize import recognise_toponyms


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return build_fixture_gazetteer(Path(tmp_path_factory.mktemp("clock")))


def test_a_clock_marker_tagged_as_a_place_is_not_one(gazetteer: Gazetteer) -> None:
    text = "The assault began at 10 A.M. on the northern flank near Qarat Zulm."
    doc = tagged(text, [("A.M.", "GPE", 0), ("Qarat Zulm", "GPE", 0)])
    assert [toponym.text for toponym in recognise_toponyms(doc, gazetteer)] == ["Qarat Zulm"]


def test_the_same_letters_without_a_time_before_them_are_judged_as_usual(gazetteer: Gazetteer) -> None:
    text = "Delegates from A.M. and Qarat Zulm met on Monday."
    doc = tagged(text, [("A.M.", "GPE", 0), ("Qarat Zulm", "GPE", 0)])
    assert "A.M." in [toponym.text for toponym in recognise_toponyms(doc, gazetteer)]


def test_a_marker_opening_the_text_or_after_a_word_is_no_clock_time() -> None:
    doc = load_model()("P.M. Kelly spoke after 9 p.m. and after dinner P.M. too.")
    assert not is_clock_marker(doc, doc[0:1])
    number = next(token.i for token in doc if token.text == "9")
    assert is_clock_marker(doc, doc[number + 1 : number + 2])
    assert not is_clock_marker(doc, doc[len(doc) - 3 : len(doc) - 2])
