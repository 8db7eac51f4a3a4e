"""The ECB+ story scorer: BCubed, the ECB+ reader, and the metrics of a tiny corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.evaluation.stories import bcubed, read_corpus, read_ecbplus, score_documents
from sitrep.evaluation.tasks import TASKS
from sitrep.records import Extraction


def write_document(folder: Path, name: str, sentences: list[list[str]]) -> Path:
    """An ECB+-like XML file: numbered tokens per sentence, then (ignored) markables."""
    tokens, number = [], 1
    for sentence, words in enumerate(sentences):
        for position, word in enumerate(words):
            tokens.append(f'<token t_id="{number}" sentence="{sentence}" number="{position}">{word}</token>')
            number += 1
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f'<Document doc_name="{name}">\n' + "\n".join(tokens)
                    + "\n<Markables></Markables>\n<Relations></Relations>\n</Document>\n", encoding="utf-8")
    return path


def test_bcubed_on_a_hand_made_example() -> None:
    # One cluster holding two classes of two: each item's cluster is half right, each class whole.
    assert bcubed([1, 1, 1, 1], ["a", "a", "b", "b"]) == {"precision": 0.5, "recall": 1.0, "f1": 0.6667}
    # {a a b} {b b}: precisions 2/3 2/3 1/3 1 1, recalls 1 1 1/3 2/3 2/3 -> both 11/15.
    assert bcubed([1, 1, 1, 2, 2], ["a", "a", "b", "b", "b"]) == {
        "precision": 0.7333, "recall": 0.7333, "f1": 0.7333}
    assert bcubed(["x", "y"], ["a", "b"])["f1"] == 1.0
    with pytest.raises(ValueError, match="aligned"):
        bcubed([1], [])


def test_reader_drops_the_url_sentence_of_ecbplus_files(tmp_path: Path) -> None:
    folder = tmp_path / "ECB+" / "3"
    url, first, second = ["http", ":", "//x"], ["Dam", "bursts"], ["Town", "flooded"]
    plus = write_document(folder, "3_2ecbplus.xml", [url, first, second])
    seminal = write_document(folder, "3_1ecb.xml", [["Bridge", "closes"], ["Traffic", "stops"]])
    document = read_ecbplus(plus)
    assert document.article.text == "Dam bursts\nTown flooded"
    assert (document.article.id, document.topic, document.subtopic) == ("3_2ecbplus", "3", "3_ecbplus")
    assert read_ecbplus(seminal).article.text == "Bridge closes\nTraffic stops"
    assert read_ecbplus(seminal).subtopic == "3_ecb"


def test_corpus_limit_counts_topics_in_numeric_order(tmp_path: Path) -> None:
    for topic in ("2", "10"):
        write_document(tmp_path / "ECB+" / topic, f"{topic}_1ecb.xml", [["Ship", "sinks"]])
        write_document(tmp_path / "ECB+" / topic, f"{topic}_1ecbplus.xml", [["url"], ["Mine", "opens"]])
    (tmp_path / "ECB+" / "notes.xml").write_text("<x/>", encoding="utf-8")
    assert len(read_corpus(tmp_path)) == 4
    assert {document.topic for document in read_corpus(tmp_path, limit=1)} == {"2"}
    with pytest.raises(ConfigError, match="no ECB\\+ documents"):
        read_corpus(tmp_path / "ECB+" / "missing")


def test_score_of_a_tiny_separable_corpus(tmp_path: Path) -> None:
    sentences = {
        "4_1ecb.xml": [["Volcano", "Hekla", "erupts", "near", "Selfoss"], ["Ash", "covers", "Selfoss"]],
        "4_2ecb.xml": [["Hekla", "eruption", "sends", "ash", "over", "Selfoss"]],
        "4_1ecbplus.xml": [["url"], ["Etna", "lava", "reaches", "Zafferana"], ["Zafferana", "evacuated"]],
        "4_2ecbplus.xml": [["url"], ["Zafferana", "evacuated", "as", "Etna", "lava", "flows"]],
    }
    for name, words in sentences.items():
        write_document(tmp_path / "ECB+" / "4", name, words)
    documents = read_corpus(tmp_path)
    extractions = [Extraction(document.article.id, ("test",)) for document in documents]
    metrics = score_documents(documents, extractions)
    assert metrics["documents"] == 4
    assert metrics["clusters"] == 2
    assert metrics["subtopic"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert metrics["topic"]["precision"] == 1.0
    assert metrics["topic"]["recall"] == 0.5


def test_stories_task_is_registered() -> None:
    assert "stories" in TASKS
