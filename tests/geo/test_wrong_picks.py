"""Rules against wrong picks: namesake towns, state demonyms and lists of states, in invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from geo_helpers import add_towns, fixture_sources

from sitrep.extract.nlp import load_model
from sitrep.geo.build import build_gazetteer
from sitrep.geo.extractor import PlaceExtractor
from sitrep.geo.gazetteer import Gazetteer
from sitrep.records import GeoEntry

# Extra towns: a West Virginian town named after another state, an Ohio town named after a country,
# and the places that give the two Georgias their context.
EXTRA_TOWNS: list[tuple[int, str, float, float, str, str, int]] = [
    (101, "Texas", 38.40, -81.50, "US", "WV", 3000),
    (102, "Qatar", 39.96, -82.99, "US", "OH", 2500),
    (103, "Columbus", 39.9612, -82.9988, "US", "OH", 850000),
    (104, "Tbilisi", 41.6941, 44.8337, "GE", "04", 1049498),
    (105, "Atlanta", 33.7490, -84.3880, "US", "GA", 5000000),
]
EXTRA_STATES = [
    {"code": "OH", "name": "Ohio", "fips": "39", "geonameid": 5165418},
    {"code": "GA", "name": "Georgia", "fips": "13", "geonameid": 4197000},
]


@pytest.fixture(scope="module")
def extract(tmp_path_factory: pytest.TempPathFactory) -> PlaceExtractor:
    """The component over the fixture gazetteer with the extra towns, states and Georgia."""
    sources = fixture_sources()
    add_towns(sources, EXTRA_TOWNS, geocoded=True)
    sources.countries.append(
        {"geonameid": 614540, "name": "Georgia", "iso": "GE", "capital": "Tbilisi", "population": 3731000}
    )
    sources.us_states.extend(EXTRA_STATES)
    path = Path(tmp_path_factory.mktemp("picks")) / "gazetteer.sqlite"
    build_gazetteer(path, sources=sources)
    return PlaceExtractor(Gazetteer(path))


def entry_of(extract: PlaceExtractor, text: str, name: str) -> GeoEntry:
    """The entry the mention `name` of `text` resolved to (fails when unresolved)."""
    found = {mention.text: mention.entry for mention in extract(load_model()(text), "t1")}
    entry = found[name]
    assert entry is not None, f"{name} unresolved in {text!r}"
    return entry


def test_a_country_name_near_a_namesake_town_is_the_country(extract: PlaceExtractor) -> None:
    entry = entry_of(
        extract, "Officials in Columbus, Ohio, said the shipment from Qatar arrived late.", "Qatar"
    )
    assert (entry.feature_code, entry.country_code) == ("PCLI", "QA")


def test_a_state_name_near_a_namesake_town_is_the_state(extract: PlaceExtractor) -> None:
    entry = entry_of(
        extract, "Crews from Charleston, West Virginia, were sent to Texas after the storm.", "Texas"
    )
    assert (entry.feature_code, entry.admin1_code) == ("ADM1", "TX")


def test_a_namesake_town_still_wins_with_its_state_named_after_it(extract: PlaceExtractor) -> None:
    entry = entry_of(extract, "The post office in Qatar, Ohio, closed on Friday.", "Qatar")
    assert (entry.country_code, entry.admin1_code, entry.feature_class) == ("US", "OH", "P")


def test_two_states_in_a_row_are_a_list_not_a_town_in_a_state(extract: PlaceExtractor) -> None:
    entry = entry_of(extract, "Prices rose in Texas, West Virginia and Ohio this spring.", "Texas")
    assert (entry.feature_code, entry.admin1_code) == ("ADM1", "TX")


def test_a_shared_demonym_means_the_country_without_the_state_in_context(extract: PlaceExtractor) -> None:
    entry = entry_of(
        extract, "The Georgian foreign minister met officials in Washington on Monday.", "Georgian"
    )
    assert (entry.feature_code, entry.country_code) == ("PCLI", "GE")


def test_a_shared_demonym_means_the_state_when_the_state_is_in_context(extract: PlaceExtractor) -> None:
    text = "Georgian voters lined up in Atlanta, where officials across Georgia expected a record turnout."
    entry = entry_of(extract, text, "Georgian")
    assert (entry.country_code, entry.admin1_code) == ("US", "GA")
