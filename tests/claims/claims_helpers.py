"""Helpers for the claim and quote tests: parse invented text once, run the extractors on it."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from sitrep.extract.claims import ClaimExtractor
from sitrep.extract.nlp import load_model
from sitrep.extract.quotes import QuoteExtractor
from sitrep.records import Claim, EntityMention, Quote

ARTICLE = "test-article"


@lru_cache(maxsize=256)
def parse(text: str) -> Doc:
    """The parsed document of `text`, cached across tests."""
    return load_model()(text)


def claims_of(text: str, entities: tuple[EntityMention, ...] = ()) -> tuple[Claim, ...]:
    """The claims the extractor finds in `text`."""
    return ClaimExtractor()(parse(text), ARTICLE, entities=entities)


def quotes_of(text: str, entities: tuple[EntityMention, ...] = ()) -> tuple[Quote, ...]:
    """The quotes the extractor finds in `text`."""
    return QuoteExtractor()(parse(text), ARTICLE, entities=entities)


def only_claim(text: str) -> Claim:
    """The single claim of `text`; fails when there is not exactly one."""
    found = claims_of(text)
    assert len(found) == 1, f"expected one claim in {text!r}, got {[c.text for c in found]}"
    return found[0]


def only_quote(text: str) -> Quote:
    """The single quote of `text`; fails when there is not exactly one."""
    found = quotes_of(text)
    assert len(found) == 1, f"expected one quote in {text!r}, got {[q.text for q in found]}"
    return found[0]
