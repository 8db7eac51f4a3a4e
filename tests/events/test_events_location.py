"""Choosing the event's own place among the places of its sentence, and the scorer on a tiny set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from events_helpers import parse

from sitrep.evaluation.event_location import choose_first_place, choose_nearest_place, evaluate_event_location
from sitrep.extract.events_location import choose_event_location


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
