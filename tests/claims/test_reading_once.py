"""The parse's text is built once and shared; attribution looks only at reporting tokens."""

from __future__ import annotations

from sitrep.extract.attribution import REPORTING_VERBS, Attributor, _reporting_indexes
from sitrep.extract.nlp import document_text, load_model

TEXT = ("According to the harbour master, the ferry stayed in port. Two crew members said on Friday "
        "that the engine had failed, the owners added.\nNobody was hurt.")


def test_document_text_is_the_parse_text_built_once() -> None:
    doc = load_model()(TEXT)
    first = document_text(doc)
    assert first == doc.text == TEXT
    assert document_text(doc) is first


def test_reporting_tokens_are_those_the_walk_would_try() -> None:
    doc = load_model()(TEXT)
    expected = [token.i for token in doc if token.lower_ == "according"
                or (token.pos_ == "VERB" and token.lemma_.lower() in REPORTING_VERBS)]
    assert _reporting_indexes(doc) == expected
    assert len(expected) >= 3
    speakers = [found.speaker for found in Attributor(doc).attributions]
    assert speakers[:2] == ["the harbour master", "Two crew members"]


def test_an_empty_parse_has_no_reporting_tokens() -> None:
    assert _reporting_indexes(load_model()("")) == []
