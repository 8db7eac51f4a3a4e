"""The extraction components: what each is, what it reads and adds, and which evaluation scores it.

    spaCy model -> actors -> places -> times -> events -> claims -> quotes   (one pipeline per language)

As spaCy's factories do, a component is registered with what it `requires` and what it `assigns`;
the pipeline (`sitrep.extract.pipeline`) takes both from here when it builds its steps, checks the
order, and writes each component's name and version (class attributes of the component) into every
record it makes. `scorers` are the `sitrep evaluate` tasks (`sitrep.evaluation.tasks.TASKS`) that
measure a component. `sitrep components` prints this table, with the event component's article
passes (`sitrep.extract.events.extractor.ARTICLE_PASSES`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from sitrep.errors import ConfigError
from sitrep.extract.actors import ActorTagger
from sitrep.extract.claims import ClaimExtractor
from sitrep.extract.dates import TimeExtractor
from sitrep.extract.events import EventExtractor
from sitrep.extract.events.extractor import ARTICLE_PASSES
from sitrep.extract.nlp import model_for
from sitrep.extract.quotes import QuoteExtractor
from sitrep.extract.routing import ENGLISH, FRENCH, LANGUAGES
from sitrep.extract.timex.french import FrenchTimeExtractor
from sitrep.geo.extractor import PlaceExtractor

MODEL = "model"


class Named(Protocol):
    """A component: its name and version go into every record it makes."""

    name: str
    version: str


@dataclass(frozen=True, slots=True)
class Registration:
    """How one component enters the pipeline of every language: its step, needs, output and scorers.

    `component` is its class; `by_language` the class a language uses instead (French dates).
    """

    step: str
    component: type[Named]
    requires: tuple[str, ...]
    assigns: str
    scorers: tuple[str, ...]
    does: str
    by_language: Mapping[str, type[Named]] = field(default_factory=dict)

    def component_for(self, language: str) -> type[Named]:
        """The class of this component in `language`'s pipeline."""
        return self.by_language.get(language, self.component)


# In pipeline order. The places are resolved over the whole article before the steps run.
REGISTRATIONS: tuple[Registration, ...] = (
    Registration("actors", ActorTagger, (), "entities", (),
                 "armed groups, forces, officials and communities named in the text"),
    Registration("places", PlaceExtractor, (), "places", ("places", "geoparsing"),
                 "place names recognised and resolved to gazetteer entries, or left unresolved"),
    Registration("times", TimeExtractor, (), "times", ("timebank", "meantime"),
                 "time expressions normalised against the publication day",
                 by_language={FRENCH: FrenchTimeExtractor}),
    Registration("events", EventExtractor, ("entities", "places", "times"), "events",
                 ("events", "events-corpus", "local-conflict", "event-location"),
                 "event mentions: type, actors, location (scored by event-location), date, "
                 "fatalities, modality"),
    Registration("claims", ClaimExtractor, ("entities",), "claims", (),
                 "quantities with what they count and who said so"),
    Registration("quotes", QuoteExtractor, ("entities",), "quotes", (),
                 "direct quotes with speaker and reporting verb"),
)
REGISTRY: dict[str, Registration] = {registration.step: registration for registration in REGISTRATIONS}


@dataclass(frozen=True, slots=True)
class Component:
    """One component of one language's pipeline, as `sitrep components` lists it."""

    step: str
    name: str
    version: str
    requires: tuple[str, ...]
    assigns: str
    scorers: tuple[str, ...]
    does: str

    @property
    def label(self) -> str:
        """Name and version as written into records: `sitrep.places.gazetteer.v2`."""
        return f"{self.name}.v{self.version}"


def model_component(meta: Mapping[str, Any]) -> Component:
    """The spaCy model as a component, from its `meta` (a loaded pipeline's or its package's)."""
    return Component(MODEL, f"spacy.{meta.get('name', 'model')}", str(meta.get("version", "0")), (),
                     "doc", (), "tokens, sentences, tags, dependency parse, lemmas, named entities")


def package_meta(package: str) -> dict[str, Any]:
    """The meta of an installed spaCy model package, read without loading it; "?" when absent."""
    from spacy.util import get_model_meta, get_package_path

    try:
        return dict(get_model_meta(get_package_path(package)))
    except (OSError, ModuleNotFoundError, ValueError):
        return {"name": package, "version": "?"}


def components(language: str = ENGLISH, *, model: str | None = None) -> tuple[Component, ...]:
    """The components of `language`'s pipeline in order, the spaCy model first (`model`: English's)."""
    if language not in LANGUAGES:
        raise ConfigError(f"no extraction pipeline for the language {language!r}",
                          fix=f"choose one of {', '.join(LANGUAGES)}")
    listed = [model_component(package_meta(model_for(language, model)))]
    for registration in REGISTRATIONS:
        component = registration.component_for(language)
        listed.append(Component(registration.step, component.name, component.version,
                                registration.requires, registration.assigns, registration.scorers,
                                registration.does))
    return tuple(listed)


def article_passes() -> tuple[tuple[str, str], ...]:
    """The event component's article passes in the order they run: (name, what it does)."""
    return tuple((step.name, step.does) for step in ARTICLE_PASSES)
