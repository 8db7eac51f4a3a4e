"""How a toponym's gazetteer candidates are ranked: named features and the weights that sum them.

An option's score is the weighted sum of its features (`FEATURES`): the prior ones describe the
entry and how the name reached it, the context ones what the article's other names lend (see
`sitrep.geo.resolve`). The weights and the score below which a name stays unresolved
(`threshold`, the "none of these" answer) are data: `data/geo/ranker.yaml`, fitted by
`benchmarks/train_ranker.py` or set by hand (`HAND_SET`, the weights the resolver was tuned with).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import ConfigError

PRIOR_FEATURES = (
    "population",  # log10(population + 1)
    "country",  # the entry is a country
    "region",  # a continent or a world region
    "admin1",  # an admin-1 division
    "capital",  # a national capital
    "seat",  # the seat of an admin-1 division
    "admin2",  # an admin-2 division
    "town",  # any populated place
    "airport",
    "no_population",  # GeoNames knows no population for it
    "largest",  # the most populous of the name's options
    "alternate_name",  # reached by an alternate name, not its own
    "abbreviation",
    "demonym",
    "designator_fit",  # "X province" and an admin-1
    "designator_misfit",
    "area_shadow",  # a town reached by an alternate name that a country or admin-1 bears as its own
    "namesake",  # a town named as an area it lies outside ("Mexico, N.Y.")
    "town_shadow",  # reached by an alternate name that a town of its country bears as its own
    "state_demonym",  # a state reached by a country's demonym ("Georgian")
    "same_name_admin",  # a division whose seat or town bears its bare name
    "partner_fit",  # inside the "X, Y" partner
    "spelling_variant",  # found by transliteration or the fuzzy fallback (counted once each)
)
CONTEXT_FEATURES = (
    "country_support",  # log(1 + support of the other names and the home for its country)
    "admin1_support",
    "admin2_support",
    "nearness",  # log(1 + closeness of the other names' likely places)
)
FEATURES = PRIOR_FEATURES + CONTEXT_FEATURES

# The weights the resolver was tuned with by hand (features absent here weigh 0).
HAND_SET: dict[str, float] = {
    "population": 1.0,
    "country": 1.5,
    "region": 1.5,
    "admin1": 0.5,
    "capital": 1.5,
    "seat": 0.3,
    "admin2": -1.0,
    "alternate_name": -0.7,
    "designator_fit": 4.0,
    "designator_misfit": -2.0,
    "area_shadow": -3.0,
    "namesake": -3.0,
    "town_shadow": -3.0,
    "state_demonym": -2.5,
    "same_name_admin": -2.0,
    "partner_fit": 6.0,
    "spelling_variant": -1.5,
    "country_support": 2.0,
    "admin1_support": 3.0,
    "admin2_support": 2.0,
    "nearness": 1.5,
}
HAND_SET_THRESHOLD = -1.0
WEIGHTS_FILE = "ranker.yaml"


@dataclass(frozen=True, slots=True)
class RankerWeights:
    """Feature weights, the unresolved threshold, and where the weights came from."""

    weights: Mapping[str, float]
    threshold: float
    trained_on: str = "hand-set"
    date: str = ""
    notes: Mapping[str, Any] = field(default_factory=dict)

    def score(self, features: Mapping[str, float]) -> float:
        """The weighted sum of `features`."""
        weights = self.weights
        return sum(weights.get(name, 0.0) * value for name, value in features.items() if value)


def hand_set_weights() -> RankerWeights:
    """The hand-tuned weights, as a baseline for trained ones."""
    return RankerWeights(dict(HAND_SET), HAND_SET_THRESHOLD)


@cache
def default_weights() -> RankerWeights:
    """The shipped weights (`data/geo/ranker.yaml`)."""
    source = resources.files("sitrep.data").joinpath("geo", WEIGHTS_FILE)
    return read_weights(source.read_text(encoding="utf-8"), origin=str(source))


def load_weights(path: Path) -> RankerWeights:
    """Weights from a YAML file written by `dump_weights`."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot read ranker weights {path}: {error}", fix="pass a ranker.yaml") from None
    return read_weights(text, origin=str(path))


def read_weights(text: str, *, origin: str = "ranker.yaml") -> RankerWeights:
    """Parse a weights document; every weight must name a known feature."""
    data = yaml.safe_load(text) or {}
    weights = data.get("weights")
    if not isinstance(weights, dict) or "threshold" not in data:
        raise ConfigError(
            f"{origin} has no `weights` mapping or no `threshold`", fix="see data/geo/ranker.yaml"
        )
    unknown = sorted(set(weights) - set(FEATURES))
    if unknown:
        raise ConfigError(f"{origin} weighs unknown features {unknown}", fix=f"use only {list(FEATURES)}")
    return RankerWeights(
        {name: float(value) for name, value in weights.items()},
        float(data["threshold"]),
        str(data.get("trained_on", "")),
        str(data.get("date", "")),
        data.get("notes") or {},
    )


def dump_weights(weights: RankerWeights) -> str:
    """The YAML document of `weights` (the format `read_weights` reads)."""
    document = {
        "trained_on": weights.trained_on,
        "date": weights.date,
        "threshold": round(weights.threshold, 4),
        "weights": {name: round(weights.weights.get(name, 0.0), 4) for name in FEATURES},
        "notes": dict(weights.notes),
    }
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
