"""Event extraction by rules: ontology triggers, dependency roles, modality and article context.

For each trigger the extractor reads the roles its pattern names (actor1, actor2, location), one
mention per place when the location is a list, the modality from the words that govern the
trigger, the fatalities, and a time of its own clause. Article-level passes then resolve "the
city", bind "the insurgents", apply the ontology's variants (a state actor regains territory,
a handover without a fight) and drop repeats. Confidence is lower for reported, claimed and
unrealised events, weak triggers, missing roles and places inferred rather than named.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from sitrep.extract.actors import Actor, load_actors
from sitrep.extract.events.arguments import EntityIndex, argument_tokens, in_relative_clause_of
from sitrep.extract.events.checks import confidence, holds, is_complete, without_repeats
from sitrep.extract.events.context import (
    ArticleContext,
    Draft,
    adjust_modality,
    bind_actors,
    consolidate_territory,
    inherit_casualty_type,
    inherit_setting,
    place_by_reference,
    resolve_anaphora,
    specify_attacks,
)
from sitrep.extract.events.cues import load_event_cues, ontology_language
from sitrep.extract.events.fatalities import count_fatalities
from sitrep.extract.events.location import choose_event_location, is_reference_point
from sitrep.extract.events.means import STRIKE_EVENT_TYPES, strike_means
from sitrep.extract.events.modality import ModalityReader
from sitrep.extract.events.names import PlaceItem
from sitrep.extract.events.places import (
    PlaceArgument,
    PlaceIndex,
    list_extensions,
    place_argument,
    surface_list,
)
from sitrep.extract.events.scope import (
    died_of_other_cause,
    has_conflict_context,
    is_background,
    is_part_of_takeover,
    is_running_toll,
    latest_day,
    names_a_thing,
    names_the_war,
    needs_conflict_context,
)
from sitrep.extract.events.states import StatePhraseReader
from sitrep.extract.events.time import choose_time
from sitrep.extract.events.triggers import KILLING_LEMMAS, Trigger, TriggerFinder
from sitrep.extract.ontology import Ontology, load_ontology
from sitrep.geo.extractor import NEARBY  # ACLED's geo-precision of an event near a town ("10 km south of X")
from sitrep.records import EntityMention, EventMention, PlaceMention, TimeMention

MAX_VARIANT_STEPS = 3
ARGUMENT_SOURCES = frozenset({"subject", "object", "phrase_object"})
# spaCy entity labels of people and groups: a name under one of them that no place extractor took
# for a place is no event place.
PEOPLE_ENTITIES = frozenset({"PERSON", "NORP"})


class EventExtractor:
    """Event mentions of one parsed article, by the ontology's rules."""

    name = "sitrep.events.rules"
    version = "2"

    def __init__(self, ontology: Ontology | None = None, actors: Iterable[Actor] | None = None) -> None:
        self.ontology = ontology if ontology is not None else load_ontology()
        self.actors = tuple(actors) if actors is not None else load_actors()
        self.generic_names = frozenset(actor.name for actor in self.actors if actor.generic)
        self.actor_countries = {actor.name: actor.country for actor in self.actors if actor.country}
        self.component = f"{self.name}.v{self.version}"
        self.finder = TriggerFinder(self.ontology)
        self.modality = ModalityReader(self.ontology.modality)
        self.states = StatePhraseReader(self.ontology, self.actors, self.modality)
        self.cues = load_event_cues(ontology_language(self.ontology.sources))

    def __call__(
        self,
        doc: Doc,
        article_id: str,
        *,
        entities: tuple[EntityMention, ...],
        places: tuple[PlaceMention, ...],
        times: tuple[TimeMention, ...],
    ) -> tuple[EventMention, ...]:
        """Every event mention of `doc`, in text order."""
        place_index = PlaceIndex(doc, places, entities)
        # A plain name that is also a resolved place ("the capital of Takhar") is the place, no actor.
        resolved = {(place.start, place.end) for place in places if place.entry is not None}
        actors = tuple(e for e in entities if e.actor is not None or (e.start, e.end) not in resolved)
        entity_index = EntityIndex(doc, actors, self.generic_names, self.cues.opposed_prefixes)
        sentences = list(doc.sents)
        starts = [sentence.start for sentence in sentences]
        drafts: list[Draft] = []
        for trigger in self.finder.find(doc):
            if self.states.phrase(trigger.head) is not None:
                continue  # "Russian-occupied Izium" says who holds it, not that it was just taken
            index = bisect_right(starts, trigger.head.i) - 1
            drafts.extend(self._drafts(trigger, sentences[index], index, place_index, entity_index))
        drafts.extend(self.states.drafts(article_id, sentences, place_index, entity_index))
        context = ArticleContext(
            doc,
            sentences,
            place_index,
            self.ontology.territory_cues,
            entities,
            self.generic_names,
            self.actor_countries,
        )
        article = ArticleDrafts(context, _time_spans(doc, times), entities)
        for step in ARTICLE_PASSES:
            drafts = step.run(self, drafts, article)
        return tuple(self._record(draft, article_id) for draft in drafts)

    def pipe(
        self,
        items: Iterable[
            tuple[Doc, str, tuple[EntityMention, ...], tuple[PlaceMention, ...], tuple[TimeMention, ...]]
        ],
    ) -> Iterable[tuple[EventMention, ...]]:
        """The batch form: one tuple of mentions per (doc, article id, entities, places, times)."""
        for doc, article_id, entities, places, times in items:
            yield self(doc, article_id, entities=entities, places=places, times=times)

    def _drafts(
        self, trigger: Trigger, sentence: Span, index: int, places: PlaceIndex, entities: EntityIndex
    ) -> list[Draft]:
        """One draft per place the trigger's location argument names (one without a place if none)."""
        reading = self.modality.read(trigger.head)
        base = Draft(trigger, trigger.sub_type, sentence, index, reading.modality, speaker=reading.speaker)
        base.actor1_token, base.actor1 = _actor(trigger, "actor1", entities)
        _, base.actor2 = _actor(trigger, "actor2", entities)
        base.fatalities = _fatalities(trigger)
        found = _location_argument(trigger, places)
        if found is None:
            if "place_object" not in trigger.pattern.requires and trigger.pattern.guess_location:
                base.location = _fallback_location(trigger, places)
                base.location_how = "fallback" if base.location is not None else "none"
            return [base]
        argument, source = found
        base.place_like, base.location_is_argument = argument.place_like, source in ("object", "subject")
        base.anaphor = argument.token if argument.anaphoric else None
        items = [item for item in argument.items if not _names_people(item)]
        if not items:
            return [base]
        return [_with_location(base, item) for item in items]

    def without_parts(self, drafts: list[Draft]) -> list[Draft]:
        """Drafts less the fighting a takeover already tells and event nouns that name things."""
        triggers = {draft.trigger.head.i for draft in drafts}
        takeovers = {draft.trigger.head.i for draft in drafts if draft.sub_type.territory}
        return [
            draft for draft in drafts
            if not names_a_thing(draft.trigger.span, triggers, self.cues)
            and not (_fighting(draft) and is_part_of_takeover(draft.trigger.head, takeovers, self.cues))
        ]

    def running_toll(self, draft: Draft) -> bool:
        """A toll or tally over an open period sums many events: no event of its own (not a territory
        change, nor a state, which lasts: "held by the Taliban since the spring")."""
        lasting = draft.sub_type.territory or draft.sub_type is self.states.sub_type
        return not lasting and is_running_toll(draft.trigger.head, self.cues)

    def apply_variants(self, draft: Draft, context: ArticleContext) -> None:
        """Move the draft to the sub-event type its first matching variant names (a few steps at most)."""
        seen = {draft.sub_type.name}
        for _ in range(MAX_VARIANT_STEPS):
            variant = next((v for v in draft.sub_type.variants if holds(v.when, draft, context)), None)
            if variant is None or variant.becomes in seen:
                return
            if variant.swap_actors and not draft.swapped:
                draft.actor1, draft.actor2, draft.swapped = draft.actor2, draft.actor1, True
            draft.sub_type = self.ontology.sub_event_type(variant.becomes)
            seen.add(variant.becomes)

    def _record(self, draft: Draft, article_id: str) -> EventMention:
        span = draft.trigger.span
        return EventMention(
            article_id,
            span.start_char,
            span.end_char,
            span.text,
            self.component,
            event_type=draft.sub_type.event_type,
            sub_event_type=draft.sub_type.name,
            modality=draft.modality,
            confidence=confidence(draft),
            actor1=draft.actor1,
            actor2=draft.actor2,
            location=self._place(draft.location, article_id),
            time=draft.time,
            fatalities=draft.fatalities,
            sentence_start=draft.sentence.start_char,
            sentence_end=draft.sentence.end_char,
        )

    def _place(self, item: PlaceItem | None, article_id: str) -> PlaceMention | None:
        if item is None:
            return None
        if item.mention is not None:
            return item.mention
        span = item.span
        return PlaceMention(article_id, span.start_char, span.end_char, span.text, self.component)


@dataclass(frozen=True, slots=True)
class ArticleDrafts:
    """What the article passes read besides the drafts: the article's context, dates and entities."""

    context: ArticleContext
    times: list[tuple[Span, TimeMention]]
    entities: tuple[EntityMention, ...]


Drafts = list[Draft]
PassRun = Callable[["EventExtractor", Drafts, ArticleDrafts], Drafts]


@dataclass(frozen=True, slots=True)
class ArticlePass:
    """One step over all drafts of an article: its name, what it does, and the function."""

    name: str
    does: str
    run: PassRun


def _in_place(change: Callable[[Drafts, ArticleContext], None]) -> PassRun:
    def run(_: EventExtractor, drafts: Drafts, article: ArticleDrafts) -> Drafts:
        change(drafts, article.context)
        return drafts

    return run


def _with_context(change: Callable[[Drafts, ArticleContext], Drafts]) -> PassRun:
    def run(_: EventExtractor, drafts: Drafts, article: ArticleDrafts) -> Drafts:
        return change(drafts, article.context)

    return run


def _complete(extractor: EventExtractor, drafts: Drafts, _: ArticleDrafts) -> Drafts:
    return [draft for draft in drafts if is_complete(draft) and not extractor.running_toll(draft)]


def _variants(extractor: EventExtractor, drafts: Drafts, article: ArticleDrafts) -> Drafts:
    for draft in drafts:
        extractor.apply_variants(draft, article.context)
    return drafts


def _by_means(extractor: EventExtractor, drafts: Drafts, _: ArticleDrafts) -> Drafts:
    means = extractor.ontology.means()
    if not means:
        return drafts
    for draft in drafts:
        if draft.sub_type.territory or draft.sub_type.event_type not in STRIKE_EVENT_TYPES:
            continue
        named = strike_means(draft.trigger, means)
        if named is not None and named != draft.sub_type.name:
            draft.sub_type = extractor.ontology.sub_event_type(named)
    return drafts


def _whole_events(extractor: EventExtractor, drafts: Drafts, _: ArticleDrafts) -> Drafts:
    return extractor.without_parts(drafts)


def _each_draft(change: Callable[[Drafts], None]) -> PassRun:
    def run(_: EventExtractor, drafts: Drafts, __: ArticleDrafts) -> Drafts:
        change(drafts)
        return drafts

    return run


def _dated(_: EventExtractor, drafts: Drafts, article: ArticleDrafts) -> Drafts:
    heads = {draft.trigger.head.i for draft in drafts}
    for draft in drafts:
        draft.time = choose_time(draft.trigger.head, article.times, heads - {draft.trigger.head.i})
    return drafts


def _current(extractor: EventExtractor, drafts: Drafts, article: ArticleDrafts) -> Drafts:
    latest = latest_day(mention for _, mention in article.times)
    return [draft for draft in drafts if not is_background(draft, latest, extractor.cues)]


def _unrepeated(_: EventExtractor, drafts: Drafts, __: ArticleDrafts) -> Drafts:
    return without_repeats(drafts)


def _in_conflict(extractor: EventExtractor, drafts: Drafts, article: ArticleDrafts) -> Drafts:
    cues, generic = extractor.cues, extractor.generic_names
    if not cues.has_words or has_conflict_context(article.context.doc, article.entities, generic, cues):
        return drafts
    return [draft for draft in drafts if not needs_conflict_context(draft, cues, generic)]


def _of_the_conflict(extractor: EventExtractor, drafts: Drafts, article: ArticleDrafts) -> Drafts:
    sentences = article.context.sentences
    return [draft for draft in drafts
            if not died_of_other_cause(draft, sentences, extractor.cues) and not names_the_war(draft)]


def _held_by_someone(extractor: EventExtractor, drafts: Drafts, _: ArticleDrafts) -> Drafts:
    return [d for d in drafts if d.actor1 is not None or d.sub_type != extractor.states.sub_type]


# The article passes, in the order they run; each reads what the ones before it settled.
ARTICLE_PASSES: tuple[ArticlePass, ...] = (
    ArticlePass("anaphora", '"the city" takes the place it stands for', _in_place(resolve_anaphora)),
    ArticlePass("actors", '"the insurgents" take the group they stand for', _in_place(bind_actors)),
    ArticlePass("modality", "an actor's own report is a claim, its plan a threat",
                _in_place(adjust_modality)),
    ArticlePass("complete", "drafts missing a required role, running tolls: dropped", _complete),
    ArticlePass("variants", "the ontology's variants (a state regains ground, a handover)", _variants),
    ArticlePass("means", "a strike by jets, guns, missiles or ships is coded by its means, whatever the verb",
                _by_means),
    ArticlePass("parts", "a takeover's own fighting, nouns that name things: dropped", _whole_events),
    ArticlePass("territory", "a place handed over is a handover in all its mentions",
                _each_draft(consolidate_territory)),
    ArticlePass("casualties", "a bare toll takes the kind of the attack before it",
                _each_draft(inherit_casualty_type)),
    ArticlePass("time", "each draft's date from its own clause", _dated),
    ArticlePass("attacks", "a generic attack at the place and day of a strike the article tells: that strike",
                _each_draft(specify_attacks)),
    ArticlePass("background", "events long before the article's latest date: dropped", _current),
    ArticlePass("reference", "an unknown place measured from a known town: near that town",
                _in_place(place_by_reference)),
    ArticlePass("setting", "an event its sentence does not place: the place of the story it continues",
                _with_context(inherit_setting)),
    ArticlePass("repeats", "the same event told twice in the article: once", _unrepeated),
    ArticlePass("conflict", "no conflict context: only an armed side or ground taken", _in_conflict),
    ArticlePass("causes", "deaths of other causes and the war's own name: dropped", _of_the_conflict),
    ArticlePass("holders", "control statements with no holder: dropped", _held_by_someone),
)


def _fighting(draft: Draft) -> bool:
    """A fight or killing that is no change of control (ground fighting, not a strike from afar)."""
    kinds = ("Battles", "Violence against civilians")
    return draft.sub_type.event_type in kinds and not draft.sub_type.territory


def _actor(trigger: Trigger, role: str, entities: EntityIndex) -> tuple[Token | None, EntityMention | None]:
    """The first argument token at the role's sources, and the actor found in it."""
    first = None
    for source in trigger.pattern.sources(role):
        for token in argument_tokens(trigger, source):
            first = first or token
            found = entities.actor_in(token)
            if found is not None:
                return token, found
    return first, None


def _location_argument(trigger: Trigger, places: PlaceIndex) -> tuple[PlaceArgument, str] | None:
    """The first location source that names places, stands for one, or counts them.

    When the parser lost a territory verb's object ("captured" read as an adjective), the places
    written right after the verb stand in for it.
    """
    territory = "place_object" in trigger.pattern.requires
    sources = trigger.pattern.sources("location")
    for source in sources:
        for token in argument_tokens(trigger, source):
            extensions = list_extensions(trigger.head, token) if source in ARGUMENT_SOURCES else []
            argument = place_argument(
                token,
                places,
                synthetic=territory,
                extensions=extensions,
                single=in_relative_clause_of(trigger.head, token),
                lenient=territory and not trigger.pattern.weak,
            )
            if argument.items or argument.anaphoric or (argument.place_like and territory):
                return argument, source
    if territory and "object" in sources and _lost_object(trigger):
        items = surface_list(trigger.span.end, places, synthetic=True)
        if items:
            return PlaceArgument(trigger.head, items, place_like=True), "object"
    return None


def _names_people(item: PlaceItem) -> bool:
    """A synthetic name (no place mention) that spaCy reads as a person or group, after a title or
    as the object of an event noun ("the fall of Assad", "President Bashar"): no place."""
    span = item.span
    if item.mention is not None or span[-1].ent_type_ not in PEOPLE_ENTITIES:
        return False
    titled = len(span) > 1 and span[0].ent_type_ not in PEOPLE_ENTITIES
    return titled or span.root.head.lower_ == "of" or span.root.dep_ == "poss"


def _lost_object(trigger: Trigger) -> bool:
    head = trigger.head
    return head.pos_ == "VERB" and not any(c.dep_ in ("dobj", "nsubjpass", "attr") for c in head.children)


def _fallback_location(trigger: Trigger, places: PlaceIndex) -> PlaceItem | None:
    """The place the sentence's wording gives the event when no argument names one: a mention of the
    place extractor, or a name no gazetteer knows written as a place ("in the village of X")."""
    candidates = places.in_sentence(trigger.head.sent)
    chosen = choose_event_location(
        trigger.head.doc, trigger.head, [span for span, _ in candidates], unresolved=places.synthetic
    )
    if chosen is None:
        return _near_reference(trigger, candidates)
    found = next((PlaceItem(span, mention) for span, mention in candidates if span == chosen), None)
    return found or PlaceItem(chosen, None)


def _near_reference(trigger: Trigger, candidates: Sequence[tuple[Span, PlaceMention]]) -> PlaceItem | None:
    """ "pulled out of villages 10 km south of X", no other place: the event is near X, coded as ACLED
    codes it (X, geo-precision 2), not at X itself and not nowhere."""
    head = trigger.head
    near = [
        (span, mention)
        for span, mention in candidates
        if mention.entry is not None
        and is_reference_point(span)
        and head.left_edge.i <= span.start
        and span.end - 1 <= head.right_edge.i
    ]
    if not near:
        return None
    span, mention = near[0]
    return PlaceItem(span, replace(mention, geo_precision=NEARBY))


def _with_location(base: Draft, item: PlaceItem) -> Draft:
    """`base` located at `item`, as an argument of the trigger (anaphor, time and swap start over)."""
    return replace(
        base, location=item, location_how="argument", place_like=True, anaphor=None, time=None,
        swapped=False,
    )


def _fatalities(trigger: Trigger) -> int | None:
    heads = [trigger.head] if trigger.is_killing else []
    heads += [t for t in trigger.casualties if t.lemma_.lower() in KILLING_LEMMAS or _shot_dead(t)]
    return count_fatalities(heads) if heads else None


def _shot_dead(token: Token) -> bool:
    return any(child.lower_ == "dead" for child in token.children)


def _time_spans(doc: Doc, times: Sequence[TimeMention]) -> list[tuple[Span, TimeMention]]:
    found = []
    for mention in times:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and len(span):
            found.append((span, mention))
    return found
