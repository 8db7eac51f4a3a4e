"""Conflict events outside war reporting: local crime, sports, farming and everyday senses of the
trigger words give no battle, strike, attack or change of control; war reports keep theirs."""

from __future__ import annotations

import pytest
from events_helpers import events_in, parse, territory

from sitrep.extract.events.cues import load_event_cues
from sitrep.extract.events.scope import has_conflict_context

VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# A war report's opening: conflict words in every sentence around the sentence under test.
WAR = "Rebel fighters and army troops fought near the border this week. Artillery shelled two villages. "


def conflict_events(text: str) -> list[tuple[str, str]]:
    """(trigger, sub-event type) of every event of ACLED's violent types in `text`, any modality."""
    return [(e.text, e.sub_event_type) for e in events_in(text) if e.event_type in VIOLENT]


def test_a_crime_story_naming_a_veteran_gives_no_conflict_event() -> None:
    text = ("Detectives still do not know who killed Tom Ruddle, a decorated Army veteran, outside his shop "
            "in Karvand. The killer fled in a grey van, police said. His family offered a reward on Monday.")
    assert conflict_events(text) == []


def test_a_brawl_gives_no_battle_and_its_stabbing_no_attack() -> None:
    text = ("Two teenagers started fighting outside a cinema in Karvand on Friday night. "
            "One of them stabbed the other in the arm, police said.")
    assert conflict_events(text) == []


def test_a_threat_in_a_crime_story_is_no_conflict_statement() -> None:
    text = "Court papers say the man threatened to kill his neighbour in a dispute over a fence in Karvand."
    assert conflict_events(text) == []


def test_a_conflict_word_in_the_next_sentence_keeps_a_casualty_report() -> None:
    text = ("Police closed the road into Karvand on Monday. A roadside bomb exploded under a minibus there. "
            "Officials said six passengers were killed.")
    assert [e.fatalities for e in events_in(text) if e.event_type in VIOLENT and e.fatalities] == [6]


def test_a_few_passing_conflict_words_make_no_war_report_of_a_long_story() -> None:
    local = " ".join(["The council met on Monday to discuss the budget."] * 24)
    text = f"{local} The mayor served in the army. His brother joined the military. A soldier spoke too."
    cues = load_event_cues()
    assert not has_conflict_context(parse(text), (), frozenset(), cues)
    assert has_conflict_context(parse(WAR + "Militants stormed a checkpoint."), (), frozenset(), cues)


@pytest.mark.parametrize(
    "sentence",
    [
        "The soldier shot a video of the burning village near Karvand.",
        "Lawmakers killed the bill in Karvand on Monday.",
        "Veterinary teams killed 6,500 hogs at a farm near Karvand.",
        "The two parties struck a deal in Karvand on Tuesday.",
    ],
)
def test_violence_done_to_no_person_is_no_attack(sentence: str) -> None:
    assert [t for t in conflict_events(WAR + sentence) if t[0] != "fought" and t[0] != "shelled"] == []


def test_a_killing_of_people_stays_an_attack_in_a_war_report() -> None:
    assert ("killed", "Attack") in conflict_events(WAR + "Gunmen killed two farmers near Karvand on Monday.")


@pytest.mark.parametrize(
    "sentence",
    [
        "A Union soldier who was captured near Karvand was released on Monday.",
        "The rebels captured 20 soldiers near Karvand.",
        "Karvand fell to 18th in the ranking of safe towns.",
        "When the smoke cleared, the Karvand Rovers took home the cup.",
    ],
)
def test_people_taken_and_ranks_are_no_change_of_control(sentence: str) -> None:
    assert territory(events_in(WAR + sentence)) == []


def test_a_town_taken_stays_a_change_of_control() -> None:
    found = territory(events_in(WAR + "The rebels captured Karvand on Monday."))
    assert [e.location.text for e in found if e.location] == ["Karvand"]


def test_a_number_inside_a_name_counts_no_dead() -> None:
    found = [e for e in events_in(WAR + "Gunmen killed Route 9 drivers near Karvand.") if e.text == "killed"]
    assert found and all(e.fatalities != 9 for e in found)


def test_the_conflict_context_limits_are_read_from_the_language_file() -> None:
    cues = load_event_cues()
    assert cues.context_sentences >= 1 and 0 < cues.context_share < 1 and cues.context_window >= 0
    assert "veteran" in cues.idle_heads and "video" in cues.not_victims and "soldier" in cues.people_nouns


def test_a_death_of_another_cause_is_no_attack_in_a_war_report() -> None:
    text = WAR + "The former governor was found dead of gas poisoning at a friend's home in Karvand."
    assert [t for t in conflict_events(text) if t[0] == "dead"] == []
    assert ("died", "Shelling/artillery/missile attack") in conflict_events(
        WAR + "Two soldiers died of their wounds in Karvand on Monday.")


def test_a_home_invasion_is_no_conflict_context() -> None:
    assert conflict_events("Nobody was hurt when a man was shot in a home invasion in Karvand.") == []
