"""Names the dictionary does not hold: a community's militia and an armed group's own name."""

from __future__ import annotations

from test_events_actors import actors_of

from sitrep.extract.actors import ActorTagger, load_actors


def test_a_community_before_a_generic_armed_noun_names_its_militia() -> None:
    found = actors_of("Local Yazidi fighters took over the police post, and Fulani gunmen attacked a market.")
    assert ("Yazidi fighters", "Yazidi militia", "Identity militia") in found
    assert ("Fulani gunmen", "Fulani militia", "Identity militia") in found


def test_several_community_words_stay_together_and_a_bare_noun_stays_generic() -> None:
    found = actors_of("Arab tribal fighters entered the town while fighters from the hills watched.")
    assert ("Arab tribal fighters", "Arab tribal militia", "Identity militia") in found
    assert ("fighters", "Unidentified rebel group", "Rebel group") in found


def test_communities_come_from_the_dictionary_file_and_can_be_given() -> None:
    tagger = ActorTagger(load_actors(), identity_groups=["Highlander"])
    assert ("Highlander militiamen", "Highlander militia", "Identity militia") in actors_of(
        "Highlander militiamen burned the granary.", tagger)
    assert ("militiamen", "Unidentified armed group", "Political militia") in actors_of(
        "Yazidi militiamen burned the granary.", tagger)


def test_a_capitalised_generic_noun_closing_a_name_is_that_groups_name() -> None:
    found = actors_of("The Hill Country Liberation Army said it had taken the pass.")
    assert ("Hill Country Liberation Army", "Hill Country Liberation Army", "Rebel group") in found


def test_a_country_or_its_demonym_before_army_is_still_the_states_army() -> None:
    found = actors_of("The Malian Army retook the town, and the Army said so.")
    assert ("Malian Army", "Military Forces of Mali", "State forces") in found
    assert ("the Army", "Government forces", "State forces") in found


def test_a_nationality_leading_or_backing_a_group_is_not_the_actor() -> None:
    found = actors_of("Rebels took the town from the Kurdish-led council as Turkish-backed factions watched.")
    assert all(actor != "Kurdish" and text != "Kurdish" for text, actor, _ in found)


def test_a_sentences_first_word_is_no_part_of_a_groups_name() -> None:
    assert ("Army units", "Government forces", "State forces") in actors_of("Yesterday Army units withdrew.")


def test_a_places_name_before_police_is_that_places_police_not_a_group() -> None:
    found = actors_of("The Kabul Police said two men were held, and the Oxford Police agreed.")
    assert ("Kabul Police", "Government forces", "State forces") in found
    assert ("Oxford Police", "Government forces", "State forces") in found


def test_a_name_that_is_no_place_before_police_is_still_a_groups_name() -> None:
    found = actors_of("The Hill Country Liberation Police said it had taken the pass.")
    assert ("Hill Country Liberation Police", "Hill Country Liberation Police", "Rebel group") in found
