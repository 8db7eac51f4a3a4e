"""JSON documents of stored records for the API and the pages: one builder per thing shown.

Lists read the filter columns and the stored JSON without building records (fast for long pages);
detail documents decode the full record and join the articles that support it.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from sitrep.codec import from_jsonable, to_jsonable
from sitrep.errors import NotFoundError
from sitrep.records import Article, CodedEvent, Event, Extraction, SkippedEntry, Story
from sitrep.store.base import FusedRow, Store
from sitrep.store.fused_read import articles_by_id

# Characters of an article's text shown as its lead in lists and on story pages.
LEAD_CHARS = 280


def event_url(event_id: str) -> str:
    """The dashboard page of an event."""
    return f"/events/{quote(event_id, safe='')}"


def story_url(story_id: str) -> str:
    """The dashboard page of a story."""
    return f"/stories/{quote(story_id, safe='')}"


def article_url(article_id: str) -> str:
    """The dashboard page of an article."""
    return f"/articles/{quote(article_id, safe='')}"


def event_summary(row: FusedRow) -> dict[str, Any]:
    """A fused event for a list: its reconciled fields, its articles, no mention bodies."""
    data: dict[str, Any] = json.loads(row.data)
    mentions = data.pop("mentions", [])
    data["mentions"] = len(mentions)
    data["article_ids"] = list(dict.fromkeys(mention["article_id"] for mention in mentions))
    data["url"] = event_url(row.record_id)
    return data


def story_summary(row: FusedRow) -> dict[str, Any]:
    """A story for a list."""
    data: dict[str, Any] = json.loads(row.data)
    data["articles"] = len(data.get("article_ids", []))
    data["url"] = story_url(row.record_id)
    return data


def group_document(row: FusedRow) -> dict[str, Any]:
    """A claim or quote group as stored, with its id."""
    data: dict[str, Any] = json.loads(row.data)
    return data


def article_summary(article: Article) -> dict[str, Any]:
    """An article for a list: its metadata and the start of its text (after the title it may repeat)."""
    body = article.text
    if article.title and body.startswith(article.title):
        body = body[len(article.title):].lstrip()
    lead = body[:LEAD_CHARS]
    return {
        "id": article.id, "title": article.title, "source": article.source,
        "published": article.published_at.isoformat() if article.published_at else None,
        "language": article.language, "url": article.url, "page": article_url(article.id),
        "lead": lead + ("…" if len(body) > LEAD_CHARS else ""), "chars": len(article.text),
    }


def skipped_document(entry: SkippedEntry) -> dict[str, Any]:
    """A skipped input with its reason."""
    return to_jsonable(entry)  # type: ignore[no-any-return]


def event_detail(store: Store, event_id: str) -> dict[str, Any]:
    """One event with every mention's evidence: the outlet, the article and the sentence that says it."""
    event = from_jsonable(Event, json.loads(store.get_fused("event", event_id).data))
    articles = articles_by_id(store, event.article_ids)
    document = to_jsonable(event)
    document.pop("mentions")
    document["url"] = event_url(event.event_id)
    document["evidence"] = [evidence_of(mention, articles.get(mention.article_id))
                            for mention in event.mentions]
    document["story"] = _story_of(store, event.story_id)
    return document  # type: ignore[no-any-return]


def evidence_of(mention: CodedEvent, article: Article | None) -> dict[str, Any]:
    """What one mention says and where: the sentence split around its trigger for highlighting."""
    text = article.text if article else ""
    start, end = mention.evidence_start, mention.evidence_end
    sentence = text[start:end]
    trigger_start = max(mention.trigger_start, start)
    trigger_end = min(mention.trigger_end, end)
    if not start <= trigger_start < trigger_end <= end:
        trigger_start = trigger_end = end
    return {
        "article_id": mention.article_id,
        "page": f"{article_url(mention.article_id)}?highlight={start}-{end}#evidence",
        "title": article.title if article else None,
        "source": mention.source,
        "published": article.published_at.isoformat() if article and article.published_at else None,
        "url": article.url if article else None,
        "modality": mention.modality.value,
        "event_date": mention.event_date.isoformat() if mention.event_date else None,
        "location": mention.location, "actor1": mention.actor1, "actor2": mention.actor2,
        "fatalities": mention.fatalities, "confidence": mention.confidence,
        "trigger": {"start": mention.trigger_start, "end": mention.trigger_end, "text": mention.trigger},
        "sentence": {"start": start, "end": end, "text": sentence},
        "highlight": {"before": text[start:trigger_start], "trigger": text[trigger_start:trigger_end],
                      "after": text[trigger_end:end]},
    }


def _story_of(store: Store, story_id: str | None) -> dict[str, Any] | None:
    if not story_id:
        return None
    try:
        return story_summary(store.get_fused("story", story_id))
    except NotFoundError:
        return None


def article_detail(store: Store, article_id: str) -> dict[str, Any]:
    """One article: metadata, full text, the spans extraction used, its events and stories."""
    article = store.get_article(article_id)
    extraction = store.get_extraction(article.id)
    document = article_summary(article)
    document.pop("lead")
    document.update({
        "text": article.text, "input": article.input, "format": article.format,
        "is_summary": article.is_summary, "extracted": extraction is not None,
        "components": list(extraction.components) if extraction else [],
        "spans": spans_of(extraction) if extraction else [],
        "events": [event_summary(row) for row in store.fused_of_articles("event", [article.id])],
        "stories": [story_summary(row) for row in store.fused_of_articles("story", [article.id])],
    })
    return document


def spans_of(extraction: Extraction) -> list[dict[str, Any]]:
    """Every span an extraction used, by start: what kind, which words, what it was read as."""
    spans: list[dict[str, Any]] = []

    def add(kind: str, start: int, end: int, text: str, label: str) -> None:
        spans.append({"kind": kind, "start": start, "end": end, "text": text, "label": label})

    for entity in extraction.entities:
        add("actor" if entity.actor else "entity", entity.start, entity.end, entity.text,
            entity.actor or entity.label)
    for place in extraction.places:
        where = f"{place.entry.name}, {place.entry.country}" if place.entry else "unresolved"
        add("place", place.start, place.end, place.text, where)
    for time in extraction.times:
        add("time", time.start, time.end, time.text, time.value or "unresolved")
    for event in extraction.events:
        add("event", event.start, event.end, event.text, f"{event.sub_event_type} ({event.modality.value})")
    for claim in extraction.claims:
        label = f"{claim.value:g} {claim.unit} {claim.subject}".strip()
        add("claim", claim.start, claim.end, claim.text, label)
    for found in extraction.quotes:
        add("quote", found.start, found.end, found.text, f"quote of {found.speaker or 'unknown speaker'}")
    spans.sort(key=lambda span: (span["start"], -span["end"], span["kind"]))
    return spans


def story_detail(store: Store, story_id: str) -> dict[str, Any]:
    """One story: its articles side by side by outlet, its events, claims and quotes."""
    story = from_jsonable(Story, json.loads(store.get_fused("story", story_id).data))
    articles = articles_by_id(store, story.article_ids)
    outlets: dict[str, list[dict[str, Any]]] = {}
    for article_id in story.article_ids:
        if article_id in articles:
            article = articles[article_id]
            outlets.setdefault(article.source or "unknown outlet", []).append(article_summary(article))
    events = [event_summary(row) for row in store.fused_of_articles("event", story.article_ids)]
    document = to_jsonable(story)
    document.update({
        "url": story_url(story.story_id),
        "outlets": [{"source": source, "articles": found} for source, found in sorted(outlets.items())],
        "events": [event for event in events if event.get("story_id") in (None, story.story_id)],
        "claims": [group_document(row) for row in store.fused_of_articles("claim", story.article_ids)],
        "quotes": [group_document(row) for row in store.fused_of_articles("quote", story.article_ids)],
    })
    return document  # type: ignore[no-any-return]


def highlight_segments(text: str, spans: Sequence[dict[str, Any]], evidence: tuple[int, int] | None = None
                       ) -> list[dict[str, Any]]:
    """`text` cut where any span starts or ends: each piece with the kind of the span that covers it.

    Overlapping spans do not hide each other's words: a piece takes the most specific kind among the
    spans covering it (events first, quotes last), and `evidence` marks one range on top.
    """
    cuts = {0, len(text)}
    for span in spans:
        cuts.update((max(0, min(span["start"], len(text))), max(0, min(span["end"], len(text)))))
    if evidence:
        cuts.update((max(0, min(evidence[0], len(text))), max(0, min(evidence[1], len(text)))))
    bounds = sorted(cuts)
    ordered = sorted(spans, key=lambda span: PRIORITY.get(span["kind"], len(PRIORITY)))
    pieces = []
    for start, end in itertools.pairwise(bounds):
        if start == end:
            continue
        cover = next((span for span in ordered if span["start"] <= start and end <= span["end"]), None)
        pieces.append({
            "text": text[start:end], "start": start,
            "kind": cover["kind"] if cover else None, "label": cover["label"] if cover else None,
            "evidence": bool(evidence and evidence[0] <= start and end <= evidence[1]),
        })
    return pieces


PRIORITY = {"event": 0, "place": 1, "time": 2, "actor": 3, "entity": 4, "claim": 5, "quote": 6}
