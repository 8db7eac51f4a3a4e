"""Checks on event drafts: what a pattern requires, when a variant applies, repeats, confidence.

Confidence is lower for reported, claimed and unrealised events, for weak triggers, for missing
roles and for places inferred ("the city") or standing in for another (a province for its capital).
"""

from __future__ import annotations

from spacy.tokens import Token

from sitrep.extract.events.context import FACTUAL, ArticleContext, Draft, is_non_violent
from sitrep.extract.events.cues import load_event_cues
from sitrep.extract.events.scope import (
    acts_on_a_thing,
    beyond_its_clause,
    is_counted,
    moves_on_a_scale,
    takes_people,
)
from sitrep.extract.events.triggers import Trigger, contains_phrase
from sitrep.extract.lexicon import lexicon
from sitrep.extract.ontology import Condition
from sitrep.records import Modality

BASE_CONFIDENCE = {
    Modality.ASSERTED: 0.9,
    Modality.REPORTED: 0.8,
    Modality.CLAIMED: 0.6,
    Modality.PLANNED: 0.5,
    Modality.THREATENED: 0.5,
    Modality.DENIED: 0.5,
    Modality.HYPOTHETICAL: 0.4,
}
WEAK_TRIGGER_PENALTY = 0.2
NO_LOCATION_PENALTY = 0.1
NO_ACTOR_PENALTY = 0.05
INFERRED_PLACE_PENALTY = 0.1
PROVINCE_FOR_CAPITAL_PENALTY = 0.1
UNRESOLVED_PLACE_PENALTY = 0.05
MIN_CONFIDENCE = 0.05
MAX_CONFIDENCE = 0.99
BACK_REFERENCES = frozenset({"its", "their", "his", "her", "the", "this", "that", "these", "those"})
# A fight bound to a place: "fought near the airport", "fighting around the town".
PLACE_PREPS = frozenset({"in", "near", "around", "at", "outside", "inside", "across", "along"})
BACKGROUND_PREPS = frozenset({"for", "after", "before", "since", "following", "despite", "over"})
# "an attack on X", "an offensive against X": the prepositions that name what an event noun hits.
TARGET_PREPS = frozenset({"on", "against"})
# ACLED actor types that are no armed side: their "taking" a place is no change of control.
UNARMED_TYPES = frozenset({"Civilians", "Protesters", "Rioters"})
CROWD_LEMMAS = frozenset({"thousand", "hundred", "crowd", "people", "resident", "civilian", "protester",
                          "demonstrator", "mob", "family", "passenger", "villager"})


def is_complete(draft: Draft) -> bool:
    """Whether the draft has what its pattern requires (see the ontology's `requires`)."""
    pattern, head = draft.trigger.pattern, draft.trigger.head
    subject = draft.actor1_token
    if subject is not None and subject.lemma_.lower() in draft.sub_type.blocked_subjects:
        return False  # "the insurgency has killed 3,000 since 2017", "the earthquake killed 300"
    if acts_on_a_thing(draft, load_event_cues()) or takes_people(draft, load_event_cues()):
        return False  # "shot a video", "killed the bill"; "a soldier who was captured"
    if moves_on_a_scale(draft) or beyond_its_clause(draft):
        return False  # "fell to 18th in growth"; "when the smoke cleared, the team took first place"
    if draft.sub_type.territory and _unarmed(draft):
        return False  # "crowds of Afghans stormed the airport": no armed side takes ground
    if draft.sub_type.territory and draft.actor2 is not None and draft.actor2.actor_type in UNARMED_TYPES:
        return False  # "police cleared the square of protesters": the side driven out held no ground
    # A count of places with no name ("threaten to take 11 capitals") is kept only as a threat,
    # plan or denial: asserted, it is a tally (a claim), not an event.
    unnamed = not (draft.place_like or draft.anaphor is not None) or draft.modality in FACTUAL
    if "place_object" in pattern.requires and draft.location is None and unnamed:
        return False
    if "actor1" in pattern.requires and draft.actor1 is None:
        return False
    if "fatalities" in pattern.requires and draft.fatalities is None:
        return False
    if "location" in pattern.requires and draft.location is None:
        return False
    if "sides_or_place" in pattern.requires and not _sides_or_place(draft):
        return False
    if "place_or_crowd" in pattern.requires and draft.location is None and not _counted_crowd(subject):
        return False
    if "clause" in pattern.requires and _describes_noun(head):
        return False
    if _consents_to_act(head):
        return False  # "the army agreed to withdraw": one side's commitment, not an agreement
    if head.pos_ in ("NOUN", "PROPN"):
        if pattern.weak and draft.location is None and (draft.modality in FACTUAL or draft.actor2 is None):
            return False  # "fighting" alone is everywhere; "not sent to resume combat against X" is not
        if _refers_back(head) and draft.location_how != "argument":
            return False
        if (
            draft.location is None
            and draft.actor1 is None
            and draft.actor2 is None
            and draft.fatalities is None
        ):
            return False
    return True


def _sides_or_place(draft: Draft) -> bool:
    """A clash has two sides or a place of its own ("fought the army", "fought in Kunduz").

    "urged leaders to fight for their homeland", "fighting to defeat the government" name neither.
    """
    head, subject = draft.trigger.head, draft.actor1_token
    if draft.actor2 is not None or head.pos_ in ("NOUN", "PROPN") or draft.location_how == "argument":
        return True  # "clashes" names both sides by itself
    if subject is not None and any(c.dep_ == "conj" for c in subject.children):
        return True  # "the army and the rebels fought"
    if draft.location is not None and any(c.dep_ == "dobj" for c in head.children):
        return True  # "fighting the government in Kunduz": a side the actor list does not know
    return any(c.dep_ == "prep" and c.lower_ in PLACE_PREPS for c in head.children)


def _counted_crowd(subject: Token | None) -> bool:
    """ "Thousands", "hundreds of teachers", "some 500 students": a crowd with a size."""
    if subject is None:
        return False
    counts = load_event_cues().crowd_counts
    return subject.lemma_.lower() in counts or any(child.dep_ == "nummod" for child in subject.children)


def _describes_noun(head: Token) -> bool:
    """ "asylum seekers arriving in Europe": a participle that describes a kind of people, not an event."""
    return head.dep_ == "acl" and head.tag_ == "VBG"


def _consents_to_act(head: Token) -> bool:
    """ "agreed to withdraw", "agreed to guarantee X": a verb of consent whose complement is an act of
    the subject's own (an infinitive), not a truce or a deal agreed on."""
    if head.pos_ != "VERB" or head.lemma_.lower() not in load_event_cues().consent_verbs:
        return False
    return any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for c in head.children)


def _refers_back(head: Token) -> bool:
    """ "its capture", "the killing": an event noun that only points back at an event told before."""
    determiners = {c.lower_ for c in head.children if c.dep_ in ("poss", "det")}
    own = [c for c in head.children if c.dep_ in ("prep", "compound", "nmod", "amod") and c.lower_ != "of"]
    return (
        bool(determiners & BACK_REFERENCES)
        and not own
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
    )


def holds(condition: Condition, draft: Draft, context: ArticleContext) -> bool:
    """Whether every test of a variant's condition holds for the draft."""
    words = {draft.trigger.lemma, *(t.lemma_.lower() for t in draft.trigger.span)}
    cue_text = cue_scope(draft.trigger).lower() if condition.cues else ""
    tests = [
        not condition.triggers or bool(words & set(condition.triggers)),
        not condition.cues or any(contains_phrase(cue_text, cue) for cue in condition.cues),
        not condition.targets or bool(_targets(draft.trigger.head) & condition.targets),
        condition.untargeted is None or condition.untargeted == _untargeted(draft.trigger.head),
        not condition.actor1_types
        or (draft.actor1 is not None and draft.actor1.actor_type in condition.actor1_types),
        not condition.actor2_types
        or (draft.actor2 is not None and draft.actor2.actor_type in condition.actor2_types),
        condition.object_is_place is None
        or condition.object_is_place == (draft.location_is_argument and draft.location is not None),
        condition.has_location is None or condition.has_location == (draft.location is not None),
        condition.location_is_town is None or condition.location_is_town == _at_town(draft),
        condition.foreign_actor is None or condition.foreign_actor == _foreign_actor(draft, context),
    ]
    if not all(tests):
        return False
    if condition.non_violent is None:
        return True
    # A handover is a fact of the past: a threat or a denial keeps the sub-type of its own words.
    return draft.modality in FACTUAL and condition.non_violent == is_non_violent(draft, context)


def _targets(head: Token) -> set[str]:
    """The head nouns of what the trigger was done to: its object ("attacked army positions"), its
    passive subject ("positions were attacked"), or for a noun "an attack on X" / "against X"."""
    if head.pos_ in ("NOUN", "PROPN"):
        nouns = [g for c in head.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
                 for g in c.children if g.dep_ == "pobj"]
    else:
        nouns = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    nouns += [c for noun in nouns for c in noun.children if c.dep_ == "conj"]
    # "attacked the X checkpoint west of Y": the parser may make the compass word the object.
    compass = lexicon().places.compass
    nouns += [c for noun in nouns if noun.lower_ in compass for c in noun.children if c.dep_ == "compound"]
    return {noun.lemma_.lower() for noun in nouns}


def _untargeted(head: Token) -> bool:
    """ "rebels launched a surprise attack near X": the event hit nothing and no one the text names."""
    return not _targets(head) and not any(c.dep_ in ("dobj", "nsubjpass", "dative") for c in head.children)


def cue_scope(trigger: Trigger) -> str:
    """The words a variant's cues are looked for in: the trigger's phrase, without background.

    "a car bomb and gun attack", "killed in an air strike": the weapon is in the trigger's own
    phrase; "will target officials in retaliation for air strikes" does not make an air strike.
    """
    head = trigger.head
    while head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("conj", "compound", "appos") and head.head != head:
        head = head.head
    words = [t for t in head.subtree if not _in_background(t, head)]
    return " ".join(t.text for t in words)


def _in_background(token: Token, top: Token) -> bool:
    while token != top:
        if token.dep_ in ("prep", "mark") and token.lower_ in BACKGROUND_PREPS:
            return True
        token = token.head
    return False


def _foreign_actor(draft: Draft, context: ArticleContext) -> bool:
    """Whether actor1 belongs to a country other than the place's ("Israeli troops took a Syrian post")."""
    actor = draft.actor1.actor if draft.actor1 is not None else None
    home = context.actor_countries.get(actor or "")
    mention = draft.location.mention if draft.location is not None else None
    entry = mention.entry if mention is not None else None
    return bool(home and entry is not None and entry.country_code and entry.country_code != home)


def _at_town(draft: Draft) -> bool:
    """Whether the draft's place is a populated place (or an unresolved name), not a region or country."""
    if draft.location is None:
        return False
    mention = draft.location.mention
    return mention is None or mention.entry is None or mention.entry.feature_class == "P"


def without_repeats(drafts: list[Draft]) -> list[Draft]:
    """One mention per sentence, sub-event type, place and modality; a placeless territory repeat goes.

    The mention kept takes the roles only a repeat found ("troops withdrew from X and the rebels
    entered the town": the handover keeps the rebels as actor1; "eight died when a bomb exploded").
    A bare toll (see `is_bare_toll`) is no event.
    """
    kept: dict[tuple[int, str, str | None, Modality], Draft] = {}
    placed = {
        (d.sentence_index, d.modality) for d in drafts if d.sub_type.territory and d.location is not None
    }
    for draft in drafts:
        if is_bare_toll(draft):
            continue
        key = (draft.sentence_index, draft.sub_type.name, draft.location_key, draft.modality)
        if key in kept:
            _merge_roles(kept[key], draft)
            continue
        if (
            draft.sub_type.territory
            and draft.location is None
            and (draft.sentence_index, draft.modality) in placed
        ):
            continue
        kept[key] = draft
    return list(kept.values())


def is_bare_toll(draft: Draft) -> bool:
    """A factual casualty report with no place, no actor and no event before it to belong to ("a
    count gave 57 dead", "255 people had been killed"), or one a tally's noun counts ("estimates of
    the dead range from ..."): a tally, not an event that could be coded.

    A toll that took the sub-type of an event told before it ("... a car bomb. Eight were killed.")
    stays: it reports that event's casualties.
    """
    if not draft.trigger.pattern.casualty or draft.modality not in FACTUAL:
        return False
    if draft.location is not None or draft.actor1 is not None:
        return False
    inherited = draft.sub_type is not draft.trigger.sub_type
    return not inherited or is_counted(draft.trigger.head, load_event_cues())


def _merge_roles(target: Draft, repeat: Draft) -> None:
    if target.actor1 is None or (
        repeat.actor1 is not None and target.actor1.actor is None and repeat.actor1.actor
    ):
        target.actor1 = repeat.actor1 or target.actor1
    target.actor2 = target.actor2 or repeat.actor2
    target.time = target.time or repeat.time
    target.fatalities = target.fatalities if target.fatalities is not None else repeat.fatalities


def confidence(draft: Draft) -> float:
    """How sure sitrep is that the event happened as the mention says (see the module docstring)."""
    score = BASE_CONFIDENCE[draft.modality]
    if draft.trigger.pattern.weak:
        score -= WEAK_TRIGGER_PENALTY
    if draft.location is None:
        score -= NO_LOCATION_PENALTY
    elif draft.location_how in ("anaphor", "story"):
        score -= INFERRED_PLACE_PENALTY
    if draft.location is not None and draft.location.province_for_capital:
        score -= PROVINCE_FOR_CAPITAL_PENALTY
    if draft.location is not None and draft.location.mention is None:
        score -= UNRESOLVED_PLACE_PENALTY
    if draft.actor1 is None:
        score -= NO_ACTOR_PENALTY
    return round(min(MAX_CONFIDENCE, max(MIN_CONFIDENCE, score)), 3)


def _unarmed(draft: Draft) -> bool:
    """True when the side said to take a place is unarmed: civilians, a crowd, a people ("Afghans")."""
    actor, subject = draft.actor1, draft.actor1_token
    if actor is not None and (actor.actor_type in UNARMED_TYPES or (
            actor.actor is None and actor.label == "NORP" and actor.text.endswith("s"))):
        return True
    if actor is None and subject is not None:
        # "Thousands of Afghans", "crowds", "residents": a number or crowd of people, no armed side.
        words = [subject, *(t for t in subject.subtree if t.dep_ == "pobj")]
        return any(word.lemma_.lower() in CROWD_LEMMAS or (word.ent_type_ == "NORP" and word.tag_ == "NNPS")
                   for word in words)
    return False
