"""The relevance prefilter's score: cue kinds, the score a text's length needs, languages, the data files."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import pytest

from sitrep.errors import ConfigError
from sitrep.extract.lexicon import read_section
from sitrep.extract.relevance import (
    OFF_TOPIC_REASON,
    RelevanceFilter,
    RelevanceWords,
    language_relevance_words,
    set_aside,
)
from sitrep.records import Article


def words(cues: dict[str, float], *, threshold: float = 2.0, threshold_words: int = 40,
          least_score: float = 0.5) -> RelevanceWords:
    return RelevanceWords(threshold=threshold, threshold_words=threshold_words, least_score=least_score,
                          cues=MappingProxyType(cues))


FILTER = RelevanceFilter({"en": words({"shelled": 1.0, "militia*": 1.0, "air strike": 1.0,
                                       "drone strike*": 1.0, "police": 0.5})})
FILLER = " The harvest festival drew families to the market square for music and food." * 6


def test_exact_prefix_and_pair_cues_each_count_once() -> None:
    verdict = FILTER.score("Militiamen shelled the road; militias shelled it again after an air strike.")
    assert verdict.cues == ("air strike", "militia*", "shelled")
    assert verdict.score == 3.0


def test_a_pair_cue_needs_both_words_in_a_row() -> None:
    assert FILTER.score("The air was still before the strike.").cues == ()
    assert FILTER.score("Two drone strikes hit the depot.").cues == ("drone strike*",)


def test_a_cue_is_a_whole_word_not_a_part_of_one() -> None:
    assert FILTER.score("The unshelled peanuts and the policeman's hat.").cues == ()


def test_a_short_text_needs_less_than_a_long_one() -> None:
    sentence = "Police said the bridge was closed."
    assert FILTER.score(sentence).relevant  # one weak cue: a sentence has room for no more
    assert not FILTER.score(sentence + FILLER).relevant
    long_report = "Militia fighters shelled the town before an air strike." + FILLER
    verdict = FILTER.score(long_report)
    assert verdict.needed == 2.0 and verdict.relevant


def test_the_score_needed_grows_with_length_between_its_bounds() -> None:
    shape = words({}, threshold=3.0, threshold_words=400, least_score=0.25)
    assert [shape.needed(n) for n in (10, 100, 200, 400, 4000)] == [0.25, 0.75, 1.5, 3.0, 3.0]


def test_a_text_with_no_cue_is_set_aside() -> None:
    article = Article(id="a1", text="The council approved a new budget for the library." + FILLER)
    assert not FILTER(article)
    kept, aside = FILTER.split([article, Article(id="a2", text="Militia units shelled the port.")])
    assert ([a.id for a in kept], [a.id for a in aside]) == (["a2"], ["a1"])
    extraction = set_aside(article)
    assert extraction.failure == OFF_TOPIC_REASON == "not-extracted: off-topic"
    assert extraction.components == ("sitrep.relevance.words.v1",) and extraction.events == ()


def test_languages_without_words_or_pipeline_keep_every_article() -> None:
    quiet = "The council approved a new budget." + FILLER
    assert FILTER.score(quiet, "de").relevant  # no pipeline: left to the language's own reason
    assert FILTER.score(quiet, "fr").relevant  # a pipeline but no words given here
    assert not FILTER.score(quiet, "en-GB").relevant


@pytest.mark.parametrize(("text", "language"), [
    ("Rebel fighters shelled the outskirts of the provincial capital overnight, and troops withdrew "
     "from two checkpoints after the clashes, a local official said.", "en"),
    ("Des hommes armés ont attaqué un poste militaire ; trois soldats ont été tués dans les "
     "affrontements, selon une source sécuritaire.", "fr"),
])
def test_the_shipped_words_keep_a_conflict_report(text: str, language: str) -> None:
    assert RelevanceFilter().score(text, language).relevant


def test_the_shipped_words_set_aside_a_long_story_on_something_else() -> None:
    text = ("The county fair opened on Friday with a record number of entries in the livestock show. "
            "Organisers said more than four thousand visitors came through the gates on the first day, "
            "and the pie contest drew forty bakers from three towns. A new stage hosted local bands "
            "until late in the evening, and the school choir sang on Saturday morning. ") * 3
    verdict = RelevanceFilter().score(text, "en")
    assert not verdict.relevant and verdict.cues == ()


@pytest.mark.parametrize("code", ["en", "fr"])
def test_the_shipped_files_read_and_hold_sound_numbers(code: str) -> None:
    shipped = language_relevance_words(code)
    assert shipped.cues and 0 < shipped.least_score <= shipped.threshold and shipped.threshold_words > 0
    assert all(0 < weight <= shipped.threshold for weight in shipped.cues.values())


def test_a_missing_threshold_is_an_error_naming_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "relevance.yaml"
    path.write_text("cues:\n  shelled: 1.0\n", encoding="utf-8")
    broken = RelevanceFilter({"en": read_section(RelevanceWords, path)})
    with pytest.raises(ConfigError, match="threshold"):
        broken.score("Artillery shelled the town.")


def test_a_weight_written_as_a_word_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "relevance.yaml"
    path.write_text("threshold: 1.0\ncues:\n  shelled: strong\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="shelled"):
        read_section(RelevanceWords, path)
