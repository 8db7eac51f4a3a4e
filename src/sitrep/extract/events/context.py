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

from sitrep.extract.events.names import PlaceItem
from sitrep.extract.events.places import PlaceIndex
from sitrep.extract.events.triggers import Trigger, contains_phrase
from sitrep.extract.ontology import SubEventType, TerritoryCues
from sitrep.records import FACTUAL_MODALITIES, EntityMention, Modality, PlaceMention, TimeMention

# How far back "the city" / "it" may look for its place, and a casualty report for its attack.
MAX_ANAPHOR_SENTENCES = 2
MAX_CASUALTY_LOOKBACK = 3
# Following sentences that continue the story of a place (no other place named in them).
MAX_CONTINUATION_SENTENCES = 2
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
# GeoNames' feature class of spots and buildings (an airport, a base): not a town of its own.
FACILITY_CLASS = "S"  # one definition: Modality.is_factual (records.py)
VIOLENT_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
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
    lowered: list[str] = field(default_factory=list)
    folded: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Each sentence lower-cased and folded once: the cue passes read them for every event.
        self.lowered = [sentence.text.lower() for sentence in self.sentences]
        self.folded = [normalise_name(sentence.text) for sentence in self.sentences]


def resolve_anaphora(drafts: list[Draft], context: ArticleContext) -> None:
    """Give "the city" / "it" the place it stands for: the latest place before it, events' first.

    A place read inside an organisation's longer name ("Observatory" of a monitoring group, a
    branch of a security service) is no place: the draft loses it first.
    """
    organisations = [entity for entity in context.doc.ents if entity.label_ in ORGANISATION_LABELS]
    for draft in drafts:
        if draft.location is not None and _inside_a_name(draft.location.span, organisations):
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
        if span.end <= anaphor.i and id(mention) not in own
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
    ]
    return before[-1] if before else None


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
    speaker."""
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
