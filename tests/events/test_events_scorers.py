"""The event scorer: matching, scope, metrics, the gold file's checks, and a tiny end-to-end run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.evaluation.events import Mention, evaluate_events, in_scope, names_match, read_gold, score

CAPTURE = "Non-state actor overtakes territory"
HANDOVER = "Non-violent transfer of territory"


def test_place_names_match_across_spellings() -> None:
    assert names_match("Pul-e-Khumri", "Pul-e Khumri")
    assert names_match("Faizabad city", "Faizabad")
    assert names_match(None, None)
    assert not names_match("Kunduz", None)
    assert not names_match("Kunduz", "Kandahar")


def test_scope_keeps_territory_fatalities_threats_and_denials_of_acled_types() -> None:
    assert in_scope(Mention("a", CAPTURE, "Kunduz", "asserted"))
    assert in_scope(Mention("a", "Attack", None, "asserted", fatalities=3))
    assert in_scope(Mention("a", "Armed clash", None, "denied"))
    assert not in_scope(Mention("a", "Armed clash", "Herat", "asserted"))
    assert not in_scope(Mention("a", "Troop withdrawal", "Herat", "denied"))


def test_scores_count_distinct_mentions_and_modality_on_matches() -> None:
    gold = [
        Mention("a", CAPTURE, "Kunduz", "asserted", actor1="Taliban", date="2021-08-08"),
        Mention("a", CAPTURE, "Kunduz", "asserted"),
        Mention("a", HANDOVER, "Aybak", "reported"),
        Mention("b", CAPTURE, None, "threatened"),
    ]
    predicted = [
        Mention("a", CAPTURE, "Kunduz", "reported", actor1="Taliban", date="2021-08-08"),
        Mention("a", CAPTURE, "Aybak", "reported"),
        Mention("b", CAPTURE, None, "threatened"),
        Mention("b", "Armed clash", "Herat", "asserted"),
    ]
    result = score(gold, predicted)
    assert result["all"] == {
        "precision": 0.6667,
        "recall": 0.6667,
        "f1": 0.6667,
        "gold": 3,
        "predicted": 3,
        "matched": 2,
    }
    assert result["territory_any_subtype"]["matched"] == 3
    assert result["modality_accuracy"] == {"accuracy": 0.5, "n": 2}
    assert result["actor1_accuracy"] == {"accuracy": 1.0, "n": 1}
    assert result["date_accuracy"] == {"accuracy": 1.0, "n": 1}
    assert "a Non-violent transfer of territory @ Aybak (reported)" in result["missed"]


def test_a_gold_line_with_unknown_fields_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        json.dumps({"article": "a", "sub_event_type": CAPTURE, "modality": "asserted", "place": "X"})
    )
    with pytest.raises(ConfigError, match="unknown or missing fields"):
        read_gold(path)
    path.write_text(json.dumps({"article": "a", "sub_event_type": CAPTURE, "modality": "rumoured"}))
    with pytest.raises(ConfigError, match="unknown modality"):
        read_gold(path)


def test_end_to_end_on_a_tiny_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "date 2021-08-10\nsource: Valley Post\n\nRebels take Karvand\n\n"
        "Rebel fighters captured Karvand and Sarvan on Tuesday, officials said. "
        "They have threatened to take Kandahar next.\n",
        encoding="utf-8",
    )
    (corpus / "b.txt").write_text(
        "date 2021-08-11\nsource: Valley Post\n\nMarket reopens\n\n"
        "Shops reopened in the old town on Wednesday as prices fell.\n",
        encoding="utf-8",
    )
    from sitrep.config import IngestOptions
    from sitrep.ingest import read_articles
    from sitrep.records import Article

    ids = {
        a.text.split("\n")[0]: a.id
        for a in read_articles([str(corpus)], IngestOptions())
        if isinstance(a, Article)
    }
    article = ids["Rebels take Karvand"]
    gold = tmp_path / "gold.jsonl"
    lines = [
        {
            "article": article,
            "sub_event_type": CAPTURE,
            "location": place,
            "actor1": None,
            "modality": modality,
            "date": None,
        }
        for place, modality in [("Karvand", "reported"), ("Sarvan", "reported"), ("Kandahar", "threatened")]
    ]
    gold.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = evaluate_events(gold, corpus, components="spacy")
    assert result["articles"] == 2 and result["missing_articles"] == []
    assert result["territory"]["recall"] >= 2 / 3
    assert result["places"] == "spacy-entities"
