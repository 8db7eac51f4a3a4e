"""Score date normalisation and time-expression finding on TimeML files (TimeBank, AQUAINT, TempEval-3).

Protocol (research/baselines.md §3): the items are the TIMEX3 of type DATE that are not the
document creation time (DCT); the anchor is the DCT's date; the system normalises the gold span's
text (whitespace collapsed). An answer is right when its value equals the gold value, or when the
gold value is a day, ISO week, month or year and every day the answer covers falls in that gold
period (the baseline's "formatted at the gold granularity", which for a day answer is the same).
- `value_accuracy`: right / items whose gold value is a day, week, month or year (the 4 granularities);
- `value_accuracy_all_date`: right / all DATE items (quarters, seasons, `PAST_REF`... included);
- both with the clause's tense read from spaCy's parse of the document (what `TimeExtractor`
  does) and, under `text_only`, from the span's text alone;
- `exact_value_accuracy`: the answer's value string equals the gold value;
- `spans`: the finder's spans against every gold TIMEX3 span (any type, DCT excluded), matched when
  they overlap (relaxed) or coincide (strict), recall by TIMEX3 type (DURATION and SET are left
  out by design), and value accuracy on the overlapping DATE spans.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ElementTree
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from sitrep.errors import ConfigError
from sitrep.extract.dates import Normalised, Tense, TimeExtractor, detect_tense, normalise_time
from sitrep.extract.nlp import BATCH_SIZE, load_model
from sitrep.records import TimeMention

GRANULARITIES = (
    ("day", re.compile(r"\d{4}-\d{2}-\d{2}")),
    ("week", re.compile(r"\d{4}-W\d{2}")),
    ("month", re.compile(r"\d{4}-\d{2}")),
    ("year", re.compile(r"\d{4}")),
)
OTHER = "other"
CREATION_TIME = "CREATION_TIME"
# Tokens written without a space before them when MEANTIME's tokens are joined back into text.
NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "'s", "n't", "%", "'"})


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One gold TIMEX3: its character span in the document text, type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimemlDocument:
    """A TimeML document: its text (the TEXT element without tags), creation date and TIMEX3s."""

    name: str
    text: str
    creation_date: date | None
    timexes: tuple[GoldTimex, ...]


def evaluate_timebank(path: Path, *, limit: int | None = None) -> dict[str, object]:
    """Value accuracy and span finding on the `.tml` files under `path` (the first `limit` of them)."""
    files = sorted(Path(path).rglob("*.tml"))[:limit]
    if not files:
        raise ConfigError(f"no TimeML (.tml) files under {path}",
                          fix="pass the folder that holds the .tml files, e.g. TBAQ-cleaned/TimeBank")
    return evaluate_documents([read_timeml(file) for file in files])


def evaluate_meantime(path: Path, *, limit: int | None = None) -> dict[str, object]:
    """The same scores on MEANTIME's CAT XML files (tokens joined back into text) under `path`."""
    files = sorted(Path(path).rglob("*.xml"))[:limit]
    if not files:
        raise ConfigError(f"no MEANTIME (.xml) files under {path}",
                          fix="pass the intra_cross-doc_annotation folder of MEANTIME")
    return evaluate_documents([read_meantime(file) for file in files])


def evaluate_documents(documents: list[TimemlDocument]) -> dict[str, object]:
    """Value accuracy given the gold spans, and the finder's spans against the gold ones."""
    nlp = load_model()
    started = time.perf_counter()
    docs = list(nlp.pipe((document.text for document in documents), batch_size=BATCH_SIZE))
    parse_seconds = time.perf_counter() - started
    values = _score_values(documents, docs)
    spans = _score_spans(documents, docs)
    speed = {**values.pop("speed"), **spans.pop("speed"),  # type: ignore[dict-item]
             "spacy_ms_per_document": round(1000 * parse_seconds / len(documents), 3)}
    return {"documents": len(documents), **values, "spans": spans, "speed": speed}


def read_timeml(path: Path) -> TimemlDocument:
    """The text, creation date and TIMEX3 spans of one TimeML file."""
    root = _parse_xml(path)
    body = root.find("TEXT")
    if body is None:
        raise ConfigError(f"the TimeML file {path} has no TEXT element", fix="pass TimeML (.tml) files only")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    _flatten(body, parts, timexes)
    return TimemlDocument(path.name, "".join(parts), _creation_date(root), tuple(timexes))


def _flatten(element: ElementTree.Element, parts: list[str], timexes: list[GoldTimex],
             offset: int = 0) -> int:
    """Append the element's text (children too) to `parts`, record TIMEX3 offsets; return the new offset."""
    parts.append(element.text or "")
    offset += len(parts[-1])
    for child in element:
        start = offset
        offset = _flatten(child, parts, timexes, offset)
        if child.tag == "TIMEX3" and child.get("functionInDocument") != CREATION_TIME:
            text = "".join(child.itertext())
            timexes.append(GoldTimex(start, offset, text, child.get("type", ""), child.get("value", "")))
        parts.append(child.tail or "")
        offset += len(parts[-1])
    return offset


def _parse_xml(path: Path) -> ElementTree.Element:
    try:
        return ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise ConfigError(f"cannot read the annotation file {path}: {error}",
                          fix="check that the file is well-formed XML") from None


def read_meantime(path: Path) -> TimemlDocument:
    """Text (tokens joined by spaces, one line a sentence), creation date and TIMEX3 of a MEANTIME file."""
    root = _parse_xml(path)
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    length, sentence = 0, None
    for token in root.iter("token"):
        word = token.text or ""
        joiner = "\n" if sentence is not None and token.get("sentence") != sentence else " "
        joiner = "" if not parts or (joiner == " " and word in NO_SPACE_BEFORE) else joiner
        parts.append(joiner + word)
        length += len(joiner)
        offsets[token.get("t_id", "")] = (length, length + len(word))
        length += len(word)
        sentence = token.get("sentence")
    text = "".join(parts)
    return TimemlDocument(path.name, text, _creation_date(root), _meantime_timexes(root, offsets, text))


def _meantime_timexes(root: ElementTree.Element, offsets: dict[str, tuple[int, int]],
                      text: str) -> tuple[GoldTimex, ...]:
    timexes = []
    for timex in root.iter("TIMEX3"):
        spans = [offsets[anchor.get("t_id", "")] for anchor in timex.iter("token_anchor")]
        if not spans or timex.get("functionInDocument") == CREATION_TIME:
            continue
        start, end = spans[0][0], spans[-1][1]
        timexes.append(GoldTimex(start, end, text[start:end], timex.get("type", ""), timex.get("value", "")))
    return tuple(timexes)


def _creation_date(root: ElementTree.Element) -> date | None:
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == CREATION_TIME:
            return _parse_day(timex.get("value", ""))
    return None


def _parse_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def granularity(value: str) -> str:
    """day, week, month or year for a gold value of that shape, else "other"."""
    return next((name for name, pattern in GRANULARITIES if pattern.fullmatch(value)), OTHER)


def is_correct(result: Normalised | None, gold: str) -> bool:
    """The answer equals the gold value, or covers only days inside the gold day/week/month/year."""
    if result is None or result.value is None:
        return False
    if result.value == gold:
        return True
    kind = granularity(gold)
    if kind == OTHER or result.first_day is None or result.last_day is None:
        return False
    return format_day(result.first_day, kind) == gold == format_day(result.last_day, kind)


def format_day(day: date, kind: str) -> str:
    """`day` written at a gold granularity (an ISO week for "week")."""
    if kind == "day":
        return day.isoformat()
    if kind == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if kind == "year":
        return f"{day.year:04d}"
    iso_year, week, _ = day.isocalendar()
    return f"{iso_year:04d}-W{week:02d}"


def _date_items(documents: Iterable[TimemlDocument],
                docs: Iterable[Doc]) -> Iterator[tuple[GoldTimex, date, Tense]]:
    for document, doc in zip(documents, docs, strict=True):
        if document.creation_date is None:
            continue
        for timex in document.timexes:
            if timex.type == "DATE":
                span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
                yield timex, document.creation_date, detect_tense(span) if span is not None else Tense.UNKNOWN


def _score_values(documents: list[TimemlDocument], docs: list[Doc]) -> dict[str, object]:
    counts: Counter[str] = Counter()
    started, calls = time.perf_counter(), 0
    for timex, anchor, tense in _date_items(documents, docs):
        text = " ".join(timex.text.split())
        kind = granularity(timex.value)
        in_context, text_only = normalise_time(text, anchor, tense=tense), normalise_time(text, anchor)
        calls += 2
        counts["items"] += 1
        counts[f"items:{kind}"] += 1
        counts[f"right:{kind}"] += is_correct(in_context, timex.value)
        counts[f"text_only:{kind}"] += is_correct(text_only, timex.value)
        counts[f"exact:{kind}"] += in_context is not None and in_context.value == timex.value
    elapsed = time.perf_counter() - started
    speed = {"ms_per_expression": round(1000 * elapsed / max(calls, 1), 4)}
    return {**_value_metrics(counts), "speed": speed}


def _value_metrics(counts: Counter[str]) -> dict[str, object]:
    kinds = [name for name, _ in GRANULARITIES]
    four = sum(counts[f"items:{kind}"] for kind in kinds)

    def share(prefix: str, among: Iterable[str], total: int) -> float:
        return round(sum(counts[f"{prefix}:{kind}"] for kind in among) / total, 4) if total else 0.0

    every = [*kinds, OTHER]
    return {
        "date_items": counts["items"], "items_4_granularities": four,
        "value_accuracy": share("right", kinds, four),
        "value_accuracy_all_date": share("right", every, counts["items"]),
        "exact_value_accuracy": share("exact", kinds, four),
        "text_only": {"value_accuracy": share("text_only", kinds, four),
                      "value_accuracy_all_date": share("text_only", every, counts["items"])},
        "by_granularity": {kind: {"items": counts[f"items:{kind}"], "accuracy": share("right", [kind],
                                                                                      counts[f"items:{kind}"])}
                           for kind in every},
    }


def _score_spans(documents: list[TimemlDocument], docs: list[Doc]) -> dict[str, object]:
    extractor, counts = TimeExtractor(), Counter[str]()
    started = time.perf_counter()
    for document, doc in zip(documents, docs, strict=True):
        found = extractor(doc, document.name, document.creation_date)
        _count_matches(document.timexes, found, counts)
    elapsed = time.perf_counter() - started
    precision = counts["found_matched"] / counts["found"] if counts["found"] else 0.0
    recall = counts["gold_matched"] / counts["gold"] if counts["gold"] else 0.0
    strict_p = counts["strict"] / counts["found"] if counts["found"] else 0.0
    strict_r = counts["strict"] / counts["gold"] if counts["gold"] else 0.0
    return {
        "gold": counts["gold"], "found": counts["found"],
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": _f1(precision, recall),
        "strict_precision": round(strict_p, 4), "strict_recall": round(strict_r, 4),
        "strict_f1": _f1(strict_p, strict_r),
        "date_recall": round(counts["date_matched"] / counts["date_gold"], 4) if counts["date_gold"] else 0.0,
        "recall_by_type": {kind.removeprefix("type:"): round(counts[f"type_matched:{kind[5:]}"] / total, 4)
                           for kind, total in sorted(counts.items()) if kind.startswith("type:")},
        "date_value_accuracy_on_found": round(counts["date_value"] / counts["date_matched"], 4)
        if counts["date_matched"] else 0.0,
        "speed": {"ms_per_document_extraction": round(1000 * elapsed / len(documents), 3)},
    }


def _count_matches(gold: tuple[GoldTimex, ...], found: tuple[TimeMention, ...], counts: Counter[str]) -> None:
    counts["gold"] += len(gold)
    counts["found"] += len(found)
    counts["found_matched"] += sum(any(_overlap(m.start, m.end, g) for g in gold) for m in found)
    counts["strict"] += sum(any(m.start == g.start and m.end == g.end for g in gold) for m in found)
    for timex in gold:
        hits = [m for m in found if _overlap(m.start, m.end, timex)]
        counts["gold_matched"] += bool(hits)
        counts[f"type:{timex.type}"] += 1
        counts[f"type_matched:{timex.type}"] += bool(hits)
        if timex.type == "DATE":
            counts["date_gold"] += 1
            counts["date_matched"] += bool(hits)
            counts["date_value"] += bool(hits) and is_correct(_as_normalised(hits[0]), timex.value)


def _as_normalised(mention: TimeMention) -> Normalised:
    return Normalised(mention.value, mention.precision, mention.first_day, mention.last_day)


def _overlap(start: int, end: int, timex: GoldTimex) -> bool:
    return start < timex.end and timex.start < end


def _f1(precision: float, recall: float) -> float:
    return round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
