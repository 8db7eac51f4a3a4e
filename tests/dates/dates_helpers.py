"""Shared helpers for the date tests: fixed anchors and a parsed-text factory."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from sitrep.extract.dates import Normalised, normalise_time
from sitrep.extract.nlp import load_model

WEDNESDAY = date(2021, 8, 11)  # the anchor of the worked example: a Wednesday
SUNDAY = date(2021, 8, 15)
NEW_YEAR = date(2021, 1, 4)  # a Monday in ISO week 1 of 2021, just after 2020-W53
MARCH = date(2022, 3, 16)


def parse(text: str) -> Doc:
    """The text parsed by the project's spaCy pipeline (loaded once)."""
    return load_model()(text)


def normalised(text: str, anchor: date | None = WEDNESDAY, **options: object) -> Normalised:
    """`normalise_time` that must recognise the text."""
    result = normalise_time(text, anchor, **options)  # type: ignore[arg-type]
    assert result is not None, f"{text!r} was not recognised"
    return result


def covered(text: str, anchor: date | None = WEDNESDAY) -> tuple[str | None, str | None]:
    """The first and last day a normalised expression covers, as ISO strings."""
    result = normalised(text, anchor)
    return (result.first_day.isoformat() if result.first_day else None,
            result.last_day.isoformat() if result.last_day else None)
