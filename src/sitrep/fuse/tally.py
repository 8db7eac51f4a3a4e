"""Reported tallies of places held ("nine of the 34 provincial capitals") checked against control periods.

A claim group is a tally of admin-1 seats when its counted noun is a capital, seat or centre that is
provincial, regional, state-level or the like (or a bare "capitals"), not a district's, and its verb
does not say the places were only attacked or threatened. Each day's values of a tally are compared,
as of that day, with the number of admin-1 seats the periods show one actor CONTROLLING: the actor named
in the values (by `attributed_to` or the claim's words) when it is one of the periods' actors, else
the actor holding the most seats that day by a reported change or state (a presumed holding is no
one's gain). A mismatch is reported (`agrees=False`), never dropped. Only values said to be so count:
a threatened, planned, hypothetical or denied count ("would be the seventh") is no tally.
Values that add to an earlier count ("three other capitals") and shares of an unknown total are left
out (a group with no value left is not a tally).

Hedges read as in `sitrep.fuse.claims`: "" and "rank" exact, "between" the range, "at least" >=,
"over" >, "at most" <=, "under" <, "about" within `ABOUT_TOLERANCE`, "nearly" up to the figure.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from sitrep.fuse.control import control_as_of
from sitrep.records import (
    ClaimGroup,
    ClaimValue,
    ControlBasis,
    ControlPeriod,
    ControlState,
    Modality,
    TallyCheck,
)

NAME = "sitrep.fuse.tally"
VERSION = 1
COMPONENT = f"{NAME}.v{VERSION}"

SEAT_NOUNS = frozenset({"capital", "capitals", "seat", "seats", "centre", "centres", "center", "centers"})
SEAT_WORDS = frozenset({"provincial", "province", "provinces", "regional", "region", "regions", "state",
                        "states", "governorate", "governorates", "oblast", "oblasts", "departmental",
                        "department", "prefectural", "prefecture", "administrative"})
# A capital of these is below admin-1 (or the country's own capital): not a seat tally.
NOT_SEAT_WORDS = frozenset({"district", "districts", "county", "counties", "municipal", "municipality",
                            "village", "sub-district", "national"})
# Verbs that count places attacked, surrounded or threatened rather than held.
NOT_HELD_PREDICATES = ("attack", "besieg", "surround", "threat", "target", "encircl", "assault", "shell",
                       "fight", "push", "pressur", "approach")
# "three other capitals", "two more capitals": an increment on an earlier count, not a running tally
# ("more than nine" is a hedge, not an increment).
INCREMENT = re.compile(r"\b(?:other|another|additional|further|new)\b|\bmore\b(?!\s+than)", re.IGNORECASE)
PERCENT = "percent"
# "about 10" covers 9 to 11; "nearly 10" covers 9 to 10 (at least one place either way).
ABOUT_TOLERANCE = 0.10
# Closer than this, two counts are the same count (values are floats).
EQUAL_TOLERANCE = 1e-9
WORD = re.compile(r"[\w'’-]+")
# Tallies reported this many days before the day of a control table are still shown beside it.
LOOKBACK_DAYS = 2
# Values said to be so: a threatened, planned or hypothetical count ("would be the seventh") is no tally.
FACTUAL = frozenset({Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED})


def check_tallies(groups: Sequence[ClaimGroup], periods: Sequence[ControlPeriod]) -> list[TallyCheck]:
    """Each tally of admin-1 seats beside the count the control periods imply, ordered by day and id."""
    seats = sorted((p for p in periods if p.admin1_seat), key=lambda p: (p.geonameid, p.start))
    actors = sorted({p.actor for p in periods if p.actor})
    checks = []
    for group in sorted(groups, key=lambda group: group.group_id):
        values = _comparable_values(group)
        if group.last_day is None or not values or not is_seat_tally(group):
            continue
        for day, reported in _by_day(values, group.last_day):
            checks.append(_check(group, reported, seats, actors, day))
    return sorted(checks, key=lambda check: (check.as_of, check.group_id))


def tallies_as_of(groups: Sequence[ClaimGroup], periods: Sequence[ControlPeriod], as_of: date
                  ) -> list[TallyCheck]:
    """The tallies reported in the `LOOKBACK_DAYS` up to `as_of`, each checked as of its own day."""
    since = as_of - timedelta(days=LOOKBACK_DAYS)
    return [tally for tally in check_tallies(groups, periods) if since <= tally.as_of <= as_of]


def _by_day(values: tuple[ClaimValue, ...], fallback: date) -> list[tuple[date, tuple[ClaimValue, ...]]]:
    """The values grouped by the day they were reported (undated ones on the group's last day).

    A tally is true of the day it is published: "nine of 34" on the 11th and "eleven of 34" on the
    12th are both checked, each against the control of its own day.
    """
    days: dict[date, list[ClaimValue]] = {}
    for value in values:
        days.setdefault(value.published_on or fallback, []).append(value)
    return [(day, tuple(days[day])) for day in sorted(days)]


def is_seat_tally(group: ClaimGroup) -> bool:
    """True when the group counts admin-1 seats (provincial capitals and the like) held or taken."""
    if any(group.predicate.lower().startswith(stem) for stem in NOT_HELD_PREDICATES):
        return False
    words = WORD.findall(f"{group.subject} {group.unit}".lower())
    if not words or not any(word in SEAT_NOUNS for word in words):
        return False
    if any(word in NOT_SEAT_WORDS for word in words):
        return False
    bare_capital = "capitals" in words or "capital" in words
    return bare_capital or any(word in SEAT_WORDS for word in words)


def _comparable_values(group: ClaimGroup) -> tuple[ClaimValue, ...]:
    """The values that are counts of places held: counts and shares of a known total, not increments."""
    counts = (value for value in group.values
              if _count_of(value, group) is not None and not INCREMENT.search(value.text)
              and value.modality in FACTUAL)
    return tuple(sorted(counts,
                        key=lambda value: (value.published_on or date.min, value.article_id, value.start)))


def _count_of(value: ClaimValue, group: ClaimGroup) -> tuple[float, float | None] | None:
    """The value (and upper bound) as a number of places, or None for a share of an unknown total."""
    total = value.total if value.total is not None else group.total
    if group.unit != PERCENT:
        return value.value, value.value_max
    if total is None:
        return None
    high = None if value.value_max is None else value.value_max * total / 100
    return value.value * total / 100, high


def _check(group: ClaimGroup, values: tuple[ClaimValue, ...], seats: list[ControlPeriod],
           actors: list[str], day: date) -> TallyCheck:
    """The tally beside the seats its actor controls on `day`."""
    held = [p for p in control_as_of(seats, day) if p.state == ControlState.CONTROLLED and p.actor]
    # A count of places taken is about the side that took them: presumed holdings are no one's gain.
    gained = [p for p in held if p.basis in (ControlBasis.EVIDENCED, ControlBasis.REPORTED)]
    actor = _named_actor(values, actors) or _leading_actor(gained)
    places = tuple(sorted(p.place for p in held if p.actor == actor))
    implied = len(places)
    return TallyCheck(group_id=group.group_id, actor=actor, subject=group.subject, as_of=day, reported=values,
                      total=group.total, implied=implied, implied_places=places,
                      agrees=all(_matches(value, group, implied) for value in values))


def _named_actor(values: tuple[ClaimValue, ...], actors: list[str]) -> str | None:
    """The period actor the values name most often (by attribution or in their words), if any."""
    counts: Counter[str] = Counter()
    for value in values:
        said = f"{value.attributed_to or ''} {value.text}".lower()
        counts.update(actor for actor in actors if re.search(rf"\b{re.escape(actor.lower())}\b", said))
    if not counts:
        return None
    return min(counts, key=lambda actor: (-counts[actor], actor))


def _leading_actor(held: list[ControlPeriod]) -> str | None:
    """The actor controlling the most seats (ties to the first name), or None when nobody holds one."""
    counts = Counter(p.actor for p in held if p.actor)
    if not counts:
        return None
    return min(counts, key=lambda actor: (-counts[actor], actor))


def _matches(value: ClaimValue, group: ClaimGroup, implied: int) -> bool:
    """True when the implied count fits the reported value under its hedge."""
    count = _count_of(value, group)
    assert count is not None  # only comparable values reach here
    low, high = count
    qualifier = value.qualifier
    if high is not None:
        return low - EQUAL_TOLERANCE <= implied <= high + EQUAL_TOLERANCE
    slack = max(1.0, ABOUT_TOLERANCE * low)
    checks = {
        "at least": implied >= low - EQUAL_TOLERANCE,
        "over": implied > low + EQUAL_TOLERANCE,
        "at most": implied <= low + EQUAL_TOLERANCE,
        "under": implied < low - EQUAL_TOLERANCE,
        "about": abs(implied - low) <= slack + EQUAL_TOLERANCE,
        "nearly": low - slack - EQUAL_TOLERANCE <= implied <= low + EQUAL_TOLERANCE,
    }
    return checks.get(qualifier, math.isclose(implied, low, abs_tol=EQUAL_TOLERANCE))
