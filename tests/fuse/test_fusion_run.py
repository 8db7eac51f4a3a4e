"""Incremental fusion over the store: outlets merged, look-alikes apart, order and repeats change nothing."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import cli
from sitrep.ingest.identity import article_id
from sitrep.records import (
    Article,
    Claim,
    CodedEvent,
    ControlBasis,
    ControlState,
    EntityMention,
    Extraction,
    GeoEntry,
    Modality,
    PlaceMention,
    Quote,
)
from sitrep.run import control_update, fusion
from sitrep.run.control_update import PlaceFacts
from sitrep.run.fusion import fuse_articles, fuse_pending
from sitrep.store import Store, open_store
from sitrep.store.base import FusedQuery
from sitrep.store.fused_read import PlaceKind, control_table, list_fused_events, list_stories

CAPTURE = "Non-state actor overtakes territory"
KARVAND = GeoEntry(910001, "Karvand", 36.1, 68.7, "AF", "Afghanistan", "99", "Karvand Province",
                   "P", "PPLA", 60000)
DASHTAK = GeoEntry(910002, "Dashtak", 34.2, 62.1, "AF", "Afghanistan", "98", "Dashtak Province",
                   "P", "PPLA", 40000)
SEATS = {KARVAND.geonameid, DASHTAK.geonameid}

KARVAND_TEXT = (
    "Taliban fighters captured Karvand, the capital of Karvand Province, on Tuesday after days of "
    "fighting with Afghan forces. Residents said the governor's compound fell at noon and officials "
    "fled to the airport. The insurgents now hold two of the five provincial capitals in the north, "
    "a provincial council member said. \"We have got to defend our own homes now,\" the governor said."
)
KARVAND_OTHER_OUTLET = (
    "The Taliban seized Karvand, capital of Karvand Province, on Tuesday, residents said, after the "
    "Afghan forces withdrew from the governor's compound. Two of the five provincial capitals in the "
    "north are in Taliban hands, according to a council member. \"We have to defend our own homes "
    "now,\" the governor said."
)
DASHTAK_TEXT = (
    "Taliban fighters captured Dashtak, the capital of Dashtak Province, on Friday after a night of "
    "rocket fire on police posts. Shopkeepers in the Dashtak bazaar said the police chief surrendered "
    "with forty men and that the road to the border crossing at Zarghun was closed."
)


def make(text: str, title: str, source: str, day: date | None) -> Article:
    """An article with the id sitrep would give it."""
    return Article(id=article_id(text, title), text=text, title=title, source=source, published_at=day,
                   language="en", input=f"{source}.txt", format="text")


def extraction_of(article: Article, place: GeoEntry, day: date) -> tuple[Extraction, list[CodedEvent]]:
    """What the extractor would find: the Taliban, the town, one capture, the tally and the quote."""
    text = article.text
    town = text.index(place.name)
    actor = text.index("Taliban")
    trigger = next(text.index(verb) for verb in ("captured", "seized") if verb in text)
    entity = EntityMention(article.id, actor, actor + 7, "Taliban", "ORG", "test.v1", "Taliban",
                           "Rebel group")
    mention = PlaceMention(article.id, town, town + len(place.name), place.name, "test.v1", place,
                           (place,), 0.9, 1)
    sentence_end = text.index(".") + 1
    coded = CodedEvent(
        article_id=article.id, trigger_start=trigger, trigger_end=trigger + 8,
        trigger=text[trigger:trigger + 8],
        component="test.v1", event_type="Strategic developments", sub_event_type=CAPTURE,
        modality=Modality.ASSERTED, confidence=0.8, event_date=day, time_precision=1,
        actor1="Taliban", actor1_type="Rebel group", actor2=None, actor2_type=None,
        country=place.country, country_code=place.country_code, admin1=place.admin1, location=place.name,
        geonameid=place.geonameid, latitude=place.latitude, longitude=place.longitude, geo_precision=1,
        fatalities=None, source=article.source, evidence_start=0, evidence_end=sentence_end,
        notes=text[:sentence_end],
    )
    claims: tuple[Claim, ...] = ()
    if "five provincial capitals" in text:
        start = text.index("wo of the five") - 1
        end = text.index("capitals", start) + len("capitals")
        claims = (Claim(article.id, start, end, text[start:end], "test.v1", 2.0, "provincial capitals",
                        "provincial capitals", total=5.0, predicate="hold"),)
    quotes: tuple[Quote, ...] = ()
    if '"' in text:
        start = text.index('"')
        end = text.index('"', start + 1) + 1
        quotes = (Quote(article.id, start, end, text[start:end], "test.v1", "the governor", "said"),)
    extraction = Extraction(article.id, ("test.v1",), entities=(entity,), places=(mention,),
                            events=(), claims=claims, quotes=quotes)
    return extraction, [coded]


@pytest.fixture
def corpus() -> list[tuple[Article, GeoEntry, date]]:
    """Two outlets and a syndicated copy on Karvand, and a look-alike capture of Dashtak days later."""
    tuesday, friday = date(2021, 8, 10), date(2021, 8, 13)
    return [
        (make(KARVAND_TEXT, "Taliban capture Karvand", "Valley Post", tuesday), KARVAND, tuesday),
        (make(KARVAND_OTHER_OUTLET, "Karvand falls to the Taliban", "Courrier Est", tuesday), KARVAND,
         tuesday),
        (make(KARVAND_TEXT + " Reporting by the wire desk.", "Taliban capture Karvand", "Hill Daily",
              tuesday), KARVAND, tuesday),
        (make(DASHTAK_TEXT, "Taliban capture Dashtak", "Valley Post", friday), DASHTAK, friday),
    ]


def store_with(url: str, corpus: Sequence[tuple[Article, GeoEntry, date]]) -> Store:
    """A store holding the articles and their extractions, nothing fused yet."""
    store = open_store(url)
    store.save_batch([article for article, _, _ in corpus], [])
    store.save_extractions([extraction_of(article, place, day) for article, place, day in corpus])
    return store


def dump(store: Store) -> dict[str, list[str]]:
    """Every fused record and control period as JSON, in a fixed order."""
    found = {kind: sorted(row.data for row in store.list_fused(FusedQuery(kind, limit=None)))
             for kind in ("story", "event", "claim", "quote")}
    found["control"] = sorted(row.data for row in store.list_control())
    return found


def seat(geonameid: int) -> bool:
    """The test's admin-1 seats."""
    return geonameid in SEATS


def test_outlets_merge_and_lookalikes_stay_apart(store_url: str, corpus: list) -> None:
    store = store_with(store_url, corpus)
    try:
        summary = fuse_pending(store, seat=seat)
        stories = list_stories(store, FusedQuery("story", limit=None))
        events = list_fused_events(store, FusedQuery("event", limit=None))
    finally:
        store.close()
    assert summary.articles == 4
    by_size = sorted(stories, key=lambda story: len(story.article_ids))
    assert [len(story.article_ids) for story in by_size] == [1, 3]
    assert by_size[1].sources == ("Courrier Est", "Hill Daily", "Valley Post")
    captures = {event.location: event for event in events if event.sub_event_type == CAPTURE}
    assert set(captures) == {"Karvand", "Dashtak"}
    karvand = captures["Karvand"]
    assert len(karvand.mentions) == 3
    assert karvand.sources == ("Courrier Est", "Hill Daily", "Valley Post")
    assert karvand.independent_sources == 2  # the wire copy counts once
    assert captures["Dashtak"].independent_sources == 1


def test_claims_quotes_and_control_are_fused(store_url: str, corpus: list) -> None:
    store = store_with(store_url, corpus)
    try:
        fuse_pending(store, seat=seat)
        claims = store.list_fused(FusedQuery("claim", limit=None))
        quotes = store.list_fused(FusedQuery("quote", limit=None))
        on_wednesday = control_table(store, country="Afghanistan", as_of=date(2021, 8, 11))
        on_saturday = control_table(store, country="AF", as_of=date(2021, 8, 14),
                                    kind=PlaceKind.PROVINCIAL_CAPITAL)
    finally:
        store.close()
    assert [json.loads(row.data)["verdict"] for row in claims] == ["agree"]
    assert len(json.loads(claims[0].data)["values"]) == 3
    assert len(quotes) == 1 and len(json.loads(quotes[0].data)["members"]) == 3
    # Dashtak, a provincial capital no report has yet said fell, is presumed held by the government.
    assert [(p.place, p.actor, p.state, p.basis) for p in on_wednesday.periods] == [
        ("Dashtak", "Military Forces of Afghanistan", ControlState.CONTROLLED, ControlBasis.PRESUMED),
        ("Karvand", "Taliban", ControlState.CONTROLLED, ControlBasis.EVIDENCED)]
    assert on_wednesday.periods[1].corroborated and not on_wednesday.periods[0].corroborated
    assert [p.place for p in on_saturday.periods] == ["Dashtak", "Karvand"]
    assert not on_saturday.periods[0].corroborated  # one outlet only


def test_arrival_order_and_batches_do_not_change_the_result(tmp_path: object, corpus: list) -> None:
    reference = store_with(f"sqlite:///{tmp_path}/all.db", corpus)
    fuse_pending(reference, seat=seat)
    expected = dump(reference)
    reference.close()
    for seed in range(4):
        shuffled = list(corpus)
        random.Random(seed).shuffle(shuffled)
        store = store_with(f"sqlite:///{tmp_path}/shuffled-{seed}.db", [])
        for begin in range(0, len(shuffled), 1 + seed % 2):
            part = shuffled[begin:begin + 1 + seed % 2]
            store.save_batch([article for article, _, _ in part], [])
            store.save_extractions([extraction_of(a, place, day) for a, place, day in part])
            fuse_articles(store, [article.id for article, _, _ in part], seat=seat)
        assert dump(store) == expected, f"seed {seed}"
        store.close()


def test_fusing_again_changes_nothing(store_url: str, corpus: list) -> None:
    store = store_with(store_url, corpus)
    try:
        fuse_pending(store, seat=seat)
        before = dump(store)
        assert fuse_pending(store, seat=seat).articles == 0
        fuse_articles(store, [article.id for article, _, _ in corpus], seat=seat)
        fuse_articles(store, [corpus[1][0].id], seat=seat)
        assert dump(store) == before
    finally:
        store.close()


def test_a_failed_batch_leaves_the_earlier_state(tmp_path: object, corpus: list,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    store = store_with(f"sqlite:///{tmp_path}/fail.db", corpus[:2])
    fuse_pending(store, seat=seat)
    before = dump(store)
    store.save_batch([corpus[3][0]], [])
    store.save_extractions([extraction_of(*corpus[3])])

    def broken(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("disk full")

    monkeypatch.setattr(control_update, "control_periods", broken)
    with pytest.raises(RuntimeError):
        fuse_pending(store, seat=seat)
    assert dump(store) == before
    assert store.unfused_article_ids() == [corpus[3][0].id]
    store.close()


def test_commands_print_stories_and_control(tmp_path: object, corpus: list,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path}/cli.db"
    store_with(url, corpus).close()
    monkeypatch.setattr(fusion, "default_seat_test", lambda: seat)
    runner = CliRunner()
    fused = runner.invoke(cli, ["fuse", "--db", url, "--json"])
    assert fused.exit_code == 0, fused.output
    assert json.loads(fused.output)["articles"] == 4
    stories = runner.invoke(cli, ["stories", "--db", url, "--json"])
    assert sorted(len(story["article_ids"]) for story in json.loads(stories.output)) == [1, 3]
    control = runner.invoke(cli, ["control", "--db", url, "--country", "Afghanistan", "--as-of",
                                  "2021-08-14", "--kind", "provincial-capital", "--json"])
    table = json.loads(control.output)
    assert [place["place"] for place in table["places"]] == ["Dashtak", "Karvand"]
    again = runner.invoke(cli, ["fuse", "--db", url, "--all", "--json"])
    assert json.loads(again.output)["articles"] == 4
    text = runner.invoke(cli, ["control", "--db", url, "--country", "AF", "--as-of", "2021-08-11"])
    assert "Karvand" in text.output and "presumed" in text.output  # Dashtak, before its fall


def test_report_writes_markdown_and_html_with_citations(tmp_path: Path, corpus: list,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path}/report.db"
    store_with(url, corpus).close()
    monkeypatch.setattr(fusion, "default_seat_test", lambda: seat)
    runner = CliRunner()
    assert runner.invoke(cli, ["fuse", "--db", url]).exit_code == 0
    result = runner.invoke(cli, ["report", "--db", url, "--country", "Afghanistan", "--as-of", "2021-08-13",
                                 "--output", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "out" / "sitrep-afghanistan-2021-08-13.md").read_text(encoding="utf-8")
    html = (tmp_path / "out" / "sitrep-afghanistan-2021-08-13.html").read_text(encoding="utf-8")
    for text in (markdown, html):
        assert "Dashtak" in text and "Karvand" in text
        assert "Valley Post" in text and "Courrier Est" in text
    assert "[1]" in markdown and "<svg" in html


def test_an_undated_report_joins_its_story_and_takes_its_day(store_url: str, corpus: list) -> None:
    article, place, day = corpus[1]
    undated = Article(id=article.id, text=article.text, title=article.title, source=article.source,
                      published_at=None, language="en", input="undated.txt", format="text")
    store = store_with(store_url, [corpus[0], (undated, place, day), corpus[3]])
    try:
        fuse_pending(store, seat=seat)
        stories = list_stories(store, FusedQuery("story", limit=None))
        claims = [json.loads(row.data) for row in store.list_fused(FusedQuery("claim", limit=None))]
    finally:
        store.close()
    karvand = next(story for story in stories if undated.id in story.article_ids)
    assert set(karvand.article_ids) == {corpus[0][0].id, undated.id}
    assert [claim["verdict"] for claim in claims] == ["agree"]  # compared on the story's day


def test_stories_do_not_chain_across_weeks(tmp_path: Path) -> None:
    """Two reports of one kind a week apart stay apart even when a daily chain could link them."""
    days = [date(2021, 8, 6), date(2021, 8, 8), date(2021, 8, 9), date(2021, 8, 11)]
    items = [(make(KARVAND_TEXT + f" Update {n}.", "Taliban capture Karvand", f"Outlet {n}", day),
              KARVAND, day) for n, day in enumerate(days)]
    store = store_with(f"sqlite:///{tmp_path}/weeks.db", items)
    fuse_pending(store, seat=seat)
    stories = list_stories(store, FusedQuery("story", limit=None))
    store.close()
    assert sorted((story.first_day, story.last_day) for story in stories) == [
        (days[0], days[1]), (days[2], days[3])]  # ISO weeks 31 and 32


def test_every_seat_of_a_country_where_control_moves_is_presumed(tmp_path: Path, corpus: list) -> None:
    quiet = GeoEntry(geonameid=9001, name="Stillwater", latitude=35.0, longitude=66.0, country_code="AF",
                     country="Afghanistan", feature_code="PPLA")
    facts = PlaceFacts(seat=seat, seats=lambda code: [quiet] if code == "AF" else [])
    store = store_with(f"sqlite:///{tmp_path}/seats.db", corpus)
    try:
        fuse_pending(store, seat=facts)
        table = control_table(store, country="AF", as_of=date(2021, 8, 14), kind=PlaceKind.PROVINCIAL_CAPITAL)
    finally:
        store.close()
    still = [period for period in table.periods if period.place == "Stillwater"]
    assert [(p.actor, p.basis, p.event_ids) for p in still] == [
        ("Military Forces of Afghanistan", ControlBasis.PRESUMED, ())]
