"""The extraction pipeline: spaCy once per article, then each component in a checked order.

    Article -> spaCy Doc -> actors -> places -> times -> events -> claims -> quotes -> Extraction

Each step declares what it needs and what it adds (as spaCy components do); the order is checked
when the pipeline is built, before any article is read. Besides the article, a step may read its
outlet's home (`sitrep.geo.outlets`), which the caller passes with the batch.

An article longer than `CHUNK_CHARS` is parsed in chunks of paragraphs (`sitrep.extract.chunks`)
and the steps run on each chunk; place names are resolved together over the whole article, dates
against its publication day, and every offset points into the whole `Article.text`. An article
whose extraction raises or outlasts its budget (`ExtractionConfig.budget`) gets an empty
extraction that says why (`Extraction.failure`), so that one article never stops a batch.

What each step requires and assigns is registered in `sitrep.extract.registry` (with the evaluation
tasks that score it; `sitrep components` lists them); what the pipeline reads besides its articles
(model, budget, gazetteer) comes in one `sitrep.config.ExtractionConfig`, never from the environment.

Each article goes to the pipeline of its language (`sitrep.extract.lang.route`): English, French,
or none, and then it is not extracted and says so ("not-extracted: language ar").
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import groupby
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.config import ExtractionConfig, get_setting
from sitrep.errors import ConfigError
from sitrep.extract.actors import ActorTagger
from sitrep.extract.chunks import CHUNK_CHARS, Chunk, shift, split_text
from sitrep.extract.claims import ClaimExtractor
from sitrep.extract.dates import TimeExtractor
from sitrep.extract.events import EventExtractor
from sitrep.extract.lang import ENGLISH, FRENCH, not_extracted_reason, route
from sitrep.extract.lang_data import load_language_ontology
from sitrep.extract.nlp import BATCH_SIZE, load_model, model_for
from sitrep.extract.quotes import QuoteExtractor
from sitrep.extract.registry import REGISTRY, Named, model_component
from sitrep.extract.timex.french import FrenchTimeExtractor
from sitrep.geo.extractor import PlaceExtractor
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.recognize import Recognised
from sitrep.records import Article, Extraction, OutletHome, PlaceMention

Found = dict[str, tuple[Any, ...]]
# Chunks of one long article parsed together: spaCy's memory grows with the tokens of a batch.
CHUNK_BATCH = 2
# An article of this many chunks (20k characters each) is parsed on every core (up to this many):
# spaCy's parse is most of its time, and starting a worker costs about a second.
PARALLEL_MIN_CHUNKS = 8
MAX_PARSE_PROCESSES = 4
log = logging.getLogger("sitrep.extract")
# The time component of a language whose dates the English rules cannot find alone (registered
# as such: `REGISTRY["times"].by_language`).
TIME_EXTRACTORS: dict[str, Callable[[], TimeExtractor | FrenchTimeExtractor]] = {FRENCH: FrenchTimeExtractor}
Run = Callable[[Doc, "ArticleInput", Found], tuple[Any, ...]]


def parse_processes(chunks: int, limit: int = MAX_PARSE_PROCESSES) -> int:
    """How many processes parse one article's chunks: the cores (at most `limit`), for an article
    long enough that starting the workers pays (`PARALLEL_MIN_CHUNKS`), one otherwise, or inside a
    daemon process (which may not start its own)."""
    if chunks < PARALLEL_MIN_CHUNKS or multiprocessing.current_process().daemon:
        return 1
    return max(1, min(limit, os.cpu_count() or 1))


@dataclass(frozen=True, slots=True)
class Step:
    """One component of the pipeline with what it reads and what it adds."""

    component: str
    requires: tuple[str, ...]
    assigns: str
    run: Callable[[Doc, ArticleInput, Found], tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """What a step reads besides the parse: the article and where its outlet usually reports from.

    `places` are the article's place mentions that lie in the chunk being read, resolved over the
    whole article, with offsets into the chunk.
    """

    article: Article
    home: OutletHome | None = None
    places: tuple[PlaceMention, ...] = ()


class _OverBudget(Exception):
    """Extraction of one article ran past its budget (caught in `Extractor.pipe`, never raised out)."""


def check_order(steps: Iterable[Step]) -> None:
    """Raise `ConfigError` when a step needs something no earlier step adds."""
    available: set[str] = set()
    for step in steps:
        missing = [name for name in step.requires if name not in available]
        if missing:
            raise ConfigError(f"{step.component} needs {', '.join(missing)} before it",
                              fix="put the steps that assign them earlier in the pipeline")
        available.add(step.assigns)


class Extractor:
    """Turns articles into extractions; a pure function of the article, its outlet's home and the data."""

    def __init__(
        self, *, config: ExtractionConfig | None = None, model: Language | None = None,
        gazetteer: Gazetteer | None = None, events: EventExtractor | None = None, budget: float | None = None,
        chunk_chars: int = CHUNK_CHARS, chunk_processes: int = MAX_PARSE_PROCESSES,
    ) -> None:
        """`config`: the run's model, budget and gazetteer file (default: built from the environment,
        `ExtractionConfig.from_environment`); `model`, `gazetteer` and `budget` (CPU seconds one
        article may take), when given, are used in place of the config's;
        `chunk_chars`: the longest text parsed whole, longer ones are parsed in chunks of that size;
        `chunk_processes`: how many processes may parse one long article's chunks (1 when the
        extractor itself runs in a pool of workers: pools are never nested).
        """
        config = config or ExtractionConfig.from_environment(budget=budget)
        self.config = config if budget is None else replace(config, budget=budget)
        self.budget = self.config.budget
        self.chunk_chars = chunk_chars
        self.chunk_processes = chunk_processes
        self.places = PlaceExtractor(gazetteer or Gazetteer.open(self.config.gazetteer))
        english = _LanguagePipeline(model if model is not None else load_model(self.config.model),
                                    _default_steps(self.places, events or EventExtractor()),
                                    chunk_chars=chunk_chars, chunk_processes=chunk_processes)
        # Other languages are loaded when their first article comes (`_pipeline`).
        self.languages: dict[str, _LanguagePipeline] = {ENGLISH: english}

    @property
    def nlp(self) -> Language:
        """The English spaCy pipeline."""
        return self.languages[ENGLISH].nlp

    @property
    def steps(self) -> tuple[Step, ...]:
        """The steps of the English pipeline."""
        return self.languages[ENGLISH].steps

    @property
    def components(self) -> tuple[str, ...]:
        """The name and version of every component of the English pipeline, the spaCy model first."""
        return self.languages[ENGLISH].components

    def _pipeline(self, language: str) -> _LanguagePipeline:
        """The pipeline of a routed language, built on first use (its model, its words)."""
        if language not in self.languages:
            events = EventExtractor(load_language_ontology(language))
            steps = _default_steps(self.places, events, TIME_EXTRACTORS.get(language, TimeExtractor)())
            self.languages[language] = _LanguagePipeline(load_model(model_for(language, self.config.model)),
                                                         steps,
                                                         chunk_chars=self.chunk_chars,
                                                         chunk_processes=self.chunk_processes)
        return self.languages[language]

    def __call__(self, article: Article) -> Extraction:
        """The extraction of one article."""
        return next(self.pipe([article]))

    def pipe(
        self,
        articles: Iterable[Article],
        *,
        batch_size: int = BATCH_SIZE,
        homes: Mapping[str, OutletHome] | None = None,
    ) -> Iterator[Extraction]:
        """Extractions of `articles`, in order, with spaCy batching the texts (long ones in chunks).

        `homes` maps an outlet (`Article.source`) to where it usually reports from.
        """
        homes = homes or {}
        items = (ArticleInput(article, homes.get(article.source) if article.source else None)
                 for article in articles)
        for (language, long), run in groupby(items, key=self._kind):
            if language is None:
                yield from (self._not_extracted(item) for item in run)
                continue
            pipeline = self._pipeline(language)
            if long:
                yield from (self._extract_or_fail(item, pipeline, pipeline.parse_chunks) for item in run)
                continue
            texts = ((item.article.text, item) for item in run)
            for doc, item in pipeline.nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
                yield self._extract_or_fail(item, pipeline, _parsed(doc))

    def _kind(self, item: ArticleInput) -> tuple[str | None, bool]:
        """The pipeline an article goes to (None: no pipeline for its language) and whether it is long."""
        return route(item.article.language), len(item.article.text) > self.chunk_chars

    def _not_extracted(self, item: ArticleInput) -> Extraction:
        """The empty extraction of an article in a language sitrep has no pipeline for."""
        reason = not_extracted_reason(item.article.language)
        log.info("article %s: %s", item.article.id, reason)
        return Extraction(article_id=item.article.id, components=(), failure=reason)

    def _extract_or_fail(self, item: ArticleInput, pipeline: _LanguagePipeline, parse: Parser) -> Extraction:
        """The extraction of one article, or an empty one that says why it failed."""
        deadline = _Deadline(self.budget)
        try:
            return self._extract(item, pipeline, parse(item, deadline), deadline)
        except Exception as error:  # noqa: BLE001 - any fault of one article is recorded, never raised
            reason = str(error) if isinstance(error, _OverBudget) else f"{type(error).__name__}: {error}"
            log.warning("article %s: extraction failed: %s", item.article.id, reason)
            return Extraction(article_id=item.article.id, components=pipeline.components, failure=reason)

    def _extract(
        self, item: ArticleInput, pipeline: _LanguagePipeline, chunks: list[tuple[Doc, Chunk]],
        deadline: _Deadline,
    ) -> Extraction:
        """Places over the whole article, then every step chunk by chunk, within the budget."""
        places = self._places(chunks, item, deadline)
        starts = [place.start for place in places]  # sorted
        found: dict[str, list[Any]] = {step.assigns: [] for step in pipeline.steps}
        for doc, chunk in chunks:
            inside = places[bisect_left(starts, chunk.start) : bisect_left(starts, chunk.end)]
            local = replace(item, places=tuple(shift(place, -chunk.start) for place in inside))
            for name, records in pipeline.run_steps(doc, local, deadline).items():
                found[name].extend(shift(record, chunk.start) for record in records)
        mentions: dict[str, Any] = {name: tuple(records) for name, records in found.items()}
        return Extraction(article_id=item.article.id, components=pipeline.components, **mentions)

    def _places(
        self, chunks: list[tuple[Doc, Chunk]], item: ArticleInput, deadline: _Deadline
    ) -> tuple[PlaceMention, ...]:
        """The article's place mentions: names recognised chunk by chunk, resolved all together."""
        parts: list[Recognised] = []
        for doc, chunk in chunks:
            deadline.check("place names")
            parts.append(self.places.recognise(doc).moved(chunk.start))
        deadline.check("place resolution")
        return self.places.resolve(parts, item.article.id, home=item.home)



class _LanguagePipeline:
    """The spaCy model and the steps of one language (the steps read that language's words)."""

    def __init__(self, nlp: Language, steps: tuple[Step, ...], *, chunk_chars: int = CHUNK_CHARS,
                 chunk_processes: int = MAX_PARSE_PROCESSES) -> None:
        check_order(steps)
        self.nlp = nlp
        self.steps = steps
        self.chunk_chars = chunk_chars
        self.chunk_processes = chunk_processes
        self.components = (model_component(nlp.meta).label, *(step.component for step in steps))

    def parse_chunks(self, item: ArticleInput, deadline: _Deadline) -> list[tuple[Doc, Chunk]]:
        """A long article parsed chunk by chunk (a few at a time: a batch of long texts is heavy)."""
        text = item.article.text
        chunks = split_text(text, self.chunk_chars)
        parsed: list[tuple[Doc, Chunk]] = []
        texts = (text[chunk.start : chunk.end] for chunk in chunks)
        processes = parse_processes(len(chunks), self.chunk_processes)
        docs = self.nlp.pipe(texts, batch_size=CHUNK_BATCH, n_process=processes)
        for doc, chunk in zip(docs, chunks, strict=True):
            parsed.append((doc, chunk))
            deadline.check(f"parsing ({len(parsed)} of {len(chunks)} chunks parsed)")
        return parsed

    def run_steps(self, doc: Doc, item: ArticleInput, deadline: _Deadline) -> Found:
        """Every step on one parsed chunk, in order; offsets into the chunk."""
        found: Found = {}
        for step in self.steps:
            deadline.check(step.component)
            found[step.assigns] = step.run(doc, item, found)
        return found


class _Deadline:
    """The time one article may take, from the start of its own work; `check` raises once spent.

    Time is this thread's CPU time: a machine busy with other work does not make an article fail,
    and other threads (a server's requests) are not counted against it.
    """

    def __init__(self, budget: float) -> None:
        self.budget = budget
        self.started = time.thread_time()

    def check(self, stage: str) -> None:
        """Raise `_OverBudget` when the budget is spent, naming the stage reached."""
        if time.thread_time() - self.started > self.budget:
            raise _OverBudget(
                f"over the {self.budget:g} s (CPU) extraction budget at {stage}; "
                f"raise --extract-budget ({get_setting('extract-budget').env}) or split the article"
            )


Parser = Callable[[ArticleInput, _Deadline], list[tuple[Doc, Chunk]]]


def _parsed(doc: Doc) -> Parser:
    """The parser of an article spaCy has already parsed whole (in a batch of short articles)."""
    return lambda item, deadline: [(doc, Chunk(0, len(item.article.text)))]


def _default_steps(
    places: PlaceExtractor, events: EventExtractor, times: TimeExtractor | FrenchTimeExtractor | None = None
) -> tuple[Step, ...]:
    actors, claims, quotes = ActorTagger(), ClaimExtractor(), QuoteExtractor()
    times = times or TimeExtractor()
    return (
        _step("actors", actors, lambda doc, item, found: actors(doc, item.article.id)),
        # Resolved over the whole article before the steps run (`Extractor._places`).
        _step("places", places, lambda doc, item, found: item.places),
        _step("times", times, lambda doc, item, found: times(doc, item.article.id, item.article.anchor_day)),
        _step("events", events,
              lambda doc, item, found: events(doc, item.article.id, entities=found["entities"],
                                              places=found["places"], times=found["times"])),
        _step("claims", claims,
              lambda doc, item, found: claims(doc, item.article.id, entities=found["entities"])),
        _step("quotes", quotes,
              lambda doc, item, found: quotes(doc, item.article.id, entities=found["entities"])),
    )


def _step(registered: str, component: Named, run: Run) -> Step:
    """The step of a registered component: what it requires and assigns come from its registration."""
    registration = REGISTRY[registered]
    return Step(_name(component), registration.requires, registration.assigns, run)


def _name(component: Named) -> str:
    return f"{component.name}.v{component.version}"
