"""One incremental fusion stage: replace a batch's items, recompute only the groups they reach.

A stage's items are linked in pairs (`linked`, checked only for items that share a blocking key);
its connected groups are the components of that relation, and each group is clustered on its own
into fused records. Because a component depends only on the set of items, never on the order they
came in, and a group is recomputed whole, the fused records do not depend on arrival order.

A busy news day must not make each added item cost more: a stage with a `crowd_limit` treats a key
held by more stored items than that as crowded, like a stop word of a search index (nearly every
report of a war shares "capitals" or the day's date: sharing it says nothing of being one story),
and never blocks on it. So each item is compared with at most `crowd_limit` others per key. Which
keys are crowded depends only on the stored set; when an update makes a key crowded (or no longer
crowded), every group holding that key is recomputed, so fused records still do not depend on
arrival order.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Generic, TypeVar

from sitrep.codec import from_jsonable, to_jsonable
from sitrep.store.base import FusedRow, FusionItem, FusionSession

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Stage(Generic[T, R]):
    """How one kind of item is stored, blocked, linked and clustered into records."""

    kind: str
    item_type: type[T]
    item_id: Callable[[T], str]
    article_id: Callable[[T], str]
    day: Callable[[T], date | None]
    keys: Callable[[T], tuple[str, ...]]
    linked: Callable[[T, T], bool]
    cluster: Callable[[Sequence[T]], list[R]]
    record_id: Callable[[R], str]
    members: Callable[[R, Sequence[tuple[str, T]]], list[str]]
    describe: Callable[[R, str], FusedRow]
    window_days: int
    record_kind: str = ""
    crowd_limit: int | None = None
    # True when `linked` holds for every two items sharing a key (claims of one key): groups are then
    # joined key by key, without checking every pair of a key's items.
    linked_by_key: bool = False
    # A faster reader of a stored item's JSON than the generic codec (same result), if any.
    decode: Callable[[str], T] | None = None

    @property
    def output_kind(self) -> str:
        """The kind of the fused records (the items' kind unless it differs)."""
        return self.record_kind or self.kind


@dataclass(frozen=True)
class StageChange(Generic[R]):
    """What one update did: the records now standing for the recomputed groups, and those it replaced."""

    records: list[R]
    replaced: list[FusedRow]
    article_ids: frozenset[str]
    changed_article_ids: frozenset[str] = frozenset()


def update_stage(session: FusionSession, stage: Stage[T, R], article_ids: Sequence[str],
                 items: Sequence[T]) -> StageChange[R]:
    """Replace the items of `article_ids` by `items` and recompute every group they touch."""
    old_items = session.items_of_articles(stage.kind, article_ids)
    old_groups = {item.group_id for item in old_items}
    changed_keys = _keys_of(stage, items, old_items)
    before = _crowded(session, stage, changed_keys)
    session.replace_items(stage.kind, article_ids, [stored_item(stage, item) for item in items])
    crowded = _crowded(session, stage, changed_keys)
    region = {stage.item_id(item): item for item in items}
    linked, decoded = _groups_reached(session, stage, items, crowded)
    unsettled = old_groups | _groups_holding(session, stage, before ^ crowded)
    reached = (unsettled | linked) - {""}
    stored_as: dict[str, tuple[str, str]] = {}
    for stored in session.items_in_groups(stage.kind, sorted(reached)):
        if stored.item_id not in region:
            region[stored.item_id] = decoded.get(stored.item_id) or _decode(stage, stored)
            stored_as[stored.item_id] = (stored.group_id, stored.record_id)
    if stage.crowd_limit is not None:  # the region's other shared keys, crowded or not (counts stand)
        crowded |= _crowded(session, stage, _shared_keys(stage, region.values()) - changed_keys)
    replaced = session.fused_in_groups(stage.output_kind, sorted(reached))
    # A reached group that lost no item and holds no key whose crowding changed is still connected,
    # and no link joins it to another such group: only pairs with an item outside them need checking.
    settled = {item_id: group for item_id, (group, _) in stored_as.items() if group not in unsettled}
    records, rows, assignments = _cluster_region(stage, region, crowded, settled)
    session.assign(stage.kind, [row for row in assignments if stored_as.get(row[0]) != row[1:]])
    session.replace_fused(stage.output_kind, sorted(reached | {row.group_id for row in rows}), rows)
    touched = frozenset(stage.article_id(item) for item in region.values())
    changed = _changed_articles(stage, region, rows, replaced, assignments, set(article_ids))
    return StageChange(records=records, replaced=replaced, article_ids=touched, changed_article_ids=changed)


def _changed_articles(stage: Stage[T, R], region: dict[str, T], rows: Sequence[FusedRow],
                      replaced: Sequence[FusedRow], assignments: Sequence[tuple[str, str, str]],
                      updated: set[str]) -> frozenset[str]:
    """Articles of the region whose record is new or differs, or holds an item of `updated` articles.

    A recomputed group mostly gives back the records it had: a later stage need not redo the
    articles of a record that stands exactly as before with the same members (an item with no
    record counts as changed).
    """
    standing = {(row.record_id, row.data) for row in replaced}
    changed_records = {row.record_id for row in rows if (row.record_id, row.data) not in standing}
    changed_records |= {record for item_id, _, record in assignments
                        if stage.article_id(region[item_id]) in updated}
    return frozenset(stage.article_id(region[item_id]) for item_id, _, record in assignments
                     if not record or record in changed_records) | updated


def _keys_of(stage: Stage[T, R], items: Sequence[T], stored: Sequence[FusionItem]) -> set[str]:
    """The keys whose counts an update changes: those of the new items and of the replaced ones."""
    if stage.crowd_limit is None:
        return set()
    keys = {key for item in items for key in stage.keys(item)}
    return keys | {key for item in stored for key in stage.keys(_decode(stage, item))}


def _shared_keys(stage: Stage[T, R], items: Iterable[T]) -> set[str]:
    """Keys held by two or more of `items`: only they give candidate pairs, so only their crowding matters."""
    seen: set[str] = set()
    shared: set[str] = set()
    for item in items:
        for key in set(stage.keys(item)):
            (shared if key in seen else seen).add(key)
    return shared


def _crowded(session: FusionSession, stage: Stage[T, R], keys: set[str]) -> set[str]:
    """Those of `keys` held by more stored items than the stage's `crowd_limit` (none without one)."""
    if stage.crowd_limit is None or not keys:
        return set()
    counts = session.key_counts(stage.kind, sorted(keys), limit=stage.crowd_limit)
    return {key for key, count in counts.items() if count > stage.crowd_limit}


def _groups_holding(session: FusionSession, stage: Stage[T, R], keys: set[str]) -> set[str]:
    """The groups of every item holding one of `keys` (keys that just became crowded or not)."""
    if not keys:
        return set()
    return {item.group_id for item in session.items_by_keys(stage.kind, sorted(keys), since=None, until=None)}


def _groups_reached(session: FusionSession, stage: Stage[T, R], items: Sequence[T], crowded: set[str]
                    ) -> tuple[set[str], dict[str, T]]:
    """Groups holding an item that one of `items` is linked to (through a shared key, not crowded).

    Also returns the candidates it decoded, by id, so that they are not decoded again.
    """
    by_key: dict[str, list[T]] = defaultdict(list)
    for item in items:
        for key in stage.keys(item):
            if key not in crowded:
                by_key[key].append(item)
    if not by_key:
        return set(), {}
    days = [day for day in (stage.day(item) for item in items) if day is not None]
    window = timedelta(days=stage.window_days)
    since = min(days) - window if days else None
    until = max(days) + window if days else None
    own = {stage.item_id(item) for item in items}
    groups: set[str] = set()
    decoded: dict[str, T] = {}
    for stored in session.items_by_keys(stage.kind, sorted(by_key), since=since, until=until):
        if stored.item_id in own or stored.group_id in groups:
            continue
        candidate = decoded[stored.item_id] = _decode(stage, stored)
        partners = {id(item): item for key in stage.keys(candidate) for item in by_key.get(key, ())}
        if any(stage.linked(item, candidate) for item in partners.values()):
            groups.add(stored.group_id)
    return groups, decoded


def _cluster_region(stage: Stage[T, R], region: dict[str, T], crowded: set[str], settled: dict[str, str]
                    ) -> tuple[list[R], list[FusedRow], list[tuple[str, str, str]]]:
    records: list[R] = []
    rows: list[FusedRow] = []
    assignments: list[tuple[str, str, str]] = []
    for component in connected_components(stage, region, crowded=crowded, settled=settled):
        group_id = f"{stage.kind}:{component[0][0]}"
        made = stage.cluster([item for _, item in component])
        record_of: dict[str, str] = {}
        for record in made:
            for item_id in stage.members(record, component):
                record_of.setdefault(item_id, stage.record_id(record))
            rows.append(stage.describe(record, group_id))
        records.extend(made)
        assignments.extend((item_id, group_id, record_of.get(item_id, "")) for item_id, _ in component)
    return records, rows, assignments


def connected_components(stage: Stage[T, R], region: dict[str, T], *, crowded: Iterable[str] = (),
                         settled: dict[str, str] | None = None) -> list[list[tuple[str, T]]]:
    """The components of `linked` over items sharing a key (not a `crowded` one), each sorted by id,
    ordered by first id.

    `settled` maps items of groups known to be connected, and never linked to one another's
    group, to their group: those groups are joined whole and their pairs are not checked.
    """
    parent = {item_id: item_id for item_id in region}
    settled = settled or {}
    first_of: dict[str, str] = {}
    for item_id in sorted(settled):
        parent[item_id] = first_of.setdefault(settled[item_id], item_id)

    def root(item_id: str) -> str:
        while parent[item_id] != item_id:
            parent[item_id] = parent[parent[item_id]]
            item_id = parent[item_id]
        return item_id

    if stage.linked_by_key:  # every item of a key is linked to the key's first one: a linear chain
        pairs: Iterable[tuple[str, str]] = ((members[0], other) for members in
                                            _key_members(stage, region, frozenset(crowded)).values()
                                            for other in members[1:])
    else:
        pairs = _candidate_pairs(stage, region, frozenset(crowded), settled)
    for first, second in pairs:
        a, b = root(first), root(second)
        if a != b and (stage.linked_by_key or stage.linked(region[first], region[second])):
            parent[max(a, b)] = min(a, b)
    components: dict[str, list[tuple[str, T]]] = defaultdict(list)
    for item_id in sorted(region):
        components[root(item_id)].append((item_id, region[item_id]))
    return [components[key] for key in sorted(components)]


def _key_members(stage: Stage[T, R], region: dict[str, T], crowded: frozenset[str]) -> dict[str, list[str]]:
    """The ids of the region's items holding each key that is not crowded, in id order."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for item_id in sorted(region):
        for key in set(stage.keys(region[item_id])) - crowded:
            by_key[key].append(item_id)
    return by_key


def _candidate_pairs(stage: Stage[T, R], region: dict[str, T], crowded: frozenset[str],
                     settled: dict[str, str]) -> Iterable[tuple[str, str]]:
    by_key = _key_members(stage, region, crowded)
    seen: set[tuple[str, str]] = set()
    for key in sorted(by_key):
        members = by_key[key]
        for index, first in enumerate(members):
            for second in members[index + 1:]:
                if first in settled and second in settled:
                    continue
                if (first, second) not in seen:
                    seen.add((first, second))
                    yield first, second


def stored_item(stage: Stage[T, R], item: T) -> FusionItem:
    """`item` as a stage stores it: its record as JSON, its day and blocking keys (no group yet)."""
    return FusionItem(kind=stage.kind, item_id=stage.item_id(item), article_id=stage.article_id(item),
                      day=stage.day(item), data=json.dumps(to_jsonable(item), ensure_ascii=False),
                      keys=stage.keys(item))


def _decode(stage: Stage[T, R], stored: FusionItem) -> T:
    if stage.decode is not None:
        return stage.decode(stored.data)
    return from_jsonable(stage.item_type, json.loads(stored.data))
