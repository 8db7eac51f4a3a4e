"""A facility named in full ("Tarvo International Airport") is a place of its own, near its town."""

from __future__ import annotations

from sitrep.geo.entries import NameKind
from sitrep.geo.extractor import NEARBY, geo_precision
from sitrep.geo.gazetteer import NameMatch
from sitrep.geo.recognize import _is_area, _is_facility
from sitrep.geo.resolve import Resolution
from sitrep.geo.toponym import Toponym
from sitrep.records import GeoEntry

AIRPORT = GeoEntry(-7, "Tarvo International Airport", 36.1, 37.2, "TV", "Tarvonia",
                   feature_class="S", feature_code="AIRP")
TOWN = GeoEntry(7, "Tarvo", 36.2, 37.1, "TV", "Tarvonia")


def test_the_full_name_of_a_facility_is_taken_a_word_inside_it_is_not() -> None:
    assert _is_facility([NameMatch(AIRPORT, NameKind.NAME, "tarvo international airport")])
    assert not _is_facility([NameMatch(TOWN, NameKind.NAME, "tarvo")])
    assert not _is_facility([NameMatch(AIRPORT, NameKind.CODE, "tvx")])  # a code is no prose name
    assert not _is_area([NameMatch(AIRPORT, NameKind.NAME, "tarvo international airport")])


def test_a_facility_is_coded_near_its_town() -> None:
    name = AIRPORT.name
    toponym = Toponym(start=0, end=len(name), text=name, names=(name,))
    assert geo_precision(Resolution(toponym, AIRPORT, (AIRPORT,), 1.0)) == NEARBY
