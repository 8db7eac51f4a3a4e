"""Every offset the extractors write points at the text it names, on every gold passage."""

from __future__ import annotations

import pytest
from claims_gold import (
    GOLD_CLAIMS,
    GOLD_QUOTES,
    HELDOUT_2_CLAIMS,
    HELDOUT_2_QUOTES,
    HELDOUT_CLAIMS,
    HELDOUT_QUOTES,
)
from claims_helpers import claims_of, quotes_of

TEXTS = sorted({text for text, _ in (*GOLD_CLAIMS, *GOLD_QUOTES, *HELDOUT_CLAIMS, *HELDOUT_QUOTES,
                                     *HELDOUT_2_CLAIMS, *HELDOUT_2_QUOTES)})


@pytest.mark.parametrize("text", TEXTS)
def test_claim_offsets_point_at_their_text(text: str) -> None:
    for claim in claims_of(text):
        assert text[claim.start:claim.end] == claim.text
        if claim.attributed_to is not None:
            assert text[claim.attribution_start or 0:claim.attribution_end or 0] == claim.attributed_to


@pytest.mark.parametrize("text", TEXTS)
def test_quote_offsets_point_at_their_words(text: str) -> None:
    for quote in quotes_of(text):
        if "\n" not in text[quote.start:quote.end]:
            assert text[quote.start:quote.end] == quote.text
        if quote.speaker is not None:
            assert text[quote.speaker_start or 0:quote.speaker_end or 0] == quote.speaker


def test_possessive_is_not_part_of_the_speaker() -> None:
    text = "“The front line moves every day,” Radio Kabul's Nora Lind said."
    quote = quotes_of(text)[0]
    assert quote.speaker == "Nora Lind"
    assert text[quote.speaker_start or 0:quote.speaker_end or 0] == "Nora Lind"
