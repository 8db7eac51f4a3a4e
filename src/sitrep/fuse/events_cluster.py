"""Split one linked group of mentions into events, so that single links cannot chain two events.

A group is connected through pairwise links, and links do not chain: a vague "the city fell" is
linked to both Kunduz and Sar-e-Pul, a week-precise round-up to captures on the 2nd and the 14th.
So mentions are placed one by one, most precise first (tier, precision, day, then the stable
order), and a mention joins a cluster only if it is compatible with every member and linked to at
least one (complete linkage). Which cluster:

1. a SPECIFIC mention joins the candidate whose first member's day is closest (ties: the older);
2. a REGIONAL or VAGUE mention joins the one candidate that holds a specific place; with two or
   more such candidates it is ambiguous and stays its own event;
3. with no such candidate, a REGIONAL mention joins the closest other candidate and a VAGUE one
   joins a candidate only when there is exactly one.

Hence no event holds two specific places, two days beyond their precisions' reach, or two
incompatible actors, and the result depends only on the set of mentions.
"""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.fuse.events_compat import MentionProfile, PlaceTier, are_compatible, are_profiles_linked

# Sorts mentions with no day after every dated one.
NO_DAY = 10**9


def split_group(profiles: Sequence[MentionProfile]) -> list[list[MentionProfile]]:
    """The clusters (events) of one group, each a list of profiles in placement order."""
    clusters: list[list[MentionProfile]] = []
    for profile in sorted(profiles, key=_placement_order):
        target = _choose_cluster(profile, clusters)
        if target is None:
            clusters.append([profile])
        else:
            target.append(profile)
    return clusters


def _placement_order(profile: MentionProfile) -> tuple[int, int, int, tuple[object, ...]]:
    day = profile.day if profile.day is not None else NO_DAY
    return (profile.tier, profile.spread, day, profile.order)


def _choose_cluster(
    profile: MentionProfile, clusters: list[list[MentionProfile]]
) -> list[MentionProfile] | None:
    """The cluster `profile` joins under the rules of the module docstring, or None for a new one."""
    candidates = [cluster for cluster in clusters if _fits(profile, cluster)]
    if profile.tier is PlaceTier.SPECIFIC:
        return _closest(profile, candidates)
    anchored = [cluster for cluster in candidates if cluster[0].tier is PlaceTier.SPECIFIC]
    if anchored:
        return anchored[0] if len(anchored) == 1 else None
    if profile.tier is PlaceTier.REGIONAL:
        return _closest(profile, candidates)
    return candidates[0] if len(candidates) == 1 else None


def _fits(profile: MentionProfile, cluster: list[MentionProfile]) -> bool:
    """Compatible with every member and linked to at least one."""
    return all(are_compatible(profile, member) for member in cluster) and any(
        are_profiles_linked(profile, member) for member in cluster
    )


def _closest(profile: MentionProfile, candidates: list[list[MentionProfile]]) -> list[MentionProfile] | None:
    """The candidate whose first member's day is nearest; the earliest created on a tie."""
    if not candidates:
        return None
    return min(enumerate(candidates), key=lambda item: (_day_gap(profile, item[1][0]), item[0]))[1]


def _day_gap(a: MentionProfile, b: MentionProfile) -> int:
    return abs(a.day - b.day) if a.day is not None and b.day is not None else 0
