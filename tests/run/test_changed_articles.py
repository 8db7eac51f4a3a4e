"""A recomputed group tells which articles' records changed, so later stages redo only those."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from conftest import make_article
from sitrep.run.stages import Stage, update_stage
from sitrep.store import Store
from sitrep.store.base import FusedRow

DAY = date(2025, 6, 2)


@dataclass(frozen=True, slots=True)
class Report:
    """A test item: every report shares the key "front"; `label` decides its record."""

    report_id: str
    article_id: str
    label: str


def _split(reports: Sequence[Report]) -> list[list[str]]:
    by_label: dict[str, list[str]] = {}
    for report in sorted(reports, key=lambda report: report.report_id):
        by_label.setdefault(report.label, []).append(report.report_id)
    return [members for _, members in sorted(by_label.items())]


def _row(record: list[str], group_id: str) -> FusedRow:
    return FusedRow(kind="report", record_id=record[0], group_id=group_id, data=json.dumps(record))


STAGE: Stage[Report, list[str]] = Stage(
    kind="report", item_type=Report, item_id=lambda report: report.report_id,
    article_id=lambda report: report.article_id, day=lambda report: DAY, keys=lambda report: ("front",),
    linked=lambda a, b: True, cluster=_split, record_id=lambda record: record[0],
    members=lambda record, component: list(record), describe=_row, window_days=7)


def _reports(store: Store, labels: Sequence[str]) -> list[Report]:
    made = []
    for number, label in enumerate(labels):
        article = make_article(f"Report {number} from the front, filed under {label}.")
        store.save_batch([article], [])
        made.append(Report(f"r{number}", article.id, label))
    return made


def test_a_record_that_stands_as_before_leaves_its_articles_out(store: Store) -> None:
    first, second, third = _reports(store, ["ambush", "shelling", "shelling"])
    with store.fusion() as session:
        update_stage(session, STAGE, [first.article_id, second.article_id], [first, second])
        change = update_stage(session, STAGE, [third.article_id], [third])
    assert change.article_ids == {first.article_id, second.article_id, third.article_id}
    # "ambush" is the same record with the same member; "shelling" gained a member.
    assert change.changed_article_ids == {second.article_id, third.article_id}


def test_an_updated_article_counts_as_changed_even_when_its_record_stands(store: Store) -> None:
    first, second = _reports(store, ["ambush", "shelling"])
    with store.fusion() as session:
        update_stage(session, STAGE, [first.article_id, second.article_id], [first, second])
        change = update_stage(session, STAGE, [first.article_id], [first])
    assert change.changed_article_ids == {first.article_id}
