"""The details view of the events-corpus scorer: each failure with its sentence and a guessed cause."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep.errors import ConfigError
from sitrep.evaluation.events_corpus import GoldEvent, Report
from sitrep.evaluation.events_details import explain_events
from sitrep.evaluation.tasks import evaluate
from sitrep.records import Article, CodedEvent, Modality

TEXT = ("Rebels took Northtown on Tuesday. The army shelled Southtown on Monday. "
        "The rebels vowed to take Easttown.")
NORTHTOWN = (10.0, 20.0)
SOUTHTOWN = (11.0, 21.0)


def gold(event_id: str, sub_event_type: str, point: tuple[float, float], day: date, *,
         event_type: str = "Battles", reports: tuple[str, ...] = ("a.txt",)) -> GoldEvent:
    """A gold event on one day at `point`."""
    return GoldEvent(event_id, sub_event_type, event_type, "somewhere", point[0], point[1], day, day,
                     frozenset({"rebels"}), optional=False, reports=reports)


def coded(trigger: str, sub_event_type: str, point: tuple[float, float], day: date | None, *,
          event_type: str = "Battles", modality: Modality = Modality.ASSERTED) -> CodedEvent:
    """A coded event of the test article whose trigger is the first `trigger` of TEXT."""
    start = TEXT.index(trigger)
    sentence_start = TEXT.rfind(". ", 0, start) + 2 if ". " in TEXT[:start] else 0
    sentence_end = TEXT.index(".", start) + 1
    return CodedEvent(
        article_id="a1", trigger_start=start, trigger_end=start + len(trigger), trigger=trigger,
        component="test", event_type=event_type, sub_event_type=sub_event_type, modality=modality,
        confidence=0.9, event_date=day, time_precision=1, actor1="Rebels", actor1_type=None, actor2=None,
        actor2_type=None, country=None, country_code=None, admin1=None, location="Town", geonameid=None,
        latitude=point[0], longitude=point[1], geo_precision=1, fatalities=None, source=None,
        evidence_start=sentence_start, evidence_end=sentence_end, notes="")


def report(*events: CodedEvent, name: str = "a.txt") -> Report:
    """The test article with `events`, published on Wednesday 6 March 2030."""
    return Report(name, Article(id="a1", text=TEXT, published_at=date(2030, 3, 6)), events)


TUESDAY, MONDAY = date(2030, 3, 5), date(2030, 3, 4)


def test_a_false_positive_on_the_wrong_day_is_a_date_failure_with_its_sentence() -> None:
    takeover = "Non-state actor overtakes territory"
    details = explain_events([gold("EV1", takeover, NORTHTOWN, date(2030, 3, 1))],
                             [report(coded("took", takeover, NORTHTOWN, date(2030, 3, 6)))], [])
    [false] = details["false_positives"]
    assert false["cause"] == "date" and false["near"].startswith("EV1 ")
    assert false["dated_by_publication"] is True
    assert false["sentence"] == "Rebels took Northtown on Tuesday."
    assert details["false_by_cause"] == {"date": 1}


def test_place_sub_type_and_unknown_causes_are_told_apart() -> None:
    takeover, shelling = "Non-state actor overtakes territory", "Shelling/artillery/missile attack"
    gold_events = [gold("EV1", takeover, NORTHTOWN, TUESDAY),
                   gold("EV2", shelling, SOUTHTOWN, MONDAY, event_type="Explosions/Remote violence")]
    remote = "Explosions/Remote violence"
    events = (coded("took", takeover, SOUTHTOWN, TUESDAY),  # wrong town
              coded("shelled", "Air/drone strike", SOUTHTOWN, MONDAY, event_type=remote),
              coded("took", "Armed clash", (40.0, 40.0), date(2031, 1, 1)))  # nothing like it
    details = explain_events(gold_events, [report(*events)], [])
    assert [f["cause"] for f in details["false_positives"]] == ["place", "sub_type", "no_gold"]


def test_every_event_of_a_distractor_report_is_wrong_for_that_reason() -> None:
    takeover = "Non-state actor overtakes territory"
    details = explain_events([], [report(coded("took", takeover, NORTHTOWN, TUESDAY))], [],
                             distractors=frozenset({"a.txt"}))
    assert details["false_by_cause"] == {"distractor": 1}


def test_a_miss_lists_the_predictions_of_its_reports_and_why_they_failed() -> None:
    takeover = "Non-state actor overtakes territory"
    details = explain_events([gold("EV1", takeover, NORTHTOWN, TUESDAY)],
                             [report(coded("took", takeover, NORTHTOWN, date(2030, 3, 9)))], [])
    [miss] = details["misses"]
    assert miss["gold"].startswith("EV1 ") and miss["reports"] == ["a.txt"]
    assert [tried["why"] for tried in miss["tried"]] == [["date"]]


def test_a_violation_names_its_category_quote_and_event() -> None:
    nonevent = {"file": "a.txt", "quote": "vowed to take Easttown", "category": "vow"}
    vow = coded("take Easttown", "Non-state actor overtakes territory", NORTHTOWN, TUESDAY)
    details = explain_events([], [report(vow)], [nonevent])
    [violation] = details["violations"]
    assert violation["category"] == "vow" and violation["trigger"] == "take Easttown"
    assert violation["sentence"] == "The rebels vowed to take Easttown."
    unrealised = coded("take Easttown", "Non-state actor overtakes territory", NORTHTOWN, TUESDAY,
                       modality=Modality.THREATENED)
    assert explain_events([], [report(unrealised)], [nonevent])["violations"] == []


def test_a_task_without_a_details_view_says_so(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no details view"):
        evaluate("timebank", tmp_path, details=True)


def test_the_cli_prints_each_failure_with_its_evidence(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    from sitrep.cli import evaluate as evaluate_cli

    def fake(task: str, data: Path, *, limit: int | None = None, details: bool = False) -> dict[str, Any]:
        found = {"false_positives": [{"cause": "date", "trigger": "took", "sentence": "Rebels  took it."}]}
        return {"precision": 0.5, **({"details": found} if details else {})}

    monkeypatch.setattr("sitrep.evaluation.tasks.evaluate", fake)
    result = CliRunner().invoke(evaluate_cli.evaluate_command, ["events-corpus", str(tmp_path), "--details"])
    assert result.exit_code == 0, result.output
    assert "== false_positives" in result.output
    assert "cause=date; trigger=took" in result.output and "> Rebels took it." in result.output
    plain = CliRunner().invoke(evaluate_cli.evaluate_command, ["events-corpus", str(tmp_path)])
    assert "false_positives" not in plain.output
