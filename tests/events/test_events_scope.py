"""Mentions that are no event of the report's news: history, running tolls, a takeover's own
fighting, event nouns naming things, opposed groups, and conflict words outside any conflict."""

from __future__ import annotations

from datetime import date

import pytest
from events_helpers import ARTICLE, events_in, extractor, parse, places_of, tagger

from sitrep.extract.events.cues import load_event_cues
from sitrep.records import EventMention, GeoEntry, Modality, PlaceMention, TimeMention, TimePrecision

FACTUAL = frozenset({Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED})


def factual_types(text: str) -> list[str]:
    """The sub-event types of the factual events of `text`."""
    return [e.sub_event_type for e in events_in(text) if e.modality in FACTUAL]


def events_dated(text: str, days: dict[str, tuple[date, date]]) -> tuple[EventMention, ...]:
    """The events of `text` with time mentions for the phrases in `days` (first and last day)."""
    doc = parse(text)
    times = tuple(
        TimeMention(ARTICLE, text.index(phrase), text.index(phrase) + len(phrase), phrase, "test.times",
                    first.isoformat(), TimePrecision.DAY, first, last)
        for phrase, (first, last) in days.items()
    )
    return extractor()(doc, ARTICLE, entities=tagger()(doc, ARTICLE), places=places_of(doc), times=times)


def test_an_event_of_another_year_is_background_not_news() -> None:
    text = "Rebels captured Karvand on Tuesday. The army had recaptured Karvand in 2016 after a long siege."
    days = {"Tuesday": (date(2024, 12, 3), date(2024, 12, 3)), "2016": (date(2016, 1, 1), date(2016, 12, 31))}
    found = [e for e in events_dated(text, days) if "territory" in e.sub_event_type]
    assert [e.text for e in found] == ["captured"]


def test_an_event_of_the_same_weeks_is_news() -> None:
    text = "Rebels captured Karvand on Tuesday. The army had recaptured Herat on 20 November."
    days = {"Tuesday": (date(2024, 12, 3), date(2024, 12, 3)),
            "20 November": (date(2024, 11, 20), date(2024, 11, 20))}
    found = [e for e in events_dated(text, days) if "territory" in e.sub_event_type]
    assert [e.text for e in found] == ["captured", "recaptured"]


@pytest.mark.parametrize(
    "text",
    [
        "The monitor said 300 people had been killed since Wednesday in Karvand.",
        "The agency said 69 civilians had been killed in the past seven days in Karvand.",
        "More than 300 people have been killed since the rebels launched their offensive on Karvand.",
    ],
)
def test_a_running_toll_is_no_single_event(text: str) -> None:
    assert factual_types(text) == [], text


def test_a_killing_on_one_day_is_an_event() -> None:
    assert factual_types("Gunmen killed 12 villagers in Karvand on Wednesday.")


def test_an_anti_government_force_is_not_the_government() -> None:
    assert factual_types("Anti-regime forces captured Karvand on Friday.") == [
        "Non-state actor overtakes territory"]
    retaken = factual_types("Government forces recaptured Karvand on Friday.")
    assert retaken == ["Government regains territory"]


def test_the_fighting_of_a_takeover_is_part_of_it() -> None:
    assert "Armed clash" not in factual_types("The rebels took Karvand after heavy clashes with the army.")
    assert "Armed clash" in factual_types("Heavy clashes broke out in Karvand between rebels and the army.")


def test_an_event_noun_naming_a_thing_is_no_event() -> None:
    found = factual_types("Rebel tanks moved within 5 km of the ceasefire line near Karvand.")
    assert "Agreement" not in found


@pytest.mark.parametrize(
    "text",
    [
        "A police officer shot by a parolee in Karvand was taken off life support on Tuesday.",
        "Voters in Karvand agreed to tax themselves for eight years.",
        "Four people died in a stampede at a nightclub in Karvand.",
        "The officers arrested a man in Karvand on Monday for writing bad checks.",
        "A Karvand officer shot by a parolee was taken off life support on Tuesday.",
    ],
)
def test_everyday_news_gives_no_conflict_event(text: str) -> None:
    assert factual_types(text) == [], text


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Hundreds of residents staged a demonstration in Karvand on Monday.", "Peaceful protest"),
        # A checkpoint is held by armed men: a fight between armed sides, not violence against civilians.
        ("Militants attacked a checkpoint in Karvand on Monday.", "Armed clash"),
        ("Militants attacked a wedding party in Karvand on Monday.", "Attack"),
        ("The Taliban captured Karvand on Monday.", "Non-state actor overtakes territory"),
    ],
)
def test_conflict_and_protest_events_stand_without_other_context(text: str, sub_event_type: str) -> None:
    assert sub_event_type in factual_types(text), text


def test_the_event_cues_are_read_from_the_language_file() -> None:
    cues = load_event_cues()
    assert cues.background_days > 0
    assert "since" in cues.interval_words and "anti-" in cues.opposed_prefixes
    assert "Protests" in cues.ungated_event_types and "police" in cues.police_words


def test_deaths_in_an_outbreak_are_no_attack() -> None:
    text = ("A cholera outbreak has spread through the province since the fighting ended. "
            "Officials reported 45 people dead in Karvand.")
    assert [t for t in factual_types(text) if t == "Attack"] == []


def test_deaths_in_a_war_article_stay_an_attack() -> None:
    text = "Militants stormed the market on Monday. Officials reported 45 people dead in Karvand."
    assert "Attack" in factual_types(text)


def test_an_avoided_clash_did_not_happen() -> None:
    text = "Opposition fighters moved into the coast on Sunday, avoiding clashes with residents in Karvand."
    assert "Armed clash" not in factual_types(text)


def test_those_clashes_point_back_at_clashes_told_before() -> None:
    assert factual_types("Nine soldiers were killed in those clashes, the monitor said.") == []


def test_a_murder_stays_an_attack_in_an_article_that_also_tells_an_outbreak() -> None:
    text = ("A cholera outbreak has spread through the province. "
            "Six aid workers were killed near Karvand on Saturday in what officials called a murder.")
    assert "Attack" in factual_types(text)


def clash_places(text: str, name: str, feature_code: str) -> list[str]:
    """The places of the factual clashes of `text` when `name` resolves to a place of `feature_code`."""
    doc = parse(text)
    start = text.index(name)
    entry = GeoEntry(1, name, 0.0, 0.0, "KV", "Kavria", feature_class="A" if feature_code == "PCLI" else "P",
                     feature_code=feature_code)
    places = (PlaceMention(ARTICLE, start, start + len(name), name, "test.places", entry),)
    found = extractor()(doc, ARTICLE, entities=tagger()(doc, ARTICLE), places=places, times=())
    return [e.location.text for e in found
            if e.sub_event_type == "Armed clash" and e.modality in FACTUAL and e.location is not None]


def test_fighting_placed_at_a_whole_country_names_the_war() -> None:
    text = "Heavy fighting in Kavria has displaced thousands of families, aid agencies said."
    assert clash_places(text, "Kavria", "PCLI") == []
    assert clash_places(text, "Kavria", "PPL") == ["Kavria"]


def test_a_local_shooting_gives_no_conflict_event() -> None:
    text = ("Police caught a murder suspect after a long hunt. On Monday he shot a man near Grand Avenue "
            "in Karvand, police said. Officers tried to persuade the gunman to surrender.")
    assert [t for t in factual_types(text) if t in ("Attack", "Armed clash")] == []


def test_a_language_without_event_cues_keeps_only_the_background_limit() -> None:
    from sitrep.extract.events.cues import ontology_language

    assert ontology_language(("/x/sitrep/data/ontology.yaml", "/x/sitrep/data/lang/fr/ontology.yaml")) == "fr"
    assert ontology_language(("/x/sitrep/data/ontology.yaml",)) == "en"
    bare = load_event_cues("xx")
    assert not bare.has_words and not bare.conflict_words
    assert bare.background_days == load_event_cues().background_days
