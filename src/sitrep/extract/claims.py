"""Quantitative claims: a number, what it counts, its hedge, its range, its total, and who says so.

Numbers are read, and dates, ages, addresses and the like set aside, by `sitrep.extract.numbers`.
An ordinal that ranks a countable thing ("the ninth provincial capital") is a claim of its value
with the qualifier "rank": in war reporting it is a running tally.

`Claim.qualifier` is the hedge only: a normal form of `HEDGES` ("over", "about", "at least", "under",
"at most", "nearly"), "between" for a range, "rank" or "". `Claim.predicate` is the verb the number
belongs to ("displaced", "control", "died"), never a reporting verb. A range ("between 10 and 20",
"10 to 20", "10-20") has its lower bound as `value` and its upper bound as `value_max`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sitrep.extract.attribution import REPORTING_VERBS, Attribution, Attributor, attributor_of
from sitrep.extract.claim_modality import claim_modality
from sitrep.extract.lexicon import ENGLISH, lexicon
from sitrep.extract.numbers import (
    CURRENCY_WORDS,
    ISO_CURRENCIES,
    Number,
    NumberKind,
    currency_code,
    is_direction,
    is_position,
    is_time_unit,
    not_quantity_reason,
    read_noun_phrase,
    read_number,
    scale_of,
)
from sitrep.extract.quotes import AttributedQuote, attribute_quotes
from sitrep.records import Claim, EntityMention

# The words live in data/lang/en/hedges.yaml and claims.yaml.
_HEDGES = lexicon(ENGLISH).hedges
_WORDS = lexicon(ENGLISH).claims
# (words before the number, normal form); longest match wins.
HEDGES: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    (tuple(phrase.split()), normal) for normal, phrases in _HEDGES.hedges.items() for phrase in phrases)
HEDGES_LONGEST_FIRST = tuple(sorted(HEDGES, key=lambda item: len(item[0]), reverse=True))
HEDGE_WORDS = max((len(words) for words, _ in HEDGES), default=0)  # the longest hedge, in words
RANGE_HEDGE = "between"
RANK_HEDGE = "rank"
VAGUE_HEDGE = "at least"
RANGE_WORDS = _HEDGES.range_words
PERCENT_WORDS: tuple[tuple[str, ...], ...] = tuple(tuple(words.split()) for words in _HEDGES.percent_words)
PERCENT = "percent"
CURRENCY_WORDS_LONGEST_FIRST = tuple(sorted(CURRENCY_WORDS.items(), key=lambda item: len(item[0]),
                                            reverse=True))
BARE_NUMBER = "number"
# A bare number with no noun is kept only as a verb's own argument ("12 died", "killed 12").
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "conj", "appos"})
# Words that modify a counted noun without saying what it is ("three other capitals").
SUBJECT_NOISE = _WORDS.subject_noise
# Verbs whose subject is what the bare number measures ("the death toll rose to 45").
MEASURE_VERBS = _WORDS.measure_verbs
# "one thing", "one way": a lone "one" before these nouns counts nothing.
GENERIC_NOUNS = _WORDS.generic_nouns
DETERMINERS = _WORDS.determiners
POSSESSIVE_REACH = 4
PREDICATE_DEPTH = 6


@dataclass(slots=True)
class _Draft:
    """A claim being assembled: token bounds and the fields found so far."""

    number: Number
    start: int
    end: int
    value: float
    unit: str = BARE_NUMBER
    hedge: str = ""
    subject: str = ""
    total: float | None = None
    value_max: float | None = None
    anchor: int = 0
    counted: tuple[int, int] | None = None
    partitive: bool = False


class ClaimExtractor:
    """Quantitative claims of one parsed article, each with its subject, hedge, total and source."""

    name = "sitrep.claims.rules"
    version = "3"

    def __call__(self, doc: Doc, article_id: str, *,
                 entities: tuple[EntityMention, ...] = ()) -> tuple[Claim, ...]:
        """Every claim in `doc` (parsed from the article's text) as a `Claim` record."""
        component = f"{self.name}.v{self.version}"
        attributor = attributor_of(doc, entities)
        quotes = attribute_quotes(doc, attributor)
        claims: list[Claim] = []
        used: set[int] = set()
        index = 0
        while index < len(doc):
            number = None if index in used else read_number(doc, index)
            if number is None:
                index += 1
                continue
            draft = _draft_claim(doc, number, used)
            if draft is not None:
                source = _source(doc, draft, attributor, quotes)
                claim = _to_record(doc, draft, source, article_id, component)
                claims.extend([claim] if claim else [])
            index = max(number.end, draft.end if draft else 0)
        return tuple(claims)


def _draft_claim(doc: Doc, number: Number, used: set[int]) -> _Draft | None:
    """Assemble the claim around a number, or None when the number is not a claim."""
    if not_quantity_reason(doc, number) is not None:
        return None
    draft = _Draft(number=number, start=number.start, end=number.end, value=number.value,
                   anchor=number.end - 1)
    _read_currency_before(doc, draft)
    _read_ratio(doc, draft)
    _read_range(doc, draft)
    _read_hedge(doc, draft)
    _read_unit_after(doc, draft)
    return draft if _read_counted(doc, draft, used) else None


def _read_currency_before(doc: Doc, draft: _Draft) -> None:
    """A currency symbol or code right before the number: "$1 trillion", "USD 40 million"."""
    before = draft.start - 1
    if before >= 0 and (code := currency_code(doc[before].text)) is not None:
        draft.unit, draft.start = code, before


def _read_ratio(doc: Doc, draft: _Draft) -> None:
    """A ratio "nine in ten (families)", read as a percentage of what follows.

    "3 out of 4 residents" is left to the partitive reading (value 3, total 4).
    """
    if draft.end + 1 >= len(doc) or doc[draft.end].lower_ != "in":
        return
    if draft.unit != BARE_NUMBER or draft.number.kind != NumberKind.CARDINAL:
        return
    whole = read_number(doc, draft.end + 1)
    if whole is None or whole.kind != NumberKind.CARDINAL or not 0 < draft.value <= whole.value:
        return
    draft.value, draft.unit, draft.end, draft.anchor = (
        round(100 * draft.value / whole.value, 6), PERCENT, whole.end, whole.end - 1)


def _read_range(doc: Doc, draft: _Draft) -> None:
    """A range after the number ("10 to 20", "10-20", "between 10 and 20"): the value and `value_max`."""
    joiner = draft.end
    if joiner + 1 >= len(doc) or doc[joiner].lower_ not in RANGE_WORDS:
        return
    between = draft.start > 0 and doc[draft.start - 1].lower_ in ("between", "from")
    if doc[joiner].lower_ == "and" and not between:
        return
    upper = read_number(doc, joiner + 1)
    if upper is None or upper.kind != NumberKind.CARDINAL or upper.value < draft.value:
        return
    draft.end, draft.hedge, draft.value_max = upper.end, RANGE_HEDGE, upper.value
    # "10 to 20 million": a lower bound written without a scale shares the upper bound's.
    scale = scale_of(doc, upper)
    lower_unscaled = draft.number.kind == NumberKind.CARDINAL and scale_of(doc, draft.number) == 1
    if scale > 1 and lower_unscaled and draft.value * scale <= upper.value:
        draft.value = round(draft.value * scale, 6)
    if between:
        draft.start -= 1


def _read_hedge(doc: Doc, draft: _Draft) -> None:
    """The hedge words before the number (or its currency symbol), longest phrase first."""
    if draft.hedge:
        return
    # The words before the number, read once: each hedge compares its own last words with them.
    before = tuple(token.lower_ for token in doc[max(draft.start - HEDGE_WORDS, 0):draft.start])
    for words, normal in HEDGES_LONGEST_FIRST:
        begin = draft.start - len(words)
        if begin >= 0 and before[len(before) - len(words):] == words:
            draft.hedge, draft.start = normal, begin
            return


def _read_unit_after(doc: Doc, draft: _Draft) -> None:
    """Percent or currency words after the number: "65%", "95 per cent", "3.3 billion dollars"."""
    following = [token.lower_ for token in doc[draft.end:draft.end + 2]]
    for words in PERCENT_WORDS:
        if tuple(following[:len(words)]) == words:
            draft.unit, draft.anchor, draft.end = PERCENT, draft.end + len(words) - 1, draft.end + len(words)
            return
    for words, code in CURRENCY_WORDS_LONGEST_FIRST:
        fits = tuple(following[:len(words)]) == words
        if fits and not (words == ("pounds",) and following[1:2] == ["of"]):
            draft.unit, draft.anchor, draft.end = code, draft.end + len(words) - 1, draft.end + len(words)
            return
    if draft.end < len(doc) and doc[draft.end].text in ISO_CURRENCIES:
        draft.unit, draft.anchor, draft.end = doc[draft.end].text, draft.end, draft.end + 1


def _read_counted(doc: Doc, draft: _Draft, used: set[int]) -> bool:
    """What the number counts, with any total; False when the number turns out not to be a claim."""
    position = draft.end
    if draft.unit == BARE_NUMBER and _glued_word(doc, position, "strong"):
        position += 2
    partitive = _partitive(doc, position)
    if partitive is not None:
        draft.counted, total, draft.end = partitive
        draft.partitive = True
        if total is not None:
            draft.total = total.value
            used.update(range(total.start, total.end))
    elif (counted := read_noun_phrase(doc, position)) is not None:
        draft.counted, draft.end = counted, counted[1]
        if draft.unit == BARE_NUMBER:
            _read_own_total(doc, draft, used)
    if draft.counted is not None and is_time_unit(doc[draft.counted[1] - 1]):
        if draft.unit == BARE_NUMBER:  # "20 years": a duration, not a claim
            return False
        draft.counted, draft.end = None, position  # "$150 last summer": keep the amount only
    if draft.counted is not None:
        head = doc[draft.counted[1] - 1]
        if is_direction(head):  # "Route 83 south"
            return False
        if draft.unit == BARE_NUMBER and (head.lower_,) in CURRENCY_WORDS:  # "billions of dollars"
            draft.unit, draft.counted = CURRENCY_WORDS[(head.lower_,)], None
            return _settle_kind(doc, draft)
        draft.subject = _phrase_text(doc, draft.counted)
    return _settle_kind(doc, draft)


def _settle_kind(doc: Doc, draft: _Draft) -> bool:
    """Fix unit, value and hedge by the number's kind; False when nothing is left to claim."""
    kind = draft.number.kind
    if kind == NumberKind.FRACTION and draft.total is None:
        draft.value, draft.unit = round(draft.value * 100, 6), PERCENT
    elif kind == NumberKind.FRACTION and draft.total is not None:
        draft.value = round(draft.value * draft.total, 6)
    elif kind == NumberKind.ORDINAL:
        if draft.counted is None or draft.unit != BARE_NUMBER or draft.partitive:
            return False
        if is_position(doc, draft.counted):
            return False
        draft.hedge, draft.value_max = RANK_HEDGE, None
    elif kind == NumberKind.VAGUE and not draft.hedge:
        draft.hedge = VAGUE_HEDGE
    if draft.unit == BARE_NUMBER and draft.counted is not None:
        draft.unit = _unit_of(doc, draft.counted)
    # A lone "one" is a claim only when it counts a noun or has a total ("one of the 34 provinces").
    if doc[draft.number.start].lower_ == "one" and draft.number.end - draft.number.start == 1:
        counted = draft.counted
        if counted is not None and doc[counted[1] - 1].lemma_.lower() in GENERIC_NOUNS:
            return False
        return draft.total is not None or (counted is not None and not draft.partitive)
    return True


def _read_own_total(doc: Doc, draft: _Draft, used: set[int]) -> None:
    """A total after the counted noun: "nine provincial capitals of the country's 34 provinces"."""
    found = _partitive(doc, draft.end)
    if found is not None and found[1] is not None:
        draft.total = found[1].value
        used.update(range(found[1].start, found[1].end))
        draft.end = found[2]


def _partitive(doc: Doc, position: int) -> tuple[tuple[int, int] | None, Number | None, int] | None:
    """ "of [the country's] [34] capitals" after a number: (counted run, total, end), if present."""
    words = [token.lower_ for token in doc[position:position + 2]]
    if words[:1] == ["of"]:
        position += 1
    elif words == ["out", "of"]:
        position += 2
    else:
        return None
    while position < len(doc) and doc[position].lower_ in DETERMINERS:
        position += 1
    position = _after_possessive(doc, position)
    total = read_number(doc, position) if position < len(doc) else None
    if total is not None and total.kind != NumberKind.CARDINAL:
        total = None
    run = read_noun_phrase(doc, total.end if total else position)
    if run is None:
        return None
    return run, total, run[1]


def _after_possessive(doc: Doc, position: int) -> int:
    """The token after a possessive phrase ("the country's") starting at `position`, else `position`."""
    for offset in range(POSSESSIVE_REACH):
        index = position + offset
        if index >= len(doc) or doc[index].pos_ not in ("NOUN", "PROPN", "ADJ", "PART", "DET"):
            return position
        if doc[index].tag_ == "POS":
            return index + 1
    return position


def _glued_word(doc: Doc, position: int, word: str) -> bool:
    """True when tokens at `position` read "-word" with no space ("1,500-strong")."""
    return (position + 1 < len(doc) and doc[position].text == "-" and not doc[position - 1].whitespace_
            and doc[position + 1].lower_ == word)


def _phrase_text(doc: Doc, run: tuple[int, int]) -> str:
    """A counted noun phrase as text, without words that only say "other" or "more"."""
    tokens = [token for token in doc[run[0]:run[1]] if token.lower_ not in SUBJECT_NOISE]
    if not tokens:
        return doc[run[0]:run[1]].text
    return doc[tokens[0].i:tokens[-1].i + 1].text


def _unit_of(doc: Doc, run: tuple[int, int] | None) -> str:
    """The counted thing as a unit: the head noun and common-noun compounds ("asylum seekers")."""
    if run is None:
        return BARE_NUMBER
    head = run[1] - 1
    start = head
    while start - 1 >= run[0] and doc[start - 1].pos_ == "NOUN" and doc[start - 1].dep_ == "compound":
        start -= 1
    return doc[start:head + 1].text.lower()


def _source(doc: Doc, draft: _Draft, attributor: Attributor,
            quotes: Sequence[AttributedQuote]) -> Attribution | None:
    """Who the claim is attributed to: the quotation's speaker, else the sentence's reporting verb."""
    position = doc[draft.number.start].idx
    for quote in quotes:
        if any(start <= position < end for start, end in quote.span.pieces):
            return quote.attribution
    ranges = [(quote.span.open_mark, quote.span.close_mark + 1) for quote in quotes]
    target = doc[draft.number.start]
    return attributor.of_sentence(target.sent, target=target, excluded=ranges)


def _predicate(doc: Doc, draft: _Draft) -> str:
    """The verb the quantity belongs to ("displaced", "control"), not a reporting verb."""
    token = doc[draft.counted[1] - 1] if draft.counted else doc[draft.anchor]
    following = next((child for child in token.rights if _is_own_verb(child, draft)), None)
    if following is not None:
        return _verb_form(following)
    for _ in range(PREDICATE_DEPTH):
        if token.pos_ == "VERB":
            return "" if token.lemma_.lower() in REPORTING_VERBS else _verb_form(token)
        if token.head is token:
            return ""
        token = token.head
    return ""


def _is_own_verb(child: Token, draft: _Draft) -> bool:
    """True for a verb after the quantity that says what it did ("60,000 families displaced")."""
    if child.pos_ != "VERB":
        return False
    if child.dep_ == "acl":  # a participle: "displaced", "95 per cent finished"
        return True
    # After a rank, an infinitive: "the ninth provincial capital to fall".
    return draft.hedge == RANK_HEDGE and child.dep_ == "relcl" and any(
        grandchild.tag_ == "TO" for grandchild in child.children)


def _verb_form(verb: Token) -> str:
    """A predicate as written when past ("displaced", "seized"), else its lemma ("control"); no "be"."""
    if verb.lemma_.lower() == "be":
        return ""
    return verb.lower_ if verb.tag_ in ("VBN", "VBD") else verb.lemma_.lower()


def _clause_subject(doc: Doc, draft: _Draft) -> str:
    """For money, percentages and bare numbers: the subject of the clause the number sits in."""
    token = doc[draft.anchor]
    for _ in range(PREDICATE_DEPTH):
        if token.pos_ in ("VERB", "AUX"):
            subject = next((child for child in token.children if child.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.pos_ != "PRON" and not draft.start <= subject.i < draft.end:
                return _subject_phrase(subject)
        if token.head is token:
            return ""
        token = token.head
    return ""


def _subject_phrase(head: Token) -> str:
    """A subject noun phrase without its determiner or clauses: "The US government" -> "US government"."""
    tokens = [token for child in head.lefts if child.dep_ in ("compound", "amod", "poss", "nmod")
              for token in child.subtree]
    tokens.append(head)
    first = min(tokens, key=lambda token: token.i)
    return head.doc[first.i:head.i + 1].text


def _left_of_noun(doc: Doc, draft: _Draft) -> str:
    """ "a population of 78,000": the noun before "of" names what a bare number measures."""
    if draft.start < 2 or doc[draft.start - 1].lower_ != "of" or doc[draft.start - 2].pos_ != "NOUN":
        return ""
    return _subject_phrase(doc[draft.start - 2])


def _bare_subject(doc: Doc, draft: _Draft) -> str:
    """Subject of a number that counts no noun: a noun before "of", or a measuring verb's subject."""
    left = _left_of_noun(doc, draft)
    if left or draft.unit != BARE_NUMBER:
        return left or _clause_subject(doc, draft)
    anchor = doc[draft.anchor]
    verb = anchor.head.head if anchor.head.pos_ == "ADP" else anchor.head
    if verb.lemma_.lower() in MEASURE_VERBS:
        return _clause_subject(doc, draft)
    if anchor.dep_ == "pobj" and anchor.head.lower_ in ("to", "at"):
        # "taking their tally to 14", "put the number of displaced at 1.8 million"
        measured = next((child for child in verb.children
                         if child.dep_ == "dobj" and child.pos_ == "NOUN"), None)
        return _subject_phrase(measured) if measured is not None else ""
    return ""


def _is_argument(doc: Doc, draft: _Draft) -> bool:
    """True when a bare number is a verb's subject or object ("12 died", "killed 12")."""
    return doc[draft.anchor].dep_ in ARGUMENT_DEPS


def _to_record(doc: Doc, draft: _Draft, source: Attribution | None, article_id: str,
               component: str) -> Claim | None:
    """The `Claim` record of a finished draft; None for a bare number that says nothing of anything."""
    subject = draft.subject or _bare_subject(doc, draft)
    predicate = _predicate(doc, draft)
    if draft.unit == BARE_NUMBER and not subject and not (predicate and _is_argument(doc, draft)):
        return None
    start, end = doc[draft.start].idx, doc[draft.end - 1].idx + len(doc[draft.end - 1].text)
    return Claim(
        article_id=article_id, start=start, end=end, text=doc[draft.start:draft.end].text,
        component=component,
        value=draft.value, unit=draft.unit, subject=subject, qualifier=draft.hedge, total=draft.total,
        predicate=predicate, value_max=draft.value_max,
        attributed_to=source.speaker if source else None,
        attribution_start=source.start if source else None,
        attribution_end=source.end if source else None,
        modality=claim_modality(doc, draft.start, draft.end),
    )
