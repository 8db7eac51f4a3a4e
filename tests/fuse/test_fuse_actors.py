"""Generic actors bound in fusion: a country's own forces, and the group the text names just before."""

from __future__ import annotations

from dataclasses import replace

from test_fuse_control import TAKE, mention

from sitrep.fuse.actors import bind_actor, nearest_group, state_forces
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
