"""An article about one country: namesakes abroad, short forms, Arabic articles, seats, in invented text."""

from __future__ import annotations

from pathlib import Path

import pytest
from geo_helpers import add_towns, city_record, fixture_sources

from sitrep.extract.nlp import load_model
from sitrep.geo.build import build_gazetteer
from sitrep.geo.extractor import PlaceExtractor
from sitrep.geo.gazetteer import Gazetteer
from sitrep.records import GeoEntry

# Namesakes abroad of Afghan and Syrian places, a Pakistani border town, and a Syrian city.
EXTRA_TOWNS: list[tuple[int, str, float, float, str, str, int]] = [
    (201, "Sarobi", 26.10, 85.30, "IN", "34", 3200),
    (202, "Landi Kotal", 34.0988, 71.1410, "PK", "03", 20000),
    (203, "Dayr az Zawr", 35.3359, 40.1408, "SY", "05", 242565),
    (204, "Homs", 34.7268, 36.7234, "SY", "11", 775404),
    (205, "Zawr", 29.44, 47.90, "KW", "02", 5750),
]
EXTRA_COUNTRIES = [
    {"geonameid": 1168579, "name": "Pakistan", "iso": "PK", "capital": "", "population": 212215030},
    {"geonameid": 163843, "name": "Syria", "iso": "SY", "capital": "", "population": 16906283},
    {"geonameid": 285570, "name": "Kuwait", "iso": "KW", "capital": "", "population": 4137309},
]


@pytest.fixture(scope="module")
def extract(tmp_path_factory: pytest.TempPathFactory) -> PlaceExtractor:
    """The component over the fixture gazetteer with the namesakes and their countries."""
    sources = fixture_sources()
    add_towns(sources, EXTRA_TOWNS, geocoded=True)
    sources.countries.extend(EXTRA_COUNTRIES)
    mazar = city_record(206, "Mazār-e Sharīf", 36.709, 67.110, "AF", "30", 523300, ["Mazar-i-Sharif"])
    sources.cities.append(mazar)
    sources.cities.append(city_record(207, "Al Mazār", 31.07, 35.70, "JO", "09", 6200, ["Mazar"]))
    path = Path(tmp_path_factory.mktemp("article-country")) / "gazetteer.sqlite"
    build_gazetteer(path, sources=sources)
    return PlaceExtractor(Gazetteer(path))


def places(extract: PlaceExtractor, text: str) -> dict[str, GeoEntry | None]:
    """Each mention's text and the entry it resolved to."""
    return {mention.text: mention.entry for mention in extract(load_model()(text), "t1")}


AFGHAN_STORY = (
    "Taliban fighters entered Kabul, Herat and Farah in Afghanistan on Friday, and the army left "
    "Jalalabad. Residents said the insurgents also reached the village of Sarobi. "
)


def test_a_small_namesake_abroad_is_left_unresolved(extract: PlaceExtractor) -> None:
    found = places(extract, AFGHAN_STORY)
    assert "Sarobi" in found
    assert found["Sarobi"] is None


def test_a_large_city_abroad_keeps_its_entry(extract: PlaceExtractor) -> None:
    found = places(extract, AFGHAN_STORY + "Diplomats met in Paris to discuss the crisis.")
    entry = found["Paris"]
    assert entry is not None and entry.country_code == "FR"


def test_a_small_place_abroad_near_the_story_keeps_its_entry(extract: PlaceExtractor) -> None:
    found = places(extract, AFGHAN_STORY + "Refugees crowded the road to Landi Kotal in the east.")
    entry = found["Landi Kotal"]
    assert entry is not None and entry.country_code == "PK"


def test_a_namesake_abroad_is_kept_when_the_article_is_about_no_one_country(extract: PlaceExtractor) -> None:
    found = places(extract, "Floods reached the village of Sarobi on Monday.")
    entry = found["Sarobi"]
    assert entry is not None and entry.country_code == "IN"


def test_a_short_form_takes_the_full_name_written_elsewhere(extract: PlaceExtractor) -> None:
    text = AFGHAN_STORY + "They took Mazar-i-Sharif on Saturday. Gunfire was heard in Mazar."
    found = places(extract, text)
    entry = found["Mazar"]
    assert entry is not None and entry.country_code == "AF"


def test_an_arabic_article_joins_the_parts_of_one_name(extract: PlaceExtractor) -> None:
    text = "Syrian rebels said on Friday they had entered Homs and Dayr az Zawr in Syria."
    found = places(extract, text)
    assert "Zawr" not in found
    entry = found["Dayr az Zawr"]
    assert entry is not None and entry.country_code == "SY"


def test_the_seat_of_a_division(extract: PlaceExtractor) -> None:
    gazetteer = extract.gazetteer
    division = next(e for e in gazetteer.candidates("Badakhshan") if e.feature_code == "ADM1")
    seat = gazetteer.admin1_seat(division)
    assert seat is not None and seat.name == "Fayzabad"
    assert gazetteer.admin1_seat(seat) is None


def test_a_name_without_a_capital_is_no_place(extract: PlaceExtractor) -> None:
    text = AFGHAN_STORY + "Fighters crossed to the west bank of the river near the village of sarobi."
    found = places(extract, text)
    assert found.get("sarobi") is None
