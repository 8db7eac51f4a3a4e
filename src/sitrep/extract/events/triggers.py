"""Event triggers: ontology words and phrases found in one pass over the document, then filtered.

The index is built once from the ontology (lemma + part of speech for single words, phrases by
their first word), so finding triggers costs a dictionary lookup or two per token.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.attrs import LEMMA, LOWER  # type: ignore[import-not-found]
from spacy.tokens import Doc, Span, Token

from sitrep.extract.lang import killing_lemmas
from sitrep.extract.ontology import Ontology, Pattern, SubEventType

# "*" in a phrase stands for up to this many words ("take * hostage").
MAX_WILDCARD_WORDS = 2
PARTICLE_DEPS = frozenset({"prt", "advmod"})
KILLING_LEMMAS = frozenset(
    {
        "kill",
        "murder",
        "assassinate",
        "execute",
        "massacre",
        "behead",
        "slay",
        "die",
        "dead",
        "killing",
        "execution",
        "assassination",
    }
) | killing_lemmas()  # the other languages' killing words (data/lang/*/words.yaml)
NAME_ENTITIES = frozenset(
    {"DATE", "TIME", "PERSON", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "LAW", "EVENT"}
)
# Bound on the memo of string ids read as trigger words or not (shared by every document).
STARTS_CACHE_SIZE = 100_000
CASUALTY_LINK_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "relcl", "ccomp", "dep"})


@dataclass(slots=True)
class Trigger:
    """One trigger in a sentence: the words, the syntactic head and what the ontology says of it."""

    sub_type: SubEventType
    pattern: Pattern
    head: Token
    span: Span
    casualties: list[Token] = field(default_factory=list)

    @property
    def lemma(self) -> str:
        """The head's lemma, lower case."""
        return self.head.lemma_.lower()

    @property
    def is_killing(self) -> bool:
        """Whether the trigger itself says someone was killed ("shot dead", "killed", "died")."""
        words = {token.lemma_.lower() for token in self.span}
        return bool(words & KILLING_LEMMAS)


class TriggerFinder:
    """Find the ontology's triggers in a parsed document."""

    def __init__(self, ontology: Ontology) -> None:
        self.ontology = ontology
        # Built once: single words by (lemma, part of speech), phrases by their first word.
        self._words: dict[tuple[str, str], list[tuple[SubEventType, Pattern]]] = {}
        self._phrases: dict[str, list[tuple[tuple[str, ...], SubEventType, Pattern]]] = {}
        for sub in ontology.sub_event_types:
            for pattern in sub.patterns:
                for lemma, pos in pattern.words:
                    self._words.setdefault((lemma, pos), []).append((sub, pattern))
                for phrase in pattern.phrases:
                    words = tuple(phrase.split())
                    self._phrases.setdefault(words[0], []).append((words, sub, pattern))
        # Every word a trigger may start with: a token whose lemma and form are neither is passed by.
        self._first_words = frozenset(lemma for lemma, _ in self._words) | frozenset(self._phrases)
        self._starts_known: dict[int, bool] = {}  # by spaCy string id: whether it is a first word

    def find(self, doc: Doc) -> list[Trigger]:
        """Every trigger of `doc` after filtering, one per head token, in text order."""
        by_head: dict[int, Trigger] = {}
        for start, end, sub, pattern in self._matches(doc):
            span = doc[start:end]
            if any(token.ent_type_ in NAME_ENTITIES for token in span):
                continue  # "in March", "Strike Force Brigade": a name, not an event word
            trigger = Trigger(sub, pattern, _phrase_head(span), span)
            if not _passes_filters(trigger):
                continue
            known = by_head.get(trigger.head.i)
            if known is None or _preferred(trigger, known, self.ontology):
                by_head[trigger.head.i] = trigger
        return absorb_casualties(sorted(by_head.values(), key=lambda t: t.head.i))

    def _candidates(self, doc: Doc) -> list[int]:
        """Indexes of the tokens whose lemma or form (lower case) may start a trigger.

        Read from the token arrays by string id: spaCy makes a Token object at every step of
        `for token in doc`, and most tokens start no trigger.
        """
        if not len(doc):
            return []
        strings, known, first_words = doc.vocab.strings, self._starts_known, self._first_words
        if len(known) >= STARTS_CACHE_SIZE:
            known.clear()
        found = []
        for index, ids in enumerate(doc.to_array([LEMMA, LOWER]).tolist()):
            for string_id in ids:
                starts = known.get(string_id)
                if starts is None:
                    starts = known[string_id] = strings[string_id].lower() in first_words
                if starts:
                    found.append(index)
                    break
        return found

    def _matches(self, doc: Doc) -> Iterable[tuple[int, int, SubEventType, Pattern]]:
        """(start, end, sub-event type, pattern) of every word or phrase of the ontology in `doc`."""
        seen: set[tuple[int, int, int]] = set()
        for index in self._candidates(doc):
            token = doc[index]
            # The lemmatiser leaves capitalised headline words alone ("Taliban Take Zaranj").
            keys = {token.lemma_.lower(), token.lower_}
            pos = "NOUN" if token.pos_ == "PROPN" else token.pos_
            found = [
                (token.i + 1, sub, pattern)
                for key in keys
                for sub, pattern in self._words.get((key, pos), ())
            ]
            for key in keys:
                for words, sub, pattern in self._phrases.get(key, ()):
                    end = _phrase_end(doc, token.i, words)
                    if end is not None:
                        found.append((end, sub, pattern))
            for end, sub, pattern in found:
                if (token.i, end, id(pattern)) not in seen:
                    seen.add((token.i, end, id(pattern)))
                    yield token.i, end, sub, pattern


def _phrase_end(doc: Doc, start: int, words: tuple[str, ...]) -> int | None:
    """Where the phrase `words` ends when it starts at `start`, or None; "*" is a few optional words."""
    if not words:
        return start
    if words[0] == "*":
        for skip in range(MAX_WILDCARD_WORDS + 1):
            if start + skip > len(doc) or any(doc[k].is_punct for k in range(start, start + skip)):
                return None
            end = _phrase_end(doc, start + skip, words[1:])
            if end is not None:
                return end
        return None
    if start >= len(doc) or words[0] not in (doc[start].lemma_.lower(), doc[start].lower_):
        return None
    return _phrase_end(doc, start + 1, words[1:])


def _phrase_head(span: Span) -> Token:
    """The word of a phrase that carries its syntax: the one attached outside the phrase."""
    outside = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head == t]
    content = [t for t in outside if t.pos_ in ("VERB", "NOUN", "PROPN", "ADJ")]
    return (content or outside or [span.root])[0]


def _passes_filters(trigger: Trigger) -> bool:
    """The pattern's own conditions: particles that change the meaning, required objects, blocks."""
    head, pattern = trigger.head, trigger.pattern
    if head.tag_ == "VBG" and head.dep_ == "amod":
        return False  # "surrendering troops", "advancing fighters": a word that describes a noun
    if any(c.dep_ in PARTICLE_DEPS and c.lower_ in pattern.exclude_particles for c in head.children):
        return False
    if pattern.object_lemmas and not _has_object_in(head, pattern.object_lemmas):
        return False
    if pattern.subject_lemmas and not _has_subject_in(head, pattern.subject_lemmas):
        return False
    if not trigger.sub_type.blocked_by:
        return True
    sentence = head.sent.text.lower()
    return not any(contains_phrase(sentence, cue) for cue in trigger.sub_type.blocked_by)


def _has_object_in(head: Token, lemmas: frozenset[str]) -> bool:
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "pobj")]
    objects += [g for c in head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    # A title before a name counts: "ousted President X" ousted a president ("government forces" are
    # no government: only a name's title, a proper noun, is read).
    objects += [c for o in objects if o.pos_ == "PROPN" for c in o.children
                if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return any(o.lemma_.lower() in lemmas for o in objects)


def _has_subject_in(head: Token, lemmas: frozenset[str]) -> bool:
    """Whether the subject, or a word describing it, is one of `lemmas` ("army shelling hit ...")."""
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    words = [w for s in subjects for w in (s, *(c for c in s.children if c.dep_ in ("compound", "amod")))]
    return any(w.lemma_.lower() in lemmas or w.lower_ in lemmas for w in words)


def contains_phrase(text: str, phrase: str) -> bool:
    """Whether `phrase` occurs in `text` as whole words."""
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        start = text.find(phrase, start + 1)
    return False


def _preferred(new: Trigger, known: Trigger, ontology: Ontology) -> bool:
    """Between two triggers on one head: the longer phrase, then the pattern whose subject or object
    had to be one of a few words (it held, so it is the more specific reading: "the fall of the
    government" is no place falling), then the earlier sub-event type."""
    if len(new.span) != len(known.span):
        return len(new.span) > len(known.span)
    if _is_specific(new.pattern) != _is_specific(known.pattern):
        return _is_specific(new.pattern)
    order = {sub.name: i for i, sub in enumerate(ontology.sub_event_types)}
    return order[new.sub_type.name] < order[known.sub_type.name]


def _is_specific(pattern: Pattern) -> bool:
    return bool(pattern.object_lemmas or pattern.subject_lemmas)


def absorb_casualties(triggers: list[Trigger]) -> list[Trigger]:
    """Join casualty words ("killed", "died") to the event trigger of their clause.

    "A car bomb ... killed five" is one event, the bombing, with five dead; "shot and killed" and
    "killed and wounded" are one casualty report. A casualty word linked to nothing stays an event.
    """
    final: dict[int, Trigger] = {}
    # Triggers by sentence (spaCy finds a token's sentence by walking the parse: once per trigger).
    by_sentence: dict[int, list[Trigger]] = {}
    for trigger in triggers:
        by_sentence.setdefault(trigger.head.sent.start, []).append(trigger)
    for casualty in (t for t in triggers if t.pattern.casualty):
        same = by_sentence[casualty.head.sent.start]
        host = _host(casualty, [t for t in same if not t.pattern.casualty])
        if host is None:
            earlier = [t for t in same if t.pattern.casualty and t.head.i < casualty.head.i]
            host = _host(casualty, earlier)
            host = final.get(host.head.i, host) if host is not None else None
        if host is not None:
            final[casualty.head.i] = host
            host.casualties.append(casualty.head)
    return [t for t in triggers if t.head.i not in final]


def _host(casualty: Trigger, candidates: list[Trigger]) -> Trigger | None:
    """The first of `candidates` (triggers of the casualty's own sentence) its words report on."""
    return next(
        (other for other in candidates if other is not casualty and _linked(casualty.head, other.head)),
        None,
    )


def _linked(casualty: Token, event: Token) -> bool:
    """Whether the casualty word reports the victims of `event` (same clause, or a clause on it)."""
    if casualty.head == event and casualty.dep_ in CASUALTY_LINK_DEPS:
        return True
    if event.head == casualty and event.dep_ in ("nsubj", "nsubjpass", "agent", "conj", "advcl", "csubj"):
        return True
    if event.dep_ == "pobj" and event.head.dep_ == "prep" and event.head.head == casualty:
        return True
    clause = _clause_verb(casualty)
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is not None and event in list(subject.subtree):
        return True  # "A car bomb ... killed five", "Blast and gunfire ... leave eight dead"
    return event.head == casualty.head and casualty.dep_ == "conj" and event.dep_ != "conj"


def _clause_verb(token: Token) -> Token:
    """The verb of the clause `token` belongs to (itself when it is one)."""
    for _ in range(3):
        if token.pos_ in ("VERB", "AUX") or token.head == token:
            return token
        token = token.head
    return token
