"""Corrections as constraints: an event's fields set with the machine's kept, analyst periods laid over."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sitrep.fuse.corrections import apply_to_event, apply_to_periods, unreliable_articles
from sitrep.records import (
    CodedEvent,
    ControlBasis,
    ControlPeriod,
    ControlState,
    Correction,
    CorrectionField,
    Event,
    GeoEntry,
    Modality,
)

NOW = datetime(2026, 12, 7, tzinfo=UTC)
HERAT = GeoEntry(1139715, "Herāt", 34.35, 62.20, "AF", "Afghanistan", "11", "Herat", "P", "PPLA", 272806)


def event(**fields: object) -> Event:
    base: dict[str, object] = {
        "event_id": "e1", "component": "t", "event_type": "Strategic developments",
        "sub_event_type": "Non-state actor overtakes territory", "modality": Modality.ASSERTED,
        "confidence": 0.8, "event_date": date(2021, 8, 10), "time_precision": 2, "actor1": "Taliban",
        "actor1_type": "Rebel group", "actor2": None, "actor2_type": None, "country": "Afghanistan",
        "country_code": "AF", "admin1": "Kunduz", "location": "Kunduz", "geonameid": 1135689,
        "latitude": 36.7, "longitude": 68.8, "geo_precision": 1, "fatalities": None, "sources": ("A",),
        "independent_sources": 1, "mentions": ()}
    base.update(fields)
    return Event(**base)  # type: ignore[arg-type]


def correction(field: CorrectionField, value: str, *, correction_id: int = 1, target: str = "e1",
               **fields: object) -> Correction:
    return Correction(correction_id=correction_id, target=target, field=field, value=value,
                      machine_value=None, author="ana", reason="AFP says so", created_at=NOW,
                      **fields)  # type: ignore[arg-type]


def period(actor: str, start: date, end: date | None, basis: ControlBasis = ControlBasis.EVIDENCED
           ) -> ControlPeriod:
    return ControlPeriod(geonameid=7, place="Kunduz", country="Afghanistan", country_code="AF",
                         admin1="Kunduz", latitude=36.7, longitude=68.8, admin1_seat=True,
                         state=ControlState.CONTROLLED, actor=actor, start=start, end=end, event_ids=("e1",),
                         sources=("A",), corroborated=False, basis=basis)


def test_a_date_correction_sets_the_day_and_keeps_the_machine_value() -> None:
    fixed = apply_to_event(event(), [correction(CorrectionField.EVENT_DATE, "2021-08-12")])
    assert fixed.event_date == date(2021, 8, 12) and fixed.time_precision == 1
    assert fixed.corrected and not fixed.rejected
    [applied] = fixed.corrections
    assert (applied.field, applied.machine_value, applied.value, applied.author, applied.reason) == (
        CorrectionField.EVENT_DATE, "2021-08-10", "2021-08-12", "ana", "AFP says so")


def test_place_actor_type_and_rejection() -> None:
    fixed = apply_to_event(event(), [
        correction(CorrectionField.PLACE, "1139715", place=HERAT),
        correction(CorrectionField.ACTOR1, "Military Forces of Afghanistan", correction_id=2,
                   value_type="State forces"),
        correction(CorrectionField.SUB_EVENT_TYPE, "Armed clash", correction_id=3, value_type="Battles"),
        correction(CorrectionField.REJECTED, "rejected", correction_id=4)])
    assert (fixed.location, fixed.geonameid, fixed.admin1) == ("Herāt", 1139715, "Herat")
    assert (fixed.actor1, fixed.actor1_type) == ("Military Forces of Afghanistan", "State forces")
    assert (fixed.event_type, fixed.sub_event_type) == ("Battles", "Armed clash")
    assert fixed.rejected and [item.correction_id for item in fixed.corrections] == [1, 2, 3, 4]


def test_corrections_of_other_events_and_undone_ones_change_nothing() -> None:
    other = correction(CorrectionField.EVENT_DATE, "2021-08-12", target="e2")
    undone = correction(CorrectionField.EVENT_DATE, "2021-08-13", undone_at=NOW)
    assert apply_to_event(event(), [other, undone]) == event()


def test_an_anchor_finds_the_event_after_its_id_changed() -> None:
    mention = CodedEvent("art", 5, 12, "captured", "t", "Strategic developments", "x", Modality.ASSERTED, 0.8,
                         None, None, None, None, None, None, None, None, None, None, None, None, None, None,
                         None, None, 0, 10, "")
    moved = event(event_id="e9", mentions=(mention,))
    anchored = correction(CorrectionField.EVENT_DATE, "2021-08-12", anchors=("art:5:12",))
    fixed = apply_to_event(moved, [anchored])
    assert fixed.event_date == date(2021, 8, 12)


def test_an_analyst_period_overrides_the_machine_for_its_days() -> None:
    machine = [period("Military Forces of Afghanistan", date.min, date(2021, 8, 8), ControlBasis.PRESUMED),
               period("Taliban", date(2021, 8, 8), None)]
    periods = apply_to_periods(7, machine, [correction(
        CorrectionField.CONTROL, "Taliban", target="7", start=date(2021, 8, 6), end=date(2021, 8, 9))])
    assert [(p.actor, p.start, p.end, p.basis) for p in periods] == [
        ("Military Forces of Afghanistan", date.min, date(2021, 8, 6), ControlBasis.PRESUMED),
        ("Taliban", date(2021, 8, 6), date(2021, 8, 9), ControlBasis.CORRECTED),
        ("Taliban", date(2021, 8, 9), None, ControlBasis.EVIDENCED)]
    note = periods[1].correction
    assert note is not None and note.author == "ana"
    assert note.machine_value == (
        "Military Forces of Afghanistan, presumed; Taliban, evidenced, from 2021-08-08")


def test_a_period_at_a_place_with_no_machine_period_uses_the_entry() -> None:
    periods = apply_to_periods(HERAT.geonameid, [], [correction(
        CorrectionField.CONTROL, "", target=str(HERAT.geonameid), start=date(2021, 8, 1), place=HERAT)])
    assert [(p.place, p.state, p.actor, p.admin1_seat) for p in periods] == [
        ("Herāt", ControlState.UNKNOWN, None, True)]


def test_unreliable_articles() -> None:
    marked = [correction(CorrectionField.UNRELIABLE, "unreliable", target="a1"),
              correction(CorrectionField.UNRELIABLE, "x", target="a2", undone_at=NOW)]
    assert unreliable_articles(marked) == {"a1"}
