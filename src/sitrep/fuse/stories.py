"""Stories: articles about the same news, grouped as they arrive.

The orchestrator finds candidate pairs through shared blocking keys, keeps the pairs that
`are_linked` (close in time, similar enough), and hands each connected group to
`cluster_stories`, which splits it by average linkage. Inside a group two things change:
- terms that most members share weigh less (a group-local inverse document frequency): when
  every article of the group says "Taliban" and "captured", what tells one capture from another
  is the town and the day;
- similarities are scaled by each article's local density (the mean similarity to its nearest
  members), so that a group of look-alike reports is cut where it is relatively sparse, not at
  one absolute level that suits dense topics or sparse ones but never both.
Average linkage then joins two parts only when their members are similar on average, so a chain
of look-alike reports (two captures, two bombings) does not merge two incidents as single links
would. Both steps depend only on the set of articles in the group.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from datetime import date

import numpy as np
from numpy.typing import NDArray
from scipy.cluster.hierarchy import fcluster, linkage  # type: ignore[import-untyped]
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
from scipy.spatial.distance import squareform  # type: ignore[import-untyped]

from sitrep.records import ArticleFeatures, Story

NAME = "sitrep.fuse.stories"
VERSION = 1
COMPONENT = f"{NAME}.v{VERSION}"

# Articles published further apart than this are never one story (unknown day: no limit).
WINDOW_DAYS = 7
# A pair this similar (static weights) is a candidate link; groups are then split into stories.
LINK_THRESHOLD = 0.25
# Density-scaled average similarity two parts of a group need to be one story.
STORY_THRESHOLD = 0.4
# Nearest members whose mean similarity is an article's local density.
NEIGHBOURS = 4
# The distance of a pair outside the window: larger than any sum of ordinary distances, so no
# average-linkage merge can ever join two articles that are too far apart in time.
FORBIDDEN = 1e9
# Floor of a local density, so that an article with no similar member is not scaled up.
MIN_DENSITY = 0.05
# A syndicated copy repeats the wire text: nearly the same terms with nearly the same weights.
COPY_THRESHOLD = 0.95


def similarity(a: ArticleFeatures, b: ArticleFeatures) -> float:
    """Cosine of the two articles' term vectors (both are L2-normalised); exactly symmetric."""
    small, large = (a.terms, b.terms) if len(a.terms) <= len(b.terms) else (b.terms, a.terms)
    weights = dict(large)
    # fsum is correctly rounded whatever the order, so similarity(a, b) == similarity(b, a) bit for bit.
    return math.fsum(weight * weights[term] for term, weight in small if term in weights)


def within_window(a: ArticleFeatures, b: ArticleFeatures) -> bool:
    """True unless both days are known and more than `WINDOW_DAYS` apart."""
    if a.published_on is None or b.published_on is None:
        return True
    return abs((a.published_on - b.published_on).days) <= WINDOW_DAYS


def are_linked(a: ArticleFeatures, b: ArticleFeatures) -> bool:
    """True when `b` is a plausible same-story neighbour of `a` (symmetric)."""
    return within_window(a, b) and similarity(a, b) >= LINK_THRESHOLD


def is_copy(a: ArticleFeatures, b: ArticleFeatures) -> bool:
    """True when `b` is the same wire text as `a`, so the two count as one independent source."""
    return within_window(a, b) and similarity(a, b) >= COPY_THRESHOLD


def cluster_stories(group: Sequence[ArticleFeatures]) -> list[Story]:
    """Split one connected group into stories; the result depends only on the set of articles."""
    members = sorted({item.article_id: item for item in group}.values(), key=_arrival_key)
    if not members:
        return []
    labels = _average_linkage(members) if len(members) > 1 else [1]
    parts: dict[int, list[ArticleFeatures]] = {}
    for label, member in zip(labels, members, strict=True):
        parts.setdefault(int(label), []).append(member)
    stories = [build_story(part) for part in parts.values()]
    return sorted(stories, key=lambda story: (_first_key(story, members), story.story_id))


def build_story(members: Sequence[ArticleFeatures]) -> Story:
    """The story record of `members`: named after the earliest one, articles by (day, id)."""
    ordered = sorted(members, key=_arrival_key)
    days = [member.published_on for member in ordered if member.published_on is not None]
    return Story(
        story_id=f"S-{ordered[0].article_id}",
        title=ordered[0].title,
        article_ids=tuple(member.article_id for member in ordered),
        sources=tuple(sorted({member.source for member in ordered if member.source is not None})),
        first_day=min(days) if days else None,
        last_day=max(days) if days else None,
        component=COMPONENT,
    )


def _average_linkage(members: Sequence[ArticleFeatures]) -> list[int]:
    """Flat cluster labels of `members` (in canonical order) cut at `STORY_THRESHOLD`."""
    scaled = scale_by_density(local_similarities(members))
    distances = 1.0 - np.minimum(scaled, 1.0)
    distances[_outside_window(members)] = FORBIDDEN
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="average")
    return [int(label) for label in fcluster(tree, t=1.0 - STORY_THRESHOLD, criterion="distance")]


def _outside_window(members: Sequence[ArticleFeatures]) -> NDArray[np.bool_]:
    """Pairs both dated and more than `WINDOW_DAYS` apart (`within_window`, for every pair at once)."""
    dated = np.array([member.published_on is not None for member in members])
    days = np.array([member.published_on.toordinal() if member.published_on is not None else 0
                     for member in members], dtype=np.int64)
    apart = np.abs(days[:, None] - days[None, :]) > WINDOW_DAYS
    return np.asarray(apart & dated[:, None] & dated[None, :], dtype=np.bool_)


def local_similarities(members: Sequence[ArticleFeatures]) -> NDArray[np.float64]:
    """Cosine similarities after weighting each term by its inverse frequency inside the group."""
    size = len(members)
    frequency = Counter(term for member in members for term, _ in member.terms)
    vocabulary = {term: column for column, term in enumerate(sorted(frequency))}
    # Smoothed inverse frequency: a term of every member keeps weight 1, a rare one up to 1 + ln(n).
    rarity = {term: math.log((1 + size) / (1 + count)) + 1 for term, count in frequency.items()}
    rows, columns, values = [], [], []
    for row, member in enumerate(members):
        weights = [weight * rarity[term] for term, weight in member.terms]
        norm = math.sqrt(sum(weight * weight for weight in weights)) or 1.0
        for (term, _), weight in zip(member.terms, weights, strict=True):
            rows.append(row)
            columns.append(vocabulary[term])
            values.append(weight / norm)
    matrix = csr_matrix((values, (rows, columns)), shape=(size, len(vocabulary)))
    return np.asarray((matrix @ matrix.T).toarray(), dtype=np.float64)


def scale_by_density(similarities: NDArray[np.float64]) -> NDArray[np.float64]:
    """Each similarity divided by the geometric mean of the two articles' local densities."""
    others = similarities.copy()
    np.fill_diagonal(others, -np.inf)
    nearest = min(NEIGHBOURS, len(others) - 1)
    density = np.sort(others, axis=1)[:, ::-1][:, :nearest].mean(axis=1)
    density = np.maximum(density, MIN_DENSITY)
    return np.asarray(similarities / np.sqrt(np.outer(density, density)), dtype=np.float64)


def _arrival_key(item: ArticleFeatures) -> tuple[date, str]:
    """Earliest first; unknown days last; ties by id."""
    return (item.published_on or date.max, item.article_id)


def _first_key(story: Story, members: Sequence[ArticleFeatures]) -> tuple[date, str]:
    first = next(member for member in members if member.article_id == story.article_ids[0])
    return _arrival_key(first)
