"""The fused view of the events-corpus scorer: fused events scored against a tiny gold table."""

from __future__ import annotations

from datetime import date

from sitrep.evaluation.events_corpus import GoldEvent, score_fused
from sitrep.evaluation.events_details import explain_fused
from sitrep.records import CodedEvent, Event, Modality

TAKEOVER = "Non-state actor overtakes territory"
STRIKE = "Air/drone strike"
BATTLES, REMOTE = "Battles", "Explosions/Remote violence"
RIVERTON = (30.0, 40.0)
HILLBURY = (31.0, 41.0)  # about 145 km from Riverton
LAKESIDE = (35.0, 45.0)  # far from both
MARCH_2, MARCH_3 = date(2031, 3, 2), date(2031, 3, 3)
# Article ids of the test reports and their names in the gold files.
NAMES = {"art-wire": "wire.txt", "art-daily": "daily.txt", "art-soap": "soap.txt"}


def gold(event_id: str, sub_event_type: str, event_type: str, point: tuple[float, float], day: date, *,
         optional: bool = False, reports: tuple[str, ...] = ("wire.txt",)) -> GoldEvent:
    """A gold event on one day at `point`."""
    return GoldEvent(event_id, sub_event_type, event_type, "a town", point[0], point[1], day, day,
                     frozenset({"rebels"}), optional=optional, reports=reports)


def mention(article_id: str, day: date | None) -> CodedEvent:
    """A coded mention of one article; only its article and its own date matter here."""
    return CodedEvent(
        article_id=article_id, trigger_start=0, trigger_end=4, trigger="took", component="test",
        event_type=BATTLES, sub_event_type=TAKEOVER, modality=Modality.ASSERTED, confidence=0.8,
        event_date=day, time_precision=1, actor1="Rebels", actor1_type=None, actor2=None, actor2_type=None,
        country=None, country_code=None, admin1=None, location="Town", geonameid=None, latitude=None,
        longitude=None, geo_precision=1, fatalities=None, source=None, evidence_start=0, evidence_end=10,
        notes="")


def fused(event_id: str, sub_event_type: str, event_type: str, point: tuple[float, float], day: date | None,
          *articles: str, modality: Modality = Modality.REPORTED) -> Event:
    """A fused event dated `day` merging one undated mention from each of `articles`."""
    return Event(
        event_id=event_id, component="test", event_type=event_type, sub_event_type=sub_event_type,
        modality=modality, confidence=0.8, event_date=day, time_precision=1, actor1="Rebels",
        actor1_type=None, actor2=None, actor2_type=None, country=None, country_code=None, admin1=None,
        location="Town", geonameid=None, latitude=point[0], longitude=point[1], geo_precision=1,
        fatalities=None, sources=articles, independent_sources=len(articles),
        mentions=tuple(mention(article, None) for article in articles))


GOLD = [gold("EV1", TAKEOVER, BATTLES, RIVERTON, MARCH_2),
        gold("EV2", STRIKE, REMOTE, HILLBURY, MARCH_3, reports=("daily.txt",)),
        gold("EV3", TAKEOVER, BATTLES, HILLBURY, MARCH_3, optional=True)]


def test_a_fused_event_dated_from_its_story_matches_though_its_mentions_have_no_date() -> None:
    events = [fused("f1", TAKEOVER, BATTLES, RIVERTON, MARCH_2, "art-wire", "art-daily")]
    scores = score_fused(GOLD, events, names=NAMES)
    assert scores["predicted"] == 1 and scores["undated"] == 0
    assert scores["precision"] == 1.0 and scores["recall"] == 0.5  # EV1 of EV1, EV2 (EV3 is optional)


def test_undated_distracted_and_non_factual_fused_events() -> None:
    events = [fused("f1", TAKEOVER, BATTLES, RIVERTON, MARCH_2, "art-soap"),  # a distractor only
              fused("f2", STRIKE, REMOTE, HILLBURY, None, "art-daily"),  # no date: cannot match
              fused("f3", STRIKE, REMOTE, HILLBURY, MARCH_3, "art-daily", modality=Modality.PLANNED),
              fused("f4", TAKEOVER, BATTLES, HILLBURY, MARCH_3, "art-wire", "art-soap")]  # optional gold
    scores = score_fused(GOLD, events, names=NAMES, distractors=frozenset({"soap.txt"}))
    assert scores["predicted"] == 3 and scores["undated"] == 1
    assert scores["precision"] == 0.3333 and scores["recall"] == 0.0
    without_rule = score_fused(GOLD, events, names=NAMES)
    assert without_rule["precision"] == 0.6667 and without_rule["recall"] == 0.5


def test_lenient_scores_accept_another_sub_type_of_the_same_event_type() -> None:
    events = [fused("f1", "Armed clash", BATTLES, RIVERTON, MARCH_2, "art-wire")]
    scores = score_fused(GOLD, events, names=NAMES)
    assert (scores["precision"], scores["precision_lenient"]) == (0.0, 1.0)
    assert (scores["recall"], scores["recall_lenient"]) == (0.0, 0.5)


def test_the_details_name_the_cause_of_each_fused_failure() -> None:
    events = [fused("f1", TAKEOVER, BATTLES, RIVERTON, MARCH_2, "art-soap"),
              fused("f2", STRIKE, REMOTE, HILLBURY, None, "art-daily"),
              fused("f3", TAKEOVER, BATTLES, LAKESIDE, MARCH_2, "art-wire")]  # EV1's day, another town
    details = explain_fused(GOLD, events, names=NAMES, distractors=frozenset({"soap.txt"}))
    assert [f["cause"] for f in details["fused_false_positives"]] == ["distractor", "undated", "place"]
    assert details["fused_false_positives"][1]["reports"] == ["daily.txt"]
    assert details["fused_false_by_cause"] == {"distractor": 1, "undated": 1, "place": 1}
    misses = {miss["gold"].split()[0]: miss for miss in details["fused_misses"]}
    assert misses["EV1"]["cause"] == "place"  # f3, from the wire report, is the closest
    assert misses["EV2"]["cause"] == "undated" and misses["EV2"]["tried"][0]["why"] == ["undated"]
    assert details["fused_misses_by_cause"] == {"place": 1, "undated": 1}
    assert explain_fused(GOLD[:1], [], names=NAMES)["fused_misses_by_cause"] == {"not_found": 1}
