"""The situation report as one self-contained HTML page: inline style and SVG, nothing fetched.

Every string that comes from the input is escaped, and only http(s) addresses become links, so a
hostile title or address comes out as inert text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from sitrep.report.links import linkable
from sitrep.report.render_chart import render_chart_svg
from sitrep.report.situation import Citation, Situation, citation_numbers
from sitrep.report.situation_layout import (
    CHANGES_NOTE,
    NONE_MARK,
    Cell,
    Chart,
    Table,
    format_day,
    layout_situation,
    name_outlet,
)

# The page runs no script and loads nothing: the policy makes that hold even for a bug in escaping.
CONTENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 72rem;
       padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
a.cite { text-decoration: none; font-size: 0.8rem; vertical-align: super; }
.sources { list-style: none; padding-left: 0; } .sources li { margin-bottom: 0.3rem; }
.empty, .note { color: #555; font-style: italic; }
svg { max-width: 100%; height: auto; }
"""


def render_html(situation: Situation) -> str:
    """The situation report as a complete HTML page that works offline."""
    layout = layout_situation(situation)
    numbers = citation_numbers(situation)
    body = [f"<h1>{escape(layout.title)}</h1>", f'<p class="summary">{escape(layout.summary)}</p>']
    for block in layout.blocks:
        body.extend(_render_block(block, numbers))
    body.extend(_render_sources(situation.citations))
    head = ['<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_POLICY}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(layout.title)}</title>", f"<style>{STYLE}</style>"]
    return "\n".join(["<!DOCTYPE html>", '<html lang="en">', "<head>", *head, "</head>", "<body>", *body,
                      "</body>", "</html>"]) + "\n"


def format_citations(article_ids: Sequence[str], numbers: Mapping[str, int]) -> str:
    """Citation marks like "[1][3]" linking to the sources list, in number order."""
    cited = sorted({numbers[item] for item in article_ids if item in numbers})
    return "".join(f'<a class="cite" href="#cite-{number}">[{number}]</a>' for number in cited)


def link_url(url: str | None) -> str:
    """An http(s) address as a link; any other address as escaped text; "" when absent."""
    if not url or not url.strip():
        return ""
    address = linkable(url)
    if address:
        return f'<a href="{escape(address, quote=True)}" rel="noopener noreferrer">{escape(address)}</a>'
    return f"<span>{escape(url.strip())}</span>"


def _render_block(block: Table | Chart, numbers: Mapping[str, int]) -> list[str]:
    return _render_chart(block, numbers) if isinstance(block, Chart) else _render_table(block, numbers)


def _render_table(table: Table, numbers: Mapping[str, int], *, heading: bool = True) -> list[str]:
    lines = [f'<h2 id="{table.key}">{escape(table.heading)}</h2>'] if heading else []
    if not table.rows:
        return [*lines, f'<p class="empty">{escape(table.empty)}</p>']
    lines.append(f'<table class="{table.key}">')
    lines.append("<thead><tr>" + "".join(f"<th>{escape(column)}</th>" for column in table.columns)
                 + "</tr></thead>")
    lines.append("<tbody>")
    lines.extend("<tr>" + "".join(f"<td>{_render_cell(cell, numbers)}</td>" for cell in row) + "</tr>"
                 for row in table.rows)
    return [*lines, "</tbody>", "</table>"]


def _render_chart(chart: Chart, numbers: Mapping[str, int]) -> list[str]:
    lines = [f'<h2 id="{chart.key}">{escape(chart.heading)}</h2>']
    svg = render_chart_svg(chart)
    if svg:
        lines.extend([f'<figure class="chart">{svg}</figure>', f'<p class="note">{escape(CHANGES_NOTE)}</p>'])
    return [*lines, *_render_table(chart.changes, numbers, heading=False)]


def _render_cell(cell: Cell, numbers: Mapping[str, int]) -> str:
    parts = []
    for span in cell:
        marks = format_citations(span.article_ids, numbers)
        text = f"{escape(span.text)} {marks}".strip() if span.text else marks
        parts.append(text or escape(NONE_MARK))
    return "; ".join(parts)


def _render_sources(citations: Sequence[Citation]) -> list[str]:
    lines = ['<h2 id="sources">Sources</h2>']
    if not citations:
        return [*lines, '<p class="empty">No sources cited.</p>']
    lines.append('<ol class="sources">')
    for citation in citations:
        fields = [name_outlet(citation.source), f"“{citation.title}”", format_day(citation.published_on),
                  f"article {citation.article_id}"]
        text = ", ".join(escape(" ".join(field.split())) for field in fields)
        url = link_url(citation.url)
        text = f"{text}, {url}" if url else text
        lines.append(f'<li id="cite-{citation.number}">[{citation.number}] {text}</li>')
    return [*lines, "</ol>"]
