"""Score toponym recognition and resolution on LGL (`lgl.xml`) and GeoVirus (`GeoVirus.xml`).

Metrics follow Gritta et al. (2019) as the project's baselines apply them: every gold toponym
with coordinates counts; one without a prediction is wrong (20,039 km in the error curve).
- `acc_161`: share of gold toponyms whose prediction lies within 161 km of the gold point.
- `acc_161_or_id` (LGL): also correct when the predicted GeoNames id equals the gold id, which
  removes the loss from country/state points that follow another convention.
- `median_km` over resolved toponyms, `median_km_all` with unresolved ones at 20,039 km, `auc`
  (area under the normalised log-error curve, lower is better), `coverage` (share resolved).
- `admin1_correct` / `country_correct`: over the golds that name an admin-1 / a country (LGL's
  own fields; for GeoVirus the country of the town nearest the gold point).
- Outlet homes (`sitrep.geo.outlets`): the corpus is resolved twice. The first pass has no
  outlet history (`acc_161_without_outlet`); the second resolves each article with the home
  learned from the first pass over the *other* articles of its outlet (LGL's `domain`, GeoVirus'
  source host), as a store does from an outlet's earlier articles. No gold data enters the homes.
  The other metrics are those of the second pass.
- End to end (`gold_spans=False`): a gold toponym is found when a predicted span overlaps it and
  is scored with the prediction that overlaps it most; `recall` is the found share and
  `precision` the share of predicted spans that overlap some gold toponym.
Offsets: GeoVirus' are one too high; any span whose text is not the gold name is moved to the
nearest exact occurrence of the name within 40 characters.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sitrep.errors import ConfigError
from sitrep.geo.outlets import (
    Total,
    TotalKey,
    add_contributions,
    contributions,
    home_from_totals,
    local_places,
)
from sitrep.records import GeoEntry, OutletHome, PlaceMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitrep.geo.extractor import PlaceExtractor

EARTH_RADIUS_KM = 6371.0088
MAX_ERROR_KM = 20039.0
ACCURACY_KM = 161.0
REALIGN_WINDOW = 40
BATCH_SIZE = 16
# Admin-1 names from two derivations agree when this similar ("Sar-e Pol" / "Sar-e Pul").
ADMIN1_SIMILARITY = 85


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One annotated toponym: its span, its name and its gold point and labels."""

    start: int
    end: int
    name: str
    latitude: float
    longitude: float
    geonameid: int | None = None
    country: str = ""
    admin1: str = ""


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One annotated article: its text and the toponyms with coordinates (`downloaded`: the day
    LGL fetched it, from `dltime`; GeoVirus has none)."""

    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    outlet: str = ""
    downloaded: date | None = None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def accuracy_within(errors: Sequence[float | None], km: float = ACCURACY_KM) -> float:
    """Share of errors at most `km`; None (no prediction) counts as wrong."""
    if not errors:
        return 0.0
    return sum(1 for error in errors if error is not None and error <= km) / len(errors)


def error_auc(errors: Sequence[float | None]) -> float:
    """Area under the curve of sorted ln(error+1)/ln(20039+1), trapezoids of width 1/(n-1)."""
    scaled = sorted(
        math.log(min(MAX_ERROR_KM, MAX_ERROR_KM if error is None else error) + 1) / math.log(MAX_ERROR_KM + 1)
        for error in errors
    )
    if len(scaled) < 2:
        return scaled[0] if scaled else 0.0
    width = 1 / (len(scaled) - 1)
    return sum((left + right) / 2 * width for left, right in pairwise(scaled))


def read_corpus(path: Path) -> list[GoldArticle]:
    """The articles of an LGL or GeoVirus XML file, with realigned spans."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        raise ConfigError(
            f"cannot read the geoparsing corpus {path}: {error}",
            fix="pass lgl.xml or GeoVirus.xml from the geoparsing evaluation folder",
        ) from None
    articles = []
    for number, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        identifier = article.get("docid") or f"{path.stem}-{number}"
        toponyms = [_read_lgl(node, text) for node in article.iter("toponym")]
        toponyms += [_read_geovirus(node, text) for node in article.iter("location")]
        outlet = article.findtext("domain") or urlsplit(article.findtext("source") or "").hostname or ""
        found = tuple(t for t in toponyms if t is not None)
        articles.append(GoldArticle(identifier, text, found, outlet, _day(article.findtext("dltime"))))
    return articles


def _day(stamp: str | None) -> date | None:
    """The day of a timestamp that begins with an ISO date ("2009-03-20 12:24:52-05"), else None."""
    try:
        return date.fromisoformat((stamp or "")[:10])
    except ValueError:
        return None


def _read_lgl(node: ET.Element, text: str) -> GoldToponym | None:
    """An LGL `<toponym>`; None when it has no gazetteer tag (no coordinates)."""
    tag = node.find("gaztag")
    if tag is None or tag.findtext("lat") is None:
        return None
    name = node.findtext("phrase") or ""
    start, end = realign(text, int(node.findtext("start") or 0), int(node.findtext("end") or 0), name)
    return GoldToponym(
        start,
        end,
        name,
        float(tag.findtext("lat") or 0),
        float(tag.findtext("lon") or 0),
        int(tag.get("geonameid") or 0) or None,
        tag.findtext("country") or "",
        tag.findtext("admin1") or "",
    )


def _read_geovirus(node: ET.Element, text: str) -> GoldToponym | None:
    """A GeoVirus `<location>`."""
    name = node.findtext("name") or ""
    start, end = realign(text, int(node.findtext("start") or 0), int(node.findtext("end") or 0), name)
    return GoldToponym(start, end, name, float(node.findtext("lat") or 0), float(node.findtext("lon") or 0))


def realign(text: str, start: int, end: int, name: str) -> tuple[int, int]:
    """The span of `name` nearest to `start` within the window; the given span when none is found."""
    if not name or text[start:end] == name:
        return start, end
    best: int | None = None
    position = text.find(name, max(0, start - REALIGN_WINDOW))
    while 0 <= position <= start + REALIGN_WINDOW:
        if best is None or abs(position - start) < abs(best - start):
            best = position
        position = text.find(name, position + 1)
    return (best, best + len(name)) if best is not None else (start, end)


def evaluate_geoparsing(
    path: Path, *, gold_spans: bool, limit: int | None = None, batch_size: int = BATCH_SIZE
) -> dict[str, Any]:
    """Recognise and resolve (or, with `gold_spans`, only resolve) the corpus' toponyms and score them."""
    from sitrep.extract.nlp import load_model
    from sitrep.geo.extractor import PlaceExtractor

    articles = read_corpus(path)[:limit]
    extractor = PlaceExtractor()
    nlp = load_model()
    docs: list[Doc] = []
    first: list[tuple[PlaceMention, ...]] = []
    component_seconds = 0.0
    started = time.perf_counter()
    for article, doc in zip(
        articles, nlp.pipe([a.text for a in articles], batch_size=batch_size), strict=True
    ):
        docs.append(doc)
        tick = time.perf_counter()
        first.append(_resolve(extractor, doc, article, gold_spans=gold_spans))
        component_seconds += time.perf_counter() - tick
    total_seconds = time.perf_counter() - started
    homes = _homes_without_self(articles, first)
    predictions = [
        _resolve(extractor, doc, article, gold_spans=gold_spans, home=home)
        for doc, article, home in zip(docs, articles, homes, strict=True)
    ]
    metrics = score(articles, predictions, gold_spans=gold_spans)
    metrics["acc_161_without_outlet"] = score(articles, first, gold_spans=gold_spans)["acc_161"]
    metrics["outlet_homes"] = sum(home is not None for home in homes)
    metrics.update(_speed(len(articles), total_seconds, component_seconds))
    metrics.update({"corpus": path.name, "mode": "gold spans" if gold_spans else "end to end"})
    return metrics


def _resolve(
    extractor: PlaceExtractor,
    doc: Doc,
    article: GoldArticle,
    *,
    gold_spans: bool,
    home: OutletHome | None = None,
) -> tuple[PlaceMention, ...]:
    """The place mentions of one article: its gold spans resolved, or found and resolved."""
    if gold_spans:
        spans = [(toponym.start, toponym.end) for toponym in article.toponyms]
        return extractor.resolve_spans(doc, spans, article.id, home=home)
    return extractor(doc, article.id, home=home)


def _homes_without_self(
    articles: Sequence[GoldArticle], predictions: Sequence[Sequence[PlaceMention]]
) -> list[OutletHome | None]:
    """Each article's outlet home: its outlet's totals with the article's own contributions taken away."""
    added = [contributions(local_places(mentions)) for mentions in predictions]
    totals: dict[str, dict[TotalKey, Total]] = {}
    for article, contributed in zip(articles, added, strict=True):
        add_contributions(totals.setdefault(article.outlet, {}), contributed)
    homes: list[OutletHome | None] = []
    for article, contributed in zip(articles, added, strict=True):
        others = dict(totals[article.outlet])
        add_contributions(others, contributed, -1)
        homes.append(home_from_totals(article.outlet, others) if article.outlet else None)
    return homes


def _speed(articles: int, total: float, component: float) -> dict[str, float]:
    """Throughput of spaCy alone, of the place component alone, and the component's share."""
    spacy_seconds = max(total - component, 1e-9)
    return {
        "spacy_articles_per_s": round(articles / spacy_seconds, 2),
        "component_articles_per_s": round(articles / max(component, 1e-9), 2),
        "component_share_of_time": round(component / max(total, 1e-9), 4),
    }


def score(
    articles: Sequence[GoldArticle], predictions: Sequence[Sequence[PlaceMention]], *, gold_spans: bool
) -> dict[str, Any]:
    """The metrics of the module docstring for predictions aligned with `articles`."""
    countries = _GoldCountries()
    errors: list[float | None] = []
    by_id: list[bool] = []
    admin1_hits: list[bool] = []
    country_hits: list[bool] = []
    found = 0
    for article, mentions in zip(articles, predictions, strict=True):
        for gold, entry, was_found in match_predictions(article.toponyms, mentions):
            found += was_found
            error = (
                None
                if entry is None
                else haversine_km(gold.latitude, gold.longitude, entry.latitude, entry.longitude)
            )
            errors.append(error)
            if gold.geonameid is not None:
                by_id.append(
                    (error is not None and error <= ACCURACY_KM)
                    or (entry is not None and entry.geonameid == gold.geonameid)
                )
            if gold.admin1:
                admin1_hits.append(entry is not None and countries.same_admin1(gold, entry))
            code = countries.gold_country(gold)
            if code:
                country_hits.append(entry is not None and entry.country_code == code)
    return _summarise(errors, by_id, admin1_hits, country_hits, found, predictions, articles, gold_spans)


def _summarise(
    errors: list[float | None],
    by_id: list[bool],
    admin1_hits: list[bool],
    country_hits: list[bool],
    found: int,
    predictions: Sequence[Sequence[PlaceMention]],
    articles: Sequence[GoldArticle],
    gold_spans: bool,
) -> dict[str, Any]:
    """Turn the per-toponym outcomes into the metrics dict."""
    resolved = [error for error in errors if error is not None]
    metrics: dict[str, Any] = {
        "articles": len(articles),
        "toponyms": len(errors),
        "acc_161": round(accuracy_within(errors), 4),
        "median_km": round(statistics.median(resolved), 1) if resolved else None,
        "median_km_all": round(statistics.median(MAX_ERROR_KM if e is None else e for e in errors), 1)
        if errors
        else None,
        "auc": round(error_auc(errors), 4),
        "coverage": round(len(resolved) / len(errors), 4) if errors else 0.0,
        "admin1_correct": round(sum(admin1_hits) / len(admin1_hits), 4) if admin1_hits else None,
        "country_correct": round(sum(country_hits) / len(country_hits), 4) if country_hits else None,
    }
    if by_id:
        metrics["acc_161_or_id"] = round(sum(by_id) / len(by_id), 4)
    if not gold_spans:
        metrics["recall"] = round(found / len(errors), 4) if errors else 0.0
        metrics["precision"] = span_precision(articles, predictions)
        metrics["predicted_places"] = sum(len(mentions) for mentions in predictions)
    return metrics


def match_predictions(
    golds: Sequence[GoldToponym], mentions: Sequence[PlaceMention]
) -> list[tuple[GoldToponym, GeoEntry | None, bool]]:
    """Each gold toponym, the entry of the mention overlapping it most, and whether one overlaps."""
    matched = []
    for gold in golds:
        best: PlaceMention | None = None
        best_overlap = 0
        for mention in mentions:
            overlap = min(gold.end, mention.end) - max(gold.start, mention.start)
            if overlap > best_overlap:
                best, best_overlap = mention, overlap
        matched.append((gold, best.entry if best else None, best is not None))
    return matched


def span_precision(articles: Sequence[GoldArticle], predictions: Sequence[Sequence[PlaceMention]]) -> float:
    """Share of predicted spans that overlap some gold toponym."""
    hits = total = 0
    for article, mentions in zip(articles, predictions, strict=True):
        for mention in mentions:
            total += 1
            hits += any(gold.start < mention.end and mention.start < gold.end for gold in article.toponyms)
    return round(hits / total, 4) if total else 0.0


class _GoldCountries:
    """Country codes and admin-1 names of gold toponyms, for the country/admin-1 metrics."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def gold_country(self, gold: GoldToponym) -> str:
        """The gold's country code: from its country name (LGL) or its nearest town (GeoVirus)."""
        if gold.geonameid is not None:
            return self._code_of(gold.country) if gold.country else ""
        import reverse_geocode

        return str(reverse_geocode.get((gold.latitude, gold.longitude))["country_code"])

    def _code_of(self, name: str) -> str:
        """The ISO code of a country name, through the gazetteer."""
        if name not in self._codes:
            from sitrep.geo.gazetteer import search

            codes = [entry.country_code for entry in search(name) if entry.feature_code.startswith("PCL")]
            self._codes[name] = codes[0] if codes else ""
        return self._codes[name]

    @staticmethod
    def same_admin1(gold: GoldToponym, entry: GeoEntry) -> bool:
        """True when the entry's admin-1 is the gold's, up to spelling and an area word."""
        from rapidfuzz import fuzz

        from sitrep.geo.derive import strip_area_suffix

        ours, theirs = strip_area_suffix(entry.admin1), strip_area_suffix(gold.admin1)
        return bool(ours) and (ours == theirs or fuzz.ratio(ours, theirs) >= ADMIN1_SIMILARITY)
