"""Score day-by-day control against a gold table (the syria2024 layout: `reports/`, `gold_control.json`).

The reports are ingested, extracted and fused into a temporary store; each gold place is matched to
the system's control periods at the place nearest its point (within `MATCH_KM`), and the system's
holder at the end of each gold day is compared with the gold holder after mapping the system's
actor names to the gold's normalised names (the gold's own `actors` alias lists, then the
country's state forces to its government entry).

Metrics:
- `accuracy`: place-days with the right holder (no state counts as wrong), over scored days;
- `accuracy_lenient`: on a day inside a change's `date_range`, the old or the new holder counts;
- `accuracy_any_opposition`: every non-government holder counted as one side;
- `no_state`: the share of place-days with no state at all; `presumed`: held by a presumed state;
- `capture_exact` / `capture_within_1` / `capture_in_range`: for each gold change, the first day the
  system shows the new holder, against the change's best date (and ±1 day, and its range);
- `false_changes`: the system's changes of holder at gold places that match no gold change within
  its range ±1 day; `foreign_changes`: places outside the gold country shown
  changing hands (a period opened by a reported change, not a presumed one) farther than
  `NEIGHBOUR_KM` from every gold place;
- `places`: per place, the gold and system day strings (one letter per holder, `.` no state).
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError
from sitrep.evaluation.geoparsing import haversine_km
from sitrep.records import ControlBasis, ControlPeriod, ControlState

MATCH_KM = 12.0
# A change of hands abroad this close to a gold place is the war spilling over a border, not a misplaced town.
NEIGHBOUR_KM = 300.0
GOVERNMENT = "government"
OPPOSITION = "opposition"
NO_STATE = "."
OTHER = "x"


@dataclass(frozen=True, slots=True)
class GoldPlace:
    """One gold place: where it is, and who held it on each scored day."""

    place_id: str
    name: str
    latitude: float
    longitude: float
    daily: dict[date, str]
    unscored: frozenset[date]
    changes: tuple[dict[str, Any], ...]
    start: str


def evaluate_control(data: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Ingest `data`/reports into a temporary store and score its control against the gold."""
    gold_path = data / "gold_control.json"
    if not gold_path.is_file() or not (data / "reports").is_dir():
        raise ConfigError(f"no gold_control.json and reports/ under {data}",
                          fix="give a folder in the syria2024 layout")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    periods, country_code = _system_periods(data / "reports", limit=limit)
    return score_control(gold, periods, country_code=country_code)


def score_control(gold: Mapping[str, Any], periods: Sequence[ControlPeriod], *,
                  country_code: str | None = None) -> dict[str, Any]:
    """The control metrics of `periods` against the gold table (see the module docstring)."""
    places = [_gold_place(entry) for entry in gold["places"]]
    aliases = _alias_table(gold.get("actors", {}))
    government = _government_name(gold.get("actors", {}))
    by_place: dict[int, list[ControlPeriod]] = {}
    for period in periods:
        by_place.setdefault(period.geonameid, []).append(period)
    counts = {"days": 0, "right": 0, "lenient": 0, "any_opposition": 0, "no_state": 0, "presumed": 0}
    captures = {"changes": 0, "exact": 0, "within_1": 0, "in_range": 0}
    letters = _letters(gold.get("actors", {}))
    report: dict[str, dict[str, str]] = {}
    false_changes = 0
    for place in places:
        own = _nearest_periods(place, by_place)
        held = {day: _holder(own, day, aliases, government) for day in place.daily}
        _count_days(place, held, counts, government)
        _count_captures(place, held, captures)
        false_changes += _false_changes(place, held)
        report[place.name] = {"gold": _day_string((place.daily[d] for d in sorted(place.daily)), letters),
                              "system": _day_string((held[d][0] for d in sorted(place.daily)), letters)}
    days = counts["days"] or 1
    changes = captures["changes"] or 1
    return {
        "place_days": counts["days"],
        "accuracy": counts["right"] / days,
        "accuracy_lenient": counts["lenient"] / days,
        "accuracy_any_opposition": counts["any_opposition"] / days,
        "no_state": counts["no_state"] / days,
        "presumed": counts["presumed"] / days,
        "changes": captures["changes"],
        "capture_exact": captures["exact"] / changes,
        "capture_within_1": captures["within_1"] / changes,
        "capture_in_range": captures["in_range"] / changes,
        "false_changes": false_changes,
        "foreign_changes": _foreign_changes(periods, country_code, places),
        "legend": {letter: name for name, letter in letters.items()},
        "places": report,
    }


# --- The system's side


def _system_periods(reports: Path, *, limit: int | None) -> tuple[list[ControlPeriod], str | None]:
    """Ingest, extract and fuse the reports into a temporary store; every control period it holds."""
    from collections import Counter

    from sitrep.cli.extraction import make_extractor
    from sitrep.config import IngestOptions
    from sitrep.pipeline import ingest
    from sitrep.store import open_store
    from sitrep.store.fused_read import PAGE

    targets = sorted(str(path) for path in reports.iterdir() if not path.name.startswith("."))
    if limit is not None:
        targets = targets[:limit]
    with tempfile.TemporaryDirectory(prefix="sitrep-control-") as folder:
        store = open_store(f"sqlite:///{folder}/control.db")
        try:
            ingest(targets, store, IngestOptions(batch_size=PAGE), extractor=make_extractor(), fuse=True)
            periods = [_period(row.data) for row in store.list_control()]
        finally:
            store.close()
    codes = Counter(period.country_code for period in periods if period.country_code)
    return periods, codes.most_common(1)[0][0] if codes else None


def _period(data: str) -> ControlPeriod:
    from sitrep.codec import from_jsonable

    return from_jsonable(ControlPeriod, json.loads(data))


def _nearest_periods(place: GoldPlace, by_place: Mapping[int, list[ControlPeriod]]) -> list[ControlPeriod]:
    """The periods of the system place nearest the gold point, if one lies within `MATCH_KM`."""
    best: tuple[float, int] | None = None
    for geonameid, own in by_place.items():
        first = own[0]
        if first.latitude is None or first.longitude is None:
            continue
        distance = haversine_km(place.latitude, place.longitude, first.latitude, first.longitude)
        if distance <= MATCH_KM and (best is None or distance < best[0]):
            best = (distance, geonameid)
    return sorted(by_place[best[1]], key=lambda period: period.start) if best else []


def _holder(periods: Sequence[ControlPeriod], day: date, aliases: Mapping[str, str],
            government: str | None) -> tuple[str | None, bool]:
    """The gold name of who holds the place at the end of `day`, and whether it is only presumed."""
    in_force = [p for p in periods if p.start <= day and (p.end is None or day < p.end)]
    if not in_force or in_force[-1].state == ControlState.UNKNOWN or not in_force[-1].actor:
        return None, False
    period = in_force[-1]
    presumed = period.basis in (ControlBasis.PRESUMED, ControlBasis.BASELINE)
    return map_actor(period.actor or "", aliases, government), presumed


# --- Actor names


def _fold(text: str) -> str:
    """Lower case, punctuation as spaces, each word in the singular ("Hill militias" is "Hill militia")."""
    return " ".join(_singular(word) for word in re.sub(r"[^\w/]+", " ", text.lower()).split())


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _alias_table(actors: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Each folded name or alias (parenthesised notes dropped) to its gold name."""
    table = {}
    for name, names in actors.items():
        for alias in (name, *names):
            table[_fold(re.sub(r"\(.*?\)", "", alias))] = name
    return table


def _government_name(actors: Mapping[str, Sequence[str]]) -> str | None:
    """The gold name that stands for the state's forces (the one whose name says government)."""
    return next((name for name in actors if GOVERNMENT in name.lower()), None)


def map_actor(actor: str, aliases: Mapping[str, str], government: str | None) -> str:
    """The gold name of a system actor: an alias, an alias inside it, the state's forces, or itself."""
    folded = _fold(actor)
    if folded in aliases:
        return aliases[folded]
    padded = f" {folded} "
    inside = [(len(alias), name) for alias, name in aliases.items() if alias and f" {alias} " in padded]
    if inside:
        return max(inside)[1]
    if government and re.search(r"\b(military|police|government|forces?) of\b", folded):
        return government
    return actor


# --- Scoring


def _count_days(place: GoldPlace, held: Mapping[date, tuple[str | None, bool]], counts: dict[str, int],
                government: str | None) -> None:
    lenient_days = _range_holders(place)
    for day, truth in place.daily.items():
        if day in place.unscored:
            continue
        system, presumed = held[day]
        counts["days"] += 1
        counts["right"] += system == truth
        counts["lenient"] += system == truth or system in lenient_days.get(day, ())
        same_side = system is not None and _side(system, government) == _side(truth, government)
        counts["any_opposition"] += same_side
        counts["no_state"] += system is None
        counts["presumed"] += presumed


def _side(actor: str, government: str | None) -> str:
    return GOVERNMENT if actor == government else OPPOSITION


def _range_holders(place: GoldPlace) -> dict[date, set[str]]:
    """Days inside a change's date range, with the old and new holders both allowed."""
    allowed: dict[date, set[str]] = {}
    previous = place.start
    for change in place.changes:
        low, high = (date.fromisoformat(text) for text in change.get("date_range") or [change["date"]] * 2)
        new = change["new_controller"]
        for offset in range((high - low).days + 1):
            allowed.setdefault(low + timedelta(days=offset), set()).update({previous, new})
        previous = change["new_controller"]
    return allowed


def _count_captures(place: GoldPlace, held: Mapping[date, tuple[str | None, bool]],
                    captures: dict[str, int]) -> None:
    for change in place.changes:
        captures["changes"] += 1
        best = date.fromisoformat(change["date"])
        low, high = (date.fromisoformat(text) for text in change.get("date_range") or [change["date"]] * 2)
        shown = [day for day in sorted(held) if held[day][0] == change["new_controller"]]
        if not shown:
            continue
        first = shown[0]
        captures["exact"] += first == best
        captures["within_1"] += abs((first - best).days) <= 1
        captures["in_range"] += low <= first <= high


def _false_changes(place: GoldPlace, held: Mapping[date, tuple[str | None, bool]]) -> int:
    """The system's changes of holder that match no gold change (same new holder, range ±1 day)."""
    days = sorted(held)
    found = 0
    for before, day in pairwise(days):
        new, old = held[day][0], held[before][0]
        if new is None or new == old:
            continue
        found += not any(change["new_controller"] == new and _near(day, change) for change in place.changes)
    return found


def _near(day: date, change: Mapping[str, Any]) -> bool:
    low, high = (date.fromisoformat(text) for text in change.get("date_range") or [change["date"]] * 2)
    return low - timedelta(days=1) <= day <= high + timedelta(days=1)


def _foreign_changes(periods: Iterable[ControlPeriod], country_code: str | None,
                     places: Sequence[GoldPlace]) -> list[str]:
    """Places outside the main country, and farther than `NEIGHBOUR_KM` from every gold place, shown
    changing hands (a period opened by a reported change)."""
    if country_code is None:
        return []
    return sorted({f"{p.place} ({p.country_code})" for p in periods
                   if p.country_code != country_code and p.state == ControlState.CONTROLLED
                   and p.basis == ControlBasis.EVIDENCED and _far_from(p, places)})


def _far_from(period: ControlPeriod, places: Sequence[GoldPlace]) -> bool:
    """True when the period's place lies farther than `NEIGHBOUR_KM` from every gold place."""
    if period.latitude is None or period.longitude is None:
        return True
    return all(haversine_km(period.latitude, period.longitude, place.latitude, place.longitude) > NEIGHBOUR_KM
               for place in places)


def _gold_place(entry: Mapping[str, Any]) -> GoldPlace:
    return GoldPlace(
        place_id=entry["place_id"], name=entry["name"], latitude=entry["lat"], longitude=entry["lon"],
        daily={date.fromisoformat(day): holder for day, holder in entry["daily"].items()},
        unscored=frozenset(date.fromisoformat(day) for day in entry.get("unscored_days", [])),
        changes=tuple(entry.get("changes", [])), start=entry["start_controller"])


def _letters(actors: Mapping[str, Any]) -> dict[str, str]:
    """A letter per gold holder (A, B, ...), in the gold's order; `x` stands for any other name."""
    return {name: chr(ord("A") + index) for index, name in enumerate(actors)}


def _day_string(holders: Iterable[str | None], letters: Mapping[str, str]) -> str:
    """One letter per day: the holder's letter, `x` for a name the gold does not know, `.` no state."""
    return "".join(NO_STATE if holder is None else letters.get(holder, OTHER) for holder in holders)
