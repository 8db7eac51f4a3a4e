"""Finding and normalising the time expressions of sentences written here."""

from __future__ import annotations

from datetime import date

from dates_helpers import WEDNESDAY, parse

from sitrep.extract.dates import TimeExtractor, find_candidates
from sitrep.extract.nlp import _TEXT_KEY
from sitrep.records import TimeMention, TimePrecision

REPORT = (
    "Fighters entered Karvand around midnight after more than a week of shelling, officials said on "
    "Wednesday. The district chief had fled three days ago, and the garrison at Selm surrendered hours "
    "before the town fell. Some 40,000 people have been displaced in the past two months, and a "
    "78-year-old resident said he had lived there for 20 years. Talks will resume next week."
)


def extract(text: str, anchor: date | None = WEDNESDAY) -> tuple[TimeMention, ...]:
    return TimeExtractor()(parse(text), "article-1", anchor)


def found(text: str, anchor: date | None = WEDNESDAY) -> dict[str, str | None]:
    return {mention.text: mention.value for mention in extract(text, anchor)}


def test_a_report_yields_its_points_in_time_and_skips_durations_and_ages() -> None:
    assert found(REPORT) == {
        "around midnight": "2021-08-11",
        "Wednesday": "2021-08-11",
        "three days ago": "2021-08-08",
        "hours before": "2021-08-11",
        "the past two months": "2021-06-11/2021-08-11",
        "next week": "2021-W33",
    }


def test_mentions_point_into_the_text_in_order_with_the_component_name() -> None:
    mentions = extract(REPORT)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for mention in mentions:
        assert REPORT[mention.start:mention.end] == mention.text
        assert (mention.article_id, mention.component) == ("article-1", "sitrep.dates.rules.v1")
    first = mentions[0]
    assert (first.precision, first.first_day, first.last_day) == (
        TimePrecision.DAY, date(2021, 8, 11), date(2021, 8, 11))


def test_expressions_spacy_misses_are_found() -> None:
    text = "Shelling went on overnight. The convoy left at dawn and the rebels retreated moments later."
    values = found(text)
    assert values["overnight"] == "2021-08-11"
    assert values["dawn"] == "2021-08-11"
    assert values["moments later"] == "2021-08-11"


def test_the_tense_of_the_sentence_turns_a_month_forward_or_back() -> None:
    assert found("The militia captured the dam in December.") == {"December": "2020-12"}
    assert found("Elections will be held in December.") == {"December": "2021-12"}


def test_a_range_is_split_and_a_possessive_is_left_out() -> None:
    values = found("Roads were closed from Aug. 2 to Aug. 5, after last year's floods.")
    assert values == {"Aug. 2": "2021-08-02", "Aug. 5": "2021-08-05", "last year": "2020"}


def test_now_that_and_soon_after_are_not_times() -> None:
    assert found("Now that the bridge is open, aid arrives soon after dark.") == {}


def test_without_a_publication_date_relative_mentions_have_no_value() -> None:
    mentions = extract("The town fell on Tuesday, three weeks after the 2019 accord.", None)
    assert {m.text: (m.value, m.precision) for m in mentions} == {
        "Tuesday": (None, TimePrecision.UNKNOWN), "2019": ("2019", TimePrecision.YEAR)}


def test_candidates_merge_an_entity_with_the_pattern_that_extends_it() -> None:
    doc = parse("The garrison surrendered hours before the town fell.")
    assert [doc.text[c.start:c.end] for c in find_candidates(doc)] == ["hours before"]


def test_pipe_gives_one_tuple_per_document() -> None:
    docs = [(parse("The road reopened on Tuesday."), "a", WEDNESDAY), (parse("No date here."), "b", None)]
    results = list(TimeExtractor().pipe(docs))
    assert [[m.value for m in result] for result in results] == [["2021-08-10"], []]


def test_the_text_is_built_once_and_shared_with_the_later_steps() -> None:
    doc = parse("Shelling resumed on Wednesday near the river.")
    TimeExtractor()(doc, "article-1", WEDNESDAY)
    assert doc.user_data[_TEXT_KEY] == doc.text  # the places, events and claims steps read it there
