"""The place component: recognise toponyms in a parsed article and resolve them in context."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from spacy.tokens import Doc, Span

from sitrep.geo.gazetteer import Gazetteer, default_gazetteer
from sitrep.geo.recognize import Recognised, read_toponyms, recognise_toponyms, settle_toponyms
from sitrep.geo.resolve import Resolution, Resolver
from sitrep.geo.toponym import describe_span
from sitrep.records import FACILITY_CLASS, OutletHome, PlaceMention

# ACLED geo_precision: 1 the town itself, 2 near a town or a part of a region, 3 a region or country.
PRECISE, NEARBY, REGIONAL = 1, 2, 3


class PlaceExtractor:
    """Place mentions of an article, each resolved to a gazetteer entry or explicitly unresolved."""

    name = "sitrep.places.gazetteer"
    version = "2"

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        """Use `gazetteer`, or the default one (built on first use when missing)."""
        self.gazetteer = gazetteer or default_gazetteer()
        self.resolver = Resolver(self.gazetteer)
        self.component = f"{self.name}.v{self.version}"

    def __call__(
        self, doc: Doc, article_id: str, *, home: OutletHome | None = None
    ) -> tuple[PlaceMention, ...]:
        """Every toponym of `doc`, sorted by start, with character offsets into `doc.text`.

        `home` is the region the article's outlet usually reports from (`sitrep.geo.outlets`).
        """
        return self.resolve([self.recognise(doc)], article_id, home=home)

    def recognise(self, doc: Doc) -> Recognised:
        """The place names of `doc`, unresolved (a long article's chunks are read one by one)."""
        return read_toponyms(doc, self.gazetteer)

    def resolve(
        self, parts: Sequence[Recognised], article_id: str, *, home: OutletHome | None = None
    ) -> tuple[PlaceMention, ...]:
        """Place mentions of an article read in `parts`, each name resolved in the context of all."""
        toponyms = settle_toponyms(parts)
        return self._mentions(self.resolver.resolve(toponyms, home=home), article_id)

    def pipe(self, docs: Iterable[tuple[Doc, str]]) -> Iterator[tuple[PlaceMention, ...]]:
        """The batch form: place mentions of each (doc, article id) pair."""
        for doc, article_id in docs:
            yield self(doc, article_id)

    def resolve_spans(
        self, doc: Doc, spans: list[tuple[int, int]], article_id: str = "", *, home: OutletHome | None = None
    ) -> tuple[PlaceMention, ...]:
        """Resolve the given character spans, using every toponym of the document as context."""
        entities = doc.ents  # spaCy rebuilds them on every read
        given = [
            describe_span(doc, start, end, label=_label_at(entities, start, end), source="given")
            for start, end in spans
        ]
        context = [
            toponym
            for toponym in recognise_toponyms(doc, self.gazetteer)
            if not any(toponym.start < end and start < toponym.end for start, end in spans)
        ]
        return self._mentions(self.resolver.resolve(given, context, home=home), article_id)

    def _mentions(self, resolutions: Sequence[Resolution], article_id: str) -> tuple[PlaceMention, ...]:
        """PlaceMention records, sorted by start."""
        mentions = [
            PlaceMention(
                article_id=article_id,
                start=item.toponym.start,
                end=item.toponym.end,
                text=item.toponym.text,
                component=self.component,
                entry=item.entry,
                candidates=item.candidates,
                score=item.score,
                geo_precision=geo_precision(item),
            )
            for item in resolutions
            # A fuzzy candidate with no similar name in the article's countries was never a place.
            if item.entry is not None or item.toponym.source != "fuzzy"
        ]
        return tuple(sorted(mentions, key=lambda mention: (mention.start, mention.end)))


def geo_precision(resolution: Resolution) -> int | None:
    """ACLED's geo_precision of a resolution (None when unresolved and nothing says its size)."""
    toponym, entry = resolution.toponym, resolution.entry
    if entry is None:
        return NEARBY if toponym.approximate or toponym.wants() == "admin2" else None
    if entry.feature_class == "P":
        return NEARBY if toponym.approximate else PRECISE
    if entry.feature_code == "ADM2" or entry.feature_class == FACILITY_CLASS:
        return NEARBY  # a district, or a spot (an airport, a dam) by a town: ACLED's "near a town"
    return REGIONAL


def _label_at(entities: Sequence[Span], start: int, end: int) -> str:
    """The label of the spaCy entity overlapping [start, end), or ""."""
    for entity in entities:
        if entity.start_char < end and start < entity.end_char:
            return str(entity.label_)
    return ""

