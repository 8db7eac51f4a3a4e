"""An analyst's corrections applied to fused records: constraints fusion honours on every run.

Pure functions over records. `apply_to_event` sets the corrected fields of an event (or marks it
rejected) and keeps the machine's values beside them; `apply_to_periods` lets an analyst's control
period override the machine's for its days; `unreliable_articles` names the articles whose mentions
fusion leaves out. A correction finds its event by id, or by one of the mentions the event had when
it was corrected (an event's id changes when an earlier report joins it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import TypeVar

from sitrep.records import (
    AppliedCorrection,
    ControlBasis,
    ControlPeriod,
    ControlState,
    Correction,
    CorrectionField,
    Event,
    GeoEntry,
)

T = TypeVar("T")

COMPONENT = "sitrep.fuse.corrections.v1"
# Fields of an event an analyst may correct.
EVENT_FIELDS = frozenset({CorrectionField.REJECTED, CorrectionField.EVENT_DATE, CorrectionField.PLACE,
                          CorrectionField.ACTOR1, CorrectionField.ACTOR2, CorrectionField.SUB_EVENT_TYPE})
# ACLED's time precision of a day given by an analyst, and the geo precision of a town and of an area.
DAY_PRECISION = 1
TOWN_PRECISION = 1
AREA_PRECISION = 3
# GeoNames codes of an admin-1 seat (as `geo.gazetteer.is_admin1_seat`; not imported: no gazetteer here).
SEAT_CODES = frozenset({"PPLA", "PPLC"})


def mention_keys(event: Event) -> tuple[str, ...]:
    """The keys (article:start:end:geonameid) of the event's mentions: what a correction anchors on.

    The place is part of the key because one trigger can code several events ("took Qalat, Tarinkot
    and Fayroz Koh"): without it a correction of one would bear on all of them. A mention with no
    place keeps the shorter key (article:start:end).
    """
    return tuple(dict.fromkeys(_mention_key(m.article_id, m.trigger_start, m.trigger_end, m.geonameid)
                               for m in event.mentions))


def _mention_key(article_id: str, start: int, end: int, geonameid: int | None) -> str:
    key = f"{article_id}:{start}:{end}"
    return key if geonameid is None else f"{key}:{geonameid}"


def corrections_of_event(event: Event, corrections: Iterable[Correction]) -> list[Correction]:
    """The active event corrections that bear on `event`, oldest first."""
    keys = set(mention_keys(event))
    return sorted((item for item in corrections if item.active and item.field in EVENT_FIELDS
                   and (item.target == event.event_id or keys.intersection(item.anchors))),
                  key=lambda item: item.correction_id)


def apply_to_event(event: Event, corrections: Iterable[Correction]) -> Event:
    """`event` with the analyst's corrections that bear on it, each noted with the machine's value."""
    applied: list[AppliedCorrection] = []
    for correction in corrections_of_event(event, corrections):
        machine = machine_value(event, correction.field)
        event = _corrected(event, correction)
        applied.append(AppliedCorrection(correction_id=correction.correction_id, field=correction.field,
                                         machine_value=machine, value=correction.value,
                                         author=correction.author, reason=correction.reason))
    if not applied:
        return event
    return replace(event, corrections=tuple(applied))


def corrected_cluster(cluster: Callable[[Sequence[T]], list[Event]], corrections: Sequence[Correction]
                      ) -> Callable[[Sequence[T]], list[Event]]:
    """`cluster` (the events stage's) with the corrections applied to every event it makes."""
    if not corrections:
        return cluster

    def clustered(items: Sequence[T]) -> list[Event]:
        return [apply_to_event(event, corrections) for event in cluster(items)]

    return clustered


def machine_value(event: Event, field: CorrectionField) -> str | None:
    """The value of `field` in `event` as text (what a correction replaces)."""
    if field == CorrectionField.REJECTED:
        return "kept"
    if field == CorrectionField.EVENT_DATE:
        return event.event_date.isoformat() if event.event_date else None
    if field == CorrectionField.PLACE:
        return f"{event.location} ({event.geonameid})" if event.location else None
    value = getattr(event, field.value, None)
    return None if value is None else str(value)


def _corrected(event: Event, correction: Correction) -> Event:
    """`event` with one correction's value set."""
    field = correction.field
    if field == CorrectionField.REJECTED:
        return replace(event, rejected=True)
    if field == CorrectionField.EVENT_DATE:
        return replace(event, event_date=date.fromisoformat(correction.value), time_precision=DAY_PRECISION)
    if field == CorrectionField.PLACE and correction.place is not None:
        return _placed(event, correction.place)
    if field == CorrectionField.SUB_EVENT_TYPE:
        return replace(event, sub_event_type=correction.value,
                       event_type=correction.value_type or event.event_type)
    if field == CorrectionField.ACTOR1:
        return replace(event, actor1=correction.value or None, actor1_type=correction.value_type)
    if field == CorrectionField.ACTOR2:
        return replace(event, actor2=correction.value or None, actor2_type=correction.value_type)
    return event


def _placed(event: Event, entry: GeoEntry) -> Event:
    """`event` located at a gazetteer entry."""
    precision = TOWN_PRECISION if entry.feature_class == "P" else AREA_PRECISION
    return replace(event, location=entry.name, geonameid=entry.geonameid, latitude=entry.latitude,
                   longitude=entry.longitude, country=entry.country, country_code=entry.country_code,
                   admin1=entry.admin1 or None, geo_precision=precision)


def unreliable_articles(corrections: Iterable[Correction]) -> frozenset[str]:
    """Articles an analyst marked unreliable: fusion leaves their mentions out."""
    return frozenset(item.target for item in corrections
                     if item.active and item.field == CorrectionField.UNRELIABLE)


def control_corrections(place: int, corrections: Iterable[Correction]) -> list[Correction]:
    """The active control corrections of one place, oldest first (a later one wins where they overlap)."""
    return sorted((item for item in corrections if item.active and item.field == CorrectionField.CONTROL
                   and item.target == str(place) and item.start is not None),
                  key=lambda item: item.correction_id)


def corrected_places(corrections: Iterable[Correction]) -> set[int]:
    """Places with an active control correction."""
    return {int(item.target) for item in corrections
            if item.active and item.field == CorrectionField.CONTROL and item.target.isdigit()}


def apply_to_periods(place: int, periods: Sequence[ControlPeriod],
                     corrections: Iterable[Correction]) -> list[ControlPeriod]:
    """The place's periods with each analyst period laid over the machine's for its days."""
    result = sorted(periods, key=lambda period: period.start)
    for correction in control_corrections(place, corrections):
        template = result[0] if result else _template(correction)
        if template is None:
            continue
        result = _overlay(result, _analyst_period(template, correction, result))
    return result


def _overlay(periods: list[ControlPeriod], analyst: ControlPeriod) -> list[ControlPeriod]:
    """`periods` cut where `analyst` holds, with `analyst` inserted, in time order."""
    kept: list[ControlPeriod] = []
    for period in periods:
        if period.start < analyst.start:
            end = analyst.start if period.end is None or period.end > analyst.start else period.end
            kept.append(replace(period, end=end))
        if analyst.end is not None and (period.end is None or period.end > analyst.end):
            kept.append(replace(period, start=max(period.start, analyst.end)))
    return sorted([*kept, analyst], key=lambda period: period.start)


def _analyst_period(template: ControlPeriod, correction: Correction,
                    machine: Sequence[ControlPeriod]) -> ControlPeriod:
    """The period a control correction sets, noting who the machine had holding those days."""
    assert correction.start is not None  # control_corrections keeps only periods with a start
    overlapped = [period for period in machine if _overlaps(period, correction.start, correction.end)]
    before = "; ".join(_describe(period) for period in overlapped) or None
    applied = AppliedCorrection(correction_id=correction.correction_id, field=correction.field,
                                machine_value=before, value=correction.value or "unknown",
                                author=correction.author, reason=correction.reason)
    state = ControlState.CONTROLLED if correction.value else ControlState.UNKNOWN
    return replace(template, state=state, actor=correction.value or None, start=correction.start,
                   end=correction.end, event_ids=(), sources=(), corroborated=True, denied_by=(),
                   basis=ControlBasis.CORRECTED, correction=applied)


def _overlaps(period: ControlPeriod, start: date, end: date | None) -> bool:
    return (period.end is None or period.end > start) and (end is None or period.start < end)


def _describe(period: ControlPeriod) -> str:
    """A machine period in a few words ("Taliban, evidenced, from 2021-08-12")."""
    holder = period.actor or period.state.value
    since = "" if period.start == date.min else f", from {period.start.isoformat()}"
    return f"{holder}, {period.basis.value}{since}"


def _template(correction: Correction) -> ControlPeriod | None:
    """A period for a place with no machine period, from the gazetteer entry the correction carries."""
    entry = correction.place
    if entry is None:
        return None
    return ControlPeriod(
        geonameid=entry.geonameid, place=entry.name, country=entry.country, country_code=entry.country_code,
        admin1=entry.admin1 or None, latitude=entry.latitude, longitude=entry.longitude,
        admin1_seat=entry.feature_class == "P" and entry.feature_code in SEAT_CODES,
        state=ControlState.UNKNOWN, actor=None,
        start=date.min, end=None, event_ids=(), sources=(), corroborated=True, component=COMPONENT)
