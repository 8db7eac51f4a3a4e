"""A key held by too many items is not blocked on, and the groups still do not depend on arrival order."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pytest

from conftest import make_article
from sitrep.run.stages import Stage, update_stage
from sitrep.store import Store
from sitrep.store.base import FusedRow

DAY = date(2024, 3, 4)


@dataclass(frozen=True, slots=True)
class Note:
    """A test item: linked to every note it shares a key with."""

    note_id: str
    article_id: str
    keys: tuple[str, ...]


def _members(record: list[str], component: Sequence[tuple[str, Note]]) -> list[str]:
    return list(record)


def _row(record: list[str], group_id: str) -> FusedRow:
    return FusedRow(kind="note", record_id=record[0], group_id=group_id, data="{}")


def note_stage(crowd_limit: int | None) -> Stage[Note, list[str]]:
    """A stage whose records are the connected groups themselves (ids of their notes)."""
    return Stage(kind="note", item_type=Note, item_id=lambda note: note.note_id,
                 article_id=lambda note: note.article_id, day=lambda note: DAY, keys=lambda note: note.keys,
                 linked=lambda a, b: True, cluster=lambda notes: [sorted(note.note_id for note in notes)],
                 record_id=lambda record: record[0], members=_members, describe=_row, window_days=7,
                 crowd_limit=crowd_limit)


@pytest.fixture
def notes(store: Store) -> list[Note]:
    """Five notes, one per stored article: all share "war", pairs share a rarer key."""
    keys = [("war", "kunduz"), ("war", "kunduz"), ("war", "herat"), ("war", "herat"), ("war",)]
    made = []
    for number, own in enumerate(keys):
        article = make_article(f"Note number {number} about the war.")
        store.save_batch([article], [])
        made.append(Note(f"n{number}", article.id, own))
    return made


def groups(store: Store, stage: Stage[Note, list[str]],
           batches: Sequence[Sequence[Note]]) -> set[frozenset[str]]:
    """The groups of notes after fusing `batches` one after another."""
    with store.fusion() as session:
        for batch in batches:
            update_stage(session, stage, [note.article_id for note in batch], batch)
        stored = session.items_of_articles("note", [note.article_id for batch in batches for note in batch])
    by_group: dict[str, set[str]] = {}
    for item in stored:
        by_group.setdefault(item.group_id, set()).add(item.item_id)
    return {frozenset(members) for members in by_group.values()}


def test_without_a_limit_a_shared_key_chains_every_note_into_one_group(
        store: Store, notes: list[Note]) -> None:
    assert groups(store, note_stage(None), [notes]) == {frozenset(note.note_id for note in notes)}


def test_a_crowded_key_links_nothing_and_rarer_keys_still_do(store: Store, notes: list[Note]) -> None:
    assert groups(store, note_stage(3), [notes]) == {
        frozenset({"n0", "n1"}), frozenset({"n2", "n3"}), frozenset({"n4"})}


@pytest.mark.parametrize("order", list(itertools.permutations(range(5)))[::17])
def test_groups_split_when_a_key_becomes_crowded_whatever_the_order(
        store: Store, notes: list[Note], order: tuple[int, ...]) -> None:
    one_by_one = [[notes[index]] for index in order]
    assert groups(store, note_stage(3), one_by_one) == {
        frozenset({"n0", "n1"}), frozenset({"n2", "n3"}), frozenset({"n4"})}


def test_groups_join_again_when_a_key_is_no_longer_crowded(store: Store, notes: list[Note]) -> None:
    stage = note_stage(4)
    assert len(groups(store, stage, [notes])) == 3  # five notes hold "war": crowded
    with store.fusion() as session:  # the last note's article now says nothing of the war
        update_stage(session, stage, [notes[4].article_id], [])
    with store.fusion() as session:
        stored = session.items_of_articles("note", [note.article_id for note in notes])
    assert len({item.group_id for item in stored}) == 1
