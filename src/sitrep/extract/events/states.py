"""State phrases: who holds a place, said with no event verb, as `Control statement` drafts.

"the rebel-held town of X", "Russian-occupied X", "X, held by the militia", "X, which the rebels
control", "X remains under army control", "X is in rebel hands", "the militia controls most of the
north, including X and Y" each say who holds X on the report's date. The reader finds them on
the parse (the words come from the ontology's `control_statements` section), takes the holder as
actor1 and the place as the location, and hands the draft to the article passes like any event
(anaphora, modality adjustments, time).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from sitrep.extract.actors import Actor
from sitrep.extract.events.arguments import EntityIndex
from sitrep.extract.events.context import Draft
from sitrep.extract.events.modality import ModalityReader
from sitrep.extract.events.places import PlaceIndex, place_argument
from sitrep.extract.events.triggers import Trigger
from sitrep.extract.ontology import Ontology, Pattern
from sitrep.records import EntityMention

CONTROL_STATEMENT = "Control statement"
HOLDER_DEPS = frozenset({"npadvmod", "compound", "nmod", "amod"})
NOUN_HOLDER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
CLAUSE_POS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True, slots=True)
class StatePhrase:
    """One state phrase on the parse: its cue word, the holder's word and the place's head word."""

    cue: Token
    holder: Token
    place: Token
    start: int = -1  # where the trigger's words begin when they reach back ("back under our control")
    many: bool = False  # the place is a list ("control Raqqa and Hasakah"): one statement per place


class StatePhraseReader:
    """Find state phrases in a parsed article and make `Control statement` drafts of them."""

    def __init__(self, ontology: Ontology, actors: Iterable[Actor], modality: ModalityReader) -> None:
        cues = ontology.control_statements
        self.participles = cues.get("participles")
        self.nouns = cues.get("nouns")
        self.prepositions = cues.get("prepositions")
        self.relatives = cues.get("relative_pronouns")
        self.suffixes = sorted(cues.get("holder_suffixes"))
        self.returns = cues.get("return_words")
        self.pronouns = cues.get("holder_pronouns")
        self.inclusions = cues.get("inclusions")
        self.sub_type = ontology.sub_event_type(CONTROL_STATEMENT)
        self.pattern = Pattern("a state phrase", (), (), (), guess_location=False)
        self.modality = modality
        self.aliases = {alias.lower(): actor for actor in actors for alias in (actor.name, *actor.aliases)}

    def drafts(self, article_id: str, sentences: Sequence[Span], places: PlaceIndex,
               entities: EntityIndex) -> list[Draft]:
        """A draft per state phrase whose holder is a known actor and whose place is named or referred to."""
        found: list[Draft] = []
        for index, sentence in enumerate(sentences):
            for phrase in filter(None, (self.phrase(token) for token in sentence)):
                found.extend(self._drafts(phrase, (sentence, index), places, entities, article_id))
        return found

    def phrase(self, token: Token) -> StatePhrase | None:
        """The state phrase whose cue word is `token`, if it is one."""
        lemma = token.lemma_.lower()
        found = None
        if lemma in self.participles and token.pos_ in CLAUSE_POS:
            found = _hyphenated(token) or _by_agent(token) or self._relative(token) or self._active(token)
        if found is None and lemma in self.nouns and token.pos_ in ("NOUN", "PROPN"):
            found = self._under(token)
        return found

    def _relative(self, verb: Token) -> StatePhrase | None:
        """ "X, which the rebels control": a relative clause on the place, the holder its subject."""
        relative = any(c.dep_ == "dobj" and c.lower_ in self.relatives for c in verb.children)
        if verb.dep_ != "relcl" or not relative:
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return StatePhrase(verb, subject, verb.head) if subject is not None else None

    def _under(self, noun: Token) -> StatePhrase | None:
        """ "under rebel control", "in the hands of the army": the place is what the phrase describes."""
        preposition = noun.head
        if noun.dep_ != "pobj" or preposition.lower_ not in self.prepositions:
            return None
        holder = next((c for c in noun.children if c.dep_ in NOUN_HOLDER_DEPS and c.pos_ != "DET"), None)
        holder = holder or _of_object(noun)
        place = _described(preposition.head)
        if holder is None or place is None:
            return None
        near = [preposition.head, *preposition.head.children, *place.head.children]
        back = [t.i for t in near if t.lower_ in self.returns]
        return StatePhrase(noun, holder, place, start=min(back, default=-1))

    def _drafts(self, phrase: StatePhrase, where: tuple[Span, int], places: PlaceIndex,
                entities: EntityIndex, article_id: str) -> list[Draft]:
        """One draft per place the phrase says is held (one, or each of a list)."""
        actor = entities.actor_in(phrase.holder)
        if actor is None or actor.actor is None:
            actor = self._holder(phrase.holder, article_id) or actor
        if actor is None and phrase.holder.lower_ not in self.pronouns:
            return []  # a pronoun ("under our control") is bound to the speaker by the article passes
        argument = place_argument(phrase.place, places, synthetic=True, single=not phrase.many)
        if not argument.items and not argument.anaphoric:
            return []
        if not argument.items:
            draft = self._draft(phrase, where, actor)
            draft.anaphor = argument.token
            return [draft]
        drafts = []
        for item in argument.items if phrase.many else argument.items[:1]:
            draft = self._draft(phrase, where, actor)
            draft.location, draft.location_how = item, "argument"
            draft.location_is_argument = True
            drafts.append(draft)
        return drafts

    def _draft(self, phrase: StatePhrase, where: tuple[Span, int], actor: EntityMention | None) -> Draft:
        sentence, index = where
        doc = phrase.cue.doc
        start = phrase.start if 0 <= phrase.start < phrase.cue.i else phrase.cue.i
        trigger = Trigger(self.sub_type, self.pattern, phrase.cue, doc[start:phrase.cue.i + 1])
        reading = self.modality.read(phrase.cue)
        return Draft(trigger, self.sub_type, sentence, index, reading.modality, speaker=reading.speaker,
                     actor1_token=phrase.holder, actor1=actor, place_like=True)

    def _holder(self, token: Token, article_id: str) -> EntityMention | None:
        """A holder written as a modifier ("rebel-held"), looked up with the dictionary's suffixes."""
        word = token.lower_
        for candidate in (word, *(f"{word} {suffix}" for suffix in self.suffixes),
                          *(f"{word}{suffix}" for suffix in self.suffixes if len(suffix) == 1)):
            actor = self.aliases.get(candidate)
            if actor is not None:
                return EntityMention(article_id, token.idx,
                                     token.idx + len(token.text), token.text, "ORG",
                                     "sitrep.events.state.v1", actor=actor.name, actor_type=actor.actor_type)
        return None

    def _active(self, verb: Token) -> StatePhrase | None:
        """ "the rebels control X and Y", "the militia has run most of X for years": holder and places.

        The object may be a share of the places ("most of X", "parts of X"): the places after "of";
        a list the sentence says the holding includes ("most of the north, including X and Y") is
        the places named.
        """
        participle = verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)
        if verb.pos_ != "VERB" or verb.dep_ in ("amod", "acl", "relcl") or participle:
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        target = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if subject is None or target is None:
            return None
        listed = self._included(verb, subject, target)
        share = _of_object(target) if target.pos_ != "PROPN" else None
        return StatePhrase(verb, subject, listed or share or target, many=True)

    def _included(self, *heads: Token) -> Token | None:
        """The first place of an "including X and Y" list on the verb, its subject or its object."""
        for head in heads:
            for child in head.children:
                if child.dep_ == "prep" and child.lemma_.lower() in self.inclusions:
                    found = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if found is not None:
                        return found
        return None


def _hyphenated(participle: Token) -> StatePhrase | None:
    """ "the rebel-held town", "Russian-occupied X": a holder glued to the participle by a hyphen."""
    if participle.dep_ != "amod" or participle.tag_ != "VBN":
        return None
    before = participle.doc[participle.i - 1] if participle.i else participle
    hyphen = any(c.text == "-" for c in participle.children) or before.text == "-"
    holder = next((c for c in participle.children if c.dep_ in HOLDER_DEPS and c.i < participle.i), None)
    return StatePhrase(participle, holder, participle.head) if hyphen and holder is not None else None


def _by_agent(participle: Token) -> StatePhrase | None:
    """ "X, held by the militia": a participle on the place with its holder as the agent."""
    if participle.dep_ != "acl" or participle.tag_ != "VBN":
        return None
    agent = next((c for c in participle.children if c.dep_ == "agent"), None)
    holder = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    return StatePhrase(participle, holder, participle.head) if holder is not None else None


def _of_object(noun: Token) -> Token | None:
    """ "the hands of the army": the holder after "of"."""
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _described(head: Token) -> Token | None:
    """What a prepositional phrase describes: a noun, or the subject of the clause it completes."""
    while head.pos_ in ("ADV", "ADJ") and head.head != head:
        head = head.head  # "back under their control", "firmly in rebel hands"
    if head.pos_ in ("NOUN", "PROPN"):
        return head
    if head.pos_ in CLAUSE_POS:
        return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None
