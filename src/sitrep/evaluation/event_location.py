"""Score the choice of an event's location among the places of its sentence (Halterman's set).

Each record is one sentence and one event verb; annotators marked the LOCATION span(s) where that
event happened, or none. Candidates are what the event extractor itself chooses among: the place
extractor's mentions (`sitrep.geo`), less those `PlaceIndex` sets aside (datelines, demonyms,
names the actor dictionary knows, a country qualifying a noun), and for sitrep's method the proper
names no gazetteer knows (`PlaceIndex.synthetic`), which count only where written as places. A
prediction is a candidate or "none"; it is right when it overlaps a gold span, or is "none" when
there is no gold span. Reported per method (sitrep's `choose_event_location`, the nearest place to
the verb, the first place of the sentence): accuracy over all records, precision over the records
where the method chose a place, recall over the records with a gold location.
`candidate_recall` is the ceiling of sitrep's method: records whose gold location is a candidate
or an unknown name.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from sitrep.errors import ConfigError
from sitrep.extract.actors import ActorTagger
from sitrep.extract.events.location import choose_event_location
from sitrep.extract.events.places import PlaceIndex
from sitrep.extract.nlp import BATCH_SIZE, load_model
from sitrep.geo.extractor import PlaceExtractor

RECORD_ID = "event-location"
Chooser = Callable[[Doc, Token, list[Span]], Span | None]


@dataclass(slots=True)
class Tally:
    """Counts for one method."""

    records: int = 0
    correct: int = 0
    predicted: int = 0
    predicted_correct: int = 0
    gold_located: int = 0
    located_correct: int = 0

    def add(self, chosen: Span | None, gold: list[tuple[int, int]]) -> None:
        """Count one prediction against the gold spans."""
        hit = chosen is not None and any(_overlaps(chosen, span) for span in gold)
        self.records += 1
        self.correct += int(hit or (chosen is None and not gold))
        self.predicted += int(chosen is not None)
        self.predicted_correct += int(hit)
        self.gold_located += int(bool(gold))
        self.located_correct += int(hit)

    def metrics(self) -> dict[str, float | int]:
        """Accuracy, precision, recall and F1."""
        precision = _ratio(self.predicted_correct, self.predicted)
        recall = _ratio(self.located_correct, self.gold_located)
        f1 = _ratio(2 * precision * recall, precision + recall)
        return {
            "accuracy": round(_ratio(self.correct, self.records), 4),
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "predicted": self.predicted,
        }


@dataclass(slots=True)
class Record:
    """One sentence, its event verb span and the gold location spans."""

    text: str
    verb: tuple[int, int]
    gold: list[tuple[int, int]] = field(default_factory=list)


def evaluate_event_location(path: Path, limit: int | None = None) -> dict[str, object]:
    """Accuracy, precision and recall of sitrep's location choice and of two baselines on `path`."""
    records = list(_read_records(path, limit))
    methods: dict[str, Chooser] = {"nearest_place": choose_nearest_place, "first_place": choose_first_place}
    tallies = {name: Tally() for name in ("sitrep", *methods)}
    with_candidate = 0
    nlp = load_model()
    places, tagger = PlaceExtractor(), ActorTagger()
    for record, doc in zip(records, nlp.pipe((r.text for r in records), batch_size=BATCH_SIZE), strict=True):
        trigger = _trigger(doc, record.verb)
        candidates, unresolved = sentence_places(doc, places, tagger)
        with_candidate += int(any(_overlaps(c, g) for c in candidates + unresolved for g in record.gold))
        chosen = choose_event_location(doc, trigger, candidates, unresolved=unresolved) if trigger else None
        tallies["sitrep"].add(chosen, record.gold)
        for name, choose in methods.items():
            tallies[name].add(choose(doc, trigger, candidates) if trigger is not None else None, record.gold)
    located = tallies["sitrep"].gold_located
    return {
        "records": len(records),
        "with_location": located,
        "candidate_recall": round(_ratio(with_candidate, located), 4),
        "methods": {name: tally.metrics() for name, tally in tallies.items()},
    }


def sentence_places(doc: Doc, places: PlaceExtractor, tagger: ActorTagger) -> tuple[list[Span], list[Span]]:
    """The place spans of `doc` the event extractor chooses among, and the unknown proper names."""
    index = PlaceIndex(doc, places(doc, RECORD_ID), tagger(doc, RECORD_ID))
    return [span for span, _ in index.real], list(index.synthetic)


def choose_nearest_place(doc: Doc, trigger: Token, candidates: list[Span]) -> Span | None:
    """Baseline: the place of the sentence closest to the verb, in tokens."""
    del doc
    in_sentence = [span for span in candidates if trigger.sent.start <= span.start < trigger.sent.end]
    return min(in_sentence, key=lambda span: min(abs(t.i - trigger.i) for t in span), default=None)


def choose_first_place(doc: Doc, trigger: Token, candidates: list[Span]) -> Span | None:
    """Baseline: the first place of the sentence."""
    del doc
    return next((span for span in candidates if trigger.sent.start <= span.start < trigger.sent.end), None)


def _read_records(path: Path, limit: int | None) -> Iterator[Record]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ConfigError(
            f"cannot read {path}: {error.strerror}",
            fix="pass the labeled_text_dev.jsonl of the event-location set",
        ) from None
    count = 0
    for number, line in enumerate(lines, start=1):
        if limit is not None and count >= limit:
            return
        if not line.strip():
            continue
        record = _parse_record(line, path, number)
        if record is not None:
            count += 1
            yield record


def _parse_record(line: str, path: Path, number: int) -> Record | None:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as error:
        raise ConfigError(
            f"{path}:{number} is not JSON: {error.msg}", fix="give one JSON object per line"
        ) from None
    spans = raw.get("spans") or []
    verbs = [(s["start"], s["end"]) for s in spans if s.get("label") == "VERB"]
    if not verbs or not isinstance(raw.get("text"), str):
        return None
    gold = [(s["start"], s["end"]) for s in spans if s.get("label") == "LOCATION"]
    return Record(raw["text"], verbs[0], gold)


def _trigger(doc: Doc, verb: tuple[int, int]) -> Token | None:
    span = doc.char_span(verb[0], verb[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _overlaps(span: Span, gold: tuple[int, int]) -> bool:
    return span.start_char < gold[1] and gold[0] < span.end_char


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0
