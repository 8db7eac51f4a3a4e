"""Fit the place ranker's weights (`sitrep.geo.ranker`) on LGL and GeoVirus, and measure them honestly.

    .venv/bin/python benchmarks/train_ranker.py ../shared/eval/geoparsing/lgl.xml \
        ../shared/eval/geoparsing/GeoVirus.xml [--folds 5] [--write]

The model is a softmax over one name's options plus "none of these" (the threshold): an option's
score is the weighted sum of its features, the pick is the best option, or none when the threshold
beats it. The loss is the negative log of the probability given to the right options (within
161 km of the gold point or the gold GeoNames id; for a gold point with no option that close, an
area option within `AREA_KM` or the country the point lies in; "none" when no option is right),
with an L2 penalty pulling the weights towards the hand-set ones. The context features depend on
the weights (each name's options lend evidence by their probabilities), so fitting alternates with
resolving again.

Printed, with the gold names given and the outlet-home protocol of `sitrep evaluate places`:
the hand-set weights, the weights fitted on each corpus tested on the other, k-fold by article
within each corpus (held out) and the weights fitted on everything scored on what they were fitted
on (in-sample). `--write` writes the weights fitted on both corpora to `data/geo/ranker.yaml`;
ship them only when the held-out figures beat the hand-set ones on both corpora.
Reads the evaluation corpora at training time only; nothing of them enters the package but weights.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import pickle
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from sitrep.evaluation.geoparsing import (
    ACCURACY_KM,
    GoldArticle,
    GoldToponym,
    _homes_without_self,
    haversine_km,
    read_corpus,
    score,
)
from sitrep.geo.extractor import PlaceExtractor, _label_at
from sitrep.geo.ranker import FEATURES, RankerWeights, dump_weights, hand_set_weights
from sitrep.geo.resolve import Group, Resolver
from sitrep.geo.toponym import Toponym, describe_span
from sitrep.records import GeoEntry, OutletHome, PlaceMention

CACHE = Path("/tmp/sitrep-ranker-cache")
# Fitting alternates with resolving this many times (the context features follow the weights).
REFITS = 2
# L2 penalty towards the hand-set weights (the loss sums over the training mentions). On LGL, in
# sample with one refit: 0.5 gives Acc@161 0.8548, 20 0.8550, 200 0.8532 (hand-set 0.8541).
PENALTY = 20.0
# The weight in the loss of a mention none of whose options is right (it teaches the threshold).
# At 1.0 the threshold rises to 0.3-4.8 and coverage falls (LGL 0.8463 in sample): Acc@161 never
# rewards "none", so by default the threshold stays where the penalty holds it.
NONE_WEIGHT = 0.0
# A gold point no option is near may follow another convention for an area's point (Wikipedia's
# centre of a country, a province or a continent): an area option this near, or the country the
# point lies in, is then the right one.
AREA_CODES = frozenset({"PCLI", "ADM1", "CONT", "RGN"})
AREA_KM = 800.0
HERE = Path(__file__).resolve().parent
WEIGHTS_PATH = HERE.parent / "src" / "sitrep" / "data" / "geo" / "ranker.yaml"


@dataclass(frozen=True, slots=True)
class Prepared:
    """One article with its given (gold) toponyms and the context toponyms recognised around them."""

    article: GoldArticle
    given: tuple[Toponym, ...]
    context: tuple[Toponym, ...]


@dataclass(frozen=True, slots=True)
class Example:
    """One gold mention's options as a feature matrix, and which rows are right (none: the threshold)."""

    matrix: np.ndarray
    right: np.ndarray
    none_right: bool


def prepare(path: Path, extractor: PlaceExtractor) -> list[Prepared]:
    """Parse the corpus once and describe its toponyms (cached: parsing is the slow part)."""
    digest = hashlib.sha1(path.read_bytes()).hexdigest()[:12]
    cached = CACHE / f"{path.stem}-{digest}.pickle"
    if cached.exists():
        return pickle.loads(cached.read_bytes())  # our own cache file
    from sitrep.extract.nlp import load_model
    from sitrep.geo.recognize import recognise_toponyms

    articles = read_corpus(path)
    prepared = []
    docs = load_model().pipe([article.text for article in articles], batch_size=16)
    for article, doc in zip(articles, docs, strict=True):
        spans = [(gold.start, gold.end) for gold in article.toponyms]
        entities = doc.ents
        text = doc.text
        given = tuple(
            describe_span(doc, start, end, label=_label_at(entities, start, end), source="given", text=text)
            for start, end in spans
        )
        context = tuple(
            toponym
            for toponym in recognise_toponyms(doc, extractor.gazetteer)
            if not any(toponym.start < end and start < toponym.end for start, end in spans)
        )
        prepared.append(Prepared(article, given, context))
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(pickle.dumps(prepared))
    return prepared


def resolve_corpus(
    prepared: Sequence[Prepared], extractor: PlaceExtractor, weights: Sequence[RankerWeights]
) -> tuple[list[tuple[PlaceMention, ...]], list[tuple[PlaceMention, ...]], list[OutletHome | None]]:
    """Both passes of the outlet-home protocol; `weights[i]` resolves article i."""
    resolvers = {id(w): Resolver(extractor.gazetteer, w) for w in weights}

    def run(item: Prepared, resolver: Resolver, home: OutletHome | None) -> tuple[PlaceMention, ...]:
        return extractor._mentions(resolver.resolve(item.given, item.context, home=home), item.article.id)

    first = [run(item, resolvers[id(w)], None) for item, w in zip(prepared, weights, strict=True)]
    homes = _homes_without_self([item.article for item in prepared], first)
    second = [
        run(item, resolvers[id(w)], home) for item, w, home in zip(prepared, weights, homes, strict=True)
    ]
    return first, second, homes


def measure(
    prepared: Sequence[Prepared], extractor: PlaceExtractor, weights: Sequence[RankerWeights]
) -> dict[str, float | None]:
    """Acc@161 with and without outlet homes (and by GeoNames id where the corpus has ids)."""
    articles = [item.article for item in prepared]
    first, second, _ = resolve_corpus(prepared, extractor, weights)
    metrics = score(articles, second, gold_spans=True)
    return {
        "acc_161": metrics["acc_161"],
        "acc_161_or_id": metrics.get("acc_161_or_id"),
        "without_outlet": score(articles, first, gold_spans=True)["acc_161"],
        "coverage": metrics["coverage"],
    }


def examples(
    prepared: Sequence[Prepared], extractor: PlaceExtractor, weights: RankerWeights
) -> list[Example]:
    """The training examples of the articles, features as the resolver sees them with `weights`."""
    _, _, homes = resolve_corpus(prepared, extractor, [weights] * len(prepared))
    resolver = Resolver(extractor.gazetteer, weights)
    found: list[Example] = []
    for item, home in zip(prepared, homes, strict=True):
        groups = resolver.rank(item.given, item.context, home=home)
        for group in groups:
            found.extend(_group_examples(group, item))
    return found


def _group_examples(group: Group, item: Prepared) -> list[Example]:
    """One example per gold member of the group (strays are never picked and are left out)."""
    options = [option for option in group.options if not option.stray]
    if not options:
        return []
    matrix = np.array(
        [[{**option.features, **option.context}.get(name, 0.0) for name in FEATURES] for option in options]
    )
    found = []
    for index in group.members:
        if index >= len(item.given):
            continue
        gold = item.article.toponyms[index]
        right = np.array([_is_right(gold, option.entry) for option in options])
        if not right.any():
            right = np.array([_is_gold_area(gold, option.entry) for option in options])
        found.append(Example(matrix, right, not right.any()))
    return found


def _is_right(gold: GoldToponym, entry: GeoEntry) -> bool:
    """True for an entry within 161 km of the gold point or bearing the gold id."""
    if gold.geonameid is not None and entry.geonameid == gold.geonameid:
        return True
    return haversine_km(gold.latitude, gold.longitude, entry.latitude, entry.longitude) <= ACCURACY_KM


def _is_gold_area(gold: GoldToponym, entry: GeoEntry) -> bool:
    """True for an area near the gold point or the country it lies in (see `AREA_KM`)."""
    if entry.feature_code not in AREA_CODES:
        return False
    if haversine_km(gold.latitude, gold.longitude, entry.latitude, entry.longitude) <= AREA_KM:
        return True
    if entry.feature_code != "PCLI":
        return False
    import reverse_geocode

    return bool(reverse_geocode.get((gold.latitude, gold.longitude))["country_code"] == entry.country_code)


def fit(
    found: Sequence[Example],
    start: RankerWeights,
    *,
    penalty: float = PENALTY,
    none_weight: float = NONE_WEIGHT,
) -> RankerWeights:
    """Weights and threshold minimising the softmax loss of `found`, penalised towards `start`."""
    prior = np.array([start.weights.get(name, 0.0) for name in FEATURES] + [start.threshold])
    stacked = np.vstack([example.matrix for example in found])
    bounds = np.cumsum([0] + [len(example.matrix) for example in found])
    right = np.concatenate([example.right for example in found])
    none_right = np.array([example.none_right for example in found])
    owner = np.repeat(np.arange(len(found)), np.diff(bounds))
    counts = np.where(none_right, none_weight, 1.0)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        weights, threshold = theta[:-1], theta[-1]
        scores = stacked @ weights
        top = np.maximum(np.maximum.reduceat(scores, bounds[:-1]), threshold)
        expo = np.exp(scores - top[owner])
        none = np.exp(threshold - top)
        total = np.add.reduceat(expo, bounds[:-1]) + none
        good = np.add.reduceat(expo * right, bounds[:-1]) + none * none_right
        value = -np.sum(counts * np.log(good / total))
        # d/dscore of -log(good/total) is p_all - p_right.
        grad_scores = (expo / total[owner] - expo * right / good[owner]) * counts[owner]
        grad_none = (none / total - none * none_right / good) * counts
        gradient = np.append(stacked.T @ grad_scores, grad_none.sum())
        difference = theta - prior
        return value + penalty * np.dot(difference, difference), gradient + 2 * penalty * difference

    result = minimize(loss, prior, jac=True, method="L-BFGS-B")
    theta = result.x
    return RankerWeights(dict(zip(FEATURES, map(float, theta[:-1]), strict=True)), float(theta[-1]))


def train(prepared: Sequence[Prepared], extractor: PlaceExtractor, refits: int = REFITS) -> RankerWeights:
    """Fit, resolve again with the fitted weights, and refit on the new features (`refits` times)."""
    weights = hand_set_weights()
    for _ in range(refits):
        weights = fit(examples(prepared, extractor, weights), hand_set_weights())
    return weights


def cross_validate(
    prepared: Sequence[Prepared], extractor: PlaceExtractor, folds: int, refits: int
) -> dict:
    """Each article resolved with weights fitted on the other folds (folds drawn by article)."""
    order = list(range(len(prepared)))
    random.Random(13).shuffle(order)
    fold_of = {index: number % folds for number, index in enumerate(order)}
    per_fold = [
        train([item for index, item in enumerate(prepared) if fold_of[index] != fold], extractor, refits)
        for fold in range(folds)
    ]
    return measure(prepared, extractor, [per_fold[fold_of[index]] for index in range(len(prepared))])


def main(argv: Sequence[str] | None = None) -> None:
    """Print hand-set, cross-corpus, k-fold and in-sample figures; optionally write the weights."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--refits", type=int, default=REFITS)
    parser.add_argument("--write", action="store_true", help="write the weights fitted on all corpora")
    arguments = parser.parse_args(argv)
    extractor = PlaceExtractor()
    corpora = {path.name: prepare(path, extractor) for path in arguments.corpora}
    hand = hand_set_weights()
    trained = {name: train(items, extractor, arguments.refits) for name, items in corpora.items()}
    everything = [item for items in corpora.values() for item in items]
    both = train(everything, extractor, arguments.refits)
    for name, items in corpora.items():
        print(f"== {name} ({len(items)} articles)")
        print("hand-set          ", measure(items, extractor, [hand] * len(items)))
        for other, weights in trained.items():
            if other != name:
                print(f"fitted on {other:8}", measure(items, extractor, [weights] * len(items)))
        held_out = cross_validate(items, extractor, arguments.folds, arguments.refits)
        print(f"{arguments.folds}-fold held out  ", held_out)
        print("in-sample (both)  ", measure(items, extractor, [both] * len(items)))
        print("in-sample (own)   ", measure(items, extractor, [trained[name]] * len(items)))
    print("weights fitted on both:")
    print(dump_weights(both))
    if arguments.write:
        shipped = RankerWeights(
            both.weights,
            both.threshold,
            trained_on=" + ".join(f"{name} ({len(items)} articles)" for name, items in corpora.items()),
            date=datetime.date.today().isoformat(),
            notes={"fitted_by": "benchmarks/train_ranker.py", "refits": arguments.refits, "penalty": PENALTY,
                   "none_weight": NONE_WEIGHT},
        )
        WEIGHTS_PATH.write_text(dump_weights(shipped), encoding="utf-8")
        print(f"wrote {WEIGHTS_PATH}", file=sys.stderr)


if __name__ == "__main__":
    main()
