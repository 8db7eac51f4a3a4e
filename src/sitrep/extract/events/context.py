"""Article-level passes over the event drafts of one document.

A sentence alone often does not say everything: "the city" and "it" name a place mentioned
before, "the insurgents" is the article's armed group, "government forces had left the city" in
the next sentence makes a capture a handover, and "eight people were killed" reports the victims
of the attack just described. Each pass is a named function over the drafts, run in order by
`apply_context`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from sitrep.extract.events.location import location_cues
from sitrep.extract.events.names import PlaceItem
from sitrep.extract.events.places import PlaceIndex
from sitrep.extract.events.triggers import Trigger, contains_phrase
from sitrep.extract.lexicon import lexicon
from sitrep.extract.ontology import SubEventType, TerritoryCues
from sitrep.geo.extractor import NEARBY
from sitrep.records import (
    FACILITY_CLASS,
    FACTUAL_MODALITIES,
    EntityMention,
    Modality,
    PlaceMention,
    TimeMention,
)

# How far back "the city" / "it" may look for its place, and a casualty report for its attack.
MAX_ANAPHOR_SENTENCES = 2
MAX_CASUALTY_LOOKBACK = 3
# Following sentences that continue the story of a place (no other place named in them).
MAX_CONTINUATION_SENTENCES = 2
# How many words after an unknown place its reference town may be written ("X on the river a few
# km north-west of Y"); the event is coded near that town (ACLED's geo-precision `NEARBY`).
MAX_REFERENCE_GAP = 10
# How many sentences back a placeless mention may find the placed event it tells again.
MAX_RETOLD_SENTENCES = 4
# Determiners that introduce a place not told before ("a village", "another town").
INDEFINITE_DETERMINERS = frozenset({"a", "an", "another", "some", "several"})
BACKGROUND_WORDS = frozenset({"after", "before", "since", "following"})
MAX_BACKGROUND_CLIMB = 4
DESCRIPTION_WINDOW = 4
PRONOUN_ANAPHORS = frozenset({"it", "its", "there"})
REGION_WORDS = frozenset({"province", "provinces", "region", "state", "governorate", "oblast", "district"})
GENERIC_GROUP_NOUNS = frozenset(
    {"group", "insurgent", "militant", "fighter", "rebel", "movement", "jihadist"}
)
NON_STATE_TYPES = frozenset({"Rebel group", "Political militia", "Identity militia"})
# How far before its sentence the group "the insurgents" refers to may be named.
ANTECEDENT_CHARS = 300
# Dependency labels of a group named as the side that acts (not the side acted upon).
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "ROOT"})
ARMED_TYPES = NON_STATE_TYPES | {"State forces", "External/Other forces"}
FACTUAL = frozenset(FACTUAL_MODALITIES)
VIOLENT_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# The sub-type the generic violence words start at (the ontology's "Attack"), and the event type of
# the strikes from afar that make them precise.
GENERIC_ATTACK = "Attack"
REMOTE_EVENT_TYPES = frozenset({"Explosions/Remote violence"})
SUBORDINATE_DEPS = frozenset({"advcl", "acl", "relcl", "xcomp", "pcomp"})
# spaCy labels of organisations' names: a gazetteer hit inside one is a word of the name, no place.
ORGANISATION_LABELS = frozenset({"ORG"})
# Words after which a place inside an organisation's name is the organisation's town.
NAME_LINKS = frozenset({"'s", "\u2019s", "of", "in", "at"})
# GeoNames feature codes of whole countries and wider areas: no antecedent of "the city".
COUNTRY_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLF", "PCLS", "CONT", "RGN"})
SELF_PRONOUNS = frozenset({"it", "we", "they"})
PERSONAL_PRONOUNS = frozenset({"they", "we", "it", "he", "she", "their", "its", "our", "his"})


@dataclass(slots=True)
class Draft:
    """An event mention being built: roles found so far and how they were found."""

    trigger: Trigger
    sub_type: SubEventType
    sentence: Span
    sentence_index: int
    modality: Modality
    speaker: Token | None = None
    actor1_token: Token | None = None
    actor1: EntityMention | None = None
    actor2: EntityMention | None = None
    location: PlaceItem | None = None
    location_how: str = "none"
    location_is_argument: bool = False
    place_like: bool = False
    anaphor: Token | None = None
    fatalities: int | None = None
    time: TimeMention | None = None
    swapped: bool = False

    @property
    def location_key(self) -> str | None:
        """The location's text, normalised for comparisons within the article."""
        return normalise_name(self.location.span.text) if self.location is not None else None


def normalise_name(text: str) -> str:
    """A place name folded for comparison: lower case, hyphens and spaces removed, "city" dropped."""
    words = [w for w in text.lower().replace("-", " ").split() if w not in ("city", "province", "the")]
    return "".join(words)


@dataclass(slots=True)
class ArticleContext:
    """What the passes need to know about the whole article."""

    doc: Doc
    sentences: list[Span]
    places: PlaceIndex
    cues: TerritoryCues
    entities: Sequence[EntityMention]
    generic_names: frozenset[str]
    actor_countries: Mapping[str, str] = field(default_factory=dict)
    _lowered: list[str] | None = field(default=None, init=False, repr=False, compare=False)
    _folded: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    # Each sentence lower-cased and folded once, when a cue pass first asks (it reads them for every
    # event; an article with no event never does).
    @property
    def lowered(self) -> list[str]:
        """The text of each sentence, lower case."""
        if self._lowered is None:
            self._lowered = [sentence.text.lower() for sentence in self.sentences]
        return self._lowered

    @property
    def folded(self) -> list[str]:
        """The text of each sentence folded as a place name (`normalise_name`)."""
        if self._folded is None:
            self._folded = [normalise_name(sentence.text) for sentence in self.sentences]
        return self._folded


def resolve_anaphora(drafts: list[Draft], context: ArticleContext) -> None:
    """Give "the city" / "it" the place it stands for: the latest place before it, events' first.

    A place read inside an organisation's longer name ("Observatory" of a monitoring group, a
    branch of a security service) or naming a news outlet ("Karvand television") is no place:
    the draft loses it first.
    """
    organisations = [entity for entity in context.doc.ents if entity.label_ in ORGANISATION_LABELS]
    for draft in drafts:
        if draft.location is not None and (_inside_a_name(draft.location.span, organisations)
                                           or names_an_outlet(draft.location.span)):
            draft.location, draft.location_how = None, "none"
    for draft in drafts:
        if draft.location is not None or draft.anaphor is None:
            continue
        found = _antecedent(draft, drafts, context)
        if found is not None:
            draft.location, draft.location_how = found, "anaphor"


def _antecedent(draft: Draft, drafts: list[Draft], context: ArticleContext) -> PlaceItem | None:
    """In order: the latest place an event named in the last sentences (not in a background clause
    such as "a day after X fell"), the place of the article's first territory event, the latest town."""
    anaphor = draft.anaphor
    assert anaphor is not None
    first = max(0, draft.sentence_index - MAX_ANAPHOR_SENTENCES)
    sentence = context.sentences[draft.sentence_index]
    own = {
        id(item) for d in drafts if d.trigger is draft.trigger for item in [d.location] if item is not None
    }
    same = [
        item
        for span, mention in context.places.in_sentence(sentence)
        if span.end <= anaphor.i and id(mention) not in own and not names_an_outlet(span)
        for item in [_as_town(span, mention, context)]
        if item is not None
    ]
    if same:
        return same[-1]
    described = [
        PlaceItem(span, mention)
        for span, mention in context.places.real
        if span.end <= anaphor.i and _described_as(span, anaphor.lemma_.lower())
    ]
    described = [item for item in described if not names_a_country(item)]
    if described:
        return described[-1]  # "the port town of Mocimboa da Praia" ... "retaking the port"
    named = [
        d
        for d in drafts
        if d.location is not None
        and d.location_how in ("argument", "fallback")
        and d.trigger.head.i < anaphor.i
    ]
    located = [(d, d.location) for d in named if d.location is not None]
    recent = [
        item
        for d, item in located
        if first <= d.sentence_index
        and not is_background(d.trigger.head)
        and _is_town(item.mention, item.span)
    ]
    if recent:
        return max(recent, key=lambda item: item.span.start)
    lead = next((item for d, item in located
                 if d.sub_type.territory and d.modality in FACTUAL and not names_a_country(item)), None)
    if lead is not None:
        return lead
    start = context.sentences[first].start
    before = [
        PlaceItem(span, mention)
        for span, mention in context.places.real
        if start <= span.start and span.end <= anaphor.i and _is_town(mention, span)
        and not names_an_outlet(span)
    ]
    return before[-1] if before else None


def inherit_setting(drafts: list[Draft], context: ArticleContext) -> list[Draft]:
    """Give an event its sentence does not place the place of the story it continues.

    "Four guards and a driver died." after "militants stormed the depot outside Karvand at dawn":
    the deaths are Karvand's. The place is the latest one a factual,
    current event named in the last `MAX_CONTINUATION_SENTENCES` sentences, provided no other place
    was named since, in the event's own sentence included (a new place starts a new story), and it
    is a town, not a country or a region. Events that change who holds a place never inherit one (a
    capture must name what was taken), nor do threats, plans and denials (a warning that officials
    "would be targeted" is about no place in particular). A toll that took the kind of the event it
    follows ("... a car bomb. Eight were killed.") is that event's toll: it joins the event instead
    of standing alone; a toll that follows no event stays placeless (a tally, see `is_bare_toll`).
    A placeless event with no story place is the article's placed event of the same kind told
    again, when there is one (`_told_elsewhere`). An event at a place it does not name ("attacked a
    village") keeps that place of its own: it neither inherits nor joins another.
    """
    kept = []
    for draft in drafts:
        if draft.location is not None or draft.sub_type.territory or draft.modality not in FACTUAL:
            kept.append(draft)
            continue
        toll = draft.trigger.pattern.casualty
        if (toll and draft.sub_type is draft.trigger.sub_type) or _unnamed_place(draft):
            kept.append(draft)  # a bare tally, or an event at a place of its own
            continue
        found = _story_event(draft, drafts, context)
        if found is None:
            told = _told_elsewhere(draft, drafts)
            if told is None:
                kept.append(draft)
            else:
                _join(told, draft)
        elif toll and draft.actor1 is None and found.sub_type is draft.sub_type:
            _join(found, draft)
        else:
            draft.location, draft.location_how = found.location, "story"
            kept.append(draft)
    return kept


def place_by_reference(drafts: list[Draft], context: ArticleContext) -> None:
    """Place an event at a name no gazetteer knows by the known town the text measures it from.

    "jets bombed the Qarvo bridge over the river north of Karvand", "a village west of X",
    "a base near X": the event is coded near the town (ACLED's geo-precision 2), as a coder would,
    instead of nowhere. Events that change who holds a place keep their own name: taking a dam
    near a town is not taking the town.
    """
    for draft in drafts:
        item = draft.location
        known = item is not None and item.mention is not None and item.mention.entry is not None
        if item is None or known or draft.sub_type.territory:
            continue
        found = _reference_after(item.span, context)
        if found is not None:
            span, mention = found
            draft.location = PlaceItem(span, replace(mention, geo_precision=NEARBY))


def _reference_after(span: Span, context: ArticleContext) -> tuple[Span, PlaceMention] | None:
    """The known town written just after `span` as its reference ("<compass> of X", "near X")."""
    words = lexicon().places
    end = min(span.sent.end, span.end + MAX_REFERENCE_GAP)
    for other, mention in context.places.real:
        if not (span.end <= other.start < end) or mention.entry is None or not _is_town(mention, other):
            continue
        before = [t.lower_ for t in span.doc[span.end : other.start]]
        if not before:
            return None
        measured = before[-1] == "of" and any(part in words.compass for word in before[-4:-1]
                                               for part in word.split("-"))
        near = before[-1] in words.approximate
        return (other, mention) if measured or near else None
    return None


def _told_elsewhere(draft: Draft, drafts: list[Draft]) -> Draft | None:
    """The placed event of the same kind and side the article tells nearby, if any.

    "Shrine set alight" (a headline) and "militiamen torched the old shrine in Karvand" (the body),
    or "two more died when shells landed near the clinic" a few sentences after the shelling of
    Karvand: a placeless mention with no date of its own, of the kind of event the
    article just placed, is that event told again. The nearest one in the `MAX_RETOLD_SENTENCES`
    before it wins; a headline takes the first one of the body. A mention with a date of its own
    ("forty people died there in March") is another event.
    """
    if draft.time is not None:
        return None
    same = [
        d for d in drafts
        if d is not draft and d.location is not None and d.sub_type is draft.sub_type
        and d.modality in FACTUAL and not is_background(d.trigger.head) and _same_side(d.actor1, draft.actor1)
    ]
    before = [d for d in same if draft.sentence_index - MAX_RETOLD_SENTENCES <= d.sentence_index
              and d.trigger.head.i < draft.trigger.head.i]
    if before:
        return max(before, key=lambda d: d.trigger.head.i)
    if draft.sentence_index == 0 and same:
        return min(same, key=lambda d: d.trigger.head.i)
    return None


def _same_side(one: EntityMention | None, other: EntityMention | None) -> bool:
    if one is None or other is None or one.actor is None or other.actor is None:
        return True
    return one.actor == other.actor


def _join(event: Draft, repeat: Draft) -> None:
    """`repeat` told `event` again: the roles only it gave join the event."""
    event.fatalities = event.fatalities if event.fatalities is not None else repeat.fatalities
    event.actor1 = event.actor1 or repeat.actor1
    event.actor2 = event.actor2 or repeat.actor2
    event.time = event.time or repeat.time


def _unnamed_place(draft: Draft) -> bool:
    """ "attacked a village", "shelled two towns": the event is at a place of its own that the text
    does not name (an indefinite place noun as its object or in its locative phrase)."""
    if draft.place_like and draft.anaphor is None:
        return True
    head, cues = draft.trigger.head, location_cues()
    nouns = [c for c in head.children if c.dep_ == "dobj"]
    nouns += [g for c in head.children if c.dep_ == "prep" and c.lower_ in cues.locative_prepositions
              for g in c.children if g.dep_ == "pobj"]
    return any(noun.lemma_.lower() in cues.settlement_nouns and not _definite(noun) for noun in nouns)


def _definite(noun: Token) -> bool:
    """ "the town", "its village": a place told before, not a new one."""
    return any(c.dep_ in ("det", "poss") and c.lower_ not in INDEFINITE_DETERMINERS for c in noun.children)


def _story_event(draft: Draft, drafts: list[Draft], context: ArticleContext) -> Draft | None:
    """The event whose place `draft` inherits (see `inherit_setting`), or None."""
    head = draft.trigger.head
    first = draft.sentence_index - MAX_CONTINUATION_SENTENCES
    placed = [
        d for d in drafts
        if d.location is not None and d.location_how in ("argument", "fallback", "anaphor", "story")
        and first <= d.sentence_index <= draft.sentence_index and d.trigger.head.i < head.i
        and d.modality in FACTUAL and not is_background(d.trigger.head)
    ]
    if not placed:
        return None
    found = max(placed, key=lambda d: d.trigger.head.i)
    item = found.location
    assert item is not None
    if names_a_country(item) or not _is_town(item.mention, item.span):
        return None
    named_since = [
        mention for span, mention in context.places.real
        if item.span.end <= span.start and span.end <= draft.sentence.end and not _same_place(mention, item)
    ]
    return None if named_since else found


def _same_place(mention: PlaceMention, item: PlaceItem) -> bool:
    """Whether a later mention names the same place again, or only a wider area holding it."""
    entry, own = mention.entry, item.mention.entry if item.mention is not None else None
    if entry is None or own is None:
        return False
    if entry.geonameid == own.geonameid or entry.feature_code in COUNTRY_CODES:
        return True
    return entry.feature_class == "A" and entry.country_code == own.country_code and (
        entry.admin1 == own.admin1 or entry.feature_code in COUNTRY_CODES)


def names_an_outlet(span: Span) -> bool:
    """ "Karvand television said", "Kabul TV reported": the name is a news outlet's."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in location_cues().outlet_nouns


def _inside_a_name(span: Span, organisations: Sequence[Span]) -> bool:
    """Whether `span` is a word inside an organisation's name that another word of the name leads
    ("Observatory" of "the Northern Observatory for Rights"). A town leading the name ("X
    University Hospital") or following a possessive or "of" ("the University of X") stays: the
    organisation is in that town."""
    for entity in organisations:
        if not (entity.start < span.start and span.end <= entity.end):
            continue
        before = span.doc[span.start - 1]
        if before.is_punct or before.lower_ in NAME_LINKS or before.dep_ == "det":
            continue
        return True
    return False


def names_a_country(item: PlaceItem) -> bool:
    """Whether the place is a whole country or wider: "the city" never stands for one."""
    entry = item.mention.entry if item.mention is not None else None
    return entry is not None and entry.feature_code in COUNTRY_CODES


def _as_town(span: Span, mention: PlaceMention | None, context: ArticleContext) -> PlaceItem | None:
    """The town a place mention names, for "the city": the mention itself when it is a town; for a
    facility named after its town ("X airport" resolved to the airport), the article's mention of the
    same name that resolved to the town, else the town among the facility mention's candidates;
    otherwise None."""
    if _is_town(mention, span):
        return PlaceItem(span, mention)
    if mention is None or mention.entry is None or mention.entry.feature_class != FACILITY_CLASS:
        return None
    twins = [
        PlaceItem(span, other)
        for other_span, other in context.places.real
        if other_span.text == span.text and other.entry is not None and _is_town(other, other_span)
    ]
    if twins:
        return twins[0]
    facility = mention.entry
    town = next(
        (
            entry
            for entry in mention.candidates
            if entry.feature_class == "P" and entry.country_code == facility.country_code
        ),
        None,
    )
    return PlaceItem(span, replace(mention, entry=town)) if town is not None else None


def _described_as(span: Span, noun: str) -> bool:
    """Whether the text called this place a `noun` ("the port town of X", "X, the largest city")."""
    if noun in PRONOUN_ANAPHORS:
        return False
    doc = span.doc
    before = doc[max(span.sent.start, span.start - DESCRIPTION_WINDOW) : span.start]
    after = doc[span.end : min(span.sent.end, span.end + DESCRIPTION_WINDOW + 2)]
    appositive = [t for t in after if t.dep_ == "appos" or t.head.dep_ == "appos"]
    return any(t.lemma_.lower() == noun for t in [*before, *appositive]) and not any(
        t.lemma_.lower() == "capital" and noun != "capital" for t in before
    )


def is_background(head: Token) -> bool:
    """Whether a trigger sits in a clause that only dates another event ("a day after X fell")."""
    token = head
    for _ in range(MAX_BACKGROUND_CLIMB):
        if token.dep_ in ("prep", "mark") and token.lower_ in BACKGROUND_WORDS:
            return True
        if any(c.dep_ == "mark" and c.lower_ in BACKGROUND_WORDS for c in token.children):
            return True
        if token.head == token:
            return False
        token = token.head
    return False


def _is_town(mention: PlaceMention | None, span: Span | None = None) -> bool:
    """A populated place; an unresolved name counts unless the text calls it a province or region."""
    entry = mention.entry if mention is not None else None
    if entry is not None:
        return entry.feature_class == "P"
    if span is None:
        return True
    following = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    return not {w.lower_ for w in span} & REGION_WORDS and following not in REGION_WORDS


def bind_actors(drafts: list[Draft], context: ArticleContext) -> None:
    """Bind "the insurgents" / "the group" to the armed group the text names just before, "they" to the
    speaker, and a place taken with no taker written ("X was liberated") to the speaker's side."""
    for draft in drafts:
        token = draft.actor1_token
        if token is None:
            continue
        if token.lower_ in PERSONAL_PRONOUNS or _has_pronoun_owner(token):
            speaker_actor = _speaker_actor(draft, context)
            if speaker_actor is not None:
                draft.actor1 = _bound(token, speaker_actor, context)
                continue
        if _is_generic_group(token, draft.actor1, context):
            group = _named_group_before(token, context)
            if group is not None:
                draft.actor1 = _bound(token, group, context)
    for draft in drafts:
        # "X had been fully liberated, a rebel commander said": a place taken with no taker named is
        # the speaker's side's claim (`adjust_modality` then makes it a claim).
        speaker = draft.speaker
        if (draft.sub_type.territory and draft.actor1_token is None and draft.actor1 is None
                and speaker is not None and _is_passive(draft.trigger.head) and not _joint(speaker)):
            speaker_actor = _speaker_actor(draft, context)
            if speaker_actor is not None:
                draft.actor1 = _bound(speaker, speaker_actor, context)


def _is_passive(head: Token) -> bool:
    """ "X had been liberated": a taking verb in the passive, its taker left out ("X fell" is no
    passive: it says nothing of who took X)."""
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in head.children)


def _joint(speaker: Token) -> bool:
    """ "a Taliban spokesman and a local official said": a report of several sources, no one side's."""
    return any(child.dep_ == "conj" for child in speaker.children)


def _named_group_before(token: Token, context: ArticleContext) -> EntityMention | None:
    """The named non-state group "the insurgents" stands for: the one named closest before it (in its
    sentence, or in the `ANTECEDENT_CHARS` before), else the article's only one. An article that names
    several groups is never settled by a vote: the group named most is often not the one in this
    sentence."""
    named = [m for m in context.entities if m.actor is not None and m.actor_type in NON_STATE_TYPES
             and m.actor not in context.generic_names]
    low = token.sent.start_char - ANTECEDENT_CHARS
    before = [m for m in named if low <= m.start and m.end <= token.idx and _acts(m, context.doc)]
    if before:
        return max(before, key=lambda m: m.start)
    # The article's only group stands for it only where it is named acting, not only as a recipient.
    acting = [m for m in named if _acts(m, context.doc)]
    return acting[0] if acting and len({m.actor for m in named}) == 1 else None


def _main_non_state_actor(context: ArticleContext) -> EntityMention | None:
    counts = Counter(
        m.actor
        for m in context.entities
        if m.actor is not None and m.actor_type in NON_STATE_TYPES and m.actor not in context.generic_names
    )
    if not counts:
        return None
    name = counts.most_common(1)[0][0]
    return next(m for m in context.entities if m.actor == name)


def _acts(mention: EntityMention, doc: Doc) -> bool:
    """True for a group named as the one that acts: a subject, or the agent of a passive ("led by X").

    A group named as the side that lost ground ("took the town from the PKK", "left the city to the
    SDF") is no antecedent of "the fighters" who did something next.
    """
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    while root.dep_ in ("compound", "amod", "appos", "conj") and root.head is not root:
        root = root.head
    if root.dep_ in ACTING_DEPS:
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "by"


def _has_pronoun_owner(token: Token) -> bool:
    """ "their fighters", "its forces": a generic noun owned by a pronoun."""
    return token.lemma_.lower() in GENERIC_GROUP_NOUNS and any(
        c.dep_ == "poss" and c.lower_ in PERSONAL_PRONOUNS for c in token.children
    )


def _is_generic_group(token: Token, actor: EntityMention | None, context: ArticleContext) -> bool:
    if actor is not None and actor.actor is not None and actor.actor not in context.generic_names:
        return False
    if actor is not None and actor.actor_type not in (NON_STATE_TYPES | {None}):
        return False
    definite = any(
        c.lower_ in ("the", "their", "its") or (c.dep_ == "poss" and c.lemma_.lower() in GENERIC_GROUP_NOUNS)
        for c in token.children
    )
    return token.lemma_.lower() in GENERIC_GROUP_NOUNS and definite


def _speaker_actor(draft: Draft, context: ArticleContext) -> EntityMention | None:
    speaker = draft.speaker
    if speaker is None:
        return None
    words = range(speaker.left_edge.i, speaker.right_edge.i + 1)
    low = context.doc[words.start].idx
    high = context.doc[words.stop - 1].idx + len(context.doc[words.stop - 1])
    found = [
        m
        for m in context.entities
        if m.actor is not None and m.actor_type in ARMED_TYPES and m.start < high and m.end > low
        and any(context.doc[i].idx >= m.start and context.doc[i].idx < m.end for i in words)
    ]
    if found:
        return found[0]
    # "The group said ...", "a spokesman for the group said ...": the article's armed group.
    nouns = [context.doc[i] for i in words]
    if any(t.lemma_.lower() in GENERIC_GROUP_NOUNS and _is_generic_group(t, None, context) for t in nouns):
        return _main_non_state_actor(context)
    return None


def _bound(token: Token, actor: EntityMention, context: ArticleContext) -> EntityMention:
    phrase = (
        context.doc[token.left_edge.i : token.i + 1]
        if token.left_edge.i <= token.i
        else context.doc[token.i : token.i + 1]
    )
    return EntityMention(
        actor.article_id,
        phrase.start_char,
        phrase.end_char,
        phrase.text,
        actor.label,
        actor.component,
        actor=actor.actor,
        actor_type=actor.actor_type,
    )


def adjust_modality(drafts: list[Draft], context: ArticleContext) -> None:
    """Reported by the actor itself is a claim; an armed speaker's own planned violence is a threat."""
    for draft in drafts:
        if draft.modality == Modality.REPORTED and _speaks_of_itself(draft):
            draft.modality = Modality.CLAIMED
            continue
        speaker_actor = _speaker_actor(draft, context)
        if speaker_actor is None:
            continue
        same = draft.actor1 is not None and draft.actor1.actor == speaker_actor.actor
        if draft.modality == Modality.REPORTED and same:
            draft.modality = Modality.CLAIMED
        elif (
            draft.modality == Modality.PLANNED
            and draft.sub_type.event_type in VIOLENT_EVENT_TYPES
            and (same or draft.actor1 is None)
        ):
            draft.modality = Modality.THREATENED


def _speaks_of_itself(draft: Draft) -> bool:
    """ "The group said it took the town": the speaker tells of its own act (a pronoun subject)."""
    subject = draft.actor1_token
    return (draft.speaker is not None and subject is not None and subject.lower_ in SELF_PRONOUNS
            and subject.sent == draft.speaker.sent)


def is_non_violent(draft: Draft, context: ArticleContext) -> bool:
    """Whether the text around the event says the place changed hands without a fight."""
    strong_text, weak_text = _context_texts(draft, context)
    if any(contains_phrase(strong_text, cue) for cue in context.cues.strong):
        return True
    masked = weak_text
    for cue in context.cues.strong:
        masked = masked.replace(cue, " ")
    weak = any(contains_phrase(masked, cue) for cue in context.cues.weak)
    violent = any(contains_phrase(masked, cue) for cue in context.cues.violent)
    return weak and not violent


def _context_texts(draft: Draft, context: ArticleContext) -> tuple[str, str]:
    """The texts searched for strong cues (also every sentence naming the place) and for weak ones."""
    chosen = [draft.sentence_index, *_continuation(draft, context)]
    near = " ".join(context.lowered[i] for i in chosen)
    key = draft.location_key
    if key is None:
        return near, near
    pairs = zip(context.lowered, context.folded, strict=True)
    naming = [lowered for lowered, folded in pairs if key in folded]
    return " ".join([near, *naming]), near


def _continuation(draft: Draft, context: ArticleContext) -> list[int]:
    """The next sentences that name no place other than the event's own."""
    found: list[int] = []
    # Places of the event's own sentence ("Zaranj, capital of Nimroz") may come up again.
    allowed = {normalise_name(span.text) for span, _ in context.places.in_sentence(draft.sentence)}
    for index in range(
        draft.sentence_index + 1,
        min(len(context.sentences), draft.sentence_index + 1 + MAX_CONTINUATION_SENTENCES),
    ):
        names = {
            normalise_name(span.text) for span, _ in context.places.in_sentence(context.sentences[index])
        }
        if names - allowed - {draft.location_key}:
            break
        found.append(index)
    return found


def consolidate_territory(drafts: list[Draft]) -> None:
    """One place, one story: a handover stays a handover in every factual mention of that place."""
    by_place: dict[str, list[Draft]] = {}
    for draft in drafts:
        if draft.sub_type.territory and draft.modality in FACTUAL and draft.location_key:
            by_place.setdefault(draft.location_key, []).append(draft)
    for group in by_place.values():
        handed = next(
            (d.sub_type for d in group if d.sub_type.name == "Non-violent transfer of territory"), None
        )
        known = next((d.sub_type for d in group if d.actor1 is not None and d.actor1.actor_type), None)
        for draft in group:
            if handed is not None:
                draft.sub_type = handed
            elif known is not None and (draft.actor1 is None or draft.actor1.actor_type is None):
                draft.sub_type = known


def specify_attacks(drafts: list[Draft]) -> None:
    """A generic attack ("raids on X kill 11", "X was struck") takes the kind of the remote strike the
    article tells at the same place and day ("air strikes on X killed 11"): one strike, told twice."""
    for draft in drafts:
        if draft.sub_type.name != GENERIC_ATTACK or draft.sub_type is not draft.trigger.sub_type:
            continue
        if draft.location is None:
            continue
        specific = [
            d for d in drafts
            if d.sub_type.event_type in REMOTE_EVENT_TYPES and d.location_key == draft.location_key
            and _same_side(d.actor1, draft.actor1) and _same_time(d.time, draft.time)
            and not is_background(d.trigger.head)  # "three days after a car bomb on X": another event
        ]
        if specific:
            draft.sub_type = specific[0].sub_type


def _same_time(one: TimeMention | None, other: TimeMention | None) -> bool:
    if one is None or other is None or one.first_day is None or other.first_day is None:
        return True
    return one.first_day == other.first_day


def inherit_casualty_type(drafts: list[Draft]) -> None:
    """A bare casualty report takes the sub-type of the violent event described just before it."""
    for i, draft in enumerate(drafts):
        if not draft.trigger.pattern.casualty or draft.sub_type is not draft.trigger.sub_type:
            continue
        earlier = [
            d
            for d in drafts[:i]
            if d.sub_type.event_type in VIOLENT_EVENT_TYPES
            and not d.sub_type.territory
            and not d.trigger.pattern.casualty
            and draft.sentence_index - d.sentence_index <= MAX_CASUALTY_LOOKBACK
        ]
        # The story's main event, not one told in passing ("..., starting a battle with guards").
        main = [d for d in earlier if _in_main_clause(d.trigger.head)] or earlier
        if main and draft.actor1 is None:
            draft.sub_type = main[-1].sub_type


def _in_main_clause(head: Token) -> bool:
    token = head
    while token.head != token:
        if token.dep_ in SUBORDINATE_DEPS:
            return False
        token = token.head
    return True
