"""Claim groups: the same quantity about the same subject, as each outlet reports it, and a verdict.

`claim_key` names what a claim counts so that other outlets' wordings of it get the same key
("capital|34" for "nine of the country's 34 provincial capitals" and "9 out of 34 capitals").
For a count of things the key is the counted noun (the claim's unit, singularised) rather than
the whole subject: outlets keep or drop modifiers ("provincial") freely, but not the noun. The
key then adds the total when there is one, else the predicate's stem, so that "60,000 families
displaced" and "300 families killed" stay apart. Percentages, money and bare measures key on the
subject instead, with the unit. A claim with neither a total nor a predicate is too vague to group.

`group_claims` splits one key's claims into chains of publication days and gives each chain a
verdict: SINGLE (one outlet), AGREE (every pair of values compatible within their hedges),
DIFFER (incompatible values only ever on different days: a count that may have changed) or
CONFLICT (incompatible values on the same day, or with a day unknown).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sitrep.records import Claim, ClaimGroup, ClaimValue, ClaimVerdict

NAME = "sitrep.fuse.claims"
VERSION = 1
COMPONENT = f"{NAME}.v{VERSION}"

# Claims of one key published more than this many days after the previous one start a new group:
# a tally reported every day or two stays one group (DIFFER as it grows), a lull starts a new one.
WINDOW_DAYS = 3
# "about 60,000" covers 54,000 to 66,000; "nearly 60,000" covers 54,000 to 60,000.
ABOUT_TOLERANCE = 0.10
# "over 65%" or "at least 12" reads as at most this much above the figure (65% to 97.5%, 12 to 18).
OPEN_BOUND_REACH = 0.5
# "under 100" or "up to 100" reads as at least this much below the figure (50 to 100).
UPPER_BOUND_REACH = 0.5
# Two figures this close (relative) are the same figure written twice.
EQUAL_TOLERANCE = 1e-9
PERCENT = "percent"
BARE_NUMBER = "number"
RANK = "rank"
KEY_SEPARATOR = "|"
LOWER_BOUNDS = frozenset({"over", "at least"})
UPPER_BOUNDS = frozenset({"under", "at most"})
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "these", "those", "this", "that",
                         "all", "our", "whose", "some", "several", "other", "more", "additional",
                         "further", "such", "estimated", "total", "overall"})
POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")
WORD = re.compile(r"[\w-]+", flags=re.UNICODE)
# Plurals that no suffix rule undoes, and words whose final "s" is not a plural.
IRREGULAR_PLURALS = {"men": "man", "women": "woman", "children": "child", "people": "people",
                     "police": "police", "lives": "life", "wives": "wife", "feet": "foot",
                     "thieves": "thief", "knives": "knife", "halves": "half", "data": "data",
                     "media": "media", "personnel": "personnel", "series": "series", "news": "news"}
SINGULAR_ENDINGS = ("ss", "us", "is", "ics")
SIBILANT_PLURALS = ("ches", "shes", "xes", "sses", "zzes")
# Past forms no suffix rule undoes, mapped to the base form (war reporting's common verbs).
IRREGULAR_VERBS = {"fled": "flee", "fell": "fall", "fallen": "fall", "took": "take", "taken": "take",
                   "left": "leave", "lost": "lose", "spent": "spend", "held": "hold", "overran": "overrun",
                   "won": "win", "fought": "fight", "gave": "give", "given": "give", "died": "die",
                   "dies": "die", "dying": "die", "shot": "shoot", "sent": "send", "struck": "strike",
                   "brought": "bring", "kept": "keep", "made": "make", "met": "meet", "paid": "pay",
                   "rose": "rise", "risen": "rise", "drove": "drive", "driven": "drive", "began": "begin",
                   "begun": "begin", "broke": "break", "broken": "break", "caught": "catch", "found": "find",
                   "hid": "hide", "hidden": "hide", "led": "lead", "ran": "run", "seen": "see", "saw": "see",
                   "went": "go", "gone": "go", "got": "get", "gotten": "get", "stood": "stand",
                   "grew": "grow", "grown": "grow", "withdrew": "withdraw", "withdrawn": "withdraw",
                   "sought": "seek", "bought": "buy", "sold": "sell", "told": "tell", "flew": "fly",
                   "flown": "fly"}
VERB_SUFFIXES = ("ing", "ed", "es", "s", "e")
CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class ClaimEvidence:
    """One extracted claim with the outlet and day of the article that states it."""

    claim: Claim
    source: str | None
    published_on: date | None


def claim_key(claim: Claim) -> str | None:
    """What the claim counts, normalised across outlets ("capital|34"); None when too vague to group."""
    counted = _is_counted(claim.unit)
    thing = singularise(claim.unit.lower()) if counted else _normalise_subject(claim.subject)
    if not thing:
        return None
    parts = [thing] if counted else [thing, claim.unit]
    if claim.qualifier == RANK:
        parts.append(RANK)
    if claim.total is not None:
        parts.append(_format_number(claim.total))
    elif claim.predicate:
        parts.append(stem_verb(claim.predicate))
    else:
        return None
    return KEY_SEPARATOR.join(parts)


def group_claims(items: Sequence[ClaimEvidence]) -> list[ClaimGroup]:
    """Group claims of one key by chains of publication days, each with its values and verdict."""
    pairs = sorted(((_to_value(item), item.claim) for item in items),
                   key=lambda pair: (_value_order(pair[0]), repr(pair)))
    # The same claim handed in twice counts once; the first in this order stands for it.
    by_value = dict(reversed([(_value_identity(value), claim) for value, claim in pairs]))
    values = list({_value_identity(value): value for value, _ in reversed(pairs)}.values())
    values.sort(key=_value_order)
    groups = [_build_group(chain, by_value) for chain in _split_by_days(values)]
    return sorted(groups, key=lambda group: group.group_id)


def judge_values(values: Sequence[ClaimValue]) -> ClaimVerdict:
    """SINGLE, AGREE, DIFFER or CONFLICT for the values of one group (see the module docstring)."""
    if len({_source_identity(value) for value in values}) <= 1:
        return ClaimVerdict.SINGLE
    if are_compatible(values):
        return ClaimVerdict.AGREE
    # A clash explained by time needs two days; an undated value may be from any of them.
    undated = [value for value in values if value.published_on is None]
    days = sorted({value.published_on for value in values if value.published_on is not None})
    same_day = [[value for value in values if value.published_on == day] + undated for day in days]
    if not days or any(not are_compatible(bucket) for bucket in same_day):
        return ClaimVerdict.CONFLICT
    return ClaimVerdict.DIFFER


def are_compatible(values: Sequence[ClaimValue]) -> bool:
    """True when all the figures can be right together: their hedged ranges overlap pairwise.

    Ranges on a line overlap pairwise exactly when the highest low end is below the lowest high end.
    """
    if len(values) < 2:
        return True
    ranges = [value_range(value) for value in values]
    highest_low, lowest_high = max(low for low, _ in ranges), min(high for _, high in ranges)
    slack = EQUAL_TOLERANCE * max(1.0, *(max(abs(low), abs(high)) for low, high in ranges))
    return highest_low <= lowest_high + slack


def value_range(value: ClaimValue) -> tuple[float, float]:
    """The figures a hedged value allows: "about 60,000" is (54,000, 66,000), "9" is (9, 9)."""
    figure, hedge = value.value, value.qualifier
    if value.value_max is not None:
        return figure, value.value_max
    if hedge == "about":
        return figure * (1 - ABOUT_TOLERANCE), figure * (1 + ABOUT_TOLERANCE)
    if hedge == "nearly":
        return figure * (1 - ABOUT_TOLERANCE), figure
    if hedge in LOWER_BOUNDS:
        return figure, figure * (1 + OPEN_BOUND_REACH)
    if hedge in UPPER_BOUNDS:
        return figure * (1 - UPPER_BOUND_REACH), figure
    return figure, figure


def _build_group(values: Sequence[ClaimValue], by_value: dict[tuple[str, int, int], Claim]) -> ClaimGroup:
    """The group of one chain of values (already in value order)."""
    claims = [by_value[_value_identity(value)] for value in values]
    first = values[0]
    days = [value.published_on for value in values if value.published_on is not None]
    return ClaimGroup(
        group_id=f"C-{first.article_id}-{first.start}", component=COMPONENT,
        subject=_most_common(claim.subject for claim in claims),
        unit=_most_common(claim.unit for claim in claims),
        predicate=_most_common(claim.predicate for claim in claims if claim.predicate),
        total=_most_common_total(values), verdict=judge_values(values), values=tuple(values),
        first_day=min(days, default=None), last_day=max(days, default=None),
    )


def _split_by_days(values: Sequence[ClaimValue]) -> list[list[ClaimValue]]:
    """Chains of dated values with gaps of at most `WINDOW_DAYS`; undated values join a lone chain.

    An undated value cannot be placed in time: it joins the chain when there is only one, and
    otherwise forms a group of its own rather than be guessed into one of several.
    """
    dated = [value for value in values if value.published_on is not None]
    undated = [value for value in values if value.published_on is None]
    chains: list[list[ClaimValue]] = []
    for value in dated:
        day = value.published_on
        last = chains[-1][-1].published_on if chains else None
        if last is not None and day is not None and (day - last).days <= WINDOW_DAYS:
            chains[-1].append(value)
        else:
            chains.append([value])
    if len(chains) == 1:
        return [chains[0] + undated]
    return chains + ([undated] if undated else [])


def _to_value(item: ClaimEvidence) -> ClaimValue:
    """The group value of one piece of evidence."""
    claim = item.claim
    return ClaimValue(
        article_id=claim.article_id, source=item.source, published_on=item.published_on,
        value=claim.value, value_max=claim.value_max, qualifier=claim.qualifier, total=claim.total,
        attributed_to=claim.attributed_to, start=claim.start, end=claim.end, text=claim.text,
        modality=claim.modality,
    )


def _value_order(value: ClaimValue) -> tuple[bool, date, str, str, int, int]:
    """Sort key: day (unknown last), outlet, article, offsets."""
    day = value.published_on
    return day is None, day or date.min, value.source or "", value.article_id, value.start, value.end


def _value_identity(value: ClaimValue) -> tuple[str, int, int]:
    """The claim a value comes from: its article and offsets."""
    return value.article_id, value.start, value.end


def _source_identity(value: ClaimValue) -> str:
    """The outlet of a value; an unknown outlet counts as its article's own."""
    return f"source:{value.source}" if value.source else f"article:{value.article_id}"


def _may_share_day(a: ClaimValue, b: ClaimValue) -> bool:
    """True when the two values were published the same day, or one day is unknown."""
    return a.published_on is None or b.published_on is None or a.published_on == b.published_on


def _most_common(texts: Iterable[str]) -> str:
    """The most frequent text, ties to the longest, then alphabetical; "" when none."""
    counts = Counter(texts)
    if not counts:
        return ""
    return min(counts, key=lambda text: (-counts[text], -len(text), text))


def _most_common_total(values: Sequence[ClaimValue]) -> float | None:
    """The total most values give, ties to the smallest; None when no value gives one."""
    counts = Counter(value.total for value in values if value.total is not None)
    if not counts:
        return None
    return min(counts, key=lambda total: (-counts[total], total))


def _is_counted(unit: str) -> bool:
    """True when the unit is a counted noun, not a percentage, a currency or a bare number."""
    return unit not in (PERCENT, BARE_NUMBER) and not CURRENCY_CODE.match(unit)


def singularise(phrase: str) -> str:
    """The phrase with its last word singular, by rule: "families" -> "family", "asylum seekers"
    -> "asylum seeker"."""
    head, _, word = phrase.rpartition(" ")
    if word in IRREGULAR_PLURALS:
        word = IRREGULAR_PLURALS[word]
    elif len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith(SIBILANT_PLURALS):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(SINGULAR_ENDINGS):
        word = word[:-1]
    return f"{head} {word}" if head else word


def stem_verb(verb: str) -> str:
    """A stem shared by a verb's forms ("displaced", "displaces", "displace" -> "displac"), for keys.

    A stem rather than a lemma: by rule alone "displaced" cannot be told from "killed", but both
    forms of each verb lose the same suffix.
    """
    word = verb.lower().strip()
    word = IRREGULAR_VERBS.get(word, word)
    if len(word) > 4 and word.endswith("ied"):
        return word[:-3] + "y"
    for suffix in VERB_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[:-len(suffix)]
            break
    # "controlled"/"control", "killed"/"kill": a doubled final consonant is undone in every form.
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


def _normalise_subject(subject: str) -> str:
    """A subject without determiners or possessors, lower case, its head singular: "the country's
    troops" -> "troop"."""
    tokens = unicodedata.normalize("NFKC", subject).lower().split()
    owners = [index for index, token in enumerate(tokens[:-1]) if token.endswith(POSSESSIVE_ENDINGS)]
    tokens = tokens[owners[-1] + 1:] if owners else tokens
    words = [word for word in WORD.findall(" ".join(tokens))
             if word not in DETERMINERS and not any(char.isdigit() for char in word)]
    if words and words[-1] == "s" and len(words) > 1:  # "Afghanistan's" alone
        words.pop()
    if not words:
        return ""
    return " ".join([*words[:-1], singularise(words[-1])])


def _format_number(number: float) -> str:
    """A total as written in a key: "34", "2.5"."""
    if math.isfinite(number) and number == int(number):
        return str(int(number))
    return repr(number)
