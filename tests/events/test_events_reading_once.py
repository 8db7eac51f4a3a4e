"""The event passes read each document once: trigger words by string id, conflict words in one index
per document, sentence texts folded only when a pass asks. Answers are those of a word-by-word scan."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from events_helpers import extractor, parse
from spacy.tokens import Doc, Span

from sitrep.extract.events.context import ArticleContext, normalise_name
from sitrep.extract.events.cues import EventCues, load_event_cues
from sitrep.extract.events.scope import (
    _conflict_index,
    _conflict_word,
    has_conflict_context,
    speaks_of_conflict,
)
from sitrep.extract.events.triggers import contains_phrase

TEXT = ("A farmer from Velmora sold his barn on Monday. Rebel fighters shelled the hill road overnight. "
        "An air strike hit a depot, a war museum guide said.\nThe ferry left at noon.")


def _scanned(span: Span, cues: EventCues) -> bool:
    """Word by word, as the index must answer."""
    text = span.text.lower()
    return (any(_conflict_word(token, cues) for token in span)
            or any(contains_phrase(text, phrase) for phrase in cues.conflict_phrases))


def test_trigger_candidates_are_the_tokens_a_word_scan_would_try() -> None:
    finder, doc = extractor().finder, parse(TEXT)
    first = finder._first_words
    expected = [token.i for token in doc if token.lemma_.lower() in first or token.lower_ in first]
    assert finder._candidates(doc) == expected
    assert {doc[i].lower_ for i in expected} >= {"shelled", "strike"}
    assert [t.head.lower_ for t in finder.find(doc)] == ["shelled", "strike", "hit"]


def test_an_empty_document_has_no_trigger() -> None:
    finder = extractor().finder
    empty = parse("")
    assert finder._candidates(empty) == []
    assert finder.find(empty) == []


def test_the_conflict_index_answers_as_a_word_scan_for_every_span() -> None:
    cues, doc = load_event_cues(), parse(TEXT)
    spans = [*doc.sents, *(doc[start:end] for start in range(0, len(doc), 3)
                           for end in range(start, len(doc) + 1, 4))]
    assert [speaks_of_conflict(span, cues) for span in spans] == [_scanned(span, cues) for span in spans]
    sentences = list(doc.sents)
    assert [speaks_of_conflict(s, cues) for s in sentences] == [False, True, True, False]


def test_a_trigger_left_out_is_left_out_of_the_index_too() -> None:
    cues = load_event_cues()
    doc = parse("Two brothers started fighting in the kitchen on Sunday.")
    sentence = next(iter(doc.sents))
    trigger = next(doc[t.i:t.i + 1] for t in doc if t.lower_ == "fighting")
    assert speaks_of_conflict(sentence, cues, besides=trigger) == (
        _scanned(doc[sentence.start:trigger.start], cues) or _scanned(doc[trigger.end:sentence.end], cues))
    assert not speaks_of_conflict(sentence, cues, besides=trigger)


def test_the_index_is_made_once_per_document() -> None:
    cues = load_event_cues()
    doc, other = parse(TEXT), parse("Soldiers patrolled the market.")
    index = _conflict_index(doc, cues)
    assert _conflict_index(doc, cues) is index
    assert _conflict_index(other, cues) is not index
    assert _conflict_index(other, cues).doc is other
    assert has_conflict_context(doc, (), frozenset(), cues) == (
        sum(_scanned(s, cues) for s in doc.sents) >= max(cues.context_sentences,
                                                          cues.context_share * len(list(doc.sents))))


def _context(doc: Doc) -> ArticleContext:
    stand_in: Any = SimpleNamespace()
    return ArticleContext(doc, list(doc.sents), stand_in, stand_in, (), frozenset())


def test_sentences_are_lowered_and_folded_only_when_asked() -> None:
    doc = parse(TEXT)
    context = _context(doc)
    assert context._lowered is None and context._folded is None
    assert context.lowered == [s.text.lower() for s in doc.sents]
    assert context.folded == [normalise_name(s.text) for s in doc.sents]
    assert context.lowered is context.lowered and context.folded is context.folded
