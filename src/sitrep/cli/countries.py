"""The `--country` check: a country ISO 3166 knows or the store holds, else an error naming close ones."""

from __future__ import annotations

import difflib

import pycountry

from sitrep.errors import NotFoundError
from sitrep.store.base import Store
from sitrep.store.folding import fold_text

# How many close names an unknown country's error suggests, and how close they must be (0-1).
SUGGESTIONS = 3
SUGGESTION_CUTOFF = 0.65


def checked_country(store: Store, wanted: str) -> str:
    """`wanted` as the store's filters take it: an ISO alpha-2 code, or a name the store holds.

    Raises `NotFoundError` (exit 4) naming close matches when neither ISO 3166 (names, official and
    common names, alpha-2, alpha-3 and numeric codes) nor the stored events know `wanted`.
    """
    text = wanted.strip()
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        pass
    stored = [name for name, _, _ in store.fused_countries("event") if name]
    for name in stored:
        if fold_text(name) == fold_text(text):
            return name
    raise NotFoundError(f"no country {wanted!r} in ISO 3166 or in {store.url}",
                        fix=_fix(text, stored))


def close_countries(wanted: str, stored: list[str]) -> list[str]:
    """Country names that look like `wanted` (any case and accents), closest first."""
    names = {fold_text(name): name for name in [*_iso_names(), *stored]}
    found = difflib.get_close_matches(fold_text(wanted), list(names), n=SUGGESTIONS, cutoff=SUGGESTION_CUTOFF)
    return [names[key] for key in found]


def _fix(wanted: str, stored: list[str]) -> str:
    close = close_countries(wanted, stored)
    hint = f"did you mean {' or '.join(repr(name) for name in close)}? " if close else ""
    return f"{hint}give an ISO 3166 code (AF) or an English name (Afghanistan)"


def _iso_names() -> list[str]:
    """Every ISO 3166 country's name, and its common name where it has one."""
    names = []
    for country in pycountry.countries:
        names.append(str(country.name))
        common = getattr(country, "common_name", None)
        if common:
            names.append(str(common))
    return names
