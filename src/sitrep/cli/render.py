"""How records look on a terminal (rich tables) and in JSON (plain dicts)."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from sitrep.cli.tables import Listing
from sitrep.records import Article, IngestSummary, SkippedEntry
from sitrep.store.base import Store

DUPLICATES_SHOWN = 10


def print_json(value: Any) -> None:
    """Write `value` as indented JSON to stdout."""
    click.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def article_dict(article: Article, *, with_text: bool = False) -> dict[str, Any]:
    """An article as JSON; the text only when asked (listings stay small)."""
    value: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "published": article.published_at.isoformat() if article.published_at else None,
        "language": article.language,
        "language_detected": article.language_detected,
        "url": article.url,
        "is_summary": article.is_summary,
        "format": article.format,
        "input": article.input,
        "characters": len(article.text),
    }
    if with_text:
        value["text"] = article.text
    return value


def skipped_dict(entry: SkippedEntry) -> dict[str, Any]:
    """A skipped input as JSON."""
    return {
        "input": entry.input, "reason": entry.reason.value, "detail": entry.detail,
        "first_seen": entry.first_seen.isoformat(), "last_seen": entry.last_seen.isoformat(),
        "times": entry.times,
    }


def summary_dict(summary: IngestSummary, store: Store) -> dict[str, Any]:
    """An ingest summary as JSON."""
    return {
        "db": store.url,
        "read": summary.read,
        "stored": summary.stored,
        "duplicate": len(summary.duplicates),
        "skipped": len(summary.skipped),
        "extracted": summary.extracted,
        "fused": summary.fused,
        "not_extracted": dict(summary.not_extracted),
        "skipped_by_reason": summary.skipped_by_reason(),
        "duplicates": [{"input": d.input, "article_id": d.article_id} for d in summary.duplicates],
        "skips": [
            {"input": s.input, "reason": s.reason.value, "detail": s.detail, "fix": s.fix}
            for s in summary.skipped
        ],
    }


def print_summary(summary: IngestSummary, store: Store, console: Console) -> None:
    """The end-of-run table: read / stored / duplicate / skipped by reason, then each skip."""
    console.print(f"Ingested into {store.url}", soft_wrap=True, highlight=False, markup=False)
    table = Table(show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("read", str(summary.read))
    table.add_row("stored", str(summary.stored))
    table.add_row("duplicate (already stored)", str(len(summary.duplicates)))
    table.add_row("skipped", str(len(summary.skipped)))
    table.add_row("extracted", str(summary.extracted))
    table.add_row("fused", str(summary.fused))
    for reason, count in summary.not_extracted.items():
        table.add_row(f"  {_short_reason(reason)}", str(count))
    for reason, count in summary.skipped_by_reason().items():
        table.add_row(f"  {reason}", str(count))
    console.print(table)
    for duplicate in summary.duplicates[:DUPLICATES_SHOWN]:
        console.print(f"duplicate: {duplicate.input} is article {duplicate.article_id}",
                      highlight=False, markup=False, soft_wrap=True)
    if len(summary.duplicates) > DUPLICATES_SHOWN:
        more = len(summary.duplicates) - DUPLICATES_SHOWN
        console.print(f"... and {more} more duplicates (--json lists all)", markup=False, soft_wrap=True)
    for item in summary.skipped:
        console.print(f"skipped [{item.reason.value}] {item.detail} -> {item.fix}",
                      highlight=False, markup=False, soft_wrap=True)


def _short_reason(reason: str) -> str:
    """A failure reason short enough for the summary table (the first line, at most 60 characters)."""
    line = reason.splitlines()[0] if reason else reason
    return line if len(line) <= 60 else line[:57] + "..."


def articles_listing(articles: list[Article], total: int) -> Listing:
    """A listing of articles, one row each."""
    rows = []
    for article in articles:
        published = article.published_on.isoformat() if article.published_on else "unknown"
        language = (article.language or "?") + ("*" if article.language_detected else "")
        title = (article.title or "")[:90] + (" [summary only]" if article.is_summary else "")
        rows.append((article.id, published, article.source or "unknown", language, title))
    columns = ("id", "published", "source", "lang", "title")
    return Listing(f"{len(articles)} of {total} articles", columns, rows)


def skipped_listing(entries: list[SkippedEntry]) -> Listing:
    """A listing of skipped inputs with their reasons."""
    rows = [(entry.reason.value, entry.input, entry.detail, str(entry.times),
             entry.last_seen.strftime("%Y-%m-%d %H:%M")) for entry in entries]
    columns = ("reason", "input", "detail", "times", "last seen")
    return Listing(f"{len(entries)} skipped inputs", columns, rows)


def article_view(article: Article) -> str:
    """One article as text: its metadata, then its text."""
    published = article.published_at.isoformat() if article.published_at else "unknown"
    lines = [
        f"id:        {article.id}",
        f"title:     {article.title or ''}",
        f"source:    {article.source or 'unknown'}",
        f"published: {published}",
        f"language:  {article.language or 'unknown'}{' (detected)' if article.language_detected else ''}",
        f"url:       {article.url or ''}",
        f"input:     {article.input} ({article.format}{', summary only' if article.is_summary else ''})",
        "",
        article.text,
    ]
    return "\n".join(lines)
