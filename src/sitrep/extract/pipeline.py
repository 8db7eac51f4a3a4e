"""The extraction pipeline: spaCy once per article, then each component in a checked order.

    Article -> spaCy Doc -> actors -> places -> times -> events -> claims -> quotes -> Extraction

Each step declares what it needs and what it adds (as spaCy components do); the order is checked
when the pipeline is built, before any article is read. Besides the article, a step may read its
outlet's home (`sitrep.geo.outlets`), which the caller passes with the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.errors import ConfigError
from sitrep.extract.actors import ActorTagger
from sitrep.extract.claims import ClaimExtractor
from sitrep.extract.dates import TimeExtractor
from sitrep.extract.events import EventExtractor
from sitrep.extract.nlp import BATCH_SIZE, load_model
from sitrep.extract.quotes import QuoteExtractor
from sitrep.geo.extractor import PlaceExtractor
from sitrep.geo.gazetteer import Gazetteer
from sitrep.records import Article, Extraction, OutletHome

Found = dict[str, tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class Step:
    """One component of the pipeline with what it reads and what it adds."""

    component: str
    requires: tuple[str, ...]
    assigns: str
    run: Callable[[Doc, ArticleInput, Found], tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """What a step reads besides the parse: the article and where its outlet usually reports from."""

    article: Article
    home: OutletHome | None = None


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
        self, *, model: Language | None = None, gazetteer: Gazetteer | None = None,
        events: EventExtractor | None = None,
    ) -> None:
        self.nlp = model if model is not None else load_model()
        self.steps = _default_steps(PlaceExtractor(gazetteer), events or EventExtractor())
        check_order(self.steps)

    @property
    def components(self) -> tuple[str, ...]:
        """The name and version of every component, the spaCy model first."""
        meta = self.nlp.meta
        return (f"spacy.{meta.get('name', 'model')}.v{meta.get('version', '0')}",
                *(step.component for step in self.steps))

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
        """Extractions of `articles`, in order, with spaCy batching the texts.

        `homes` maps an outlet (`Article.source`) to where it usually reports from.
        """
        homes = homes or {}
        pairs = (
            (article.text, ArticleInput(article, homes.get(article.source) if article.source else None))
            for article in articles
        )
        for doc, item in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self._extract(doc, item)

    def _extract(self, doc: Doc, item: ArticleInput) -> Extraction:
        found: Found = {}
        for step in self.steps:
            found[step.assigns] = step.run(doc, item, found)
        return Extraction(article_id=item.article.id, components=self.components, **found)


def _default_steps(places: PlaceExtractor, events: EventExtractor) -> tuple[Step, ...]:
    actors, times, claims, quotes = ActorTagger(), TimeExtractor(), ClaimExtractor(), QuoteExtractor()
    return (
        Step(_name(actors), (), "entities", lambda doc, item, found: actors(doc, item.article.id)),
        Step(_name(places), (), "places",
             lambda doc, item, found: places(doc, item.article.id, home=item.home)),
        Step(_name(times), (), "times",
             lambda doc, item, found: times(doc, item.article.id, item.article.published_on)),
        Step(_name(events), ("entities", "places", "times"), "events",
             lambda doc, item, found: events(doc, item.article.id, entities=found["entities"],
                                             places=found["places"], times=found["times"])),
        Step(_name(claims), ("entities",), "claims",
             lambda doc, item, found: claims(doc, item.article.id, entities=found["entities"])),
        Step(_name(quotes), ("entities",), "quotes",
             lambda doc, item, found: quotes(doc, item.article.id, entities=found["entities"])),
    )


class Named(Protocol):
    """A component: its name and version go into every record it makes."""

    name: str
    version: str


def _name(component: Named) -> str:
    return f"{component.name}.v{component.version}"
