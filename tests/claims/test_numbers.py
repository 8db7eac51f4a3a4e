"""sitrep.extract.numbers: reading numbers from tokens, and telling the numbers that count nothing."""

from __future__ import annotations

import pytest
from claims_helpers import parse
from spacy.tokens import Doc

from sitrep.extract.numbers import (
    NotQuantity,
    Number,
    NumberKind,
    currency_code,
    is_position,
    is_time_unit,
    not_quantity_reason,
    read_noun_phrase,
    read_number,
    scale_of,
)


def _first_number(text: str) -> tuple[float, str, str]:
    """(value, kind, text) of the first number read in `text`."""
    doc = parse(text)
    for index in range(len(doc)):
        number = read_number(doc, index)
        if number is not None:
            return number.value, number.kind, doc[number.start:number.end].text
    raise AssertionError(f"no number in {text!r}")


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("They saw nine trucks.", 9, "cardinal"),
    ("They saw eleven trucks.", 11, "cardinal"),
    ("They saw twenty-five trucks.", 25, "cardinal"),
    ("They saw two hundred and fifty trucks.", 250, "cardinal"),
    ("They saw a dozen trucks.", 12, "cardinal"),
    ("They saw a million trucks.", 1_000_000, "cardinal"),
    ("They saw 60,000 trucks.", 60_000, "cardinal"),
    ("They spent 3.3 billion dollars.", 3.3e9, "cardinal"),
    ("They spent $2.5m on it.", 2.5e6, "cardinal"),
    ("They spent £1.2bn on it.", 1.2e9, "cardinal"),
    ("They spent £45m.", 45e6, "cardinal"),
    ("They hold half of the valley.", 0.5, "fraction"),
    ("They hold two-thirds of the valley.", 2 / 3, "fraction"),
    ("They hold a quarter of the valley.", 0.25, "fraction"),
    ("Tens of thousands of people fled.", 10_000, "vague"),
    ("Hundreds of people fled.", 100, "vague"),
    ("It was the ninth town to fall.", 9, "ordinal"),
    ("It was the 11th town to fall.", 11, "ordinal"),
])
def test_reads_written_numbers(text: str, value: float, kind: str) -> None:
    read_value, read_kind, _ = _first_number(text)
    assert read_value == pytest.approx(value)
    assert read_kind == kind


def test_and_joins_only_inside_one_number() -> None:
    value, _, words = _first_number("Between two and three villages burned.")
    assert (value, words) == (2, "two")


def test_first_and_second_are_not_ordinal_counts() -> None:
    doc = parse("For the first time, a second convoy arrived.")
    assert all(read_number(doc, index) is None for index in range(len(doc)))


def _number_at(text: str, word: str) -> tuple[Doc, Number]:
    """The parsed doc of `text` and the number read at the first token `word`."""
    doc = parse(text)
    index = next(token.i for token in doc if token.text == word)
    number = read_number(doc, index)
    assert number is not None, f"no number at {word!r} in {text!r}"
    return doc, number


def test_kinds_are_named() -> None:
    doc = parse("It was the ninth town to fall.")
    number = read_number(doc, 3)
    assert number is not None and number.kind is NumberKind.ORDINAL and number.kind.value == "ordinal"


@pytest.mark.parametrize(("text", "word", "reason"), [
    ("The offensive began on 12 August 2021.", "12", NotQuantity.DATE_OR_TIME),
    ("He joined the army in 1994.", "1994", NotQuantity.DATE_OR_TIME),
    ("The talks resumed at 9 pm.", "9", NotQuantity.DATE_OR_TIME),
    ("The victim, aged 70, died in hospital.", "70", NotQuantity.AGE),
    ("Call 555-123-4567 for help.", "555", NotQuantity.PHONE_OR_CODE),
    ("The embassy is at 14 Victoria Road.", "14", NotQuantity.ADDRESS),
    ("Flight 302 landed safely.", "302", NotQuantity.NAME),
    ("A three-day meeting opened.", "three", NotQuantity.COMPOUND_WORD),
    ("The council approved the plan on a 3-2 vote.", "3", NotQuantity.SCORE),
    ("No one was hurt.", "one", NotQuantity.PRONOUN),
    ("Residents still talk about the 05 flood.", "05", NotQuantity.LEADING_ZERO),
])
def test_names_why_a_number_counts_nothing(text: str, word: str, reason: NotQuantity) -> None:
    doc, number = _number_at(text, word)
    assert not_quantity_reason(doc, number) is reason


def test_list_marker_at_the_start_of_a_line() -> None:
    doc, number = _number_at("Steps:\n1. Close the border.", "1")
    assert not_quantity_reason(doc, number) is NotQuantity.LIST_MARKER


@pytest.mark.parametrize(("text", "word"), [
    ("At least 27 people died in the blast.", "27"),
    ("In 2015, 1,500 fighters crossed the river.", "1,500"),
    ("The rebels hold seven of the 21 districts.", "seven"),
])
def test_counts_have_no_reason(text: str, word: str) -> None:
    doc, number = _number_at(text, word)
    assert not_quantity_reason(doc, number) is None


@pytest.mark.parametrize(("text", "word", "scale"), [
    ("They pledged 20 million dollars.", "20", 10**6),
    ("They pledged $2.5m.", "2.5", 10**6),
    ("They pledged $2.5m for it.", "2.5", 10**6),
    ("They pledged two billion dollars.", "two", 10**9),
    ("They pledged 20 dollars.", "20", 1),
    ("They saw a dozen trucks.", "a", 1),
])
def test_scale_a_number_ends_with(text: str, word: str, scale: int) -> None:
    doc, number = _number_at(text, word)
    assert scale_of(doc, number) == scale


@pytest.mark.parametrize(("text", "code"), [("$", "USD"), ("US$", "USD"), ("£", "GBP"), ("EUR", "EUR"),
                                            ("AFN", "AFN"), ("Dollar", None), ("eur", None)])
def test_currency_codes(text: str, code: str | None) -> None:
    assert currency_code(text) == code


def test_counted_noun_phrase_and_what_it_says() -> None:
    doc = parse("Rebels took the fifth floor after three days and seized 12 armoured vehicles.")
    floor = read_noun_phrase(doc, 4)
    assert floor is not None and doc[floor[0]:floor[1]].text == "floor"
    assert is_position(doc, (3, 5))
    days = read_noun_phrase(doc, 7)
    assert days is not None and is_time_unit(doc[days[1] - 1])
    vehicles = read_noun_phrase(doc, 11)
    assert vehicles is not None and doc[vehicles[0]:vehicles[1]].text == "armoured vehicles"
    assert not is_position(doc, vehicles) and not is_time_unit(doc[vehicles[1] - 1])
