"""Proper names that may be places the place extractor missed, for territory events only.

"Pul-e-Khumri" split by the tokenizer into five tokens, "Farah" tagged as a person: a run of
capitalised words not claimed by a place or an actor can stand in as an unresolved place when it
is what a territory verb acts on. A name tagged as a person counts only with a place cue ("the
city of X", "X, capital of ...", "X province"), beside real places, or when hyphen-glued.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitrep.records import PlaceMention

# Nouns that stand for a place without naming it ("the city", "11 provincial capitals").
PLACE_HEAD_NOUNS = frozenset(
    {
        "capital",
        "city",
        "town",
        "village",
        "district",
        "province",
        "port",
        "base",
        "airport",
        "region",
        "area",
        "stronghold",
        "hub",
        "county",
        "municipality",
        "settlement",
        "enclave",
        "outpost",
        "territory",
        "centre",
        "center",
        "outskirts",
        "suburb",
        "neighbourhood",
        "neighborhood",
        "crossing",
        "garrison",
    }
)
NOT_SYNTHETIC_ENTS = frozenset(
    {
        "DATE",
        "TIME",
        "CARDINAL",
        "ORDINAL",
        "MONEY",
        "PERCENT",
        "QUANTITY",
        "NORP",
        "LANGUAGE",
        "EVENT",
        "WORK_OF_ART",
        "LAW",
        "PRODUCT",
    }
)


@dataclass(frozen=True, slots=True)
class PlaceItem:
    """One place an argument names; `mention` is None for a synthetic (unresolved) name."""

    span: Span
    mention: PlaceMention | None
    province_for_capital: bool = False


def synthetic_spans(doc: Doc, taken: set[int]) -> list[Span]:
    """Proper-name runs not claimed by a place or an actor ("Pul-e-Khumri" split into five tokens)."""
    spans: list[Span] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.pos_ != "PROPN" or i in taken or token.ent_type_ in NOT_SYNTHETIC_ENTS or not token.is_title:
            i += 1
            continue
        end = _run_end(doc, i, taken)
        if not _glued_to(doc, i, taken):
            spans.append(doc[i:end])
        i = end
    return spans


def _glued_to(doc: Doc, start: int, taken: set[int]) -> bool:
    """Whether the word around `start` is glued by hyphens to a claimed name ("Mazar" of "Mazar-i-Sharif")."""
    i = start
    while i > 0 and glued(doc[i - 1], doc[i]):
        i -= 1
        if i in taken:
            return True
    return False


def _run_end(doc: Doc, start: int, taken: set[int]) -> int:
    end = start + 1
    while end < len(doc) and end not in taken:
        previous, token = doc[end - 1], doc[end]
        glued = not previous.whitespace_ and (token.is_alpha or token.text == "-")
        continues = (
            token.pos_ == "PROPN" and token.is_title and token.ent_type_ not in NOT_SYNTHETIC_ENTS - {"NORP"}
        )
        if not glued and not continues:
            break
        end += 1
    while end - 1 > start and doc[end - 1].text == "-":
        end -= 1
    return end


def glued(left: Token, right: Token) -> bool:
    """Whether two tokens are parts of one written word joined by a hyphen ("Pul", "-", "e")."""
    if left.whitespace_:
        return False
    return left.text == "-" or right.text == "-"


def drop_unlikely_synthetic(items: list[PlaceItem], *, lenient: bool = False) -> list[PlaceItem]:
    """A synthetic name tagged as a person counts only beside real places or with a place cue.

    `lenient` (what a strong territory verb acts on: "Kunduz was captured") also lets a one-word
    name through: the small English model often tags an unfamiliar town as a person.
    """
    has_real = any(item.mention is not None for item in items) or lenient
    return [
        item
        for item in items
        if item.mention is not None
        or not _person_like(item.span)
        or (has_real and len(item.span) == 1)
        or _place_cue(item.span)
        or _hyphen_glued(item.span)
    ]


def _hyphen_glued(span: Span) -> bool:
    """ "Mazar-i-Sharif", "Qala-i-Naw": compound place names, seldom a person's name."""
    return any(token.text == "-" and not token.whitespace_ for token in span[:-1])


def _person_like(span: Span) -> bool:
    return any(token.ent_type_ == "PERSON" for token in span)


def _place_cue(span: Span) -> bool:
    """ "Farah, capital of ...", "the city of Farah", "Farah province", "Pul-e Khumeri city"."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lemma_.lower() in PLACE_HEAD_NOUNS:
        return True
    if (
        span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].lemma_.lower() in PLACE_HEAD_NOUNS
    ):
        return True
    root = span.root
    return any(c.dep_ == "appos" and c.lemma_.lower() in PLACE_HEAD_NOUNS for c in root.children) or (
        root.dep_ == "appos" and root.head.lemma_.lower() in PLACE_HEAD_NOUNS
    )
