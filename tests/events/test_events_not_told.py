"""Words that tell no event of the report: motives and labels, one side's consent, tallies, long
periods and eras, unanchored history, modifiers that say "not yet", and how a handover is told apart."""

from __future__ import annotations

from datetime import date

from events_helpers import ARTICLE, events_in, extractor, parse, places_of, tagger

from sitrep.extract.events.cues import load_event_cues
from sitrep.extract.events.scope import is_motive_or_label
from sitrep.records import EventMention, Modality, TimeMention, TimePrecision

FACTUAL = frozenset({Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED})


def factual_types(text: str) -> list[str]:
    """The sub-event types of the factual events of `text`."""
    return [e.sub_event_type for e in events_in(text) if e.modality in FACTUAL]


def modalities(text: str, sub_event_type: str) -> list[Modality]:
    """The modalities of the events of one sub-event type in `text`."""
    return [e.modality for e in events_in(text) if e.sub_event_type == sub_event_type]


def test_an_event_given_as_a_motive_is_not_told() -> None:
    assert factual_types("The militia said its raid was a reply to months of shelling of Karvand.") == []
    assert factual_types("Its commander said the assault answered raids on farmers near Karvand.") == []
    assert factual_types("The rebels said the offensive was a response to air strikes on Karvand.") == []


def test_an_event_noun_given_as_a_label_is_not_told() -> None:
    assert factual_types("The minister described the advance as an attack on the nation in Karvand.") == []
    assert factual_types('A commander called the siege of Karvand "the mother of all battles".') == []


def test_a_clause_under_as_of_a_naming_verb_is_a_label() -> None:
    cues = load_event_cues()
    labelled = parse("State radio described the move as the army handing the town over to the militia.")
    told = parse("The army handed the town over to the militia on Friday.")
    assert is_motive_or_label(next(t for t in labelled if t.lower_ == "handing"), cues)
    assert not is_motive_or_label(next(t for t in told if t.lower_ == "handed"), cues)


def test_consent_to_an_act_of_ones_own_is_no_agreement() -> None:
    assert "Agreement" not in factual_types("The garrison in Karvand agreed to leave the town in stages.")
    assert "Agreement" in factual_types("The two militias agreed to a truce in Karvand on Friday.")


def test_a_clause_on_anyone_is_hypothetical() -> None:
    text = "Army commanders in Karvand told troops not to shoot anyone who surrendered."
    assert modalities(text, "Surrender") == [Modality.HYPOTHETICAL]


def test_a_modifier_of_an_event_noun_says_it_has_not_happened() -> None:
    text = "Families fled Karvand ahead of an expected assault by the rebels."
    # A fighting force's assault on no one named is a fight with the other side (see the ontology).
    assert modalities(text, "Armed clash") == [Modality.PLANNED]
    assert modalities("Officials in Karvand warned of a possible attack on the market.", "Attack") in (
        [], [Modality.HYPOTHETICAL])


def test_a_bare_toll_with_no_place_and_no_event_before_it_is_a_tally() -> None:
    assert factual_types("A count circulated by the army and the rebels on Thursday gave 57 dead.") == []
    assert factual_types(
        "The war monitor said 255 people had been killed, the worst toll between rebels and the army."
    ) == []


def test_a_toll_after_its_event_still_reports_that_events_casualties() -> None:
    text = "A car bomb exploded outside the governor's office in Kabul. Police said eight had been killed."
    bombs = [e for e in events_in(text) if e.sub_event_type == "Remote explosive/landmine/IED"]
    # The toll joins the bombing it reports: one event, with its dead.
    assert [(e.location.text if e.location else None, e.fatalities) for e in bombs] == [("Kabul", 8)]


def test_a_count_up_to_a_day_is_a_running_tally() -> None:
    assert factual_types("At least 90,000 people have been displaced from Karvand as of 5 March.") == []
    assert factual_types("The UN said 90,000 people had fled Karvand as of 5 March.") == []


def test_an_event_held_over_years_or_an_era_sums_many_events() -> None:
    assert "Armed clash" not in factual_types(
        "The militia, which fought the army in Karvand for more than a decade, left the town.")
    assert "Armed clash" not in factual_types(
        "Militiamen fought alongside the army in Karvand during the war against the insurgents.")
    assert "Armed clash" in factual_types("Militiamen fought the army in Karvand on Tuesday.")


def test_an_offensive_names_a_campaign_not_a_clash() -> None:
    campaign = "The rebels' offensive in Karvand entered its third day on Monday."
    assert "Armed clash" not in factual_types(campaign)
    assert "Armed clash" in factual_types("Heavy fighting in Karvand entered its third day on Wednesday.")


def events_with_times(text: str, times: dict[str, TimeMention]) -> tuple[EventMention, ...]:
    """The events of `text` with the given time mentions (keyed by their phrase)."""
    doc = parse(text)
    placed = tuple(
        TimeMention(ARTICLE, text.index(phrase), text.index(phrase) + len(phrase), phrase, "test.times",
                    mention.value, mention.precision, mention.first_day, mention.last_day)
        for phrase, mention in times.items()
    )
    return extractor()(doc, ARTICLE, entities=tagger()(doc, ARTICLE), places=places_of(doc), times=placed)


def mention(value: str | None, precision: TimePrecision, first: date | None = None,
            last: date | None = None) -> TimeMention:
    """A time mention whose offsets `events_with_times` fills in."""
    return TimeMention(ARTICLE, 0, 0, "", "test.times", value, precision, first, last)


def test_a_month_of_another_year_in_an_undated_report_is_history() -> None:
    text = "Rebels captured Karvand on Saturday. The army had recaptured Karvand in August 2019."
    times = {"Saturday": mention(None, TimePrecision.DAY),  # no publication date: not anchored
             "August 2019": mention("2019-08", TimePrecision.MONTH, date(2019, 8, 1), date(2019, 8, 31))}
    found = [e.text for e in events_with_times(text, times) if "territory" in e.sub_event_type]
    assert found == ["captured"]


def test_a_day_given_in_full_in_an_undated_report_is_news() -> None:
    text = "Rebels captured Karvand on Saturday. The army had recaptured Herat on 2 March 2030."
    times = {"Saturday": mention(None, TimePrecision.DAY),
             "2 March 2030": mention("2030-03-02", TimePrecision.DAY, date(2030, 3, 2), date(2030, 3, 2))}
    found = [e.text for e in events_with_times(text, times) if "territory" in e.sub_event_type]
    assert found == ["captured", "recaptured"]


def test_a_withdrawal_after_the_attackers_fought_their_way_in_is_no_handover() -> None:
    text = "The army withdrew from Karvand on Thursday after the rebels fought their way in from the north."
    assert "Non-violent transfer of territory" not in factual_types(text)


def test_a_withdrawal_the_army_agreed_to_is_a_handover() -> None:
    text = "Rebels said they had seized Karvand after the army agreed to withdraw by nightfall."
    assert "Non-violent transfer of territory" in factual_types(text)


def test_an_event_noun_held_over_a_long_period_by_its_verb_sums_many_events() -> None:
    assert factual_types("Protests against the mayor have been held in Karvand for more than a year.") == []
    assert factual_types("Protests against the mayor were held in Karvand on Friday.") == ["Peaceful protest"]


def test_casualties_counted_by_a_tally_noun_are_a_tally() -> None:
    text = "The siege of Karvand lasted a month in 1990, and estimates of the dead range from 100 to 400."
    assert factual_types(text) == []


def test_a_present_tense_clause_on_a_place_describes_it() -> None:
    known = "Rebels freed prisoners at the Karvand prison, where rights groups say thousands were executed."
    documented = "Rebels freed prisoners at the Karvand jail, where monitors have documented mass executions."
    assert "Attack" not in factual_types(known)
    assert "Attack" not in factual_types(documented)
    assert "Attack" in factual_types("Rebels entered Karvand, where they executed two officers.")


def test_an_infinitive_on_a_span_of_time_is_a_deadline() -> None:
    doc = parse("Militias in Karvand gave army troops a day to withdraw from the town.")
    withdraw = next(token for token in doc if token.lower_ == "withdraw")
    assert extractor().modality.read(withdraw).modality == Modality.PLANNED


def test_a_state_phrase_inside_a_recalled_event_takes_that_events_date() -> None:
    text = "Rebels entered Karvand on Friday. The army recaptured rebel-held Herat at the end of 2016."
    times = {"Friday": mention("2030-03-01", TimePrecision.DAY, date(2030, 3, 1), date(2030, 3, 1)),
             "the end of 2016": mention("2016", TimePrecision.YEAR, date(2016, 10, 1), date(2016, 12, 31))}
    events = events_with_times(text, times)
    found = [(e.sub_event_type, e.location.text if e.location else None) for e in events]
    assert ("Control statement", "Herat") not in found
    assert ("Non-state actor overtakes territory", "Karvand") in found
