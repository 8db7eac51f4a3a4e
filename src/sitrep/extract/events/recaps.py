"""Recaps: a report recalling an earlier event of the same story, not telling a new one.

A later report says "a week after the loss of X", "before the town fell", "X, which fell to the
alliance", "the offensive took A, B and C in quick succession" or "the militia had attacked the
town" to set the scene. With no date of its own such a mention would be dated to the report's day
and read as a second, later event. A recap that carries its own date ("had entered the town last
week", "after it fell on Friday") keeps it: the date says when the event happened, so the mention
is evidence for that event. A recap without one is dropped as background: the reports that told
the event date it, and fusion takes it from them.

The shapes (their words in `recaps` of `data/lang/<code>/events.yaml`):

- nominalised: a change of control named by a noun under a temporal or contrastive preposition
  ("after the loss of X", "since the fall of X", "unlike the capture of X");
- subordinate: a change of control in a clause under a temporal mark ("before the city fell") or
  in a relative clause ("X, which fell to the alliance", "the areas the groups had entered"), but
  not one that qualifies a time ("on a day when they took X" is that day's news) nor one in the
  present perfect ("the largest town they have taken so far" sums up the news);
- summary: a change of control whose subject names a campaign ("the offensive captured A, B and
  C before reaching D", "the alliance that began the offensive has taken A and B");
- past perfect: a change of control told in the past perfect ("had entered the town") in the
  narration, not in a source's words ("they said they had taken the town" is the news reported).

Only changes of control are read so: a strike or a clash told in the past perfect is often the news
of an undated report, and a strike has no holder for fusion to fold it into.

A clause under "after" with no measure of its own ("withdrew on Thursday after the rebels broke
in") happened just before its main clause and takes the main clause's date: no recap. With a
measure ("a week after the town fell") it recalls an earlier event.
"""

from __future__ import annotations

from spacy.tokens import Token

from sitrep.extract.events.context import FACTUAL, Draft
from sitrep.extract.events.cues import EventCues

# How far up a trigger may lie below the clause that makes it a recap (conjuncts, auxiliaries).
MAX_RECAP_CLIMB = 3
# The edges that join a verb to the one it is coordinated with or that governs it as a participle.
COORDINATION_DEPS = frozenset({"conj"})
# The clause edges of a source's words: what the source says is news, not narration.
REPORTED_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
PAST_PERFECT_AUX = "had"
# Tags of a present "have" ("have taken", "has fallen"): the present perfect.
PRESENT_TAGS = frozenset({"VBP", "VBZ"})


def is_recap(draft: Draft, cues: EventCues) -> bool:
    """Whether the draft recalls an earlier event without a date of its own (module docstring)."""
    if not cues.recap_marks and not cues.recap_preps:
        return False
    if draft.modality not in FACTUAL:
        return False  # a threat, plan or denial is no recap: its modality already tells it
    head = draft.trigger.head
    clause = recap_clause(head, cues, territory=draft.sub_type.territory)
    if clause is None:
        return False
    if _follows_its_main_clause(clause, cues) and draft.time is not None:
        return False  # "withdrew on Thursday after the rebels broke in": the main clause's day
    return not _dated_within(draft, clause, cues)


def _follows_its_main_clause(clause: Token, cues: EventCues) -> bool:
    """A clause under a following mark ("after") with no measure of time ("a week after")."""
    follow = cues.recap_follow_marks
    marks = [child for child in clause.children if child.dep_ == "mark" and child.lower_ in follow]
    if not marks or clause.dep_ != "advcl":
        return False
    measured = [t for node in (clause, *marks) for t in node.children if t.dep_ == "npadvmod"]
    return not measured


def recap_clause(head: Token, cues: EventCues, *, territory: bool) -> Token | None:
    """The token heading the recap phrase or clause `head` lies in, or None when it is none."""
    if not territory:
        return None
    found = _recap_phrase(head, cues) or _recap_subordinate(head, cues) or _campaign_summary(head, cues)
    if found is not None:
        return found
    return head if _past_perfect_narration(head) else None


def _recap_phrase(head: Token, cues: EventCues) -> Token | None:
    """ "after the loss of X": the event noun is the object of a temporal or contrastive preposition."""
    if head.pos_ not in ("NOUN", "PROPN") or head.dep_ != "pobj":
        return None
    return head if head.head.lower_ in cues.recap_preps else None


def _recap_subordinate(head: Token, cues: EventCues) -> Token | None:
    """ "before the city fell", "X, which fell to Y": the verb's clause is temporal or relative."""
    token = head
    for _ in range(MAX_RECAP_CLIMB):
        if token.dep_ == "relcl":
            return token if _recalls(token, cues) else None
        if token.dep_ == "advcl" and any(
            child.dep_ == "mark" and child.lower_ in cues.recap_marks for child in token.children
        ):
            return token
        if _opened_by_mark(token, cues):
            return token
        if token.dep_ not in COORDINATION_DEPS or token.head.i == token.i:
            return None
        token = token.head
    return None


def _recalls(clause: Token, cues: EventCues) -> bool:
    """Whether a relative clause recalls an earlier event: not when it tells what happened on the
    day or night it qualifies ("on a day when the rebels took X"), nor in the present perfect, which
    tells the news so far ("the largest town the rebels have taken so far")."""
    if clause.head.lemma_.lower() in cues.recap_time_nouns:
        return False
    return not any(child.dep_ == "aux" and child.lemma_.lower() == "have" and child.tag_ in PRESENT_TAGS
                   for child in clause.children)


def _opened_by_mark(verb: Token, cues: EventCues) -> bool:
    """ "in the days before the city fell" parsed with "before" as a bare preposition: the verb's
    subject opens right after a temporal mark that governs nothing of its own."""
    subject = next((child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i > verb.i:
        return False
    first = min(token.i for token in subject.subtree)
    if first == 0:
        return False
    mark = verb.doc[first - 1]
    return mark.lower_ in cues.recap_marks and not any(child.dep_ == "pobj" for child in mark.children)


def _campaign_summary(head: Token, cues: EventCues) -> Token | None:
    """ "the offensive took A, B and C": a change of control whose subject names a campaign."""
    if head.pos_ != "VERB":
        return None
    verb = head
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "conj":
        subjects = [child for child in verb.head.children if child.dep_ == "nsubj"]
    for subject in subjects:
        if any(token.lemma_.lower() in cues.campaign_nouns for token in subject.subtree):
            return verb
    return None


def _past_perfect_narration(head: Token) -> bool:
    """ "the militia had attacked the town": a past perfect verb of the narration's own clause."""
    if head.tag_ != "VBN" or not any(
        child.dep_ == "aux" and child.lower_ == PAST_PERFECT_AUX for child in head.children
    ):
        return False
    token = head
    while token.head.i != token.i:
        if token.dep_ in REPORTED_DEPS or token.dep_ == "advcl":
            return False  # a source's words, or a clause another event's date governs
        token = token.head
    return True


def _dated_within(draft: Draft, clause: Token, cues: EventCues) -> bool:
    """Whether the draft's time expression lies in the recap's own phrase, or is the antecedent of
    its relative clause ("in 2015, when the insurgents took the town")."""
    time = draft.time
    if time is None:
        return False
    tokens = list(clause.subtree)
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and clause.dep_ == "ROOT" and _opened_by_mark(clause, cues):
        # a clause read as the sentence's root ("in the days before the city fell"): from its subject on
        opening = min(token.i for token in subject.subtree)
        tokens = [token for token in tokens if token.i >= opening]
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    if start <= time.start and time.end <= end:
        return True
    antecedent = clause.head
    return clause.dep_ == "relcl" and time.start <= antecedent.idx < time.end
