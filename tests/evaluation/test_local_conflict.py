"""The local-news conflict scorer: labels checked, judged predictions counted, unjudged set apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.evaluation import local_conflict
from sitrep.evaluation.local_conflict import DEFAULT_LABELS, Prediction, read_labels, score
from sitrep.records import EventMention, Modality

CORPUS = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1"><domain>valley-gazette.example</domain>
    <text><![CDATA[Rebels shelled the garrison at Karvand on Monday. A van struck a fence.]]></text>
    <toponyms count="0"></toponyms></article>
  <article docid="2"><domain>valley-gazette.example</domain>
    <text><![CDATA[The county fair opened on Saturday.]]></text>
    <toponyms count="0"></toponyms></article>
</articles>
"""


def _event(start: int) -> EventMention:
    return EventMention("a", start, start + 4, "shot", "test", event_type="Battles",
                        sub_event_type="Armed clash", modality=Modality.ASSERTED, confidence=0.9)


def test_precision_counts_judged_predictions_only() -> None:
    predictions = [Prediction("a", _event(0), "", True), Prediction("a", _event(10), "", False),
                   Prediction("a", _event(20), "", None)]
    assert score(predictions) == {"predicted": 3, "judged": 2, "true": 1, "precision": 0.5, "unjudged": 1}


def test_a_judgement_must_be_true_or_false(tmp_path: Path) -> None:
    labels = tmp_path / "labels.yaml"
    labels.write_text('samples: {one: ["lgl.xml:1"]}\njudged: {"lgl.xml:1": {12: maybe}}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="OFFSET: true"):
        read_labels(labels)


def test_labels_without_draws_are_refused(tmp_path: Path) -> None:
    labels = tmp_path / "labels.yaml"
    labels.write_text("judged: {}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="samples"):
        read_labels(labels)


def test_the_shipped_labels_read_and_hold_two_draws_of_200() -> None:
    labels = read_labels(DEFAULT_LABELS)
    assert {name: len(ids) for name, ids in labels.samples.items()} == {"draw-13": 200, "draw-29": 200}
    assert any(labels.judged.values())


def test_the_scorer_extracts_the_draw_and_applies_the_judgements(tmp_path: Path) -> None:
    (tmp_path / "lgl.xml").write_text(CORPUS, encoding="utf-8")
    (tmp_path / "GeoVirus.xml").write_text('<?xml version="1.0"?><articles></articles>', encoding="utf-8")
    labels = tmp_path / "labels.yaml"
    shelled = CORPUS.split("CDATA[")[1].index("shelled")
    judged = f'judged: {{"lgl.xml:1": {{{shelled}: true}}}}\n'
    labels.write_text('samples: {one: ["lgl.xml:1", "lgl.xml:2"]}\n' + judged, encoding="utf-8")
    metrics = local_conflict.evaluate_local_conflict(tmp_path, labels_path=labels, details=True)
    assert metrics["one"]["true"] == 1
    assert metrics["one"]["predicted"] == metrics["one"]["judged"] + metrics["one"]["unjudged"]
    assert all(item["offset"] != shelled for item in metrics["details"]["unjudged"])


def test_a_labelled_article_missing_from_the_corpus_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "lgl.xml").write_text(CORPUS, encoding="utf-8")
    (tmp_path / "GeoVirus.xml").write_text('<?xml version="1.0"?><articles></articles>', encoding="utf-8")
    labels = tmp_path / "labels.yaml"
    labels.write_text('samples: {one: ["lgl.xml:99"]}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="not in"):
        local_conflict.evaluate_local_conflict(tmp_path, labels_path=labels)
