"""Numbers as English news writes them, and the numbers that count nothing.

`read_number(doc, index)` reads the number starting at a token as a `Number` (token bounds, value,
`NumberKind`): digits ("60,000", "3.3 billion", "$2.5m"), words ("twenty-five", "two hundred and
fifty", "a dozen"), fractions before "of" ("two-thirds of" is 2/3), vague plurals valued as ACLED
does ("dozens of" 12, "tens of thousands of" 10,000) and ordinals from "third" up ("ninth", "11th").

`not_quantity_reason(doc, number)` says why a number counts nothing (a `NotQuantity`: a date or
time, an age, a phone number, an address, part of a name, a list marker, part of a hyphenated word,
a score, the pronoun "one", a leading zero), or None. Each check is public on its own, as are the
checks on the noun a number counts (`is_time_unit`, `is_position`, `is_direction`), the word tables
and the currency tables with `currency_code`. Everything here is pure and reads only the `Doc`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from spacy.tokens import Doc, Token

from sitrep.extract.lexicon import ENGLISH, lexicon

# The words live in data/lang/en/numbers.yaml (months in calendar.yaml).
_WORDS = lexicon(ENGLISH).numbers
SMALL = _WORDS.cardinals
TENS = _WORDS.tens
SCALES = _WORDS.scales
# Abbreviated scales written after digits ("$2.5m", "3.3bn", "40 mln").
SUFFIXES = _WORDS.scale_suffixes
DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(" + "|".join(map(re.escape, SUFFIXES)) + ")?$",
                    re.IGNORECASE)
DIGIT_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$", re.IGNORECASE)
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
# A fraction is one part in `parts`: "third" is 1/3.
FRACTIONS = {word: 1 / parts for word, parts in _WORDS.fractions.items()}
# Vague plurals count conservatively, as ACLED codes "dozens" as 12 and "hundreds" as 100.
VAGUE = _WORDS.vague
# "first" and "second" are left out: they rarely count anything ("for the first time", "a second").
ORDINALS = {word: value for word, value in _WORDS.ordinals.items() if word not in _WORDS.uncounted_ordinals}
# Words a written number can start with; anything else is passed over at once.
FIRST_WORDS = frozenset({*SMALL, *TENS, *VAGUE, *ORDINALS, "a", "an", "half"})

CURRENCY_SYMBOLS = _WORDS.currency_symbols
CURRENCY_WORDS: dict[tuple[str, ...], str] = {tuple(words.split()): code
                                              for words, code in _WORDS.currency_words.items()}
ISO_CURRENCIES = frozenset(CURRENCY_SYMBOLS.values()) | frozenset(CURRENCY_WORDS.values()) | frozenset(
    _WORDS.currency_codes)

TIME_UNITS = _WORDS.time_units
# Ordinals before these name a position, not a running tally ("fifth floor", "third annual fair").
NOT_TALLIED = _WORDS.position_nouns
COMPASS = _WORDS.directions
MONTHS = frozenset(lexicon(ENGLISH).calendar.months)
DAYS_IN_MONTH = 31
CLOCK_WORDS = _WORDS.clock_words
ERAS = _WORDS.eras
YEAR_PREPOSITIONS = _WORDS.year_prepositions
AGE_WORDS = _WORDS.age_words
STREET_WORDS = _WORDS.street_words
# Entity labels whose numbers are part of a name ("10 Downing Street", "Resolution 2593").
NAME_LABELS = frozenset({"ORG", "FAC", "PRODUCT", "LAW", "WORK_OF_ART", "EVENT", "GPE", "LOC",
                         "PERSON", "NORP", "LANGUAGE"})
PHONE_MIN_DIGITS = 7
PHONE_JOINERS = frozenset({"-", "+", "(", ")", "."})


class NumberKind(StrEnum):
    """How a number is written: a plain count, a rank, a share of a whole, or a vague plural."""

    CARDINAL = "cardinal"
    ORDINAL = "ordinal"
    FRACTION = "fraction"
    VAGUE = "vague"


@dataclass(frozen=True, slots=True)
class Number:
    """A number read from tokens [start, end): its value and kind."""

    start: int
    end: int
    value: float
    kind: NumberKind


class NotQuantity(StrEnum):
    """Why a number counts nothing: what it is instead."""

    DATE_OR_TIME = "date-or-time"
    AGE = "age"
    PHONE_OR_CODE = "phone-or-code"
    ADDRESS = "address"
    NAME = "name"
    LIST_MARKER = "list-marker"
    COMPOUND_WORD = "compound-word"
    SCORE = "score"
    PRONOUN = "pronoun"
    LEADING_ZERO = "leading-zero"


def read_number(doc: Doc, index: int) -> Number | None:
    """The number starting at token `index`, in any of the written forms this module knows."""
    first = doc[index].lower_
    if not first[:1].isdigit() and first not in FIRST_WORDS:
        return None
    for reader in NUMBER_READERS:
        number = reader(doc, index)
        if number is not None:
            return number
    return None


def _read_digits(doc: Doc, index: int) -> Number | None:
    """Digits with optional decimals, thousands commas and a scale: "60,000", "3.3 billion", "$2.5m"."""
    match = DIGITS.match(doc[index].text)
    if match is None:
        return None
    value = Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
    end = index + 1
    if match.group(3):
        value *= SUFFIXES[match.group(3).lower()]
    elif end < len(doc) and doc[end].lower_ in SCALES:
        value, end = value * SCALES[doc[end].lower_], end + 1
    elif end < len(doc) and _suffix_scale(doc[end]) and not doc[index].whitespace_:
        value, end = value * _suffix_scale(doc[end]), end + 1
    return Number(index, end, float(value), NumberKind.CARDINAL)


def _suffix_scale(token: Token) -> int:
    """The scale of an abbreviation token after digits ("m", "bn"), else 0.

    At the end of a sentence the tokenizer keeps the full stop with it ("£45m." gives "45", "m.").
    """
    word = token.lower_
    return SUFFIXES.get(word[:-1] if word.endswith(".") else word, 0)


def _read_words(doc: Doc, index: int) -> Number | None:
    """Number words: "nine", "twenty-five", "two hundred and fifty", "a million", "a dozen"."""
    first = doc[index].lower_
    article = first in ("a", "an")
    if article and (index + 1 >= len(doc) or doc[index + 1].lower_ not in {*SCALES, "dozen"}):
        return None
    if not article and first not in SMALL and first not in TENS:
        return None
    total, current, end = 0, 1 if article else 0, index + 1 if article else index
    while end < len(doc):
        word = doc[end].lower_
        if word in SMALL or word in TENS:
            current += SMALL.get(word, 0) + TENS.get(word, 0)
        elif word in ("hundred", "dozen"):
            current = max(current, 1) * (100 if word == "hundred" else 12)
        elif word in SCALES:
            total, current = total + max(current, 1) * SCALES[word], 0
        elif _continues_number(doc, end):
            pass
        else:
            break
        end += 1
    return Number(index, end, float(total + current), NumberKind.CARDINAL)


def _read_fraction(doc: Doc, index: int) -> Number | None:
    """Fractions of a whole: "half of", "a third of", "two-thirds of", "three quarters of"."""
    words = [token.lower_ for token in doc[index:index + 4]]
    if words[:2] == ["half", "of"]:
        return Number(index, index + 1, 0.5, NumberKind.FRACTION)
    count = 1 if words[0] in ("a", "an", "one") else SMALL.get(words[0])
    if count is None or len(words) < 3:
        return None
    offset = 2 if words[1] == "-" else 1
    fraction = FRACTIONS.get(words[offset]) if offset < len(words) else None
    if fraction is None or offset + 1 >= len(words) or words[offset + 1] != "of":
        return None
    return Number(index, index + offset + 1, count * fraction, NumberKind.FRACTION)


def _read_vague(doc: Doc, index: int) -> Number | None:
    """Vague plurals: "dozens of", "thousands of", "tens of thousands of", "hundreds of thousands"."""
    word = doc[index].lower_
    if word not in VAGUE or index + 2 >= len(doc) or doc[index + 1].lower_ != "of":
        return None
    following = doc[index + 2].lower_
    if following in VAGUE and following != "tens":
        return Number(index, index + 3, float(VAGUE[word] * VAGUE[following]), NumberKind.VAGUE)
    if word == "tens":
        return None
    return Number(index, index + 1, float(VAGUE[word]), NumberKind.VAGUE)


def _read_ordinal(doc: Doc, index: int) -> Number | None:
    """Ordinals from "third" up, in words or digits ("ninth", "11th")."""
    token = doc[index]
    match = DIGIT_ORDINAL.match(token.text)
    value = int(match.group(1)) if match else ORDINALS.get(token.lower_)
    if value is None or value < 3:
        return None
    return Number(index, index + 1, float(value), NumberKind.ORDINAL)


def scale_of(doc: Doc, number: Number) -> int:
    """The scale a cardinal ends with ("20 million" -> 10**6, "$2.5m" -> 10**6, "40 mln"), else 1."""
    last = doc[number.end - 1]
    if number.end - number.start > 1 and last.lower_ in SCALES:
        return SCALES[last.lower_]
    if number.end - number.start > 1 and _suffix_scale(last):
        return _suffix_scale(last)
    match = DIGITS.match(last.text)
    return SUFFIXES[match.group(3).lower()] if match is not None and match.group(3) else 1


NUMBER_READERS: tuple[Callable[[Doc, int], Number | None], ...] = (
    _read_fraction, _read_vague, _read_digits, _read_words, _read_ordinal)


def _continues_number(doc: Doc, index: int) -> bool:
    """True for a joiner inside one written number: "twenty-five", "two hundred and fifty".

    "and" joins only after "hundred" or a scale, so "between two and three" stays two numbers.
    """
    if index + 1 >= len(doc) or index == 0:
        return False
    word, before, after = doc[index].lower_, doc[index - 1].lower_, doc[index + 1].lower_
    if word == "-":
        return before in TENS and after in SMALL and not doc[index - 1].whitespace_
    return word == "and" and before in SCALES and (after in SMALL or after in TENS)


def currency_code(text: str) -> str | None:
    """The ISO code a currency symbol or code stands for ("$" -> "USD", "EUR" -> "EUR"), if any."""
    if text.lower() in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[text.lower()]
    return text if text in ISO_CURRENCIES else None


def read_noun_phrase(doc: Doc, position: int) -> tuple[int, int] | None:
    """The noun phrase starting at token `position` (modifiers then nouns), ending at its last noun.

    This is what a number before it counts; None when no noun follows in the same sentence.
    """
    last_noun = None
    index = position
    sentence_end = doc[position].sent.end if position < len(doc) else position
    while index < sentence_end:
        token = doc[index]
        if token.pos_ in ("NOUN", "PROPN") and not token.like_num and token.text != "%":
            last_noun = index
            # A noun that modifies nothing to its right ends the phrase ("12 people Monday").
            if token.dep_ not in ("compound", "amod", "nmod") or token.head.i <= index:
                break
        elif not (token.pos_ == "ADJ" or token.dep_ in ("amod", "compound")
                  or (token.text == "-" and not token.whitespace_)):
            break
        index += 1
    return None if last_noun is None else (position, last_noun + 1)


def not_quantity_reason(doc: Doc, number: Number) -> NotQuantity | None:
    """Why `number` counts nothing (a date, an age, an address...), or None when it may be a quantity."""
    return next((reason for reason, check in NOT_QUANTITY_CHECKS.items() if check(doc, number)), None)


def is_time_unit(token: Token) -> bool:
    """True for nouns of time ("days", "months", "years"), whose numbers are durations."""
    return token.lemma_.lower() in TIME_UNITS or token.lower_.rstrip("s") in TIME_UNITS


def is_position(doc: Doc, phrase: tuple[int, int]) -> bool:
    """True when an ordinal before the noun phrase [start, end) names a position ("fifth floor")."""
    words = [token.lemma_.lower() for token in doc[phrase[0]:phrase[1]]]
    return words[-1] in NOT_TALLIED or "annual" in words


def is_direction(token: Token) -> bool:
    """True for a compass word after a number: the number is a route's ("Route 83 south")."""
    return token.lower_ in COMPASS


def is_in_name(doc: Doc, number: Number) -> bool:
    """Part of a name: "10 Downing Street", "Resolution 2593", "Flight 17"."""
    token = doc[number.start]
    if token.ent_type_ in NAME_LABELS:
        return True
    before = doc[number.start - 1] if number.start > 0 else None
    if before is None or not before.is_title or before.pos_ not in ("PROPN", "NOUN"):
        return False
    after = read_noun_phrase(doc, number.end)
    return after is None and currency_code(before.text) is None and before.ent_type_ not in ("GPE", "NORP")


def is_date_or_time(doc: Doc, number: Number) -> bool:
    """Part of a date or a clock time: "9 August", "August 9", "9th of August", "10 pm", a bare year."""
    if _is_second_day(doc, number):
        return True
    token = doc[number.start]
    before = doc[number.start - 1] if number.start > 0 else None
    after = [token.lower_ for token in doc[number.end:number.end + 2]]
    if number.value <= DAYS_IN_MONTH:
        if before is not None and before.lower_.rstrip(".") in MONTHS and before.is_title:
            return True
        if after[:1] and after[0] in MONTHS and doc[number.end].is_title:
            return True
        if after[:1] == ["of"] and after[1:] and after[1] in MONTHS:
            return True
    if after[:1] and (after[0] in CLOCK_WORDS or doc[number.end].text.upper().replace(".", "") in ERAS):
        return True
    if not YEAR.match(token.text):
        return False
    after_preposition = before is not None and before.lower_ in YEAR_PREPOSITIONS
    return after_preposition or token.ent_type_ == "DATE" or read_noun_phrase(doc, number.end) is None


def _is_second_day(doc: Doc, number: Number) -> bool:
    """The second day of a pair: "Feb. 14 and 15", "August 9-10"."""
    joiner = number.start - 1
    if joiner < 1 or doc[joiner].lower_ not in ("and", "to", "-", "–", "or"):
        return False
    first = read_number(doc, joiner - 1) if doc[joiner - 1].like_num else None
    return first is not None and first.end == joiner and number.value <= DAYS_IN_MONTH and \
        is_date_or_time(doc, first)


def is_age(doc: Doc, number: Number) -> bool:
    """An age: "aged 35", "the age of 35", "John Smith, 35,"."""
    before = [token.lower_ for token in doc[max(number.start - 2, 0):number.start]]
    if (before[-1:] and before[-1] in AGE_WORDS) or before == ["age", "of"]:
        return True
    after = doc[number.end] if number.end < len(doc) else None
    # "Jane Ward, 64, of Ashford": a bare number in commas right after a name.
    return (number.start >= 2 and before[-1:] == [","] and doc[number.start - 2].pos_ == "PROPN"
            and after is not None and after.text in (",", ")") and number.kind == NumberKind.CARDINAL
            and read_noun_phrase(doc, number.end + 1) is None)


def is_phone_or_code(doc: Doc, number: Number) -> bool:
    """Digit groups run together with dashes, brackets or single spaces: a phone number or a code."""
    first = last = number.start
    while first > 0 and _joins_digits(doc[first - 1]):
        first -= 1
    while last + 1 < len(doc) and _joins_digits(doc[last]) and _joins_digits(doc[last + 1]):
        last += 1
    groups = [token.text for token in doc[first:last + 1] if token.text.isdigit()]
    return len(groups) >= 2 and sum(len(group) for group in groups) >= PHONE_MIN_DIGITS


def _joins_digits(token: Token) -> bool:
    """A token that can be part of a phone number, followed by at most one space."""
    return (token.text.isdigit() or token.text in PHONE_JOINERS) and token.whitespace_ in ("", " ")


def is_address(doc: Doc, number: Number) -> bool:
    """A street number: "10 Downing Street", "22 Baker St", "the 900 block of Main Street"."""
    following = doc[number.end:number.end + 4]
    if [token.lower_ for token in following[:2]] == ["block", "of"]:
        return True
    return any(token.lower_.rstrip(".") in STREET_WORDS and token.is_title for token in following[1:]) and (
        len(following) > 0 and following[0].is_title)


def is_leading_zero(doc: Doc, number: Number) -> bool:
    """Digits with a leading zero are codes or clipped years ("the '05 collapse", "007")."""
    text = doc[number.start].text
    return len(text) > 1 and text[0] == "0" and text[1].isdigit()


def is_list_marker(doc: Doc, number: Number) -> bool:
    """A numbered-list marker at the start of a line: "1." or "2)"."""
    before = doc[number.start - 1] if number.start > 0 else None
    after = doc[number.end] if number.end < len(doc) else None
    at_line_start = before is None or "\n" in before.text_with_ws
    return at_line_start and after is not None and after.text in (".", ")")


def is_compound_word(doc: Doc, number: Number) -> bool:
    """Part of a hyphenated word: "three-day talks", "35-year-old", "sub-zero", "COVID-19"."""
    position = number.end
    glued_after = position < len(doc) and not doc[position - 1].whitespace_
    if glued_after and doc[position].text.startswith("-") and len(doc[position].text) > 1:
        return True  # the tokenizer kept "-to-24" together
    if (glued_after and position + 1 < len(doc) and doc[position].text == "-"
            and not doc[position + 1].text[:1].isdigit() and doc[position + 1].lower_ != "strong"):
        return True
    start = number.start
    return (start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_
            and not doc[start - 2].whitespace_ and doc[start - 2].is_alpha)


def is_score(doc: Doc, number: Number) -> bool:
    """A score or vote tally, high number first and joined by a dash: "a 3-2 vote", "won 2-1"."""
    after = number.end
    if after + 1 < len(doc) and _is_glued_dash(doc, after) and doc[after + 1].text.isdigit():
        return number.value >= float(doc[after + 1].text)
    before = number.start - 1
    if before >= 1 and _is_glued_dash(doc, before) and doc[before - 1].text.isdigit():
        return float(doc[before - 1].text) >= number.value
    return False


def _is_glued_dash(doc: Doc, index: int) -> bool:
    """True for a dash written without spaces on either side ("3-2")."""
    return doc[index].text in ("-", "–") and not doc[index].whitespace_ and not doc[index - 1].whitespace_


def is_pronoun_one(doc: Doc, number: Number) -> bool:
    """ "one" used as a pronoun: "no one", "one another", "the one"."""
    token = doc[number.start]
    if token.lower_ != "one" or number.end - number.start != 1:
        return False
    before = doc[number.start - 1].lower_ if number.start > 0 else ""
    return before in ("no", "any", "every", "the", "each", "this", "that") or token.pos_ == "PRON"


NOT_QUANTITY_CHECKS: dict[NotQuantity, Callable[[Doc, Number], bool]] = {
    NotQuantity.DATE_OR_TIME: is_date_or_time,
    NotQuantity.AGE: is_age,
    NotQuantity.PHONE_OR_CODE: is_phone_or_code,
    NotQuantity.ADDRESS: is_address,
    NotQuantity.NAME: is_in_name,
    NotQuantity.LIST_MARKER: is_list_marker,
    NotQuantity.COMPOUND_WORD: is_compound_word,
    NotQuantity.SCORE: is_score,
    NotQuantity.PRONOUN: is_pronoun_one,
    NotQuantity.LEADING_ZERO: is_leading_zero,
}
