"""Event mentions from many articles merged into one `Event` per real event.

The orchestrator blocks mentions with `evidence_keys`, links candidate pairs with `are_linked`
and hands each connected group to `fuse_events`. Linking rules (kind, modality, day, actors, place)
are in `sitrep.fuse.events_compat`; how a group is split so that links cannot chain two events is in
`sitrep.fuse.events_cluster`; how each event's fields, confidence and disagreements are drawn from
its mentions is in `sitrep.fuse.events_reconcile`. Every result depends only on the set of mentions.
"""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.fuse.events_cluster import split_group
from sitrep.fuse.events_compat import (
    WINDOW_DAYS,
    EventEvidence,
    are_profiles_linked,
    order_evidence,
    profile_evidence,
    profile_keys,
)
from sitrep.fuse.events_reconcile import build_event
from sitrep.records import Event

__all__ = ["NAME", "VERSION", "WINDOW_DAYS", "EventEvidence", "are_linked", "evidence_keys", "fuse_events"]

NAME = "sitrep.fuse.events"
VERSION = 1
COMPONENT = f"{NAME}.v{VERSION}"


def evidence_keys(evidence: EventEvidence) -> tuple[str, ...]:
    """Blocking keys: two evidences that `are_linked` accepts share at least one.

    Each key starts with the sub-event type and modality group; then the story (or the article when
    the story is unknown), the folded town name for a town, and the country and admin-1 region for
    a town or a region. Mentions with no place (or only a country) have the story key alone.
    """
    return profile_keys(profile_evidence(evidence))


def are_linked(a: EventEvidence, b: EventEvidence) -> bool:
    """Whether two mentions could describe the same real event (symmetric, deterministic)."""
    return are_profiles_linked(profile_evidence(a), profile_evidence(b))


def fuse_events(group: Sequence[EventEvidence]) -> list[Event]:
    """The events of one connected group, ordered by their earliest mention.

    The event id is "E-" + article id + "-" + trigger start of the earliest mention (by publication
    day, article id, trigger start), then "-" + its geonameid (or folded place name) when it has a
    place, since one trigger listing several places gives one mention per place. Repeated evidences
    count once.
    """
    ordered = sorted(group, key=order_evidence)
    unique = [item for index, item in enumerate(ordered) if index == 0 or item != ordered[index - 1]]
    profiles = [profile_evidence(item, rank=rank) for rank, item in enumerate(unique)]
    clusters = sorted(split_group(profiles), key=lambda cluster: min(p.order for p in cluster))
    return [build_event(cluster, component=COMPONENT) for cluster in clusters]
