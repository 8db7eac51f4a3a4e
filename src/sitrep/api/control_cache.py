"""Each country's control periods as the map, the timeline and /api/control use them, read and
decoded once per change of control, not once per request.

A country's periods (a thousand rows for 300 towns over a year) were read, decoded from JSON and
swept into holdings per day on every map, timeline and control request, whatever the day asked
for. They change only when fusion rewrites them, and the store's control serial moves then
(`store.sql_changes`): one indexed read tells whether what is held here is still current.
"""

from __future__ import annotations

import json
import threading
import weakref
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sitrep.codec import from_jsonable, to_jsonable
from sitrep.fuse.control import holdings_by_day
from sitrep.records import ControlPeriod, ControlState, DailyHoldings
from sitrep.report.render_chart import colour_of
from sitrep.store.base import ControlRow, Store

# Countries held per store at most (the least recently read is dropped first).
MAX_COUNTRIES = 16
# Spans of holdings per day held per country (the timeline's span, and a few more).
MAX_SPANS = 8


@dataclass(slots=True)
class CountryControl:
    """One country's control rows at one serial, with what is derived from them on first use."""

    serial: int
    rows: list[ControlRow]
    documents: list[dict[str, Any]] = field(default_factory=list)
    colours: dict[str, str] = field(default_factory=dict)
    _periods: list[ControlPeriod] | None = None
    _published: dict[int, dict[str, Any]] = field(default_factory=dict)
    _holdings: dict[tuple[date, date], list[DailyHoldings]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.documents = [json.loads(row.data) for row in self.rows]
        self.colours = actor_colours(self.rows)

    def in_force(self, day: date) -> list[int]:
        """Indexes of the periods in force on `day`."""
        return [index for index, row in enumerate(self.rows)
                if row.start <= day and (row.end is None or row.end > day)]

    def periods(self) -> list[ControlPeriod]:
        """Every period decoded as a record (by place, then start)."""
        if self._periods is None:
            self._periods = [from_jsonable(ControlPeriod, document) for document in self.documents]
        return self._periods

    def published(self, index: int) -> dict[str, Any]:
        """Period `index` as /api/control answers it (decoded, so defaults of older rows are filled)."""
        found = self._published.get(index)
        if found is None:
            found = to_jsonable(self.periods()[index])
            self._published[index] = found
        return found

    def holdings(self, first: date, last: date) -> list[DailyHoldings]:
        """Places held per actor on every day from `first` to `last` (`holdings_by_day`)."""
        found = self._holdings.get((first, last))
        if found is None:
            found = holdings_by_day(self.rows, first, last)
            if len(self._holdings) >= MAX_SPANS:
                self._holdings.pop(next(iter(self._holdings)))
            self._holdings[(first, last)] = found
        return found


def actor_colours(rows: list[ControlRow]) -> dict[str, str]:
    """A colour per controlling actor, most places held first, the same on every day."""
    held = Counter(row.actor for row in rows if row.actor and row.state == ControlState.CONTROLLED.value)
    ranked = sorted(held, key=lambda actor: (-held[actor], actor))
    return {actor: colour_of(index) for index, actor in enumerate(ranked)}


_held: weakref.WeakKeyDictionary[Store, dict[str, CountryControl]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def country_control(store: Store, country_code: str) -> CountryControl:
    """The country's control as the store holds it now: the one held here when the serial has not
    moved, else read again (the serial is read first, see `store.sql_changes`)."""
    serial = store.control_serial()
    with _lock:
        countries = _held.setdefault(store, {})
        found = countries.pop(country_code, None)
        if found is not None and found.serial == serial:
            countries[country_code] = found  # most recently read last
            return found
    found = CountryControl(serial, store.list_control(country=country_code))
    with _lock:
        countries[country_code] = found
        while len(countries) > MAX_COUNTRIES:
            countries.pop(next(iter(countries)))
    return found
