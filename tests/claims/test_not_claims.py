"""Numbers that are not claims: dates, years, times, ages, durations, addresses, phones, names."""

from __future__ import annotations

import pytest
from claims_helpers import claims_of


@pytest.mark.parametrize("text", [
    "The offensive began on 12 August 2021.",
    "The offensive began on August 12.",
    "It happened on the 9th of August.",
    "The talks resumed at 9 pm on Tuesday.",
    "He was born in 1975 and joined the army in 1994.",
    "A 32-year-old teacher was among the dead.",
    "The commander, Hamid Sayed, 45, was wounded.",
    "The victim, aged 70, died in hospital.",
    "The fighting lasted three days.",
    "The war has lasted 20 years.",
    "Families have fled in the past two months.",
    "The 24-hour truce was broken within minutes.",
    "A three-day meeting opened in the capital.",
    "The embassy is at 14 Victoria Road.",
    "Call the hotline on 0700 123 456 for information.",
    "Call 555-123-4567 for help.",
    "Security Council Resolution 2593 was adopted unanimously.",
    "Flight 302 landed safely in Nairobi.",
    "No one was hurt.",
    "They met for the first time in a decade.",
    "1. Close the border.",
    "The old fort was built in 1790.",
    "The mound dates from 500 BC.",
    "The council approved the plan on a 3-2 vote.",
    "Fighters blocked Route 83 south of the town.",
    "The fire started in the 900 block of Main Street.",
    "Residents still talk about the '05 flood.",
    "Jane Ward, 64, of Ashford was arrested.",
    "It was the fifth floor of the building.",
    "It was the third annual fair.",
    "We have to take one step at a time.",
    "Police said the road was closed on 21 March.",
    "The fair was held on Feb. 14 and 15.",
    "People queued in sub-zero weather.",
    "The council approved an 18-to-24-month plan.",
])
def test_number_is_not_a_claim(text: str) -> None:
    assert claims_of(text) == ()


def test_a_year_beside_a_count_leaves_the_count() -> None:
    found = claims_of("In 2015, 1,500 fighters crossed the river.")
    assert [(claim.value, claim.subject) for claim in found] == [(1500, "fighters")]


def test_weekday_does_not_make_a_count_a_date() -> None:
    found = claims_of("On Tuesday 12 soldiers were captured.")
    assert [(claim.value, claim.subject) for claim in found] == [(12, "soldiers")]


def test_amount_keeps_its_value_when_a_time_phrase_follows() -> None:
    found = claims_of("Fares dropped to about $150 last summer.")
    assert [(claim.value, claim.unit, claim.text) for claim in found] == [(150, "USD", "about $150")]


def test_range_is_not_a_score() -> None:
    found = claims_of("Between 10-20 villagers were abducted.")
    assert [claim.value for claim in found] == [10]
