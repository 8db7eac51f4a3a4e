"""Generic actors bound in fusion: a country's own forces, and the group the text names just before."""

from __future__ import annotations

from dataclasses import replace

from test_fuse_control import TAKE, mention

from sitrep.fuse.actors import as_state, bind_actor, is_state_ally, nearest_group, state_forces
from sitrep.records import CodedEvent, EntityMention

SENTENCE = (40, 120)  # the mention's sentence; its trigger at 90


def coded(actor1: str | None, actor1_type: str | None, *, sub_event_type: str = TAKE,
          country_code: str | None = "AF", country: str | None = "Afghanistan") -> CodedEvent:
    """A coded mention with an actor, a sub-type and a country, its trigger at 90."""
    return replace(mention("a1", "Outlet A"), actor1=actor1, actor1_type=actor1_type,
                   sub_event_type=sub_event_type, country_code=country_code, country=country,
                   trigger_start=90, trigger_end=95, evidence_start=SENTENCE[0], evidence_end=SENTENCE[1])


def entity(actor: str, start: int, actor_type: str = "Rebel group") -> EntityMention:
    """A named group the text mentions at `start`."""
    return EntityMention("a1", start, start + 6, actor, "ACTOR", "test", actor=actor, actor_type=actor_type)


def test_government_forces_are_the_countrys_own() -> None:
    bound = bind_actor(coded("Government forces", "State forces", sub_event_type="Troop withdrawal"))
    assert bound.actor1 == "Military Forces of Afghanistan"
    assert state_forces("ZZ", "Freedonia") == "Military Forces of Freedonia"
    assert state_forces(None, None) is None


def test_an_unnamed_captor_is_the_group_named_just_before_it() -> None:
    named_in_sentence = [entity("Haqqani Network", 10), entity("Taliban", 60)]
    for actor, actor_type in (("Unidentified rebel group", "Rebel group"), (None, None), ("Islamist", None)):
        generic = coded(actor, actor_type)
        assert bind_actor(generic, named_in_sentence).actor1 == "Taliban"
        assert bind_actor(generic, [entity("Haqqani Network", 20)]).actor1 == "Haqqani Network"
        assert bind_actor(generic, [entity("Taliban", 100)]).actor1 == actor  # named only after it
        assert bind_actor(generic, []).actor1 == actor


def test_a_group_named_far_back_or_a_generic_one_is_not_taken() -> None:
    far = coded(None, None)
    assert nearest_group(replace(far, evidence_start=900, trigger_start=950), [entity("Taliban", 10)]) is None
    assert nearest_group(far, [entity("Unidentified rebel group", 50)]) is None
    assert nearest_group(far, [entity("Military Forces of Afghanistan", 50, "State forces")]) is None


def test_named_actors_and_sideless_clashes_keep_what_the_text_says() -> None:
    named = coded("Junbish-e-Milli", "Political militia")
    assert bind_actor(named, [entity("Taliban", 60)]) == named
    clash = coded(None, None, sub_event_type="Armed clash")
    assert bind_actor(clash, [entity("Taliban", 60)]) == clash


def test_a_sentence_that_describes_its_captor_takes_no_name_from_before_it() -> None:
    generic = coded("Unidentified rebel group", "Rebel group")
    described = [entity("Taliban", 0), entity("Unidentified rebel group", 60)]
    assert bind_actor(generic, described).actor1 == "Unidentified rebel group"
    broken_chain = [entity("Taliban", 0), entity("Unidentified rebel group", 20)]
    assert bind_actor(coded(None, None), broken_chain).actor1 is None


def test_a_group_after_another_sides_event_in_its_sentence_is_not_the_captor() -> None:
    # "troops left Darzab to the Front, fighters took Karvand": the Front received Darzab.
    left = replace(coded("Military Forces of Afghanistan", "State forces", sub_event_type="Troop withdrawal"),
                   trigger_start=45, trigger_end=49)
    generic = coded(None, None)
    assert bind_actor(generic, [entity("Haqqani Network", 60)], [left, generic]).actor1 is None
    assert bind_actor(generic, [entity("Haqqani Network", 60)], [generic]).actor1 == "Haqqani Network"


def test_a_group_fighting_for_the_government_is_never_the_rebels_it_fights() -> None:
    # The dictionary's Hezbollah fights for the Syrian government (`ally_of: [SY]`), not Afghanistan's.
    syrian = coded(None, None, country_code="SY", country="Syria")
    assert nearest_group(syrian, [entity("Hezbollah", 60, "Political militia")]) is None
    assert nearest_group(coded(None, None), [entity("Hezbollah", 60, "Political militia")]) is not None
    assert is_state_ally("Hezbollah", "SY") and not is_state_ally("Hezbollah", "AF")
    assert as_state("Hezbollah", "SY", "Syria") == "Military Forces of Syria"
    assert as_state("Hezbollah", "LB", "Lebanon") == "Hezbollah"
