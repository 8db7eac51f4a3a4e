"""Event fusion: mentions from many articles merged into one event per real event."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import combinations

import pytest

from sitrep.fuse.events import (
    NAME,
    VERSION,
    WINDOW_DAYS,
    EventEvidence,
    are_linked,
    evidence_keys,
    fuse_events,
)
from sitrep.records import CodedEvent, Event, Modality

CAPTURE = "Non-state actor overtakes territory"
RECAPTURE = "Government regains territory"
CLASH = "Armed clash"
STATEMENT = "Statement"
TALIBAN = "Taliban"
ARMY = "Afghan National Security Forces"
AUG = 8


@dataclass(frozen=True)
class Place:
    """A gazetteer place as a coded event carries it."""

    name: str
    geonameid: int
    admin1: str | None
    precision: int
    country: str = "Afghanistan"
    country_code: str = "AF"


KUNDUZ = Place("Kunduz", 1135689, "Kunduz", 1)
SAR_E_PUL = Place("Sar-e Pul", 1127110, "Sar-e Pol", 1)
TALOQAN = Place("Taloqan", 1123004, "Takhar", 1)
IMAM_SAHIB = Place("Imam Sahib", 1139715, "Kunduz", 1)
KUNDUZ_PROVINCE = Place("Kunduz", 9_000_001, "Kunduz", 3)
AFGHANISTAN = Place("Afghanistan", 1149361, None, 3)


def day(number: int) -> date:
    """A day of August 2021."""
    return date(2021, AUG, number)


def mention(
    article: str,
    *,
    start: int = 100,
    kind: str = CAPTURE,
    modality: Modality = Modality.ASSERTED,
    on: date | None = None,
    precision: int | None = 1,
    actor1: str | None = TALIBAN,
    actor1_type: str | None = "Rebel group",
    actor2: str | None = None,
    actor2_type: str | None = None,
    place: Place | None = KUNDUZ,
    fatalities: int | None = None,
    source: str | None = "Kabul Daily",
    confidence: float = 0.8,
) -> CodedEvent:
    """A coded mention with the fields fusion reads; the rest are plausible fillers."""
    return CodedEvent(
        article_id=article, trigger_start=start, trigger_end=start + 8, trigger="captured",
        component="test.v1", event_type="Battles" if kind != STATEMENT else "Strategic developments",
        sub_event_type=kind, modality=modality, confidence=confidence,
        event_date=on if on is not None or precision is None else day(8), time_precision=precision,
        actor1=actor1, actor1_type=actor1_type if actor1 else None, actor2=actor2, actor2_type=actor2_type,
        country=place.country if place else None, country_code=place.country_code if place else None,
        admin1=place.admin1 if place else None, location=place.name if place else None,
        geonameid=place.geonameid if place else None, latitude=36.7 if place else None,
        longitude=68.8 if place else None, geo_precision=place.precision if place else None,
        fatalities=fatalities, source=source, evidence_start=start - 20, evidence_end=start + 40,
        notes="Insurgents took the town after a night of fighting.",
    )


def evidence(
    item: CodedEvent, *, published: date | None = date(2021, 8, 9), story: str | None = "S1",
    copy_of: str | None = None,
) -> EventEvidence:
    """The mention in its article's context; an original unless `copy_of` says otherwise."""
    return EventEvidence(
        mention=item, published_on=published, story_id=story, copy_of=copy_of or item.article_id
    )


def fuse_all(evidences: list[EventEvidence]) -> list[Event]:
    """What the orchestrator does: block by key, link pairs, fuse each connected group."""
    parent = list(range(len(evidences)))

    def find(node: int) -> int:
        while parent[node] != node:
            node = parent[node]
        return node

    blocks: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(evidences):
        for key in evidence_keys(item):
            blocks[key].append(index)
    for members in blocks.values():
        for i, j in combinations(members, 2):
            if are_linked(evidences[i], evidences[j]):
                parent[find(j)] = find(i)
    groups: dict[int, list[EventEvidence]] = defaultdict(list)
    for index, item in enumerate(evidences):
        groups[find(index)].append(item)
    events = [event for group in groups.values() for event in fuse_events(group)]
    return sorted(events, key=lambda event: event.event_id)


def only(events: list[Event]) -> Event:
    """The single event of a list."""
    assert len(events) == 1, [event.event_id for event in events]
    return events[0]


def test_one_capture_reported_by_two_outlets_is_one_event() -> None:
    first = evidence(mention("a1", source="Kabul Daily", confidence=0.8), published=day(9))
    second = evidence(mention("b1", source="Hindu Kush Times", confidence=0.6), published=day(10))
    event = only(fuse_all([first, second]))
    assert event.component == f"{NAME}.v{VERSION}"
    assert event.event_id == "E-a1-100-1135689"
    assert event.sources == ("Hindu Kush Times", "Kabul Daily")
    assert event.independent_sources == 2
    assert event.confidence == pytest.approx(1 - 0.2 * 0.4)
    assert event.article_ids == ("a1", "b1")
    assert (event.location, event.geonameid, event.event_date) == ("Kunduz", 1135689, day(8))
    assert event.actor1 == TALIBAN
    assert event.disagreements == ()


def test_headline_and_body_of_one_article_are_one_event() -> None:
    headline = evidence(mention("a1", start=0, place=None, on=day(9), precision=2, actor1=None))
    body = evidence(mention("a1", start=120))
    event = only(fuse_all([headline, body]))
    assert len(event.mentions) == 2
    assert event.independent_sources == 1
    assert event.confidence == 0.8
    assert (event.location, event.event_date, event.time_precision) == ("Kunduz", day(8), 1)
    assert event.actor1 == TALIBAN


def test_roundup_corroborates_each_earlier_report() -> None:
    reports = [
        evidence(mention("k1", place=KUNDUZ, on=day(8)), published=day(8), story="S-kunduz"),
        evidence(mention("s1", place=SAR_E_PUL, on=day(8)), published=day(8), story="S-sarepul"),
        evidence(mention("t1", place=TALOQAN, on=day(9)), published=day(9), story="S-taloqan"),
    ]
    roundup = [
        # One trigger listing three towns: one mention per town, all at the same offsets.
        evidence(mention("r1", start=50, place=place, on=day(12), precision=2, source="Wire Weekly"),
                 published=day(14), story="S-roundup")
        for place in (KUNDUZ, SAR_E_PUL, TALOQAN)
    ]
    events = fuse_all(reports + roundup)
    assert [event.location for event in events] == ["Kunduz", "Sar-e Pul", "Taloqan"]
    assert [e.event_id for e in events] == ["E-k1-100-1135689", "E-s1-100-1127110", "E-t1-100-1123004"]
    assert len({event.event_id for event in fuse_all(roundup)}) == 3
    for event, expected in zip(events, (day(8), day(8), day(9)), strict=True):
        assert event.independent_sources == 2
        assert event.article_ids[1] == "r1"
        # The week-precise round-up backs the day the first report gives, so the day wins.
        assert (event.event_date, event.time_precision) == (expected, 1)
        assert not any(item.field == "event_date" for item in event.disagreements)


def test_captures_of_two_towns_stay_apart() -> None:
    events = fuse_all([
        evidence(mention("a1", place=KUNDUZ)),
        evidence(mention("a1", start=300, place=SAR_E_PUL)),
    ])
    assert sorted(event.location or "" for event in events) == ["Kunduz", "Sar-e Pul"]


def test_same_town_three_weeks_apart_stays_apart() -> None:
    early = evidence(mention("a1", on=day(1)), published=day(1))
    late = evidence(mention("b1", on=day(22), precision=2, source="Other"), published=day(22))
    assert not are_linked(early, late)
    assert len(fuse_all([early, late])) == 2
    assert len(fuse_events([early, late])) == 2


def test_capture_and_recapture_stay_apart() -> None:
    capture = evidence(mention("a1"))
    recapture = evidence(mention("b1", kind=RECAPTURE, actor1=ARMY, actor1_type="State forces"))
    other_capturer = evidence(mention("c1", actor1="Islamic State", actor1_type="Rebel group"))
    assert not are_linked(capture, recapture)
    assert not are_linked(capture, other_capturer)
    assert len(fuse_all([capture, recapture, other_capturer])) == 3


def test_denial_and_threat_stay_apart_from_the_capture() -> None:
    capture = evidence(mention("a1"))
    reported = evidence(mention("b1", modality=Modality.REPORTED, source="Other", confidence=0.5))
    denial = evidence(mention("c1", modality=Modality.DENIED, source="Third"))
    threat = evidence(mention("d1", modality=Modality.THREATENED, source="Fourth"))
    events = fuse_all([capture, reported, denial, threat])
    assert [(event.modality, len(event.mentions)) for event in events] == [
        (Modality.ASSERTED, 2), (Modality.DENIED, 1), (Modality.THREATENED, 1),
    ]


def test_syndicated_copies_count_once() -> None:
    wire = [
        evidence(mention(f"w{n}", source=outlet, confidence=0.7), copy_of="w0")
        for n, outlet in enumerate(("Wire", "Site One", "Site Two", "Site Three", "Site Four"))
    ]
    own = evidence(mention("o1", source="Site One", confidence=0.5))
    independent = evidence(mention("i1", source="Local Radio", confidence=0.6))
    anonymous = [evidence(mention(f"n{n}", source=None, confidence=0.5)) for n in range(2)]
    event = only(fuse_all([*wire, own, independent, *anonymous]))
    assert event.sources == ("Local Radio", "Site Four", "Site One", "Site Three", "Site Two", "Wire")
    # The wire text and Site One's own article are one source; each outlet-less article its own.
    assert event.independent_sources == 4
    assert event.confidence == pytest.approx(1 - 0.3 * 0.4 * 0.5 * 0.5, abs=1e-4)


def test_different_days_are_recorded_as_a_disagreement() -> None:
    first = evidence(mention("a1", on=day(8), source="Kabul Daily"), published=day(9))
    second = evidence(mention("b1", on=day(9), source="Hindu Kush Times"), published=day(10))
    event = only(fuse_all([first, second]))
    assert event.event_date == day(8)
    (disagreement,) = event.disagreements
    assert disagreement.field == "event_date"
    assert [(v.value, v.article_ids, v.sources) for v in disagreement.values] == [
        ("2021-08-08", ("a1",), ("Kabul Daily",)),
        ("2021-08-09", ("b1",), ("Hindu Kush Times",)),
    ]
    third = evidence(mention("c1", on=day(9), source="Radio North"), published=day(10))
    event = only(fuse_all([first, second, third]))
    assert event.event_date == day(9)
    assert event.disagreements[0].values[0].value == "2021-08-09"


def test_vague_mention_between_two_towns_does_not_chain_them() -> None:
    kunduz = evidence(mention("a1", place=KUNDUZ))
    sar_e_pul = evidence(mention("b1", place=SAR_E_PUL, source="Other"))
    vague = evidence(mention("c1", place=None, source="Third"))
    assert are_linked(vague, kunduz)
    assert are_linked(vague, sar_e_pul)
    events = fuse_events([kunduz, sar_e_pul, vague])
    assert sorted(event.location or "-" for event in events) == ["-", "Kunduz", "Sar-e Pul"]
    assert "E-c1-100" in {event.event_id for event in events}
    assert all(len(event.mentions) == 1 for event in events)


def test_vague_mention_joins_the_one_event_of_its_story() -> None:
    kunduz = evidence(mention("a1", place=KUNDUZ))
    vague = evidence(mention("c1", place=None, source="Third"))
    elsewhere = evidence(mention("d1", place=None, source="Fourth"), story="S2")
    assert not are_linked(elsewhere, kunduz)
    events = fuse_all([kunduz, vague, elsewhere])
    assert [event.article_ids for event in events] == [("a1", "c1"), ("d1",)]
    assert events[0].location == "Kunduz"


def test_week_mention_does_not_chain_two_dates() -> None:
    early = evidence(mention("a1", on=day(2)), published=day(2))
    week = evidence(mention("b1", on=day(8), precision=2, source="Other"), published=day(9))
    late = evidence(mention("c1", on=day(14), source="Third"), published=day(14))
    assert are_linked(early, week)
    assert are_linked(week, late)
    assert not are_linked(early, late)
    events = fuse_events([early, week, late])
    assert len(events) == 2
    assert all({"a1", "c1"} - set(event.article_ids) for event in events)


def test_region_mention_takes_the_town_it_holds() -> None:
    town = evidence(mention("a1", place=KUNDUZ))
    region = evidence(mention("b1", place=KUNDUZ_PROVINCE, source="Other"), story="S2")
    event = only(fuse_all([region, town]))
    assert (event.location, event.geonameid, event.geo_precision) == ("Kunduz", KUNDUZ.geonameid, 1)
    assert event.independent_sources == 2


def test_region_mention_with_two_towns_stays_its_own_event() -> None:
    town = evidence(mention("a1", place=KUNDUZ))
    other_town = evidence(mention("b1", place=IMAM_SAHIB, source="Other"))
    region = evidence(mention("c1", place=KUNDUZ_PROVINCE, source="Third"))
    country = evidence(mention("d1", place=AFGHANISTAN, source="Fourth"))
    events = fuse_all([town, other_town, region, country])
    assert sorted((event.location or "", event.geo_precision) for event in events) == [
        ("Afghanistan", 3), ("Imam Sahib", 1), ("Kunduz", 1), ("Kunduz", 3),
    ]


def test_statements_merge_within_their_story_only() -> None:
    def statement(article: str, story: str, source: str) -> EventEvidence:
        item = mention(article, kind=STATEMENT, place=None, on=day(11), precision=2, source=source)
        return evidence(item, story=story)

    events = fuse_all([statement("a1", "S1", "1"), statement("b1", "S1", "Two"), statement("c1", "S9", "3")])
    assert [(e.article_ids, e.story_id) for e in events] == [(("a1", "b1"), "S1"), (("c1",), "S9")]


def test_fatality_counts_disagree_and_the_lowest_wins_a_tie() -> None:
    event = only(fuse_all([
        evidence(mention("a1", kind=CLASH, actor2=ARMY, fatalities=12, source="One")),
        evidence(mention("b1", kind=CLASH, actor2=ARMY, fatalities=9, source="Two")),
    ]))
    assert event.fatalities == 9
    assert [(item.field, [v.value for v in item.values]) for item in event.disagreements] == [
        ("fatalities", ["12", "9"]),
    ]


def test_clash_roles_may_be_swapped() -> None:
    one = evidence(mention("a1", kind=CLASH, actor1=TALIBAN, actor2=ARMY, actor2_type="State forces"))
    two = evidence(mention("b1", kind=CLASH, actor1=ARMY, actor1_type="State forces", actor2=TALIBAN,
                           actor2_type="Rebel group", source="Two"))
    capture_swapped = evidence(mention("c1", actor1=ARMY, actor1_type="State forces", source="Three"))
    assert are_linked(one, two)
    assert not are_linked(evidence(mention("a1")), capture_swapped)
    event = only(fuse_all([one, two]))
    assert (event.actor1, event.actor2) == (TALIBAN, ARMY)
    assert event.disagreements == ()


def test_free_text_actor_fits_a_dictionary_name_and_the_difference_is_kept() -> None:
    named = evidence(mention("a1", kind=RECAPTURE, actor1=ARMY, actor1_type="State forces"))
    free = evidence(mention("b1", kind=RECAPTURE, actor1="Afghan forces", actor1_type=None, source="Two"))
    other_free = evidence(mention("c1", kind=RECAPTURE, actor1="militia", actor1_type=None, source="Three"))
    assert are_linked(named, free)
    assert not are_linked(named, other_free)
    event = only(fuse_all([free, named]))
    assert event.actor1 == ARMY
    assert [(item.field, [v.value for v in item.values]) for item in event.disagreements] == [
        ("actor1", ["Afghan National Security Forces", "Afghan forces"]),
    ]


def test_one_toponym_resolved_to_two_places_is_one_event_with_the_difference() -> None:
    elsewhere = replace(KUNDUZ, geonameid=1, admin1="Baghlan")
    event = only(fuse_all([
        evidence(mention("a1", place=KUNDUZ, source="One")),
        evidence(mention("b1", place=KUNDUZ, source="Two")),
        evidence(mention("c1", place=elsewhere, source="Three")),
    ]))
    assert event.geonameid == KUNDUZ.geonameid
    assert [(item.field, [v.value for v in item.values]) for item in event.disagreements] == [
        ("location", ["Kunduz, Kunduz, Afghanistan", "Kunduz, Baghlan, Afghanistan"]),
    ]


def test_event_id_and_story_follow_the_mentions() -> None:
    late_first_id = evidence(mention("a9", start=40), published=day(8), story="S2")
    early = evidence(mention("b1", start=7, source="Two"), published=day(10), story="S1")
    undated = evidence(mention("a0", source="Three"), published=None, story="S1")
    event = only(fuse_all([early, undated, late_first_id]))
    assert event.event_id == "E-a9-40-1135689"
    assert event.article_ids == ("a9", "b1", "a0")
    assert event.story_id == "S1"


def test_confidence_is_capped_below_one() -> None:
    outlets = ("One", "Two", "Three", "Four")
    items = [evidence(mention(f"a{n}", source=outlet, confidence=0.95)) for n, outlet in enumerate(outlets)]
    event = only(fuse_all(items))
    assert event.confidence == 0.99


def corpus() -> list[EventEvidence]:
    """A mixed set: captures, a round-up, copies, vague and denied mentions, statements, clashes."""
    items = [
        evidence(mention("k1", place=KUNDUZ, on=day(8)), published=day(8), story="S1"),
        evidence(mention("k2", place=KUNDUZ, on=day(9), source="Two"), published=day(9), story="S1"),
        evidence(mention("k3", start=5, place=None, on=day(9), precision=2, source="Two"), story="S1"),
        evidence(mention("s1", place=SAR_E_PUL, on=day(8), source="Three"), published=day(8), story="S1"),
        evidence(mention("t1", place=TALOQAN, on=day(10), source="Four"), published=day(10), story="S3"),
        evidence(mention("k4", place=KUNDUZ, on=day(30), source="Four"), published=day(30), story="S4"),
        evidence(mention("d1", modality=Modality.DENIED, source="Five"), story="S1"),
        evidence(mention("p1", place=KUNDUZ_PROVINCE, on=day(9), source="6"), story="S5"),
        evidence(mention("x1", kind=STATEMENT, place=None, precision=2, on=day(11), source="6"), story="S5"),
        evidence(mention("x2", kind=STATEMENT, place=None, precision=2, on=day(11), source="W"), story="S5"),
        evidence(mention("c1", kind=CLASH, actor2=ARMY, fatalities=4, source="Wire"), story="S6"),
    ]
    items += [
        evidence(mention(f"r{n}", start=start, place=place, on=day(12), precision=2, source=f"Copy {n}"),
                 published=day(14), story="S7", copy_of="r0")
        for n in range(3)
        for start, place in ((50, KUNDUZ), (70, SAR_E_PUL), (90, TALOQAN))
    ]
    return items


def test_linked_pairs_share_a_blocking_key() -> None:
    items = corpus()
    for a, b in combinations(items, 2):
        assert are_linked(a, b) == are_linked(b, a)
        if are_linked(a, b):
            assert set(evidence_keys(a)) & set(evidence_keys(b)), (a.mention.article_id, b.mention.article_id)


def test_mentions_further_apart_than_the_window_never_link() -> None:
    base = mention("a1", place=None, precision=3, on=day(1))
    far = mention("b1", place=None, precision=3, on=day(1) + timedelta(days=WINDOW_DAYS + 1))
    near = mention("c1", place=None, precision=3, on=day(1) + timedelta(days=WINDOW_DAYS))
    assert not are_linked(evidence(base), evidence(far))
    assert are_linked(evidence(base), evidence(near))


@pytest.mark.parametrize("seed", range(8))
def test_results_do_not_depend_on_arrival_order(seed: int) -> None:
    items = corpus()
    expected = fuse_all(items)
    assert len(expected) == 8
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    assert fuse_all(shuffled) == expected
    assert fuse_events(shuffled) == fuse_events(items)


def test_names_in_other_scripts_are_compared_as_written() -> None:
    town = replace(KUNDUZ, name="قندوز")
    first = evidence(mention("a1", actor1="طالبان", actor1_type=None, place=town))
    same = evidence(mention("b1", actor1="طالبان", actor1_type=None, place=replace(town, geonameid=6)))
    other = evidence(mention("c1", actor1="داعش", actor1_type=None, place=town))
    elsewhere = evidence(mention("d1", actor1="طالبان", actor1_type=None, place=replace(town, name="تالقان")))
    assert are_linked(first, same)
    assert not are_linked(first, other)
    assert not are_linked(first, elsewhere)


def test_many_undated_reports_outweigh_one_misdated_mention() -> None:
    misdated = evidence(mention("m1", on=date(2021, 6, 22), source="One"), published=date(2021, 6, 22))
    undated = [evidence(mention(f"u{n}", on=None, precision=None, source=f"Outlet {n}"), published=day(13))
               for n in range(4)]
    event = only(fuse_all([misdated, *undated]))
    assert (event.event_date, event.time_precision) == (day(13), 2)
    assert [item.field for item in event.disagreements] == []


def test_a_report_dated_to_its_week_does_not_outweigh_the_day_it_says() -> None:
    precise = evidence(mention("p1", on=day(13), source="Wire"), published=day(13))
    weekly = evidence(mention("p1", start=300, on=day(13), precision=2, source="Wire"), published=day(13))
    undated = evidence(mention("u1", on=None, precision=None, source="Daily"), published=day(8))
    event = only(fuse_all([precise, weekly, undated]))
    assert event.event_date == day(13)  # the week-dated copy does not back the 8th, five days before


def test_on_equal_support_the_day_the_text_gives_beats_its_articles_day() -> None:
    # One outlet: a later report dates the withdrawal to its week; an undated aside sits in a story
    # that began ten days before. The text's day wins, vaguer though it is.
    dated = evidence(mention("a1", on=day(11), precision=2), published=day(11))
    undated = evidence(mention("a2", start=90, precision=None), published=day(1))
    event = only(fuse_all([undated, dated]))
    assert (event.event_date, event.time_precision) == (day(11), 2)


def test_a_recapture_never_merges_with_a_capture() -> None:
    events = fuse_all([evidence(mention("a1")), evidence(mention("a2", kind=RECAPTURE, actor1=ARMY,
                                                                  actor1_type="State forces"))])
    assert len(events) == 2
