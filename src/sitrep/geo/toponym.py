"""A place name found in a document, with the cues around it that resolution weighs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from sitrep.extract.nlp import document_text
from sitrep.geo.airports import airport_words
from sitrep.geo.cues import (
    ADMIN1_WORDS,
    ADMIN2_WORDS,
    APPROXIMATE,
    AREA_WORDS,
    TOWN_WORDS,
    is_dateline,
    listed_area_word,
)

# "X, Y" where Y is up to three capitalised words or abbreviations ("Paris, Texas", "Dover, Del.").
_PARTNER = re.compile(r"\s*,\s*((?:[A-Z][\w.'’-]*\.?)(?:\s+(?:[A-Z][\w.'’-]*\.?|of|and)){0,2})")
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_AREA_OF = re.compile(
    r"^(?:the\s+)?(city|town|village|province|state|district|county|region)\s+of\s+", re.IGNORECASE
)


@dataclass(slots=True)
class Toponym:
    """A span of the document taken as a place name, and what its context says about it.

    `names` are the strings to look up, most specific first; `designator` the area word attached
    ("province", "city", ...), `approximate` is set by "near X"-like words, `partners` are the
    names after a comma ("Paris, Texas") and `label` the spaCy entity label that covered the span;
    `dateline` is set for a dateline's name ("KABUL —"), whose region the rest of the article is in.
    """

    start: int
    end: int
    text: str
    names: tuple[str, ...]
    designator: str = ""
    approximate: bool = False
    partners: tuple[str, ...] = ()
    label: str = ""
    source: str = "ner"
    dateline: bool = False

    @property
    def key(self) -> str:
        """The most specific lookup name (how mentions of the same place are grouped)."""
        return self.names[0] if self.names else self.text

    def wants(self) -> str:
        """The kind of place the designator asks for: "admin1", "admin2", "town", "airport" or ""."""
        if self.designator == airport_words().airport:
            return "airport"
        if self.designator in ADMIN1_WORDS:
            return "admin1"
        if self.designator in ADMIN2_WORDS:
            return "admin2"
        if self.designator in TOWN_WORDS:
            return "town"
        return ""


def describe_span(doc: Doc, start: int, end: int, *, label: str = "", source: str = "ner") -> Toponym:
    """The toponym at characters [start, end) of `doc`, with its lookup names and cues."""
    whole = document_text(doc)
    name = whole[start:end]
    core, designator = _split_designator(name)
    span = doc.char_span(start, end, alignment_mode="expand")
    if not designator and span is not None:
        designator = _designator_around(doc, span)
    names = [found for found in dict.fromkeys((core, _clean(name), name)) if found]
    if designator == airport_words().airport:
        # "Kabul airport" is looked up as the airport first, then as the town it serves.
        names.insert(0, f"{core} {designator}")
    return Toponym(
        start=start,
        end=end,
        text=name,
        names=tuple(names),
        designator=designator,
        approximate=span is not None and _is_approximate(doc, span),
        partners=_partners(whole, end),
        label=label,
        source=source,
        dateline=span is not None and is_dateline(doc, span),
    )


def _clean(text: str) -> str:
    """The name without a leading "the" or a trailing possessive."""
    return _POSSESSIVE.sub("", _LEADING.sub("", text)).strip()


def _split_designator(text: str) -> tuple[str, str]:
    """The name without an area word inside the span ("Baghlan province", "city of Farah"), and the word."""
    cleaned = _clean(text)
    match = _AREA_OF.match(cleaned)
    if match:
        return cleaned[match.end() :], match.group(1).lower()
    head, _, last = cleaned.rpartition(" ")
    if head and (last.lower() in AREA_WORDS or last.lower() == airport_words().airport) and last.islower():
        return head, last.lower()
    return cleaned, ""


def _designator_around(doc: Doc, span: Span) -> str:
    """An area word right after the span or closing its list, or "city of"-like words right before it."""
    if span.end < len(doc):
        word = doc[span.end].lower_
        # "Kansas City" is a name; "Baghlan Province" and "Laurel county" are a name and an area word.
        if word in AREA_WORDS and (word not in TOWN_WORDS or doc[span.end].is_lower):
            return word
        if word == airport_words().airport:
            return word
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in AREA_WORDS:
        return doc[span.start - 2].lower_
    return listed_area_word(doc, span)


def _is_approximate(doc: Doc, span: Span) -> bool:
    """True when the words before the span make the place approximate ("near X", "north of X")."""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    two_before = doc[span.start - 2].lower_ if span.start > 1 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return (
        before in APPROXIMATE
        or (before == "of" and two_before in APPROXIMATE)
        or after in {"area", "outskirts", "region", "vicinity"}
    )


def _partners(text: str, end: int) -> tuple[str, ...]:
    """The names that may follow "X," as its containing state or country, longest first."""
    match = _PARTNER.match(text, end)
    if not match:
        return ()
    words = match.group(1).split()
    return tuple(" ".join(words[:count]) for count in range(len(words), 0, -1))
