"""Place names recognised by their extent and the cues around them, in invented sentences."""

from __future__ import annotations

import pytest
from geo_helpers import add_towns, fixture_sources

from sitrep.extract.nlp import load_model
from sitrep.geo.build import build_gazetteer
from sitrep.geo.extractor import PlaceExtractor
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.toponym import describe_span
from sitrep.records import PlaceMention

# Small towns (real names, coordinates and populations) that only a cue makes places.
SMALL_TOWNS = [
    (101, "Byesville", 39.9698, -81.5365, "US", "OH", 2438),
    (102, "Elbow Lake", 45.9941, -95.9767, "US", "MN", 1275),
    (103, "Grand Ledge", 42.7534, -84.7464, "US", "MI", 7786),
    (104, "Commerce", 34.2040, -83.4571, "US", "GA", 6544),
    (105, "Harmony", 40.8012, -80.1270, "US", "PA", 890),
]


@pytest.fixture(scope="module")
def extract(tmp_path_factory: pytest.TempPathFactory) -> PlaceExtractor:
    """The component over the fixture gazetteer plus a few small towns."""
    sources = fixture_sources()
    add_towns(sources, SMALL_TOWNS)
    path = tmp_path_factory.mktemp("cues") / "gazetteer.sqlite"
    build_gazetteer(path, sources=sources)
    return PlaceExtractor(Gazetteer(path))


def places(extract: PlaceExtractor, text: str) -> dict[str, PlaceMention]:
    """The place mentions of `text`, by surface text."""
    return {mention.text: mention for mention in extract(load_model()(text), "c1")}


def test_a_name_opened_by_new_is_kept_whole(extract: PlaceExtractor) -> None:
    found = places(extract, "The New Delhi Television network aired the interview on Sunday.")
    assert "New Delhi" in found and "Delhi" not in found
    entry = found["New Delhi"].entry
    assert entry is not None and entry.geonameid == 10


def test_a_state_opened_by_a_compass_word_is_kept_whole(extract: PlaceExtractor) -> None:
    found = places(extract, "Engineers of the West Virginia Division of Highways inspected the bridge.")
    entry = found["West Virginia"].entry
    assert entry is not None and entry.feature_code == "ADM1" and entry.admin1 == "West Virginia"


def test_a_compass_region_resolves_to_the_state_inside_it(extract: PlaceExtractor) -> None:
    found = places(extract, "Heavy storms moved across North Texas on Sunday night.")
    [(text, mention)] = found.items()
    assert text == "Texas" and mention.entry is not None and mention.entry.admin1 == "Texas"


def test_a_town_followed_by_city_resolves_to_the_town(extract: PlaceExtractor) -> None:
    found = places(extract, "The budget was approved by the Dallas City Council on Tuesday.")
    entry = found["Dallas"].entry
    assert entry is not None and entry.geonameid == 14


def test_a_lake_named_after_a_place_is_not_that_place(extract: PlaceExtractor) -> None:
    found = places(extract, "Boats sailed across Lake Kabul at dawn, witnesses said.")
    assert "Kabul" not in found


def test_a_capitalised_dateline_is_a_place(extract: PlaceExtractor) -> None:
    found = places(extract, "Barn fire. BYESVILLE — Firefighters spent the night at a burning barn.")
    entry = found["BYESVILLE"].entry
    assert entry is not None and entry.geonameid == 101


def test_a_legislators_home_after_the_party_letter_is_a_place(extract: PlaceExtractor) -> None:
    found = places(extract, "The bill was sponsored by Rep. Jane Roe, R-Elbow Lake, and two others.")
    entry = found["Elbow Lake"].entry
    assert entry is not None and entry.geonameid == 102


def test_a_town_naming_a_local_body_is_a_place(extract: PlaceExtractor) -> None:
    found = places(extract, "A spokesman for the Grand Ledge Police Department said the road was closed.")
    entry = found["Grand Ledge"].entry
    assert entry is not None and entry.geonameid == 103


def test_a_common_word_before_a_capitalised_area_word_is_no_place(extract: PlaceExtractor) -> None:
    text = "Shoppers crowded the Commerce District store and the Chamber of Commerce Mayor's lunch."
    found = places(extract, text)
    assert "Commerce" not in found


def test_names_listed_before_a_plural_area_word_are_places(extract: PlaceExtractor) -> None:
    text = "Flood warnings cover Byesville, Grand Ledge and Commerce townships this week."
    found = places(extract, text)
    assert {"Byesville", "Grand Ledge", "Commerce"} <= set(found)
    assert all(found[name].entry is not None for name in ("Byesville", "Grand Ledge", "Commerce"))


def test_a_list_gives_its_area_word_as_designator() -> None:
    doc = load_model()("Officials in Lamar, Fannin and Hunt counties closed schools.")
    start = doc.text.index("Fannin")
    assert describe_span(doc, start, start + len("Fannin")).wants() == "admin2"


def test_a_small_town_after_in_is_a_place(extract: PlaceExtractor) -> None:
    found = places(extract, "The fire started in Harmony before dawn.")
    entry = found["Harmony"].entry
    assert entry is not None and entry.geonameid == 105


def test_a_name_qualifying_a_noun_after_in_is_no_place(extract: PlaceExtractor) -> None:
    # "in X hands" says whose hands, not where (spaCy tags this Harmony a group, not a place).
    found = places(extract, "By the evening the bridge was in Harmony hands and the road was shut.")
    assert "Harmony" not in found
