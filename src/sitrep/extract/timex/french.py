"""French time expressions: found by patterns built from `data/lang/fr/words.yaml`, normalised
by the English rules once their words are translated, else by dateparser in French.

    "mardi" -> "Tuesday" -> the English weekday rule (points back from the publication day)
    "le 14 novembre 2023" -> "14 November 2023";  "mardi dernier" -> "last Tuesday"
    "hier", "il y a trois jours" -> dateparser(languages=["fr"]) relative to the publication day

The French model tags no DATE entities, so the finder does not depend on them. The tense of the
clause comes from the verb's morphology (`Tense=Fut` points a bare weekday forward).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span

from sitrep.extract.lang import FRENCH, language_words
from sitrep.extract.timex.normalise import normalise_time
from sitrep.extract.timex.tense import Tense
from sitrep.extract.timex.values import Normalised, make_day, make_month, make_year
from sitrep.records import TimeMention

DAY_NUMBER = r"(?:1er|\d{1,2})"
YEAR = r"\d{4}"


class FrenchTimeExtractor:
    """The time component for French articles: same records as `TimeExtractor`."""

    name = "sitrep.dates.fr"
    version = "1"

    def __init__(self) -> None:
        self.pattern = _pattern()

    @property
    def component(self) -> str:
        """The name and version written into every record: `sitrep.dates.fr.v1`."""
        return f"{self.name}.v{self.version}"

    def __call__(self, doc: Doc, article_id: str, anchor: date | None) -> tuple[TimeMention, ...]:
        """The time mentions of one French article, sorted by start; `anchor` is its publication date."""
        mentions = []
        for match in self.pattern.finditer(doc.text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            result = normalise_french(match.group(0), anchor, tense=_tense(span))
            if result is None:
                continue
            mentions.append(TimeMention(
                article_id=article_id, start=match.start(), end=match.end(), text=match.group(0),
                component=self.component, value=result.value, precision=result.precision,
                first_day=result.first_day, last_day=result.last_day,
            ))
        return tuple(mentions)

    def pipe(self, items: Iterable[tuple[Doc, str, date | None]]) -> Iterator[tuple[TimeMention, ...]]:
        """The time mentions of each (doc, article id, publication date), in order."""
        for doc, article_id, anchor in items:
            yield self(doc, article_id, anchor)


def normalise_french(text: str, anchor: date | None, *, tense: Tense = Tense.UNKNOWN) -> Normalised | None:
    """The value of a French time expression: the English rules on its translation, else dateparser."""
    english = _translate(text)
    if english is not None:
        found = normalise_time(english, anchor, tense=tense)
        if found is not None:
            return found
    return _dateparser(text, anchor) if anchor is not None else None


def _translate(text: str) -> str | None:
    """The expression in the English the date rules read, or None when a word has no translation."""
    words = {**language_words(FRENCH, "months"), **language_words(FRENCH, "weekdays")}
    around = language_words(FRENCH, "time_words")
    out: list[str] = []
    for word in text.lower().replace("1er", "1").split():
        if word in ("le", "la", "l'", "en", "du", "dans"):
            continue
        if word.isdigit():
            out.append(word)
        elif word in words:
            out.append(str(words[word]))
        elif around.get(word) in ("last", "next"):
            out.insert(0, str(around[word]))  # "mardi dernier" -> "last Tuesday"
        elif word in around:
            out.append(str(around[word]))
        else:
            return None
    return " ".join(out) or None


def _tense(span: Span | None) -> Tense:
    """The tense of the verb governing `span`, from its morphology (past unless future or present)."""
    if span is None:
        return Tense.UNKNOWN
    verb = span.root.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    forms = [verb, *(c for c in verb.children if c.pos_ == "AUX")]
    tenses = {t for token in forms for t in token.morph.get("Tense", [])}
    if "Fut" in tenses:
        return Tense.FUTURE
    if "Past" in tenses or "Imp" in tenses:
        return Tense.PAST
    return Tense.PRESENT if tenses else Tense.UNKNOWN


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """One pattern of every French time expression the words file allows, longest forms first."""
    months = _alternation(language_words(FRENCH, "months"))
    weekdays = _alternation(language_words(FRENCH, "weekdays"))
    around = _alternation(language_words(FRENCH, "time_words"))
    relative = "|".join(str(r) for r in language_words(FRENCH, "relative") or [])
    forms = [
        rf"(?:(?:{weekdays}) )?{DAY_NUMBER} (?:{months})(?: {YEAR})?",
        rf"(?:{months}) {YEAR}",
        rf"(?:{weekdays})(?: (?:{around}))?",
        rf"(?<=en )(?:{months})",
    ]
    if relative:
        forms.append(relative)
    return re.compile(r"(?<!\w)(?:" + "|".join(forms) + r")(?!\w)", re.IGNORECASE)


def _alternation(words: Any) -> str:
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


def _dateparser(text: str, anchor: date) -> Normalised | None:
    """dateparser in French, relative to the publication day (a day, a month or a year)."""
    data = _parser(datetime(anchor.year, anchor.month, anchor.day, 12, 0)).get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "month":
        return make_month(day.year, day.month)
    if data.period == "year":
        return make_year(day.year)
    return make_day(day)


@lru_cache(maxsize=64)
def _parser(base: datetime) -> Any:
    from dateparser.date import DateDataParser  # imported on first use: it loads language data

    return DateDataParser(languages=["fr"], settings={"RELATIVE_BASE": base})
