"""A draft's place must be a place of the event: no word of an organisation's name, no whole country
standing for "the city"."""

from __future__ import annotations

from events_helpers import ARTICLE, extractor, parse, tagger, territory

from sitrep.extract.events.context import names_a_country
from sitrep.extract.events.names import PlaceItem
from sitrep.records import EventMention, GeoEntry, PlaceMention


def events_with(text: str, places: dict[str, str]) -> tuple[EventMention, ...]:
    """The events of `text` with each name of `places` resolved to a place of that feature code."""
    doc = parse(text)
    mentions = []
    for number, (name, code) in enumerate(places.items(), start=1):
        start = text.index(name)
        entry = GeoEntry(number, name, 0.0, 0.0, "KV", "Kavria",
                         feature_class="A" if code.startswith("PCL") else "P", feature_code=code)
        mentions.append(PlaceMention(ARTICLE, start, start + len(name), name, "test.places", entry))
    mentions.sort(key=lambda mention: mention.start)
    return extractor()(doc, ARTICLE, entities=tagger()(doc, ARTICLE), places=tuple(mentions), times=())


def test_a_whole_country_is_no_antecedent_of_the_city() -> None:
    text = "Rebels closed in on Kavria's fourth-largest city, Sarvan."
    doc = parse(text)
    def item(name: str, code: str) -> PlaceItem:
        start = text.index(name)
        kind = "A" if code.startswith("PCL") else "P"
        entry = GeoEntry(1, name, 0.0, 0.0, "KV", "Kavria", feature_class=kind, feature_code=code)
        span = doc.char_span(start, start + len(name))
        assert span is not None
        return PlaceItem(span, PlaceMention(ARTICLE, start, start + len(name), name, "test.places", entry))
    assert names_a_country(item("Kavria", "PCLI"))
    assert not names_a_country(item("Sarvan", "PPLA"))


def test_the_city_still_takes_a_town_named_before() -> None:
    text = ("Rebels pressed their offensive towards Sarvan on Tuesday. "
            "The Kavrian Monitoring Group said fighters entered the city from the east.")
    found = territory(events_with(text, {"Sarvan": "PPL"}))
    assert [e.location.text for e in found if e.location is not None] == ["Sarvan"]


def test_a_place_word_inside_an_organisation_name_is_no_place() -> None:
    text = "Rebels took control of the Kavrian Intelligence Directorate on Friday."
    organisations = [e for e in parse(text).ents if e.label_ == "ORG"]
    # what the test rests on: the parser reads the whole name as an organisation
    assert [e.text for e in organisations] == ["the Kavrian Intelligence Directorate"]
    found = events_with(text, {"Intelligence": "PPL"})
    assert [e for e in found if e.location is not None and e.location.text == "Intelligence"] == []


def test_a_whole_organisation_name_resolved_as_a_place_stays() -> None:
    text = "Militiamen seized Sarvan on Saturday, the group said."
    found = territory(events_with(text, {"Sarvan": "PPL"}))
    assert [e.location.text for e in found if e.location is not None] == ["Sarvan"]


def test_a_town_leading_an_organisation_name_stays_the_place() -> None:
    text = "Rebels took control of Sarvan University Hospital on Friday."
    organisations = [e for e in parse(text).ents if e.label_ in ("ORG", "FAC")]
    assert organisations  # the parser reads the hospital as a named organisation or building
    found = territory(events_with(text, {"Sarvan": "PPL"}))
    assert [e.location.text for e in found if e.location is not None] == ["Sarvan"]
