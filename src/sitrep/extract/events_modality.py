"""Modality: whether the text asserts an event, reports it, or only claims, denies, threatens,
plans or supposes it.

The reader walks up from the trigger through the verbs that govern it ("threatened to take",
"denied that ... had fallen", "plans to", "said ... had captured"): the nearest governor with a
modal meaning decides. Negation on the trigger or a governor makes a denial; "would" is a plan
in reported speech and a supposition elsewhere; "if" makes a supposition. Attribution ("said",
"according to", "reportedly") makes an otherwise asserted event reported. Relative clauses are
presupposed: the reader does not climb out of them for threats or plans, only for attribution.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from sitrep.extract.ontology import ModalityCues
from sitrep.records import Modality

SCOPE_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "advcl",
        "pcomp",
        "pobj",
        "prep",
        "dobj",
        "acl",
        "nsubj",
        "nsubjpass",
        "attr",
        "oprd",
        "csubj",
        "conj",
        "npadvmod",
        "appos",
    }
)
NEGATIONS = frozenset({"not", "n't", "never", "no"})
CONDITIONAL_AUXILIARY = "would"
MAX_CLIMB = 12


@dataclass(frozen=True, slots=True)
class ModalityReading:
    """What the reader found: the modality, and the speaker when the event is reported."""

    modality: Modality
    speaker: Token | None = None


class ModalityReader:
    """Read the modality of a trigger from the words that govern it (cue words from the ontology)."""

    def __init__(self, cues: ModalityCues) -> None:
        self.reported_adverbs = cues.get("reported", "adverbs")
        self.reported_phrases = cues.get("reported", "phrases")
        self.reporting = cues.get("reported", "governors")
        self.claiming = cues.get("claimed", "governors")
        self.denying = cues.get("denied", "governors")
        self.threatening = cues.get("threatened", "governors")
        self.warning = cues.get("threatened", "warnings")
        self.planning = cues.get("planned", "governors")
        self.planned_auxiliaries = cues.get("planned", "auxiliaries")
        self.hypothetical_auxiliaries = cues.get("hypothetical", "auxiliaries")
        self.markers = cues.get("hypothetical", "markers")
        self.obligations = cues.get("hypothetical", "obligations")
        self.unverified = cues.get("unverified", "governors")

    def read(self, head: Token) -> ModalityReading:
        """The modality of the event whose trigger is `head`."""
        found, would = self._own(head)
        # "will attack" is a plan unless a governing word makes it a threat or a denial.
        planned = found is None and self._planned_auxiliary(head)
        speaker: Token | None = None
        claimed, reported = False, self._reported_adverb(head)
        node, presupposed = head, False
        for _ in range(MAX_CLIMB):
            if node.head == node:
                break
            edge, parent = node.dep_, node.head
            presupposed = presupposed or edge == "relcl"
            lemma = parent.lemma_.lower()
            if lemma in self.reporting or lemma in self.claiming or lemma in self.unverified:
                if speaker is None:
                    speaker = _subject(parent)
                claimed = claimed or lemma in self.claiming
                reported = True  # "could not confirm" stays reported: unverified is not denied
            elif found is None and not presupposed and edge in SCOPE_DEPS:
                found, parent_would = self._governor(parent, node)
                would = would or parent_would
            node = parent
        reported = reported or self._attributed(head)
        if speaker is None and reported:
            speaker = self._sentence_speaker(head)
        if found is None and planned:
            found = Modality.PLANNED
        return ModalityReading(self._decide(found, would, claimed, reported), speaker)

    def _planned_auxiliary(self, head: Token) -> bool:
        auxiliaries = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
        return bool(auxiliaries & self.planned_auxiliaries - {CONDITIONAL_AUXILIARY})

    def _own(self, head: Token) -> tuple[Modality | None, bool]:
        """Markers on the trigger itself: negation, modal auxiliaries, "if"."""
        if _negated(head):
            return Modality.DENIED, False
        if self._conditional(head):
            return Modality.HYPOTHETICAL, False
        auxiliaries = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
        if auxiliaries & self.hypothetical_auxiliaries:
            return Modality.HYPOTHETICAL, False
        if CONDITIONAL_AUXILIARY in auxiliaries:
            return None, True
        return None, False

    def _governor(self, parent: Token, node: Token) -> tuple[Modality | None, bool]:
        """The modality a governing word gives the clause `node` below it, if any.

        "warn" threatens only what is still to come ("warned that it would attack"); a warning
        about what is happening ("warned that the battles put civilians at risk") only reports it.
        """
        edge = node.dep_
        if edge == "conj":
            # Coordinated verbs share auxiliaries and negation, not what governs the first one.
            return self._own(parent) if parent.pos_ in ("VERB", "AUX") else (None, False)
        lemma = parent.lemma_.lower()
        negated = _negated(parent)
        if lemma in self.denying:
            return (None if negated else Modality.DENIED), False
        if lemma in self.threatening or (lemma in self.warning and self._future(node)):
            return (Modality.DENIED if negated else Modality.THREATENED), False
        if lemma in self.planning:
            return (Modality.DENIED if negated else Modality.PLANNED), False
        if lemma in self.obligations and edge == "xcomp" and _infinitive(node):
            return Modality.HYPOTHETICAL, False  # "have to fight", "got to fight": not done yet
        if parent.pos_ in ("VERB", "AUX"):
            if self._conditional(parent):
                return Modality.HYPOTHETICAL, False
            auxiliaries = {c.lower_ for c in parent.children if c.dep_ in ("aux", "auxpass")}
            if auxiliaries & self.hypothetical_auxiliaries:
                return Modality.HYPOTHETICAL, False
            return None, CONDITIONAL_AUXILIARY in auxiliaries
        return None, False

    def _future(self, clause: Token) -> bool:
        auxiliaries = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
        return clause.dep_ == "xcomp" or bool(
            auxiliaries & (self.planned_auxiliaries | self.hypothetical_auxiliaries)
        )

    def _conditional(self, verb: Token) -> bool:
        """Whether `verb` carries "if"/"unless" or governs a clause that does ("If confirmed, X would")."""
        if any(c.dep_ == "mark" and c.lower_ in self.markers for c in verb.children):
            return True
        return any(
            c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in self.markers for g in c.children)
            for c in verb.children
        )

    def _reported_adverb(self, head: Token) -> bool:
        nearby = [*head.children, *(head.head.children if head.dep_ in ("xcomp", "conj") else [])]
        return any(c.lower_ in self.reported_adverbs for c in nearby)

    def _attributed(self, head: Token) -> bool:
        """Attribution anywhere in the sentence: "according to", "reportedly", "X said" as a side clause."""
        sentence = head.sent
        text = sentence.text.lower()
        if any(phrase in text for phrase in self.reported_phrases):
            return True
        if any(t.lower_ in self.reported_adverbs for t in sentence):
            return True
        return any(
            t.lemma_.lower() in self.reporting
            and t.dep_ in ("parataxis", "ROOT")
            and t.pos_ == "VERB"
            and t != head
            for t in sentence
        )

    def _sentence_speaker(self, head: Token) -> Token | None:
        for token in head.sent:
            if token.lemma_.lower() in self.reporting and token.pos_ == "VERB" and token != head:
                found = _subject(token)
                if found is not None:
                    return found
        for token in head.sent:
            if token.lower_ == "to" and token.head.lower_ == "according":
                return next((c for c in token.children if c.dep_ == "pobj"), None)
        return None

    @staticmethod
    def _decide(found: Modality | None, would: bool, claimed: bool, reported: bool) -> Modality:
        if found is not None:
            return found
        if would:
            return Modality.PLANNED if reported else Modality.HYPOTHETICAL
        if claimed:
            return Modality.CLAIMED
        return Modality.REPORTED if reported else Modality.ASSERTED


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NEGATIONS) for c in token.children)


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _subject(verb: Token) -> Token | None:
    """Who speaks: the active subject ("were reported to be ..." has no speaker)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in ("conj", "xcomp") and verb.head != verb:
        return _subject(verb.head)
    return subject
