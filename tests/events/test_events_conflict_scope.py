"""Conflict events outside war reporting: local crime, sports, farming and everyday senses of the
trigger words give no battle, strike, attack or change of control; war reports keep theirs."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from events_helpers import events_in, parse, territory
from spacy.tokens import Token

from sitrep.extract.events.cues import load_event_cues
from sitrep.extract.events.generic import describes_a_class, is_a_hazard, takes_part_in_a_war
from sitrep.extract.events.scope import acts_on_a_thing, has_conflict_context

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


# --- Statements that tell no single event, and everyday senses of trigger words ----------------------


def _token(text: str, word: str) -> Token:
    return next(token for token in parse(text) if token.text == word)


def _stand_in(text: str, word: str, event_type: str = "Battles") -> SimpleNamespace:
    """A draft's stand-in for the checks that read only its trigger's head and its event type."""
    return SimpleNamespace(trigger=SimpleNamespace(head=_token(text, word)),
                           sub_type=SimpleNamespace(event_type=event_type, territory=False))


@pytest.mark.parametrize(
    "sentence",
    [
        "A wall system is used to protect soldiers in Karvand from bullets and grenades.",  # a hazard
        "Clashes are frequent in Karvand, but the town was quiet on Monday.",  # a habit
        "Militants often attack convoys near Karvand.",
        "Archivists confirmed that Tomas Reller really did fight in the war.",  # a war taken part in
        "Most of the veterans who have been wounded in Karvand now need care.",  # a class of people
        "Captured deserters afterwards told reporters their officers had fled.",  # a participle label
        "A wreath was laid by the parents of murdered soldier Tom Varrick.",
        "Three pupils in Karvand have died after eating sweets laced with arsenic.",  # another cause
        "The merger closed a month before the recession struck.",  # no agent
        "The governor resigned on Saturday over the loss of the Karvand mayoral election.",  # a contest
        "The authorities expelled hundreds of Tarvonians from Karvand.",  # people sent away, no ground taken
        "The army expelled three students from Karvand.",
    ],
)
def test_statements_that_tell_no_single_event_give_no_conflict_event(sentence: str) -> None:
    assert [t for t in conflict_events(WAR + sentence) if t[0] not in ("fought", "shelled")] == []
    assert [e for e in territory(events_in(WAR + sentence)) if e.text != "fought"] == []


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Gunmen attacked a convoy near Karvand on Monday.", "attacked"),
        ("Clashes erupted in Karvand on Monday.", "Clashes"),
        ("Two soldiers died after being shot by a sniper in Karvand on Monday.", "died"),
        ("The army drove the rebels out of Karvand on Monday.", "drove the rebels out of"),
    ],
)
def test_events_told_on_a_day_stay(sentence: str, trigger: str) -> None:
    found = [e.text for e in events_in(WAR + sentence)]
    assert trigger in found


def test_a_war_taken_part_in_is_read_from_the_preposition_and_its_war() -> None:
    cues = load_event_cues()
    assert takes_part_in_a_war(_token("The old sailor fought in World War I.", "fought"), cues)
    assert takes_part_in_a_war(_token("Our sons have fought and still fight in wars.", "fought"), cues)
    assert not takes_part_in_a_war(_token("The rebels fought in the streets of Karvand.", "fought"), cues)


def test_a_class_of_people_is_a_bare_plural_or_a_quantified_one() -> None:
    cues = load_event_cues()
    text = "The parade honours all the women and men who have fought for the republic."
    assert describes_a_class(_token(text, "fought"), cues)
    counted = "The 12 soldiers who have been wounded were flown out."
    assert not describes_a_class(_token(counted, "wounded"), cues)
    assert not describes_a_class(_token("The rebels, who captured the town, held it.", "captured"), cues)


def test_a_bare_object_makes_a_territory_verb_an_idiom_but_an_of_phrase_does_not() -> None:
    cues = load_event_cues()
    assert acts_on_a_thing(_stand_in("Three schools took part in the tournament.", "took"), cues)
    assert not acts_on_a_thing(_stand_in("The rebels took hold of the town.", "took"), cues)
    assert not acts_on_a_thing(_stand_in("The rebels took large parts of the city.", "took"), cues)


def test_a_hazard_is_a_bare_plural_under_a_protection_word() -> None:
    cues = load_event_cues()
    assert is_a_hazard(_token("Vests guard against bombs.", "bombs"), cues)
    assert not is_a_hazard(_token("Residents fled from the bombs that fell on Monday.", "bombs"), cues)


def test_the_words_of_statements_that_tell_no_event_are_read_from_the_language_file() -> None:
    cues = load_event_cues()
    assert "in" in cues.war_preps and "frequent" in cues.habitual_words and "all" in cues.class_quantifiers
    assert "protect" in cues.protection_words and "crisis" in cues.not_agents and "part" in cues.idiom_objects
    assert "after" in cues.cause_marks and "election" in cues.not_victims
