"""The arguments of a trigger in the dependency parse: logical subject and object, and actors.

Passive voice is undone ("Kunduz was captured by the Taliban": the Taliban is the subject),
relative pronouns point at what they stand for ("Kandahar and Ghazni, both of which fell"), and a
verb with no subject of its own takes the one of the verb it depends on ("threatened to take",
"after retaking ..., the forces advanced").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from sitrep.extract.events.triggers import Trigger
from sitrep.extract.lexicon import GroupWords, lexicon
from sitrep.extract.nlp import document_text
from sitrep.records import EntityMention

RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
PARTITIVES = frozenset({"both", "all", "each", "some", "most", "many", "several", "none", "one", "either"})
SUBJECT_INHERITING_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp"})
CORE_DEPS = frozenset(
    {"compound", "amod", "det", "poss", "nmod", "nummod", "conj", "cc", "quantmod", "case", "punct"}
)
CLAUSE_CUT_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "appos"})
MAX_INHERIT = 4


def is_passive(head: Token) -> bool:
    """Whether the verb `head` is in the passive voice."""
    return any(child.dep_ in ("nsubjpass", "auxpass", "csubjpass") for child in head.children)


def logical_subject(head: Token) -> Token | None:
    """Who does the action of `head`: the active subject, the passive agent, or an inherited one."""
    for _ in range(MAX_INHERIT):
        found = _own_subject(head)
        if found is not None:
            return resolve_relative(found)
        if head.dep_ == "pcomp" and head.head.dep_ == "prep":
            head = head.head.head  # "after retaking X, the forces advanced"
        elif head.dep_ in SUBJECT_INHERITING_DEPS and head.head != head:
            head = head.head
        elif head.dep_ == "acl" and head.tag_ != "VBN" and head.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return head.head  # "the sixth capital to fall": the noun is the one that falls
        else:
            return None
    return None


def _own_subject(head: Token) -> Token | None:
    if head.pos_ in ("NOUN", "PROPN"):
        by = _prep_objects(head, "by")
        own = by[0] if by else next((c for c in head.children if c.dep_ == "poss"), None)
        return own if own is not None else _performer(head)
    if is_passive(head):
        agents = [g for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return agents[0] if agents else None
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "csubj")]
    # A dateline ("KABUL (Wire) - The Taliban captured ...") adds a second subject; the nearest wins.
    return min(subjects, key=lambda c: abs(head.i - c.i)) if subjects else None


def _performer(noun: Token) -> Token | None:
    """ "the rebels launched an attack": the subject of the verb that performs the event noun."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in lexicon().groups.performing_verbs:
        return None
    return _own_subject(verb)


def logical_object(head: Token) -> Token | None:
    """What the action of `head` is done to: the object, the passive subject, or the noun it modifies."""
    if head.pos_ in ("NOUN", "PROPN"):
        found = _prep_objects(head, "of")
        return found[0] if found else None
    deps = ("nsubjpass",) if is_passive(head) else ("dobj", "attr")
    child = next((c for c in head.children if c.dep_ in deps), None)
    if child is not None:
        return resolve_relative(child)
    if head.dep_ == "acl" and head.tag_ == "VBN":
        return head.head  # "the ninth capital taken by the insurgents"
    if head.dep_ == "relcl" and head.head.pos_ in ("NOUN", "PROPN"):
        return head.head  # "the capital that the Taliban have taken", "that" read as a marker
    if head.dep_ == "conj" and head.head.pos_ == "VERB" and is_passive(head.head):
        return logical_object(head.head)  # "Kunduz was attacked and captured"
    return None


def resolve_relative(token: Token) -> Token:
    """The noun a relative pronoun stands for ("..., which fell": the place before the comma)."""
    pronoun = token
    if token.lower_ in PARTITIVES:
        of_objects = _prep_objects(token, "of")
        if of_objects and of_objects[0].lower_ in RELATIVE_PRONOUNS:
            pronoun = of_objects[0]
    if pronoun.lower_ not in RELATIVE_PRONOUNS:
        return token
    clause = pronoun
    for _ in range(MAX_INHERIT + 2):
        if (
            clause.dep_ in ("relcl", "acl")
            and clause.head != clause
            and clause.head.pos_ in ("NOUN", "PROPN")
        ):
            return clause.head
        if clause.head == clause:
            break
        clause = clause.head
    return _noun_before(token) or token


def _noun_before(token: Token) -> Token | None:
    """The noun just before a relative phrase the parser did not attach ("A and B, both of which")."""
    i = token.left_edge.i - 1
    while i >= token.sent.start and token.doc[i].is_punct:
        i -= 1
    if i < token.sent.start or token.doc[i].pos_ not in ("NOUN", "PROPN"):
        return None
    noun = token.doc[i]
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # the first of a list: the relative phrase is about all of it
    return noun


def in_relative_clause_of(trigger: Token, noun: Token) -> bool:
    """Whether `trigger` sits in a relative clause on `noun` ("Ghazni, which fell"): the clause is
    about that noun alone, not the list it belongs to."""
    token = trigger
    for _ in range(MAX_INHERIT + 2):
        if token.head == noun:
            return token.dep_ in ("relcl", "acl")
        if token.head == token:
            return False
        token = token.head
    return False


def _prep_objects(head: Token, word: str) -> list[Token]:
    return [
        g
        for c in head.children
        if c.dep_ in ("prep", "agent") and c.lower_ == word
        for g in c.children
        if g.dep_ == "pobj"
    ]


def argument_tokens(trigger: Trigger, source: str) -> list[Token]:
    """The head tokens found at `source` (an ontology role source) around `trigger`."""
    head = trigger.head
    if source == "subject":
        found = logical_subject(head)
        return [found] if found is not None else []
    if source == "object":
        found = logical_object(head)
        return [found] if found is not None else []
    if source == "possessor":
        return [c for c in head.children if c.dep_ == "poss"]
    if source == "modifier":
        return [c for c in head.children if c.dep_ in ("compound", "nmod", "amod")]
    if source == "phrase_object":
        return _phrase_objects(trigger.span)
    word = source.removeprefix("prep:")
    objects = _prep_objects(head, word) or _object_complements(head, word) or _participle_objects(head, word)
    return [resolve_relative(t) for t in objects]


def _participle_objects(head: Token, word: str) -> list[Token]:
    """An event noun's preposition carried by the participle that describes it: "shells fired into
    the town", "rockets launched at the base" (the noun itself has no "into" of its own)."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return []
    participles = [c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    # The parser may hang the phrase on the participle's agent ("fired by X into the town").
    return [g for verb in participles for t in verb.subtree if t.dep_ == "prep" and t.lower_ == word
            for g in t.children if g.dep_ == "pobj"][:1]


def _object_complements(head: Token, word: str) -> list[Token]:
    """The verb's complement the parser hung on its object: "cleared the town of the rebels",
    "ousted the garrison from the city". Along a chain ("the city of Karvand of the rebels") the
    last one comes first: the one before it is the object's own name."""
    if head.pos_ != "VERB":
        return []
    found: list[Token] = []
    nouns = [c for c in head.children if c.dep_ == "dobj"]
    while nouns and len(found) < MAX_INHERIT:
        nouns = _prep_objects(nouns[0], word)
        found.extend(nouns[:1])
    return found[::-1]


def _phrase_objects(span: Span) -> list[Token]:
    last = span[-1]
    if last.pos_ == "ADP" or last.dep_ == "prep":
        return [resolve_relative(c) for c in last.children if c.dep_ == "pobj"]
    return [resolve_relative(c) for t in span for c in t.children if c.dep_ == "dobj" and c.i >= span.end]


def noun_phrase_tokens(token: Token) -> list[Token]:
    """The words of the noun phrase headed by `token`, without clauses and appositions."""
    kept = [token]
    stack = [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in CORE_DEPS:
                kept.append(child)
                stack.append(child)
    return sorted(kept, key=lambda t: t.i)


class EntityIndex:
    """The article's entity mentions placed on the parse, to find the actor in an argument."""

    def __init__(
        self,
        doc: Doc,
        entities: Sequence[EntityMention],
        generic_names: frozenset[str],
        opposed_prefixes: Sequence[str] = (),
        group_words: GroupWords | None = None,
    ) -> None:
        self.generic_names = generic_names
        self.group_words = group_words if group_words is not None else lexicon().groups
        self.by_token: dict[int, EntityMention] = {}
        text = document_text(doc)
        for mention in entities:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or _opposed(text, mention.start, opposed_prefixes):
                continue  # "anti-regime forces" are the regime's enemies, not the regime's forces
            for token in span:
                self.by_token.setdefault(token.i, mention)

    def actor_in(self, token: Token) -> EntityMention | None:
        """The best entity inside the argument headed by `token`: dictionary actors first."""
        found = self._mentions(noun_phrase_tokens(token)) or self._mentions(_subtree_without_clauses(token))
        best = min(found, key=self._rank) if found else None
        if best is not None and self._rank(best) == 1:
            return self._group_of(token) or best
        return best

    def _group_of(self, token: Token) -> EntityMention | None:
        """The named group a generic description belongs to: "fighters from the X Movement",
        "insurgents led by X", "militiamen loyal to X" (never one that only backs them). A name the
        dictionary does not know counts when its last word is a group's ("Movement", "Front"): "troops
        from Herat" name where they come from."""
        words = self.group_words
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in words.member_prepositions:
                objects = [c for c in child.children if c.dep_ == "pobj"]
            elif child.dep_ == "acl" and child.lemma_.lower() in words.member_participles:
                objects = [c for agent in child.children if agent.dep_ == "agent"
                           for c in agent.children if c.dep_ == "pobj"]
            elif child.dep_ == "amod" and child.lower_ in words.member_adjectives:
                objects = [c for prep in child.children if prep.dep_ == "prep"
                           for c in prep.children if c.dep_ == "pobj"]
            else:
                continue
            named = [m for obj in objects for m in self._mentions(noun_phrase_tokens(obj))
                     if (m.actor is not None and m.actor not in self.generic_names)
                     or (m.actor is None and m.label == ORGANISATION
                         and m.text.split()[-1].lower() in words.group_nouns)]
            if named:
                return named[0]
        return None

    def mentions_in(self, tokens: Sequence[Token]) -> list[EntityMention]:
        """Entity mentions touching any of `tokens`, in text order."""
        return self._mentions(tokens)

    def _rank(self, mention: EntityMention) -> int:
        """Named dictionary actors first, then generic ones ("security forces"), then plain names."""
        if mention.actor is None:
            return 2
        return 1 if mention.actor in self.generic_names else 0

    def _mentions(self, tokens: Sequence[Token]) -> list[EntityMention]:
        found: dict[tuple[int, int], EntityMention] = {}
        for token in tokens:
            mention = self.by_token.get(token.i)
            if mention is not None:
                found[(mention.start, mention.end)] = mention
        return [found[key] for key in sorted(found)]


ORGANISATION = "ORG"


def _opposed(text: str, start: int, prefixes: Sequence[str]) -> bool:
    """Whether the name at `start` follows a prefix of opposition written onto it ("anti-government")."""
    before = text[:start].lower()
    for prefix in prefixes:
        if before.endswith(prefix) and (len(before) == len(prefix) or not before[-len(prefix) - 1].isalpha()):
            return True
    return False


def _subtree_without_clauses(token: Token) -> list[Token]:
    kept = [token]
    stack = [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ not in CLAUSE_CUT_DEPS:
                kept.append(child)
                stack.append(child)
    return kept
