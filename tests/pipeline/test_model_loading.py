"""The spaCy model: one loader, a clear error for a missing model, sentences broken at line breaks."""

from __future__ import annotations

import pytest

from sitrep.errors import ConfigError
from sitrep.extract.nlp import load_model, model_name


def test_missing_model_names_the_fix() -> None:
    with pytest.raises(ConfigError, match="cannot load the spaCy model 'no_such_model'") as caught:
        load_model("no_such_model")
    assert "SITREP_MODEL" in caught.value.fix


def test_model_name_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_MODEL", "my_model")
    assert model_name() == "my_model"


def test_a_headline_without_a_full_stop_is_its_own_sentence() -> None:
    doc = load_model()("Fighters seize bridge near Karvand\nThe crossing was lost on Monday, officials said.")
    assert [sentence.text.strip() for sentence in doc.sents] == [
        "Fighters seize bridge near Karvand", "The crossing was lost on Monday, officials said."]
