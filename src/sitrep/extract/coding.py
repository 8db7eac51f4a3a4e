"""Event mentions to coded events: ACLED's fields, dates and places filled from the mention's roles."""

from __future__ import annotations

from datetime import date

from sitrep.records import Article, CodedEvent, EventMention, Extraction, TimePrecision

# ACLED time_precision: 1 the day is known, 2 within a week, 3 within a month (its coarsest code,
# also given to an event the text dates only by a year before the publication: "retook it in 2016").
TIME_PRECISION_CODES = {TimePrecision.DAY: 1, TimePrecision.WEEK: 2, TimePrecision.MONTH: 3,
                        TimePrecision.YEAR: 3}
FALLBACK_TIME_PRECISION = 2
MONTH_TIME_PRECISION = 3
NOTES_LIMIT = 500


def code_events(extraction: Extraction, article: Article) -> tuple[CodedEvent, ...]:
    """Every event mention of `extraction` as a coded event of `article`."""
    return tuple(code_event(event, article) for event in extraction.events)


def code_event(event: EventMention, article: Article) -> CodedEvent:
    """One event mention with its date, actors and place resolved to ACLED-style fields."""
    event_date, precision = event_day(event, article)
    entry = event.location.entry if event.location is not None else None
    start, end = _evidence_span(event, article)
    return CodedEvent(
        article_id=event.article_id, trigger_start=event.start, trigger_end=event.end,
        trigger=event.text, component=event.component, event_type=event.event_type,
        sub_event_type=event.sub_event_type, modality=event.modality, confidence=event.confidence,
        event_date=event_date, time_precision=precision,
        actor1=_actor_name(event.actor1), actor1_type=event.actor1.actor_type if event.actor1 else None,
        actor2=_actor_name(event.actor2), actor2_type=event.actor2.actor_type if event.actor2 else None,
        country=entry.country if entry else None, country_code=entry.country_code if entry else None,
        admin1=entry.admin1 or None if entry else None,
        location=entry.name if entry else (event.location.text if event.location else None),
        geonameid=entry.geonameid if entry else None,
        latitude=entry.latitude if entry else None, longitude=entry.longitude if entry else None,
        geo_precision=event.location.geo_precision if event.location else None,
        fatalities=event.fatalities, source=article.source,
        evidence_start=start, evidence_end=end, notes=article.text[start:end][:NOTES_LIMIT],
    )


def event_day(event: EventMention, article: Article) -> tuple[date | None, int | None]:
    """The event's day and ACLED time precision: from its time expression, else the publication day.

    A year that includes the publication day ("in 2024" in a 2024 report) says no more than the
    publication day does; an earlier year dates the event to its middle (background, not news).
    """
    time = event.time
    if (time is not None and time.first_day is not None and time.precision in TIME_PRECISION_CODES
            and not _vague_year(time.precision, time.last_day, article.published_on)):
        return _middle(time.first_day, time.last_day), TIME_PRECISION_CODES[time.precision]
    if article.published_on is not None:
        # An article known only to the month ("2024-12") dates its undated events to that month,
        # coded by its middle day as any date known to the month.
        if article.anchor_day is None:
            return _middle(*_month_of(article.published_on)), MONTH_TIME_PRECISION
        return article.published_on, FALLBACK_TIME_PRECISION
    return None, None


def _vague_year(precision: TimePrecision, last: date | None, published: date | None) -> bool:
    """A year-precise date that reaches the publication day: it says no more than that day."""
    return precision == TimePrecision.YEAR and published is not None and (last is None or last >= published)


def _month_of(day: date) -> tuple[date, date]:
    """The first and last days of `day`'s month."""
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day.replace(day=1), date.fromordinal(following.toordinal() - 1)


def _middle(first: date, last: date | None) -> date:
    """ACLED codes a week or a month by its middle day."""
    if last is None or last <= first:
        return first
    return date.fromordinal((first.toordinal() + last.toordinal()) // 2)


def _actor_name(mention: object) -> str | None:
    if mention is None:
        return None
    actor = getattr(mention, "actor", None)
    return actor if isinstance(actor, str) else str(getattr(mention, "text", "")) or None


def _evidence_span(event: EventMention, article: Article) -> tuple[int, int]:
    if event.sentence_end > event.sentence_start:
        return event.sentence_start, event.sentence_end
    return event.start, event.end
