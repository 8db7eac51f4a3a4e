"""Places: a local GeoNames gazetteer and toponym resolution in context.

Build and query the gazetteer with `build_gazetteer`, `Gazetteer.open` and `search`; find and
resolve the places of a parsed article with `PlaceExtractor` (imported on first use, so that
gazetteer commands do not load spaCy).
"""

from __future__ import annotations

from typing import Any

from sitrep.geo.build import BUILD_VERSION, build_gazetteer
from sitrep.geo.gazetteer import Gazetteer, NameMatch, default_gazetteer_path, is_admin1_seat, search

__all__ = [
    "BUILD_VERSION",
    "Gazetteer",
    "NameMatch",
    "PlaceExtractor",
    "build_gazetteer",
    "default_gazetteer_path",
    "geo_precision",
    "is_admin1_seat",
    "search",
]


def __getattr__(name: str) -> Any:
    """`PlaceExtractor` and `geo_precision`, imported when first asked for."""
    if name in {"PlaceExtractor", "geo_precision"}:
        from sitrep.geo import extractor

        return getattr(extractor, name)
    raise AttributeError(f"module 'sitrep.geo' has no attribute {name!r}")
