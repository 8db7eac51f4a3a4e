"""What the dashboard's map, slider and chart show: countries, one day's map, the timeline."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import pycountry

from sitrep.api.control_cache import CountryControl, country_control
from sitrep.api.present import event_url
from sitrep.errors import ConfigError, NotFoundError
from sitrep.fuse.control import PRESUMED_SINCE
from sitrep.records import ControlBasis, ControlState
from sitrep.store.base import ControlRow, FusedQuery, FusedRow, Store

# Events drawn on one day's map at most, the newest of the window (clustered); the response says
# when there were more and how many the window holds (`events_total`). Each marker is a row read
# from the table beside the list index: at a million events a 7-day window holds ~19,000, and
# 5,000 markers took most of a 300 ms budget to read and encode (docs/scale.md).
MAP_EVENT_LIMIT = 2000
DEFAULT_WINDOW = 7
MAX_WINDOW = 31
# The slider covers at most this many days, the latest ones.
MAX_TIMELINE_DAYS = 366
NO_HOLDER_COLOUR = "#8a8a8a"


@dataclass(frozen=True, slots=True)
class Country:
    """A country as the dashboard names it: stored name, ISO alpha-2 and numeric codes."""

    name: str
    code: str
    numeric: str


def countries(store: Store) -> list[dict[str, Any]]:
    """Countries with fused events, most events first."""
    found = []
    for name, code, records in store.fused_countries("event"):
        if code:
            found.append({"country": name or code, "country_code": code, "events": records})
    return found


def resolve_country(store: Store, wanted: str | None) -> Country:
    """The country asked for (name or code), or the one with most events when none is asked for."""
    if not wanted:
        known = countries(store)
        if not known:
            raise NotFoundError("there are no fused events with a country yet",
                                fix="ingest articles first: `sitrep ingest PATH` (it extracts and fuses)")
        wanted = str(known[0]["country_code"])
    try:
        entry = pycountry.countries.lookup(wanted.strip())
    except LookupError:
        raise ConfigError(f"unknown country {wanted!r}",
                          fix="give an ISO 3166 code (AF) or an English name (Afghanistan)") from None
    # The name the articles gave, from one indexed row, else the standard's.
    rows = store.list_fused(FusedQuery("event", country=entry.alpha_2, with_data=False, limit=1))
    name = rows[0].country if rows and rows[0].country else entry.name
    return Country(name=str(name), code=entry.alpha_2, numeric=entry.numeric)


def country_code(wanted: str | None) -> str | None:
    """The ISO code of a country given by name or code, or the text itself when it names none."""
    if not wanted:
        return None
    try:
        return str(pycountry.countries.lookup(wanted.strip()).alpha_2)
    except LookupError:
        return wanted


# The earliest events of a country, up to this share of them and set apart from the rest by more
# than STRAY_GAP_DAYS without events, are strays, not the start of its news.
STRAY_SHARE = 0.05
STRAY_GAP_DAYS = 7


def admin1_total(country: Country) -> int:
    """How many top-level subdivisions (ISO 3166-2) the country has."""
    subdivisions = pycountry.subdivisions.get(country_code=country.code) or []  # type: ignore[no-untyped-call]
    return sum(1 for subdivision in subdivisions if not subdivision.parent_code)


def map_day(store: Store, country: Country, day: date, window: int = DEFAULT_WINDOW, *,
            control: list[ControlRow] | None = None) -> dict[str, Any]:
    """One day on the map: who holds which place, and the events of the `window` days up to `day`.

    `control`: the country's control periods when the caller has read them already (the home page).
    """
    window = max(1, min(window, MAX_WINDOW))
    held = _control_of(store, country, control)
    colours = held.colours
    periods = [held.documents[index] for index in held.in_force(day)]
    periods.sort(key=lambda period: (period["place"], period["geonameid"]))
    places = [_place(period, colours) for period in periods]
    since = day - timedelta(days=window - 1)
    # Columns only (no documents), dated events only: an undated one would sit on every day.
    found = store.list_fused(FusedQuery("event", country=country.code, since=since, until=day, undated=False,
                                        with_data=False, limit=MAP_EVENT_LIMIT))
    events = [_marker(row) for row in found if row.latitude is not None and row.longitude is not None]
    truncated = len(found) >= MAP_EVENT_LIMIT
    seats = Counter(place["actor"] for place in places
                    if place["admin1_seat"] and place["state"] == ControlState.CONTROLLED and place["actor"])
    total = admin1_total(country)
    return {
        "country": country.name, "country_code": country.code, "iso_numeric": country.numeric,
        "day": day.isoformat(), "window": window,
        "actors": [{"actor": actor, "colour": colour} for actor, colour in colours.items()],
        "places": places, "events": events, "events_truncated": truncated,
        "events_total": window_total(store, country, since, day) if truncated else len(found),
        "seats": {"held": dict(sorted(seats.items(), key=lambda item: (-item[1], item[0]))), "total": total},
        "summary": _summary(day, seats, total, len(places), len(events), window),
    }


def window_total(store: Store, country: Country, since: date, until: date) -> int:
    """Dated events of the country from `since` to `until` (with coordinates or not), from the running
    per-day totals: a few rows, where counting the window's events would read tens of thousands."""
    per_day = store.fused_day_counts(FusedQuery("event", country=country.code))
    return sum(count for day, count in per_day if since <= day <= until)


def _place(period: dict[str, Any], colours: dict[str, str]) -> dict[str, Any]:
    """A stored control period (its JSON) as the map draws it."""
    held = period["state"] == ControlState.CONTROLLED and period["actor"]
    return {
        "geonameid": period["geonameid"], "place": period["place"], "admin1": period.get("admin1"),
        "latitude": period.get("latitude"), "longitude": period.get("longitude"), "state": period["state"],
        "actor": period["actor"], "admin1_seat": period["admin1_seat"], "since": period["start"],
        "until": period.get("end"), "corroborated": period["corroborated"],
        "sources": period.get("sources", []), "event_ids": period.get("event_ids", []),
        "denied_by": period.get("denied_by", []), "basis": period.get("basis", ControlBasis.EVIDENCED.value),
        "colour": colours.get(period["actor"] or "", NO_HOLDER_COLOUR) if held else NO_HOLDER_COLOUR,
    }


def _marker(row: FusedRow) -> dict[str, Any]:
    actors = list(row.actors)
    return {
        "event_id": row.record_id, "url": event_url(row.record_id),
        "event_date": row.first_day.isoformat() if row.first_day else None, "event_type": row.category,
        "sub_event_type": row.label, "location": row.place, "admin1": row.admin1,
        "latitude": row.latitude, "longitude": row.longitude,
        "actor1": actors[0] if actors else None, "actor2": actors[1] if len(actors) > 1 else None,
        "independent_sources": row.weight, "modality": row.modality or "asserted",
    }


def _summary(day: date, seats: Counter[str], total: int, places: int, events: int, window: int) -> str:
    held = "; ".join(f"{actor} holds {count} of {total} provincial capitals" if total else
                     f"{actor} holds {count} provincial capitals" for actor, count in seats.most_common())
    control = held or "no provincial capital changed hands on record"
    days = "day" if window == 1 else f"{window} days"
    return (f"{day.isoformat()}: {control}; {places} places with known control; "
            f"{events} events in the {days} to then")


def timeline(store: Store, country: Country, *, control: list[ControlRow] | None = None) -> dict[str, Any]:
    """Every day from the first to the last record of the country: places held per actor, events per day.

    `control`: the country's control periods when the caller has read them already (the home page).
    """
    per_day = store.fused_day_counts(FusedQuery("event", country=country.code))
    held = _control_of(store, country, control)
    first, last = _span(country, per_day, held.rows)
    colours = held.colours
    holdings = held.holdings(first, last)
    return {
        "country": country.name, "country_code": country.code, "first_day": first.isoformat(),
        "last_day": last.isoformat(),
        "actors": [{"actor": actor, "colour": colour} for actor, colour in colours.items()],
        "holdings": [{"day": held.day.isoformat(), "counts": dict(held.counts)} for held in holdings],
        "events_per_day": {day.isoformat(): count for day, count in per_day if first <= day <= last},
    }


def last_day(store: Store, country: Country) -> date:
    """The last day the timeline of the country reaches (its map's day when none is asked for)."""
    per_day = store.fused_day_counts(FusedQuery("event", country=country.code))
    return _span(country, per_day, country_control(store, country.code).rows)[1]


def _control_of(store: Store, country: Country, control: list[ControlRow] | None) -> CountryControl:
    """The country's control as cached (`control_cache`); rows a caller read itself are used as they
    are, through the cache when they are the rows it holds (the home page reads them first)."""
    held = country_control(store, country.code)
    if control is None or control == held.rows:
        return held
    return CountryControl(held.serial, list(control))


def _span(country: Country, per_day: list[tuple[date, int]], rows: list[ControlRow]) -> tuple[date, date]:
    """From where the country's reporting gets dense to its last event or control change.

    A few stray early mentions ("the offensive began in May", a capture in an earlier year) do not
    stretch the timeline: it starts after them (`dense_start`), and spans at most `MAX_TIMELINE_DAYS`.
    """
    # A presumed holding starts "before any report": it is no day of the country's news.
    changes = [row.start for row in rows if row.start > PRESUMED_SINCE]
    days = [day for day, _ in per_day] + changes
    if not days:
        raise NotFoundError(f"nothing is known about {country.name} yet",
                            fix="ingest articles about it, or pick a country from /api/countries")
    last = max(days)
    first = dense_start(per_day) or min(days)
    return max(first, last - timedelta(days=MAX_TIMELINE_DAYS - 1)), last


def dense_start(per_day: list[tuple[date, int]]) -> date | None:
    """The first day of the country's news once stray early events are left out, or None when there
    are none: strays are at most `STRAY_SHARE` of the events and end more than `STRAY_GAP_DAYS`
    before the next event (a steady start of news is never cut, however thin its first days)."""
    ordered = sorted(per_day)
    total = sum(count for _, count in ordered)
    start, before = None, 0
    for (previous, count), (day, _) in pairwise(ordered):
        before += count
        if before > STRAY_SHARE * total:
            break
        if (day - previous).days > STRAY_GAP_DAYS:
            start = day
    return start


def timeline_days(line: dict[str, Any]) -> list[str]:
    """Every day of a timeline, as the slider steps through them."""
    first, last = date.fromisoformat(line["first_day"]), date.fromisoformat(line["last_day"])
    return [(first + timedelta(days=offset)).isoformat() for offset in range((last - first).days + 1)]
