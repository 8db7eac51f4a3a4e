"""Quote groups: one thing someone said, recognised across outlets that word it differently.

Quotes are blocked by the speaker's surname (`quote_key`). Within a block, two quotes are the same
when their normalised wordings are close (`are_same_quote`): contractions and idioms are spelled
out ("they've got to" -> "they have to", "gonna" -> "going to", "don't" -> "do not"), case and
punctuation dropped, and personal pronouns reduced to their role (subject or object, possessive,
reflexive) because reported speech and translation shift person ("we must" / "they must") while a
speaker rarely says two different things that differ only in a pronoun.

The fallbacks, in order:
1. a short quote (under `SHORT_CONTENT_WORDS` content words), or one whose speaker is unknown,
   matches only a near-exact wording (`NEAR_EXACT_RATIO`);
2. longer quotes match when their content words agree up to order and a word or two
   (`FUZZY_THRESHOLD`), or when one is an excerpt of the other (`EXCERPT_THRESHOLD`);
3. a short quote left alone joins the one group whose wording contains it word for word
   (a fragment in a headline: "must 'fight for themselves'").
Groups are the connected parts of the match graph; fragments never link two groups.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from sitrep.records import Quote, QuoteGroup, QuoteSource

NAME = "sitrep.fuse.quotes"
VERSION = 1
COMPONENT = f"{NAME}.v{VERSION}"

UNKNOWN_SPEAKER = "?"
# A quote with fewer content words than this is short: it only matches a near-exact wording.
SHORT_CONTENT_WORDS = 4
# rapidfuzz ratio (0-100) of two normalised wordings for short quotes and unknown speakers.
NEAR_EXACT_RATIO = 95.0
# token_sort_ratio of the content words of two longer quotes: reordered clauses, a changed word.
# At 85 one changed word in five content words ("north"/"south") keeps two quotes apart, while one
# in eight or more ("column"/"convoy") is taken for a variant wording.
FUZZY_THRESHOLD = 85.0
# partial_ratio of the shorter wording within the longer: one outlet quotes a part of the statement.
EXCERPT_THRESHOLD = 92.0
# An excerpt needs this many content words to be told from a stock phrase, and may miss at most
# this many of them in the longer wording.
EXCERPT_CONTENT_WORDS = 6
EXCERPT_MISSING_WORDS = 2
SIGNATURE_BITS = 64
# Rows of the pair-scoring matrix computed at once (memory: rows x quotes bytes per scorer).
SCORING_BLOCK = 512
# A fragment needs this many words to be placed in a group by containment alone.
FRAGMENT_WORDS = 3

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
# (pattern, replacement), applied in order to lower-case text: idioms first, then contractions.
SPELLED_OUT = (
    (r"'ve got to\b", " have to"), (r"\bhave got to\b", "have to"), (r"\bhas got to\b", "has to"),
    (r"'s got to\b", " has to"), (r"'d got to\b", " had to"), (r"(?:'ve|\bhave) gotta\b", " have to"),
    (r"\bgotta\b", "have to"),
    (r"\bgonna\b", "going to"), (r"\bwanna\b", "want to"), (r"\bwon't\b", "will not"),
    (r"\bcan't\b", "can not"), (r"\bcannot\b", "can not"), (r"\bshan't\b", "shall not"),
    (r"\bain't\b", "is not"), (r"n't\b", " not"), (r"'re\b", " are"), (r"'ve\b", " have"),
    (r"'ll\b", " will"), (r"'m\b", " am"), (r"'d\b", " would"), (r"\blet's\b", "let us"),
    (r"\b(it|he|she|that|there|what|who|here|where|how|nobody|everybody|somebody|everyone|someone"
     r"|nothing|everything|something)'s\b", r"\1 is"), (r"'s\b", ""),
)
SPELLINGS = tuple((re.compile(pattern), replacement) for pattern, replacement in SPELLED_OUT)
WORD = re.compile(r"\w+", flags=re.UNICODE)
COUNTRY_US = re.compile(r"\bU\.?S\b\.?")
PRONOUN_ROLES = {
    **dict.fromkeys(("i", "we", "you", "they", "he", "she", "me", "us", "them", "him"), "_who"),
    **dict.fromkeys(("my", "our", "your", "their", "his", "her", "mine", "ours", "yours", "theirs",
                     "hers"), "_whose"),
    **dict.fromkeys(("myself", "ourselves", "yourself", "yourselves", "themselves", "himself",
                     "herself"), "_self"),
}
STOPWORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "if", "so", "as", "of", "to", "in", "on", "at", "by", "for",
    "with", "from", "into", "about", "than", "then", "that", "this", "these", "those", "there", "it",
    "its", "is", "are", "was", "were", "be", "been", "being", "am", "have", "has", "had", "do", "does",
    "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "not", "no",
    "very", "just", "also", "now", "what", "who", "which", "all", "going",
})
NEGATIONS = frozenset({"not", "never", "no", "nobody", "nothing", "none", "neither", "nor", "nowhere"})
# Name endings that are not surnames, and lower-case particles glued to Arabic surnames.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
SURNAME_PARTICLES = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az)-", flags=re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class QuoteEvidence:
    """One extracted quote with the outlet and day of the article that prints it."""

    quote: Quote
    source: str | None
    published_on: date | None


@dataclass(frozen=True, slots=True)
class Wording:
    """A quote's words normalised for comparison: all of them, and the content words alone."""

    words: tuple[str, ...]
    content: tuple[str, ...]

    @property
    def text(self) -> str:
        """The normalised words as one string."""
        return " ".join(self.words)

    @property
    def negations(self) -> int:
        """How many negating words the quote holds; a variant wording keeps its polarity."""
        return sum(word in NEGATIONS for word in self.words)

    @property
    def is_short(self) -> bool:
        """True when too few content words to match anything but a near-exact wording."""
        return len(self.content) < SHORT_CONTENT_WORDS


def quote_key(quote: Quote) -> str:
    """The speaker's surname, lower case and without accents ("biden"); "?" when no name is known."""
    surname = speaker_surname(quote.speaker)
    return surname if surname is not None else UNKNOWN_SPEAKER


def speaker_surname(speaker: str | None) -> str | None:
    """The last capitalised word of a speaker's name; None for a description ("the US president")."""
    if not speaker:
        return None
    words = [word.strip(".,;:()[]\"'’") for word in speaker.split()]
    words = [re.sub(r"['’]s?$", "", word) for word in words if word]
    while words and words[-1].lower() in NAME_SUFFIXES:
        words.pop()
    if not words or not any(char.isupper() for char in words[-1]):
        return None
    plain = unicodedata.normalize("NFKD", SURNAME_PARTICLES.sub("", words[-1]))
    return "".join(char for char in plain if not unicodedata.combining(char)).lower() or None


def normalise_wording(text: str) -> Wording:
    """The words of a quote with contractions spelled out, pronouns reduced to their role."""
    plain = unicodedata.normalize("NFKC", text).translate(APOSTROPHES)
    # "US" is the country, not the pronoun.
    plain = COUNTRY_US.sub("usa", plain)
    words = [PRONOUN_ROLES.get(token, token) for token in WORD.findall(_spell_out(plain))]
    content = tuple(word for word in words if word not in STOPWORDS and not word.startswith("_"))
    return Wording(words=tuple(words), content=content)


def are_same_quote(a: Wording, b: Wording, *, strict: bool = False) -> bool:
    """True when two normalised wordings say the same words (fallbacks 1 and 2 of the module)."""
    if a.words == b.words:
        return True
    if strict or a.is_short or b.is_short:
        return a.negations == b.negations and fuzz.ratio(a.text, b.text) >= NEAR_EXACT_RATIO
    # "we will send troops" is never "we will not send troops", however close the words.
    if a.negations == b.negations and fuzz.token_sort_ratio(" ".join(a.content),
                                                            " ".join(b.content)) >= FUZZY_THRESHOLD:
        return True
    return _is_excerpt(*sorted((a, b), key=lambda wording: (len(wording.text), wording.text)))


def _is_excerpt(shorter: Wording, longer: Wording) -> bool:
    """True when `shorter` is a part of `longer` with a word or two changed, and the same polarity."""
    if min(len(shorter.content), len(longer.content)) < EXCERPT_CONTENT_WORDS:
        return False
    if len(set(shorter.content) - set(longer.content)) > EXCERPT_MISSING_WORDS:
        return False
    alignment = fuzz.partial_ratio_alignment(shorter.text, longer.text)
    if alignment is None or alignment.score < EXCERPT_THRESHOLD:
        return False
    aligned = longer.text[alignment.dest_start:alignment.dest_end].split()
    return sum(word in NEGATIONS for word in aligned) == shorter.negations


def group_quotes(items: Sequence[QuoteEvidence]) -> list[QuoteGroup]:
    """Group quotes of one speaker key into one group per distinct thing said."""
    sources = _unique_sources(items)
    wordings = [normalise_wording(source.text) for source in sources]
    strict = [speaker_surname(source.speaker) is None for source in sources]
    parents = list(range(len(sources)))
    for i, j in _candidate_pairs(wordings):
        if are_same_quote(wordings[i], wordings[j], strict=strict[i] or strict[j]):
            _union(parents, i, j)
    _attach_fragments(parents, wordings, strict)
    members: dict[int, list[QuoteSource]] = {}
    for index, source in enumerate(sources):
        members.setdefault(_find(parents, index), []).append(source)
    groups = [_build_group(group) for group in members.values()]
    return sorted(groups, key=lambda group: group.group_id)


def _candidate_pairs(wordings: Sequence[Wording]) -> list[tuple[int, int]]:
    """Pairs (i < j) that may pass `are_same_quote`: a scoring pass in C over blocks of rows.

    Every pair `are_same_quote` accepts reaches one of these cut-offs, so the filter only saves
    time; the decision stays with `are_same_quote`.
    """
    texts = [wording.text for wording in wordings]
    contents = [" ".join(wording.content) for wording in wordings]
    signatures = np.array([_signature(wording) for wording in wordings], dtype=np.uint64)
    pairs: list[tuple[int, int]] = []
    for first in range(0, len(texts), SCORING_BLOCK):
        rows = slice(first, first + SCORING_BLOCK)
        hits = (process.cdist(texts[rows], texts, scorer=fuzz.ratio, score_cutoff=NEAR_EXACT_RATIO,
                              dtype=np.uint8) > 0)
        hits |= process.cdist(contents[rows], contents, scorer=fuzz.token_sort_ratio,
                              score_cutoff=FUZZY_THRESHOLD, dtype=np.uint8) > 0
        hits |= _may_be_excerpts(signatures[rows], signatures)
        pairs.extend((first + int(row), int(column)) for row, column in zip(*np.nonzero(hits), strict=True)
                     if first + row < column)
    return pairs


def _signature(wording: Wording) -> int:
    """The content words of a long-enough quote as bits of a 64-bit mask (0 for a short one)."""
    if len(wording.content) < EXCERPT_CONTENT_WORDS:
        return 0
    mask = 0
    for word in set(wording.content):
        mask |= 1 << (zlib.crc32(word.encode()) % SIGNATURE_BITS)
    return mask


def _may_be_excerpts(rows: NDArray[np.uint64], columns: NDArray[np.uint64]) -> NDArray[np.bool_]:
    """Pairs where the one side's content words may all but `EXCERPT_MISSING_WORDS` be in the other's.

    A word present on both sides sets the same bit, so the bits missing from one side never
    outnumber its missing words: no pair that `_is_excerpt` accepts is left out.
    """
    both = (rows[:, None] != 0) & (columns[None, :] != 0)
    forward = np.bitwise_count(rows[:, None] & ~columns[None, :]) <= EXCERPT_MISSING_WORDS
    backward = np.bitwise_count(columns[None, :] & ~rows[:, None]) <= EXCERPT_MISSING_WORDS
    found: NDArray[np.bool_] = both & (forward | backward)
    return found


def _attach_fragments(parents: list[int], wordings: Sequence[Wording], strict: Sequence[bool]) -> None:
    """Fallback 3: a group of short quotes joins the one other group that contains its words."""
    groups: dict[int, list[int]] = {}
    for index in range(len(parents)):
        groups.setdefault(_find(parents, index), []).append(index)
    for root, own in sorted(groups.items()):
        if any(strict[index] or not wordings[index].is_short for index in own):
            continue
        fragments = [f" {wordings[index].text} " for index in own
                     if len(wordings[index].words) >= FRAGMENT_WORDS]
        hosts = {_find(parents, other) for other in range(len(parents))
                 if other not in own and not strict[other]
                 and any(fragment in f" {wordings[other].text} " for fragment in fragments)}
        if len(hosts) == 1:
            _union(parents, root, hosts.pop())


def _build_group(members: Sequence[QuoteSource]) -> QuoteGroup:
    """The group record of members already in source order."""
    first = members[0]
    longest = max(members, key=lambda member: len(member.text))
    return QuoteGroup(group_id=f"Q-{first.article_id}-{first.start}", component=COMPONENT,
                      speaker=_group_speaker(members), text=longest.text, members=tuple(members))


def _group_speaker(members: Sequence[QuoteSource]) -> str | None:
    """The most common named speaker (ties to the longest name); a description when none is named."""
    speakers = [member.speaker for member in members if member.speaker]
    named = [speaker for speaker in speakers if speaker_surname(speaker) is not None]
    counts = Counter(named or speakers)
    if not counts:
        return None
    return min(counts, key=lambda speaker: (-counts[speaker], -len(speaker), speaker))


def _unique_sources(items: Sequence[QuoteEvidence]) -> list[QuoteSource]:
    """Each quote once (by article and offsets), in source order: day (unknown last), outlet, article."""
    sources = sorted((_to_source(item) for item in items), key=lambda source: (_order(source), repr(source)))
    unique = {(source.article_id, source.start, source.end): source for source in reversed(sources)}
    return sorted(unique.values(), key=_order)


def _to_source(item: QuoteEvidence) -> QuoteSource:
    """The group member of one piece of evidence."""
    quote = item.quote
    return QuoteSource(article_id=quote.article_id, source=item.source, published_on=item.published_on,
                       start=quote.start, end=quote.end, text=quote.text, speaker=quote.speaker,
                       verb=quote.verb)


def _order(source: QuoteSource) -> tuple[bool, date, str, str, int, int]:
    """Sort key: day (unknown last), outlet, article, offsets."""
    day = source.published_on
    return day is None, day or date.min, source.source or "", source.article_id, source.start, source.end


def _spell_out(text: str) -> str:
    """Lower-case text with idioms and contractions written out in full."""
    text = text.lower()
    for pattern, replacement in SPELLINGS:
        text = pattern.sub(replacement, text)
    return text


def _find(parents: list[int], index: int) -> int:
    """The root of `index` in the union-find forest, compressing the path."""
    while parents[index] != index:
        parents[index] = parents[parents[index]]
        index = parents[index]
    return index


def _union(parents: list[int], a: int, b: int) -> None:
    """Join the sets of `a` and `b`; the smaller root (the earlier quote) stays root."""
    root_a, root_b = _find(parents, a), _find(parents, b)
    if root_a != root_b:
        parents[max(root_a, root_b)] = min(root_a, root_b)
