"""Stories: the pair test, syndicated copies, and splitting a group into stories."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from sitrep.fuse.features import describe_article
from sitrep.fuse.stories import (
    COMPONENT,
    WINDOW_DAYS,
    are_linked,
    cluster_stories,
    is_copy,
    similarity,
)
from sitrep.records import Article, ArticleFeatures, Extraction, GeoEntry, PlaceMention

PLACES = {
    "Kunduz": GeoEntry(1135689, "Kunduz", 36.73, 68.86, "AF", "Afghanistan"),
    "Sheberghan": GeoEntry(1127110, "Sheberghan", 36.67, 65.75, "AF", "Afghanistan"),
    "Jowzjan": GeoEntry(1138336, "Jowzjan", 36.75, 65.83, "AF", "Afghanistan", feature_class="A"),
    "Afghanistan": GeoEntry(1149361, "Afghanistan", 33.0, 66.0, "AF", "Afghanistan", feature_class="A"),
}

KUNDUZ_A = (
    "Fighters seize Kunduz after three days of clashes\n"
    "Insurgent fighters took the northern city of Kunduz on Sunday after three days of clashes with "
    "army units, a provincial council member said. Soldiers pulled back to the airport south of "
    "Kunduz, and the fighters raised their flag over the governor's compound."
)
KUNDUZ_B = (
    "Kunduz falls as army units retreat to the airport\n"
    "The army abandoned Kunduz on Sunday and regrouped at the airport, residents of the northern city "
    "said, after insurgent fighters stormed the governor's compound. Clashes had gone on for three days "
    "around Kunduz, a trade hub on the road to the border."
)
KUNDUZ_C = (
    "Insurgents hold Kunduz governor's compound\n"
    "Insurgents were in control of the governor's compound in Kunduz on Sunday evening, a council "
    "member said by phone from the airport, where the army units had retreated after three days of "
    "clashes in the northern city of Afghanistan."
)
SHEBERGHAN_A = (
    "Fighters enter Sheberghan, capital of Jowzjan\n"
    "Insurgent fighters entered Sheberghan, the capital of Jowzjan province, on Friday and took the "
    "police headquarters, the deputy governor said. Officials of Jowzjan fled toward the airport as "
    "the fighters moved in from the south of Sheberghan."
)
SHEBERGHAN_B = (
    "Sheberghan police headquarters taken\n"
    "The police headquarters of Sheberghan fell to insurgent fighters on Friday, a deputy governor of "
    "Jowzjan said, and officials left the city for the airport. The fighters came from the south."
)
SHEBERGHAN_C = (
    "Jowzjan capital Sheberghan overrun\n"
    "Sheberghan, capital of the Jowzjan province, was overrun by insurgent fighters on Friday, "
    "according to the deputy governor, who said officials fled toward the airport after the police "
    "headquarters was lost."
)


def make_features(
    identifier: str, text: str, *, day: date | None = date(2021, 8, 8), source: str | None = "Outlet A",
    title: str | None = None,
) -> ArticleFeatures:
    """Features of an article whose places are found by name in its text."""
    article = Article(id=identifier, text=text, title=title, source=source, published_at=day)
    places = tuple(
        PlaceMention(identifier, text.index(name), text.index(name) + len(name), name, "test.places",
                     entry=entry)
        for name, entry in PLACES.items()
        if name in text
    )
    return describe_article(article, Extraction(identifier, ("test",), places=places))


def kunduz_reports() -> list[ArticleFeatures]:
    return [
        make_features("k1", KUNDUZ_A, source="Outlet A"),
        make_features("k2", KUNDUZ_B, source="Outlet B"),
        make_features("k3", KUNDUZ_C, source="Outlet C", day=date(2021, 8, 9)),
    ]


def sheberghan_reports() -> list[ArticleFeatures]:
    friday = date(2021, 8, 6)
    return [
        make_features("s1", SHEBERGHAN_A, source="Outlet A", day=friday),
        make_features("s2", SHEBERGHAN_B, source="Outlet D", day=friday),
        make_features("s3", SHEBERGHAN_C, source="Outlet B", day=date(2021, 8, 7)),
    ]


def test_same_story_from_two_outlets_is_linked() -> None:
    first, second, _ = kunduz_reports()
    assert are_linked(first, second)
    assert are_linked(second, first)
    assert similarity(first, second) == similarity(second, first)


def test_captures_of_different_towns_on_different_days_are_not_linked() -> None:
    kunduz, sheberghan = kunduz_reports()[0], sheberghan_reports()[0]
    assert not are_linked(kunduz, sheberghan)
    assert not are_linked(sheberghan, kunduz)


def test_articles_further_apart_than_the_window_are_never_linked() -> None:
    first = make_features("k1", KUNDUZ_A, day=date(2021, 8, 8))
    later = make_features("k9", KUNDUZ_A, day=date(2021, 8, 9 + WINDOW_DAYS))
    undated = make_features("k0", KUNDUZ_A, day=None)
    assert not are_linked(first, later)
    assert are_linked(first, undated)  # an unknown day sets no limit


def test_syndicated_copy_is_detected_and_a_rewrite_is_not() -> None:
    wire = make_features("w1", KUNDUZ_A, source="Outlet A")
    copy = make_features("w2", KUNDUZ_A.replace("on Sunday", "on Sunday (Aug 8)"), source="Outlet E",
                         day=date(2021, 8, 9))
    assert is_copy(wire, copy)
    assert is_copy(copy, wire)
    kunduz_rewrite = kunduz_reports()[1]
    assert not is_copy(wire, kunduz_rewrite)
    first, _, close_rewrite = sheberghan_reports()
    assert similarity(first, close_rewrite) > 0.8  # the same facts in nearly the same words
    assert not is_copy(first, close_rewrite)


def test_group_splits_into_the_two_incidents() -> None:
    stories = cluster_stories([*kunduz_reports(), *sheberghan_reports()])
    assert [story.article_ids for story in stories] == [("s1", "s2", "s3"), ("k1", "k2", "k3")]


def test_clusters_depend_only_on_the_set_of_articles() -> None:
    group = [*kunduz_reports(), *sheberghan_reports()]
    expected = cluster_stories(group)
    for seed in range(8):
        shuffled = list(group)
        random.Random(seed).shuffle(shuffled)
        assert cluster_stories(shuffled) == expected
    assert cluster_stories([*group, group[0]]) == expected  # a repeated article counts once


def test_story_fields_follow_the_earliest_member() -> None:
    undated = make_features("k0", KUNDUZ_B, day=None, source=None)
    stories = cluster_stories([*kunduz_reports(), undated])
    assert len(stories) == 1
    story = stories[0]
    assert story.story_id == "S-k1"
    assert story.title == "Fighters seize Kunduz after three days of clashes"
    assert story.article_ids == ("k1", "k2", "k3", "k0")  # by (day, id), unknown day last
    assert story.sources == ("Outlet A", "Outlet B", "Outlet C")
    assert (story.first_day, story.last_day) == (date(2021, 8, 8), date(2021, 8, 9))
    assert story.component == COMPONENT


def test_window_is_kept_inside_a_group() -> None:
    first = make_features("k1", KUNDUZ_A, day=date(2021, 8, 8))
    later = replace(first, article_id="k9", published_on=date(2021, 9, 30))
    stories = cluster_stories([first, later])
    assert [story.article_ids for story in stories] == [("k1",), ("k9",)]


def test_empty_and_single_groups() -> None:
    assert cluster_stories([]) == []
    (single,) = cluster_stories([make_features("k1", KUNDUZ_A)])
    assert single.article_ids == ("k1",)
    assert single.story_id == "S-k1"
