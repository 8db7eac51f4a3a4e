"""The TimeML scorer on small files written here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.evaluation.timebank import (
    evaluate_meantime,
    evaluate_timebank,
    granularity,
    is_correct,
    read_meantime,
    read_timeml,
)
from sitrep.extract.dates import Normalised
from sitrep.extract.timex.values import make_day, make_month, make_year
from sitrep.records import TimePrecision

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>test_0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-08-11"
 functionInDocument="CREATION_TIME">08/11/21</TIMEX3></DCT>
<TEXT>
Rebels <EVENT eid="e1" class="OCCURRENCE">seized</EVENT> Karvand \
<TIMEX3 tid="t1" type="DATE" value="2021-08-10">Tuesday</TIMEX3>, \
officials said <TIMEX3 tid="t2" type="DATE" value="PRESENT_REF">now</TIMEX3>.
The siege lasted <TIMEX3 tid="t3" type="DURATION" value="P3W">three weeks</TIMEX3> and began \
in <TIMEX3 tid="t4" type="DATE" value="2021-07">July</TIMEX3>; \
a first assault failed <TIMEX3 tid="t5" type="DATE" value="2020">last year</TIMEX3> \
and the town was calm at <TIMEX3 tid="t6" type="DATE" value="PAST_REF">the time</TIMEX3>.
</TEXT>
</TimeML>
"""

MEANTIME = """<?xml version="1.0" ?><Document doc_id="1" doc_name="test" lang="en">
<token number="0" sentence="0" t_id="1">Talks</token>
<token number="1" sentence="0" t_id="2">resumed</token>
<token number="2" sentence="0" t_id="3">on</token>
<token number="3" sentence="0" t_id="4">Tuesday</token>
<token number="4" sentence="0" t_id="5">.</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="9" type="DATE" value="2021-08-11"/>
<TIMEX3 functionInDocument="NONE" m_id="10" type="DATE" value="2021-08-10"><token_anchor t_id="4"/></TIMEX3>
</Markables>
</Document>
"""


@pytest.fixture
def timeml_folder(tmp_path: Path) -> Path:
    (tmp_path / "test_0001.tml").write_text(TIMEML, encoding="utf-8")
    return tmp_path


def test_read_timeml_keeps_offsets_into_the_plain_text(timeml_folder: Path) -> None:
    document = read_timeml(timeml_folder / "test_0001.tml")
    assert document.creation_date == date(2021, 8, 11)
    assert "<" not in document.text
    assert [(t.text, t.type, t.value) for t in document.timexes][:3] == [
        ("Tuesday", "DATE", "2021-08-10"), ("now", "DATE", "PRESENT_REF"), ("three weeks", "DURATION", "P3W")]
    for timex in document.timexes:
        assert document.text[timex.start:timex.end] == timex.text


def test_evaluate_timebank_scores_values_and_spans(timeml_folder: Path) -> None:
    metrics = evaluate_timebank(timeml_folder)
    assert (metrics["documents"], metrics["date_items"], metrics["items_4_granularities"]) == (1, 5, 3)
    assert metrics["value_accuracy"] == 1.0  # Tuesday, July, last year
    assert metrics["value_accuracy_all_date"] == 0.8  # "the time" is not resolved
    by_granularity = metrics["by_granularity"]
    assert by_granularity["day"] == {"items": 1, "accuracy": 1.0}  # type: ignore[index]
    spans = metrics["spans"]
    assert spans["gold"] == 6  # type: ignore[index]
    assert 0 < spans["recall"] <= 1 and 0 < spans["precision"] <= 1  # type: ignore[index]
    assert set(metrics["speed"]) >= {"ms_per_expression", "spacy_ms_per_document"}  # type: ignore[arg-type]


def test_evaluate_meantime_reads_tokens_back_into_text(tmp_path: Path) -> None:
    (tmp_path / "test.xml").write_text(MEANTIME, encoding="utf-8")
    document = read_meantime(tmp_path / "test.xml")
    assert document.text == "Talks resumed on Tuesday."
    assert [(t.text, t.value) for t in document.timexes] == [("Tuesday", "2021-08-10")]
    assert evaluate_meantime(tmp_path)["value_accuracy"] == 1.0


def test_an_empty_folder_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no TimeML"):
        evaluate_timebank(tmp_path)


@pytest.mark.parametrize(("value", "kind"), [
    ("2021-08-11", "day"), ("2021-W32", "week"), ("2021-08", "month"), ("2021", "year"),
    ("2021-Q3", "other"), ("PAST_REF", "other"), ("2021-W32-WE", "other"),
])
def test_granularity_of_gold_values(value: str, kind: str) -> None:
    assert granularity(value) == kind


def test_an_answer_is_right_when_it_lies_inside_the_gold_period() -> None:
    assert is_correct(make_day(date(2021, 8, 11)), "2021-W32")
    assert is_correct(make_month(2021, 8), "2021")
    assert not is_correct(make_year(2021), "2021-08")
    assert not is_correct(None, "2021")
    assert not is_correct(Normalised(None, TimePrecision.UNKNOWN), "2021")
    assert is_correct(Normalised("PAST_REF", TimePrecision.UNKNOWN), "PAST_REF")
