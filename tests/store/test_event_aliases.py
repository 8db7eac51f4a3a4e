"""Stable event ids: an id an event once had keeps opening it after an earlier report joins it."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from sitrep.api.app import create_app
from sitrep.api.config import ServeConfig
from sitrep.errors import NotFoundError
from sitrep.ingest.identity import article_id
from sitrep.records import Article, CodedEvent, Extraction, Modality
from sitrep.run.fusion import fuse_articles
from sitrep.store import Store
from sitrep.store.base import FusedQuery

# A made-up town and two outlets; the Friday report comes first, the earlier Thursday one later.
PLACE = {"country": "Afghanistan", "country_code": "AF", "admin1": "Qarabel Province",
         "location": "Qarabel", "geonameid": 920101, "latitude": 35.2, "longitude": 66.4}
LATER = ("Militants overran Qarabel on Wednesday and raised their flag over the district office, "
         "a farmer said.")
EARLIER = "Militants overran Qarabel on Wednesday, local elders told reporters by telephone."


def report(text: str, source: str, published: date) -> tuple[Article, CodedEvent]:
    """An article and the capture it codes (Wednesday 2021-08-11, Qarabel)."""
    article = Article(id=article_id(text, None), text=text, source=source, published_at=published,
                      language="en", input=f"{source}.txt", format="text")
    start = text.index("overran")
    mention = CodedEvent(
        article_id=article.id, trigger_start=start, trigger_end=start + 7, trigger="overran",
        component="test.v1", event_type="Strategic developments",
        sub_event_type="Non-state actor overtakes territory", modality=Modality.ASSERTED, confidence=0.8,
        event_date=date(2021, 8, 11), time_precision=1, actor1="Militants", actor1_type=None, actor2=None,
        actor2_type=None, geo_precision=1, fatalities=None, source=source, evidence_start=0,
        evidence_end=len(text), notes=text, **PLACE)  # type: ignore[arg-type]
    return article, mention


def add(store: Store, text: str, source: str, published: date) -> None:
    """Store, 'extract' and fuse one report."""
    article, mention = report(text, source, published)
    store.save_batch([article], [])
    store.save_extractions([(Extraction(article.id, ("test.v1",)), [mention])])
    fuse_articles(store, [article.id], seat=lambda geonameid: False)


def only_event_id(store: Store) -> str:
    rows = store.list_fused(FusedQuery("event", limit=None))
    assert len(rows) == 1
    return rows[0].record_id


def test_an_old_event_id_opens_the_event_after_an_earlier_report_joins(store: Store) -> None:
    add(store, LATER, "Valley Post", date(2021, 8, 13))
    first_id = only_event_id(store)
    add(store, EARLIER, "Hill Daily", date(2021, 8, 12))
    current = only_event_id(store)
    assert current != first_id  # the id follows the earliest mention
    row = store.get_fused("event", first_id)
    assert row.record_id == current
    assert store.earlier_ids("event", [current]) == {current: [first_id]}


def test_aliases_follow_a_second_rename(store: Store) -> None:
    add(store, LATER, "Valley Post", date(2021, 8, 13))
    first_id = only_event_id(store)
    add(store, EARLIER, "Hill Daily", date(2021, 8, 12))
    second_id = only_event_id(store)
    radio = "Militants overran Qarabel on Wednesday, a radio station said."
    add(store, radio, "Radio Ama", date(2021, 8, 11))
    current = only_event_id(store)
    assert len({first_id, second_id, current}) == 3
    assert store.get_fused("event", first_id).record_id == current
    assert store.get_fused("event", second_id).record_id == current
    assert store.earlier_ids("event", [current]) == {current: [first_id, second_id]}


def test_an_id_never_given_is_still_not_found(store: Store) -> None:
    add(store, LATER, "Valley Post", date(2021, 8, 13))
    with pytest.raises(NotFoundError, match="no event"):
        store.get_fused("event", "E-0000000000000000-1")


def test_the_api_and_the_page_answer_an_old_id(store_url: str, store: Store) -> None:
    add(store, LATER, "Valley Post", date(2021, 8, 13))
    first_id = only_event_id(store)
    add(store, EARLIER, "Hill Daily", date(2021, 8, 12))
    current = only_event_id(store)
    with TestClient(create_app(ServeConfig(db_url=store_url))) as http:
        answer = http.get(f"/api/events/{first_id}")
        assert answer.status_code == 200
        assert answer.json()["event_id"] == current
        page = http.get(f"/events/{first_id}", params={"format": "json"})
        assert page.status_code == 200
        assert page.json()["event_id"] == current
