"""Failure classes of the event-place choice, each on sentences written for the project."""

from __future__ import annotations

import pytest
from events_helpers import ARTICLE, parse
from spacy.tokens import Span

from sitrep.extract.events.location import (
    choose_event_location,
    is_reference_point,
    location_cues,
    reporting_lemmas,
)
from sitrep.extract.events.places import PlaceIndex, is_demonym
from sitrep.records import GeoEntry, PlaceMention


def choose(text: str, verb: str, places: list[str], unknown: tuple[str, ...] = ()) -> str | None:
    """The place chosen for `verb` among `places` (first occurrences); `unknown` are names no
    gazetteer knows."""
    doc = parse(text)
    trigger = next(t for t in doc if t.text == verb)

    def spans(names: list[str] | tuple[str, ...]) -> list[Span]:
        found = [doc.char_span(text.index(n), text.index(n) + len(n)) for n in names]
        return [span for span in found if span is not None]

    chosen = choose_event_location(doc, trigger, spans(places), unresolved=spans(unknown))
    return chosen.text if chosen is not None else None


def test_the_cues_are_read_from_the_language_file() -> None:
    cues = location_cues()
    assert "shoot" in cues.victim_verbs and "storm" in cues.place_object_verbs
    assert "kilometers" in cues.distance_units
    assert {"say", "accord"} <= reporting_lemmas()


@pytest.mark.parametrize(
    ("text", "verb", "places", "expected"),
    [
        # A locative phrase on the trigger beats its subject or object ("Tamsar" may be a person).
        ("Tamsar was captured on Friday in Orlan.", "captured", ["Tamsar", "Orlan"], "Orlan"),
        # The object of a verb done to people is the victim, not the place.
        ("Police shot Dorval in Marnet on Sunday.", "shot", ["Dorval", "Marnet"], "Marnet"),
        # ...but where the victim was is the place.
        ("Gunmen killed a teacher in Marnet on Sunday.", "killed", ["Marnet"], "Marnet"),
        # A fronted phrase sets the scene; the place in the clause is more exact.
        (
            "In Velora, soldiers shot two smugglers in the town of Kessin.",
            "shot",
            ["Velora", "Kessin"],
            "Kessin",
        ),
        # A conjoined verb with its own object tells another event.
        (
            "Rebels bombed a bridge in Tarvo and attacked a base in Olmen.",
            "bombed",
            ["Tarvo", "Olmen"],
            "Tarvo",
        ),
        # "were killed and 12 soldiers wounded in X": the gapped second clause shares the place.
        (
            "Four soldiers were killed and 12 soldiers wounded in the city of Baquba.",
            "killed",
            ["Baquba"],
            "Baquba",
        ),
    ],
)
def test_the_place_of_the_event(text: str, verb: str, places: list[str], expected: str) -> None:
    assert choose(text, verb, places) == expected


def test_a_reporting_verb_has_no_place() -> None:
    assert choose("Officials in Marnet said two shops burned.", "said", ["Marnet"]) is None


def test_a_relative_clause_is_no_place_but_a_participle_clause_is() -> None:
    assert choose("The minister, who grew up in Marnet, was shot.", "shot", ["Marnet"]) is None
    assert choose("Gunmen shot four laborers working in a factory in Marnet.", "shot", ["Marnet"]) == "Marnet"


def test_a_reference_point_is_not_the_place() -> None:
    text = "A bomb exploded at a market 80 kilometers (50 miles) north of Marnet."
    doc = parse(text)
    start = text.index("Marnet")
    span = doc.char_span(start, start + len("Marnet"))
    assert span is not None and is_reference_point(span)
    assert choose(text, "exploded", ["Marnet"]) is None
    near = parse("A bomb exploded at a market north of Marnet.")
    near_span = near.char_span(near.text.index("Marnet"), near.text.index("Marnet") + len("Marnet"))
    assert near_span is not None and not is_reference_point(near_span)


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        ("Five shepherds were killed in Qarvo on Sunday.", "killed", "Qarvo"),
        ("Five shepherds were killed in the village of Qarvo.", "killed", "Qarvo"),
        ("Troops stormed Qarvo before dawn.", "stormed", "Qarvo"),
        # An unknown name as the object of a verb done to people or things is no place.
        ("Troops captured Qarvo before dawn.", "captured", None),
    ],
)
def test_a_name_no_gazetteer_knows_counts_where_written_as_a_place(
    text: str, verb: str, expected: str | None
) -> None:
    assert choose(text, verb, [], unknown=("Qarvo",)) == expected


def test_an_unknown_name_that_ends_a_longer_name_is_no_place() -> None:
    text = "Protesters marched in the Harbour Pride Parade on Sunday."
    assert choose(text, "marched", [], unknown=("Pride Parade",)) is None


def test_a_known_place_contains_the_unknown_one() -> None:
    text = "Two men were shot dead in the Qarvo district of Marnet."
    assert choose(text, "shot", ["Marnet"], unknown=("Qarvo",)) == "Qarvo"


def _country(name: str) -> GeoEntry:
    return GeoEntry(130758, name, 32.0, 53.0, "IR", name, "", "", "A", "PCLI", 0)


def _index(text: str, names: dict[str, GeoEntry | None]) -> PlaceIndex:
    doc = parse(text)
    places = tuple(
        PlaceMention(ARTICLE, text.index(name), text.index(name) + len(name), name, "test", entry=entry)
        for name, entry in names.items()
    )
    return PlaceIndex(doc, places, ())


def test_a_people_is_never_an_event_place() -> None:
    text = "Gunmen killed three Iraqis near Marnet."
    index = _index(text, {"Iraqis": _country("Iraq"), "Marnet": None})
    assert [span.text for span, _ in index.real] == ["Marnet"]
    assert is_demonym(parse(text)[3:4])
    assert not is_demonym(parse("Gunmen attacked Aleppo.")[2:3])


def test_a_country_qualifying_its_capital_is_a_place() -> None:
    text = "Students marched in the Sri Lanka capital on Tuesday."
    index = _index(text, {"Sri Lanka": _country("Sri Lanka")})
    assert [span.text for span, _ in index.real] == ["Sri Lanka"]
