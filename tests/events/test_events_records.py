"""What the extractor writes: component names, offsets into the text, sentence bounds, batches."""

from __future__ import annotations

from events_helpers import ARTICLE, events_in, extractor, parse, places_of, tagger, times_of

TEXT = (
    "Rebels captured Karvand on Tuesday, officials said. "
    "Gunmen shot dead a district judge in Herat the next day."
)


def test_records_name_the_component_and_point_into_the_text() -> None:
    found = events_in(TEXT)
    assert found
    for event in found:
        assert event.component == "sitrep.events.rules.v2"
        assert TEXT[event.start : event.end] == event.text
        assert event.sentence_start <= event.start < event.end <= event.sentence_end
        assert event.article_id == ARTICLE
        assert 0.0 < event.confidence < 1.0
        if event.location is not None:
            assert TEXT[event.location.start : event.location.end] == event.location.text


def test_unresolved_names_become_places_of_the_event_component() -> None:
    [event] = [e for e in events_in("Fighters captured Pul-e-Khumri on Tuesday.") if e.location is not None]
    assert event.location is not None and event.location.text == "Pul-e-Khumri"
    assert event.location.entry is None


def test_actor_tagger_records_name_their_component() -> None:
    mentions = tagger()(parse(TEXT), ARTICLE)
    assert mentions and all(m.component == "sitrep.actors.dictionary.v1" for m in mentions)


def test_the_batch_form_gives_the_same_mentions() -> None:
    doc = parse(TEXT)
    item = (doc, ARTICLE, tagger()(doc, ARTICLE), places_of(doc), times_of(doc))
    assert list(extractor().pipe([item])) == [events_in(TEXT)]


def test_a_time_of_the_event_clause_is_attached_but_not_the_time_of_saying() -> None:
    [event] = [
        e
        for e in events_in("Rebels captured Karvand on Tuesday, officials said on Wednesday.")
        if e.location is not None
    ]
    assert event.time is not None and event.time.text == "Tuesday"
