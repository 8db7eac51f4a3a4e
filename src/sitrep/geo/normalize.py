"""Name keys: how a place name is folded so that spelling and transliteration variants meet.

`name_key` is the exact lookup key: diacritics stripped, letters outside ASCII transliterated,
case folded, apostrophes and dots dropped ("U.S." meets "US"), hyphens and other punctuation
turned into spaces
(so "Pul-e-Khumri", "Pul-e Khumrī" and "PUL E KHUMRI" share `pul e khumri`).

`skeleton_key` is the looser key behind the fuzzy fallback: the name key without vowels,
without one-letter connector words and with doubled letters collapsed, so that vowel-only
transliteration variants ("Taluqan"/"Taloqan", "Sheberghan"/"Shibirghan", "Khumeri"/"Khumri")
meet. It is only ever used together with a string-similarity check.

`fold_transliteration` is what that check compares: Persian, Arabic and Central Asian romanisations
folded together (-obod/-abad, Qal'eh-ye/Qala-i, the article al-/el-/ad-/as-/ez-, doubled letters,
ou/oo/u and ee/i), so that "Jalalobod" meets "Jalalabad" and "Deir Ezzor" meets "Deir ez-Zor".

`transliteration_key` is a looser exact key for the same variants, built from the folds in
`data/romanisation.yaml` (words, the Arabic article, letter sequences, in order) with the spaces
taken out: "Feroz Koh", "Fayroz Koh" and "Firozkoh" share it. The gazetteer indexes it and looks
it up only for names with no exact key.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

# Letters that NFKD does not decompose into ASCII plus a combining mark.
_SPECIAL_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
        "ħ": "h",
        "Ħ": "h",
        "ŋ": "ng",
        "ſ": "s",
        "ə": "e",
        "Ə": "e",
    }
)
# Apostrophe-like marks inside transliterations (Ma'rib, Ḩalab's ʿayn) vanish rather than split words.
_APOSTROPHES = re.compile(r"['’‘`´ʻʼʾʿˈ]")
# Dots vanish too, so that "U.S." meets "US" and "W.Va." meets "WVa".
_DOTS = re.compile(r"\.")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLES = re.compile(r"(.)\1+")
# Leading abbreviations written out in GeoNames ("St. Louis" / "Saint Louis").
_PREFIX_VARIANTS = {
    "st": "saint",
    "saint": "st",
    "ste": "sainte",
    "sainte": "ste",
    "mt": "mount",
    "mount": "mt",
    "ft": "fort",
    "fort": "ft",
    "pt": "port",
}
_SKELETON_MIN = 3
# Whole words that are spellings of one word in romanised Persian and Arabic names.
_WORD_FOLDS = {
    **dict.fromkeys(("e", "i", "ye", "y", "yi"), "i"),
    **dict.fromkeys(("qaleh", "qalah", "qala", "qal", "kala", "kalai"), "qala"),
    **dict.fromkeys(
        (
            *("el", "il", "ul", "ad", "ed", "ud", "ar", "er", "as", "es", "us"),
            *("ash", "esh", "at", "et", "az", "ez", "an", "en", "adh", "ath"),
        ),
        "al",
    ),
}
_LETTER_FOLDS = ((re.compile(r"obod\b"), "abad"), (re.compile(r"o[ou]"), "u"), (re.compile(r"ee|ey"), "i"))


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The exact lookup key of `name`; empty when it holds no Latin letter or digit."""
    text = unicodedata.normalize("NFKD", name.translate(_SPECIAL_LETTERS))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = _DOTS.sub("", _APOSTROPHES.sub("", text)).casefold()
    return " ".join(_NON_ALNUM.sub(" ", text).split())


def is_latin(name: str) -> bool:
    """True when `name` is written in Latin script (its key keeps most of its letters)."""
    letters = [char for char in name if char.isalpha()]
    if not letters:
        return False
    key_letters = sum(char.isalpha() for char in name_key(name))
    return key_letters >= 0.8 * len(letters)


def key_variants(key: str) -> list[str]:
    """`key` and its spellings with a leading Saint/St, Mount/Mt or Fort/Ft swapped."""
    first, _, rest = key.partition(" ")
    swapped = _PREFIX_VARIANTS.get(first)
    if swapped and rest:
        return [key, f"{swapped} {rest}"]
    return [key]


def skeleton_key(key: str) -> str:
    """The consonant skeleton of a name key; empty when too short to be distinctive."""
    words = [word for word in key.split() if len(word) > 1 or not _VOWELS.fullmatch(word)]
    consonants = "".join(word[0] + _VOWELS.sub("", word[1:]) for word in words)
    skeleton = _DOUBLES.sub(r"\1", consonants)
    return skeleton if len(skeleton) >= _SKELETON_MIN else ""


def fold_transliteration(key: str) -> str:
    """A name key with romanisation variants folded together (see the module docstring)."""
    words = [_WORD_FOLDS.get(word, word) for word in key.split()]
    text = " ".join(words)
    for pattern, replacement in _LETTER_FOLDS:
        text = pattern.sub(replacement, text)
    return _DOUBLES.sub(r"\1", text).replace("al ", "al")


# A transliteration key shorter than this ("kb") is too loose to look up.
TRANSLITERATION_MIN = 4


@dataclass(frozen=True, slots=True)
class Romanisation:
    """The folds of `data/romanisation.yaml`: word spellings, the article's forms, letter sequences."""

    words: dict[str, str]
    articles: frozenset[str]
    letters: tuple[tuple[re.Pattern[str], str], ...]
    article_plain: str = "al"
    sun_letters: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def romanisation() -> Romanisation:
    """The shipped romanisation folds."""
    path = resources.files("sitrep.data") / "romanisation.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    words = {form: word for word, forms in data["word_folds"].items() for form in forms}
    letters = tuple((re.compile(pattern), replacement) for pattern, replacement in data["letter_folds"])
    sun = tuple(sorted(data["sun_letters"], key=len, reverse=True))  # "sh" before "s"
    return Romanisation(words, frozenset(data["articles"]), letters, data["article_plain"], sun)


def article_variants(key: str) -> list[str]:
    """`key` with the Arabic article taken off, or put on in its plain and assimilated forms.

    "al qamishli" gives "qamishli"; "bab" gives "al bab"; "raqqah" gives "al raqqah" and
    "ar raqqah". A key of one article word alone, or starting with a digit, has none.
    """
    folds = romanisation()
    first, _, rest = key.partition(" ")
    if first in folds.articles:
        return [rest] if rest else []
    if not key or not key[0].isalpha():
        return []
    variants = [f"{folds.article_plain} {key}"]
    sun = next((letters for letters in folds.sun_letters if key.startswith(letters)), None)
    if sun is not None:
        variants.append(f"a{sun} {key}")
    return variants


@lru_cache(maxsize=200_000)
def transliteration_key(key: str) -> str:
    """The transliteration key of a name key (see the module docstring); empty when too short."""
    folds = romanisation()
    words = [folds.words.get(word, word) for word in key.split() if word not in folds.articles]
    text = "".join(words)
    for pattern, replacement in folds.letters:
        text = pattern.sub(replacement, text)
    return text if len(text) >= TRANSLITERATION_MIN else ""
