"""Who said it: reporting verbs, their speakers, and "he said" resolved to an earlier person.

Shared by the claim and quote extractors. One `Attributor` is built per document; it walks the
reporting verbs once, in order, so that a pronoun speaker can be resolved to the subject of the
previous attribution (or, failing that, to the last PERSON named before it).

Documents must come from `nlp.load_model()`, whose sentences end at every line break: a reporting
verb is looked for in its sentence only, so a headline's verb never reaches the text below it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from spacy.attrs import LEMMA, LOWER, POS  # type: ignore[import-not-found]
from spacy.parts_of_speech import VERB  # type: ignore[import-not-found]
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from sitrep.extract.lexicon import ENGLISH, lexicon
from sitrep.extract.nlp import document_text
from sitrep.records import EntityMention

# Lemmas of verbs that introduce someone's words (direct or reported): data/lang/en/reporting.yaml.
REPORTING_VERBS = lexicon(ENGLISH).reporting.verbs
PERSON_LABELS = frozenset({"PERSON", "PER"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
NOT_SPEAKER_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
RESOLVABLE_PRONOUNS = lexicon(ENGLISH).reporting.resolvable_pronouns
# Pronouns that name nobody we can point at: such an attribution is dropped rather than kept as "they".
UNRESOLVABLE_PRONOUNS = lexicon(ENGLISH).reporting.unresolvable_pronouns
# A pronoun looks back to the previous attribution only this far (characters); past it, recency wins.
ATTRIBUTION_REACH = 1500
# How far up the tree a verb without a subject borrows one ("..., adding that" takes "said"'s subject).
SUBJECT_BORROW_DEPTH = 3
BORROWING_DEPS = frozenset({"advcl", "conj", "xcomp"})
SUBJECT_DEPS = frozenset({"nsubj"})
# After a quotation the parser often files an inverted speaker ("warned the police chief") as an object.
INVERTED_DEPS = frozenset({"dobj", "attr", "npadvmod", "appos", "dative", "oprd"})
# Children that end a speaker's noun phrase: clauses and appositions hang after its core.
PHRASE_END_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj"})
PHRASE_END_TEXTS = frozenset({",", "(", "—", "–", ";", ":"})
ACCORDING = "according"


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speaker and the verb that reports their words; `start`/`end` point at the speaker's name.

    For a resolved pronoun the offsets point at the antecedent, so `text[start:end] == speaker`.
    """

    speaker: str
    start: int
    end: int
    verb: str | None
    verb_index: int
    is_person: bool


@dataclass(frozen=True, slots=True)
class _Named:
    """A named-entity span in character offsets; `is_person` when he/she may refer to it."""

    start: int
    end: int
    text: str
    is_person: bool
    label: str = ""


class Attributor:
    """Finds who said what in one parsed document, entities first, then spaCy's own entities."""

    def __init__(self, doc: Doc, entities: Sequence[EntityMention] = ()) -> None:
        self.doc = doc
        self.entities = entities
        self.text = document_text(doc)
        self._named = _collect_named(doc, entities)
        self._named_starts = [named.start for named in self._named]
        self._surnames = {named.text.split()[-1] for named in self._named if named.is_person}
        self._by_verb: dict[int, Attribution] = {}
        self._ordered: list[Attribution] = []
        self._collect()

    @property
    def attributions(self) -> tuple[Attribution, ...]:
        """Every attribution of the document, in text order of its verb."""
        return tuple(self._ordered)

    def of_verb(self, verb: Token) -> Attribution | None:
        """The attribution introduced by `verb` (a reporting verb or "according"), if any."""
        return self._by_verb.get(verb.i)

    def of_sentence(self, sentence: Span, *, target: Token,
                    excluded: Sequence[tuple[int, int]] = ()) -> Attribution | None:
        """Who the sentence attributes `target` to: the reporting verb above it, else any in the sentence.

        Verbs inside `excluded` character ranges (quotations) do not count, nor does a speaker
        whose own words contain the target ("Six states warned" is not six states' claim).
        """
        candidates = [
            found for token in sentence
            if (found := self._by_verb.get(token.i)) is not None
            and not _inside(token.idx, excluded)
            and not (found.start <= target.idx < found.end)
            and not _in_subject(target, self.doc[found.verb_index])
        ]
        for found in candidates:
            if _is_ancestor(self.doc[found.verb_index], target):
                return found
        return candidates[0] if candidates else None

    def _collect(self) -> None:
        """Walk the document's reporting verbs once, resolving each one's speaker in text order."""
        for index in _reporting_indexes(self.doc):
            token = self.doc[index]
            subject = _speaker_token(token)
            if subject is None:
                continue
            found = self._describe(subject, token)
            if found is not None:
                self._by_verb[token.i] = found
                self._ordered.append(found)

    def _describe(self, subject: Token, verb: Token) -> Attribution | None:
        """The attribution whose speaker is `subject`, resolving he/she to an earlier person."""
        verb_text = "according to" if verb.lower_ == "according" else verb.lower_
        lowered = subject.lower_
        if lowered in RESOLVABLE_PRONOUNS:
            antecedent = self._antecedent(subject.idx)
            if antecedent is None:
                return None
            return Attribution(antecedent.text, antecedent.start, antecedent.end, verb_text, verb.i, True)
        if lowered in UNRESOLVABLE_PRONOUNS or subject.pos_ == "PRON" or _is_not_a_speaker(subject):
            return None
        named = self._named_for(subject)
        if named is not None:
            return Attribution(named.text, named.start, named.end, verb_text, verb.i,
                               self._is_person_speaker(named, subject))
        start, end = _phrase_bounds(subject)
        is_person = subject.pos_ == "PROPN" and subject.text in self._surnames
        return Attribution(self.text[start:end], start, end, verb_text, verb.i, is_person)

    def _is_person_speaker(self, named: _Named, subject: Token) -> bool:
        """True when he/she may later refer to this speaker.

        Besides PERSON entities: a surname of a person named earlier ("McBride"), and a name of
        two or more capitalised words that the model filed under another label ("Nadia Karimi").
        """
        if named.is_person or named.text.split()[-1] in self._surnames:
            return True
        words = named.text.split()
        return (subject.pos_ == "PROPN" and named.label not in PLACE_LABELS and len(words) >= 2
                and all(word[:1].isupper() for word in words))

    def _antecedent(self, position: int) -> _Named | None:
        """The previous attribution's person if recent, else the last PERSON named before `position`."""
        if self._ordered and self._ordered[-1].is_person:
            last = self._ordered[-1]
            if position - last.end <= ATTRIBUTION_REACH:
                return _Named(last.start, last.end, last.speaker, True)
        index = bisect_left(self._named_starts, position)
        for named in reversed(self._named[:index]):
            if named.is_person and named.end <= position:
                return named
        return None

    def _named_for(self, subject: Token) -> _Named | None:
        """The entity covering the subject's core (head, compounds, apposition), persons first."""
        core = [subject, *(child for child in subject.children if child.dep_ in ("compound", "appos"))]
        found = [named for token in core if (named := self._named_at(token.idx)) is not None]
        people = [named for named in found if named.is_person]
        if people:
            return people[0]
        return next((named for named in found if self._named_at(subject.idx) is named), None)

    def _named_at(self, position: int) -> _Named | None:
        """The entity span containing character `position`, if any."""
        index = bisect_left(self._named_starts, position + 1) - 1
        if index >= 0 and self._named[index].start <= position < self._named[index].end:
            return self._named[index]
        return None


# The attributor made last: the claim and the quote extractors ask in turn for the same article.
_LAST_ATTRIBUTOR: list[Attributor] = []


def attributor_of(doc: Doc, entities: Sequence[EntityMention] = ()) -> Attributor:
    """The `Attributor` of `doc` and `entities`, made once for the extractors that ask one after
    another (it is read only once made)."""
    if _LAST_ATTRIBUTOR:
        last = _LAST_ATTRIBUTOR[0]
        if last.doc is doc and (last.entities is entities or last.entities == entities):
            return last
    _LAST_ATTRIBUTOR[:] = [Attributor(doc, entities)]
    return _LAST_ATTRIBUTOR[0]


def _collect_named(doc: Doc, entities: Sequence[EntityMention]) -> list[_Named]:
    """Entity spans sorted by start: the given mentions, then spaCy's entities that do not overlap them."""
    given = [_Named(e.start, e.end, e.text, e.label.upper() in PERSON_LABELS, e.label.upper())
             for e in entities]
    taken = sorted((named.start, named.end) for named in given)
    starts = [start for start, _ in taken]
    reach = list(accumulate((end for _, end in taken), max))  # the furthest end of the spans so far
    own = [
        _Named(name.start_char, name.end_char, name.text, ent.label_ in PERSON_LABELS, ent.label_)
        for ent in doc.ents
        if not _overlaps_any(starts, reach, ent.start_char, ent.end_char)
        and len(name := _without_possessive(ent))
    ]
    return sorted(given + own, key=lambda named: named.start)


def _overlaps_any(starts: Sequence[int], reach: Sequence[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the spans whose sorted starts and running furthest ends
    are given: one starting before `end` whose furthest reach so far passes `start`."""
    index = bisect_left(starts, end)  # the spans that start before `end`
    return index > 0 and reach[index - 1] > start


def _is_not_a_speaker(subject: Token) -> bool:
    """Dates, numbers and amounts cannot speak; a parse that says so is wrong."""
    return subject.like_num or subject.ent_type_ in NOT_SPEAKER_LABELS


def _without_possessive(ent: Span) -> Span:
    """An entity without a trailing possessive ("Al Jazeera's" -> "Al Jazeera")."""
    return ent[:-1] if len(ent) > 1 and ent[-1].tag_ == "POS" else ent


# Whether a lemma (by spaCy string id) is a reporting verb's, shared by every document.
_REPORTING_LEMMAS: dict[int, bool] = {}
_LEMMA_CACHE_SIZE = 100_000


def _reporting_indexes(doc: Doc) -> list[int]:
    """Indexes of the tokens `_speaker_token` may take: "according" and verbs with a reporting lemma.

    Read from the token arrays: spaCy makes a Token object at every step of `for token in doc`.
    """
    if not len(doc):
        return []
    strings = doc.vocab.strings
    according = strings[ACCORDING]
    return [index for index, (lower, pos, lemma) in enumerate(doc.to_array([LOWER, POS, LEMMA]).tolist())
            if lower == according or (pos == VERB and _is_reporting_lemma(lemma, strings))]


def _is_reporting_lemma(lemma: int, strings: StringStore) -> bool:
    known = _REPORTING_LEMMAS.get(lemma)
    if known is None:
        if len(_REPORTING_LEMMAS) >= _LEMMA_CACHE_SIZE:
            _REPORTING_LEMMAS.clear()
        known = _REPORTING_LEMMAS[lemma] = strings[lemma].lower() in REPORTING_VERBS
    return known


def _speaker_token(verb: Token) -> Token | None:
    """The head of the speaker of `verb`, if it is a reporting verb (or "according to") with one."""
    if verb.lower_ == ACCORDING:
        return _according_to(verb)
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in REPORTING_VERBS:
        return None
    current = verb
    for _ in range(SUBJECT_BORROW_DEPTH):
        subject = _subject_of(current)
        if subject is not None:
            return subject
        if current.dep_ not in BORROWING_DEPS or current.head is current:
            break
        current = current.head
    return _adjacent_name(verb)


def _subject_of(verb: Token) -> Token | None:
    """The verb's own subject, nearest first; after a quotation, the inverted one ("," warned the chief")."""
    # A quotation before "he said" may hold a subject of its own: the nearest is the speaker.
    subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
    if subjects:
        return min(subjects, key=lambda child: abs(child.i - verb.i))
    before = [token for token in verb.doc[max(verb.i - 2, 0):verb.i] if token.is_punct]
    if not any(token.is_quote for token in before):
        return None
    return next((child for child in verb.rights
                 if child.dep_ in INVERTED_DEPS and child.pos_ in ("NOUN", "PROPN")), None)


def _according_to(according: Token) -> Token | None:
    """The object of "according to X"."""
    following = according.nbor(1) if according.i + 1 < len(according.doc) else None
    if following is None or following.lower_ != "to":
        return None
    return next((child for child in following.children if child.dep_ == "pobj"), None)


def _adjacent_name(verb: Token) -> Token | None:
    """A proper name right after (or before) the verb, for parses that missed the subject."""
    doc = verb.doc
    for index in (verb.i - 1, verb.i + 1):
        if 0 <= index < len(doc) and doc[index].pos_ in ("PROPN", "PRON"):
            token = doc[index]
            while token.dep_ == "compound" and token.head.i != token.i and token.head.pos_ == "PROPN":
                token = token.head
            return token
    return None


def _phrase_bounds(head: Token) -> tuple[int, int]:
    """Character bounds of a speaker's noun phrase, cut before clauses, appositions and commas."""
    tokens = [head]
    for child in head.lefts:
        tokens.extend(child.subtree)
    for child in head.rights:
        if child.dep_ in PHRASE_END_DEPS or child.text in PHRASE_END_TEXTS:
            break
        tokens.extend(child.subtree)
    tokens = [token for token in tokens if token is head or not (token.is_quote or token.is_punct)]
    first = min(tokens, key=lambda token: token.i)
    last = max(tokens, key=lambda token: token.i)
    return first.idx, last.idx + len(last.text)


def _is_ancestor(verb: Token, target: Token) -> bool:
    """True when `target` sits anywhere under `verb` in the parse."""
    return any(ancestor.i == verb.i for ancestor in target.ancestors)


def _in_subject(target: Token, verb: Token) -> bool:
    """True when `target` is part of the verb's subject phrase (the speaker itself)."""
    return any(child.dep_ in SUBJECT_DEPS and target in child.subtree for child in verb.children)


def _inside(position: int, ranges: Iterable[tuple[int, int]]) -> bool:
    """True when a character position falls in one of the [start, end) ranges."""
    return any(start <= position < end for start, end in ranges)
