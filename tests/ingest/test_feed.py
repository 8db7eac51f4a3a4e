"""RSS and Atom feeds: one article per entry, full content or summary."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from ingest_helpers import read_all, read_file, write_file

from sitrep.records import Article, Skipped, SkipReason

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Karvand Courier</title>
  <id>urn:uuid:karvand-courier</id>
  <updated>2021-08-11T12:00:00Z</updated>
  {entries}
</feed>"""

FULL_ENTRY = """<entry>
    <title>Bridge at Karvand reopens</title>
    <id>urn:uuid:entry-1</id>
    <link href="https://courier.example/bridge-reopens"/>
    <published>2021-08-11T09:30:00+04:30</published>
    <updated>2021-08-11T10:00:00+04:30</updated>
    <summary>Bridge open again.</summary>
    <content type="html">
      &lt;p&gt;Engineers reopened the river bridge at Karvand on Wednesday.&lt;/p&gt;
      &lt;p&gt;Lorries carrying &lt;b&gt;flour&lt;/b&gt; crossed within the hour.&lt;/p&gt;
    </content>
  </entry>"""

SUMMARY_ENTRY = """<entry>
    <title>Curfew eased in the old town</title>
    <id>urn:uuid:entry-2</id>
    <link href="https://courier.example/curfew-eased"/>
    <updated>2021-08-10T18:00:00Z</updated>
    <summary>The night curfew in the old town of Karvand now starts at ten.</summary>
  </entry>"""

BAD_DATE_ENTRY = """<entry>
    <title>Shots at the depot</title>
    <id>urn:uuid:entry-3</id>
    <published>sometime last week</published>
    <summary>Shots were heard near the grain depot of Karvand.</summary>
  </entry>"""

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel>
  <title>Lowlands Radio</title><link>https://radio.example/</link><description>News</description>
  <item>
    <title>Market reopens</title>
    <link>https://radio.example/market</link>
    <guid>https://radio.example/market</guid>
    <pubDate>Wed, 11 Aug 2021 09:30:00 +0430</pubDate>
    <description>Traders returned to the covered market of Karvand after three days.</description>
  </item>
  <item>
    <title>Second convoy</title>
    <link>https://radio.example/convoy</link>
    <pubDate>Thu, 12 Aug 2021 16:45:00 GMT</pubDate>
    <description>A second aid convoy left the provincial capital for Karvand.</description>
  </item>
</channel></rss>"""


def atom(*entries: str) -> str:
    return ATOM.format(entries="\n".join(entries))


def test_atom_entry_with_full_content(tmp_path) -> None:
    article = read_file(tmp_path, "news.atom", atom(FULL_ENTRY))
    assert isinstance(article, Article)
    assert article.is_summary is False
    assert article.text == (
        "Engineers reopened the river bridge at Karvand on Wednesday.\n"
        "Lorries carrying flour crossed within the hour."
    )
    assert article.title == "Bridge at Karvand reopens"
    assert article.url == "https://courier.example/bridge-reopens"
    assert article.source == "Karvand Courier"
    assert article.published_at == datetime(
        2021, 8, 11, 9, 30, tzinfo=timezone(timedelta(hours=4.5))
    )
    assert article.format == "feed"
    assert article.input == f"{tmp_path / 'news.atom'}#urn:uuid:entry-1"


def test_atom_entry_with_only_a_summary_is_marked(tmp_path) -> None:
    article = read_file(tmp_path, "news.atom", atom(SUMMARY_ENTRY))
    assert isinstance(article, Article)
    assert article.is_summary is True
    assert article.text == "The night curfew in the old town of Karvand now starts at ten."
    assert article.source == "Karvand Courier"
    assert article.published_at == datetime(2021, 8, 10, 18, 0, tzinfo=UTC)


def test_every_entry_is_one_record_in_order(tmp_path) -> None:
    path = write_file(tmp_path, "news.xml", atom(FULL_ENTRY, SUMMARY_ENTRY, BAD_DATE_ENTRY))
    results = read_all([path])
    assert [item.input for item in results] == [
        f"{path}#urn:uuid:entry-1",
        f"{path}#urn:uuid:entry-2",
        f"{path}#urn:uuid:entry-3",
    ]
    assert [type(item).__name__ for item in results] == ["Article", "Article", "Skipped"]


def test_entry_with_unreadable_date_is_bad_date(tmp_path) -> None:
    skipped = read_file(tmp_path, "news.atom", atom(BAD_DATE_ENTRY))
    assert isinstance(skipped, Skipped)
    assert skipped.reason is SkipReason.BAD_DATE
    assert "sometime last week" in skipped.detail
    assert skipped.input.endswith("news.atom#urn:uuid:entry-3")


def test_rss_with_rfc822_dates(tmp_path) -> None:
    path = write_file(tmp_path, "radio.rss", RSS)
    first, second = read_all([path])
    assert isinstance(first, Article)
    assert isinstance(second, Article)
    assert first.published_at == datetime(2021, 8, 11, 9, 30, tzinfo=timezone(timedelta(hours=4.5)))
    assert second.published_at == datetime(2021, 8, 12, 16, 45, tzinfo=UTC)
    assert first.source == second.source == "Lowlands Radio"
    assert first.url == "https://radio.example/market"
    assert first.input == f"{path}#https://radio.example/market"
    assert second.input == f"{path}#https://radio.example/convoy"
    assert first.is_summary is True
    assert first.text == "Traders returned to the covered market of Karvand after three days."


def test_rss_sniffed_without_extension(tmp_path) -> None:
    results = read_all([write_file(tmp_path, "radio.dat", RSS)])
    assert [item.title for item in results] == ["Market reopens", "Second convoy"]


@pytest.mark.parametrize(
    "document",
    [
        atom(),
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>',
    ],
)
def test_feed_without_entries_is_no_content(tmp_path, document: str) -> None:
    skipped = read_file(tmp_path, "news.xml", document)
    assert isinstance(skipped, Skipped)
    assert skipped.reason is SkipReason.NO_CONTENT
    assert skipped.input == str(tmp_path / "news.xml")
    assert "no feed entries" in skipped.detail


def test_entry_without_content_or_summary_is_missing_text(tmp_path) -> None:
    entry = "<entry><title>Empty</title><id>urn:uuid:e</id></entry>"
    skipped = read_file(tmp_path, "news.atom", atom(entry))
    assert isinstance(skipped, Skipped)
    assert skipped.reason is SkipReason.MISSING_TEXT


def test_date_only_entry_gives_a_day(tmp_path) -> None:
    entry = """<entry>
    <title>Bridge repaired</title>
    <id>urn:uuid:entry-day</id>
    <published>2021-08-12</published>
    <summary>Engineers reopened the bridge over the river at Karvand.</summary>
  </entry>"""
    article = read_file(tmp_path, "feed.atom", atom(entry))
    assert isinstance(article, Article)
    assert article.published_at == date(2021, 8, 12)
    assert type(article.published_at) is date
