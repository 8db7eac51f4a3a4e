"""One sense per discourse for names no gazetteer entry spells: a name taken as a place once is the
place wherever the text repeats it, unless a person cue says otherwise there."""

from __future__ import annotations

from pathlib import Path

import pytest
from geo_helpers import build_fixture_gazetteer
from spacy.tokens import Doc, Span

from sitrep.extract.nlp import load_model
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.recognize import recognise_toponyms


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return build_fixture_gazetteer(Path(tmp_path_factory.mktemp("same-name")))


def tagged(text: str, labels: list[tuple[str, str, int]]) -> Doc:
    """`text` parsed, with its entities set by hand: (surface, label, occurrence)."""
    doc = load_model()(text)
    spans = []
    for surface, label, occurrence in labels:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(surface, start + 1)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None
        spans.append(span)
    doc.ents = [Span(doc, span.start, span.end, label=span.label_) for span in spans]
    return doc


def test_a_name_taken_as_a_place_is_the_place_where_it_is_tagged_a_person(gazetteer: Gazetteer) -> None:
    text = ("Families from Qarat Zulm reached the coast on Monday. "
            "Most had left Qarat Zulm after the militia stormed the town.")
    doc = tagged(text, [("Qarat Zulm", "GPE", 0), ("Qarat Zulm", "PERSON", 1)])
    found = [(toponym.start, toponym.text) for toponym in recognise_toponyms(doc, gazetteer)]
    assert found == [(14, "Qarat Zulm"), (text.rindex("Qarat Zulm"), "Qarat Zulm")]


def test_a_person_cue_keeps_the_repeated_name_a_person(gazetteer: Gazetteer) -> None:
    text = "Families from Qarat Zulm reached the coast. Qarat Zulm said the road was open."
    doc = tagged(text, [("Qarat Zulm", "GPE", 0), ("Qarat Zulm", "PERSON", 1)])
    assert [toponym.start for toponym in recognise_toponyms(doc, gazetteer)] == [14]
