"""One definition of a factual modality, symmetric kinds in the ontology, and no word lists left in the
modules whose words moved to data/lang/en/."""

from __future__ import annotations

from pathlib import Path

import pytest
from word_constants import word_constants

from sitrep.errors import ConfigError
from sitrep.extract.lang_data import load_language_ontology
from sitrep.extract.ontology import load_ontology
from sitrep.fuse.events_compat import SYMMETRIC_KINDS, modality_group
from sitrep.records import FACTUAL_MODALITIES, Modality
from sitrep.store.base import FACTUAL_MODALITIES as LISTED_BY_DEFAULT

SOURCE = Path(__file__).parents[2] / "src" / "sitrep"
# Modules whose English word lists live in data/lang/en/ now.
MOVED = ("extract/attribution.py", "extract/claims.py", "extract/quotes.py", "geo/cues.py",
         "extract/timex/clean.py", "extract/timex/finder.py", "extract/timex/tense.py",
         "extract/events/location.py")


def test_factual_is_asserted_reported_claimed() -> None:
    assert [m for m in Modality if m.is_factual] == [Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED]
    assert FACTUAL_MODALITIES == LISTED_BY_DEFAULT == (Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED)


def test_fusion_groups_every_factual_modality_together() -> None:
    assert {modality_group(m) for m in FACTUAL_MODALITIES} == {"happened"}
    assert modality_group(Modality.DENIED) == "denied"
    assert modality_group("threatened") == "threatened"  # type: ignore[arg-type]  # as read back from a store


def test_symmetric_kinds_come_from_the_ontology() -> None:
    assert SYMMETRIC_KINDS == load_ontology().symmetric == {"Armed clash", "Negotiations", "Agreement"}
    assert load_language_ontology("fr").symmetric == SYMMETRIC_KINDS


def test_changing_control_is_the_territory_flag() -> None:
    assert load_ontology().territory_names() == {"Non-state actor overtakes territory",
                                                 "Government regains territory",
                                                 "Non-violent transfer of territory"}


def test_an_unknown_symmetric_kind_names_its_file(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("symmetric_sub_event_types: [Armed clashes]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"extra\.yaml: symmetric_sub_event_types names 'Armed clashes'"):
        load_ontology([extra])


def test_moved_modules_hold_no_word_lists() -> None:
    left = [c for c in word_constants(SOURCE) if c.module in MOVED]
    assert left == []


def test_the_counter_counts_words_not_labels(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        'A = frozenset({"say", "tell", "warn"})\n'
        'B = frozenset("north south east".split())\n'
        'C = frozenset({"nsubj", "dobj", "prep"})\n'
        'D = frozenset({"PERSON", "ORG", "GPE"})\n'
        '__all__ = ["one", "two", "three"]\n'
        'E = {"one": 1, "two": 2}\n',
        encoding="utf-8",
    )
    assert [(c.name, c.words) for c in word_constants(tmp_path)] == [("A", 3), ("B", 3)]
