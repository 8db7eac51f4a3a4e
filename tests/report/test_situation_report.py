"""Situation report: what it selects, how it numbers citations, and that Markdown and HTML agree."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import date
from typing import Any

from sitrep.records import (
    Article,
    ClaimGroup,
    ClaimValue,
    ClaimVerdict,
    CodedEvent,
    ControlPeriod,
    ControlState,
    DailyHoldings,
    Event,
    Modality,
    QuoteGroup,
    QuoteSource,
    TallyCheck,
)
from sitrep.report.render_html import render_html
from sitrep.report.render_markdown import render_markdown
from sitrep.report.situation import MAX_QUOTES, Situation, build_situation, select_quotes

AS_OF = date(2021, 8, 12)
CAPTURE = "Non-state actor overtakes territory"
MARK = re.compile(r"\[(\d+)\]")

ARTICLES = {
    "art-valley": Article(id="art-valley", text="x", title="Fighters enter Kunduz", url="https://valley.example/k",
                          source="Valley Post", published_at=date(2021, 8, 11)),
    "art-hostile": Article(id="art-hostile", text="x", title="<script>alert(1)</script> Sheberghan falls",
                           url="javascript:alert(1)", source="Wire <b>Desk</b>",
                           published_at=date(2021, 8, 12)),
    "art-river": Article(id="art-river", text="x", title="Sheberghan captured, officials say",
                         url="http://river.example/s", source="River Times", published_at=date(2021, 8, 12)),
    "art-anon": Article(id="art-anon", text="x", title=None, url=None, source=None,
                        published_at=date(2021, 8, 12)),
}


def mention(article_id: str, place: str, *, day: date, notes: str, confidence: float = 0.8,
            modality: Modality = Modality.ASSERTED) -> CodedEvent:
    """A coded capture of `place` as `article_id` tells it."""
    return CodedEvent(
        article_id=article_id, trigger_start=0, trigger_end=5, trigger="took", component="test.v1",
        event_type="Battles", sub_event_type=CAPTURE, modality=modality, confidence=confidence,
        event_date=day, time_precision=1, actor1="Taliban", actor1_type="Rebel group", actor2=None,
        actor2_type=None, country="Afghanistan", country_code="AF", admin1=place, location=place,
        geonameid=None, latitude=None, longitude=None, geo_precision=1, fatalities=None,
        source=ARTICLES[article_id].source if article_id in ARTICLES else "Elsewhere Daily",
        evidence_start=0, evidence_end=len(notes), notes=notes)


def event(event_id: str, place: str, *, day: date, mentions: tuple[CodedEvent, ...],
          modality: Modality = Modality.ASSERTED) -> Event:
    """A fused capture of `place` reported by `mentions`."""
    sources = tuple(sorted({item.source for item in mentions if item.source}))
    return Event(
        event_id=event_id, component="test.v1", event_type="Battles", sub_event_type=CAPTURE,
        modality=modality,
        confidence=0.8, event_date=day, time_precision=1, actor1="Taliban", actor1_type="Rebel group",
        actor2=None, actor2_type=None, country="Afghanistan", country_code="AF", admin1=place, location=place,
        geonameid=None, latitude=None, longitude=None, geo_precision=1, fatalities=None, sources=sources,
        independent_sources=len(sources), mentions=mentions)


def period(place: str, geonameid: int, *, actor: str | None, start: date, end: date | None = None,
           event_ids: tuple[str, ...] = (), denied_by: tuple[str, ...] = (),
           state: ControlState = ControlState.CONTROLLED, country: str = "Afghanistan") -> ControlPeriod:
    """A control period of `place`."""
    return ControlPeriod(
        geonameid=geonameid, place=place, country=country, country_code=None, admin1=f"{place} Province",
        latitude=None, longitude=None, admin1_seat=True, state=state, actor=actor, start=start, end=end,
        event_ids=event_ids, sources=("Valley Post",), corroborated=len(event_ids) > 1, denied_by=denied_by)


def value(article_id: str, number: float, *, total: float | None = 34) -> ClaimValue:
    """One outlet's figure of provincial capitals taken."""
    article = ARTICLES[article_id]
    return ClaimValue(article_id=article_id, source=article.source, published_on=article.published_on,
                      value=number, value_max=None, qualifier="", total=total, attributed_to=None, start=0,
                      end=10, text=f"{number} provincial capitals")


def quote_group(group_id: str, speaker: str, text: str, article_ids: tuple[str, ...]) -> QuoteGroup:
    """One statement carried by the given articles."""
    members = tuple(QuoteSource(article_id=item, source=ARTICLES[item].source,
                                published_on=ARTICLES[item].published_on, start=0, end=len(text), text=text,
                                speaker=speaker, verb="said") for item in article_ids)
    return QuoteGroup(group_id=group_id, component="test.v1", speaker=speaker, text=text, members=members)


KUNDUZ = event("ev-kunduz", "Kunduz", day=date(2021, 8, 8), mentions=(
    mention("art-valley", "Kunduz", day=date(2021, 8, 8), notes="Fighters entered Kunduz on Sunday."),))
KUNDUZ_DENIAL = event("ev-kunduz-denied", "Kunduz", day=date(2021, 8, 8), modality=Modality.DENIED, mentions=(
    mention("art-river", "Kunduz", day=date(2021, 8, 8), notes="Officials denied that Kunduz had fallen.",
            modality=Modality.DENIED),))
SHEBERGHAN = event("ev-sheberghan", "Sheberghan", day=date(2021, 8, 12), mentions=(
    mention("art-hostile", "Sheberghan", day=date(2021, 8, 12),
            notes="<img src=x onerror=alert(1)> took it."),
    mention("art-river", "Sheberghan", day=date(2021, 8, 12), confidence=0.9,
            notes="The Taliban took Sheberghan on Thursday, officials said."),
))
FAIZABAD = event("ev-faizabad", "Faizabad", day=date(2021, 8, 10), modality=Modality.CLAIMED, mentions=(
    mention("art-anon", "Faizabad", day=date(2021, 8, 10), modality=Modality.CLAIMED,
            notes="The group claimed it had entered Faizabad."),))
OLD = event("ev-old", "Zaranj", day=date(2021, 8, 6), mentions=(
    mention("art-valley", "Zaranj", day=date(2021, 8, 6), notes="Zaranj fell."),))
LATER = event("ev-later", "Herat", day=date(2021, 8, 13), mentions=(
    mention("art-river", "Herat", day=date(2021, 8, 13), notes="Herat fell."),))

PERIODS = (
    period("Kunduz", 1, actor="Taliban", start=date(2021, 8, 8), event_ids=("ev-kunduz",),
           denied_by=("ev-kunduz-denied",)),
    period("Sheberghan", 2, actor="Government", start=date(2021, 8, 1), end=date(2021, 8, 12)),
    period("Sheberghan", 2, actor="Taliban", start=date(2021, 8, 12), event_ids=("ev-sheberghan",)),
    period("Faizabad", 3, actor=None, start=date(2021, 8, 10), state=ControlState.CONTESTED,
           event_ids=("ev-faizabad",)),
    period("Herat", 4, actor="Taliban", start=date(2021, 8, 13), event_ids=("ev-later",)),
    period("Quetta", 5, actor="Somebody", start=date(2021, 8, 1), country="Pakistan"),
)
HOLDINGS = (
    DailyHoldings(day=date(2021, 8, 10), counts=(("Government", 3), ("Taliban", 1))),
    DailyHoldings(day=date(2021, 8, 11), counts=(("Government", 3), ("Taliban", 1))),
    DailyHoldings(day=date(2021, 8, 12), counts=(("Government", 2), ("Taliban", 2))),
    DailyHoldings(day=date(2021, 8, 13), counts=(("Government", 1), ("Taliban", 3))),
)
DISPUTED = ClaimGroup(group_id="cg-capitals", component="test.v1", subject="provincial capitals",
                      unit="capitals",
                      predicate="control", total=34, verdict=ClaimVerdict.DIFFER,
                      values=(value("art-river", 10), value("art-valley", 9)),
                      first_day=date(2021, 8, 11), last_day=date(2021, 8, 12))
AGREED = replace(DISPUTED, group_id="cg-agreed", subject="districts", verdict=ClaimVerdict.AGREE)
TALLY = TallyCheck(group_id="cg-capitals", actor="Taliban", subject="provincial capitals", as_of=AS_OF,
                   reported=(value("art-valley", 9),), total=34, implied=2,
                   implied_places=("Sheberghan", "Kunduz"), agrees=False)
QUOTES = (
    quote_group("qg-mujahid", "Zabihullah Mujahid", "We will not harm anyone who surrenders.",
                ("art-hostile", "art-river")),
    quote_group("qg-official", "a provincial official", "The city is calm.", ("art-valley",)),
)


def build(**overrides: Any) -> Situation:
    """The fixture situation, with any input replaced."""
    inputs: dict[str, Any] = {
        "country": "Afghanistan", "as_of": AS_OF, "periods": PERIODS, "holdings": HOLDINGS,
        "events": (KUNDUZ, KUNDUZ_DENIAL, SHEBERGHAN, FAIZABAD, OLD, LATER),
        "claim_groups": (DISPUTED, AGREED), "quote_groups": QUOTES, "tallies": (TALLY,), "articles": ARTICLES,
    }
    inputs.update(overrides)
    return build_situation(**inputs)


def section(text: str, heading: str) -> str:
    """The Markdown of one `## heading` section, up to the next heading."""
    start = text.index(f"## {heading}")
    end = text.find("\n## ", start + 1)
    return text[start: end if end != -1 else len(text)]


def row_of(text: str, first_cell: str) -> str:
    """The Markdown table row whose first cell is `first_cell`."""
    return next(line for line in text.splitlines() if line.startswith(f"| {first_cell} |"))


def cited_articles(situation: Situation, line: str) -> set[str]:
    """The article ids the citation marks of `line` point to."""
    by_number = {citation.number: citation.article_id for citation in situation.citations}
    return {by_number[int(number)] for number in MARK.findall(line)}


def test_selects_what_is_in_force_or_new_on_the_day() -> None:
    situation = build()
    assert [item.place for item in situation.control] == ["Faizabad", "Kunduz", "Sheberghan"]
    assert next(item for item in situation.control if item.place == "Sheberghan").actor == "Taliban"
    # The denial is dated 8 August but first reported on the day: it is new too.
    new = [item.event_id for item in situation.new_events]
    assert new == ["ev-kunduz-denied", "ev-faizabad", "ev-sheberghan"]
    assert [group.group_id for group in situation.disputed] == ["cg-capitals"]
    assert [day.day for day in situation.holdings][-1] == AS_OF
    assert situation.since == date(2021, 8, 11)
    assert [group.group_id for group in situation.quotes] == ["qg-mujahid", "qg-official"]


def test_report_has_every_section_and_the_counts_line() -> None:
    markdown = render_markdown(build())
    assert markdown.startswith("# Situation report: Afghanistan, 2021-08-12\n")
    assert "3 places in the control table; 3 new events; 4 cited articles from 3 outlets." in markdown
    for heading in ("Control on 2021-08-12", "Places held per day", "New events since 2021-08-11",
                    "Reported tallies vs events", "Disputed figures", "Main quotes", "Sources"):
        assert f"\n## {heading}\n" in markdown


def test_citations_are_numbered_in_order_of_first_use() -> None:
    situation = build()
    markdown = render_markdown(situation)
    body = markdown[: markdown.index("## Sources")]
    first_use = list(dict.fromkeys(int(number) for number in MARK.findall(body)))
    assert first_use == list(range(1, len(situation.citations) + 1))
    assert [citation.number for citation in situation.citations] == first_use


def test_citation_numbers_resolve_to_the_right_articles() -> None:
    situation = build()
    markdown = render_markdown(situation)
    control = section(markdown, "Control on")
    kunduz = row_of(control, "Kunduz")
    assert "| no |" in kunduz  # one source only
    assert "River Times" in kunduz  # the outlet that denied it
    assert cited_articles(situation, kunduz) == {"art-valley", "art-river"}
    assert cited_articles(situation, row_of(control, "Faizabad")) == {"art-anon"}
    events = section(markdown, "New events since")
    sheberghan = next(line for line in events.splitlines() if "Sheberghan" in line)
    assert cited_articles(situation, sheberghan) == {"art-hostile", "art-river"}
    assert "“The Taliban took Sheberghan on Thursday, officials said.”" in sheberghan  # the best mention
    assert "(claimed)" in next(line for line in events.splitlines() if "Faizabad" in line)
    sources = section(markdown, "Sources")
    for citation in situation.citations:
        line = next(line for line in sources.splitlines() if line.startswith(f"- [{citation.number}] "))
        assert f"article {citation.article_id}" in line


def test_disputed_figures_tally_mismatch_and_quotes_are_shown() -> None:
    situation = build()
    markdown = render_markdown(situation)
    disputed = row_of(section(markdown, "Disputed figures"), r"provincial capitals (control)")
    assert "9 of 34 capitals (Valley Post, 2021-08-11)" in disputed
    assert "10 of 34 capitals (River Times, 2021-08-12)" in disputed
    assert disputed.rstrip().endswith("| differ |")
    assert cited_articles(situation, disputed) == {"art-valley", "art-river"}
    tally = row_of(section(markdown, "Reported tallies"), "provincial capitals")
    assert "MISMATCH" in tally
    assert "2: Kunduz, Sheberghan" in tally
    quotes = section(markdown, "Main quotes")
    mujahid = row_of(quotes, "Zabihullah Mujahid")
    assert "“We will not harm anyone who surrenders.”" in mujahid
    assert cited_articles(situation, mujahid) == {"art-hostile", "art-river"}


def test_unknown_outlet_is_named_so() -> None:
    situation = build()
    anon = next(citation for citation in situation.citations if citation.article_id == "art-anon")
    sources = section(render_markdown(situation), "Sources")
    assert f"- [{anon.number}] unknown outlet, “(untitled)”, 2021-08-12, article art-anon" in sources
    assert "unknown outlet" in render_html(situation)


def test_markdown_and_html_carry_the_same_facts() -> None:
    situation = build()
    markdown, page = render_markdown(situation), render_html(situation)
    assert set(MARK.findall(markdown)) == set(MARK.findall(page))
    assert set(re.findall(r'href="#cite-(\d+)"', page)) <= {str(item.number) for item in situation.citations}
    for fact in ("Kunduz", "Sheberghan", "Faizabad", "MISMATCH", "Zabihullah Mujahid", "River Times",
                 "2021-08-11", "unknown outlet", "differ"):
        assert fact in markdown
        assert fact in page


def test_hostile_strings_come_out_inert() -> None:
    situation = build()
    markdown, page = render_markdown(situation), render_html(situation)
    assert "<script" not in page.lower()
    assert "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page.lower()
    assert "javascript:alert(1)" in page  # shown as text, not as a link
    assert 'href="https://valley.example/k"' in page and 'href="http://river.example/s"' in page
    assert "<script>" not in markdown and "<img" not in markdown
    assert r"\<script\>alert(1)\</script\>" in markdown
    assert "<javascript:" not in markdown and "<https://valley.example/k>" in markdown


def test_html_page_is_self_contained() -> None:
    page = render_html(build())
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<style>" in page
    for external in ("<link", "<script", "src=", "@import", "url("):
        assert external not in page
    svg = page[page.index("<svg"): page.index("</svg>")]
    assert svg.count("<path ") == 2  # one line per actor
    assert "Taliban" in svg and "Government" in svg  # the legend
    assert "2021-08-10" in svg and "places held" in svg  # axis labels
    assert len(set(re.findall(r'stroke="(#[0-9A-Fa-f]{6})" stroke-width', svg))) == 2
    assert "2021-08-13" not in svg  # holdings after as_of are not drawn


def test_output_is_identical_whatever_the_input_order() -> None:
    expected = build()
    rng = random.Random(7)
    for _ in range(5):
        events = [KUNDUZ, KUNDUZ_DENIAL, SHEBERGHAN, FAIZABAD, OLD, LATER]
        periods, holdings, quotes = list(PERIODS), list(HOLDINGS), list(QUOTES)
        for items in (events, periods, holdings, quotes):
            rng.shuffle(items)
        shuffled_articles = dict(rng.sample(sorted(ARTICLES.items()), len(ARTICLES)))
        situation = build(events=events, periods=periods, holdings=holdings, quote_groups=quotes,
                          claim_groups=(AGREED, DISPUTED), articles=shuffled_articles)
        assert render_markdown(situation) == render_markdown(expected)
        assert render_html(situation) == render_html(expected)


def test_empty_report_says_so_in_each_section() -> None:
    situation = build(periods=(), holdings=(), events=(), claim_groups=(), quote_groups=(), tallies=(),
                      articles={})
    markdown, page = render_markdown(situation), render_html(situation)
    expected = ("0 places in the control table; 0 new events; 0 cited articles from 0 outlets.",
                "No control periods in force on 2021-08-12.", "No places-held figures up to 2021-08-12.",
                "No new events since 2021-08-11.", "No reported tallies to check.", "No disputed figures.",
                "No quotes.", "No sources cited.")
    for line in expected:
        assert line in markdown
        assert line in page
    assert "<svg" not in page


def test_articles_missing_from_the_store_are_still_cited_from_the_records() -> None:
    situation = build(articles={})
    river = next(citation for citation in situation.citations if citation.article_id == "art-river")
    assert (river.source, river.title, river.url) == ("River Times", "(untitled)", None)
    assert river.published_on == date(2021, 8, 12)  # from the claim value


def test_main_quotes_rank_by_outlets_and_are_capped() -> None:
    many = [quote_group(f"qg-{index}", "a spokesman", f"Statement {index}.", ("art-valley",))
            for index in range(MAX_QUOTES + 3)]
    chosen = select_quotes([*many, QUOTES[0]], AS_OF)
    assert len(chosen) == MAX_QUOTES
    assert chosen[0].group_id == "qg-mujahid"  # two outlets beat one
    late = select_quotes([quote_group("qg-late", "x", "Later words.", ("art-river",))], date(2021, 8, 11))
    assert late == ()
