"""Publication dates from metadata: ISO 8601 strictly, RFC 822 for RSS."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from sitrep.ingest.draft import SkipInput
from sitrep.records import SkipReason

_DATE_ONLY = re.compile(r"^\d{4}-?\d{2}-?\d{2}$")


def parse_iso_date(value: object, where: str) -> date | None:
    """A `date` or `datetime` from an ISO 8601 string; None for a missing value.

    A value that is present but not a date skips the document (`bad-date`): guessing would put
    the events of the article on the wrong day.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise SkipInput(SkipReason.BAD_DATE, f"{where}: the date {value!r} is not a string")
    text = value.strip()
    try:
        if _DATE_ONLY.match(text):
            return date.fromisoformat(text)
        return datetime.fromisoformat(text)
    except ValueError:
        raise SkipInput(SkipReason.BAD_DATE, f"{where}: cannot read the date {text!r}") from None


def parse_feed_date(value: str | None) -> date | None:
    """A feed entry's date (RFC 3339 in Atom, RFC 822 in RSS), or None when it cannot be read."""
    if not value:
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text) if _DATE_ONLY.match(text) else datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
