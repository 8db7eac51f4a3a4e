"""Quality floors on the hand-labelled gold set (see claims_gold.py); lowering one needs a reason."""

from __future__ import annotations

import pytest
from claims_gold import (
    HELDOUT_2_CLAIMS,
    HELDOUT_2_QUOTES,
    HELDOUT_CLAIMS,
    HELDOUT_QUOTES,
    GoldClaim,
    GoldQuote,
    score_claims,
    score_quotes,
)
from claims_helpers import claims_of, quotes_of

CLAIM_FLOORS = {"claim_precision": 0.95, "claim_recall": 0.95,
                "attribution_precision": 0.95, "attribution_recall": 0.95, "predicate_accuracy": 0.95}
QUOTE_FLOORS = {"quote_precision": 0.95, "quote_recall": 0.95, "speaker_accuracy": 0.95, "verb_accuracy": 0.9}
HELDOUT_FLOOR = 0.9


@pytest.mark.parametrize(("metric", "floor"), CLAIM_FLOORS.items())
def test_claims_meet_floor_on_development_set(metric: str, floor: float) -> None:
    assert score_claims(claims_of)[metric] >= floor


@pytest.mark.parametrize(("metric", "floor"), QUOTE_FLOORS.items())
def test_quotes_meet_floor_on_development_set(metric: str, floor: float) -> None:
    assert score_quotes(quotes_of)[metric] >= floor


@pytest.mark.parametrize(("claims", "quotes"), [(HELDOUT_CLAIMS, HELDOUT_QUOTES),
                                                (HELDOUT_2_CLAIMS, HELDOUT_2_QUOTES)])
def test_heldout_sets_meet_floor(claims: tuple[tuple[str, tuple[GoldClaim, ...]], ...],
                                 quotes: tuple[tuple[str, tuple[GoldQuote, ...]], ...]) -> None:
    scores = {**score_claims(claims_of, claims), **score_quotes(quotes_of, quotes)}
    low = {name: value for name, value in scores.items()
           if not name.endswith(("_predicted", "_gold")) and value < HELDOUT_FLOOR}
    assert low == {}
