"""A region's reported state stands for its seat; a country's leading side names unnamed captors anywhere."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from test_fuse_control import ARMY, REBELS, TAKE, day, event

from sitrep.codec import to_jsonable
from sitrep.fuse.control import (
    Presumption,
    control_periods,
    control_place,
    division_presumption,
    town_place,
)
from sitrep.records import ControlBasis, Event, GeoEntry
from sitrep.run.control_update import PlaceFacts, update_control
from sitrep.store.base import ControlRow, FusedRow

STATEMENT = "Control statement"
PROVINCE = (2001, "Karvand Province", "Karvand", 36.0, 68.0)
SEAT = (1001, "Kunduz", "Kunduz", 36.73, 68.86)  # the seat of the province above, in these tests
VILLAGE = (3001, "Sarvan", "Kunduz", 36.5, 68.5)
GENERIC = "Unidentified rebel group"


def region_statement(event_id: str, when: date, holder: str) -> Event:
    """ "the <holder>-held Karvand province": a reported state at the region's level."""
    return event(event_id, STATEMENT, when, holder, place=PROVINCE, geo_precision=3)


def test_a_regions_state_is_kept_at_the_region_but_drives_no_town() -> None:
    stated = region_statement("s1", day(2), REBELS)
    assert control_place(stated) == PROVINCE[0]
    assert town_place(stated) is None
    assert control_place(replace(stated, sub_event_type=TAKE)) is None  # a capture of a region is no town's


def test_a_regions_state_before_the_seats_first_change_is_its_presumed_holder() -> None:
    stated = [region_statement("s1", day(2), GENERIC), region_statement("s2", day(3), REBELS)]
    assert division_presumption(stated, []) == Presumption(REBELS, ControlBasis.REPORTED)  # named first
    capture = event("c1", TAKE, day(1), REBELS, place=SEAT)
    assert division_presumption(stated, [capture]) is None  # told after the seat changed hands


class FakeSession:
    """The two calls control makes of a fusion session: fused events at a place, and its periods."""

    def __init__(self, events: Sequence[Event]) -> None:
        self.rows: dict[int, list[FusedRow]] = defaultdict(list)
        for item in events:
            place = control_place(item)
            assert place is not None
            self.rows[place].append(FusedRow(kind="event", record_id=item.event_id, group_id=item.event_id,
                                             data=json.dumps(to_jsonable(item)), place_id=place))
        self.control: dict[int, list[ControlRow]] = {}

    def fused_at_place(self, kind: str, place_id: int) -> list[FusedRow]:
        return list(self.rows.get(place_id, []))

    def replace_control(self, geonameid: int, rows: Sequence[ControlRow]) -> None:
        self.control[geonameid] = list(rows)


def seat_entry() -> GeoEntry:
    return GeoEntry(geonameid=SEAT[0], name=SEAT[1], latitude=SEAT[3], longitude=SEAT[4], country_code="AF",
                    country="Afghanistan", admin1_code="01", admin1=SEAT[2], feature_code="PPLA")


def facts() -> PlaceFacts:
    return PlaceFacts(seat=lambda place: place == SEAT[0],
                      entry=lambda place: seat_entry() if place == SEAT[0] else None,
                      seats=lambda code: [seat_entry()] if code == "AF" else [],
                      division=lambda place: PROVINCE[0] if place == SEAT[0] else None,
                      seat_of=lambda place: SEAT[0] if place == PROVINCE[0] else None)


def holders(session: FakeSession, place: int) -> list[tuple[str | None, str]]:
    return [(row.actor, json.loads(row.data)["basis"]) for row in session.control.get(place, [])]


def test_a_seat_no_town_report_speaks_of_is_held_by_its_regions_stated_holder() -> None:
    session = FakeSession([region_statement("s1", day(2), REBELS)])
    update_control(session, [PROVINCE[0]], facts())  # type: ignore[arg-type]
    assert holders(session, SEAT[0]) == [(REBELS, "reported")]
    assert PROVINCE[0] not in session.control  # the region itself gets no periods


def test_a_statement_about_the_town_outranks_its_regions() -> None:
    town = event("t1", STATEMENT, day(4), ARMY, place=SEAT)
    session = FakeSession([region_statement("s1", day(2), REBELS), town])
    update_control(session, [SEAT[0]], facts())  # type: ignore[arg-type]
    assert holders(session, SEAT[0]) == [(ARMY, "reported")]


def test_an_unnamed_captor_of_a_village_is_the_countrys_leading_side() -> None:
    seat_capture = event("c1", TAKE, day(3), REBELS, place=SEAT)
    village = event("c2", TAKE, day(5), GENERIC, place=VILLAGE)
    session = FakeSession([seat_capture, village])
    update_control(session, [VILLAGE[0]], facts())  # type: ignore[arg-type]
    assert [actor for actor, _ in holders(session, VILLAGE[0])] == [ARMY, REBELS]


def test_a_pro_government_allys_capture_is_the_states_own() -> None:
    syrian = [replace(event("a1", TAKE, day(4), "Hezbollah"), country="Syria", country_code="SY")]
    periods = control_periods(syrian, admin1_seat=True, presumed=Presumption("Military Forces of Syria"))
    assert [(p.actor, p.basis) for p in periods] == [("Military Forces of Syria", ControlBasis.EVIDENCED)]
