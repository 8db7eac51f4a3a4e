"""The analyst's control baseline: per country and per place, with errors that say the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.fuse.baseline import Baseline, load_baseline
from sitrep.records import ControlBasis, GeoEntry

NORTHTOWN = GeoEntry(geonameid=501, name="Northtown", latitude=1.0, longitude=2.0, country_code="XX",
                     country="Xland", feature_code="PPLA")


def resolve(name: str, country: str | None) -> int | None:
    """A gazetteer stand-in that knows one town."""
    return 501 if (name, country) == ("Northtown", "XX") else None


def test_a_baseline_names_places_and_country_holders(tmp_path: Path) -> None:
    path = tmp_path / "baseline.yaml"
    path.write_text("countries:\n  - country: xx\n    holder: Xland Army\n"
                    "places:\n  - place: Northtown\n    country: XX\n    holder: Northern Front\n"
                    "  - geonameid: 777\n    holder: Hill Militia\n", encoding="utf-8")
    baseline = load_baseline(path, resolve)
    assert baseline.places == {501: "Northern Front", 777: "Hill Militia"}
    place = baseline.presumption(NORTHTOWN, geonameid=501, seat=True, country_code="XX", country="Xland")
    assert place is not None and (place.actor, place.basis) == ("Northern Front", ControlBasis.BASELINE)
    seat = baseline.presumption(None, geonameid=502, seat=True, country_code="XX", country="Xland")
    assert seat is not None and seat.actor == "Xland Army"
    assert baseline.presumption(None, geonameid=503, seat=False, country_code="XX", country="Xland") is None


def test_without_a_baseline_the_government_holds_its_seats() -> None:
    seat = Baseline().presumption(NORTHTOWN, geonameid=501, seat=True, country_code="AF",
                                  country="Afghanistan")
    assert seat is not None
    assert (seat.actor, seat.basis) == ("Military Forces of Afghanistan", ControlBasis.PRESUMED)
    assert load_baseline("", resolve) == Baseline()


@pytest.mark.parametrize(("text", "message"), [
    ("places:\n  - place: Nowhere\n    holder: X\n", "gazetteer lacks"),
    ("places:\n  - place: Northtown\n    country: XX\n", "has no 'holder'"),
    ("towns: []\n", "must be a mapping"),
    ("places: [1, 2]\n", "list of mappings"),
    ("places: [unclosed\n", "cannot read"),
])
def test_a_bad_baseline_says_what_to_fix(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "baseline.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as raised:
        load_baseline(path, resolve)
    assert raised.value.fix
