"""Plain text: optional header lines, then the article; the first line is the title.

Header lines come first, before the text: `date 2021-08-11` (as in archived reports, where the
text may follow on the same line), and `title:`, `source:`, `outlet:`, `url:`, `language:`
with a colon. A `date` line whose value is not a real date skips the document.
"""

from __future__ import annotations

import re

from sitrep.ingest.dates import parse_published
from sitrep.ingest.draft import Draft, SkipInput
from sitrep.records import SkipReason

_DATE_HEADER = re.compile(
    r"^\s*date\s*:?\s+(\d[\dT:+\-.Z]*)(?:[ \t]+(.*))?$", re.IGNORECASE
)
_FIELD_HEADER = re.compile(r"^\s*(title|source|outlet|url|language)\s*:\s*(.+?)\s*$", re.IGNORECASE)


def read_text(text: str, *, input_name: str) -> Draft:
    """A draft from a plain-text document."""
    fields: dict[str, str] = {}
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        date_match = _DATE_HEADER.match(line)
        field_match = _FIELD_HEADER.match(line)
        if not line.strip():
            index += 1
        elif date_match and "date" not in fields:
            fields["date"] = date_match.group(1).rstrip(".,;")
            rest = (date_match.group(2) or "").strip()
            if rest:  # the text follows the date on the same line
                lines[index] = rest
                break
            index += 1
        elif field_match and field_match.group(1).lower() not in fields:
            fields[field_match.group(1).lower()] = field_match.group(2)
            index += 1
        else:
            break
    body = "\n".join(lines[index:]).strip()
    if not body:
        raise SkipInput(SkipReason.EMPTY, f"{input_name} has headers but no text")
    published = parse_published(fields.get("date"), input_name, found_in="header")
    return Draft(
        text=body,
        input=input_name,
        format="text",
        title=fields.get("title") or _first_line(body),
        url=fields.get("url"),
        source=fields.get("source") or fields.get("outlet"),
        published_at=published.value if published else None,
        published_precision=published.precision if published else None,
        language=fields.get("language"),
    )


def _first_line(body: str) -> str:
    return body.split("\n", 1)[0].strip()
