"""Precision of conflict-type events on news that is mostly not about war (LGL, GeoVirus).

Local crime, accidents, elections and disease news give a conflict tool its false alarms: "shot",
"struck", "took", "lost" and "fell" have everyday senses. The judgements are kept in
`quality/labels/local-conflict.yaml` as article ids and trigger offsets (no text): for each draw of
articles, the scorer extracts them as `sitrep ingest` would, takes the factual events of the
conflict types (`CONFLICT_EVENT_TYPES`) and counts how many were judged real events.

Metrics, per draw and over all draws (an article in two draws counts once in `all`):
- `predicted`: conflict-type factual events; `judged`: those with a judgement;
- `precision`: judged true / judged; `unjudged`: predictions with no judgement yet (listed with
  `--details`: judge them in the labels file, they are not counted either way).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import ConfigError
from sitrep.evaluation.geoparsing import read_corpus
from sitrep.records import Article, EventMention

DEFAULT_LABELS = Path(__file__).parents[3] / "quality" / "labels" / "local-conflict.yaml"
# ACLED's types of political violence: what an analyst of a war would be alerted to.
CONFLICT_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
CORPUS_FILES = ("lgl.xml", "GeoVirus.xml")


@dataclass(frozen=True, slots=True)
class Labels:
    """The draws (article ids by name) and the judgements (article id -> trigger offset -> real)."""

    samples: Mapping[str, tuple[str, ...]]
    judged: Mapping[str, Mapping[int, bool]]


@dataclass(frozen=True, slots=True)
class Prediction:
    """One conflict-type factual event of a sampled article, with its judgement (None: not judged)."""

    article: str
    event: EventMention
    sentence: str
    real: bool | None


def read_labels(path: Path) -> Labels:
    """The labels file, checked: every draw a list of ids, every judgement an offset and a boolean."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"cannot read the labels file {path}: {error}",
                          fix="give a YAML file with `samples` and `judged`") from error
    if not isinstance(data, dict) or not isinstance(data.get("samples"), dict):
        raise ConfigError(f"{path}: no `samples` mapping", fix="list each draw's article ids under `samples`")
    samples = {str(name): tuple(str(i) for i in ids) for name, ids in data["samples"].items()}
    judged: dict[str, dict[int, bool]] = {}
    for article, marks in (data.get("judged") or {}).items():
        if not isinstance(marks, dict) or not all(isinstance(v, bool) for v in marks.values()):
            raise ConfigError(f"{path}: judged[{article!r}] is not a mapping of offsets to true/false",
                              fix="write each judgement as `OFFSET: true` or `OFFSET: false`")
        judged[str(article)] = {int(offset): value for offset, value in marks.items()}
    return Labels(samples, judged)


def evaluate_local_conflict(data: Path, *, labels_path: Path = DEFAULT_LABELS, limit: int | None = None,
                            details: bool = False) -> dict[str, Any]:
    """Score the conflict-type events of the labelled draws of the corpora in the folder `data`."""
    labels = read_labels(labels_path)
    wanted = {article for ids in labels.samples.values() for article in ids[:limit]}
    articles = _articles(data, wanted)
    predictions = _predictions(articles, labels)
    metrics: dict[str, Any] = {
        name: score([p for p in predictions if p.article in set(ids[:limit])])
        for name, ids in labels.samples.items()
    }
    metrics["all"] = score(predictions)
    if details:
        metrics["details"] = {
            "false": [_describe(p) for p in predictions if p.real is False],
            "unjudged": [_describe(p) for p in predictions if p.real is None],
        }
    return metrics


def score(predictions: Sequence[Prediction]) -> dict[str, Any]:
    """Predicted, judged, true, precision and unjudged of some predictions."""
    judged = [p for p in predictions if p.real is not None]
    true = sum(1 for p in judged if p.real)
    return {
        "predicted": len(predictions),
        "judged": len(judged),
        "true": true,
        "precision": round(true / len(judged), 4) if judged else 0.0,
        "unjudged": len(predictions) - len(judged),
    }


def _articles(data: Path, wanted: set[str]) -> list[Article]:
    """The sampled articles, as records the extractor reads (English; the outlet as source; the day
    LGL downloaded an article as its publication day, as a live feed would date it)."""
    found: list[Article] = []
    for name in CORPUS_FILES:
        path = data / name
        if not path.exists():
            raise ConfigError(f"no {name} in {data}", fix="give the folder holding lgl.xml and GeoVirus.xml")
        for gold in read_corpus(path):
            identifier = f"{name}:{gold.id}"
            if identifier in wanted:
                found.append(Article(id=identifier, text=gold.text, source=gold.outlet or name,
                                     published_at=gold.downloaded, language="en"))
    missing = wanted - {article.id for article in found}
    if missing:
        raise ConfigError(f"{len(missing)} labelled articles are not in {data} (e.g. {sorted(missing)[0]})",
                          fix="use the corpora the labels were made on")
    return found


def _predictions(articles: Sequence[Article], labels: Labels) -> list[Prediction]:
    from sitrep.extract.pipeline import Extractor

    found = []
    for article, extraction in zip(articles, Extractor().pipe(articles), strict=True):
        marks = labels.judged.get(article.id, {})
        for event in extraction.events:
            if event.event_type in CONFLICT_EVENT_TYPES and event.modality.is_factual:
                sentence = article.text[event.sentence_start:event.sentence_end]
                found.append(Prediction(article.id, event, sentence, marks.get(event.start)))
    return found


def _describe(prediction: Prediction) -> dict[str, Any]:
    event = prediction.event
    return {
        "article": prediction.article,
        "offset": event.start,
        "trigger": event.text,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1.text if event.actor1 is not None else None,
        "sentence": " ".join(prediction.sentence.split()),
    }
