"""The event-place choice between a place and its container, and names that say whose or what
rather than where; sentences written for the project."""

from __future__ import annotations

import pytest
from events_helpers import ARTICLE, parse
from spacy.tokens import Span

from sitrep.extract.events.location import choose_event_location, place_size
from sitrep.extract.events.places import PlaceIndex
from sitrep.records import GeoEntry, PlaceMention


def choose(text: str, verb: str, places: dict[str, str], unknown: tuple[str, ...] = ()) -> str | None:
    """The place chosen for `verb`; `places` maps each known name to its gazetteer feature code
    (the label `PlaceIndex` gives a place span), `unknown` are names no gazetteer knows."""
    doc = parse(text)
    trigger = next(t for t in doc if t.text == verb)

    def span(name: str, code: str = "") -> Span:
        found = doc.char_span(text.index(name), text.index(name) + len(name), label=code)
        assert found is not None, name
        return found

    known = [span(name, code) for name, code in places.items()]
    chosen = choose_event_location(doc, trigger, known, unresolved=[span(name) for name in unknown])
    return chosen.text if chosen is not None else None


def _entry(name: str, code: str) -> GeoEntry:
    feature_class = "P" if code.startswith("PPL") else "A"
    return GeoEntry(1, name, 34.0, 66.0, "AF", "Afghanistan", "", "", feature_class, code, 0)


def real_places(text: str, names: dict[str, str]) -> list[str]:
    """The names `PlaceIndex` keeps as event places, of `names` (name: feature code)."""
    places = tuple(
        PlaceMention(ARTICLE, text.index(n), text.index(n) + len(n), n, "test", entry=_entry(n, code))
        for n, code in names.items()
    )
    return [span.text for span, _ in PlaceIndex(parse(text), places, ()).real]


def test_the_size_of_a_place_comes_from_its_label() -> None:
    doc = parse("Velmar and Qarvo")
    assert place_size(doc.char_span(0, 6, label="PPLC")) > place_size(doc.char_span(11, 16, label="PPL"))
    assert place_size(doc.char_span(11, 16)) == 0


@pytest.mark.parametrize(
    ("text", "places", "unknown", "expected"),
    [
        # "the <city> neighbourhood of <name>": the name is the neighbourhood inside the city...
        (
            "Four people were killed in the Velmar neighbourhood of Qarvo on Monday.",
            {"Velmar": "PPLC"},
            ("Qarvo",),
            "Qarvo",
        ),
        # ...but "the <district> region of <province>" names the region by the first name.
        (
            "Four people were killed in the Tarsin region of southern Marnet on Monday.",
            {"Tarsin": "ADM2", "Marnet": "ADM1"},
            (),
            "Tarsin",
        ),
        # Articles and adjectives between a town and its region do not make the gap too long.
        (
            "Gunmen killed six farmers in the town of Qarvo, in the dry and hilly northern region of Marnet.",
            {"Qarvo": "PPL", "Marnet": "ADM1"},
            (),
            "Qarvo",
        ),
        # "X, north of Y": Y only says where X lies.
        (
            "A contractor working in Qarvo, north of Marnet, was shot on Friday.",
            {"Qarvo": "PPL", "Marnet": "PPLC"},
            (),
            "Qarvo",
        ),
    ],
)
def test_the_contained_place_wins(
    text: str, places: dict[str, str], unknown: tuple[str, ...], expected: str
) -> None:
    verb = next(word for word in ("killed", "shot") if f" {word} " in text)
    assert choose(text, verb, places, unknown) == expected


@pytest.mark.parametrize(
    ("text", "verb", "unknown", "expected"),
    [
        # A name ending in a place noun is a place wherever it stands...
        ("Troops attacked, targeting the Qarvo Refugee Camp.", "targeting", "Qarvo Refugee Camp", True),
        # ...unless the noun is a body's ("front", "office").
        ("The rebels formed the Qarvo Front last year.", "formed", "Qarvo Front", False),
        # A name qualifying a place noun names that place.
        ("The rebels captured the Qarvo base after a long battle.", "captured", "Qarvo", True),
        ("A car bomb detonated at the busy Qarvo junction on Monday.", "detonated", "Qarvo", True),
        # The object of a verb done only to places ("patrolled X") is a place.
        ("Soldiers patrolled Qarvo on Saturday.", "patrolled", "Qarvo", True),
        # A name after "the <part> of" is a place.
        ("Rebels stormed the defenses at the southern perimeter of Qarvo.", "stormed", "Qarvo", True),
    ],
)
def test_an_unknown_name_written_as_a_place(text: str, verb: str, unknown: str, expected: bool) -> None:
    assert (choose(text, verb, {}, (unknown,)) == unknown) is expected


def test_a_gerund_after_by_or_after_tells_where_but_one_after_for_does_not() -> None:
    text = "The rebels began the assault by storming Qarvo on Sunday."
    assert choose(text, "began", {"Qarvo": "PPL"}) == "Qarvo"
    text = "A man was arrested on Sunday for murdering his neighbour in Qarvo."
    assert choose(text, "arrested", {"Qarvo": "PPL"}) is None


def test_a_continent_is_too_wide_to_be_an_event_place() -> None:
    assert choose("Fuel prices shot up across Africa in March.", "shot", {"Africa": "CONT"}) is None


def test_the_side_ground_was_taken_from_is_no_place() -> None:
    text = "The army captured the heights from Marnet in 1967."
    assert choose(text, "captured", {"Marnet": "PCLI"}) is None


def test_a_country_before_a_capitalised_noun_says_whose() -> None:
    text = "Hundreds protested outside the Marnet Consulate in Qarvo on Friday."
    assert real_places(text, {"Marnet": "PCLI", "Qarvo": "PPL"}) == ["Qarvo"]
    text = "Boats sailed up the Marnet River on Friday."
    assert real_places(text, {"Marnet": "PCLI"}) == ["Marnet"]


def test_a_town_at_the_end_of_a_road_is_no_event_place() -> None:
    text = "A bomb exploded on the Velmar-Tarvo highway near Qarvo."
    assert real_places(text, {"Velmar": "PPLC", "Tarvo": "PPLA", "Qarvo": "PPL"}) == ["Qarvo"]


def test_a_clause_on_an_attack_says_where_it_happened() -> None:
    text = "Six people were killed in a bomb attack that hit a market in Qarvo on Monday."
    assert choose(text, "killed", {"Qarvo": "PPL"}) == "Qarvo"
    text = "The minister, who was born in Qarvo, was killed on Monday."
    assert choose(text, "killed", {"Qarvo": "PPL"}) is None


def test_a_country_closing_an_organisation_name_is_no_place() -> None:
    text = "Fighters of the Revolutionary Armed Forces of Marnet attacked a patrol near Qarvo."
    assert real_places(text, {"Marnet": "PCLI", "Qarvo": "PPL"}) == ["Qarvo"]
