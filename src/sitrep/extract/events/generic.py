"""Statements that tell no single event: a war taken part in, a habit, a class of people, a hazard.

- No single event (`tells_no_event`, violent types only): a war taken part in ("the old sailor fought in
  World War I", "still fight in wars": a war under "in"/"during", with no date of the clause's own); a
  habit ("clashes are frequent in X", "militants often attack convoys", "frequent clashes") or a
  generic statement ("shootings happen": a bare plural event noun in a present-tense clause with no
  time nor place); a class of people ("all the women and men who have fought", "most of the veterans
  who have been wounded": a present perfect relative clause on a bare or quantified plural); a person
  labelled by what was done to them ("murdered soldier X", "captured deserters").
- A hazard, not an event: "protect soldiers from bullets and grenades" (a bare plural under a
  protection word's "from"/"against").
"""

from __future__ import annotations

from spacy.tokens import Token

from sitrep.extract.events.context import Draft
from sitrep.extract.events.cues import EventCues

# ACLED's violent event types: what they are done to is a person, a place or an armed side.
VIOLENT_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# The tags of present-tense verbs.
PRESENT_TAGS = frozenset({"VBP", "VBZ"})
# An event noun's roles under a verb that only tells it happened ("protests were held", "clashes erupted").
LIGHT_VERB_ROLES = frozenset({"nsubj", "nsubjpass", "dobj"})
# The edges of a habitual word on a clause ("often attack", "are frequent", "every day").
HABITUAL_DEPS = frozenset({"advmod", "acomp", "npadvmod"})
# The edges that make a plural noun a set of events told, not a kind: "the clashes", "two shootings".
COUNTED_DEPS = frozenset({"det", "nummod", "poss", "predet"})


def tells_no_event(draft: Draft, cues: EventCues) -> bool:
    """Whether the draft's clause tells no single event: a war taken part in, a habit or a generic
    statement, a class of people described (see the module docstring)."""
    head = draft.trigger.head
    if draft.sub_type.event_type not in VIOLENT_EVENT_TYPES:
        return False  # a state lasts through a war ("had held the capital throughout the war")
    if draft.time is None and (takes_part_in_a_war(head, cues) or describes_a_class(head, cues)):
        return True
    return is_habitual(draft, cues) or _labels_a_victim(draft)


def _labels_a_victim(draft: Draft) -> bool:
    """ "the family of murdered soldier X", "captured deserters afterwards told": a violent participle
    before the noun it describes names the person by what was done to them; the event is told
    elsewhere, if at all ("rebel-held Idlib", "displaced families" are states, left alone)."""
    head = draft.trigger.head
    return head.tag_ == "VBN" and head.dep_ in ("amod", "compound") and head.head.i > head.i


def takes_part_in_a_war(head: Token, cues: EventCues) -> bool:
    """ "the old sailor fought in World War I", "fight in the war", "still fight in wars": the trigger, or a
    verb joined to it, under a preposition of `cues.war_preps` whose object names a war."""
    verbs = [head, *(child for child in head.children if child.dep_ == "conj")]
    return any(
        obj.dep_ == "pobj" and _names_a_war(obj, cues)
        for verb in verbs for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in cues.war_preps
        for obj in prep.children
    )


def _names_a_war(noun: Token, cues: EventCues) -> bool:
    """ "the war", "wars", "the uprising", "World War I" (a name whose words hold an era noun)."""
    words = [noun, *(child for child in noun.children if child.dep_ == "compound")]
    return any(word.lemma_.lower() in cues.era_nouns or word.lower_ in cues.era_nouns for word in words)


def is_habitual(draft: Draft, cues: EventCues) -> bool:
    """ "clashes are frequent in X", "frequent clashes", "militants often attack convoys" (a habitual
    word on the trigger or its present-tense clause); "shootings happen" (a bare plural event noun, the
    subject of a present-tense clause with no time nor place of its own)."""
    head = draft.trigger.head
    if any(child.dep_ == "amod" and child.lemma_.lower() in cues.habitual_words for child in head.children):
        return True  # "frequent clashes"
    verb = _clause_verb(head)
    if not in_present_tense(verb) or _progressive(verb):
        return False
    if any(child.lemma_.lower() in cues.habitual_words for child in verb.children
           if child.dep_ in HABITUAL_DEPS):
        return True
    # only an event noun itself as the subject: a headline's "officials flee as fighters seize X" is news
    generic = verb is not head and head.dep_ == "nsubj" and bare_plural(head)
    return generic and draft.time is None and draft.location is None


def _clause_verb(head: Token) -> Token:
    """The verb whose clause tells the trigger: itself, or the verb an event noun is the subject or
    object of ("clashes are frequent", "shootings happen")."""
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ in LIGHT_VERB_ROLES:
        return head.head
    return head


def _progressive(verb: Token) -> bool:
    """ "are still fighting": a verb in the -ing form (news told as it goes on)."""
    return verb.tag_ == "VBG"


def bare_plural(noun: Token) -> bool:
    """ "shootings", "clashes": a plural noun with no determiner, number or possessive (a kind, not
    a set of events told)."""
    if noun.tag_ not in ("NNS", "NNPS"):
        return False
    return not any(child.dep_ in COUNTED_DEPS for child in noun.children)


def describes_a_class(head: Token, cues: EventCues) -> bool:
    """ "all the women and men who have fought", "most of the veterans who have been wounded": the
    trigger is a present perfect relative clause (or a verb joined to one) on a class of people, a bare
    plural or one under a quantifier of `cues.class_quantifiers`, with no number of its own."""
    verb = head.head if head.dep_ == "conj" else head
    if verb.dep_ != "relcl" or not _present_perfect(verb):
        return False
    antecedent = verb.head
    if antecedent.tag_ not in ("NNS", "NNPS") or any(c.dep_ == "nummod" for c in antecedent.children):
        return False
    if bare_plural(antecedent):
        return True
    quantifiers = [child for child in antecedent.children if child.dep_ in ("det", "predet", "amod")]
    if antecedent.dep_ == "pobj" and antecedent.head.dep_ == "prep":
        quantifiers.append(antecedent.head.head)  # "most of the veterans"
    return any(token.lemma_.lower() in cues.class_quantifiers for token in quantifiers)


def _present_perfect(verb: Token) -> bool:
    """ "have fought", "have been wounded": an auxiliary "have" in the present tense."""
    return any(child.dep_ == "aux" and child.lemma_.lower() == "have" and child.tag_ in PRESENT_TAGS
               for child in verb.children)


def is_a_hazard(noun: Token, cues: EventCues) -> bool:
    """ "protect soldiers from bullets and grenades", "vests that guard against bombs": a bare plural
    event or weapon noun under a preposition of `cues.hazard_preps` of a protection word."""
    if not bare_plural(noun):
        return False
    token = noun.head if noun.dep_ == "conj" else noun
    preposition = token.head
    if token.dep_ != "pobj" or preposition.lower_ not in cues.hazard_preps:
        return False
    return preposition.head.lemma_.lower() in cues.protection_words


def in_present_tense(verb: Token) -> bool:
    """A verb in the present or present perfect tense ("say", "have documented")."""
    tags = [verb.tag_, *(c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    return any(tag in PRESENT_TAGS for tag in tags)
