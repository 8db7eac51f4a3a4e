"""Choosing the event's own place among the places of its sentence, and the scorer on a tiny set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from events_helpers import ARTICLE, events_in, extractor, parse, tagger, times_of

from sitrep.evaluation.event_location import choose_first_place, choose_nearest_place, evaluate_event_location
from sitrep.extract.events.location import choose_event_location
from sitrep.extract.events.places import PlaceIndex, place_argument
from sitrep.records import EventMention, GeoEntry, PlaceMention


def choose(text: str, verb: str, places: list[str], **options: bool) -> str | None:
    doc = parse(text)
    trigger = next(t for t in doc if t.text == verb)
    spans = [doc.char_span(text.index(p), text.index(p) + len(p)) for p in places]
    chosen = choose_event_location(doc, trigger, [s for s in spans if s is not None], **options)
    return chosen.text if chosen is not None else None


@pytest.mark.parametrize(
    ("text", "verb", "places", "expected"),
    [
        ("Fighters from Kunduz captured Baghlan on Tuesday.", "captured", ["Kunduz", "Baghlan"], "Baghlan"),
        (
            "A bomb exploded in a market in Mosul, officials in Baghdad said.",
            "exploded",
            ["Mosul", "Baghdad"],
            "Mosul",
        ),
        ("In Aleppo, a man was shot dead outside his home.", "shot", ["Aleppo"], "Aleppo"),
        ("Rebels attacked Goma, the UN mission in Kinshasa said.", "attacked", ["Goma", "Kinshasa"], "Goma"),
        ("Two soldiers were killed and five wounded in an ambush near Kidal.", "killed", ["Kidal"], "Kidal"),
        ("US soldiers were wounded in a blast in Baghdad.", "wounded", ["US", "Baghdad"], "Baghdad"),
    ],
)
def test_the_event_place_is_chosen(text: str, verb: str, places: list[str], expected: str) -> None:
    assert choose(text, verb, places) == expected


def test_a_place_unrelated_to_the_event_gives_none() -> None:
    assert (
        choose("The minister, who was born in Herat, resigned after the vote.", "resigned", ["Herat"]) is None
    )


def test_the_subject_is_the_place_only_when_asked() -> None:
    text = "Kunduz fell on Sunday."
    assert choose(text, "fell", ["Kunduz"], subject_is_location=True) == "Kunduz"
    assert choose(text, "fell", ["Kunduz"]) is None


def test_baselines_pick_nearest_and_first() -> None:
    text = "Fighters from Kunduz captured Baghlan on Tuesday."
    doc = parse(text)
    trigger = next(t for t in doc if t.text == "captured")
    spans = [doc.char_span(text.index(p), text.index(p) + len(p)) for p in ("Kunduz", "Baghlan")]
    candidates = [s for s in spans if s is not None]
    first = choose_first_place(doc, trigger, candidates)
    nearest = choose_nearest_place(doc, trigger, candidates)
    assert first is not None and first.text == "Kunduz"
    assert nearest is not None and nearest.text in ("Kunduz", "Baghlan")


def write_records(path: Path, records: list[tuple[str, str, str | None]]) -> None:
    lines = []
    for text, verb, place in records:
        spans = [{"start": text.index(verb), "end": text.index(verb) + len(verb), "label": "VERB"}]
        if place is not None:
            spans.append(
                {"start": text.index(place), "end": text.index(place) + len(place), "label": "LOCATION"}
            )
        lines.append(json.dumps({"text": text, "spans": spans}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_the_scorer_on_a_tiny_set(tmp_path: Path) -> None:
    path = tmp_path / "tiny.jsonl"
    write_records(
        path,
        [
            ("Fighters from Baghdad captured Mosul on Tuesday.", "captured", "Mosul"),
            ("The minister, who was born in Baghdad, resigned after the vote.", "resigned", None),
            ("A bomb exploded in a market in Mosul, officials in Baghdad said.", "exploded", "Mosul"),
        ],
    )
    result = evaluate_event_location(path)
    assert result["records"] == 3 and result["with_location"] == 2
    methods = result["methods"]
    assert isinstance(methods, dict)
    assert methods["sitrep"]["accuracy"] == 1.0
    # The first place is Baghdad in the first two sentences (wrong, and a place for the minister).
    assert methods["first_place"]["accuracy"] == 0.3333
    assert set(methods) == {"sitrep", "nearest_place", "first_place"}


def test_the_scorer_respects_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "tiny.jsonl"
    write_records(path, [("Rebels attacked Goma.", "attacked", "Goma")] * 3)
    assert evaluate_event_location(path, limit=2)["records"] == 2


def events_with_places(text: str, names: list[str]) -> tuple[EventMention, ...]:
    """The events of `text` with exactly the place mentions `names` (each its first occurrence)."""
    doc = parse(text)
    places = tuple(
        PlaceMention(ARTICLE, text.index(name), text.index(name) + len(name), name, "test.places")
        for name in names
    )
    return extractor()(doc, ARTICLE, entities=tagger()(doc, ARTICLE), places=places, times=times_of(doc))


@pytest.mark.parametrize(
    "text",
    [
        "HOMS (Orontes Wire) — Gunmen attacked a checkpoint overnight, killing two police officers.",
        "GOMA (Lakes Agency) - Rebels shelled army positions on Friday.",
        "KIDAL: Militants attacked a convoy on the road, the army said.",
    ],
)
def test_a_dateline_is_not_the_event_place(text: str) -> None:
    dateline = text.split(" ")[0].rstrip(":")
    events = events_with_places(text, [dateline])
    assert events
    assert all(event.location is None for event in events)


def test_a_place_in_the_dateline_sentence_is_still_the_event_place() -> None:
    text = "HOMS (Orontes Wire) — Rebels shelled army positions in Rastan on Friday."
    events = events_with_places(text, ["HOMS", "Rastan"])
    assert [event.location.text for event in events if event.location is not None] == ["Rastan"]


def test_a_person_named_in_full_elsewhere_is_not_a_place() -> None:
    text = (
        "Crowds cheered the fall of Bashar al-Assad in the capital. "
        "Rebels said the fall of Bashar ended decades of rule."
    )
    assert all(event.location is None or "Bashar" not in event.location.text for event in events_in(text))


def _division(name: str, code: str) -> GeoEntry:
    return GeoEntry(900 + int(code), name, 36.0, 70.0, "AF", "Afghanistan", code, name, "A", "ADM1", 0)


def _town(name: str, code: str) -> GeoEntry:
    return GeoEntry(800 + int(code), name, 36.0, 70.0, "AF", "Afghanistan", code, name, "P", "PPLA", 40000)


def test_the_capitals_of_provinces_are_their_seat_towns() -> None:
    text = "Insurgents said they now hold the capitals of Badakhshan and Baghlan provinces."
    doc = parse(text)
    divisions = {"Badakhshan": _division("Badakhshan", "01"), "Baghlan": _division("Baghlan", "03")}
    seats = {"01": _town("Fayzabad", "01"), "03": _town("Pul-e Khumri", "03")}
    places = tuple(
        PlaceMention(ARTICLE, text.index(name), text.index(name) + len(name), name, "test", entry=entry)
        for name, entry in divisions.items()
    )
    index = PlaceIndex(doc, places, (), seats=lambda division: seats.get(division.admin1_code))
    capitals = next(token for token in doc if token.text == "capitals")
    argument = place_argument(capitals, index, synthetic=False)
    placed = [
        (item.span.text, item.mention.entry.name)
        for item in argument.items
        if item.mention is not None and item.mention.entry is not None
    ]
    assert placed == [("Badakhshan", "Fayzabad"), ("Baghlan", "Pul-e Khumri")]
    assert all(item.province_for_capital for item in argument.items)


def test_towns_in_a_named_province_are_the_event_places() -> None:
    text = "On Sunday rebels overran Palmyra and Quaryatayn in the Homs province, officials said."
    events = events_with_places(text, ["Palmyra", "Quaryatayn", "Homs"])
    located = [event.location.text for event in events if event.location is not None]
    assert located == ["Palmyra", "Quaryatayn"]


def test_a_country_qualifying_a_noun_is_not_the_event_place() -> None:
    text = "In Herat, Marines sent to evacuate the American embassy landed at the airport."
    doc = parse(text)
    country = GeoEntry(6252001, "United States", 39.76, -98.5, "US", "United States", "", "", "A", "PCLI", 0)
    start = text.index("American")
    places = (
        PlaceMention(ARTICLE, text.index("Herat"), text.index("Herat") + 5, "Herat", "test"),
        PlaceMention(ARTICLE, start, start + len("American"), "American", "test", entry=country),
    )
    events = extractor()(doc, ARTICLE, entities=tagger()(doc, ARTICLE), places=places, times=times_of(doc))
    assert all(event.location is None or event.location.text != "American" for event in events)
    assert any(event.location is not None and event.location.text == "Herat" for event in events)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("State media reported heavy Syrian and Iranian air raids near Herat.", "Iranian"),
        ("Iran's state news agency said gunmen attacked a checkpoint near Herat.", "Iran"),
    ],
)
def test_a_country_owning_a_noun_is_not_the_event_place(text: str, country: str) -> None:
    doc = parse(text)
    entry = GeoEntry(130758, "Iran", 32.0, 53.0, "IR", "Iran", "", "", "A", "PCLI", 0)
    start = text.index(country)
    places = (
        PlaceMention(ARTICLE, start, start + len(country), country, "test", entry=entry),
        PlaceMention(ARTICLE, text.index("Herat"), text.index("Herat") + 5, "Herat", "test"),
    )
    events = extractor()(doc, ARTICLE, entities=tagger()(doc, ARTICLE), places=places, times=times_of(doc))
    assert all(event.location is None or event.location.text != country for event in events)
