"""Accent-insensitive filters: "Herat" finds "Herāt", "kunduz" finds "Kundūz", on both backends."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.ingest.identity import article_id
from sitrep.records import Article, CodedEvent, Extraction, Modality
from sitrep.run.fusion import fuse_articles
from sitrep.store import ArticleQuery, EventQuery, Store
from sitrep.store.base import FusedQuery
from sitrep.store.folding import fold_pattern, fold_text, matches_folded

TEXT = "Fighters of the Jamā'at entered Herāt city on Sunday, traders in the bazaar said."


def _stored(store: Store) -> None:
    """One article coding a capture of Herāt (Herāt province) by a group with an accented name."""
    article = Article(id=article_id(TEXT, "Herāt falls"), text=TEXT, title="Herāt falls",
                      source="Kābul Times", published_at=date(2021, 8, 13), language="en", input="herat.txt",
                      format="text")
    start = TEXT.index("entered")
    mention = CodedEvent(
        article_id=article.id, trigger_start=start, trigger_end=start + 7, trigger="entered",
        component="t.v1",
        event_type="Strategic developments", sub_event_type="Non-state actor overtakes territory",
        modality=Modality.ASSERTED, confidence=0.8, event_date=date(2021, 8, 12), time_precision=1,
        actor1="Jamā'at Fighters", actor1_type="Rebel group", actor2=None, actor2_type=None,
        country="Afghanistan", country_code="AF", admin1="Herāt", location="Herāt", geonameid=920201,
        latitude=34.3, longitude=62.2, geo_precision=1, fatalities=None, source="Kābul Times",
        evidence_start=0, evidence_end=len(TEXT), notes=TEXT)
    store.save_batch([article], [])
    store.save_extractions([(Extraction(article.id, ("t.v1",)), [mention])])
    fuse_articles(store, [article.id], seat=lambda geonameid: False)


@pytest.mark.parametrize("wanted", ["Herat", "HERAT", "herāt", "Herāt"])
def test_fused_search_and_filters_ignore_accents(store: Store, wanted: str) -> None:
    _stored(store)
    assert store.count_fused(FusedQuery("event", text=wanted)) == 1
    assert store.count_fused(FusedQuery("event", admin1=wanted)) == 1
    assert store.count_fused(FusedQuery("event", admin1=wanted + "i")) == 0  # still a whole-name match
    assert store.count_fused(FusedQuery("event", actor="jamaat")) == 0  # the apostrophe is kept
    assert store.count_fused(FusedQuery("event", actor="JAMA'AT")) == 1


def test_mention_filters_and_article_search_ignore_accents(store: Store) -> None:
    _stored(store)
    assert store.count_events(EventQuery(admin1="herat")) == 1
    assert store.count_events(EventQuery(actor="jama'at fighters")) == 1
    assert store.count_articles(ArticleQuery(text="herat CITY")) == 1
    assert store.count_articles(ArticleQuery(source="kabul times")) == 1
    assert store.count_articles(ArticleQuery(text="Kabul")) == 0


def test_special_characters_match_themselves(store: Store) -> None:
    _stored(store)
    assert store.count_articles(ArticleQuery(text="bazaar said.")) == 1
    assert store.count_articles(ArticleQuery(text="bazaar.said")) == 0  # "." is not a wildcard
    assert store.count_articles(ArticleQuery(text="%")) == 0
    assert store.count_articles(ArticleQuery(text="(Herat")) == 0


def test_folding_in_python() -> None:
    assert fold_text("Kundūz ÇAĞ") == "kunduz cag"
    assert matches_folded("Türkiye", "turkiye")
    assert fold_pattern("a.b", whole=True).startswith("(?i)^[a")
