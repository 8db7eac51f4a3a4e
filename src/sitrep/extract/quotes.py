"""Direct quotations: the words in quotation marks, the reporting verb and the speaker.

Quotation marks are paired by rule, per paragraph, in straight and curly forms. A quotation
left open at the end of a paragraph continues when the next paragraph opens with a mark (the
newspaper convention for quotes that run over paragraphs). Scare quotes ("a 'kinetic' effect")
are skipped: a quotation under `MIN_QUOTE_WORDS` words is kept only when a reporting verb is
attached to it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.attrs import IDX  # type: ignore[import-not-found]
from spacy.tokens import Doc, Span, Token

from sitrep.extract.attribution import Attribution, Attributor, attributor_of
from sitrep.extract.lexicon import ENGLISH, lexicon
from sitrep.records import EntityMention, Quote

DOUBLE_MARKS = frozenset("\"“”„‟«»")
OPENING_MARKS = frozenset("“„‟«")
CLOSING_MARKS = frozenset("”»")
OPENING, CLOSING, EITHER = "opening", "closing", "either"
# A single mark opens after a space or bracket and before a word; it closes after a word and
# before a space or punctuation, so apostrophes inside words ("country’s", "they've") never pair.
SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–]))['‘](?=[^\s'’])")
SINGLE_CLOSE = re.compile(r"(?<=[^\s'‘])['’](?=$|[\s.,;:!?)\]—–])")
PARAGRAPH = re.compile(r"[^\n]+")
MIN_QUOTE_WORDS = 3
# Tokens allowed between a short quotation and its verb for the verb to count as attached.
ATTACHED_GAP = 6
TRAILING = " \t\n,;:"
# Titles of reports, films and campaigns are quoted too: "titled 'Lessons from the Siege'".
TITLE_CUES = lexicon(ENGLISH).claims.title_cues  # data/lang/en/claims.yaml
TITLE_CUE_REACH = 20
TITLE_WORD_LENGTH = 4
# A quotation opening a sentence this close after an attributed one continues its speaker.
INHERIT_GAP = 160
SENTENCE_ENDS = frozenset(".!?\"”’'")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quotation: the words between the marks, per paragraph, and where the marks sit."""

    pieces: tuple[tuple[int, int], ...]
    open_mark: int
    close_mark: int

    @property
    def start(self) -> int:
        """Offset of the first quoted character."""
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        """Offset just past the last quoted character."""
        return self.pieces[-1][1]


@dataclass(frozen=True, slots=True)
class AttributedQuote:
    """A quotation with the attribution found for it (None when nobody is named)."""

    span: QuoteSpan
    attribution: Attribution | None


class QuoteExtractor:
    """Direct quotations of one parsed article, with reporting verb and speaker."""

    name = "sitrep.quotes.rules"
    version = "1"

    def __call__(self, doc: Doc, article_id: str, *,
                 entities: tuple[EntityMention, ...] = ()) -> tuple[Quote, ...]:
        """Every quotation of `doc` (parsed from the article's text) as a `Quote` record."""
        component = f"{self.name}.v{self.version}"
        attributor = attributor_of(doc, entities)
        found = attribute_quotes(doc, attributor)
        return tuple(_to_record(item, attributor.text, article_id, component) for item in found)


# The quotations found last, with the attributor they were found with (claims ask first, then quotes).
_LAST_FOUND: list[tuple[Doc, Attributor, tuple[AttributedQuote, ...]]] = []


def attribute_quotes(doc: Doc, attributor: Attributor) -> tuple[AttributedQuote, ...]:
    """Quotations of `doc` that are not scare quotes, each with its speaker where one is found."""
    if _LAST_FOUND and _LAST_FOUND[0][0] is doc and _LAST_FOUND[0][1] is attributor:
        return _LAST_FOUND[0][2]
    found = _QuoteFinder(doc, attributor).run()
    _LAST_FOUND[:] = [(doc, attributor, found)]
    return found


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in `text`: double marks first, then single marks outside them."""
    doubles = list(_pair_double_marks(text))
    singles = [
        span for span in _pair_single_marks(text)
        if not any(outer.open_mark < span.open_mark < outer.close_mark for outer in doubles)
    ]
    # British style nests double marks inside single ones: keep the outer quotation only.
    doubles = [
        span for span in doubles
        if not any(outer.open_mark < span.open_mark < outer.close_mark for outer in singles)
    ]
    spans = [span for span in doubles + singles if span.pieces]
    return sorted(spans, key=lambda span: span.open_mark)


def _pair_double_marks(text: str) -> Iterator[QuoteSpan]:
    """Pair double marks in order within each paragraph, carrying an open quote to the next one.

    A mark shaped as an opening one while a quotation is open starts a new quotation: the open one
    ran without a closing mark (a paragraph break lost in extraction, or a typo).
    """
    open_mark: int | None = None
    pieces: list[tuple[int, int]] = []
    piece_start = 0
    previous_end = 0
    for paragraph in PARAGRAPH.finditer(text):
        marks = [paragraph.start() + i for i, char in enumerate(paragraph.group()) if char in DOUBLE_MARKS]
        if open_mark is not None:
            first_char = len(paragraph.group()) - len(paragraph.group().lstrip())
            if marks and marks[0] == paragraph.start() + first_char:
                piece_start = marks.pop(0) + 1
            else:  # never closed: the quotation ends with its paragraph
                yield _make_span(text, open_mark, previous_end, pieces)
                open_mark, pieces = None, []
        for mark in marks:
            shape = _mark_shape(text, mark)
            if open_mark is None:
                if shape != CLOSING:
                    open_mark, piece_start = mark, mark + 1
                continue
            # German style opens low and closes high: „...“.
            if shape == OPENING and not (text[open_mark] == "„" and text[mark] in "“‟"):
                yield _make_span(text, open_mark, mark - 1, [*pieces, (piece_start, mark)])
                open_mark, piece_start, pieces = mark, mark + 1, []
                continue
            yield _make_span(text, open_mark, mark, [*pieces, (piece_start, mark)])
            open_mark, pieces = None, []
        if open_mark is not None:
            pieces.append((piece_start, paragraph.end()))
        previous_end = paragraph.end()
    if open_mark is not None:
        yield _make_span(text, open_mark, previous_end, pieces)


def _mark_shape(text: str, position: int) -> str:
    """Whether a double mark opens or closes: curly marks say so, a straight one by its neighbours."""
    char = text[position]
    if char in OPENING_MARKS:
        return OPENING
    if char in CLOSING_MARKS:
        return CLOSING
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    opens = (before.isspace() or before in "([—–-") and not after.isspace() and after not in ".,;:!?)"
    closes = not before.isspace() and (after.isspace() or after in ".,;:!?)—–-")
    if opens != closes:
        return OPENING if opens else CLOSING
    return EITHER


def _pair_single_marks(text: str) -> Iterator[QuoteSpan]:
    """Pair single marks that open before a word and close after one, within a paragraph."""
    for paragraph in PARAGRAPH.finditer(text):
        base, body = paragraph.start(), paragraph.group()
        closes = [match.start() for match in SINGLE_CLOSE.finditer(body)]
        after = -1
        for match in SINGLE_OPEN.finditer(body):
            if match.start() <= after:
                continue
            close = next((position for position in closes if position > match.start() + 1), None)
            if close is None:
                break
            opening = base + match.start()
            yield _make_span(text, opening, base + close, [(opening + 1, base + close)])
            after = close


def _make_span(text: str, open_mark: int, close_mark: int, pieces: list[tuple[int, int]]) -> QuoteSpan:
    """A quote span whose pieces are trimmed of spaces and trailing commas; empty pieces dropped."""
    trimmed = []
    for start, end in pieces:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1] in TRAILING:
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return QuoteSpan(tuple(trimmed), open_mark, close_mark)


def _word_count(text: str, span: QuoteSpan) -> int:
    """Number of whitespace-separated words in the quotation."""
    return sum(len(text[start:end].split()) for start, end in span.pieces)


def _is_title(text: str, span: QuoteSpan) -> bool:
    """A title in quotation marks: introduced by "titled"/"headlined", or written in Title Case."""
    before = text[max(span.open_mark - TITLE_CUE_REACH, 0):span.open_mark].lower().split()
    if before and before[-1].strip(",") in TITLE_CUES:
        return True
    words = [word for start, end in span.pieces for word in text[start:end].split()]
    long_words = [word for word in words if len(word) >= TITLE_WORD_LENGTH and word.isalpha()]
    return len(long_words) >= 2 and all(word[0].isupper() for word in long_words)


class _QuoteFinder:
    """Pairs the quotations of one document with their reporting verbs and speakers."""

    def __init__(self, doc: Doc, attributor: Attributor) -> None:
        self.doc = doc
        self.text = attributor.text
        self.attributor = attributor
        self.spans = find_quote_spans(self.text)
        self.starts = doc.to_array(IDX).tolist() if self.spans and len(doc) else []
        self.ranges = [(span.open_mark, span.close_mark + 1) for span in self.spans]

    def run(self) -> tuple[AttributedQuote, ...]:
        """Every quotation kept, in text order."""
        kept: list[AttributedQuote] = []
        for span in self.spans:
            attribution, attached = self._attribution(span)
            short = _word_count(self.text, span) < MIN_QUOTE_WORDS
            if not attached and (short or _is_title(self.text, span)):
                continue
            if attribution is None:
                attribution = self._inherited(span, kept)
            kept.append(AttributedQuote(span, attribution))
        return tuple(kept)

    def _token_at(self, position: int) -> int:
        """Index of the token holding character `position`."""
        return max(bisect_right(self.starts, position) - 1, 0)

    def _attribution(self, span: QuoteSpan) -> tuple[Attribution | None, bool]:
        """The nearest reporting verb around the quotation (same sentences, outside quotes) and its speaker.

        The second value says whether the verb is attached to the quotation (only its speaker and
        punctuation in between), which is what lets a one- or two-word quotation count.
        """
        best: tuple[int, Attribution, bool] | None = None
        for token in self._frame(span):
            found = self.attributor.of_verb(token)
            if found is None or any(start <= token.idx < end for start, end in self.ranges):
                continue
            after = token.idx > span.close_mark
            distance = token.idx - span.close_mark if after else span.open_mark - token.idx
            if best is None or distance < best[0]:
                best = (distance, found, self._is_attached(span, token, found, after=after))
        if best is None:
            return None, False
        return best[1], best[2]

    def _frame(self, span: QuoteSpan) -> Span:
        """The tokens around a quotation: its sentences, and the next one if it still reports it.

        Sentences never run over a line break (see `nlp.load_model`), so the frame stays in the
        quotation's paragraphs.
        """
        doc = self.doc
        start = doc[self._token_at(span.open_mark)].sent.start
        end = doc[self._token_at(span.close_mark)].sent.end
        if end < len(doc) and self._continues_after(span, doc[end]):
            end = doc[end].sent.end
        return doc[start:end]

    def _continues_after(self, span: QuoteSpan, following: Token) -> bool:
        """True when the sentence after the quotation still reports it ("Why now?” he asked.").

        The parser may split after `,”` and leave "he said." in the next sentence; after `.”`
        followed by a capital the quoted sentence is over and the next one is someone else's.
        """
        text = self.text
        if "\n" in text[span.close_mark:following.idx]:
            return False
        quoted_end = text[:span.close_mark].rstrip()[-1:]
        return quoted_end not in (".", "!", "?") or following.text[:1].islower()

    def _is_attached(self, span: QuoteSpan, verb: Token, found: Attribution, *, after: bool) -> bool:
        """True when only the speaker and punctuation separate the quotation from its verb."""
        if after:
            between = self.doc[self._token_at(span.close_mark) + 1:verb.i]
        else:
            between = self.doc[verb.i + 1:self._token_at(span.open_mark)]
        if len(between) > ATTACHED_GAP:
            return False
        return all(token.is_punct or found.start <= token.idx < found.end or token.pos_ in ("PRON", "DET")
                   or token.dep_ in ("compound", "amod", "nsubj") for token in between)

    def _inherited(self, span: QuoteSpan, kept: Sequence[AttributedQuote]) -> Attribution | None:
        """The speaker of an unattributed quotation, by the newspaper conventions for continuing one.

        A quotation paragraph that follows an attributed quotation continues it; a paragraph
        ending in "X said:" introduces the quotation after it; a quotation that opens a sentence
        right after an attributed one (same paragraph, `INHERIT_GAP` characters at most) goes on
        with the same speaker.
        """
        text = self.text
        start, end = _paragraph_bounds(text, span.open_mark, span.close_mark)
        before = text[start:span.open_mark].strip()
        after = text[span.close_mark + 1:end].strip(" \t.,;:!?")
        previous = kept[-1] if kept else None
        if not before and not after and start > 0:
            return self._from_previous_paragraph(start, previous)
        if previous is None or previous.attribution is None or (before and before[-1] not in SENTENCE_ENDS):
            return None
        if start <= previous.span.close_mark and span.open_mark - previous.span.close_mark <= INHERIT_GAP:
            return _continued(previous.attribution)
        return None

    def _from_previous_paragraph(self, start: int, previous: AttributedQuote | None) -> Attribution | None:
        """The speaker introduced ("X said:") or quoted in the paragraph before `start`."""
        text = self.text
        previous_start, previous_end = _paragraph_bounds(text, start - 1, start - 1)
        if text[previous_start:previous_end].rstrip().endswith(":"):
            introducing = [found for found in self.attributor.attributions
                           if previous_start <= self.doc[found.verb_index].idx < previous_end]
            if introducing:
                return introducing[-1]
        if previous is None or previous.attribution is None:
            return None
        if not previous_start <= previous.span.close_mark < previous_end:
            return None
        return _continued(previous.attribution)


def _continued(attribution: Attribution) -> Attribution:
    """The same speaker for a quotation that continues theirs, without a verb of its own."""
    return Attribution(attribution.speaker, attribution.start, attribution.end, None, -1,
                       attribution.is_person)


def _paragraph_bounds(text: str, first: int, last: int) -> tuple[int, int]:
    """Bounds of the paragraph holding positions `first`..`last`, blank lines before it skipped."""
    while first > 0 and text[first] in "\n\r \t" and text[first - 1] in "\n\r \t":
        first -= 1
    start = text.rfind("\n", 0, first) + 1
    end = text.find("\n", last)
    return start, len(text) if end < 0 else end


def _to_record(item: AttributedQuote, text: str, article_id: str, component: str) -> Quote:
    """The `Quote` record; pieces over several paragraphs are joined by one space."""
    words = " ".join(text[start:end] for start, end in item.span.pieces)
    found = item.attribution
    return Quote(
        article_id=article_id, start=item.span.start, end=item.span.end, text=words,
        component=component, speaker=found.speaker if found else None,
        verb=found.verb if found else None,
        speaker_start=found.start if found else None, speaker_end=found.end if found else None,
    )
