"""Extraction into a store hands each article its outlet's home, learned from the outlet's other articles."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pytest

from conftest import make_article
from sitrep.errors import ConfigError
from sitrep.pipeline import extract_into
from sitrep.records import Article, Extraction, GeoEntry, OutletHome, PlaceMention
from sitrep.store import Store

ELYRIA = GeoEntry(9001, "Elyria", 41.3684, -82.1077, "US", "United States", "OH", "Ohio", "P", "PPL", 54000)


class RecordingExtractor:
    """Stands in for the spaCy pipeline: every article names Elyria; remembers the homes it was given."""

    def __init__(self) -> None:
        self.homes: list[Mapping[str, OutletHome] | None] = []

    def pipe(self, articles: Iterable[Article], **options: Any) -> Iterator[Extraction]:
        self.homes.append(options.get("homes"))
        for article in articles:
            place = PlaceMention(article.id, 0, 6, "Elyria", "test.v1", ELYRIA, (ELYRIA,), 0.99)
            yield Extraction(article_id=article.id, components=("test.v1",), places=(place,))


def stored(store: Store, source: str, count: int, start: int = 0) -> list[Article]:
    """`count` new articles of `source`, saved in the store."""
    articles = [make_article(f"Report number {number} from the county seat.", source=source)
                for number in range(start, start + count)]
    store.save_batch(articles, [])
    return articles


def test_a_batch_gets_the_home_learned_from_earlier_articles(store: Store) -> None:
    extractor = RecordingExtractor()
    extract_into(store, extractor, stored(store, "Lorain Ledger", 3))  # type: ignore[arg-type]
    assert extractor.homes == [None]  # nothing stored yet: no home
    extract_into(store, extractor, stored(store, "Lorain Ledger", 2, start=3))  # type: ignore[arg-type]
    home = (extractor.homes[-1] or {})["Lorain Ledger"]
    assert home.articles == 3 and home.admin1[0].admin1 == "Ohio" and home.admin1[0].share == 1.0


def test_an_article_is_not_its_own_evidence(store: Store) -> None:
    extractor = RecordingExtractor()
    articles = stored(store, "Lorain Ledger", 3)
    extract_into(store, extractor, articles)  # type: ignore[arg-type]
    extract_into(store, extractor, articles)  # type: ignore[arg-type]  (re-extracting the same three)
    assert extractor.homes == [None, None]


def test_homes_can_be_switched_off(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    extractor = RecordingExtractor()
    extract_into(store, extractor, stored(store, "Lorain Ledger", 3))  # type: ignore[arg-type]
    monkeypatch.setenv("SITREP_OUTLET_HOMES", "off")
    extract_into(store, extractor, stored(store, "Lorain Ledger", 1, start=3))  # type: ignore[arg-type]
    assert extractor.homes[-1] is None
    monkeypatch.setenv("SITREP_OUTLET_HOMES", "sometimes")
    with pytest.raises(ConfigError, match="SITREP_OUTLET_HOMES"):
        extract_into(store, extractor, stored(store, "Lorain Ledger", 1, start=4))  # type: ignore[arg-type]
