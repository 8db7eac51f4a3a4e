"""The relevance prefilter: a cheap word score that sets aside articles with no conflict content.

    Article -> its words -> score (sum of the weights of the distinct cues found) -> kept | set aside

It runs before spaCy, on the words of the article's language (`sitrep/data/lang/<code>/relevance.yaml`:
cue words with a weight, and the score needed): an article whose score stays below what its length
needs is not parsed, and its extraction says why ("not-extracted: off-topic"). The article is stored all the
same and `sitrep reextract --all` extracts it in full. A language without a `relevance.yaml` keeps
every article, and so does a language sitrep has no pipeline for (it is not extracted for its
language, a reason that comes first).

A cue is a word ("killed"), a prefix ending in "*" ("militant*": militants, militancy) or two words
in a row ("air strike"); each distinct cue counts once, so that a long article repeating one weak
word does not pass. The score needed grows with the text's length up to `threshold` (reached at
`threshold_words` words), never below `least_score`: a long article on something else mentions a
shooting or a war in passing, while a one-sentence item has room for one or two cues only, and
keeping a short text costs little parse time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar

from sitrep.errors import ConfigError
from sitrep.extract.lexicon import EMPTY, language_directory, read_section
from sitrep.extract.routing import NOT_EXTRACTED, route
from sitrep.records import Article, Extraction

OFF_TOPIC = "off-topic"
OFF_TOPIC_REASON = f"{NOT_EXTRACTED}: {OFF_TOPIC}"
COMPONENT = "sitrep.relevance.words.v1"
PREFIX_MARK = "*"
# Letters only: digits and punctuation split words ("cease-fire" is "cease" then "fire").
WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class RelevanceWords:
    """The cue words of one language with their weights, and the score an article needs."""

    FILE: ClassVar[str] = "relevance.yaml"
    threshold: float = 0.0
    threshold_words: int = 1
    least_score: float = 0.0
    cues: Mapping[str, float] = field(default_factory=lambda: EMPTY)

    def needed(self, words: int) -> float:
        """The score a text of `words` words needs to be kept."""
        share = words / max(1, self.threshold_words)
        return min(self.threshold, max(self.least_score, self.threshold * share))


@dataclass(frozen=True, slots=True)
class Relevance:
    """The prefilter's verdict on one text: its score, the score its length needs, the cues found,
    and whether it is kept."""

    score: float
    relevant: bool
    cues: tuple[str, ...] = ()
    needed: float = 0.0


class _CueIndex:
    """One language's cues split by kind, for a lookup per word (and per pair of words)."""

    def __init__(self, words: RelevanceWords) -> None:
        if words.cues and not words.threshold > 0:
            raise ConfigError(f"relevance.yaml: threshold is {words.threshold!r}, not a positive number",
                              fix="give the score an article needs, e.g. threshold: 1.0")
        if words.cues and not 0 < words.least_score <= words.threshold:
            raise ConfigError(f"relevance.yaml: least_score is {words.least_score!r}, not in (0, threshold]",
                              fix="give the score the shortest text needs, e.g. least_score: 0.25")
        self.words = words
        self.exact: dict[str, float] = {}
        self.prefixes: dict[str, float] = {}
        self.pairs: dict[tuple[str, str], float] = {}
        self.pair_prefixes: dict[tuple[str, str], float] = {}
        for cue, weight in words.cues.items():
            self._add(cue.lower(), float(weight))
        self.prefix_lengths = sorted({len(prefix) for prefix in self.prefixes})
        self.first_words = {first for first, _ in (*self.pairs, *self.pair_prefixes)}

    def _add(self, cue: str, weight: float) -> None:
        parts = cue.split()
        if len(parts) == 2:
            first, second = parts
            if second.endswith(PREFIX_MARK):
                self.pair_prefixes[first, second.removesuffix(PREFIX_MARK)] = weight
            else:
                self.pairs[first, second] = weight
        elif cue.endswith(PREFIX_MARK):
            self.prefixes[cue.removesuffix(PREFIX_MARK)] = weight
        else:
            self.exact[cue] = weight

    def found(self, words: Sequence[str]) -> dict[str, float]:
        """The cues among `words` (lower-cased, in order), each once, with its weight."""
        found: dict[str, float] = {}
        for index, word in enumerate(words):
            if word in self.exact:
                found[word] = self.exact[word]
            for length in self.prefix_lengths:
                if length > len(word):
                    break
                if word[:length] in self.prefixes:
                    found[word[:length] + PREFIX_MARK] = self.prefixes[word[:length]]
            if word in self.first_words and index + 1 < len(words):
                self._pair(word, words[index + 1], found)
        return found

    def _pair(self, first: str, second: str, found: dict[str, float]) -> None:
        if (first, second) in self.pairs:
            found[f"{first} {second}"] = self.pairs[first, second]
        for (one, prefix), weight in self.pair_prefixes.items():
            if one == first and second.startswith(prefix):
                found[f"{first} {prefix}{PREFIX_MARK}"] = weight


class RelevanceFilter:
    """Scores texts against each language's cue words; keeps an article that reaches the threshold."""

    name = "sitrep.relevance.words"
    version = "1"

    def __init__(self, words: Mapping[str, RelevanceWords] | None = None) -> None:
        """`words` by language code (default: each routed language's `relevance.yaml`, read on first use)."""
        self._given = dict(words) if words is not None else None
        self._indexes: dict[str, _CueIndex | None] = {}

    def score(self, text: str, language: str | None = None) -> Relevance:
        """The verdict on `text` in `language` (None: English, as extraction reads it)."""
        index = self._index(route(language))
        if index is None:
            return Relevance(0.0, relevant=True)
        words = WORD.findall(text.lower())
        found = index.found(words)
        total = sum(found.values(), 0.0)
        needed = index.words.needed(len(words))
        return Relevance(total, relevant=total >= needed, cues=tuple(sorted(found)), needed=needed)

    def __call__(self, article: Article) -> bool:
        """Whether `article` goes on to extraction."""
        return self.score(article.text, article.language).relevant

    def split(self, articles: Iterable[Article]) -> tuple[list[Article], list[Article]]:
        """`articles` kept for extraction and `articles` set aside, each in the order given."""
        kept: list[Article] = []
        aside: list[Article] = []
        for article in articles:
            (kept if self(article) else aside).append(article)
        return kept, aside

    def _index(self, code: str | None) -> _CueIndex | None:
        """The cues of language `code`; None when it has none (every article is kept)."""
        if code is None:
            return None
        if code not in self._indexes:
            words = self._given.get(code) if self._given is not None else language_relevance_words(code)
            self._indexes[code] = _CueIndex(words) if words is not None and words.cues else None
        return self._indexes[code]


@lru_cache(maxsize=8)
def language_relevance_words(code: str) -> RelevanceWords:
    """The cue words of language `code` (empty when it has no `relevance.yaml`)."""
    return read_section(RelevanceWords, language_directory(code) / RelevanceWords.FILE)


def set_aside(article: Article) -> Extraction:
    """The empty extraction of an article the prefilter set aside: it says so, and which code did it."""
    return Extraction(article_id=article.id, components=(COMPONENT,), failure=OFF_TOPIC_REASON)
