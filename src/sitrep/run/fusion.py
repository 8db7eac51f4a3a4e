"""Fuse newly extracted articles into stories, events, claim and quote groups, and control periods.

Order of the stages, each incremental (`run.stages`): stories first (an article's story gives its
events a context and an undated article the day of its story), then events, claims and quotes of
every article whose story was recomputed, then the control periods of every place whose events
changed. Everything happens in one transaction: a failed batch leaves the earlier state intact.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import astuple, dataclass, replace
from datetime import date
from typing import TypeVar

from sitrep.codec import to_jsonable
from sitrep.fuse import claims as claim_stage
from sitrep.fuse import events as event_stage
from sitrep.fuse import quotes as quote_stage
from sitrep.fuse import stories as story_stage
from sitrep.fuse.actors import bind_actors
from sitrep.fuse.control import control_place
from sitrep.fuse.corrections import corrected_cluster, unreliable_articles
from sitrep.fuse.features import describe_article
from sitrep.records import (
    Article,
    ArticleFeatures,
    Claim,
    ClaimGroup,
    ClaimValue,
    CodedEvent,
    Event,
    Extraction,
    Quote,
    QuoteGroup,
    QuoteSource,
    Story,
)
from sitrep.run.control_update import PlaceFacts, SeatTest, default_place_facts, presume_seats, update_control
from sitrep.run.stages import Stage, update_stage
from sitrep.store.base import EventQuery, FusedRow, FusionSession, Store
from sitrep.store.fused_read import articles_by_id

# Claims and quotes are compared within one ISO week (see `week_of`).
WEEK_DAYS = 7
# Articles fused per transaction by `fuse_pending`.
FUSE_BATCH = 200
# A story key (a name, place, date or rare word, within its week) held by more articles than this
# is crowded and not blocked on (`run.stages`): on a busy day thousands of reports share the day's
# date or a war's common words, and each added article would be compared with all of them.
STORY_KEY_CROWD = 100

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class FusionSummary:
    """What one fusion run changed."""

    articles: int = 0
    stories: int = 0
    events: int = 0
    claim_groups: int = 0
    quote_groups: int = 0
    places: int = 0

    def __add__(self, other: FusionSummary) -> FusionSummary:
        return FusionSummary(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article with what extraction found in it: what fusion reads of the store."""

    article: Article
    extraction: Extraction | None
    events: tuple[CodedEvent, ...]


def fuse_pending(store: Store, *, seat: SeatTest | PlaceFacts | None = None,
                 on_batch: Callable[[FusionSummary], None] | None = None) -> FusionSummary:
    """Fuse every extracted article that fusion has not seen, batch by batch."""
    total = FusionSummary()
    pending = store.unfused_article_ids()
    if pending and seat is None:
        seat = default_seat_test()  # opened once for every batch
    for begin in range(0, len(pending), FUSE_BATCH):
        total += fuse_articles(store, pending[begin:begin + FUSE_BATCH], seat=seat)
        if on_batch is not None:
            on_batch(total)
    return total


def fuse_articles(store: Store, article_ids: Sequence[str], *,
                  seat: SeatTest | PlaceFacts | None = None) -> FusionSummary:
    """Fuse these (new or re-extracted) articles with what is stored, in one transaction."""
    ids = sorted(set(article_ids))
    if not ids:
        return FusionSummary()
    inputs = _load_inputs(store, ids)
    with store.fusion() as session:
        features = [describe_article(item.article, item.extraction) for item in inputs.values()]
        stories = update_stage(session, STORIES, ids, features)
        # Events, claims and quotes only of articles whose story (members, day, copy) may have changed.
        touched = sorted(stories.changed_article_ids | set(ids))
        inputs.update(_load_inputs(store, [id_ for id_ in touched if id_ not in inputs]))
        context = _story_context(session, touched)
        corrections = store.list_corrections()  # the analyst's, applied as constraints (fuse.corrections)
        unreliable = unreliable_articles(corrections)
        evidences = _unique(EVENTS, [item for item in _evidences(inputs, touched, context)
                                     if item.mention.article_id not in unreliable])
        corrected = replace(EVENTS, cluster=corrected_cluster(EVENTS.cluster, corrections))
        events = update_stage(session, corrected, touched, evidences)
        claim_items = _unique(CLAIMS, _claim_items(inputs, touched, context))
        claims = update_stage(session, CLAIMS, touched, claim_items)
        quote_items = _unique(QUOTES, _quote_items(inputs, touched, context))
        quotes = update_stage(session, QUOTES, touched, quote_items)
        places = {row.place_id for row in events.replaced if row.place_id is not None}
        places |= {place for place in map(control_place, events.records) if place is not None}
        if places:
            facts = replace(_facts(seat), corrections=tuple(corrections))
            presume_seats(session, update_control(session, places, facts), facts)
    return FusionSummary(articles=len(ids), stories=len(stories.records), events=len(events.records),
                         claim_groups=len(claims.records), quote_groups=len(quotes.records),
                         places=len(places))


def _unique(stage: Stage[T, R], items: Sequence[T]) -> list[T]:
    """`items` without repeats of an id (an extractor may report one mention twice)."""
    return list({stage.item_id(item): item for item in reversed(items)}.values())[::-1]


def default_seat_test() -> SeatTest | PlaceFacts:
    """Seats, entries and the baseline from the default gazetteer and settings (opened once a run)."""
    return default_place_facts()


def _facts(seat: SeatTest | PlaceFacts | None) -> PlaceFacts:
    """The place facts of a run: given, made from a bare seat test, or the defaults."""
    chosen = seat if seat is not None else default_seat_test()
    return chosen if isinstance(chosen, PlaceFacts) else PlaceFacts(seat=chosen)


def _load_inputs(store: Store, ids: Iterable[str]) -> dict[str, ArticleInput]:
    wanted = list(ids)
    articles = articles_by_id(store, wanted)
    loaded: dict[str, ArticleInput] = {}
    for article_id in wanted:
        # An id with no article: get_article says so (NotFoundError), as before the batched read.
        article = articles.get(article_id) or store.get_article(article_id)
        coded = store.list_events(EventQuery(article_id=article_id, modalities=(), limit=None))
        loaded[article_id] = ArticleInput(article, store.get_extraction(article_id),
                                          tuple(sorted(coded, key=_mention_order)))
    return loaded


@dataclass(frozen=True, slots=True)
class _Context:
    story_id: str | None
    day: date | None
    copy_of: str


def _story_context(session: FusionSession, article_ids: Sequence[str]) -> dict[str, _Context]:
    """Each article's story, its day (the story's first day when the article has none) and copy."""
    items = session.items_of_articles(STORIES.kind, article_ids)
    stories = {item.record_id for item in items}
    reached = session.items_in_groups(STORIES.kind, sorted({item.group_id for item in items}))
    groups = [item for item in reached if item.record_id in stories]  # their stories, not whole groups
    features = {item.item_id: decode_features(item.data) for item in groups}
    story_of = {item.item_id: item.record_id for item in groups}
    members: dict[str, list[ArticleFeatures]] = {}
    for article_id, story_id in sorted(story_of.items()):
        members.setdefault(story_id, []).append(features[article_id])
    context: dict[str, _Context] = {}
    for story_id, group in members.items():
        days = sorted(day for day in (member.published_on for member in group) if day is not None)
        for member in group:
            copy = _original_of(member, group)
            context[member.article_id] = _Context(story_id or None, member.published_on or
                                                  (days[0] if days else None), copy)
    return context


def decode_features(data: str) -> ArticleFeatures:
    """Stored article features read back: what `codec.from_jsonable` gives, without its type walk."""
    value = json.loads(data)
    day = value["published_on"]
    return ArticleFeatures(article_id=value["article_id"], source=value["source"],
                           published_on=date.fromisoformat(day) if day is not None else None,
                           title=value["title"],
                           terms=tuple((term, weight) for term, weight in value["terms"]),
                           keys=tuple(value["keys"]), component=value["component"])


def _original_of(member: ArticleFeatures, group: Sequence[ArticleFeatures]) -> str:
    """The earliest article of the story whose text `member` copies (itself when none)."""
    copies = [other for other in group if other is member or story_stage.is_copy(other, member)]
    return min(copies, key=_article_order).article_id


def _article_order(features: ArticleFeatures) -> tuple[date, str]:
    return features.published_on or date.max, features.article_id


def _mention_order(mention: CodedEvent) -> tuple[int, int, str, str]:
    return mention.trigger_start, mention.trigger_end, mention.sub_event_type, mention.location or ""


def _where(inputs: dict[str, ArticleInput], article_id: str, context: dict[str, _Context]) -> _Context:
    """The article's story context (its own day, no story, its own copy when it has none)."""
    return context.get(article_id, _Context(None, inputs[article_id].article.published_on, article_id))


def _evidences(inputs: dict[str, ArticleInput], ids: Sequence[str],
               context: dict[str, _Context]) -> list[event_stage.EventEvidence]:
    """Each article's event mentions, with generic actors bound to the groups its text names."""
    found = []
    for article_id in ids:
        where = _where(inputs, article_id, context)
        extraction = inputs[article_id].extraction
        for mention in bind_actors(inputs[article_id].events, extraction.entities if extraction else ()):
            found.append(event_stage.EventEvidence(mention=mention, published_on=where.day,
                                                   story_id=where.story_id, copy_of=where.copy_of))
    return found


def _claim_items(inputs: dict[str, ArticleInput], ids: Sequence[str],
                 context: dict[str, _Context]) -> list[claim_stage.ClaimEvidence]:
    return [claim_stage.ClaimEvidence(claim=claim, source=source, published_on=day)
            for article_id, source, day, extraction in _extractions(inputs, ids, context)
            for claim in extraction.claims if claim_stage.claim_key(claim) is not None]


def _quote_items(inputs: dict[str, ArticleInput], ids: Sequence[str],
                 context: dict[str, _Context]) -> list[quote_stage.QuoteEvidence]:
    return [quote_stage.QuoteEvidence(quote=quote, source=source, published_on=day)
            for article_id, source, day, extraction in _extractions(inputs, ids, context)
            for quote in extraction.quotes]


def _extractions(inputs: dict[str, ArticleInput], ids: Sequence[str], context: dict[str, _Context]
                 ) -> Iterable[tuple[str, str | None, date | None, Extraction]]:
    """(article id, outlet, day in its story, extraction) of each extracted article of `ids`."""
    for article_id in ids:
        extraction = inputs[article_id].extraction
        if extraction is not None:
            yield (article_id, inputs[article_id].article.source, _where(inputs, article_id, context).day,
                   extraction)


# --- The four stages: how each kind of item is identified, dated, keyed, linked and clustered.


def _json(record: object) -> str:
    return json.dumps(to_jsonable(record), ensure_ascii=False)


def _story_row(story: Story, group_id: str) -> FusedRow:
    return FusedRow(kind="story", record_id=story.story_id, group_id=group_id, data=_json(story),
                    first_day=story.first_day, last_day=story.last_day, label=story.title,
                    weight=len(story.article_ids))


def _event_row(event: Event, group_id: str) -> FusedRow:
    return FusedRow(kind="event", record_id=event.event_id, group_id=group_id, data=_json(event),
                    first_day=event.event_date, last_day=event.event_date, country=event.country,
                    country_code=event.country_code,
                    label=event.sub_event_type, place_id=control_place(event),
                    weight=event.independent_sources, admin1=event.admin1, category=event.event_type,
                    place=event.location, latitude=event.latitude, longitude=event.longitude,
                    actors=tuple(actor for actor in (event.actor1, event.actor2) if actor),
                    modality=event.modality.value, rejected=event.rejected)


def _claim_row(group: ClaimGroup, group_id: str) -> FusedRow:
    return FusedRow(kind="claim", record_id=group.group_id, group_id=group_id, data=_json(group),
                    first_day=group.first_day, last_day=group.last_day, label=group.verdict.value,
                    weight=len({value.source or value.article_id for value in group.values}))


def _quote_row(group: QuoteGroup, group_id: str) -> FusedRow:
    days = sorted(day for day in (member.published_on for member in group.members) if day)
    return FusedRow(kind="quote", record_id=group.group_id, group_id=group_id, data=_json(group),
                    first_day=days[0] if days else None, last_day=days[-1] if days else None,
                    label=group.speaker, weight=len({m.source or m.article_id for m in group.members}))


def _event_item_id(evidence: event_stage.EventEvidence) -> str:
    mention = evidence.mention
    what = f"{mention.sub_event_type}|{mention.geonameid or mention.location or ''}"
    digest = hashlib.sha1(what.encode("utf-8")).hexdigest()[:10]
    return f"{mention.article_id}:{mention.trigger_start}:{mention.trigger_end}:{digest}"


def _event_members(event: Event, component: Sequence[tuple[str, event_stage.EventEvidence]]) -> list[str]:
    wanted = Counter(event.mentions)
    found = []
    for item_id, evidence in component:
        if wanted[evidence.mention] > 0:
            wanted[evidence.mention] -= 1
            found.append(item_id)
    return found


def _claim_item_id(item: claim_stage.ClaimEvidence) -> str:
    return _span_id(item.claim)


def _claim_members(group: ClaimGroup,
                   component: Sequence[tuple[str, claim_stage.ClaimEvidence]]) -> list[str]:
    return _spans_in(group.values, [(item_id, item.claim) for item_id, item in component])


def _quote_item_id(item: quote_stage.QuoteEvidence) -> str:
    return _span_id(item.quote)


def _span_id(span: Claim | Quote) -> str:
    return f"{span.article_id}:{span.start}:{span.end}"


def _quote_members(group: QuoteGroup,
                   component: Sequence[tuple[str, quote_stage.QuoteEvidence]]) -> list[str]:
    return _spans_in(group.members, [(item_id, item.quote) for item_id, item in component])


def _spans_in(members: Iterable[ClaimValue | QuoteSource],
              component: Sequence[tuple[str, Claim | Quote]]) -> list[str]:
    """Ids of the component's items whose (article, start, end) is one of the group's members."""
    wanted = {(member.article_id, member.start, member.end) for member in members}
    return [item_id for item_id, span in component if (span.article_id, span.start, span.end) in wanted]


def week_of(day: date | None) -> str:
    """The ISO week a claim or quote is compared within ("undated" when the day is unknown).

    A daily tally or a speaker's stock phrase would chain one group over a whole war if items a few
    days apart were linked; comparing within a calendar week keeps each group bounded (a figure
    repeated across a week's boundary starts a new group).
    """
    if day is None:
        return "undated"
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _claim_key(item: claim_stage.ClaimEvidence) -> tuple[str, ...]:
    return (f"{claim_stage.claim_key(item.claim) or ''}|{week_of(item.published_on)}",)


def _quote_key(item: quote_stage.QuoteEvidence) -> tuple[str, ...]:
    return (f"{quote_stage.quote_key(item.quote)}|{week_of(item.published_on)}",)


def _same_claim(a: claim_stage.ClaimEvidence, b: claim_stage.ClaimEvidence) -> bool:
    return _claim_key(a) == _claim_key(b)


def _same_speaker(a: quote_stage.QuoteEvidence, b: quote_stage.QuoteEvidence) -> bool:
    return _quote_key(a) == _quote_key(b)


def _story_keys(item: ArticleFeatures) -> tuple[str, ...]:
    """The article's blocking keys, each within its ISO week (undated articles: without a week).

    Linked pairs chain: in a feed of hundreds of reports a day, look-alike reports of one war
    would join one ever-growing connected group. Linking dated articles only within one calendar
    week bounds every group (a story that runs across a week's boundary is split there); an
    undated article may join a story of any week.
    """
    if item.published_on is None:
        return item.keys
    week = week_of(item.published_on)
    return tuple(f"{key}|{week}" for key in item.keys) + item.keys


def _linked_stories(a: ArticleFeatures, b: ArticleFeatures) -> bool:
    same_week = a.published_on is None or b.published_on is None or (
        week_of(a.published_on) == week_of(b.published_on))
    return same_week and story_stage.are_linked(a, b)


def _story_members(story: Story, component: Sequence[tuple[str, ArticleFeatures]]) -> list[str]:
    return list(story.article_ids)


STORIES: Stage[ArticleFeatures, Story] = Stage(
    kind="article", item_type=ArticleFeatures, item_id=lambda item: item.article_id,
    article_id=lambda item: item.article_id, day=lambda item: item.published_on,
    keys=_story_keys, linked=_linked_stories, cluster=story_stage.cluster_stories,
    record_id=lambda story: story.story_id, members=_story_members, describe=_story_row,
    window_days=story_stage.WINDOW_DAYS, record_kind="story", crowd_limit=STORY_KEY_CROWD,
    decode=decode_features,
)

EVENTS: Stage[event_stage.EventEvidence, Event] = Stage(
    kind="event", item_type=event_stage.EventEvidence, item_id=_event_item_id,
    article_id=lambda item: item.mention.article_id,
    day=lambda item: item.mention.event_date or item.published_on,
    keys=event_stage.evidence_keys, linked=event_stage.are_linked, cluster=event_stage.fuse_events,
    record_id=lambda event: event.event_id, members=_event_members, describe=_event_row,
    window_days=event_stage.WINDOW_DAYS,
)

CLAIMS: Stage[claim_stage.ClaimEvidence, ClaimGroup] = Stage(
    kind="claim", item_type=claim_stage.ClaimEvidence, item_id=_claim_item_id,
    article_id=lambda item: item.claim.article_id, day=lambda item: item.published_on,
    keys=_claim_key, linked=_same_claim,
    cluster=claim_stage.group_claims, record_id=lambda group: group.group_id, members=_claim_members,
    describe=_claim_row, window_days=WEEK_DAYS, linked_by_key=True,
)

QUOTES: Stage[quote_stage.QuoteEvidence, QuoteGroup] = Stage(
    kind="quote", item_type=quote_stage.QuoteEvidence, item_id=_quote_item_id,
    article_id=lambda item: item.quote.article_id, day=lambda item: item.published_on,
    keys=_quote_key, linked=_same_speaker,
    cluster=quote_stage.group_quotes, record_id=lambda group: group.group_id, members=_quote_members,
    describe=_quote_row, window_days=WEEK_DAYS, linked_by_key=True,
)

__all__ = ["FusionSummary", "fuse_articles", "fuse_pending"]
