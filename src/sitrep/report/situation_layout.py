"""The situation report laid out once as headings, tables and cells, for every renderer to format.

Markdown and HTML render the same `Layout`, so they carry the same sections, facts and citation
numbers; citations are numbered by walking the layout in reading order (`Layout.cited`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sitrep.records import (
    ClaimGroup,
    ClaimValue,
    CodedEvent,
    ControlPeriod,
    Event,
    Modality,
    QuoteGroup,
    TallyCheck,
)

if TYPE_CHECKING:  # situation.py imports this module to number citations
    from sitrep.report.situation import Situation

MAX_EVIDENCE_CHARS = 200  # the evidence sentence is quoted briefly; the article has the rest
MAX_QUOTE_CHARS = 300
UNKNOWN_OUTLET = "unknown outlet"
NONE_MARK = "—"
PERCENT_UNIT = "percent"
BARE_UNIT = "number"  # a claim with no counted noun (sitrep.extract.claims.BARE_NUMBER)
ELLIPSIS = "…"
CHANGES_NOTE = "Counts on the first day, on each day they change, and on the last day."


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of text and the articles that say it (cited right after the text)."""

    text: str
    article_ids: tuple[str, ...] = ()


Cell = tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A section shown as a table, or as the `empty` line when it has no rows."""

    key: str
    heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    empty: str


@dataclass(frozen=True, slots=True)
class Chart:
    """Places held per actor per day: one series per actor, and the days the counts change."""

    key: str
    heading: str
    days: tuple[date, ...]
    actors: tuple[str, ...]
    series: tuple[tuple[int, ...], ...]
    changes: Table


Block = Table | Chart


@dataclass(frozen=True, slots=True)
class Layout:
    """The whole report in reading order; the numbered sources list follows `blocks`."""

    title: str
    summary: str
    blocks: tuple[Block, ...]

    def cited(self) -> Iterator[tuple[str, ...]]:
        """The article ids of every cited statement, in reading order."""
        for block in self.blocks:
            table = block.changes if isinstance(block, Chart) else block
            for row in table.rows:
                for cell in row:
                    for span in cell:
                        if span.article_ids:
                            yield span.article_ids


def layout_situation(situation: Situation) -> Layout:
    """Lay out `situation` as the report's title, counts line and sections."""
    return Layout(
        title=f"Situation report: {situation.country}, {situation.as_of.isoformat()}",
        summary=summarize(situation),
        blocks=(layout_control(situation), layout_chart(situation), layout_events(situation),
                layout_tallies(situation), layout_disputed(situation), layout_quotes(situation)),
    )


def summarize(situation: Situation) -> str:
    """The counts line: places in the control table, new events, cited articles and outlets."""
    outlets = {citation.source for citation in situation.citations if citation.source}
    return (f"{_count(len(situation.control), 'place')} in the control table; "
            f"{_count(len(situation.new_events), 'new event')}; "
            f"{_count(len(situation.citations), 'cited article')} from {_count(len(outlets), 'outlet')}.")


def layout_control(situation: Situation) -> Table:
    """The control table: who holds each place on `as_of`, since when, on whose word."""
    events = {event.event_id: event for event in situation.cited_events}
    rows = tuple(_control_row(period, events) for period in situation.control)
    return Table(key="control", heading=f"Control on {situation.as_of.isoformat()}",
                 columns=("Place", "Admin-1", "State", "Actor", "Since", "Sources", "Corroborated",
                          "Denied by", "Citations"),
                 rows=rows, empty=f"No control periods in force on {situation.as_of.isoformat()}.")


def layout_chart(situation: Situation) -> Chart:
    """Places held per actor per day up to `as_of`, and a table of the days the counts change."""
    by_day = {item.day: dict(item.counts) for item in sorted(situation.holdings, key=lambda item: item.day)}
    days = tuple(sorted(by_day))
    peaks: dict[str, int] = {}
    for counts in by_day.values():
        for actor, count in counts.items():
            peaks[actor] = max(peaks.get(actor, 0), count)
    actors = tuple(sorted(peaks, key=lambda actor: (-peaks[actor], actor)))
    series = tuple(tuple(by_day[day].get(actor, 0) for day in days) for actor in actors)
    changes = Table(key="holdings", heading="Places held per day", columns=("Day", *actors),
                    rows=_change_rows(days, series),
                    empty=f"No places-held figures up to {situation.as_of.isoformat()}.")
    return Chart(key="chart", heading="Places held per day", days=days, actors=actors, series=series,
                 changes=changes)


def layout_events(situation: Situation) -> Table:
    """New events since the day before: what, who, where, on how many sources, and the evidence."""
    rows = tuple(_event_row(event) for event in situation.new_events)
    return Table(key="events", heading=f"New events since {situation.since.isoformat()}",
                 columns=("Date", "Event", "Actor", "Place", "Independent sources", "Citations", "Evidence"),
                 rows=rows, empty=f"No new events since {situation.since.isoformat()}.")


def layout_tallies(situation: Situation) -> Table:
    """Reported tallies beside the count the events imply, mismatches shown, not hidden."""
    rows = tuple(_tally_row(tally) for tally in situation.tallies)
    return Table(key="tallies", heading="Reported tallies vs events",
                 columns=("Subject", "Actor", "As of", "Reported", "Implied by events", "Check"),
                 rows=rows, empty="No reported tallies to check.")


def layout_disputed(situation: Situation) -> Table:
    """Figures the sources do not agree on, each value with its outlet, day and citation."""
    rows = tuple(_disputed_row(group) for group in situation.disputed)
    return Table(key="disputed", heading="Disputed figures", columns=("Subject", "Values", "Verdict"),
                 rows=rows, empty="No disputed figures.")


def layout_quotes(situation: Situation) -> Table:
    """The main quotes: speaker, words, the outlets that carry them."""
    rows = tuple(_quote_row(group) for group in situation.quotes)
    return Table(key="quotes", heading="Main quotes", columns=("Speaker", "Quote", "Outlets", "Citations"),
                 rows=rows, empty="No quotes.")


def name_outlet(source: str | None) -> str:
    """The outlet's name, or "unknown outlet"."""
    return source.strip() if source and source.strip() else UNKNOWN_OUTLET


def format_day(day: date | None) -> str:
    """An ISO day, or "undated"."""
    return day.isoformat() if day else "undated"


def format_number(value: float) -> str:
    """A figure as people read it: thousands separated, no trailing ".0"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_claim_value(value: ClaimValue, *, unit: str = "") -> str:
    """One source's figure with its hedge, range, total and unit ("over 9 of 34 capitals")."""
    figure = format_number(value.value)
    if value.value_max is not None and value.value_max != value.value:
        figure = f"{figure}–{format_number(value.value_max)}"
    if value.qualifier == "rank":
        figure = f"rank {figure}"
    elif value.qualifier and value.qualifier != "between":
        figure = f"{value.qualifier} {figure}"
    if unit == PERCENT_UNIT:
        figure = f"{figure}%"
    if value.total is not None:
        figure = f"{figure} of {format_number(value.total)}"
    if unit and unit not in (PERCENT_UNIT, BARE_UNIT):
        figure = f"{figure} {unit}"
    return figure


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0] or flat[: limit - 1]
    return cut.rstrip(" ,;:") + ELLIPSIS


def _control_row(period: ControlPeriod, events: dict[str, Event]) -> tuple[Cell, ...]:
    justified = _articles_of(period.event_ids, events)
    return (
        _text(period.place), _text(period.admin1 or NONE_MARK), _text(period.state.value),
        _text(period.actor or NONE_MARK), _text(period.start.isoformat()), _text(str(len(period.sources))),
        _text("yes" if period.corroborated else "no"), _denials(period, events),
        (Span("" if justified else NONE_MARK, justified),),
    )


def _denials(period: ControlPeriod, events: dict[str, Event]) -> Cell:
    if not period.denied_by:
        return _text(NONE_MARK)
    spans = []
    for event_id in sorted(set(period.denied_by)):
        event = events.get(event_id)
        if event is None:
            spans.append(Span(f"event {event_id}"))
        else:
            label = ", ".join(sorted({name_outlet(source) for source in event.sources})) or UNKNOWN_OUTLET
            spans.append(Span(label, _sorted_ids(event.article_ids)))
    return tuple(spans)


def _event_row(event: Event) -> tuple[Cell, ...]:
    kind = f"{event.event_type} / {event.sub_event_type}"
    if event.modality != Modality.ASSERTED:
        kind = f"{kind} ({event.modality.value})"
    place = event.location or "unknown place"
    if event.admin1 and event.admin1 != event.location:
        place = f"{place}, {event.admin1}"
    best = _best_mention(event.mentions)
    evidence = _text(NONE_MARK)
    if best is not None:
        evidence = (Span(f"“{shorten(best.notes, MAX_EVIDENCE_CHARS)}”", (best.article_id,)),)
    return (_text(_format_event_day(event)), _text(kind), _text(event.actor1 or "unknown actor"),
            _text(place), _text(str(event.independent_sources)),
            (Span("", _sorted_ids(event.article_ids)),), evidence)


def _tally_row(tally: TallyCheck) -> tuple[Cell, ...]:
    reported = tuple(_value_span(value) for value in _sorted_values(tally.reported)) or _text(NONE_MARK)
    implied = str(tally.implied)
    if tally.implied_places:
        implied = f"{implied}: {', '.join(sorted(tally.implied_places))}"
    return (_text(tally.subject), _text(tally.actor or NONE_MARK), _text(tally.as_of.isoformat()), reported,
            _text(implied), _text("agree" if tally.agrees else "MISMATCH"))


def _disputed_row(group: ClaimGroup) -> tuple[Cell, ...]:
    subject = f"{group.subject} ({group.predicate})" if group.predicate else group.subject
    values = tuple(_value_span(value, unit=group.unit) for value in _sorted_values(group.values))
    return (_text(subject), values or _text(NONE_MARK), _text(group.verdict.value))


def _quote_row(group: QuoteGroup) -> tuple[Cell, ...]:
    outlets = ", ".join(sorted({name_outlet(member.source) for member in group.members}))
    return (_text(group.speaker or "unknown speaker"), _text(f"“{shorten(group.text, MAX_QUOTE_CHARS)}”"),
            _text(outlets), (Span("", _sorted_ids(member.article_id for member in group.members)),))


def _value_span(value: ClaimValue, *, unit: str = "") -> Span:
    detail = f"{name_outlet(value.source)}, {format_day(value.published_on)}"
    if value.attributed_to:
        detail = f"{detail}, according to {value.attributed_to}"
    return Span(f"{format_claim_value(value, unit=unit)} ({detail})", (value.article_id,))


def _change_rows(days: Sequence[date], series: Sequence[Sequence[int]]) -> tuple[tuple[Cell, ...], ...]:
    """The first day, every day a count changes, and the last day."""
    rows = []
    for index, day in enumerate(days):
        counts = [values[index] for values in series]
        changed = index == 0 or index == len(days) - 1 or any(values[index] != values[index - 1]
                                                              for values in series)
        if changed:
            rows.append((_text(day.isoformat()), *(_text(str(count)) for count in counts)))
    return tuple(rows)


def _articles_of(event_ids: Sequence[str], events: dict[str, Event]) -> tuple[str, ...]:
    return _sorted_ids(article_id for event_id in event_ids if event_id in events
                       for article_id in events[event_id].article_ids)


def _best_mention(mentions: Sequence[CodedEvent]) -> CodedEvent | None:
    """The most confident mention with an evidence sentence; ties to the asserted, then by article."""
    usable = [mention for mention in mentions if mention.notes.strip()]
    return min(usable, default=None, key=lambda mention: (
        -mention.confidence, mention.modality != Modality.ASSERTED, mention.article_id,
        mention.evidence_start))


def _format_event_day(event: Event) -> str:
    if event.event_date is None:
        return "undated"
    if event.time_precision == 3:
        return event.event_date.strftime("%Y-%m")
    if event.time_precision == 2:
        return f"week of {event.event_date.isoformat()}"
    return event.event_date.isoformat()


def _sorted_values(values: Sequence[ClaimValue]) -> list[ClaimValue]:
    return sorted(values, key=lambda value: (
        value.published_on or date.max, name_outlet(value.source).casefold(), value.article_id, value.start))


def _sorted_ids(article_ids: Iterator[str] | Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted(set(article_ids)))


def _text(text: str) -> Cell:
    return (Span(text),)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
