"""Toponym recognition: spaCy's place entities plus the gazetteer's names in capitalised words.

The cascade, in order:
1. spaCy GPE/LOC spans, and FAC spans the gazetteer knows (as an area, or by a facility's own
   name: "Kabul International Airport"), unless the name is a person's surname in this document
   ("Niazi" after "Abdul Wali Niazi") and nothing says it is a place;
   a GPE/LOC span that is no gazetteer name ("North Texas", "Fargo City") gives way to the
   name inside it when step 2 finds one;
2. capitalised word runs (joined by hyphens and connectors: "Pul-e-Khumri", "Mazar-i-Sharif",
   and opened by "New", "St." or a compass word when the whole is a name: "New York",
   "West Virginia") whose longest sub-span is a gazetteer name, rejected after a person cue
   ("X said", "Mr. X", a surname of this document) and otherwise accepted
   - when the name is the whole entity or no entity covers it (spaCy's PERSON "Farah", ORG
     "Aybak", NORP "Khumeri", or an untagged proper noun): if it names a country, division or
     demonym, a town of FREE_MIN_POPULATION people, or any place with a place cue ("in X",
     "X province", "city of X", "X police", a dateline "X —", a legislator's "D-X");
   - when inside a GPE/LOC span that is no name: if it names an area, or a town of
     FREE_MIN_POPULATION, after nothing but compass words ("North Texas", "the Henderson County
     Jail", "Fargo City"; not "Lake Ontario");
   - when nested in a longer entity ("Kabul police", "Rapides Parish Fire District",
     "University of Iowa"): if it names a country or division, a town of BIG_POPULATION, a
     town of NESTED_MIN_POPULATION that opens the entity or follows "of", or any town opening
     the entity before a local body ("the Canaan Board of Finance");
3. the same name elsewhere in the document, once accepted somewhere (one sense per discourse)
   unless a person cue says otherwise; a long article read in chunks is one document here
   (`settle_toponyms`);
4. multi-word capitalised runs and unmatched place-like spans become fuzzy candidates, which the
   resolver keeps only when a similar name exists in the article's countries.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate

from spacy.attrs import IDX, ORTH, SPACY  # type: ignore[import-not-found]
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

from sitrep.extract.nlp import document_text
from sitrep.geo.cues import (
    COMPASS,
    CONNECTORS,
    NAME_OPENERS,
    NOT_PLACES,
    TOWN_WORDS,
    has_person_cue,
    has_place_cue,
    is_clock_marker,
    is_common_word,
    names_local_body,
)
from sitrep.geo.entries import NameKind
from sitrep.geo.gazetteer import Gazetteer, NameMatch
from sitrep.geo.normalize import name_key
from sitrep.geo.toponym import Toponym, describe_span
from sitrep.records import FACILITY_CLASS

PLACE_LABELS = frozenset({"GPE", "LOC"})
NESTING_LABELS = frozenset({"ORG", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART"})
NUMERIC_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})
AREA_CODES = frozenset({"PCLI", "ADM1", "ADM2", "CONT", "RGN"})
NESTED_MIN_POPULATION = 10_000
FREE_MIN_POPULATION = 5_000
BIG_POPULATION = 100_000
MAX_NGRAM = 6
MAX_CONNECTOR_RUN = 3
MIN_FUZZY_LENGTH = 6


@dataclass(slots=True)
class _Found:
    """A gazetteer name found in the text, before the document-level decision."""

    start: int
    end: int
    label: str
    accepted: bool
    person_cue: bool


@dataclass(slots=True)
class Recognised:
    """The toponyms of one parsed text, and the names whose fate the whole document decides (step 3)."""

    toponyms: list[Toponym]
    accepted_keys: set[str]
    # Gazetteer names rejected without a person cue: kept when the same name is accepted elsewhere.
    pending: list[tuple[str, Toponym]]

    def moved(self, delta: int) -> Recognised:
        """The same names with offsets moved by `delta` (a chunk's names into its whole article)."""
        if not delta:
            return self
        return Recognised([_moved(toponym, delta) for toponym in self.toponyms], self.accepted_keys,
                          [(key, _moved(toponym, delta)) for key, toponym in self.pending])


def recognise_toponyms(doc: Doc, gazetteer: Gazetteer) -> list[Toponym]:
    """The toponyms of `doc`, in text order, following the cascade of the module docstring."""
    return settle_toponyms([read_toponyms(doc, gazetteer)])


def settle_toponyms(parts: Sequence[Recognised]) -> list[Toponym]:
    """The toponyms of a document read in parts, in text order: step 3 over all the parts."""
    accepted = set().union(*(part.accepted_keys for part in parts))
    toponyms = [toponym for part in parts for toponym in part.toponyms]
    for toponym in sorted((toponym for part in parts for key, toponym in part.pending if key in accepted),
                          key=lambda toponym: toponym.start - toponym.end):  # the longest name first
        if not any(other.start < toponym.end and toponym.start < other.end for other in toponyms):
            toponyms.append(toponym)
    return sorted(toponyms, key=lambda toponym: toponym.start)


def read_toponyms(doc: Doc, gazetteer: Gazetteer) -> Recognised:
    """Steps 1, 2 and 4 of the cascade on `doc`, and what step 3 needs (see `settle_toponyms`)."""
    text, entities = document_text(doc), doc.ents  # spaCy rebuilds the entities per read: read once
    surnames = _surnames(entities)
    words = _Words(doc)
    runs = _capitalised_runs(words)  # read once: steps 2 and 3 both walk them
    # One query for the names `_longest_name` may try (and most entity names, which are among them).
    gazetteer.know_keys(_run_names(words, runs))
    toponyms: list[Toponym] = []
    taken: list[tuple[int, int]] = []
    unnamed: list[Toponym] = []
    for entity in entities:
        if _take_entity(doc, entity, gazetteer, surnames):
            toponym = describe_span(doc, entity.start_char, entity.end_char, label=entity.label_)
            if _is_named(toponym, gazetteer):
                toponyms.append(toponym)
                taken.append((entity.start_char, entity.end_char))
            else:
                # "North Texas", "Fargo City", "the Henderson County Jail": the name inside is the place.
                unnamed.append(toponym)
    found, fuzzy = _scan_runs(words, runs, gazetteer, _Spans(taken), surnames, _EntityIndex(entities))
    inner = _Spans([(item.start, item.end) for item in found if item.accepted])
    toponyms += [toponym for toponym in unnamed if not inner.overlaps(toponym.start, toponym.end)]
    keys = [name_key(text[item.start : item.end]) for item in found]
    accepted_keys = {key for key, item in zip(keys, found, strict=True) if item.accepted}
    accepted_keys |= {name_key(toponym.key) for toponym in toponyms}
    toponyms += [_from_gazetteer(doc, item) for item in found if item.accepted]
    # Fuzzy runs hold no gazetteer name, so they never overlap what step 3 adds.
    named = _Spans([(toponym.start, toponym.end) for toponym in toponyms])
    toponyms += [
        describe_span(doc, start, end, label=label, source="fuzzy")
        for start, end, label in fuzzy
        if not named.overlaps(start, end)
    ]
    pending = [(key, _from_gazetteer(doc, item))
               for key, item in zip(keys, found, strict=True) if not item.accepted and not item.person_cue]
    pending += _same_names(words, runs, toponyms, accepted_keys)
    return Recognised(toponyms, accepted_keys, pending)


def _same_names(words: _Words, runs: Sequence[tuple[int, int]], toponyms: Sequence[Toponym],
                accepted_keys: set[str]) -> list[tuple[str, Toponym]]:
    """Capitalised runs spelling a name taken as a place elsewhere in the text, where nothing was
    taken: "Tal Rifaat" tagged a person after "had left" is the town the text named before (step 3).
    A person cue still says otherwise ("Tal Rifaat said")."""
    taken = _Spans([(toponym.start, toponym.end) for toponym in toponyms])
    found = []
    for first, last in runs:
        start, end = words.starts[first], words.ends[last]
        key = name_key(words.text[start:end])
        if key not in accepted_keys or taken.overlaps(start, end):
            continue
        run = words.doc[first : last + 1]
        if not has_person_cue(words.doc, run):
            found.append((key, describe_span(words.doc, start, end, label=_label(run), source="fuzzy")))
    return found


def _from_gazetteer(doc: Doc, item: _Found) -> Toponym:
    return describe_span(doc, item.start, item.end, label=item.label, source="gazetteer")


def _moved(toponym: Toponym, delta: int) -> Toponym:
    return replace(toponym, start=toponym.start + delta, end=toponym.end + delta)


def _take_entity(doc: Doc, entity: Span, gazetteer: Gazetteer, surnames: set[str]) -> bool:
    """Whether a spaCy entity is a toponym (step 1)."""
    if is_clock_marker(doc, entity):
        return False
    if entity.label_ == "FAC":
        matches = _matches(gazetteer, entity.text)
        return _is_area(matches) or _is_facility(matches)
    if entity.label_ not in PLACE_LABELS:
        return False
    matches = _matches(gazetteer, entity.text)
    if entity.text in surnames and not has_place_cue(doc, entity) and not _is_area(matches):
        return False
    return not (has_person_cue(doc, entity) and not matches)


def _is_named(toponym: Toponym, gazetteer: Gazetteer) -> bool:
    """True when one of the toponym's lookup names is a gazetteer name."""
    return any(gazetteer.has_key(name_key(name)) for name in toponym.names)


def _surnames(entities: Sequence[Span]) -> set[str]:
    """Words of the multi-word PERSON entities of the document (first names and surnames)."""
    return {
        token.text
        for entity in entities
        if entity.label_ == "PERSON" and len(entity) > 1
        for token in entity
        if token.is_alpha
    }


def _scan_runs(
    words: _Words, runs: Sequence[tuple[int, int]], gazetteer: Gazetteer, taken: _Spans, surnames: set[str],
    entities: _EntityIndex,
) -> tuple[list[_Found], list[tuple[int, int, str]]]:
    """Gazetteer names in capitalised runs outside `taken` (step 2), and fuzzy candidates (step 4)."""
    doc = words.doc
    found: list[_Found] = []
    fuzzy: list[tuple[int, int, str]] = []
    for first, last in runs:
        position = first
        matched_any = False
        while position <= last:
            span = _longest_name(words, position, last, gazetteer, taken)
            if span is None:
                position += 1
                continue
            matched_any = True
            found.append(_judge(doc, span, gazetteer, surnames, entities.covering(span)))
            position = span.end
        if matched_any:
            continue
        run = doc[first : last + 1]
        if _fuzzy_worthy(run) and not taken.overlaps(run.start_char, run.end_char):
            fuzzy.append((run.start_char, run.end_char, _label(run)))
    return found, fuzzy


@dataclass(frozen=True, slots=True)
class _Spelling:
    """What steps 2 and 3 ask of a word, from its spelling alone (the same for every token of it)."""

    text: str
    lower: str
    capitalised: bool  # can begin or end a place name
    opener: bool  # no name alone but may open one ("New" York, "West" Virginia, "St." Paul)
    connector: bool  # a lower-case connector inside a name ("Pul-e Khumri", "Mazar-i-Sharif")


# Spellings by spaCy string id, shared by every document (words repeat across articles).
_SPELLINGS: dict[int, _Spelling] = {}
_SPELLINGS_CACHE_SIZE = 200_000


def _spelling(orth: int, strings: StringStore) -> _Spelling:
    found = _SPELLINGS.get(orth)
    if found is None:
        text = strings[orth]
        lower = text.lower()
        upper_first = text[:1].isupper()
        found = _Spelling(
            text, lower,
            capitalised=upper_first and any(char.isalpha() for char in text) and lower not in NOT_PLACES,
            opener=upper_first and lower.rstrip(".") in NAME_OPENERS,
            connector=text.islower() and lower in CONNECTORS,
        )
        if len(_SPELLINGS) >= _SPELLINGS_CACHE_SIZE:
            _SPELLINGS.clear()
        _SPELLINGS[orth] = found
    return found


class _Words:
    """The words of one doc read from its token arrays once: spaCy makes a Token object on every
    `doc[i]` and every step of `for token in doc`, and steps 2 and 3 test each word many times."""

    __slots__ = ("doc", "ends", "space_after", "spellings", "starts", "text")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = document_text(doc)
        columns = doc.to_array([ORTH, IDX, SPACY]).tolist() if len(doc) else []
        strings = doc.vocab.strings
        self.spellings = [_spelling(orth, strings) for orth, _, _ in columns]
        self.starts = [start for _, start, _ in columns]
        self.ends = [start + len(spelling.text)
                     for start, spelling in zip(self.starts, self.spellings, strict=True)]
        self.space_after = [bool(space) for _, _, space in columns]

    def __len__(self) -> int:
        return len(self.spellings)

    def is_abbreviation_dot(self, index: int) -> bool:
        """A full stop split off an abbreviated opener ("ST" "." "PARIS"), which keeps the name together."""
        return (self.spellings[index].text == "." and index > 0 and not self.space_after[index - 1]
                and self.spellings[index - 1].opener)

    def splits_compound(self, first: int, end: int) -> bool:
        """True when tokens [first, end) are only part of a name joined by a hyphenated connector
        ("Pul" of "Pul-e Khumeri")."""
        size = len(self.spellings)

        def connector(index: int) -> bool:
            return 0 <= index < size and self.spellings[index].connector

        after = end < size and self.spellings[end].text == "-" and not self.space_after[end - 1]
        before = first > 0 and self.spellings[first - 1].text == "-" and not self.space_after[first - 1]
        return (after and connector(end + 1)) or (before and connector(first - 2))


def _capitalised_runs(words: _Words) -> list[tuple[int, int]]:
    """(first, last) token indexes of runs of capitalised words joined by connectors."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    last_cap = -1
    for index, spelling in enumerate(words.spellings):
        if spelling.capitalised or spelling.opener:
            if start is None or index - last_cap - 1 > MAX_CONNECTOR_RUN:
                if start is not None:
                    runs.append((start, last_cap))
                start = index
            last_cap = index
        elif start is not None and spelling.lower not in CONNECTORS and not words.is_abbreviation_dot(index):
            runs.append((start, last_cap))
            start = None
    if start is not None:
        runs.append((start, last_cap))
    return runs


def _run_names(words: _Words, runs: Sequence[tuple[int, int]]) -> Iterable[str]:
    """The keys of every span of the runs that `_longest_name` may look up (a few more: it skips
    spans already taken), so that the gazetteer answers them together."""
    for first, last in runs:
        for position in range(first, last + 1):
            opener = words.spellings[position].opener
            if not (words.spellings[position].capitalised or opener):
                continue
            for end in range(position + opener, min(last, position + MAX_NGRAM - 1) + 1):
                if words.spellings[end].capitalised:
                    yield name_key(words.text[words.starts[position] : words.ends[end]])


def _longest_name(
    words: _Words, position: int, last: int, gazetteer: Gazetteer, taken: _Spans
) -> Span | None:
    """The longest span starting at `position` that is a gazetteer name and overlaps nothing taken."""
    first = words.spellings[position]
    if not (first.capitalised or first.opener):
        return None
    for end in range(min(last, position + MAX_NGRAM - 1), position - 1 + first.opener, -1):
        if not words.spellings[end].capitalised:
            continue
        start_char, end_char = words.starts[position], words.ends[end]
        if taken.overlaps(start_char, end_char) or words.splits_compound(position, end + 1):
            continue
        name = words.text[start_char:end_char]
        if gazetteer.has_key(name_key(name)) and not (
            # "North Arlington Neighbors" is about a part of Arlington; "West Virginia" is a state.
            first.lower in COMPASS and not _is_area(_matches(gazetteer, name))
        ):
            return words.doc[position : end + 1]
    return None


def _judge(
    doc: Doc, span: Span, gazetteer: Gazetteer, surnames: set[str], covering: Span | None
) -> _Found:
    """Accept or reject one gazetteer name by the entity `covering` it and the cues around it (step 2)."""
    label = str(covering.label_) if covering is not None else ""
    matches = [] if is_clock_marker(doc, span) else _matches(gazetteer, span.text)
    person_cue = has_person_cue(doc, span) or (span.text in surnames and not has_place_cue(doc, span))
    accepted = False
    if matches and label not in NUMERIC_LABELS and not person_cue:
        area = _is_area(matches)
        population = max(
            (
                m.entry.population
                for m in matches
                if m.entry.feature_class == "P" and m.kind <= NameKind.ALTERNATE
            ),
            default=0,
        )
        cue = has_place_cue(doc, span)
        if not (area or population >= BIG_POPULATION or cue) and is_common_word(span):
            accepted = False
        elif label == "PERSON" and covering is not None and covering.text == span.text:
            accepted = area or population >= NESTED_MIN_POPULATION or cue
        elif label in PLACE_LABELS and covering is not None and covering.text != span.text:
            # A place entity that is no gazetteer name: "North Texas", "Fargo City", "Henderson County Jail".
            accepted = _is_part_of(covering, span, area, population)
        elif covering is None or covering.text == span.text:
            proper = label or span[0].pos_ == "PROPN" or span[0].is_upper
            accepted = bool(proper) and (area or population >= FREE_MIN_POPULATION or cue)
        elif label == "PERSON":
            accepted = area or (_opens(covering, span) and names_local_body(doc, span))
        else:
            accepted = (
                area
                or population >= BIG_POPULATION
                or (_leads(covering, span) and population >= NESTED_MIN_POPULATION)
                or (_opens(covering, span) and names_local_body(doc, span))
            )
    return _Found(span.start_char, span.end_char, label, accepted, person_cue)


def _is_part_of(covering: Span, span: Span, area: bool, population: int) -> bool:
    """True when a place entity that is no gazetteer name stands for the name inside it.

    Only compass words may precede the name ("North Texas"; not "Lake Ontario"); an area may be
    followed by anything ("Henderson County Jail"), a town only by a town word ("Fargo City").
    """
    before = covering.doc[covering.start : span.start]
    after = covering.doc[span.end : covering.end]
    if not all(token.lower_ in COMPASS or token.lower_ == "the" for token in before):
        return False
    return area or (population >= FREE_MIN_POPULATION and (not len(after) or after[0].lower_ in TOWN_WORDS))


def _is_area(matches: list[NameMatch]) -> bool:
    """True when a match is a country, admin-1 or continent, an admin-2 by its full name, or a demonym."""
    for match in matches:
        code = match.entry.feature_code
        if match.kind == NameKind.DEMONYM or (
            code in {"PCLI", "ADM1", "CONT"} and match.kind <= NameKind.ABBREVIATION
        ):
            return True
        if code == "ADM2" and match.kind == NameKind.NAME:
            return True
    return False


def _is_facility(matches: list[NameMatch]) -> bool:
    """True when the whole span is a facility's own name ("Kabul International Airport"): spaCy's
    FAC span and the gazetteer agree on a spot, not on a word inside it."""
    return any(match.entry.feature_class == FACILITY_CLASS and match.kind <= NameKind.ALTERNATE
               for match in matches)


def _opens(covering: Span, span: Span) -> bool:
    """True when `span` opens the entity, after a "the" ("the Canaan Board of Finance")."""
    return span.start == covering.start + (covering[0].lower_ == "the")


def _leads(covering: Span, span: Span) -> bool:
    """True when `span` opens the entity or follows "of"/"in" in it ("Kabul police", "University of Iowa")."""
    return span.start == covering.start or (
        span.start > covering.start and span.doc[span.start - 1].lower_ in {"of", "in"}
    )


def _matches(gazetteer: Gazetteer, text: str) -> list[NameMatch]:
    """Gazetteer matches usable in running text (no postal codes; short capitals only as abbreviations).

    Transliteration variants help resolve a name already taken as a place, never take one.
    """
    matches = [
        match for match in gazetteer.matches(text) if match.kind < NameKind.CODE and not match.transliterated
    ]
    compact = text.replace(".", "")
    if compact.isupper() and len(compact) <= 3:
        matches = [match for match in matches if match.kind == NameKind.ABBREVIATION]
    if "." not in text and not text.isupper():
        # "Miss", "Man" and "Wash" are words; their abbreviations need the dot ("Miss.").
        matches = [match for match in matches if match.kind != NameKind.ABBREVIATION]
    return matches




def _label(span: Span) -> str:
    """The label of the first entity token of `span`, or ""."""
    for token in span:
        if token.ent_type_:
            return str(token.ent_type_)
    return ""


def _fuzzy_worthy(run: Span) -> bool:
    """A multi-word name run or a place/nationality-tagged word, long enough to be searched fuzzily."""
    if len(run.text) < MIN_FUZZY_LENGTH:
        return False
    labels = {token.ent_type_ for token in run}
    joined = any(token.text == "-" for token in run)
    return joined or (bool(labels & {"GPE", "LOC", "NORP"}) and "PERSON" not in labels)


class _Spans:
    """Character spans, asked in logarithmic time whether they overlap a span (long texts have thousands)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        # The furthest end among the spans opening at or before each one.
        self.reach = list(accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps one of the spans."""
        opened = bisect_left(self.starts, end)
        return opened > 0 and self.reach[opened - 1] > start


class _EntityIndex:
    """The document's entities (sorted, never overlapping), searched by token position."""

    def __init__(self, entities: Sequence[Span]) -> None:
        self.entities = entities
        self.ends = [entity.end for entity in entities]

    def covering(self, span: Span) -> Span | None:
        """The first entity overlapping `span`, or None."""
        index = bisect_right(self.ends, span.start)
        if index < len(self.entities) and self.entities[index].start < span.end:
            return self.entities[index]
        return None
