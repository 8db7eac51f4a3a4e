"""Fatalities stated with an event: "killed at least eight people", "8 people died", "left nine dead".

ACLED codes the most conservative number, so "at least eight" and "more than 300" give 8 and 300;
a killed person named or counted as one ("killed a guard", "shot dead Menapal") gives 1; vague
numbers ("dozens", "large numbers") give none, nor does a number inside a name or a date ("killed
Route 9 drivers").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from sitrep.extract.lang import number_word

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
SCALE_WORDS = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
VICTIM_DEPS = frozenset({"dobj", "nsubjpass", "nsubj", "attr", "oprd"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Entity labels a count may carry: a number inside a name or a date ("Route 9 drivers", "2009
# graduates") counts nobody.
COUNT_LABELS = frozenset({"", "CARDINAL"})
VAGUE = frozenset({"dozens", "hundreds", "thousands", "scores", "many", "several", "some", "numbers", "all"})


def count_fatalities(heads: Iterable[Token]) -> int | None:
    """The number killed, read from the victims of the killing words in `heads`, or None."""
    for head in heads:
        for victim in _victims(head):
            number = _count(victim)
            if number is not None:
                return number
    return None


def _victims(head: Token) -> list[Token]:
    """Who was killed: the object, the passive subject, or the subject of "died"."""
    lemma = head.lemma_.lower()
    if lemma == "dead" and head.pos_ == "ADJ":
        # "eight dead", "left eight dead", "eight people were found dead"
        counted = [c for c in head.children if c.dep_ == "nummod"]
        owner = [head.head] if head.dep_ == "amod" and head.head.pos_ in ("NUM", "NOUN") else []
        siblings = [c for c in head.head.children if c.dep_ in VICTIM_DEPS and c != head]
        return counted + owner + siblings
    deps = ("nsubj",) if lemma in ("die", "perish") else ("dobj", "nsubjpass")
    found = [c for c in head.children if c.dep_ in deps]
    if not found and head.dep_ == "conj":
        found = [c for c in head.head.children if c.dep_ in deps]
    return found


def _count(victim: Token) -> int | None:
    if victim.like_num or victim.pos_ == "NUM":
        return parse_number(victim)
    if victim.lower_ in VAGUE:
        return None
    numbers = [c for c in victim.children if c.dep_ == "nummod" and _counts(c)]
    if numbers:
        return parse_number(numbers[0])
    if any(c.lower_ in VAGUE for c in victim.children):
        return None
    if (
        victim.tag_ not in PLURAL_TAGS
        and victim.pos_ in ("NOUN", "PROPN")
        and victim.lower_ not in ("people",)
    ):
        return 1
    return None


def _counts(number: Token) -> bool:
    """Whether a number modifying the victims counts them, not part of a name or a date."""
    return number.ent_type_ in COUNT_LABELS


def parse_number(token: Token) -> int | None:
    """The integer a number token says ("8", "1,000", "eight", "three hundred"), or None."""
    text = token.text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    if text in SCALE_WORDS:
        factor = next((parse_number(c) for c in token.children if c.i < token.i and c.like_num), None)
        return SCALE_WORDS[text] * (factor or 1)
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    if token.lang_ != "en" and (written := number_word(token.lang_, text)) is not None:
        return written  # "douze" (data/lang/<code>/words.yaml)
    try:
        return int(float(text))
    except ValueError:
        return None
