"""Accent- and case-insensitive text filters: "Herat" finds "Herāt", "kunduz" finds "Kundūz".

No folded copy of a column is stored but the actors' (`fold_actors`, migration 0009: the actor
filter must be served by an index at a million events). Otherwise the wanted text is folded in
Python (case, then accents dropped), and each letter that has accented forms becomes a
regular-expression class of them: "herat" -> `(?i)h[eèéêë…]r[aàáâāă…]t`. The database matches
that pattern, case-insensitive by its embedded `(?i)` (SQLite through SQLAlchemy's Python
REGEXP, PostgreSQL's `~`), so one filter works on both backends with no extension (`unaccent` is
often not installable).

Accented forms are the Latin letters (Latin-1 Supplement, Latin Extended-A and -B, Latin Extended
Additional) whose compatibility decomposition is one ASCII letter and combining marks; letters
such as "ß" or "æ" that decompose into several letters are matched only as themselves.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, false

# The blocks of Latin letters with diacritics used in transliterated place and actor names.
ACCENTED_BLOCKS = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))


def fold_text(text: str) -> str:
    """`text` lower-cased with its diacritics dropped ("Herāt" -> "herat")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def accented_forms() -> dict[str, str]:
    """Each ASCII letter with every accented letter (both cases) that folds to it, itself first."""
    forms: dict[str, list[str]] = {}
    for begin, end in ACCENTED_BLOCKS:
        for code in range(begin, end + 1):
            char = chr(code)
            base = fold_text(char)
            if len(base) == 1 and base.isascii() and base.isalpha() and char != base:
                forms.setdefault(base, [base]).append(char)
    return {base: "".join(chars) for base, chars in forms.items()}


def fold_pattern(text: str, *, whole: bool = False) -> str:
    """A regular expression (Python's and PostgreSQL's alike) matching `text` in any case and accents.

    Characters other than letters are escaped only when they are not alphanumeric, because a
    backslash before a letter or digit means a class escape in PostgreSQL's expressions.
    """
    forms = accented_forms()
    pattern = "".join(
        f"[{forms[char]}]" if char in forms else char if char.isalnum() else "\\" + char
        for char in fold_text(text)
    )
    # An embedded option: SQLite's REGEXP (Python's re.search) takes no flags argument.
    return f"(?i)^{pattern}$" if whole else f"(?i){pattern}"


def contains_folded(column: Any, text: str) -> ColumnElement[bool]:
    """`column` holds `text` somewhere, in any case and with or without accents."""
    return column.regexp_match(fold_pattern(text.strip()))  # type: ignore[no-any-return]


def equals_folded(column: Any, text: str) -> ColumnElement[bool]:
    """`column` is `text`, in any case and with or without accents."""
    return column.regexp_match(fold_pattern(text.strip(), whole=True))  # type: ignore[no-any-return]


def fold_actors(actors: Sequence[str]) -> str | None:
    """The folded copy of a record's actors stored beside them (one per line), None for none.

    The actor filter looks for the folded text in it with LIKE, so that the list index holding the
    column answers the filter without a regular expression per row.
    """
    return "\n".join(fold_text(actor) for actor in actors) or None


def contains_folded_copy(column: Any, text: str) -> ColumnElement[bool]:
    """A folded copy `column` (see `fold_actors`) holds `text`, folded, within one of its lines."""
    wanted = fold_text(text.strip())
    if "\n" in wanted:
        return false()
    return column.contains(wanted, autoescape=True)  # type: ignore[no-any-return]


def matches_folded(value: str | None, text: str) -> bool:
    """The Python twin of `equals_folded`, for rows already read."""
    return value is not None and fold_text(value.strip()) == fold_text(text.strip())

