"""The place ranker: named features, weights read from data, a threshold for "none of these", fitting."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from geo_helpers import fixture_sources

from sitrep.errors import ConfigError
from sitrep.geo.build import build_gazetteer
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.ranker import (
    FEATURES,
    HAND_SET,
    RankerWeights,
    default_weights,
    dump_weights,
    hand_set_weights,
    read_weights,
)
from sitrep.geo.resolve import Resolver
from sitrep.geo.toponym import Toponym

TRAINER = Path(__file__).resolve().parents[2] / "benchmarks" / "train_ranker.py"


def _trainer() -> Any:
    """The training script, loaded as a module."""
    spec = importlib.util.spec_from_file_location("train_ranker", TRAINER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_ranker"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def twin_towns(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """A gazetteer with two US towns called Larkfield, one ten times the other."""
    sources = fixture_sources()
    template = next(city for city in sources.cities if city["countrycode"] == "US")
    for geonameid, population, latitude in ((801, 50_000, 35.0), (802, 5_000, 44.0)):
        sources.cities.append({**template, "geonameid": geonameid, "name": "Larkfield",
                               "population": population, "latitude": latitude, "longitude": -100.0,
                               "alternatenames": []})
    path = tmp_path_factory.mktemp("ranker") / "gazetteer.sqlite"
    build_gazetteer(path, sources=sources)
    return Gazetteer(path)


def _larkfield(gazetteer: Gazetteer, weights: RankerWeights) -> int | None:
    toponym = Toponym(0, 9, "Larkfield", ("Larkfield",), source="given")
    [resolution] = Resolver(gazetteer, weights).resolve([toponym])
    return resolution.entry.geonameid if resolution.entry is not None else None


def test_the_shipped_weights_name_known_features_and_say_where_they_come_from() -> None:
    shipped = default_weights()
    assert set(shipped.weights) <= set(FEATURES)
    assert shipped.trained_on and shipped.date
    assert shipped.weights["population"] > 0  # a larger place is the likelier reading


def test_weights_survive_a_round_trip_through_yaml() -> None:
    weights = RankerWeights({"population": 0.8, "nearness": 2.25}, -0.5, "a corpus", "2026-01-02", {"k": 5})
    again = read_weights(dump_weights(weights))
    assert again.weights["population"] == 0.8 and again.weights["nearness"] == 2.25
    assert again.weights["country"] == 0.0
    assert (again.threshold, again.trained_on, again.date) == (-0.5, "a corpus", "2026-01-02")
    assert again.notes == {"k": 5}


def test_an_unknown_feature_or_a_missing_threshold_is_refused() -> None:
    with pytest.raises(ConfigError, match="popularity"):
        read_weights("threshold: 0\nweights: {popularity: 1.0}\n")
    with pytest.raises(ConfigError, match="threshold"):
        read_weights("weights: {population: 1.0}\n")


def test_the_score_is_the_weighted_sum_of_the_features() -> None:
    weights = RankerWeights({"population": 2.0, "partner_fit": 5.0}, 0.0)
    assert weights.score({"population": 3.0, "partner_fit": 1.0, "airport": 1.0}) == 11.0
    assert hand_set_weights().weights == HAND_SET


def test_the_resolver_ranks_with_the_weights_it_is_given(twin_towns: Gazetteer) -> None:
    assert _larkfield(twin_towns, hand_set_weights()) == 801
    # Weights that prefer small places pick the other town: the weights, not code, decide.
    small_first = RankerWeights({"population": -1.0}, -100.0)
    assert _larkfield(twin_towns, small_first) == 802


def test_a_best_score_below_the_threshold_leaves_the_name_unresolved(twin_towns: Gazetteer) -> None:
    strict = RankerWeights(dict(HAND_SET), 100.0)
    assert _larkfield(twin_towns, strict) is None


def test_options_carry_their_features_for_training(twin_towns: Gazetteer) -> None:
    toponym = Toponym(0, 9, "Larkfield", ("Larkfield",), source="given")
    [group] = Resolver(twin_towns, hand_set_weights()).rank([toponym])
    larger, smaller = group.options
    assert larger.features["largest"] == 1.0 and "largest" not in smaller.features
    assert larger.features["population"] == pytest.approx(np.log10(50_001))
    assert "country_support" in larger.context
    assert larger.score == pytest.approx(hand_set_weights().score({**larger.features, **larger.context}))


def test_fitting_raises_the_weight_of_a_feature_that_marks_the_right_option() -> None:
    trainer = _trainer()
    column = FEATURES.index("partner_fit")
    found = []
    for right_first in (True, False) * 20:
        matrix = np.zeros((2, len(FEATURES)))
        matrix[0 if right_first else 1, column] = 1.0
        right = np.array([right_first, not right_first])
        found.append(trainer.Example(matrix, right, False))
    start = RankerWeights({}, 0.0)
    fitted = trainer.fit(found, start, penalty=0.5)
    assert fitted.weights["partner_fit"] > 1.0
    assert fitted.threshold < 0.0  # a right option always exists, so "none" loses ground


def test_fitting_raises_the_threshold_when_no_option_is_right() -> None:
    trainer = _trainer()
    found = [trainer.Example(np.zeros((1, len(FEATURES))), np.array([False]), True) for _ in range(30)]
    fitted = trainer.fit(found, RankerWeights({}, 0.0), penalty=0.5, none_weight=1.0)
    assert fitted.threshold > 1.0
    # Left out of the loss, such mentions leave the threshold where the penalty holds it.
    assert trainer.fit(found, RankerWeights({}, 0.0), none_weight=0.0).threshold <= 0.0
