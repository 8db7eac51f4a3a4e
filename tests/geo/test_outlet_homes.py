"""Outlet homes: what an article's local places weigh, what a home is learned from, how it tips a pick."""

from __future__ import annotations

import pytest

from sitrep.extract.nlp import load_model
from sitrep.geo.extractor import PlaceExtractor
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.outlets import (
    HOME_WEIGHT,
    MAX_DIVISIONS,
    MIN_ARTICLES,
    home_support,
    learn_home,
    local_places,
)
from sitrep.records import GeoEntry, HomeShare, OutletHome, PlaceMention


def town(geonameid: int, country: str, code: str, name: str, *, feature: str = "PPL") -> GeoEntry:
    """A gazetteer entry in the given division (coordinates do not matter here)."""
    feature_class = "P" if feature.startswith("PPL") else "A"
    return GeoEntry(geonameid, f"Town {geonameid}", 0.0, 0.0, country, country, code, name,
                    feature_class, feature)


def mention(entry: GeoEntry, *others: GeoEntry, score: float = 0.95) -> PlaceMention:
    """A resolved mention whose candidates are its entry and `others`."""
    return PlaceMention("a1", 0, 5, entry.name, "test", entry, (entry, *others), score)


OHIO = town(1, "US", "OH", "Ohio")
OHIO_TOO = town(2, "US", "OH", "Ohio")
TEXAS = town(3, "US", "TX", "Texas")
IRELAND = town(4, "IE", "L", "Leinster")


def test_an_unambiguous_town_counts_fully() -> None:
    assert local_places([mention(OHIO)]) == {("US", "OH", "Ohio"): 1.0}


def test_a_name_with_candidates_in_other_divisions_counts_a_share() -> None:
    # Candidates in Ohio, Texas and Leinster: the pick counts one third.
    found = local_places([mention(OHIO, OHIO_TOO, TEXAS, IRELAND)])
    assert found == {("US", "OH", "Ohio"): pytest.approx(1 / 3)}


def test_the_best_weight_of_a_division_is_kept() -> None:
    found = local_places([mention(OHIO, TEXAS), mention(OHIO_TOO)])
    assert found == {("US", "OH", "Ohio"): 1.0}


def test_areas_unsure_and_unresolved_mentions_are_not_local() -> None:
    state = town(5, "US", "OH", "Ohio", feature="ADM1")
    country = town(6, "US", "", "", feature="PCLI")
    unresolved = PlaceMention("a1", 0, 5, "Nowhere", "test", None, (), 0.0)
    assert local_places([mention(state), mention(country), mention(OHIO, score=0.4), unresolved]) == {}


def test_a_county_is_local() -> None:
    county = town(7, "US", "TX", "Texas", feature="ADM2")
    assert local_places([mention(county)]) == {("US", "TX", "Texas"): 1.0}


def test_a_home_needs_enough_articles_with_local_places() -> None:
    ohio = {("US", "OH", "Ohio"): 1.0}
    assert learn_home("Valley Courier", [ohio] * (MIN_ARTICLES - 1) + [{}] * 5) is None
    home = learn_home("Valley Courier", [ohio] * MIN_ARTICLES)
    assert home is not None and home.articles == MIN_ARTICLES


def test_a_home_gives_weighted_shares_best_first() -> None:
    articles = [
        {("US", "OH", "Ohio"): 1.0},
        {("US", "OH", "Ohio"): 1.0, ("US", "TX", "Texas"): 0.5},
        {("US", "OH", "Ohio"): 0.5},
        {("IE", "L", "Leinster"): 0.5},
    ]
    home = learn_home("Valley Courier", articles)
    assert home == OutletHome(
        outlet="Valley Courier",
        articles=4,
        weight=3.0,
        countries=(HomeShare("US", round(2.5 / 3, 4)), HomeShare("IE", round(0.5 / 3, 4))),
        admin1=(
            HomeShare("US", round(2.5 / 3, 4), "OH", "Ohio"),
            HomeShare("IE", round(0.5 / 3, 4), "L", "Leinster"),
            HomeShare("US", round(0.5 / 3, 4), "TX", "Texas"),
        ),
    )


def test_small_shares_and_extra_divisions_are_dropped() -> None:
    # One article in each of many divisions: every share is under the floor.
    spread = [{("US", f"S{number}", f"State {number}"): 1.0} for number in range(MAX_DIVISIONS + 10)]
    home = learn_home("Wire", spread)
    assert home is not None and home.admin1 == () and home.countries == (HomeShare("US", 1.0),)
    many = [{("US", f"S{number}", f"State {number}"): 1.0 for number in range(MAX_DIVISIONS + 2)}] * 3
    home = learn_home("Wire", many)
    assert home is not None and len(home.admin1) == MAX_DIVISIONS


def test_a_home_lends_its_shares_times_the_weight() -> None:
    ohio = HomeShare("US", 0.25, "OH", "Ohio")
    home = OutletHome("Valley Courier", 4, 4.0, (HomeShare("US", 0.5),), (ohio,))
    assert home_support(home) == ({"US": HOME_WEIGHT * 0.5}, {("US", "OH"): HOME_WEIGHT * 0.25})
    assert home_support(None) == ({}, {})


TEXAS_HOME = OutletHome(
    "Lamar Ledger", 6, 6.0, (HomeShare("US", 1.0),), (HomeShare("US", 1.0, "TX", "Texas"),)
)
KABUL_HOME = OutletHome(
    "Kabul Ledger", 6, 6.0, (HomeShare("AF", 1.0),), (HomeShare("AF", 1.0, "13", "Kabul"),)
)


def paris(gazetteer: Gazetteer, text: str, home: OutletHome | None) -> GeoEntry:
    """What the first "Paris" of `text` resolves to for an article of an outlet with `home`."""
    found = [m for m in PlaceExtractor(gazetteer)(load_model()(text), "h1", home=home) if m.text == "Paris"]
    assert found and found[0].entry is not None
    return found[0].entry


LONE_PARIS = "Crews worked through the night after the storm hit Paris, officials said on Monday."


def test_a_lone_name_takes_the_large_place_without_a_home(small_gazetteer: Gazetteer) -> None:
    assert paris(small_gazetteer, LONE_PARIS, None).country_code == "FR"


def test_a_local_outlets_home_settles_a_lone_name(small_gazetteer: Gazetteer) -> None:
    entry = paris(small_gazetteer, LONE_PARIS, TEXAS_HOME)
    assert (entry.country_code, entry.admin1_code) == ("US", "TX")


def test_the_text_still_wins_over_the_home(small_gazetteer: Gazetteer) -> None:
    text = "Crews worked through the night after the storm hit Paris, France, officials said on Monday."
    assert paris(small_gazetteer, text, TEXAS_HOME).country_code == "FR"


def test_a_home_without_a_candidate_changes_nothing(small_gazetteer: Gazetteer) -> None:
    assert paris(small_gazetteer, LONE_PARIS, KABUL_HOME).country_code == "FR"


def test_one_division_is_one_place_whatever_name_its_entries_give_it() -> None:
    unnamed = GeoEntry(8, "Town 8", 0.0, 0.0, "US", "US", "OH", "", "A", "ADM2")
    assert local_places([mention(unnamed), mention(OHIO)]) == {("US", "OH", "Ohio"): 1.0}
