"""The situation report of one country on one day: what it shows, selected from fused records.

`build_situation` picks what is in force or new on `as_of` (control periods, new events, disputed
figures, tally checks, the main quotes) and numbers every article it cites in the order the report
first cites it; `render_markdown` and `render_html` turn the result into text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.records import (
    Article,
    ClaimGroup,
    ClaimVerdict,
    ControlPeriod,
    DailyHoldings,
    Event,
    QuoteGroup,
    TallyCheck,
)
from sitrep.report.situation_layout import layout_situation

NAME = "sitrep.report.situation"
VERSION = 1
COMPONENT = f"{NAME}.v{VERSION}"

MAX_QUOTES = 5  # the report shows the quotes most outlets carry, not every quote of the period
UNTITLED = "(untitled)"
DISPUTED_VERDICTS = (ClaimVerdict.CONFLICT, ClaimVerdict.DIFFER)  # most serious first


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited article and the number the report gives it."""

    number: int
    article_id: str
    source: str | None
    title: str
    url: str | None
    published_on: date | None


@dataclass(frozen=True, slots=True)
class Situation:
    """Everything the situation report shows, with citations numbered in order of first use.

    `control` are the periods in force on `as_of` (sorted by place); `cited_events` are the events
    those periods rest on or are denied by, kept so their articles can be cited.
    """

    country: str
    as_of: date
    since: date
    control: tuple[ControlPeriod, ...]
    holdings: tuple[DailyHoldings, ...]
    new_events: tuple[Event, ...]
    disputed: tuple[ClaimGroup, ...]
    tallies: tuple[TallyCheck, ...]
    quotes: tuple[QuoteGroup, ...]
    citations: tuple[Citation, ...]
    cited_events: tuple[Event, ...] = ()
    component: str = COMPONENT


def build_situation(*, country: str, as_of: date, periods: Sequence[ControlPeriod],
                    holdings: Sequence[DailyHoldings], events: Sequence[Event],
                    claim_groups: Sequence[ClaimGroup], quote_groups: Sequence[QuoteGroup],
                    tallies: Sequence[TallyCheck], articles: Mapping[str, Article]) -> Situation:
    """Select what the report of `country` on `as_of` shows and number the articles it cites."""
    since = as_of - timedelta(days=1)
    control = select_control(periods, as_of, country=country)
    situation = Situation(
        country=country, as_of=as_of, since=since, control=control,
        holdings=tuple(sorted((item for item in holdings if item.day <= as_of), key=lambda item: item.day)),
        new_events=select_new_events(events, as_of, articles=articles),
        disputed=select_disputed(claim_groups, as_of),
        tallies=select_tallies(tallies, as_of),
        quotes=select_quotes(quote_groups, as_of),
        citations=(),
        cited_events=_events_of_periods(control, events),
    )
    return dataclasses.replace(situation, citations=_number_citations(situation, articles))


def select_control(periods: Sequence[ControlPeriod], day: date, *, country: str) -> tuple[ControlPeriod, ...]:
    """The period in force on `day` for each place of `country`, sorted by place name."""
    latest: dict[int, ControlPeriod] = {}
    # Whether `end` is the last day or the first day of the next period, the latest start wins.
    for period in sorted(periods, key=_period_key):
        if _in_country(period, country) and period.start <= day and (period.end is None or day <= period.end):
            latest[period.geonameid] = period
    return tuple(sorted(latest.values(), key=lambda period: (period.place.casefold(), period.geonameid)))


def select_new_events(events: Sequence[Event], as_of: date, *,
                      articles: Mapping[str, Article]) -> tuple[Event, ...]:
    """Events dated in (as_of - 1 day, as_of], or dated earlier but first reported in that window."""
    since = as_of - timedelta(days=1)
    chosen = []
    for event in events:
        if event.event_date is not None and event.event_date > as_of:
            continue
        first_reported = first_report_day(event, articles)
        if _in_window(event.event_date, since, as_of) or _in_window(first_reported, since, as_of):
            chosen.append(event)
    return tuple(sorted(chosen, key=lambda event: _event_key(event, articles)))


def first_report_day(event: Event, articles: Mapping[str, Article]) -> date | None:
    """The earliest publication day among the articles that report `event`, if any is known."""
    days = [articles[article_id].published_on for article_id in event.article_ids if article_id in articles]
    known = [day for day in days if day is not None]
    return min(known) if known else None


def select_disputed(groups: Sequence[ClaimGroup], as_of: date) -> tuple[ClaimGroup, ...]:
    """Claim groups whose sources differ or conflict, known by `as_of`: conflicts first."""
    chosen = [group for group in groups
              if group.verdict in DISPUTED_VERDICTS and (group.first_day is None or group.first_day <= as_of)]
    return tuple(sorted(chosen, key=lambda group: (DISPUTED_VERDICTS.index(group.verdict),
                                                    group.subject.casefold(), group.group_id)))


def select_tallies(tallies: Sequence[TallyCheck], as_of: date) -> tuple[TallyCheck, ...]:
    """The latest check of each tally up to `as_of`: mismatches first, then by subject."""
    latest: dict[str, TallyCheck] = {}
    for tally in sorted(tallies, key=lambda tally: (tally.as_of, tally.group_id, tally.implied)):
        if tally.as_of <= as_of:
            latest[tally.group_id] = tally
    return tuple(sorted(latest.values(), key=lambda tally: (tally.agrees, tally.subject.casefold(),
                                                           tally.group_id)))


def select_quotes(groups: Sequence[QuoteGroup], as_of: date, *,
                  limit: int = MAX_QUOTES) -> tuple[QuoteGroup, ...]:
    """The quotes carried by the most outlets up to `as_of` (members published later are dropped)."""
    kept = []
    for group in groups:
        members = tuple(sorted((member for member in group.members
                                if member.published_on is None or member.published_on <= as_of),
                               key=lambda member: (member.published_on or date.max, member.source or "",
                                                   member.article_id, member.start)))
        if members:
            kept.append(dataclasses.replace(group, members=members))
    return tuple(sorted(kept, key=_quote_rank)[:limit])


def citation_numbers(situation: Situation) -> dict[str, int]:
    """The citation number of each cited article id."""
    return {citation.article_id: citation.number for citation in situation.citations}


def _number_citations(situation: Situation, articles: Mapping[str, Article]) -> tuple[Citation, ...]:
    """Number the cited articles in the order the report first cites them."""
    fallback = _fallback_details(situation)
    order: dict[str, int] = {}
    for article_ids in layout_situation(situation).cited():
        for article_id in sorted(article_ids, key=lambda item: _article_key(item, articles, fallback)):
            order.setdefault(article_id, len(order) + 1)
    return tuple(_cite(article_id, number, articles.get(article_id), fallback.get(article_id, (None, None)))
                 for article_id, number in order.items())


def _cite(article_id: str, number: int, article: Article | None,
          fallback: tuple[str | None, date | None]) -> Citation:
    if article is None:
        return Citation(number=number, article_id=article_id, source=fallback[0], title=UNTITLED, url=None,
                        published_on=fallback[1])
    return Citation(number=number, article_id=article_id, source=article.source or fallback[0],
                    title=(article.title or "").strip() or UNTITLED, url=article.url,
                    published_on=article.published_on or fallback[1])


def _fallback_details(situation: Situation) -> dict[str, tuple[str | None, date | None]]:
    """Outlet and day of each article as the fused records give them, for articles not supplied."""
    details: dict[str, tuple[str | None, date | None]] = {}
    rows: list[tuple[str, str | None, date | None]] = []
    for event in (*situation.new_events, *situation.cited_events):
        rows.extend((mention.article_id, mention.source, None) for mention in event.mentions)
    for group in situation.disputed:
        rows.extend((value.article_id, value.source, value.published_on) for value in group.values)
    for tally in situation.tallies:
        rows.extend((value.article_id, value.source, value.published_on) for value in tally.reported)
    for quote in situation.quotes:
        rows.extend((member.article_id, member.source, member.published_on) for member in quote.members)
    # Sorted so the pick does not depend on input order: a known outlet and day beat unknown ones.
    for article_id, source, day in sorted(rows, key=lambda row: (row[0], row[1] is None, row[1] or "",
                                                                 row[2] is None, row[2] or date.min)):
        details.setdefault(article_id, (source, day))
    return details


def _article_key(article_id: str, articles: Mapping[str, Article],
                 fallback: Mapping[str, tuple[str | None, date | None]]) -> tuple[date, str, str]:
    article = articles.get(article_id)
    source, day = fallback.get(article_id, (None, None))
    if article is not None:
        source, day = article.source or source, article.published_on or day
    return (day or date.max, (source or "").casefold(), article_id)


def _events_of_periods(periods: Iterable[ControlPeriod], events: Sequence[Event]) -> tuple[Event, ...]:
    wanted = {event_id for period in periods for event_id in (*period.event_ids, *period.denied_by)}
    chosen = [event for event in events if event.event_id in wanted]
    return tuple(sorted(chosen, key=lambda event: event.event_id))


def _in_country(period: ControlPeriod, country: str) -> bool:
    names = {name.casefold() for name in (period.country, period.country_code) if name}
    return not names or country.casefold() in names


def _in_window(day: date | None, since: date, as_of: date) -> bool:
    return day is not None and since < day <= as_of


def _period_key(period: ControlPeriod) -> tuple[int, date, date, str, str]:
    return (period.geonameid, period.start, period.end or date.max, period.state.value, period.actor or "")


def _event_key(event: Event, articles: Mapping[str, Article]) -> tuple[date, str, str, str, str]:
    day = event.event_date or first_report_day(event, articles) or date.max
    return (day, event.event_type, event.sub_event_type, (event.location or "").casefold(), event.event_id)


def _quote_rank(group: QuoteGroup) -> tuple[int, int, date, str]:
    outlets = {member.source or member.article_id for member in group.members}
    first = min((member.published_on for member in group.members if member.published_on), default=date.max)
    return (-len(outlets), -len(group.members), first, group.group_id)
