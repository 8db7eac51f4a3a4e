"""Score story grouping on ECB+ (982 news documents, 43 topics of two look-alike events each).

Protocol (research/baselines.md §2): a document's text is its tokens joined by spaces, one line
per sentence; sentence 0 of `ecbplus` files (the source URL) is dropped because only one
sub-topic has it. Documents have no publication date and no outlet. The project's own pipeline
runs end to end: the extractor, `describe_article`, connected groups over `are_linked` (all
pairs, union-find) and `cluster_stories` on each group. Gold classes: `<topic>_ecb` /
`<topic>_ecbplus` (86 sub-topics, the "same kind of event, different incident" test) and the
topic (43).
- `subtopic.*` / `topic.*`: BCubed precision, recall and F1 of the stories against each level;
- `groups.topic.*`: BCubed of the connected groups (before they are split) against the topics.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ElementTree
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError
from sitrep.records import Article, ArticleFeatures, Extraction

FILE_NAME = re.compile(r"^(\d+)_\d+(ecb|ecbplus)\.xml$")
URL_SENTENCE = 0


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One ECB+ document as an article, with its gold topic and sub-topic."""

    article: Article
    topic: str
    subtopic: str


def read_ecbplus(path: Path) -> GoldDocument:
    """One ECB+ XML file: its tokens joined into text (URL sentence dropped) and its gold labels."""
    match = FILE_NAME.match(path.name)
    if match is None:
        raise ConfigError(f"{path.name} is not an ECB+ document name",
                          fix="pass the ECB+ folder, whose files are named <topic>_<n>ecb[plus].xml")
    topic, kind = match.groups()
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as error:
        raise ConfigError(f"cannot read the ECB+ document {path}: {error}",
                          fix="pass the unzipped ECB+ folder of the evaluation data") from None
    sentences: dict[int, list[str]] = {}
    for token in root.iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    kept = [number for number in sorted(sentences) if not (kind == "ecbplus" and number == URL_SENTENCE)]
    text = "\n".join(" ".join(sentences[number]) for number in kept)
    return GoldDocument(Article(id=path.stem, text=text, input=str(path), format="ecbplus"),
                        topic, f"{topic}_{kind}")


def read_corpus(path: Path, *, limit: int | None = None) -> list[GoldDocument]:
    """The documents of the first `limit` topics (by number) under `path`."""
    files = sorted(file for file in Path(path).rglob("*.xml") if FILE_NAME.match(file.name))
    if not files:
        raise ConfigError(f"no ECB+ documents under {path}",
                          fix="pass the ecbplus evaluation folder (it holds ECB+/<topic>/*.xml)")
    topics = sorted({_topic_of(file) for file in files}, key=int)[:limit]
    chosen = set(topics)
    return [read_ecbplus(file) for file in files if _topic_of(file) in chosen]


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """BCubed precision, recall and F1 of a clustering against gold classes, averaged over items."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold labels must be aligned")
    if not gold:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    clusters, classes = Counter(predicted), Counter(gold)
    overlap = Counter(zip(predicted, gold, strict=True))
    precision = sum(overlap[pair] / clusters[pair[0]] for pair in zip(predicted, gold, strict=True))
    recall = sum(overlap[pair] / classes[pair[1]] for pair in zip(predicted, gold, strict=True))
    precision, recall = precision / len(gold), recall / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def connected_groups(features: Sequence[ArticleFeatures]) -> list[list[ArticleFeatures]]:
    """Connected components of the `are_linked` graph over all pairs (union-find)."""
    from sitrep.fuse.stories import are_linked

    parent = list(range(len(features)))

    def find(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for first, second in combinations(range(len(features)), 2):
        if are_linked(features[first], features[second]):
            root_first, root_second = find(first), find(second)
            if root_first != root_second:
                parent[max(root_first, root_second)] = min(root_first, root_second)
    groups: dict[int, list[ArticleFeatures]] = {}
    for index, item in enumerate(features):
        groups.setdefault(find(index), []).append(item)
    return list(groups.values())


def evaluate_stories(path: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Run the pipeline on the ECB+ documents under `path` and score the stories (module docstring)."""
    from sitrep.extract.pipeline import Extractor

    documents = read_corpus(path, limit=limit)
    started = time.perf_counter()
    extractions = list(Extractor().pipe(document.article for document in documents))
    extract_seconds = time.perf_counter() - started
    metrics = score_documents(documents, extractions)
    metrics["seconds"] = {"extract": round(extract_seconds, 1),
                          "fuse": round(time.perf_counter() - started - extract_seconds, 1)}
    return metrics


def score_documents(documents: Sequence[GoldDocument], extractions: Sequence[Extraction]) -> dict[str, Any]:
    """Features, groups and stories of the documents, scored against their gold labels."""
    from sitrep.fuse.features import describe_article
    from sitrep.fuse.stories import cluster_stories

    features = [describe_article(document.article, extraction)
                for document, extraction in zip(documents, extractions, strict=True)]
    groups = connected_groups(features)
    story_of: dict[str, str] = {}
    group_of: dict[str, int] = {}
    for number, group in enumerate(groups):
        for story in cluster_stories(group):
            story_of.update(dict.fromkeys(story.article_ids, story.story_id))
        group_of.update(dict.fromkeys((item.article_id for item in group), number))
    ids = [document.article.id for document in documents]
    stories = [story_of[identifier] for identifier in ids]
    subtopics = [document.subtopic for document in documents]
    topics = [document.topic for document in documents]
    return {
        "documents": len(documents),
        "topics": len(set(topics)),
        "gold_subtopics": len(set(subtopics)),
        "clusters": len(set(stories)),
        "subtopic": bcubed(stories, subtopics),
        "topic": bcubed(stories, topics),
        "groups": {"count": len(groups),
                   "topic": bcubed([group_of[identifier] for identifier in ids], topics)},
    }


def _topic_of(file: Path) -> str:
    match = FILE_NAME.match(file.name)
    return match.group(1) if match else ""
