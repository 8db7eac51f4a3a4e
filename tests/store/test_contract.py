"""One contract, two backends: every test here runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import OperationalError

from conftest import make_article
from sitrep.errors import NotFoundError, StoreError
from sitrep.records import Article, Skipped, SkipReason
from sitrep.store import ArticleQuery, Store, open_store
from sitrep.store.sql import SqlStore


def test_saved_articles_read_back_field_for_field(store: Store) -> None:
    offset = timezone(timedelta(hours=4, minutes=30))
    article = make_article(
        "Shelling hit the northern market of Karvand overnight, two officials said.",
        title="Market shelled", url="https://valley-post.example/a", source="Valley Post",
        published_at=datetime(2021, 8, 12, 14, 30, tzinfo=offset), language="en",
        language_detected=True, is_summary=True, input="feed.atom#1", format="feed",
        fetched_at=datetime(2021, 8, 12, 11, 0, tzinfo=UTC),
    )
    result = store.save_batch([article], [])
    assert result.stored == (article.id,)
    assert store.get_article(article.id) == article


def test_date_only_publication_stays_a_date(store: Store, sample_articles: list[Article]) -> None:
    store.save_batch(sample_articles, [])
    stored = store.get_article(sample_articles[0].id)
    assert stored.published_at == date(2021, 8, 9)
    assert not isinstance(stored.published_at, datetime)
    assert store.get_article(sample_articles[2].id).published_at is None


def test_same_id_is_stored_once_and_reported_as_duplicate(
    store: Store, sample_articles: list[Article]
) -> None:
    first = store.save_batch(sample_articles, [])
    again = store.save_batch(sample_articles[:1], [])
    assert len(first.stored) == 3
    assert again.stored == ()
    assert [(d.input, d.article_id) for d in again.duplicates] == [("a.txt", sample_articles[0].id)]
    assert store.count_articles() == 3


def test_repeat_inside_one_batch_keeps_the_first(store: Store, sample_articles: list[Article]) -> None:
    copy = make_article(sample_articles[0].text, title=sample_articles[0].title,
                        source="Mirror Site", input="copy.json")
    result = store.save_batch([sample_articles[0], copy], [])
    assert result.stored == (sample_articles[0].id,)
    assert [d.input for d in result.duplicates] == ["copy.json"]
    assert store.get_article(copy.id).source == "Valley Post"


def test_list_filters_and_order(store: Store, sample_articles: list[Article]) -> None:
    store.save_batch(sample_articles, [])
    everything = store.list_articles(ArticleQuery())
    assert [a.input for a in everything] == ["b.txt", "a.txt", "c.txt"]  # newest first, unknown last
    assert [a.input for a in store.list_articles(ArticleQuery(source="valley post"))] == ["a.txt", "c.txt"]
    assert [a.input for a in store.list_articles(ArticleQuery(language="fr"))] == ["b.txt"]
    window = ArticleQuery(since=date(2021, 8, 10), until=date(2021, 8, 31))
    assert [a.input for a in store.list_articles(window)] == ["b.txt"]
    assert store.count_articles(ArticleQuery(source="Valley Post")) == 2
    page = store.list_articles(ArticleQuery(limit=1, offset=1))
    assert [a.input for a in page] == ["a.txt"]


def test_get_article_by_prefix_and_errors(store: Store, sample_articles: list[Article]) -> None:
    store.save_batch(sample_articles, [])
    target = sample_articles[1]
    assert store.get_article(target.id[:8]) == target
    with pytest.raises(NotFoundError, match="no article"):
        store.get_article("ffffffffffffffff")
    with pytest.raises(NotFoundError, match="at least"):
        store.get_article("ab")


def test_skipped_inputs_are_kept_and_counted_per_input_and_reason(store: Store) -> None:
    bad_line = Skipped("wire.jsonl:3", SkipReason.INVALID_JSON, "wire.jsonl:3: Expecting ','")
    store.save_batch([], [bad_line, Skipped("empty.txt", SkipReason.EMPTY, "empty.txt is empty")])
    store.save_batch([], [bad_line])
    entries = {entry.input: entry for entry in store.list_skipped()}
    assert entries["wire.jsonl:3"].times == 2
    assert entries["wire.jsonl:3"].reason is SkipReason.INVALID_JSON
    assert entries["wire.jsonl:3"].last_seen >= entries["wire.jsonl:3"].first_seen
    assert entries["empty.txt"].times == 1
    assert [e.input for e in store.list_skipped(reason="empty")] == ["empty.txt"]


def test_a_failed_batch_writes_nothing(
    store: Store, sample_articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save_batch(sample_articles[:1], [])

    def fail_after_articles(*_args: object) -> None:
        raise OperationalError("insert into skipped", {}, RuntimeError("disk full"))

    monkeypatch.setattr(SqlStore, "_upsert_skipped", fail_after_articles)
    with pytest.raises(StoreError, match="could not write"):
        store.save_batch(sample_articles[1:], [Skipped("e.txt", SkipReason.EMPTY, "e.txt is empty")])
    assert store.count_articles() == 1
    assert store.list_skipped() == []


def test_reopening_keeps_everything(store_url: str, sample_articles: list[Article]) -> None:
    first = open_store(store_url)
    first.save_batch(sample_articles, [Skipped("x", SkipReason.EMPTY, "x is empty")])
    first.close()
    second = open_store(store_url, create=False)
    assert second.count_articles() == 3
    assert len(second.list_skipped()) == 1
    second.close()
