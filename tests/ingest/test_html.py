"""HTML pages: main text without boilerplate, metadata and publication date."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from ingest_helpers import read_file

from sitrep.records import Article, Skipped, SkipReason

PARAGRAPHS = (
    "Artillery fire struck the eastern edge of Karvand on Wednesday morning, according to two "
    "residents reached by telephone.",
    "The provincial council of the Ostrava Lowlands said at least four houses near the grain "
    "depot were damaged and that families had moved to the old school.",
    "A spokesman for the garrison said the unit had not fired first and accused the other side "
    "of breaking the local truce agreed in June.",
)


def page(*, head: str = "", lang: str = "en-GB") -> str:
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>Shelling resumes near Karvand | Valley Post</title>
{head}
</head>
<body>
<div id="cookie-banner" class="cookie-consent">We use biscuits to improve your visit.
  <button>Accept all biscuits</button></div>
<nav class="menu"><ul><li><a href="/">Homepage</a></li><li><a href="/world">Worldwide</a></li>
  <li><a href="/sport">Sportsdesk</a></li></ul></nav>
<main><article>
<h1>Shelling resumes near Karvand</h1>
{body}
</article></main>
<footer class="site-footer"><p>Copyright Valleyprint Holdings. Imprint and subscriptions.</p>
</footer>
</body>
</html>"""


FULL_HEAD = """
<meta property="og:site_name" content="Valley Post">
<meta property="og:title" content="Shelling resumes near Karvand">
<meta property="article:published_time" content="2021-08-11T09:30:00+04:30">
<link rel="canonical" href="https://www.valleypost.example/news/karvand-shelling">
"""


@pytest.fixture
def article(tmp_path) -> Article:
    result = read_file(tmp_path, "story.html", page(head=FULL_HEAD))
    assert isinstance(result, Article)
    return result


def test_html_text_holds_the_paragraphs(article: Article) -> None:
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    assert article.format == "html"


@pytest.mark.parametrize(
    "boilerplate", ["Homepage", "Worldwide", "Sportsdesk", "Valleyprint", "biscuits"]
)
def test_html_text_leaves_out_menus_banners_and_footers(article: Article, boilerplate: str) -> None:
    assert boilerplate not in article.text


def test_html_metadata(article: Article) -> None:
    assert article.title == "Shelling resumes near Karvand"
    assert article.source == "Valley Post"
    assert article.url == "https://www.valleypost.example/news/karvand-shelling"
    assert article.fetched_at is None


def test_html_published_time_keeps_its_offset(article: Article) -> None:
    assert article.published_at == datetime(
        2021, 8, 11, 9, 30, tzinfo=timezone(timedelta(hours=4, minutes=30))
    )
    assert isinstance(article.published_at, datetime)
    assert article.published_at.utcoffset() == timedelta(hours=4, minutes=30)


def test_html_lang_attribute_is_the_declared_language(tmp_path) -> None:
    # The page's own metadata wins over detection, as for every other format.
    result = read_file(tmp_path, "story.html", page(head=FULL_HEAD, lang="de-AT"))
    assert isinstance(result, Article)
    assert result.language == "de"
    assert result.language_detected is False


def test_menu_only_page_is_no_content(tmp_path) -> None:
    menu = "<html><body><nav><a href='/'>Home</a> <a href='/b'>Back</a></nav></body></html>"
    result = read_file(tmp_path, "menu.html", menu)
    assert isinstance(result, Skipped)
    assert result.reason is SkipReason.NO_CONTENT


def test_html_date_only_meta_gives_a_day(tmp_path) -> None:
    head = '<meta property="article:published_time" content="2021-08-11">'
    result = read_file(tmp_path, "story.html", page(head=head))
    assert isinstance(result, Article)
    assert result.published_at == date(2021, 8, 11)
    assert type(result.published_at) is date


def test_html_without_any_date_has_unknown_date(tmp_path) -> None:
    result = read_file(tmp_path, "story.htm", page())
    assert isinstance(result, Article)
    assert result.published_at is None


def test_html_without_site_name_or_url_has_no_source(tmp_path) -> None:
    result = read_file(tmp_path, "story.html", page())
    assert isinstance(result, Article)
    assert result.source is None
    assert result.url is None


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body></body></html>",
        "<html><head><title>Valley Post</title></head><body><div id='app'></div></body></html>",
        "<html><body><footer><p>Copyright Valley Post. All rights reserved.</p></footer>"
        "</body></html>",
    ],
)
def test_html_without_article_text_is_no_content(tmp_path, markup: str) -> None:
    skipped = read_file(tmp_path, "empty.html", markup)
    assert isinstance(skipped, Skipped)
    assert skipped.reason is SkipReason.NO_CONTENT
    assert skipped.detail.startswith(str(tmp_path / "empty.html"))


def test_html_sniffed_without_extension(tmp_path) -> None:
    result = read_file(tmp_path, "saved-page.dat", page(head=FULL_HEAD))
    assert isinstance(result, Article)
    assert result.format == "html"
    assert result.source == "Valley Post"
