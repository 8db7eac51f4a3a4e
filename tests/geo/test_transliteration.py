"""Transliteration keys: romanisations of one Persian or Arabic name meet when no exact key does."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from geo_helpers import city_record, fixture_sources

from sitrep.geo.build import build_gazetteer
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.normalize import article_variants, name_key, transliteration_key
from sitrep.geo.resolve import Resolver
from sitrep.geo.toponym import Toponym


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Feroz Koh", "Fayrōz Kōh"),
        ("Firoz Koh", "Firozkoh"),
        ("Qala-i-Naw", "Qal'eh-ye Now"),
        ("Jalalobod", "Jalal Abad"),
        ("Dayr az Zawr", "Deir ez-Zor"),
        ("Al-Raqqa", "Raqqah"),
        ("Nilli", "Nili"),
        ("Qandahar", "Kandahar"),
        ("Maidan Vardak", "Maydan Wardak"),
        ("Tel Zarqa", "Tall Zarqa"),
        ("Tell Zarqa", "Tal Zarqa"),
    ],
)
def test_romanisations_share_a_transliteration_key(one: str, other: str) -> None:
    assert transliteration_key(name_key(one)) == transliteration_key(name_key(other)) != ""


def test_different_names_keep_different_keys() -> None:
    assert transliteration_key(name_key("Herat")) != transliteration_key(name_key("Harat Kuh"))
    assert transliteration_key(name_key("Kabul")) != transliteration_key(name_key("Kobuleti"))
    # Too short to be told apart from other names.
    assert transliteration_key(name_key("Ab")) == ""


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The fixture gazetteer with a Ghor seat spelt one way and an Iranian namesake spelt another."""
    folder = tmp_path_factory.mktemp("transliteration")
    sources = fixture_sources()
    cities = [
        *sources.cities,
        city_record(601, "Fayrōz Kōh", 34.52, 65.25, "AF", "10", 15000),
        city_record(602, "Fīrūzkūh", 35.76, 52.77, "IR", "26", 17453),
        city_record(603, "Al Zarqubi", 36.10, 40.20, "SY", "04", 52000),
        city_record(604, "Ar Rimal", 35.20, 39.10, "SY", "04", 31000),
        city_record(605, "Kafr Tala", 35.90, 36.60, "SY", "10", 12000),
    ]
    build_gazetteer(folder / "g.sqlite", sources=dataclasses.replace(sources, cities=cities))
    return Gazetteer(folder / "g.sqlite")


def test_an_exact_key_wins_over_transliteration_variants(gazetteer: Gazetteer) -> None:
    matches = gazetteer.matches("Fayroz Koh")
    assert [match.entry.geonameid for match in matches] == [601]
    assert not matches[0].transliterated


def test_a_name_with_no_exact_key_finds_its_variants(gazetteer: Gazetteer) -> None:
    matches = gazetteer.matches("Feroz Koh")
    assert {match.entry.geonameid for match in matches} == {601, 602}
    assert all(match.transliterated for match in matches)


def test_a_variant_lands_in_the_country_the_article_is_about(gazetteer: Gazetteer) -> None:
    resolver = Resolver(gazetteer)
    text = "Kabul sent troops to Herat and to Feroz Koh while Farah held."
    toponyms = [
        Toponym(text.index(name), text.index(name) + len(name), name, (name,))
        for name in ("Kabul", "Herat", "Feroz Koh", "Farah")
    ]
    resolved = {resolution.toponym.text: resolution.entry for resolution in resolver.resolve(toponyms)}
    feroz = resolved["Feroz Koh"]
    assert feroz is not None and feroz.geonameid == 601


def test_a_town_before_airport_is_looked_up_as_its_airport(tmp_path: Path) -> None:
    from sitrep.extract.nlp import load_model
    from sitrep.geo.toponym import describe_span

    doc = load_model()("Flights left Kabul airport at dawn.")
    start = doc.text.index("Kabul")
    toponym = describe_span(doc, start, start + len("Kabul"))
    assert toponym.wants() == "airport"
    assert toponym.names[0] == "Kabul airport"


def test_a_datelines_place_is_marked() -> None:
    from sitrep.extract.nlp import load_model
    from sitrep.geo.toponym import describe_span

    doc = load_model()("KABUL — Fighting reached Kabul again on Monday.")
    first, second = doc.text.index("KABUL"), doc.text.index("Kabul ")
    assert describe_span(doc, first, first + 5).dateline
    assert not describe_span(doc, second, second + 5).dateline


def test_a_dateline_lends_more_support_than_a_name_in_the_text(gazetteer: Gazetteer) -> None:
    from sitrep.geo.resolve import DATELINE_WEIGHT, Group, Option, Support

    kabul = gazetteer.candidates("Kabul")[0]

    def country_support(dateline: bool) -> float:
        group = Group(Toponym(0, 5, "KABUL", ("KABUL",), dateline=dateline))
        group.options = [Option(kabul, gazetteer.matches("Kabul")[0].kind, 5.0, 5.0)]
        return Support.from_groups([group]).countries["AF"]

    assert country_support(True) == pytest.approx(DATELINE_WEIGHT * country_support(False))


def test_article_variants_take_the_article_off_or_put_it_on() -> None:
    assert article_variants("al zarqubi") == ["zarqubi"]
    assert article_variants("kafr tala") == ["al kafr tala"]  # "k" is a moon letter
    assert article_variants("rimal") == ["al rimal", "ar rimal"]  # "r" is a sun letter
    assert article_variants("shaddadi") == ["al shaddadi", "ash shaddadi"]
    assert article_variants("al") == []
    assert article_variants("12 mile") == []


@pytest.mark.parametrize(
    ("written", "geonameid"),
    [("Zarqubi", 603), ("Rimal", 604), ("Ar-Rimal", 604), ("al-Kafr Tala", 605)],
)
def test_a_name_written_with_or_without_the_article_is_an_exact_match(
    gazetteer: Gazetteer, written: str, geonameid: int
) -> None:
    matches = gazetteer.matches(written)
    assert [match.entry.geonameid for match in matches] == [geonameid]
    assert not matches[0].transliterated  # recognition may take it as a place in running text
    assert gazetteer.has_key(name_key(written))


def test_the_article_variant_is_no_match_for_a_name_that_exists_as_written(gazetteer: Gazetteer) -> None:
    assert not gazetteer.has_key(name_key("Zarqubis"))
