"""The analyst's desk: store a correction, re-fuse what it touches, undo it, and rank what needs a human.

Every correction is stored first (`Store.save_correction`), then the articles it bears on are fused
again so the fused rows carry it at once; fusion applies every correction in force on each run
(`fuse.corrections`), so it survives `sitrep fuse --all` and `sitrep reextract --all`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from sitrep.codec import from_jsonable
from sitrep.errors import ConfigError, NotFoundError
from sitrep.fuse.corrections import machine_value, mention_keys
from sitrep.records import (
    ControlBasis,
    ControlPeriod,
    Correction,
    CorrectionField,
    Event,
    GeoEntry,
)
from sitrep.run.control_update import PlaceFacts, default_place_facts, presume_seats, update_control
from sitrep.run.fusion import fuse_articles
from sitrep.store.base import FACTUAL_MODALITIES, FusedQuery, Store

# Fields `review set` takes (FIELD=VALUE), by the name the analyst writes.
SETTABLE = {"date": CorrectionField.EVENT_DATE, "event_date": CorrectionField.EVENT_DATE,
            "place": CorrectionField.PLACE, "actor1": CorrectionField.ACTOR1,
            "actor2": CorrectionField.ACTOR2,
            "sub_event_type": CorrectionField.SUB_EVENT_TYPE, "type": CorrectionField.SUB_EVENT_TYPE}
# Below this confidence an event is worth a look.
LOW_CONFIDENCE = 0.5
# Scores of the queue's reasons: a single-source change of hands moves the map most.
SCORE_SINGLE_SOURCE = 3.0
SCORE_CONTRADICTED = 2.5
SCORE_DISAGREEMENT = 2.0
SCORE_LOW_CONFIDENCE = 1.0
QUEUE_LIMIT = 50
Lookup = Callable[[int], GeoEntry | None]


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One thing the queue asks a human to look at, and why; higher `score` first."""

    kind: str  # "event" or "place"
    target: str
    title: str
    reason: str
    score: float
    day: date | None
    url: str


def _now() -> datetime:
    return datetime.now(UTC)


def _need(reason: str) -> str:
    if not reason.strip():
        raise ConfigError("a correction needs a reason", fix="say why, e.g. --reason 'AFP gives 12 August'")
    return reason.strip()


def _author(author: str) -> str:
    if not author.strip():
        raise ConfigError("a correction needs an author", fix="give --author NAME")
    return author.strip()[:200]


def event_of(store: Store, event_id: str) -> Event:
    """The fused event with this id (or an earlier id of it)."""
    return from_jsonable(Event, json.loads(store.get_fused("event", event_id).data))


def correct_event(store: Store, event_id: str, field: str, value: str, *, author: str, reason: str,
                  lookup: Lookup | None = None, facts: PlaceFacts | None = None) -> Correction:
    """Set one field of an event (date, place, actor1, actor2, sub_event_type), then re-fuse it."""
    wanted = SETTABLE.get(field.strip().lower())
    if wanted is None:
        raise ConfigError(f"cannot correct the field {field!r}",
                          fix=f"use one of: {', '.join(sorted(SETTABLE))}")
    event = event_of(store, event_id)
    correction = _event_correction(event, wanted, value.strip(), author=author, reason=reason, lookup=lookup)
    return _store_and_refuse(store, correction, event.article_ids, facts)


def reject_event(store: Store, event_id: str, *, author: str, reason: str,
                 facts: PlaceFacts | None = None) -> Correction:
    """Reject an event: it is kept, marked, and left out of control, lists and the map."""
    event = event_of(store, event_id)
    correction = _base(event.event_id, CorrectionField.REJECTED, "rejected", author=author, reason=reason,
                       machine="kept", anchors=mention_keys(event))
    return _store_and_refuse(store, correction, event.article_ids, facts)


def _event_correction(event: Event, field: CorrectionField, value: str, *, author: str, reason: str,
                      lookup: Lookup | None) -> Correction:
    base = _base(event.event_id, field, value, author=author, reason=reason,
                 machine=machine_value(event, field), anchors=mention_keys(event))
    if field == CorrectionField.EVENT_DATE:
        return replace(base, value=parse_day(value).isoformat())
    if field == CorrectionField.PLACE:
        entry = place_entry(value, lookup)
        return replace(base, value=str(entry.geonameid), place=entry)
    if field == CorrectionField.SUB_EVENT_TYPE:
        return replace(base, value_type=_event_type(value))
    return replace(base, value_type=_actor_type(value) if value else None)


def _base(target: str, field: CorrectionField, value: str, *, author: str, reason: str,
          machine: str | None, anchors: tuple[str, ...] = ()) -> Correction:
    return Correction(correction_id=0, target=target, field=field, value=value, machine_value=machine,
                      author=_author(author), reason=_need(reason), created_at=_now(), anchors=anchors)


def parse_day(value: str) -> date:
    """A day written YYYY-MM-DD; `ConfigError` otherwise."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(f"{value!r} is not a day", fix="write it as YYYY-MM-DD, e.g. 2021-08-12") from None


def place_entry(value: str | int, lookup: Lookup | None = None) -> GeoEntry:
    """The gazetteer entry of a geonameid; `NotFoundError` when the gazetteer has none."""
    text = str(value).strip()
    if not text.isdigit():
        raise ConfigError(f"{text!r} is not a gazetteer place id",
                          fix="find the place's geonameid with `sitrep gazetteer search NAME`")
    entry = (lookup or _gazetteer_lookup())(int(text))
    if entry is None:
        raise NotFoundError(f"no place {text} in the gazetteer",
                            fix="find the place's geonameid with `sitrep gazetteer search NAME`")
    return entry


def _gazetteer_lookup() -> Lookup:
    from sitrep.geo.gazetteer import Gazetteer

    return Gazetteer.open().get


def _event_type(sub_event_type: str) -> str:
    from sitrep.extract.ontology import load_ontology

    ontology = load_ontology()
    try:
        return ontology.sub_event_type(sub_event_type).event_type
    except KeyError:
        names = ", ".join(sorted(sub.name for sub in ontology.sub_event_types))
        raise ConfigError(f"no sub-event type {sub_event_type!r}", fix=f"use one of: {names}") from None


def _actor_type(name: str) -> str | None:
    from sitrep.extract.actors import load_actors

    found = [actor.actor_type for actor in load_actors() if actor.name.casefold() == name.casefold()]
    return found[0] if found else None


def set_control(store: Store, place: str | int, *, actor: str, start: date, end: date | None = None,
                author: str, reason: str, lookup: Lookup | None = None,
                facts: PlaceFacts | None = None) -> Correction:
    """Hold a place by `actor` ("" for unknown) from `start` until `end` (None: still), over the machine."""
    if end is not None and end <= start:
        raise ConfigError(f"the period ends ({end}) before it starts ({start})", fix="give --to after --from")
    entry = place_entry(place, lookup)
    correction = replace(_base(str(entry.geonameid), CorrectionField.CONTROL, actor.strip(), author=author,
                               reason=reason, machine=None), start=start, end=end, place=entry)
    saved = store.save_correction(correction)
    refresh_place(store, entry, facts)
    return saved


def mark_unreliable(store: Store, article_id: str, *, author: str, reason: str,
                    facts: PlaceFacts | None = None) -> Correction:
    """Leave an article's event mentions out of fusion, then re-fuse it."""
    article = store.get_article(article_id)
    correction = _base(article.id, CorrectionField.UNRELIABLE, "unreliable", author=author,
                       reason=reason or "marked unreliable", machine="reliable")
    return _store_and_refuse(store, correction, [article.id], facts)


def undo(store: Store, correction_id: int, *, by: str, facts: PlaceFacts | None = None) -> Correction:
    """Mark a correction undone and re-fuse what it touched, so the machine's value is back."""
    undone = store.undo_correction(correction_id, by=_author(by))
    if undone.field == CorrectionField.CONTROL:
        if undone.place is not None:
            refresh_place(store, undone.place, facts)
        return undone
    if undone.field == CorrectionField.UNRELIABLE:
        fuse_articles(store, [undone.target], seat=_facts_of(store, facts))
        return undone
    articles = sorted({anchor.split(":", 1)[0] for anchor in undone.anchors})
    fuse_articles(store, articles, seat=_facts_of(store, facts))
    return undone


def _store_and_refuse(store: Store, correction: Correction, article_ids: Sequence[str],
                      facts: PlaceFacts | None) -> Correction:
    saved = store.save_correction(correction)
    fuse_articles(store, article_ids, seat=_facts_of(store, facts))
    return saved


def _facts_of(store: Store, facts: PlaceFacts | None) -> PlaceFacts:
    return facts if facts is not None else default_place_facts()


def refresh_place(store: Store, entry: GeoEntry, facts: PlaceFacts | None) -> None:
    """Rewrite one place's periods (and its country's presumed seats) with the corrections in force."""
    chosen = replace(_facts_of(store, facts), corrections=tuple(store.list_corrections()))
    with store.fusion() as session:
        update_control(session, [entry.geonameid], chosen)
        presume_seats(session, {entry.country_code}, chosen)


def review_queue(store: Store, *, country: str | None = None, limit: int = QUEUE_LIMIT) -> list[ReviewItem]:
    """What most needs a human, best first: single-source changes of hands, presumed states a report
    contradicts, events whose sources disagree, events of low confidence (corrected ones left out)."""
    query = FusedQuery("event", country=country, limit=None, undated=False,
                       modalities=tuple(FACTUAL_MODALITIES))
    events = [from_jsonable(Event, json.loads(row.data)) for row in store.list_fused(query)]
    rows = store.list_control(country=country)
    periods = [from_jsonable(ControlPeriod, json.loads(row.data)) for row in rows]
    items = [*_period_items(periods, events), *_event_items(events)]
    items.sort(key=lambda item: (-item.score, item.day or date.min, item.target), reverse=False)
    return items[:limit]


def _period_items(periods: Sequence[ControlPeriod], events: Sequence[Event]) -> list[ReviewItem]:
    found = []
    for period in periods:
        url = f"/places/{period.geonameid}"
        if period.basis == ControlBasis.EVIDENCED and not period.corroborated and period.actor:
            title = f"{period.place}: {period.actor}"
            found.append(ReviewItem("place", str(period.geonameid), title,
                                    "a change of hands reported by one source only", SCORE_SINGLE_SOURCE,
                                    period.start, url))
        elif period.basis in (ControlBasis.PRESUMED, ControlBasis.BASELINE):
            against = _contradicting(period, events)
            if against:
                found.append(ReviewItem("place", str(period.geonameid), f"{period.place}: {period.actor}",
                                        f"presumed held by {period.actor}, but {against} reported there",
                                        SCORE_CONTRADICTED,
                                        period.start if period.start != date.min else None, url))
    return found


def _contradicting(period: ControlPeriod, events: Sequence[Event]) -> str | None:
    """An event at the place during a presumed period whose actors leave out the presumed holder."""
    for event in events:
        if event.geonameid != period.geonameid or event.event_date is None or event.rejected:
            continue
        inside = period.start <= event.event_date and (period.end is None or event.event_date < period.end)
        actors = {event.actor1, event.actor2} - {None}
        if inside and actors and period.actor not in actors:
            return f"{event.sub_event_type.lower()} by {event.actor1 or 'unknown'} on {event.event_date}"
    return None


def _event_items(events: Sequence[Event]) -> list[ReviewItem]:
    found = []
    for event in events:
        if event.corrected:
            continue
        title = f"{event.sub_event_type} at {event.location or 'unknown place'}"
        url = f"/events/{event.event_id}"
        if event.disagreements:
            fields = ", ".join(item.field for item in event.disagreements)
            found.append(ReviewItem("event", event.event_id, title, f"sources disagree on {fields}",
                                    SCORE_DISAGREEMENT + 0.1 * len(event.disagreements),
                                    event.event_date, url))
        elif event.confidence < LOW_CONFIDENCE:
            found.append(ReviewItem("event", event.event_id, title,
                                    f"low confidence ({event.confidence:.2f})",
                                    SCORE_LOW_CONFIDENCE + LOW_CONFIDENCE - event.confidence,
                                    event.event_date, url))
    return found
