"""Article features for fusion: static weights, names and places, blocking keys."""

from __future__ import annotations

import math
from datetime import date

from sitrep.fuse.features import COMPONENT, MAX_KEYS, MAX_TERMS, describe_article, rarity, tokenize
from sitrep.records import Article, EntityMention, Extraction, GeoEntry, PlaceMention

KUNDUZ = GeoEntry(1135689, "Kunduz", 36.73, 68.86, "AF", "Afghanistan", feature_code="PPLA")
AFGHANISTAN = GeoEntry(1149361, "Afghanistan", 33.0, 66.0, "AF", "Afghanistan",
                       feature_class="A", feature_code="PCLI")
TEXT = (
    "Fighters seize Kunduz after a long night\n"
    "Insurgent fighters took the northern city of Kunduz in Afghanistan on Sunday, a council member "
    "said. The governor's guards left for the airport while the fighters raised their flag over the "
    "city's main square. Kunduz lies on the road to the northern border."
)


def make_extraction(article: Article) -> Extraction:
    """Hand-made mentions: two places (one a country) and one person, found in the text."""
    text = article.text

    def place(name: str, entry: GeoEntry) -> PlaceMention:
        start = text.index(name)
        return PlaceMention(article.id, start, start + len(name), name, "test.places", entry=entry)

    start = text.index("council member")
    person = EntityMention(article.id, start, start + 14, "council member", "PERSON", "test.actors")
    return Extraction(article.id, ("test",), entities=(person,),
                      places=(place("Kunduz", KUNDUZ), place("Afghanistan", AFGHANISTAN)))


def make_article(text: str = TEXT, *, identifier: str = "a1", title: str | None = None) -> Article:
    return Article(id=identifier, text=text, title=title, source="Outlet", published_at=date(2021, 8, 8))


def test_features_are_a_unit_vector_heaviest_first() -> None:
    article = make_article()
    features = describe_article(article, make_extraction(article))
    weights = [weight for _, weight in features.terms]
    assert math.isclose(math.fsum(weight * weight for weight in weights), 1.0)
    assert weights == sorted(weights, reverse=True)
    assert 0 < len(features.terms) <= MAX_TERMS
    assert features.component == COMPONENT
    assert features.published_on == date(2021, 8, 8)
    assert features.source == "Outlet"


def test_features_are_deterministic_and_corpus_independent() -> None:
    article = make_article()
    first = describe_article(article, make_extraction(article))
    other = make_article("Talks in Doha resume between the two delegations.", identifier="b2")
    for _ in range(3):
        describe_article(other, None)  # other articles never change an article's stored features
    assert describe_article(article, make_extraction(article)) == first


def test_rare_names_weigh_more_than_common_words() -> None:
    article = make_article()
    weights = dict(describe_article(article, make_extraction(article)).terms)
    assert weights["kunduz"] > weights["city"]
    assert weights["place:1135689"] > weights["city"]
    assert rarity("kunduz") > rarity("city") > rarity("the")


def test_stop_words_and_possessives_are_left_out() -> None:
    assert list(tokenize("The governor's guards left for the airport.")) == [
        "governor", "guards", "left", "airport"]
    article = make_article()
    terms = dict(describe_article(article, None).terms)
    assert "the" not in terms
    assert "governor" in terms


def test_keys_are_few_specific_and_skip_countries() -> None:
    article = make_article()
    features = describe_article(article, make_extraction(article))
    assert 0 < len(features.keys) <= MAX_KEYS
    assert list(features.keys) == sorted(features.keys)
    assert "place:1135689" in features.keys
    assert "kunduz" in features.keys
    assert "place:1149361" not in features.keys  # a country is shared by the whole conflict
    assert "place:1149361" in dict(features.terms)


def test_title_is_the_given_one_or_the_first_line() -> None:
    assert describe_article(make_article(), None).title == "Fighters seize Kunduz after a long night"
    titled = make_article(title="Kunduz falls")
    features = describe_article(titled, None)
    assert features.title == "Kunduz falls"
    assert "falls" in dict(features.terms)  # a title apart from the text is read too
