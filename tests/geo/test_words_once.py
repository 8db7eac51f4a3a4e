"""Place recognition reads a document's words from its token arrays: the same facts as the tokens."""

from __future__ import annotations

from sitrep.extract.nlp import load_model
from sitrep.geo.recognize import _capitalised_runs, _Words

TEXT = "Crews drove from NEW HAVEN via ST. ALBANS to Bandar-e Lengeh and then to Lake Ontario's shore."


def test_words_agree_with_the_tokens() -> None:
    doc = load_model()(TEXT)
    words = _Words(doc)
    assert [spelling.text for spelling in words.spellings] == [token.text for token in doc]
    assert [spelling.lower for spelling in words.spellings] == [token.lower_ for token in doc]
    assert words.starts == [token.idx for token in doc]
    assert words.ends == [token.idx + len(token) for token in doc]
    assert words.space_after == [bool(token.whitespace_) for token in doc]


def test_runs_keep_openers_abbreviation_dots_and_connectors() -> None:
    doc = load_model()(TEXT)
    runs = [doc[first : last + 1].text for first, last in _capitalised_runs(_Words(doc))]
    assert "NEW HAVEN" in runs and "ST. ALBANS" in runs and "Bandar-e Lengeh" in runs


def test_an_empty_document_has_no_words() -> None:
    words = _Words(load_model()(""))
    assert len(words) == 0 and _capitalised_runs(words) == []
