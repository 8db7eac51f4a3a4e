"""The situation report as Markdown: the same layout as the HTML page, every input string escaped."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from sitrep.report.links import linkable
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

# Characters that would make a string from an article into markup: emphasis, code, links, raw HTML,
# table cells. A backslash before any of them is the CommonMark escape.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
# An autolink ends at `>` and cannot hold `<`: such an address is written as text.
FORBIDDEN_IN_AUTOLINK = re.compile(r"[<>]")


def render_markdown(situation: Situation) -> str:
    """The situation report as Markdown text, ending with the numbered sources."""
    layout = layout_situation(situation)
    numbers = citation_numbers(situation)
    lines = [f"# {escape_markdown(layout.title)}", "", escape_markdown(layout.summary), ""]
    for block in layout.blocks:
        lines.extend(_render_block(block, numbers))
    lines.extend(_render_sources(situation.citations))
    return "\n".join(lines).rstrip("\n") + "\n"


def escape_markdown(text: str) -> str:
    """`text` on one line, with Markdown's special characters backslash-escaped."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def format_citations(article_ids: Sequence[str], numbers: Mapping[str, int]) -> str:
    """Citation marks like "[1][3]", in number order."""
    cited = sorted({numbers[item] for item in article_ids if item in numbers})
    return "".join(f"[{number}]" for number in cited)


def _render_block(block: Table | Chart, numbers: Mapping[str, int]) -> list[str]:
    return _render_chart(block, numbers) if isinstance(block, Chart) else _render_table(block, numbers)


def _render_table(table: Table, numbers: Mapping[str, int], *, heading: bool = True) -> list[str]:
    lines = [f"## {escape_markdown(table.heading)}", ""] if heading else []
    if not table.rows:
        return [*lines, escape_markdown(table.empty), ""]
    lines.append("| " + " | ".join(escape_markdown(column) for column in table.columns) + " |")
    lines.append("|" + "|".join(" --- " for _ in table.columns) + "|")
    lines.extend("| " + " | ".join(_render_cell(cell, numbers) for cell in row) + " |" for row in table.rows)
    return [*lines, ""]


def _render_chart(chart: Chart, numbers: Mapping[str, int]) -> list[str]:
    lines = [f"## {escape_markdown(chart.heading)}", ""]
    if chart.changes.rows:
        lines.extend([CHANGES_NOTE, ""])
    return [*lines, *_render_table(chart.changes, numbers, heading=False)]


def _render_cell(cell: Cell, numbers: Mapping[str, int]) -> str:
    parts = []
    for span in cell:
        text = (escape_markdown(span.text) + " " + format_citations(span.article_ids, numbers)).strip()
        parts.append(text or NONE_MARK)
    return "; ".join(parts)


def _render_sources(citations: Sequence[Citation]) -> list[str]:
    lines = ["## Sources", ""]
    if not citations:
        return [*lines, "No sources cited."]
    for citation in citations:
        fields = [name_outlet(citation.source), f"“{citation.title}”", format_day(citation.published_on),
                  f"article {citation.article_id}"]
        text = ", ".join(escape_markdown(field) for field in fields)
        lines.append(f"- [{citation.number}] {text}{render_url(citation.url)}")
    return lines


def render_url(url: str | None) -> str:
    """An http(s) address as an autolink; any other address as inert text; nothing when absent."""
    if not url or not url.strip():
        return ""
    address = linkable(url)
    if address and not FORBIDDEN_IN_AUTOLINK.search(address):
        return f", <{address}>"
    return f", {escape_markdown(url.strip())}"
