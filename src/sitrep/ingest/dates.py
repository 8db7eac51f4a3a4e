"""Publication dates: ISO 8601 strictly (reduced precision too), RFC 822 for RSS, dates in URLs.

A date outside the sane window (`EARLIEST_PUBLISHED` .. the fetch time or today plus
`LATEST_SLACK`) is a placeholder of a dump ("0001-01-01", "9999-12-31"), not a publication date:
`within_window` turns it into an unknown date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

from sitrep.ingest.draft import SkipInput
from sitrep.records import SkipReason, TimePrecision

EARLIEST_PUBLISHED = date(1900, 1, 1)
# Time zones and clock skew: a report may be dated a little after the moment it was fetched.
LATEST_SLACK = timedelta(days=2)
_DATE_ONLY = re.compile(r"^\d{4}-?\d{2}-?\d{2}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
# Dates in a URL's path, most precise first: /2021/08/14/, /2024-12-05/, /20241205/, /2024/12/.
_URL_DATES = (
    (re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?=/|$|[?#.])"), TimePrecision.DAY),
    (re.compile(r"/((?:19|20)\d{2})-(\d{2})-(\d{2})(?=/|$|[?#.\-_])"), TimePrecision.DAY),
    (re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?=/|$|[?#.])"), TimePrecision.DAY),
    (re.compile(r"/((?:19|20)\d{2})/(\d{1,2})(?=/|$)"), TimePrecision.MONTH),
)


@dataclass(frozen=True, slots=True)
class Published:
    """A publication date, how precise it is, and where it was found."""

    value: date
    precision: TimePrecision = TimePrecision.DAY
    found_in: str = "metadata"


def parse_iso_date(value: object, where: str) -> date | None:
    """A `date` or `datetime` from an ISO 8601 string; None for a missing value.

    A value that is present but not a date skips the document (`bad-date`): guessing would put
    the events of the article on the wrong day.
    """
    published = parse_published(value, where)
    return published.value if published is not None else None


def parse_published(value: object, where: str, *, found_in: str = "metadata") -> Published | None:
    """A publication date from ISO 8601, also of month ("2024-12") or year ("2024") precision."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise SkipInput(SkipReason.BAD_DATE, f"{where}: the date {value!r} is not a string")
    text = value.strip()
    try:
        reduced = _reduced_precision(text)
        if reduced is not None:
            return Published(reduced[0], reduced[1], found_in)
        parsed = date.fromisoformat(text) if _DATE_ONLY.match(text) else datetime.fromisoformat(text)
    except ValueError:
        raise SkipInput(SkipReason.BAD_DATE, f"{where}: cannot read the date {text!r}") from None
    return Published(parsed, TimePrecision.DAY, found_in)


def _reduced_precision(text: str) -> tuple[date, TimePrecision] | None:
    month = _YEAR_MONTH.match(text)
    if month:
        return date(int(month.group(1)), int(month.group(2)), 1), TimePrecision.MONTH
    year = _YEAR.match(text)
    if year:
        return date(int(year.group(1)), 1, 1), TimePrecision.YEAR
    return None


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
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def latest_published(fetched_at: datetime | None) -> date:
    """The latest believable publication day: the fetch time (else today) plus `LATEST_SLACK`."""
    moment = fetched_at or datetime.now(UTC)
    return moment.date() + LATEST_SLACK


def within_window(published: Published | None, fetched_at: datetime | None) -> Published | None:
    """`published` when it falls in EARLIEST_PUBLISHED .. `latest_published`, else None (unknown)."""
    if published is None:
        return None
    value = published.value
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST_PUBLISHED <= day <= latest_published(fetched_at):
        return None
    return published


def date_from_url(url: str | None, fetched_at: datetime | None) -> Published | None:
    """The date in a URL's path (`/2021/08/14/`, `/2024-12-05/`, `/20241205/`, `/2024/12/`), or None."""
    if not url:
        return None
    path = url.split("://", 1)[-1].partition("/")[2]
    for pattern, precision in _URL_DATES:
        for match in pattern.finditer("/" + path):
            numbers = [int(group) for group in match.groups()]
            try:
                found = date(numbers[0], numbers[1], numbers[2] if len(numbers) > 2 else 1)
            except ValueError:
                continue
            # the most precise real date decides: one after the fetch is no publication date
            return within_window(Published(found, precision, "url"), fetched_at)
    return None
