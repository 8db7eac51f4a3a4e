"""Modality: whether the text asserts an event, reports it, or only claims, denies, threatens,
plans or supposes it.

The reader walks up from the trigger through the verbs that govern it ("threatened to take",
"denied that ... had fallen", "plans to", "said ... had captured"): the nearest governor with a
modal meaning decides. Negation on the trigger or a governor makes a denial; "would" is a plan
in reported speech and a supposition elsewhere; "if" makes a supposition, and so does a modifier
of an event noun ("an expected assault" is planned, "a possible attack" supposed), as does a clause
on "anyone" ("anyone who surrenders"); an infinitive on a span of time ("a day to withdraw") is a
deadline, so planned. Attribution ("said",
"according to", "reportedly") makes an otherwise asserted event reported. Relative clauses are
presupposed: the reader does not climb out of them for threats or plans, only for attribution.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from sitrep.extract.events.names import PLACE_HEAD_NOUNS
from sitrep.extract.ontology import ModalityCues
from sitrep.records import Modality

# The edges by which a prohibition governs what it forbids: "forbidden from entering", "banned to enter".
PROHIBITED_EDGES = frozenset({"prep", "xcomp", "ccomp", "dobj"})
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
RANK_TAGS = frozenset({"JJS", "CD"})  # "the nearest capital", "the 7 towns"
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
        self.prohibiting = cues.get("denied", "prohibitions")
        self.report_nouns = cues.get("denied", "report_nouns")
        self.false_predicates = cues.get("denied", "false_predicates")
        self.negated_nouns = cues.get("denied", "negated_nouns")
        self.future_markers = cues.get("hypothetical", "future_markers")
        self.comparisons = cues.get("hypothetical", "comparisons")
        self.question_marks = cues.get("hypothetical", "question_marks")
        self.purpose_marks = cues.get("planned", "purpose_marks")
        self.continuations = cues.get("planned", "continuations")
        # "an expected assault", "a possible attack": the noun's own modifier says it has not happened.
        self.generic_heads = cues.get("hypothetical", "generic_heads")
        self.deadline_nouns = cues.get("planned", "deadline_nouns")
        self.modifiers = (
            (Modality.THREATENED, cues.get("threatened", "modifiers")),
            (Modality.PLANNED, cues.get("planned", "modifiers")),
            (Modality.HYPOTHETICAL, cues.get("hypothetical", "modifiers")),
        )

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
            lemma = parent.lemma_.lower()
            # "reports that fighters had entered": a report's content, not a relative clause.
            presupposed = presupposed or (
                edge == "relcl" and lemma not in self.report_nouns and not _content_clause(node)
            )
            if found is None and self._denied_report(parent, node):
                found = Modality.DENIED
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
        """Markers on the trigger itself: negation, modal auxiliaries, "if", purpose, comparison, question."""
        if _negated(head) or _negated_subject(head):
            return Modality.DENIED, False
        if self._conditional(head) or self._still_to_come(head) or self._compared(head):
            return Modality.HYPOTHETICAL, False
        if self._question(head) or self._of_anyone(head):
            return Modality.HYPOTHETICAL, False
        modified = self._modified(head)
        if modified is not None:
            return modified, False
        if self._purpose(head) or self._deadline(head):
            return Modality.PLANNED, False
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
        if lemma in self.denying or (lemma in self.prohibiting and edge in PROHIBITED_EDGES):
            return (None if negated else Modality.DENIED), False
        if lemma in self.threatening or (lemma in self.warning and self._future(node)):
            return (Modality.DENIED if negated else Modality.THREATENED), False
        if lemma in self.planning and not _names_it(parent):
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

    def _deadline(self, head: Token) -> bool:
        """ "gave the garrison a day to withdraw": an infinitive on a span of time sets a deadline."""
        on_noun = head.dep_ in ("relcl", "acl") and head.head.lemma_.lower() in self.deadline_nouns
        return on_noun and _infinitive(head)

    def _of_anyone(self, head: Token) -> bool:
        """ "anyone who put down their weapons": a relative clause on an indefinite pronoun."""
        return head.dep_ == "relcl" and head.head.lower_ in self.generic_heads

    def _modified(self, head: Token) -> Modality | None:
        """The modality an event noun's own modifier gives it ("an expected assault": planned)."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        words = {w for c in head.children if c.dep_ == "amod" for w in (c.lower_, c.lemma_.lower())}
        return next((modality for modality, cues in self.modifiers if words & cues), None)

    def _denied_report(self, parent: Token, node: Token) -> bool:
        """ "reports that X fell were false", "no truth to reports that X fell": a report denied."""
        if parent.lemma_.lower() in self.negated_nouns and _has_no(parent):
            return True
        if node.dep_ not in ("nsubj", "nsubjpass") or node.lemma_.lower() not in self.report_nouns:
            return False
        return any(c.dep_ in ("acomp", "attr", "oprd") and c.lemma_.lower() in self.false_predicates
                   for c in parent.children)

    def _still_to_come(self, verb: Token) -> bool:
        """ "once X falls", "until they capture X": a present-tense clause under a time marker."""
        marked = any(c.dep_ in ("mark", "advmod") and c.lower_ in self.future_markers for c in verb.children)
        return marked and verb.tag_ in ("VBZ", "VBP")

    def _compared(self, head: Token) -> bool:
        """ "as big as the fall of X": an event noun that only serves a comparison."""
        preposition = head.head
        return (head.dep_ == "pobj" and preposition.lower_ in self.comparisons
                and preposition.head.pos_ in ("ADJ", "ADV"))

    def _question(self, head: Token) -> bool:
        return head.sent.text.rstrip().endswith(tuple(self.question_marks)) if self.question_marks else False

    def _purpose(self, head: Token) -> bool:
        """ "an offensive to capture X", "in a bid to take X": purpose, not a rank ("the first to fall")."""
        if head.dep_ not in ("advcl", "acl") or head.tag_ != "VB":
            return False
        if not any(c.dep_ == "dobj" for c in head.children):
            return False  # "to capture X" has a goal; "... to fall so far" ranks a fall that happened
        if not any(c.dep_ == "aux" and c.lower_ in self.purpose_marks for c in head.children):
            return False
        governor = head.head
        particles = [c.lower_ for c in governor.children if c.dep_ == "prt"]
        phrase = " ".join([governor.lemma_.lower(), *particles])
        if phrase in self.continuations:
            return False
        return not _ranked(governor)

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


def _negated_subject(verb: Token) -> bool:
    """ "no fighters had entered the city": a subject under "no" denies the clause.

    A place under "no" ("no provincial capital had fallen") tells of nothing happening, not a denial.
    """
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(_has_no(c) and c.lemma_.lower() not in PLACE_HEAD_NOUNS for c in subjects)


def _ranked(noun: Token) -> bool:
    """ "the seventh city to fall", "the nearest capital to Kabul to fall": a rank, not a purpose."""
    for _ in range(MAX_CLIMB):
        if any(c.dep_ == "amod" or c.tag_ in RANK_TAGS or c.ent_type_ == "ORDINAL" for c in noun.children):
            return True
        if noun.dep_ not in ("pobj", "prep") or noun.head == noun:
            return False
        noun = noun.head
    return False


def _names_it(verb: Token) -> bool:
    """ "called the fall of X a turning point": naming what happened, not an appeal to do it."""
    return any(c.dep_ == "oprd" for c in verb.children)


def _has_no(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _subject(verb: Token) -> Token | None:
    """Who speaks: the active subject ("were reported to be ..." has no speaker)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in ("conj", "xcomp") and verb.head != verb:
        return _subject(verb.head)
    return subject


def _content_clause(verb: Token) -> bool:
    """ "reports on channels run by the groups that fighters had entered X": a clause the parser hung
    on the nearest noun as a relative one, but whose "that" is a complementiser (it has a subject
    of its own), so it tells a report's content, not a fact about the noun."""
    marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
    return marked and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)

