"""The tense of the clause around a time expression, from spaCy's parse of sentences written here."""

from __future__ import annotations

import pytest
from dates_helpers import parse

from sitrep.extract.dates import Tense, detect_tense


def tense_of(sentence: str, expression: str) -> Tense:
    doc = parse(sentence)
    start = sentence.index(expression)
    span = doc.char_span(start, start + len(expression), alignment_mode="expand")
    assert span is not None
    return detect_tense(span)


@pytest.mark.parametrize(("sentence", "expression", "tense"), [
    ("Rebels seized the border post on Thursday.", "Thursday", Tense.PAST),
    ("The army has retaken the bridge since Monday.", "Monday", Tense.PAST),
    ("The envoy will travel to Karvand on Thursday.", "Thursday", Tense.FUTURE),
    ("Talks are scheduled for December.", "December", Tense.FUTURE),
    ("The convoy is due to arrive on Friday.", "Friday", Tense.FUTURE),
    ("Officials planned to reopen the road on Thursday.", "Thursday", Tense.FUTURE),
    ("The ceasefire is going to start in December.", "December", Tense.FUTURE),
    ("The council meets in October.", "October", Tense.PRESENT),
    ("The governor said the town could fall in December.", "December", Tense.PRESENT),
])
def test_tense_of_the_governing_verb(sentence: str, expression: str, tense: Tense) -> None:
    assert tense_of(sentence, expression) is tense


def test_a_fragment_without_a_verb_has_no_tense() -> None:
    assert tense_of("Tuesday, August 10", "August 10") is Tense.UNKNOWN
