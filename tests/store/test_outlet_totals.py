"""The outlet totals a store keeps up to date equal the homes learned afresh, after any order of writes."""

from __future__ import annotations

import random

from conftest import make_article
from sitrep.geo.outlets import learn_home, local_places
from sitrep.records import Article, Extraction, GeoEntry, PlaceMention
from sitrep.store import Store

DIVISIONS = [("US", "OH", "Ohio"), ("US", "TX", "Texas"), ("CA", "08", "Ontario"), ("IE", "L", "Leinster")]
OUTLETS = ["Lakeside Herald", "Prairie Post", None]


def extraction(article: Article, randomness: random.Random) -> Extraction:
    """Zero to three resolved towns with random divisions, candidates and scores."""
    places = []
    for number in range(randomness.randint(0, 3)):
        entries = [GeoEntry(number * 10 + index, f"Town {number}", 0.0, 0.0, code, code, division, name)
                   for index, (code, division, name) in enumerate(randomness.sample(DIVISIONS, 3))]
        chosen = entries[: randomness.randint(1, 3)]
        places.append(PlaceMention(article.id, 0, 6, "Town", "test.v1", chosen[0], tuple(chosen),
                                   randomness.choice([0.5, 0.8, 1.0])))
    return Extraction(article_id=article.id, components=("test.v1",), places=tuple(places))


def test_totals_follow_writes_and_rewrites(store: Store) -> None:
    randomness = random.Random(11)
    articles = [make_article(f"Dispatch {number} about the weather.", source=OUTLETS[number % 3])
                for number in range(24)]
    store.save_batch(articles, [])
    current: dict[str, Extraction] = {}
    compared = 0
    for _ in range(6):  # each round (re-)extracts a random half, as reextract and new batches do
        batch = randomness.sample(articles, 12)
        items = [extraction(article, randomness) for article in batch]
        store.save_extractions([(item, ()) for item in items])
        current.update({item.article_id: item for item in items})
        for outlet in OUTLETS[:2]:
            mine = [article for article in articles if article.source == outlet and article.id in current]
            expected = learn_home(outlet or "", [local_places(current[a.id].places) for a in mine])
            leave_out = [article.id for article in mine[:2]]
            expected_without = learn_home(
                outlet or "", [local_places(current[a.id].places) for a in mine if a.id not in leave_out])
            assert store.outlet_homes([outlet or ""]).get(outlet or "") == expected
            assert store.outlet_homes([outlet or ""], exclude=leave_out).get(outlet or "") == expected_without
            compared += expected is not None and expected_without is not None
    assert compared >= 6  # the comparisons were of real homes, not of two Nones
