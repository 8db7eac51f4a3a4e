"""An event its sentence does not place takes the place of the story it continues; an attack on
armed men or their works is a fight between armed sides. Sentences written for the project."""

from __future__ import annotations

from dataclasses import replace

from events_helpers import ARTICLE, events_in, extractor, parse, places_of, tagger, times_of

from sitrep.extract.events.checks import _targets
from sitrep.extract.ontology import load_ontology
from sitrep.records import EventMention, GeoEntry


def _placed(text: str) -> list[tuple[str, str | None, int | None]]:
    return [(e.text, e.location.text if e.location else None, e.fatalities) for e in events_in(text)]


def test_a_fight_told_without_a_place_is_the_story_place() -> None:
    text = "Gunmen attacked a market in Karvand on Tuesday. Troops later clashed with them near the bridge."
    assert ("clashed", "Karvand", None) in _placed(text)


def test_a_new_place_named_since_starts_another_story() -> None:
    text = ("Gunmen attacked a market in Karvand on Tuesday. Officials in Herat said troops later clashed "
            "with them near the bridge.")
    assert all(place != "Karvand" for trigger, place, _ in _placed(text) if trigger == "clashed")


def test_a_toll_after_its_event_joins_it() -> None:
    text = "Government troops fought the insurgents in Karvand on Tuesday. Nine soldiers were killed."
    assert _placed(text) == [("fought", "Karvand", 9)]


def test_a_capture_never_inherits_a_place() -> None:
    text = "Rebels attacked a market in Karvand on Tuesday. They later captured the airport road."
    kinds = {e.sub_event_type: e.location for e in events_in(text)}
    assert kinds.get("Non-state actor overtakes territory") is None


def test_the_target_of_an_attack_is_read_from_its_object_or_its_preposition() -> None:
    verb = parse("Insurgents attacked an army checkpoint and two outposts.")
    assert {"checkpoint", "outpost"} <= _targets(verb[1])
    noun = parse("The assault on government lines began at dawn.")
    assert _targets(noun[1]) == {"line"}


def test_an_attack_on_armed_men_is_a_clash_and_one_on_civilians_stays_an_attack() -> None:
    armed = events_in("Insurgents attacked an army checkpoint in Karvand, killing three soldiers.")
    unarmed = events_in("Gunmen attacked a wedding party in Karvand, killing three guests.")
    assert [e.sub_event_type for e in armed] == ["Armed clash"]
    assert [e.sub_event_type for e in unarmed] == ["Attack"]


def test_the_armed_targets_are_data_in_the_ontology() -> None:
    attack = next(sub for sub in load_ontology().sub_event_types if sub.name == "Attack")
    assert any("checkpoint" in variant.when.targets for variant in attack.variants)


def test_a_threat_does_not_take_the_story_place() -> None:
    text = ("Gunmen attacked a market in Karvand on Tuesday. A spokesman for the group warned that "
            "officials would be targeted.")
    threats = [e for e in events_in(text) if e.modality.value == "threatened"]
    assert threats and all(e.location is None for e in threats)


def test_a_place_taken_with_no_taker_written_is_the_speakers_sides_claim() -> None:
    rebels = events_in("Taliban fighters advanced on Karvand on Saturday. A Taliban commander said on "
                       "Sunday that the town had been fully liberated.")
    army = events_in("Taliban fighters advanced on Karvand on Saturday. An army spokesman said on Sunday "
                     "that the town had been liberated.")
    assert [(e.sub_event_type, e.modality.value) for e in rebels] == [
        ("Non-state actor overtakes territory", "claimed")]
    assert [e.sub_event_type for e in army] == ["Government regains territory"]
    assert all(e.actor1 is not None for e in (*rebels, *army))


def test_a_place_that_fell_told_by_several_sources_has_no_taker_added() -> None:
    text = ("Taliban fighters advanced on Karvand on Saturday. In Karvand, which fell late on Thursday, the "
            "governor was detained, a Taliban spokesman and a local official said.")
    fell = [e for e in events_in(text) if e.text == "fell"]
    assert fell and fell[0].actor1 is None and fell[0].modality.value == "reported"


def test_a_placeless_headline_is_the_bodys_placed_event_told_again() -> None:
    text = ("Market burned\n\nResidents said on Tuesday that fighters of the Taliban had looted shops in "
            "Karvand. In Herat, officials met on Tuesday. Later, the market burned, residents said.")
    kinds = [(e.sub_event_type, e.location.text if e.location else None) for e in events_in(text)]
    assert kinds == [("Looting/property destruction", "Karvand")]


def test_the_side_that_launches_an_attack_is_its_actor() -> None:
    events = events_in("Taliban fighters launched a surprise attack near Karvand on Wednesday.")
    assert [(e.actor1.actor if e.actor1 else None) for e in events] == ["Taliban"]


def test_a_fighting_forces_attack_on_no_one_named_is_a_clash_gunmen_stay_an_attack() -> None:
    rebels = events_in("Taliban fighters launched a surprise attack near Karvand on Wednesday.")
    gunmen = events_in("Gunmen launched an attack near Karvand on Wednesday.")
    civilians = events_in("Taliban fighters attacked a bus near Karvand, killing four passengers.")
    assert [e.sub_event_type for e in rebels] == ["Armed clash"]
    assert [e.sub_event_type for e in gunmen] == ["Attack"]
    assert [e.sub_event_type for e in civilians] == ["Attack"]


def _with_entries(text: str) -> tuple[EventMention, ...]:
    """The events of `text` with Karvand resolved to a town (the stand-in places have no entries)."""
    town = GeoEntry(11, "Karvand", 36.5, 37.9, "TV", "Tarvonia")
    doc = parse(text)
    places = tuple(replace(p, entry=town) if p.text == "Karvand" else p for p in places_of(doc))
    return extractor()(doc, ARTICLE, entities=tagger()(doc, ARTICLE), places=places, times=times_of(doc))


def test_an_unknown_place_measured_from_a_known_town_is_coded_near_it() -> None:
    events = _with_entries("Army jets struck the Qarvo dam on the river south-east of Karvand on Monday, "
                           "killing two civilians.")
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert strikes and strikes[0].location is not None
    assert strikes[0].location.entry is not None and strikes[0].location.entry.name == "Karvand"
    assert strikes[0].location.geo_precision == 2


def test_the_target_under_a_compass_word_is_read() -> None:
    events = events_in("Taliban fighters attacked the Qarvo checkpoint west of Karvand on Monday, killing "
                       "two soldiers.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_an_event_at_an_unnamed_place_of_its_own_stays_apart() -> None:
    text = ("Taliban fighters attacked a police post in Karvand on Monday. Later, government forces attacked "
            "a Taliban-held village and were pushed back from the hills.")
    events = events_in(text)
    assert len([e for e in events if e.text == "attacked"]) == 2
    later = [e for e in events if e.start > text.index("Later")]
    assert later and all(e.location is None for e in later)


def test_a_generic_attack_at_the_place_of_a_strike_is_that_strike() -> None:
    text = ("Raids on Karvand kill 11 civilians\n\nGovernment air strikes on Karvand killed at least 11 "
            "civilians on Monday, a monitor said.")
    assert {e.sub_event_type for e in events_in(text)} == {"Air/drone strike"}
    elsewhere = ("Gunmen attacked a market in Herat on Monday. Government air strikes on Karvand killed at "
                 "least 11 civilians on Monday, a monitor said.")
    kinds = {(e.sub_event_type, e.location.text if e.location else None) for e in events_in(elsewhere)}
    assert ("Attack", "Herat") in kinds


def test_a_strike_told_as_background_does_not_retype_an_attack() -> None:
    text = ("Taliban gunmen shot dead an official in Karvand on Friday. The killing came three days after a "
            "car bomb attack on a guesthouse in Karvand.")
    assert ("shot dead", "Attack") in {(e.text, e.sub_event_type) for e in events_in(text)}


def test_a_news_outlet_named_after_a_town_is_no_place() -> None:
    text = ("Pro-government Karvand television said on Monday that the army had regained the villages. "
            "Taliban fighters shelled Herat on Monday.")
    places = {e.location.text for e in events_in(text) if e.location is not None}
    assert "Karvand" not in places
