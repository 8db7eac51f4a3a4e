"""Recognising and resolving places in invented sentences, with the tiny fixture gazetteer."""

from __future__ import annotations

import pickle

import pytest
from geo_helpers import build_fixture_gazetteer

from sitrep.extract.nlp import load_model
from sitrep.geo.extractor import PlaceExtractor
from sitrep.geo.gazetteer import Gazetteer
from sitrep.records import PlaceMention


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The tiny fixture gazetteer, built once for the module."""
    return build_fixture_gazetteer(tmp_path_factory.mktemp("places"))


@pytest.fixture(scope="module")
def extract(gazetteer: Gazetteer) -> PlaceExtractor:
    """The component over the fixture gazetteer."""
    return PlaceExtractor(gazetteer)


def places(extract: PlaceExtractor, text: str) -> dict[str, PlaceMention]:
    """The place mentions of `text`, by surface text (the last one of each)."""
    return {mention.text: mention for mention in extract(load_model()(text), "a1")}


def test_mentions_carry_offsets_component_and_are_sorted(extract: PlaceExtractor) -> None:
    text = "Fighting spread from Kabul to Herat on Monday."
    mentions = extract(load_model()(text), "a1")
    assert [text[m.start : m.end] for m in mentions] == ["Kabul", "Herat"]
    assert all(m.component == "sitrep.places.gazetteer.v2" and m.article_id == "a1" for m in mentions)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_province_nearby_picks_the_afghan_faizabad(extract: PlaceExtractor) -> None:
    found = places(extract, "Fighters entered Faizabad after a week of clashes across Badakhshan.")
    entry = found["Faizabad"].entry
    assert entry is not None and (entry.country_code, entry.admin1_code) == ("AF", "01")


def test_state_nearby_picks_the_indian_faizabad(extract: PlaceExtractor) -> None:
    found = places(extract, "Pilgrims travelled from Lucknow to Faizabad in Uttar Pradesh.")
    entry = found["Faizabad"].entry
    assert entry is not None and entry.country_code == "IN"


def test_paris_next_to_texas_is_the_texan_town(extract: PlaceExtractor) -> None:
    texan = places(extract, "The storm hit Paris, Texas, and then moved toward Dallas.")["Paris"].entry
    french = places(extract, "The minister flew from Paris to Lyon for the summit.")["Paris"].entry
    assert texan is not None and texan.admin1_code == "TX"
    assert french is not None and french.country_code == "FR"


def test_province_word_makes_an_admin1_entry(extract: PlaceExtractor) -> None:
    found = places(extract, "Clashes were reported in Baghlan province on Tuesday.")
    mention = next(m for text, m in found.items() if text.startswith("Baghlan"))
    assert mention.entry is not None and mention.entry.feature_code == "ADM1"
    assert mention.geo_precision == 3


def test_geo_precision_follows_acled(extract: PlaceExtractor) -> None:
    town = places(extract, "Rockets struck Kabul overnight.")["Kabul"]
    near = places(extract, "Rockets struck a checkpoint near Kabul overnight.")["Kabul"]
    country = places(extract, "Rockets struck targets in Afghanistan overnight.")["Afghanistan"]
    assert (town.geo_precision, near.geo_precision, country.geo_precision) == (1, 2, 3)


def test_an_unknown_place_stays_unresolved_and_keeps_the_others(extract: PlaceExtractor) -> None:
    found = places(extract, "The militants took Zorabad district and then marched on Taloqan in Takhar.")
    assert found["Taloqan"].entry is not None and found["Taloqan"].entry.admin1_code == "26"
    unknown = next(m for text, m in found.items() if text.startswith("Zorabad"))
    assert unknown.entry is None and unknown.geo_precision == 2


def test_a_misspelling_resolves_within_the_article_country(extract: PlaceExtractor) -> None:
    found = places(extract, "In Afghanistan, the fighters also seized Pul-e Khumeri city in Baghlan.")
    misspelt = next(m for text, m in found.items() if text.startswith("Pul-e Khumeri"))
    assert misspelt.entry is not None and misspelt.entry.geonameid == 3


def test_a_misspelling_without_country_context_is_left_out(extract: PlaceExtractor) -> None:
    found = places(extract, "Officials met in Pul-e Khumeri yesterday.")
    assert not any(text.startswith("Pul-e Khumeri") for text in found)


def test_transliteration_variants_resolve(extract: PlaceExtractor) -> None:
    found = places(extract, "The group captured Taluqan and Pul-e-Khumri in northern Afghanistan.")
    assert found["Taluqan"].entry is not None and found["Taluqan"].entry.name == "Taloqan"
    assert found["Pul-e-Khumri"].entry is not None and found["Pul-e-Khumri"].entry.geonameid == 3


def test_a_place_tagged_as_a_person_is_still_a_place(extract: PlaceExtractor) -> None:
    text = "The Taliban captured Farah and Kabul braced for an attack."
    assert places(extract, text)["Farah"].entry is not None


def test_a_person_named_like_a_place_stays_a_person(extract: PlaceExtractor) -> None:
    text = "Governor Ahmad Farah said the roads to Kabul were closed. Farah said more troops were coming."
    assert "Farah" not in places(extract, text)


def test_places_nested_in_organisations_are_found(extract: PlaceExtractor) -> None:
    text = "A spokesman for the Kabul Police Department said the Herat University campus was closed."
    found = places(extract, text)
    assert "Kabul" in found and found["Kabul"].entry is not None and found["Kabul"].entry.country_code == "AF"


def test_demonyms_and_abbreviations_are_places(extract: PlaceExtractor) -> None:
    found = places(extract, "Afghan officials met U.S. envoys in Doha.")
    assert found["Afghan"].entry is not None and found["Afghan"].entry.country_code == "AF"
    assert found["U.S."].entry is not None and found["U.S."].entry.country_code == "US"
    assert found["Doha"].entry is not None and found["Doha"].entry.country_code == "QA"


def test_resolve_spans_uses_the_whole_document(extract: PlaceExtractor) -> None:
    text = "Faizabad was quiet. Later, fighting reached the Badakhshan border."
    [mention] = extract.resolve_spans(load_model()(text), [(0, 8)], "a2")
    assert mention.entry is not None and mention.entry.country_code == "AF"
    assert mention.start == 0 and mention.end == 8 and mention.article_id == "a2"


def test_the_component_pickles_for_worker_processes(extract: PlaceExtractor) -> None:
    clone = pickle.loads(pickle.dumps(extract.gazetteer))
    assert clone.candidates("Kabul")
