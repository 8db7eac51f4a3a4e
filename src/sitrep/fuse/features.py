"""What fusion knows of one article: weighted terms and blocking keys, fixed once the article is read.

Weights never depend on the rest of the corpus (no fitted IDF), so stored features stay valid as
articles arrive. A term's weight is its sublinear count times a static rarity taken from
`wordfreq` (the Zipf frequency of the word in general English, an IDF that needs no corpus), and
names (people, organisations, actors, places) and absolute dates count more than common words:
two reports of "an earthquake" share the event words, two reports of the same earthquake share
the place and the day.

Term kinds: plain lowercased words and numbers of the title and text (stop words left out),
`person:`/`org:`/`group:` names, `actor:` dictionary actors, `place:` gazetteer ids (or the
lowercased name when unresolved), `day:`/`month:` absolute dates and `event:` sub-event types.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

from sitrep.records import Article, ArticleFeatures, EntityMention, Extraction, TimePrecision

NAME = "sitrep.fuse.features"
VERSION = 1
COMPONENT = f"{NAME}.v{VERSION}"

MAX_TERMS = 80
MAX_KEYS = 12
# Zipf frequencies run from 0 (unseen) to about 8 ("the"); rarity = ceiling - zipf, like an IDF.
ZIPF_CEILING = 8.0
MIN_RARITY = 0.5
# The title's words count as this many occurrences; words of the lead weigh this much more.
TITLE_REPEAT = 3
LEAD_BONUS = 0.5
LEAD_CHARS = 300
# How much more a name, place, date or event kind weighs than a plain word of the same rarity.
NAME_BOOST = 1.5
PLACE_BOOST = 1.5
DATE_BOOST = 1.0
EVENT_BOOST = 0.5
# Terms at least this rare (Zipf frequency at most 8 - rarity) can be blocking keys.
KEY_MIN_RARITY = 4.0
MAX_TITLE_CHARS = 200

WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
POSSESSIVE = re.compile(r"['’]s$")
NAME_LABELS = {"PERSON": "person", "ORG": "org", "NORP": "group"}
KEY_KINDS = ("person:", "org:", "group:", "place:", "day:")


def describe_article(article: Article, extraction: Extraction | None) -> ArticleFeatures:
    """The features of `article`: L2-normalised weighted terms and a few blocking keys."""
    title = _title_of(article)
    weights = _word_weights(title, article.text)
    if extraction is not None:
        for term, weight in _mention_weights(extraction).items():
            weights[term] = weights.get(term, 0.0) + weight
    terms = _normalise(weights)
    broad = _broad_places(extraction) if extraction is not None else frozenset()
    return ArticleFeatures(
        article_id=article.id,
        source=article.source,
        published_on=article.published_on,
        title=title,
        terms=terms,
        keys=select_keys(terms, broad=broad),
        component=COMPONENT,
    )


def select_keys(
    terms: tuple[tuple[str, float], ...], *, broad: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """The blocking keys: the heaviest names, places and dates, then the heaviest rare words.

    `broad` terms (countries, provinces) are left out: nearly every article of a conflict shares them.
    """
    named = [term for term, _ in terms if term.startswith(KEY_KINDS) and term not in broad]
    rare = [term for term, _ in terms if ":" not in term and rarity(term) >= KEY_MIN_RARITY]
    keys = list(dict.fromkeys([*named[: MAX_KEYS // 2], *rare[: MAX_KEYS // 2], *named, *rare]))
    return tuple(sorted(keys[:MAX_KEYS]))


def rarity(text: str) -> float:
    """A static inverse frequency: 8 minus the word's Zipf frequency in English, at least 0.5."""
    return max(MIN_RARITY, ZIPF_CEILING - zipf_frequency(text, "en"))


def tokenize(text: str) -> Iterator[str]:
    """Lowercased words and numbers of `text`, without stop words and possessive endings."""
    for match in WORD.finditer(text):
        word = POSSESSIVE.sub("", match.group().lower()).strip(".")
        if len(word) > 1 and word not in STOP_WORDS:
            yield word


def _title_of(article: Article) -> str:
    """The article's title, else its first line."""
    if article.title:
        return article.title.strip()
    first_line = article.text.strip().split("\n", 1)[0]
    return first_line[:MAX_TITLE_CHARS].strip()


def _word_weights(title: str, text: str) -> dict[str, float]:
    """Sublinear counts of the words times their rarity, more for words of the title and the lead.

    The title and the first sentences name the incident; later paragraphs give background.
    """
    counts = Counter(tokenize(text))
    if not text.lstrip().startswith(title):
        counts.update(tokenize(title))  # a title apart from the text is one more occurrence
    for word in set(tokenize(title)):
        counts[word] += TITLE_REPEAT - 1
    lead = set(tokenize(text[:LEAD_CHARS]))
    return {
        word: _sublinear(count) * rarity(word) * (1.0 + LEAD_BONUS * (word in lead))
        for word, count in counts.items()
        if count > 0
    }


def _mention_weights(extraction: Extraction) -> dict[str, float]:
    """Weights of the names, places, dates and event kinds the extractor found."""
    counts: Counter[str] = Counter()
    rarities: dict[str, float] = {}
    for term, surface, boost in _mention_terms(extraction):
        counts[term] += 1
        rarities[term] = max(rarities.get(term, 0.0), boost * rarity(surface))
    return {term: _sublinear(count) * rarities[term] for term, count in counts.items()}


def _mention_terms(extraction: Extraction) -> Iterator[tuple[str, str, float]]:
    """(term, surface text for its rarity, boost) for every mention worth a term."""
    yield from _entity_terms(extraction.entities)
    for place in extraction.places:
        key = str(place.entry.geonameid) if place.entry is not None else _clean(place.text)
        yield f"place:{key}", place.text, PLACE_BOOST
    for time in extraction.times:
        if time.first_day is not None and time.first_day == time.last_day:
            yield f"day:{time.first_day.isoformat()}", time.text, DATE_BOOST
        elif time.value and time.precision is TimePrecision.MONTH:
            yield f"month:{time.value}", time.text, DATE_BOOST
    for event in extraction.events:
        yield f"event:{event.sub_event_type.lower()}", event.text, EVENT_BOOST


def _broad_places(extraction: Extraction) -> frozenset[str]:
    """Place terms of countries and administrative divisions (GeoNames feature class A)."""
    return frozenset(f"place:{place.entry.geonameid}" for place in extraction.places
                     if place.entry is not None and place.entry.feature_class == "A")


def _entity_terms(entities: Iterable[EntityMention]) -> Iterator[tuple[str, str, float]]:
    """Dictionary actors by their canonical name, other names by their lowercased text."""
    for entity in entities:
        if entity.actor is not None:
            yield f"actor:{entity.actor}", entity.text, NAME_BOOST
        elif entity.label in NAME_LABELS:
            name = _clean(entity.text)
            if name:
                yield f"{NAME_LABELS[entity.label]}:{name}", entity.text, NAME_BOOST


def _clean(text: str) -> str:
    """A name as a key: lowercased words, no leading article or possessive."""
    words = [POSSESSIVE.sub("", word.lower()) for word in WORD.findall(text)]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(word for word in words if word)


def _sublinear(count: int) -> float:
    return 1.0 + math.log(count)


def _normalise(weights: dict[str, float]) -> tuple[tuple[str, float], ...]:
    """The `MAX_TERMS` heaviest terms (ties by term), scaled to unit length."""
    ranked = sorted(((term, weight) for term, weight in weights.items() if weight > 0),
                    key=lambda item: (-item[1], item[0]))[:MAX_TERMS]
    norm = math.sqrt(sum(weight * weight for _, weight in ranked))
    if norm == 0:
        return ()
    return tuple((term, weight / norm) for term, weight in ranked)
