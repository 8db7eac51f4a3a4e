"""Finding time expressions in a parsed text: spaCy's DATE and TIME entities plus what spaCy misses.

spaCy's model does not tag "around midnight", "hours before", "overnight", "at dawn" or the vague
references ("recently", "now", "in the future"); a small set of patterns adds them, and a span
that overlaps a spaCy entity is merged with it ("hours" + "hours before").

The extractor keeps a candidate only if it is a point or a period in time, which is decided by
normalising it: bare durations ("20 years", "more than a week", "three-day"), frequencies
("every day", "daily"), ages ("78 years old", "45-year-old") and numbers that are not dates do not
normalise and are left out; "the past two months" (an interval ending at the publication date) and
"three days ago" stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from sitrep.extract.lexicon import ENGLISH, lexicon
from sitrep.extract.timex.lexicon import NUMBER, UNITS

ENTITY_LABELS = frozenset({"DATE", "TIME"})
UNIT_WORDS = frozenset(UNITS) | {"weekend"}
HEDGE = r"(?:(?:around|about|approximately|roughly|shortly after|shortly before|just after|just before) )?"
EXTRA_PATTERNS = (
    HEDGE + r"(?:midnight|noon|midday|dawn|dusk|daybreak|nightfall|sunrise|sunset|first light)",
    r"(?:" + NUMBER.replace("?P<count>", "?:") + r" )?(?:hours|minutes|moments) "
    r"(?:before|earlier|later|after|ago)",
    r"overnight|last night|tonight|this (?:morning|afternoon|evening)|earlier today|later today",
    # "now that", "soon after", "as soon as" are conjunctions, not times.
    r"(?:now|currently|recently|lately|nowadays|these days|at present|soon)"
    r"(?!\s+(?:that|than|after|before|as|enough)\b)",
    r"(?<=in )the (?:near |distant )?(?:future|past)",
    r"recent (?:days|weeks|months|years)|(?:the )?coming (?:days|weeks|months|years)",
)
# Where a candidate that does not normalise as a whole is cut into pieces: ranges ("Aug. 26 to
# Oct. 20"), "the quarter ended Sept. 30", "the first nine months of 1997", and a day followed by a
# duration spaCy took into the entity ("Sunday after weeks" of "on Sunday after weeks of fighting").
CONNECTORS = re.compile(r"\s+(?:to|through|until|till|and|or|ended|ending|of|from|between|after|before)\s+"
                        r"|\s+-\s+|,\s+")
# Words before a spaCy entity that belong to it ("this" + "year") or after it that do not ("'s").
LEADING_MODIFIERS = lexicon(ENGLISH).calendar.leading_modifiers
POSSESSIVE = re.compile(r"['’]s$")
MAX_DROPPED_WORDS = 2


@dataclass(frozen=True, slots=True)
class Candidate:
    """A character span that may be a time expression."""

    start: int
    end: int


@lru_cache(maxsize=1)
def extra_pattern() -> re.Pattern[str]:
    """The patterns spaCy misses, as one case-insensitive expression, compiled once."""
    joined = "|".join(f"(?:{pattern})" for pattern in EXTRA_PATTERNS)
    return re.compile(r"(?<![\w-])(?:" + joined + r")(?![\w-])", re.IGNORECASE)


def find_candidates(doc: Doc, text: str | None = None) -> list[Candidate]:
    """Candidate time spans of `doc` (entities and patterns), overlaps merged, sorted by start.

    `text` is `doc.text` when the caller already has it (spaCy rebuilds it on every access).
    """
    text = doc.text if text is None else text
    spans = [_widen(doc, ent.start, ent.end) for ent in doc.ents if ent.label_ in ENTITY_LABELS]
    spans.extend((match.start(), match.end()) for match in extra_pattern().finditer(text))
    return [_trim(text, Candidate(start, end)) for start, end in _merge(sorted(spans))]


def split_candidate(text: str, candidate: Candidate) -> list[Candidate]:
    """Smaller candidates inside one that did not normalise, best first: without its first one or two
    words ("d'etat last year"), then its pieces between connectors, each also without first words."""
    inner = text[candidate.start:candidate.end]
    found = _without_first_words(text, candidate.start, candidate.end)
    pieces, position = [], 0
    for match in CONNECTORS.finditer(inner):
        pieces.append((candidate.start + position, candidate.start + match.start()))
        position = match.end()
    if pieces:
        pieces.append((candidate.start + position, candidate.end))
    for start, end in pieces:
        found.append(_trim(text, Candidate(start, end)))
        found.extend(_without_first_words(text, start, end))
    return [piece for piece in found if piece.end > piece.start]


def _without_first_words(text: str, start: int, end: int) -> list[Candidate]:
    shorter = []
    for _ in range(MAX_DROPPED_WORDS):
        space = text.find(" ", start, end)
        if space < 0:
            break
        start = space + 1
        shorter.append(Candidate(start, end))
    return shorter


def _widen(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """An entity's characters, taking in a modifier spaCy left out ("this" of "this year")."""
    if start > 0 and doc[start - 1].lower_ in LEADING_MODIFIERS and doc[start].lower_ in UNIT_WORDS:
        start -= 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _trim(text: str, candidate: Candidate) -> Candidate:
    """The candidate without a trailing possessive ("last year's" -> "last year")."""
    match = POSSESSIVE.search(text, candidate.start, candidate.end)
    return Candidate(candidate.start, match.start()) if match else candidate


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
