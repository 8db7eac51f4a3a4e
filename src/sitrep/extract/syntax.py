"""Small readings of the parse shared by the actor tagger and the event steps."""

from __future__ import annotations

from spacy.tokens import Span

# Tags of the word after a hyphen that make the name before it a modifier ("US-backed", "rebel-held").
COMPOUND_MODIFIER_TAGS = frozenset({"VBN", "VBD", "JJ"})


def is_compound_modifier(span: Span) -> bool:
    """Whether the name only qualifies a hyphenated participle or adjective ("the US-backed government").

    Such a name says who backs, holds or built something, not where an event happens.
    """
    doc = span.doc
    if span.end + 1 >= len(doc) or span[-1].whitespace_ or doc[span.end].text != "-":
        return False
    after = doc[span.end + 1]
    return after.tag_ in COMPOUND_MODIFIER_TAGS and after.text.islower()
