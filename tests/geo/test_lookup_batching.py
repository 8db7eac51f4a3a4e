"""Gazetteer lookups asked together: the same answers as one by one, in fewer SQLite queries."""

from __future__ import annotations

from pathlib import Path

import pytest
from geo_helpers import build_fixture_gazetteer

from sitrep.extract.nlp import load_model
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.recognize import read_toponyms
from sitrep.geo.resolve import Resolver
from sitrep.geo.toponym import describe_span

KEYS = ["kabul", "al kabul", "taluqan", "new delhi", "the quiet valley", "ar herat", "", "pul e khumri"]


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny fixture gazetteer's file, built once for the module."""
    return build_fixture_gazetteer(tmp_path_factory.mktemp("gazetteer")).path


def _counting(gazetteer: Gazetteer) -> list[str]:
    """The SQL statements the gazetteer runs from now on."""
    statements: list[str] = []
    gazetteer.connection.set_trace_callback(statements.append)
    return statements


def test_keys_known_together_answer_as_one_by_one(path: Path) -> None:
    one_by_one = Gazetteer(path)
    expected = [one_by_one.has_key(key) for key in KEYS]
    together = Gazetteer(path)
    statements = _counting(together)
    together.know_keys(KEYS)
    assert len(statements) == 1
    assert [together.has_key(key) for key in KEYS] == expected
    assert len(statements) == 1  # every answer came from the batch
    assert expected[:4] == [True, True, True, True] and expected[4] is False


def test_known_keys_are_not_asked_again(path: Path) -> None:
    gazetteer = Gazetteer(path)
    gazetteer.know_keys(["kabul"])
    statements = _counting(gazetteer)
    gazetteer.know_keys(["kabul", "kabul"])
    assert statements == []


def test_similar_names_are_asked_once_and_copied(path: Path) -> None:
    gazetteer = Gazetteer(path)
    first = gazetteer.similar("Taluqan")
    statements = _counting(gazetteer)
    first.clear()  # a caller's list: changing it leaves the cache alone
    again = gazetteer.similar("Taluqan")
    assert statements == []
    fresh = Gazetteer(path).similar("Taluqan")
    assert again and [match.entry.name for match in again] == [match.entry.name for match in fresh]


def test_a_document_asks_its_candidate_names_in_one_query(path: Path) -> None:
    gazetteer = Gazetteer(path)
    doc = load_model()("Convoys left Kabul for Pul-e Khumri and New Delhi "
                       "while the Quiet Valley Road was shut.")
    statements = _counting(gazetteer)
    names = [doc.text[toponym.start : toponym.end] for toponym in read_toponyms(doc, gazetteer).toponyms]
    assert {"Kabul", "New Delhi"} <= set(names)
    assert not [statement for statement in statements if "limit 1" in statement]  # no lookup one by one
    assert len([statement for statement in statements if "select distinct key" in statement]) == 1


def test_every_mention_of_a_name_resolves_alike_with_its_own_offsets(path: Path) -> None:
    doc = load_model()("Kabul was calm on Monday. By evening Kabul was not.")
    first, second = (describe_span(doc, ent.start_char, ent.end_char, label="GPE")
                     for ent in (doc[0:1], doc[8:9]))
    resolutions = Resolver(Gazetteer(path)).resolve([first, second])
    assert [resolution.toponym.start for resolution in resolutions] == [0, doc[8].idx]
    assert resolutions[0].entry == resolutions[1].entry and resolutions[0].entry is not None
    assert resolutions[0].candidates == resolutions[1].candidates
    assert resolutions[0].score == resolutions[1].score
