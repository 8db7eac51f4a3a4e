"""Stored groups an update leaves whole are joined without checking their pairs again, same components."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sitrep.run.stages import Stage, connected_components
from sitrep.store.base import FusedRow


@dataclass(frozen=True, slots=True)
class Note:
    """A test item: words under which notes are blocked and linked (a shared word links)."""

    note_id: str
    words: tuple[str, ...]


def _stage(checked: list[tuple[str, str]]) -> Stage[Note, list[str]]:
    def linked(a: Note, b: Note) -> bool:
        checked.append((a.note_id, b.note_id))
        return bool(set(a.words) & set(b.words))

    return Stage(kind="note", item_type=Note, item_id=lambda note: note.note_id,
                 article_id=lambda note: note.note_id, day=lambda note: date(2026, 3, 2),
                 keys=lambda note: note.words, linked=linked,
                 cluster=lambda notes: [[note.note_id for note in notes]],
                 record_id=lambda record: record[0], members=lambda record, component: list(record),
                 describe=lambda record, group: FusedRow(kind="note", record_id=record[0], group_id=group,
                                                         data="[]"),
                 window_days=7)


def _ids(components: list[list[tuple[str, Note]]]) -> list[list[str]]:
    return [[item_id for item_id, _ in component] for component in components]


def test_settled_groups_give_the_components_of_checking_every_pair() -> None:
    notes = [Note("a", ("ferry", "harbour")), Note("b", ("harbour",)), Note("c", ("ferry", "bridge")),
             Note("d", ("bridge",)), Note("e", ("market",)), Note("f", ("market", "ferry")),
             Note("g", ("orchard",))]
    region = {note.note_id: note for note in notes}
    # Stored before "f" arrived: {a, b, c, d} through the ferry and the bridge, {e} and {g} alone.
    settled = {"a": "note:a", "b": "note:a", "c": "note:a", "d": "note:a", "e": "note:e", "g": "note:g"}
    every_pair: list[tuple[str, str]] = []
    expected = _ids(connected_components(_stage(every_pair), region))
    checked: list[tuple[str, str]] = []
    found = _ids(connected_components(_stage(checked), region, settled=settled))
    assert found == expected == [["a", "b", "c", "d", "e", "f"], ["g"]]
    assert checked and all("f" in pair for pair in checked)  # no pair of two settled notes was checked
    assert len(checked) < len(every_pair)


def test_a_settled_group_is_one_component_even_without_a_link_in_the_region() -> None:
    # Its links may run through keys the region does not list: the stored group is trusted whole.
    notes = {"p": Note("p", ("quay",)), "q": Note("q", ("lighthouse",)), "r": Note("r", ("lighthouse",))}
    checked: list[tuple[str, str]] = []
    found = _ids(connected_components(_stage(checked), notes, settled={"p": "note:p", "q": "note:p"}))
    assert found == [["p", "q", "r"]]
