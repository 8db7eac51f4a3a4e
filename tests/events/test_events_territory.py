"""Territory events: captures, recaptures and handovers, with the hard cases of conflict news."""

from __future__ import annotations

from events_helpers import ARTICLE, events_in, extractor, located, parse, tagger, territory, times_of

from sitrep.records import GeoEntry, Modality, PlaceMention

TAKEOVER = "Non-state actor overtakes territory"

CAPTURE = "Non-state actor overtakes territory"
REGAIN = "Government regains territory"
HANDOVER = "Non-violent transfer of territory"


def test_a_threat_to_take_capitals_is_not_a_capture() -> None:
    found = territory(
        events_in("A senior diplomat said the militants now threaten to take 11 provincial capitals.")
    )
    assert found, "the threat itself is kept"
    assert all(e.modality == Modality.THREATENED for e in found)
    assert all(e.location is None for e in found)


def test_a_threat_against_a_named_city() -> None:
    [event] = territory(events_in("The Taliban have threatened to take Kandahar next."))
    assert (event.sub_event_type, event.location.text if event.location else None) == (CAPTURE, "Kandahar")
    assert event.modality == Modality.THREATENED
    assert event.actor1 is not None and event.actor1.actor == "Taliban"


def test_the_government_denying_the_loss_of_a_city_is_a_denial() -> None:
    [event] = territory(events_in("The government denies losing the city of Herat."))
    assert event.modality == Modality.DENIED
    assert event.location is not None and event.location.text == "Herat"


def test_officials_saying_a_city_has_not_fallen_is_a_denial() -> None:
    [event] = territory(events_in("Officials in Kabul said on Friday that Herat had not fallen."))
    assert (event.location.text if event.location else None, event.modality) == ("Herat", Modality.DENIED)


def test_a_list_of_captured_capitals_gives_one_capture_each() -> None:
    found = events_in(
        "Rebel fighters captured the provincial capitals Karvand, Kunduz, Herat and Zaranj on Tuesday."
    )
    assert located(found, CAPTURE) == ["Karvand", "Kunduz", "Herat", "Zaranj"]


def test_qualifying_provinces_in_a_list_are_not_captured() -> None:
    found = events_in(
        "The Taliban captured Kunduz, capital of the province of the same name, and Zaranj, "
        "capital of Nimroz province near Iran, on Friday."
    )
    assert located(found, CAPTURE) == ["Kunduz", "Zaranj"]


def test_the_fall_of_the_capitals_of_provinces_is_located_at_the_provinces() -> None:
    found = events_in(
        "The fall of the capitals of Badakhshan and Helmand provinces has shaken the government."
    )
    captures = [e for e in found if e.sub_event_type == CAPTURE]
    assert [e.location.text for e in captures if e.location] == ["Badakhshan", "Helmand"]
    # The province stands in for its capital: a lower confidence says so.
    plain = territory(events_in("The fall of Badakhshan has shaken the government."))
    assert all(e.confidence < plain[0].confidence for e in captures)


def test_a_capture_hours_before_a_collapse_gives_two_captures() -> None:
    found = events_in("Kunduz was captured hours before the collapse of Herat.")
    assert located(found, CAPTURE) == ["Kunduz", "Herat"]


def test_reportedly_captured_is_a_capture_with_lower_confidence() -> None:
    [reported] = territory(events_in("The Taliban reportedly captured Kandahar late on Tuesday."))
    [asserted] = territory(events_in("The Taliban captured Kandahar late on Tuesday."))
    assert reported.modality == Modality.REPORTED and asserted.modality == Modality.ASSERTED
    assert reported.sub_event_type == asserted.sub_event_type == CAPTURE
    assert reported.confidence < asserted.confidence


def test_passive_fall_to_names_the_winner_as_actor1() -> None:
    [event] = territory(events_in("Herat fell to the Taliban on Sunday."))
    assert event.location is not None and event.location.text == "Herat"
    assert event.actor1 is not None and event.actor1.actor == "Taliban"


def test_passive_captured_by_names_the_agent_as_actor1() -> None:
    [event] = territory(events_in("Mosul was captured by Islamic State fighters in June."))
    assert event.actor1 is not None and event.actor1.actor == "Islamic State"
    assert event.location is not None and event.location.text == "Mosul"


def test_the_place_the_fighters_came_from_is_not_the_place_captured() -> None:
    [event] = territory(events_in("Taliban fighters from Kunduz captured Baghlan on Tuesday."))
    assert event.location is not None and event.location.text == "Baghlan"


def test_state_forces_retaking_a_town_regain_territory() -> None:
    [event] = territory(events_in("Iraqi forces retook Mosul after a nine-month battle."))
    assert event.sub_event_type == REGAIN
    assert event.actor1 is not None and event.actor1.actor_type == "State forces"


def test_rebels_retaking_a_town_overtake_territory() -> None:
    [event] = territory(events_in("M23 rebels recaptured Goma on Monday."))
    assert event.sub_event_type == CAPTURE


def test_taken_without_a_fight_is_a_non_violent_transfer() -> None:
    [event] = territory(events_in("The insurgents took Jalalabad without a fight on Sunday morning."))
    assert event.sub_event_type == HANDOVER


def test_surrendering_the_city_is_a_non_violent_transfer() -> None:
    [event] = territory(events_in("The garrison surrendered the city of Goma to M23 rebels."))
    assert event.sub_event_type == HANDOVER
    assert event.location is not None and event.location.text == "Goma"
    assert event.actor1 is not None and event.actor1.actor == "M23"


def test_withdrawal_then_entry_is_a_non_violent_transfer() -> None:
    found = territory(
        events_in(
            "Taliban fighters entered Kunduz on Monday after government forces withdrew "
            "from the city, local officials said."
        )
    )
    assert [(e.sub_event_type, e.location.text if e.location else None) for e in found] == [
        (HANDOVER, "Kunduz")
    ]


def test_withdrawal_after_fighting_keeps_the_capture() -> None:
    found = territory(
        events_in(
            "The Taliban captured Kunduz after heavy fighting, and government troops withdrew to the airport."
        )
    )
    assert [e.sub_event_type for e in found] == [CAPTURE]


def test_the_next_sentence_can_say_the_handover_was_peaceful() -> None:
    found = territory(
        events_in(
            "The rebels took Karvand on Saturday, a local official said. "
            "The official said the garrison had left and that there had been little fighting."
        )
    )
    assert [e.sub_event_type for e in found] == [HANDOVER]


def test_the_city_is_resolved_to_the_place_named_before() -> None:
    found = territory(
        events_in("Fighting raged in Herat on Thursday. Officials said the city had not fallen.")
    )
    assert [(e.location.text if e.location else None, e.modality) for e in found] == [
        ("Herat", Modality.DENIED)
    ]


def test_fell_back_is_a_retreat_not_a_capture() -> None:
    found = events_in("Government troops in Kunduz fell back to the airport.")
    assert not territory(found)


def test_a_captured_commander_is_not_a_captured_town() -> None:
    assert not territory(events_in("Police captured the commander Ahmad Zia Karimi on Friday."))


def test_the_insurgents_are_the_group_named_just_before_not_the_one_named_most() -> None:
    text = ("The Haqqani Network held the hills. The Haqqani Network shelled the road. The Haqqani Network "
            "was blamed again.\n\nFurther south, Taliban fighters massed outside Kandahar. "
            "The insurgents captured Kandahar on Friday.")
    [capture] = [event for event in events_in(text) if event.sub_event_type == TAKEOVER]
    assert capture.actor1 is not None and capture.actor1.actor == "Taliban"


def test_the_insurgents_of_an_article_naming_several_groups_far_back_stay_unnamed() -> None:
    text = ("The Taliban and the Haqqani Network were both active in the province last year, officials said. "
            + "Aid convoys were delayed for weeks by floods and by closed roads in the valley. " * 4
            + "The insurgents captured Kunduz on Friday.")
    [capture] = [event for event in events_in(text) if event.sub_event_type == TAKEOVER]
    assert capture.actor1 is None or capture.actor1.actor == "Unidentified rebel group"



def test_the_city_after_a_town_named_airport_is_the_town_not_the_airport() -> None:
    """ "X airport" resolves to the airport (the town among its candidates); "the city" that
    follows is the town X, not the airport and not another place of the text."""
    text = (
        "Fighting went on near Herat. Some 300 soldiers dug in at Goma airport after the city fell on Monday."
    )
    doc = parse(text)
    start = text.index("Goma")
    airport = GeoEntry(1, "Goma International Airport", -1.67, 29.24, "CD", "DR Congo", feature_class="S",
                       feature_code="AIRP")
    town = GeoEntry(2, "Goma", -1.68, 29.22, "CD", "DR Congo", feature_class="P", feature_code="PPLA")
    herat = GeoEntry(3, "Herat", 34.35, 62.2, "AF", "Afghanistan", feature_class="P", feature_code="PPLA")
    places = (
        PlaceMention(ARTICLE, text.index("Herat"), text.index("Herat") + 5, "Herat", "test", herat, (herat,)),
        PlaceMention(ARTICLE, start, start + 4, "Goma", "test", airport, (airport, town)),
    )
    events = extractor()(doc, ARTICLE, entities=tagger()(doc, ARTICLE), places=places, times=times_of(doc))
    [fall] = [e for e in territory(events) if e.location is not None and e.start > start]
    assert fall.location is not None and fall.location.entry == town


def test_a_pull_out_measured_from_a_town_is_near_the_town() -> None:
    """The only place is a distance's reference point: the event is coded at it, as near it (ACLED's
    geo-precision 2), rather than left with no place."""
    text = "The army pulled out of positions in villages about 12 km north of Herat on Friday."
    doc = parse(text)
    herat = GeoEntry(3, "Herat", 34.35, 62.2, "AF", "Afghanistan", feature_class="P", feature_code="PPLA")
    start = text.index("Herat")
    places = (PlaceMention(ARTICLE, start, start + 5, "Herat", "test", herat, (herat,), geo_precision=1),)
    events = extractor()(doc, ARTICLE, entities=tagger()(doc, ARTICLE), places=places, times=times_of(doc))
    places = [(e.location.text, e.location.geo_precision) for e in events if e.location is not None]
    assert places, [e.sub_event_type for e in events]
    assert set(places) == {("Herat", 2)}


def test_driving_out_people_who_hold_no_ground_is_no_change_of_control() -> None:
    assert not territory(events_in("Police cleared Fountain Square of protesters late on Friday."))
    assert not territory(events_in("Soldiers drove the villagers out of Karvand on Monday."))
    [event] = territory(events_in("Government troops drove the rebels out of Karvand on Monday."))
    assert (event.sub_event_type, event.location.text if event.location else None) == (REGAIN, "Karvand")
