"""The story splitter forbids every pair of articles more than a window apart, all pairs at once."""

from __future__ import annotations

import json
from datetime import date, timedelta
from itertools import combinations

from sitrep.codec import to_jsonable
from sitrep.fuse.stories import _outside_window, within_window
from sitrep.records import ArticleFeatures
from sitrep.run.fusion import decode_features


def _features(number: int, day: date | None) -> ArticleFeatures:
    return ArticleFeatures(article_id=f"a{number}", source=None if number % 2 else "Desk", published_on=day,
                           title=f"Dispatch {number}", terms=(("ferry", 0.8), ("harbour", 0.6)),
                           keys=("ferry",), component="test")


def test_the_matrix_agrees_with_the_pairwise_window() -> None:
    start = date(2025, 1, 1)
    days = [start, start + timedelta(days=3), start + timedelta(days=8), None, start + timedelta(days=15)]
    members = [_features(number, day) for number, day in enumerate(days)]
    outside = _outside_window(members)
    for i, j in combinations(range(len(members)), 2):
        assert outside[i, j] == outside[j, i] == (not within_window(members[i], members[j]))
    assert outside[0, 2] and not outside[0, 1] and not outside[3, 4]


def test_stored_features_read_back_as_the_generic_codec_reads_them() -> None:
    for features in (_features(1, date(2025, 2, 3)), _features(2, None)):
        assert decode_features(json.dumps(to_jsonable(features))) == features
