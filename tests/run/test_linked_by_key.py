"""A stage whose items are linked exactly when they share a key is joined key by key, as by pairs."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sitrep.run.fusion import CLAIMS, QUOTES
from sitrep.run.stages import Stage, connected_components
from sitrep.store.base import FusedRow


@dataclass(frozen=True, slots=True)
class Tally:
    """A test item: a figure under one or two keys."""

    tally_id: str
    keys: tuple[str, ...]


def _stage(*, by_key: bool) -> Stage[Tally, list[str]]:
    return Stage(kind="tally", item_type=Tally, item_id=lambda tally: tally.tally_id,
                 article_id=lambda tally: tally.tally_id, day=lambda tally: date(2025, 4, 1),
                 keys=lambda tally: tally.keys, linked=lambda a, b: bool(set(a.keys) & set(b.keys)),
                 cluster=lambda tallies: [[tally.tally_id for tally in tallies]],
                 record_id=lambda record: record[0], members=lambda record, component: list(record),
                 describe=lambda record, group: FusedRow(kind="tally", record_id=record[0], group_id=group,
                                                         data="[]"),
                 window_days=7, linked_by_key=by_key)


def _ids(components: list[list[tuple[str, Tally]]]) -> list[list[str]]:
    return [[item_id for item_id, _ in component] for component in components]


def test_joining_key_by_key_gives_the_components_of_checking_every_pair() -> None:
    tallies = [Tally("t1", ("wounded|9",)), Tally("t2", ("wounded|9", "held|4")), Tally("t3", ("held|4",)),
               Tally("t4", ("missing|2",)), Tally("t5", ("wounded|9",)), Tally("t6", ("crowded",)),
               Tally("t7", ("crowded",))]
    region = {tally.tally_id: tally for tally in tallies}
    by_pairs = connected_components(_stage(by_key=False), region, crowded=["crowded"])
    by_key = connected_components(_stage(by_key=True), region, crowded=["crowded"])
    assert _ids(by_key) == _ids(by_pairs) == [["t1", "t2", "t3", "t5"], ["t4"], ["t6"], ["t7"]]


def test_a_key_joins_its_items_without_asking_for_each_pair() -> None:
    never = replace(_stage(by_key=True), linked=lambda a, b: False)
    region = {tally_id: Tally(tally_id, ("captured|12",)) for tally_id in ("a", "b", "c")}
    assert _ids(connected_components(never, region)) == [["a", "b", "c"]]


def test_claims_and_quotes_are_the_stages_linked_by_their_one_key() -> None:
    assert CLAIMS.linked_by_key and QUOTES.linked_by_key
