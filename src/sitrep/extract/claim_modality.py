"""Whether a claim's number is said to be so, or only threatened, planned, hypothetical or denied.

"threaten to take 11 provincial capitals", "Farah would be the seventh capital to fall", "has not
taken 20 districts": the number is no count of what holds today. The words come from the
ontology's `modality` cues (the same lists the event extractor reads); the rule walks from the
claim's number up to its clause's verb and then up its chain of governing verbs, first cue wins:

1. a negation on the clause's verb: denied;
2. a conditional marker on the clause ("if", "unless"): hypothetical;
3. an auxiliary of the clause's verb: "will"/"would" planned (a rank or count still to come),
   "could"/"might" hypothetical;
4. a governing verb or noun that threatens ("threaten", "vow") or plans ("aim", "plan", "seek").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitrep.extract.ontology import ModalityCues, load_ontology
from sitrep.records import Modality

# How far up the chain of governing verbs a cue is looked for ("vowed to try to take ...").
MAX_GOVERNORS = 3
GOVERNING_DEPS = frozenset({"xcomp", "ccomp", "advcl", "acl", "pcomp", "relcl"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})


def claim_modality(doc: Doc, start: int, end: int, *, cues: ModalityCues | None = None) -> Modality:
    """The modality of the claim whose words are tokens `start`..`end` of `doc`."""
    cues = cues or load_ontology().modality
    verb = _clause_verb(doc[start:end].root)
    if verb is None:
        return Modality.ASSERTED
    if any(child.dep_ == "neg" or (child.lower_ in NEGATIONS and child.dep_ == "advmod")
           for child in verb.children):
        return Modality.DENIED
    markers = cues.get("hypothetical", "markers")
    if any(child.dep_ == "mark" and child.lower_ in markers for child in verb.children):
        return Modality.HYPOTHETICAL
    auxiliaries = {child.lower_ for child in verb.children if child.dep_ == "aux"}
    if auxiliaries & cues.get("hypothetical", "auxiliaries"):
        return Modality.HYPOTHETICAL
    if auxiliaries & cues.get("planned", "auxiliaries"):
        return Modality.PLANNED
    return _governed_modality(verb, cues)


def _clause_verb(token: Token) -> Token | None:
    """The verb (or copula's head) of the clause holding `token`."""
    current = token
    for _ in range(len(token.doc)):
        if current.pos_ in ("VERB", "AUX") or current.dep_ == "ROOT":
            return current
        if current.head is current:
            return None
        current = current.head
    return None


def _governed_modality(verb: Token, cues: ModalityCues) -> Modality:
    """Threatened or planned when a governing word says so ("threatened to take ..."), else asserted."""
    current = verb
    for _ in range(MAX_GOVERNORS):
        if current.dep_ not in GOVERNING_DEPS or current.head is current:
            return Modality.ASSERTED
        current = current.head
        lemma = current.lemma_.lower()
        if lemma in cues.get("threatened", "governors"):
            return Modality.THREATENED
        if lemma in cues.get("planned", "governors"):
            return Modality.PLANNED
    return Modality.ASSERTED
