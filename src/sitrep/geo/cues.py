"""Words around a name that say whether it is a place and of which kind, and the functions reading them."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span

from sitrep.errors import ConfigError
from sitrep.extract.lexicon import ENGLISH, lexicon
from sitrep.extract.nlp import load_model

# The words live in data/lang/en/places.yaml (and the speaker forms in reporting.yaml).
_PLACES = lexicon(ENGLISH).places
# Area words after a name ("Baghlan province") or before "of" ("the city of Farah"), and the
# feature classes/codes each one points to.
ADMIN1_WORDS = _PLACES.admin1_words
ADMIN2_WORDS = _PLACES.admin2_words
TOWN_WORDS = _PLACES.town_words
AREA_WORDS = ADMIN1_WORDS | ADMIN2_WORDS | TOWN_WORDS
# Compass words: a place modified by one is near it or part of it, and never a place on its own.
COMPASS = _PLACES.compass
# Words before a name that put a place after them ("in X", "from X", "captured X").
LOCATIVE = _PLACES.locative
# Words that make a place approximate: ACLED geo_precision 2 ("near Kunduz", "north of Kabul").
APPROXIMATE = COMPASS | _PLACES.approximate
# A name followed by one of these is a speaker, not a place ("Niazi said").
SPEECH_VERBS = lexicon(ENGLISH).reporting.speaker_forms
CLOCK_MARKERS = lexicon(ENGLISH).calendar.clock_markers
# Titles before a person's name.
HONORIFICS = _PLACES.honorifics
# Capitalised words that are never place names in running text.
NOT_PLACES = COMPASS | _PLACES.not_places
# Plural area words closing a list of names ("Clarke, Oconee and Madison counties"), as singulars.
LIST_AREA_WORDS = _PLACES.list_area_words
# How many tokens a list of names before its area word may span.
MAX_LIST_TOKENS = 20
# Local bodies named after their town or county ("Roselle police", "Canaan Board", "Dublin council").
LOCAL_BODIES = _PLACES.local_bodies
# Bodies that, opening an organisation's name after a town, make the town a place ("Canaan Board").
GOVERNING_BODIES = LOCAL_BODIES | _PLACES.governing_bodies
# US party letters before a legislator's home ("D-Braxton", "R-Elbow Lake", "DFL-Chisholm").
PARTY_LETTERS = _PLACES.party_letters
# Dashes after a dateline ("CROMWELL — Police said").
DATELINE_DASHES = frozenset({"—", "–", "--", "-"})
# The longest agency name in a dateline's brackets, in tokens ("(Orontes Wire)").
MAX_AGENCY_TOKENS = 8
# Words of NOT_PLACES that may still open a longer name ("New York", "West Virginia", "St. Paul").
NAME_OPENERS = COMPASS | _PLACES.name_openers
# The Arabic article as romanised, assimilated to the next consonant ("Deir ez-Zor", "Dayr az Zawr",
# "Ras al-Ain", "Jisr ash-Shughur"): it joins the two parts of one name.
ARABIC_ARTICLES = _PLACES.arabic_articles
# Words that join the parts of one name ("Mazar-i-Sharif", "Sar-e Pul", "Bosnia and Herzegovina").
CONNECTORS = ARABIC_ARTICLES | _PLACES.connectors

def is_common_word(span: Span) -> bool:
    """True when the name is also an English noun, adjective or adverb ("Police", "Superior", "Hope")."""
    words = common_words()
    return "_".join(token.lower_ for token in span if token.text != "-") in words


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The English words of the spaCy model's lemmatizer tables (WordNet's nouns, adjectives, adverbs).

    WordNet also lists large places ("paris"), so the check is only applied to names of small
    towns; an empty set when the configured model has no lemmatizer tables.
    """
    try:
        lookups = load_model().get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        index = lookups.get_table("lemma_index")
    except (KeyError, AttributeError, ConfigError):
        return frozenset()
    return frozenset(word for part in ("noun", "adj", "adv") for word in index.get(part, ()))


def is_clock_marker(doc: Doc, span: Span) -> bool:
    """ "A.M." in "10 A.M.": the clock time's marker, which the parser may tag as a place."""
    # The number before is asked first: it is cheap, and most names have none (`span.text` is
    # built from the tokens on every read).
    if span.start == 0 or not doc[span.start - 1].like_num:
        return False
    return span.text.lower().replace(".", "") in CLOCK_MARKERS


def has_place_cue(doc: Doc, span: Span) -> bool:
    """True when the words around `span` say it is a place ("in X", "X province", "X, Texas")."""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if before in LOCATIVE and not has_person_cue(doc, span) and not modifies_noun(doc, span):
        return True
    # "Market District" and "Commerce Mayor" are names of their own; "Laurel county" is a county.
    if after in AREA_WORDS | LOCAL_BODIES and (doc[span.end].is_lower or not is_common_word(span)):
        return True
    if is_dateline(doc, span) or is_party_home(doc, span) or listed_area_word(doc, span):
        return True
    return span.start >= 2 and before == "of" and doc[span.start - 2].lower_ in AREA_WORDS


def modifies_noun(doc: Doc, span: Span) -> bool:
    """True when a common noun follows the name, which then only qualifies it ("in Taliban hands")."""
    if span.end >= len(doc):
        return False
    after = doc[span.end]
    place_words = AREA_WORDS | LOCAL_BODIES | TOWN_WORDS
    return after.pos_ == "NOUN" and after.is_lower and after.lower_ not in place_words


def is_dateline(doc: Doc, span: Span) -> bool:
    """True for a capitals-only name opening a sentence before a dash ("CROMWELL — Police said").

    An agency in brackets and a colon are dateline forms too ("BEIRUT (Orontes Wire) —", "KABUL:").
    """
    opens = span.start == 0 or doc[span.start].is_sent_start or doc[span.start - 1].is_punct
    opens = opens or doc[span.start - 1].is_space
    if not opens or not span.text.isupper():
        return False
    end = _after_agency(doc, span.end)
    return end < len(doc) and (doc[end].text in DATELINE_DASHES or doc[end].text == ":")


def _after_agency(doc: Doc, index: int) -> int:
    """The index after a bracketed agency name at `index` ("(Reuters)"), or `index` when there is none."""
    if index >= len(doc) or doc[index].text != "(":
        return index
    for end in range(index + 1, min(len(doc), index + MAX_AGENCY_TOKENS)):
        if doc[end].text == ")":
            return end + 1
    return index


def is_party_home(doc: Doc, span: Span) -> bool:
    """True for a legislator's home after a party letter ("Sen. Smith, D-Braxton")."""
    if span.start < 2 or doc[span.start - 1].text != "-":
        return False
    party, dash = doc[span.start - 2], doc[span.start - 1]
    return party.text in PARTY_LETTERS and not party.whitespace_ and not dash.whitespace_


def has_person_cue(doc: Doc, span: Span) -> bool:
    """True when the words around `span` say it is a person ("X said", "Mr. X")."""
    before = doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    attributed = before == "to" and span.start > 1 and doc[span.start - 2].lower_ == "according"
    return before in HONORIFICS or after in SPEECH_VERBS or attributed


def names_local_body(doc: Doc, span: Span) -> bool:
    """True when a local body follows the name ("Grand Ledge Police", "Canaan Board of Finance")."""
    return span.end < len(doc) and doc[span.end].lower_ in GOVERNING_BODIES


def listed_area_word(doc: Doc, span: Span) -> str:
    """The singular area word closing the list the name is in ("Oconee" of "Clarke and Oconee counties")."""
    for token in doc[span.end : span.end + MAX_LIST_TOKENS]:
        if token.lower_ in LIST_AREA_WORDS:
            return LIST_AREA_WORDS[token.lower_] if token.is_lower else ""
        if token.text not in {",", "and", "or", "&"} and not token.text[:1].isupper():
            return ""
    return ""
