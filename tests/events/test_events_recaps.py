"""Recaps: a later report recalling an earlier change of control is no new event, unless it dates it."""

from __future__ import annotations

from datetime import date

import pytest
from events_helpers import ARTICLE, events_in, extractor, parse, places_of, tagger, territory

from sitrep.extract.events.cues import load_event_cues
from sitrep.records import EventMention, TimeMention, TimePrecision


def events_dated(text: str, days: dict[str, date]) -> tuple[EventMention, ...]:
    """The events of `text` with day-precise time mentions for the phrases in `days`."""
    doc = parse(text)
    times = tuple(
        TimeMention(ARTICLE, text.index(phrase), text.index(phrase) + len(phrase), phrase, "test.times",
                    day.isoformat(), TimePrecision.DAY, day, day)
        for phrase, day in days.items()
    )
    return extractor()(doc, ARTICLE, entities=tagger()(doc, ARTICLE), places=places_of(doc), times=times)


def taken_places(text: str) -> list[str]:
    """The places of the territory events of `text` (no time mentions)."""
    return [e.location.text for e in territory(events_in(text)) if e.location is not None]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # nominalised: the capture is named by a noun under a temporal preposition
        ("The army said it had pulled out of Herat, a fresh blow to the government a week after the "
         "loss of Kunduz.", ["Herat"]),
        # subordinate: a relative clause recalls what fell before
        ("Unlike Kunduz and Herat, which fell to the northern alliance, Kandahar was taken by local "
         "militias, the monitor said.", ["Kandahar"]),
        # subordinate: a clause under a temporal mark, even when the parser reads the mark as a preposition
        ("Many families had left for the south in the days before the city of Kandahar fell.", []),
        # summary: a campaign's gains listed in one breath
        ("The offensive began on Monday and took Kunduz, Herat and Kandahar in quick succession.", []),
    ],
)
def test_a_recap_without_its_own_date_is_no_new_capture(text: str, kept: list[str]) -> None:
    assert taken_places(text) == kept


def test_a_past_perfect_in_the_narration_is_a_recap() -> None:
    text = "The militia had entered the town of Kunduz as part of a wider push."
    assert taken_places(text) == []


def test_a_past_perfect_in_a_source_s_words_is_the_news() -> None:
    text = "Rebels said they had taken the city of Kunduz after a night of fighting."
    assert taken_places(text) == ["Kunduz"]


def test_a_recap_with_its_own_date_keeps_it() -> None:
    text = "Militiamen had entered the city of Kunduz on Friday, residents said on Monday."
    found = territory(events_dated(text, {"Friday": date(2024, 3, 8), "Monday": date(2024, 3, 11)}))
    assert [(e.location.text if e.location else None, e.time.text if e.time else None) for e in found] == [
        ("Kunduz", "Friday")
    ]


def test_the_main_capture_stays_when_its_clause_recalls_another() -> None:
    text = "The insurgents took Herat on Thursday, a week after most of Kunduz fell."
    found = territory(events_dated(text, {"Thursday": date(2024, 3, 7)}))
    assert [e.location.text for e in found if e.location is not None] == ["Herat"]


def test_the_recap_words_come_from_the_language_file() -> None:
    cues = load_event_cues()
    assert "before" in cues.recap_marks
    assert "after" in cues.recap_preps
    assert "offensive" in cues.campaign_nouns
    assert "when" not in cues.recap_marks  # "died when jets struck the market" is the news


def test_a_clause_just_after_its_main_clause_takes_that_day() -> None:
    text = "Some 300 soldiers dug in at the airport on Monday after the militia captured Herat."
    found = territory(events_dated(text, {"Monday": date(2024, 3, 4)}))
    assert [e.location.text for e in found if e.location is not None] == ["Herat"]


def test_a_threat_is_no_recap() -> None:
    found = territory(events_in("Commanders warn that the region will burn once Herat falls."))
    assert [e.location.text for e in found if e.location is not None] == ["Herat"]


def test_a_measured_interval_before_a_clause_makes_it_a_recap() -> None:
    text = "The militia entered Herat on Thursday, a week after Kunduz fell to the alliance."
    found = territory(events_dated(text, {"Thursday": date(2024, 3, 7)}))
    assert "fell" not in [e.text for e in found]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a relative clause on a day tells that day's news
        ("The envoy spoke on a day when the insurgents captured Kunduz and Herat.", ["Kunduz", "Herat"]),
        ("The rebels held six towns by nightfall, after a day in which they took Kandahar.", ["Kandahar"]),
        # the present perfect sums up the news so far
        ("Herat is the largest city that the insurgents have taken so far.", ["Herat"]),
    ],
)
def test_a_relative_clause_on_a_time_or_in_the_present_perfect_is_news(text: str, kept: list[str]) -> None:
    assert taken_places(text) == kept, text
