"""The time component: every time expression of a parsed article as a normalised `TimeMention`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from spacy.tokens import Doc

from sitrep.extract.nlp import document_text
from sitrep.extract.timex.finder import Candidate, find_candidates, split_candidate
from sitrep.extract.timex.normalise import normalise_time
from sitrep.extract.timex.tense import Tense, detect_tense
from sitrep.records import TimeMention


class TimeExtractor:
    """Finds time expressions in a spaCy `Doc` and normalises them against the publication date.

    Requires a Doc with entities and a dependency parse (the tense of the clause decides which
    way a bare weekday or month points). Offsets are into `doc.text`, which must be the article text.
    """

    name = "sitrep.dates.rules"
    version = "1"

    @property
    def component(self) -> str:
        """The name and version written into every record: `sitrep.dates.rules.v1`."""
        return f"{self.name}.v{self.version}"

    def __call__(self, doc: Doc, article_id: str, anchor: date | None) -> tuple[TimeMention, ...]:
        """The time mentions of one article, sorted by start; `anchor` is its publication date."""
        mentions: list[TimeMention] = []
        text = document_text(doc)  # built from the tokens on each access: read it once per Doc
        for candidate in find_candidates(doc, text):
            mention = self._mention(doc, text, candidate, article_id, anchor)
            if mention is not None:
                mentions.append(mention)
                continue
            # Pieces overlap ("Aug. 26 to Oct. 20" and "26 to Oct. 20"): the first that normalises wins.
            taken: list[TimeMention] = []
            for piece in split_candidate(text, candidate):
                if any(piece.start < other.end and other.start < piece.end for other in taken):
                    continue
                mention = self._mention(doc, text, piece, article_id, anchor)
                if mention is not None:
                    taken.append(mention)
            mentions.extend(taken)
        return tuple(sorted(mentions, key=lambda mention: mention.start))

    def _mention(self, doc: Doc, text: str, candidate: Candidate, article_id: str,
                 anchor: date | None) -> TimeMention | None:
        expression = text[candidate.start:candidate.end]
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        tense = detect_tense(span) if span is not None else Tense.UNKNOWN
        result = normalise_time(expression, anchor, tense=tense)
        if result is None:
            return None
        return TimeMention(
            article_id=article_id, start=candidate.start, end=candidate.end, text=expression,
            component=self.component, value=result.value, precision=result.precision,
            first_day=result.first_day, last_day=result.last_day,
        )

    def pipe(self, items: Iterable[tuple[Doc, str, date | None]]) -> Iterator[tuple[TimeMention, ...]]:
        """The time mentions of each (doc, article id, publication date), in order."""
        for doc, article_id, anchor in items:
            yield self(doc, article_id, anchor)
