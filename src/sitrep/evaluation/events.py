"""Score the event extractor against hand-written gold mentions of the example corpus.

The gold file has one JSON line per event mention: `article` (the ingest id), `sub_event_type`,
`location` (as written, or null), `actor1` (dictionary name or null), `modality`, `date` (ISO,
as the text says relative to the publication date, or null) and optionally `fatalities`.

Annotation scope, so that precision is fair: every mention in an English article of an ACLED
sub-event type (sitrep's extensions are not annotated) that is (1) a territory event (the three
territory sub-types, any modality), (2) a violent event with a stated number of dead, or (3) a
threatened or denied event. A mention's location is the place its
sentence gives for it, with "the city" / "it" resolved to the place meant; a handover is
"Non-violent transfer of territory" when the article says the place changed hands without a
fight; attribution anywhere in the sentence ("officials said") makes a mention reported, and
the actor reporting its own act makes it claimed. Predictions are scored in the same scope.

Matching is per article: mentions are reduced to distinct (sub-event type, place, modality)
tuples on both sides; a predicted tuple matches a gold one with the same sub-event type and a
matching place name (same after folding case, hyphens and "city"/"province", or a fuzzy match),
preferring the same modality. Precision, recall and F1 count tuples; modality, actor, date and
fatality accuracy are measured on the matched pairs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from spacy.tokens import Doc

from sitrep.config import IngestOptions
from sitrep.errors import ConfigError
from sitrep.extract.actors import ActorTagger
from sitrep.extract.events import EventExtractor
from sitrep.extract.events.context import normalise_name
from sitrep.extract.nlp import BATCH_SIZE, load_model
from sitrep.extract.ontology import load_ontology
from sitrep.ingest import read_articles
from sitrep.records import Article, EventMention, Modality, PlaceMention, TimeMention, TimePrecision

NAME_MATCH_SCORE = 85
TERRITORY = load_ontology().territory_names()  # the sub-types that change who holds a place
UNREALISED = frozenset({"threatened", "denied"})
FACTUAL = frozenset(modality.value for modality in Modality if modality.is_factual)
LANGUAGE = "en"
MAX_LISTED_ERRORS = 40
GOLD_FIELDS = {
    "article",
    "sub_event_type",
    "location",
    "actor1",
    "modality",
    "date",
    "fatalities",
    "trigger",
    "note",
}

Places = Callable[[Doc, str], tuple[PlaceMention, ...]]
Times = Callable[[Doc, str, date | None], tuple[TimeMention, ...]]


@dataclass(frozen=True, slots=True)
class Mention:
    """One gold or predicted mention, reduced to what is scored."""

    article: str
    sub_event_type: str
    location: str | None
    modality: str
    actor1: str | None = None
    date: str | None = None
    fatalities: int | None = None

    @property
    def key(self) -> tuple[str, str, str | None, str]:
        """The tuple that duplicates collapse on."""
        return (
            self.article,
            self.sub_event_type,
            normalise_name(self.location) if self.location else None,
            self.modality,
        )


def evaluate_events(gold_path: Path, corpus_path: Path, *, components: str = "project") -> dict[str, object]:
    """Precision, recall and F1 of the extractor's event mentions on the corpus against the gold.

    `components="project"` uses the project's place and time extractors when they can be built
    (the result names what was used); `"spacy"` uses spaCy's entities instead, to measure the
    event rules on their own.
    """
    if components not in ("project", "spacy"):
        raise ConfigError(f"unknown components {components!r}", fix="use 'project' or 'spacy'")
    gold = read_gold(gold_path)
    articles = _english_articles(corpus_path)
    missing = sorted({m.article for m in gold} - set(articles))
    places, place_source = (
        _place_component() if components == "project" else (_spacy_places, "spacy-entities")
    )
    times, time_source = _time_component() if components == "project" else (_spacy_times, "spacy-entities")
    predicted = list(_predict(articles, places, times))
    result = score(gold, predicted)
    result.update(
        {
            "articles": len(articles),
            "gold_mentions": len(gold),
            "missing_articles": missing,
            "places": place_source,
            "times": time_source,
        }
    )
    return result


def score(gold: list[Mention], predicted: list[Mention]) -> dict[str, object]:
    """Every metric of the module docstring, for gold and predicted mentions already in scope."""
    predicted = [m for m in predicted if in_scope(m)]
    subsets: dict[str, Callable[[Mention], bool]] = {
        "all": lambda m: True,
        "territory": lambda m: m.sub_event_type in TERRITORY,
        "territory_factual": lambda m: m.sub_event_type in TERRITORY and m.modality in FACTUAL,
        "fatalities": lambda m: m.fatalities is not None,
        "threats_and_denials": lambda m: m.modality in UNREALISED,
    }
    result: dict[str, object] = {
        name: _prf([m for m in gold if keep(m)], [m for m in predicted if keep(m)])
        for name, keep in subsets.items()
    }
    result["territory_any_subtype"] = _prf(_as_territory(gold), _as_territory(predicted))
    matched = _match(_distinct(gold), _distinct(predicted))
    result.update(_agreement(matched))
    result["missed"] = [_describe(m) for m in _unmatched(_distinct(gold), matched, side=0)][
        :MAX_LISTED_ERRORS
    ]
    result["spurious"] = [_describe(m) for m in _unmatched(_distinct(predicted), matched, side=1)][
        :MAX_LISTED_ERRORS
    ]
    return result


def in_scope(mention: Mention, acled: frozenset[str] | None = None) -> bool:
    """Whether a mention falls in the annotation scope of the module docstring.

    `acled` names the ACLED sub-event types (sitrep's extensions are out of scope); by default
    they are read from the shipped ontology.
    """
    names = acled if acled is not None else acled_sub_event_types()
    if mention.sub_event_type not in names:
        return False
    return (
        mention.sub_event_type in TERRITORY
        or mention.fatalities is not None
        or mention.modality in UNREALISED
    )


def acled_sub_event_types() -> frozenset[str]:
    """The 25 ACLED sub-event types of the shipped ontology."""
    return frozenset(sub.name for sub in load_ontology().sub_event_types if not sub.extension)


def read_gold(path: Path) -> list[Mention]:
    """The gold mentions of `path` (JSON lines)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ConfigError(
            f"cannot read {path}: {error.strerror}", fix="pass gold/afghanistan-2021/events.jsonl"
        ) from None
    mentions = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            mentions.append(_gold_mention(line, f"{path}:{number}"))
    return mentions


def _gold_mention(line: str, where: str) -> Mention:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as error:
        raise ConfigError(f"{where} is not JSON: {error.msg}", fix="write one JSON object per line") from None
    unknown = set(raw) - GOLD_FIELDS
    if unknown or not {"article", "sub_event_type", "modality"} <= set(raw):
        raise ConfigError(
            f"{where}: unknown or missing fields ({', '.join(sorted(unknown)) or 'missing'})",
            fix=f"use only {', '.join(sorted(GOLD_FIELDS))}; article, sub_event_type and modality are needed",
        )
    if raw["modality"] not in {m.value for m in Modality}:
        raise ConfigError(
            f"{where}: unknown modality {raw['modality']!r}",
            fix=f"use one of {', '.join(m.value for m in Modality)}",
        )
    return Mention(
        raw["article"],
        raw["sub_event_type"],
        raw.get("location"),
        raw["modality"],
        raw.get("actor1"),
        raw.get("date"),
        raw.get("fatalities"),
    )


def _english_articles(corpus_path: Path) -> dict[str, Article]:
    found: dict[str, Article] = {}
    for item in read_articles([str(corpus_path)], IngestOptions()):
        if isinstance(item, Article) and item.id not in found and (item.language or LANGUAGE) == LANGUAGE:
            found[item.id] = item
    return found


def _predict(articles: dict[str, Article], places: Places, times: Times) -> Iterable[Mention]:
    nlp = load_model()
    actors, events = ActorTagger(), EventExtractor()
    pairs = ((article.text, article) for article in articles.values())
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=BATCH_SIZE):
        found = events(
            doc,
            article.id,
            entities=actors(doc, article.id),
            places=places(doc, article.id),
            times=times(doc, article.id, article.published_on),
        )
        yield from (_predicted(event, article) for event in found)


def _predicted(event: EventMention, article: Article) -> Mention:
    actor = event.actor1.actor or event.actor1.text if event.actor1 is not None else None
    when = event.time.value if event.time is not None and event.time.value else None
    if when is None and article.published_on is not None:
        when = article.published_on.isoformat()  # the lead's fallback: the publication date
    return Mention(
        article.id,
        event.sub_event_type,
        event.location.text if event.location else None,
        event.modality.value,
        actor,
        when,
        event.fatalities,
    )


def _place_component() -> tuple[Places, str]:
    """The project's place extractor (building the gazetteer if needed: no silent fallback)."""
    from sitrep.geo.extractor import PlaceExtractor

    extractor = PlaceExtractor()
    return extractor, f"{extractor.name}.v{extractor.version}"


def _time_component() -> tuple[Times, str]:
    """The project's time extractor."""
    from sitrep.extract.dates import TimeExtractor

    extractor = TimeExtractor()
    return extractor, f"{extractor.name}.v{extractor.version}"


def _spacy_places(doc: Doc, article_id: str) -> tuple[PlaceMention, ...]:
    return tuple(
        PlaceMention(article_id, e.start_char, e.end_char, e.text, "spacy.entities")
        for e in doc.ents
        if e.label_ in ("GPE", "LOC", "FAC")
    )


def _spacy_times(doc: Doc, article_id: str, published: date | None) -> tuple[TimeMention, ...]:
    del published
    return tuple(
        TimeMention(
            article_id, e.start_char, e.end_char, e.text, "spacy.entities", None, TimePrecision.UNKNOWN
        )
        for e in doc.ents
        if e.label_ in ("DATE", "TIME")
    )


def _distinct(mentions: list[Mention]) -> list[Mention]:
    seen: dict[tuple[str, str, str | None, str], Mention] = {}
    for mention in mentions:
        seen.setdefault(mention.key, mention)
    return list(seen.values())


def _as_territory(mentions: list[Mention]) -> list[Mention]:
    return [
        Mention(m.article, "territory", m.location, m.modality, m.actor1, m.date, m.fatalities)
        for m in mentions
        if m.sub_event_type in TERRITORY
    ]


def _prf(gold: list[Mention], predicted: list[Mention]) -> dict[str, float | int]:
    gold_set, predicted_set = _distinct(gold), _distinct(predicted)
    matched = len(_match(gold_set, predicted_set))
    precision = matched / len(predicted_set) if predicted_set else 0.0
    recall = matched / len(gold_set) if gold_set else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "gold": len(gold_set),
        "predicted": len(predicted_set),
        "matched": matched,
    }


def _match(gold: list[Mention], predicted: list[Mention]) -> list[tuple[Mention, Mention]]:
    """One-to-one pairs: same article and sub-event type, matching place; same modality first."""
    free = list(predicted)
    pairs: list[tuple[Mention, Mention]] = []
    for same_modality in (True, False):
        for item in gold:
            if any(item is g for g, _ in pairs):
                continue
            found = next(
                (
                    p
                    for p in free
                    if _same_event(item, p) and (p.modality == item.modality or not same_modality)
                ),
                None,
            )
            if found is not None:
                free.remove(found)
                pairs.append((item, found))
    return pairs


def _same_event(gold: Mention, predicted: Mention) -> bool:
    return (
        gold.article == predicted.article
        and gold.sub_event_type == predicted.sub_event_type
        and names_match(gold.location, predicted.location)
    )


def names_match(gold: str | None, predicted: str | None) -> bool:
    """Whether two place names are the same place name (both absent counts as a match)."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    a, b = normalise_name(gold), normalise_name(predicted)
    return a == b or (bool(a) and bool(b) and fuzz.ratio(a, b) >= NAME_MATCH_SCORE)


def _agreement(pairs: list[tuple[Mention, Mention]]) -> dict[str, Any]:
    with_actor = [(g, p) for g, p in pairs if g.actor1]
    with_date = [(g, p) for g, p in pairs if g.date]
    with_dead = [(g, p) for g, p in pairs if g.fatalities is not None]
    return {
        "matched": len(pairs),
        "modality_accuracy": _share(pairs, lambda g, p: g.modality == p.modality),
        "actor1_accuracy": _share(
            with_actor, lambda g, p: bool(p.actor1) and _actor_match(g.actor1, p.actor1)
        ),
        "date_accuracy": _share(with_date, lambda g, p: bool(p.date) and str(p.date).startswith(str(g.date))),
        "fatalities_accuracy": _share(with_dead, lambda g, p: g.fatalities == p.fatalities),
    }


def _actor_match(gold: str | None, predicted: str | None) -> bool:
    return (
        bool(gold and predicted)
        and fuzz.partial_ratio(str(gold).lower(), str(predicted).lower()) >= NAME_MATCH_SCORE
    )


def _share(
    pairs: list[tuple[Mention, Mention]], test: Callable[[Mention, Mention], bool]
) -> dict[str, float | int]:
    right = sum(1 for g, p in pairs if test(g, p))
    return {"accuracy": round(right / len(pairs), 4) if pairs else 0.0, "n": len(pairs)}


def _unmatched(mentions: list[Mention], pairs: list[tuple[Mention, Mention]], side: int) -> list[Mention]:
    used = {id(pair[side]) for pair in pairs}
    return [m for m in mentions if id(m) not in used]


def _describe(mention: Mention) -> str:
    return f"{mention.article} {mention.sub_event_type} @ {mention.location} ({mention.modality})"
