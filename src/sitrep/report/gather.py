"""Gather what a situation report shows from the store: control, events, claims, quotes, articles."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from sitrep.fuse.control import holdings_by_day
from sitrep.fuse.tally import tallies_as_of
from sitrep.records import Event, QuoteGroup
from sitrep.report.situation import Situation, build_situation
from sitrep.store.base import FusedQuery, Store
from sitrep.store.fused_read import articles_by_id, country_claim_groups, country_periods, iter_fused

# The chart of places held covers at most this many days before the report's day.
CHART_DAYS = 30


def gather_situation(store: Store, *, country: str, as_of: date) -> Situation:
    """The situation of `country` on `as_of`, from the fused records in `store`."""
    periods = [period for period in country_periods(store, country) if period.start <= as_of]
    first = max(min((period.start for period in periods), default=as_of), as_of - timedelta(days=CHART_DAYS))
    events = list(iter_fused(store, FusedQuery("event", country=country, until=as_of), Event))
    claims = country_claim_groups(store, country=country, since=first, until=as_of)
    tallies = tallies_as_of(claims, periods, as_of)
    quotes = _quotes_of(store, events, first, as_of)
    cited = {article_id for event in events for article_id in event.article_ids}
    cited |= {value.article_id for group in claims for value in group.values}
    cited |= {member.article_id for group in quotes for member in group.members}
    # A citation whose article is gone still shows its id.
    return build_situation(country=country, as_of=as_of, periods=periods,
                           holdings=holdings_by_day(periods, first, as_of), events=events,
                           claim_groups=claims, quote_groups=quotes, tallies=tallies,
                           articles=articles_by_id(store, cited))


def _quotes_of(store: Store, events: Iterable[Event], since: date, until: date) -> list[QuoteGroup]:
    articles = {article_id for event in events for article_id in event.article_ids}
    groups = iter_fused(store, FusedQuery("quote", since=since, until=until), QuoteGroup)
    return [group for group in groups if any(member.article_id in articles for member in group.members)]

