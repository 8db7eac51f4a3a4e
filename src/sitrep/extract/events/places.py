"""Which named places an event argument is about, with lists expanded one place per item.

"captured the provincial capitals A, B, C and D" gives four places; "captured Farah, capital of
the western province, and Pul-e-Khumri" gives two (the province after "of" qualifies, it is not
captured); "the fall of the capitals of X and Y provinces" gives X and Y, marked as provinces that
stand for their capitals. Places come from the place extractor; for territory events a proper
name the place extractor missed can stand in as an unresolved place ("synthetic").

Not event places: a dateline ("BEIRUT (Agency) —": where the report was filed), a person's
name ("the fall of Bashar" in an article about Bashar al-Assad), a country qualifying a noun
("the American embassy", though "the Sri Lanka capital" is in it), a people ("Iraqis", "the
Afghan capital": a demonym names who, not where). A province standing for its
capital is placed at the province's seat town when the gazetteer knows it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from sitrep.errors import ConfigError
from sitrep.extract.events.arguments import PARTITIVES
from sitrep.extract.events.location import location_cues
from sitrep.extract.events.names import (
    PLACE_HEAD_NOUNS,
    PlaceItem,
    drop_unlikely_synthetic,
    glued,
    synthetic_spans,
)
from sitrep.extract.syntax import is_compound_modifier
from sitrep.geo.cues import is_dateline
from sitrep.geo.entries import NameKind
from sitrep.geo.gazetteer import default_gazetteer
from sitrep.records import EntityMention, GeoEntry, PlaceMention

SeatLookup = Callable[[GeoEntry], GeoEntry | None]

# "the city of X", "the port town of X": "of" names the place rather than qualifying it.
NAMING_NOUNS = PLACE_HEAD_NOUNS - {"capital", "outskirts", "centre", "center", "suburb", "area"}
# Prepositions that introduce more items of the same list rather than a qualifier.
LIST_PREPS = frozenset({"including", "with", "like", "as", "plus", "include"})
LIST_EXTENSION_HEADS = frozenset({"along", "together", "including", "as", "plus"})
PRONOUNS = frozenset({"it", "its", "there"})
SKIPPABLE_POS = frozenset({"DET", "ADJ", "NUM", "PROPN", "PART", "ADV"})
CLAUSE_CUT_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp"})
# Words after a name that make it a region ("the Homs province", "the Idlib countryside").
REGION_WORDS = frozenset(
    {"province", "provinces", "governorate", "region", "district", "countryside", "oblast", "state", "county"}
)
REGION_CODES = frozenset({"ADM1", "ADM2", "PCLI"})
# A country (or its demonym) qualifying a noun says whose it is ("the American embassy"), unless
# the noun is an area the country contains ("the Sri Lanka capital", "a Mexico border city").
NATIONAL_CODES = frozenset({"PCLI", "CONT"})
# The longest place name, in tokens ("Pul - e - Khumri").
MAX_NAME_TOKENS = 6


@dataclass(slots=True)
class PlaceArgument:
    """The places an argument names, or why it names none (a place noun, a pronoun)."""

    token: Token
    items: list[PlaceItem]
    place_like: bool = False
    anaphoric: bool = False


class PlaceIndex:
    """The article's places on the parse, plus proper names that may be places the extractor missed."""

    def __init__(
        self,
        doc: Doc,
        places: Sequence[PlaceMention],
        entities: Sequence[EntityMention],
        *,
        seats: SeatLookup | None = None,
    ) -> None:
        """Index `places` on `doc`; `seats` finds a division's seat town (default: the gazetteer's)."""
        self.doc = doc
        self.seats = seats or default_seat
        actors: set[int] = set()
        for entity in entities:
            if entity.actor is not None:
                span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
                actors.update(t.i for t in span or [])
        people = PersonNames(doc)
        self.real: list[tuple[Span, PlaceMention]] = []
        modifiers: set[int] = set()
        for mention in places:
            # The span's label is its entry's feature code: how large the place is (`place_size`).
            code = mention.entry.feature_code if mention.entry is not None else ""
            span = doc.char_span(mention.start, mention.end, label=code, alignment_mode="expand")
            if span is None or not len(span):
                continue
            if (
                is_compound_modifier(span)
                or is_dateline(doc, span)
                or people.names(span, mention)
                or is_nationality(span, mention)
                or is_demonym(span)
                or ends_organisation_name(span)
                or names_route_end(span)
            ):
                modifiers.update(t.i for t in span)
            # A name the actor dictionary knows ("Taliban") is an actor, whatever the place tagger says.
            elif not actors.intersection(t.i for t in span):
                self.real.append((span, mention))
        self.real.sort(key=lambda pair: pair[0].start)
        taken = actors | modifiers | {t.i for span, _ in self.real for t in span}
        self.synthetic = [
            s for s in synthetic_spans(doc, taken) if not is_compound_modifier(s) and not people.names(s)
        ]
        # Start tokens, to look up the places of an argument by range (linear in the article's length).
        self._real_starts = [span.start for span, _ in self.real]
        self.synthetic.sort(key=lambda span: span.start)
        self._synthetic_starts = [span.start for span in self.synthetic]

    def seat_item(self, item: PlaceItem) -> PlaceItem:
        """A province standing for its capital, placed at its seat town when the gazetteer knows it."""
        mention = item.mention
        seat = self.seats(mention.entry) if mention is not None and mention.entry is not None else None
        if mention is None or seat is None:
            return PlaceItem(item.span, mention, province_for_capital=True)
        placed = replace(mention, entry=seat, candidates=(seat, *mention.candidates), geo_precision=1)
        return PlaceItem(item.span, placed, province_for_capital=True)

    def spans(self, tokens: set[int], *, synthetic: bool) -> list[PlaceItem]:
        """Places whose words all lie in `tokens`, in text order."""
        if not tokens:
            return []
        low, high = min(tokens), max(tokens)
        first, last = bisect_left(self._real_starts, low), bisect_right(self._real_starts, high)
        found = [PlaceItem(span, mention) for span, mention in self.real[first:last] if _inside(span, tokens)]
        if synthetic:
            first, last = bisect_left(self._synthetic_starts, low), bisect_right(self._synthetic_starts, high)
            found += [PlaceItem(span, None) for span in self.synthetic[first:last] if _inside(span, tokens)]
        return sorted(found, key=lambda item: item.span.start)

    def in_sentence(self, sentence: Span) -> list[tuple[Span, PlaceMention]]:
        """The extractor's places in `sentence`."""
        first = bisect_left(self._real_starts, sentence.start)
        last = bisect_right(self._real_starts, sentence.end)
        return [(span, m) for span, m in self.real[first:last] if span.end <= sentence.end]


class PersonNames:
    """The people a document names, to tell a person's name from a place's."""

    def __init__(self, doc: Doc) -> None:
        """Collect the PERSON entities of `doc` and the words of those of more than one word."""
        self.entities = [entity for entity in doc.ents if entity.label_ == "PERSON"]
        self.words = {
            token.text for entity in self.entities if len(entity) > 1 for token in entity if token.is_title
        }

    def inside_name(self, span: Span) -> bool:
        """Whether `span` is part of a longer person's name ("Bashar" of "Bashar al-Assad")."""
        return any(
            entity.start <= span.start and span.end <= entity.end and len(entity) > len(span)
            for entity in self.entities
        )

    def names(self, span: Span, mention: PlaceMention | None = None) -> bool:
        """Whether `span` is (part of) a person's name, or an unresolved word of one named elsewhere."""
        if self.inside_name(span):
            return True
        resolved = mention is not None and mention.entry is not None
        return not resolved and len(span) == 1 and span.text in self.words


def default_seat(division: GeoEntry) -> GeoEntry | None:
    """The seat town of an admin-1 division in the default gazetteer (None without a gazetteer)."""
    try:
        return default_gazetteer().admin1_seat(division)
    except ConfigError:
        return None


def is_nationality(span: Span, mention: PlaceMention) -> bool:
    """Whether a country qualifies a noun ("the US embassy", "Turkey's news agency"): whose, not where."""
    entry = mention.entry
    if entry is None or entry.feature_code not in NATIONAL_CODES:
        return False
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    head = root.head
    if root.dep_ == "poss":
        return head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() not in location_cues().place_nouns
    if root.dep_ not in ("amod", "compound", "nmod") or _is_area_noun(head):
        return False
    # "the Marnet Consulate": a capitalised noun is still whose, unless it is part of the
    # place's own name ("the Marnet River", "Marnet Street").
    proper = head.pos_ == "PROPN" and head.lemma_.lower() not in location_cues().feature_nouns
    return head.pos_ == "NOUN" or proper


def _is_area_noun(token: Token) -> bool:
    """ "city", "capital", "province": a country qualifying one says where ("the Sri Lanka capital")."""
    return token.lemma_.lower() in location_cues().national_area_nouns


def is_demonym(span: Span) -> bool:
    """Whether the name is a people's ("Iraqis", "a Briton", "Turkish forces"): who, never where.

    The place extractor resolves a demonym to its country; a name the gazetteer knows only as a
    demonym is one ("Aleppo", which spaCy may tag as a nationality, is a town's own name). "The
    Afghan capital" names no place either: the event is located only when a name follows.
    """
    return known_only_as_demonym(span.text)


@lru_cache(maxsize=4096)
def known_only_as_demonym(name: str) -> bool:
    """Whether every entry of the default gazetteer that `name` leads to is reached by a demonym."""
    try:
        matches = default_gazetteer().matches(name)
    except ConfigError:
        return False
    return bool(matches) and all(match.kind == NameKind.DEMONYM for match in matches)


def names_route_end(span: Span) -> bool:
    """Whether the place is an end of a way named by its two ends ("the A-B road", "the A-B
    highway"): an event on the way did not happen in either town.
    """
    doc = span.doc
    end = span.end
    while end < len(doc) and glued(doc[end - 1], doc[end]):
        end += 1  # "A" of "A-B": walk over "-B"
    start = span.start
    while start > 0 and glued(doc[start - 1], doc[start]):
        start -= 1
    if start == span.start and end == span.end:
        return False  # not part of a hyphenated name
    following = doc[end : min(end + 3, len(doc))]
    for token in following:
        if token.lemma_.lower() in location_cues().route_nouns:
            return True
        if token.pos_ not in ("ADJ", "PROPN", "NOUN"):
            return False
    return False


def ends_organisation_name(span: Span) -> bool:
    """Whether the place only closes an organisation's name ("the Liberation Front of Marnet",
    "the People's Army of Marnet"): the name says who, not where.

    A building's name ("the University of Marnet") still says where.
    """
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ != "of" or span[0].ent_iob_ != "I":
        return False
    before = doc[span.start - 2]
    return (
        before.ent_type_ == "ORG"
        and before.is_title
        and before.lemma_.lower() not in location_cues().place_nouns
    )


def _inside(span: Span, tokens: set[int]) -> bool:
    return all(t.i in tokens for t in span)


def place_argument(
    token: Token,
    index: PlaceIndex,
    *,
    synthetic: bool,
    extensions: Sequence[Token] = (),
    single: bool = False,
    lenient: bool = False,
) -> PlaceArgument:
    """The places the argument headed by `token` names (see the module docstring).

    `single` keeps a list item alone ("Ghazni, which fell on Thursday, and Qala-i-Naw");
    `lenient` accepts a one-word name tagged as a person (see `drop_unlikely_synthetic`).
    """
    items = _items(token, _scope(token, single=single), index, synthetic)
    subject = _copula_subject(token)
    if not items and subject is not None:
        token = subject  # "Ghazni is the closest capital they have taken", "Sharana is one of the capitals"
        items = _items(token, _scope(token, single=single), index, synthetic)
    if not items and (token.lemma_.lower() in PLACE_HEAD_NOUNS or _counts_places(token)):
        items = surface_list(token.right_edge.i + 1, index, synthetic=synthetic, after_comma=True)
    for extension in extensions:
        items += [i for i in _items(extension, _scope(extension), index, synthetic) if i not in items]
    items = drop_unlikely_synthetic(items, lenient=lenient)
    if items and all(_is_region(item) for item in items):
        items = _contained_places(token, index, synthetic) or items
    lemma = token.lemma_.lower()
    place_like = lemma in PLACE_HEAD_NOUNS or _counts_places(token)
    anaphoric = not items and (lemma in PRONOUNS or (lemma in PLACE_HEAD_NOUNS and _is_definite(token)))
    return PlaceArgument(token, items, place_like=place_like or bool(items), anaphoric=anaphoric)


def _is_region(item: PlaceItem) -> bool:
    """Whether the item is a province, district or country rather than a town."""
    entry = item.mention.entry if item.mention is not None else None
    if entry is not None:
        return entry.feature_code in REGION_CODES
    after = item.span.doc[item.span.end] if item.span.end < len(item.span.doc) else None
    return after is not None and after.lower_ in REGION_WORDS


def _contained_places(token: Token, index: PlaceIndex, synthetic: bool) -> list[PlaceItem]:
    """The towns a region phrase right after them qualifies ("A and B in the Homs province").

    The parser often hangs "in the X province" on the verb; the places listed just before it are
    where the event happened, the region only says where they lie.
    """
    preposition = token.head if token.dep_ == "pobj" else None
    if preposition is None or preposition.lower_ not in ("in", "of") or preposition.i == 0:
        return []
    window = set(range(max(preposition.i - MAX_NAME_TOKENS, 0), preposition.i))
    item = next((i for i in index.spans(window, synthetic=synthetic) if i.span.end == preposition.i), None)
    if item is None or _is_region(item):
        return []
    head = item.span.root
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    listed = _items(head, _scope(head), index, synthetic)
    return [i for i in listed if not _is_region(i) and i.span.end <= preposition.i] or [item]


def list_extensions(head: Token, argument: Token) -> list[Token]:
    """Phrases that add items to a list ("along with A, B and C", "including A and B")."""
    found: list[Token] = []
    for owner in (head, argument):
        for child in owner.children:
            if child.dep_ not in ("prep", "advmod", "cc", "acl") or child.lower_ not in LIST_EXTENSION_HEADS:
                continue
            # "along with X" / "together with X": the object of "with"; "including X": its own object.
            heads = (
                [g for g in child.children if g.lower_ == "with"]
                if child.lower_ in ("along", "together")
                else [child]
            )
            found += [g for h in heads for g in h.children if g.dep_ in ("pobj", "dobj")]
    return found


def _copula_subject(token: Token) -> Token | None:
    """The subject of "X is (one of) the ... <token>", when `token` is the predicate noun."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in PARTITIVES:
        token = token.head.head
    if token.dep_ != "attr":
        return None
    return next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _scope(token: Token, *, single: bool = False) -> set[int]:
    """The argument's words: its subtree without the clauses hanging from it, whole words only.

    A name the tokenizer split at hyphens ("Pul-e-Khumri") may hang from the verb in pieces;
    the words glued to the argument's tokens belong to it.
    """
    cut = CLAUSE_CUT_DEPS | {"conj", "cc"} if single else CLAUSE_CUT_DEPS
    kept = {token.i}
    stack = [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ not in cut:
                kept.add(child.i)
                stack.append(child)
    return _with_glued_words(token.doc, kept)


def _with_glued_words(doc: Doc, tokens: set[int]) -> set[int]:
    grown = set(tokens)
    for i in tokens:
        left = i
        while left > 0 and glued(doc[left - 1], doc[left]):
            left -= 1
            grown.add(left)
        right = i
        while right + 1 < len(doc) and glued(doc[right], doc[right + 1]):
            right += 1
            grown.add(right)
    return grown


def surface_list(
    start: int, index: PlaceIndex, *, synthetic: bool, after_comma: bool = False
) -> list[PlaceItem]:
    """Places listed in the text from `start` on, read left to right when the parse lost the list.

    "captured two capitals, Farah in the west and Pul-e-Khumri in the north, bringing ...": items
    come after a comma or "and"; a phrase after an item ("in the west", ", capital of X,") only
    qualifies it; a verb or the end of the sentence ends the list.
    """
    doc = index.doc
    if start >= len(doc):
        return []
    sentence_end = doc[start].sent.end
    starts = {
        item.span.start: item for item in index.spans(set(range(start, sentence_end)), synthetic=synthetic)
    }
    items: list[PlaceItem] = []
    expecting = not after_comma
    paired = False  # inside "between X and Y": that "and" joins a qualifier, not two items
    i = start
    if after_comma:
        if doc[i].text not in (",", ":"):
            return []
        expecting, i = True, i + 1
    while i < sentence_end:
        token = doc[i]
        if i in starts:
            item = starts[i]
            later = i > start + (1 if after_comma else 0)
            if (
                expecting
                and not (later and _starts_clause(doc, item.span))
                and not _possessive(doc, item.span)
            ):
                items.append(item)
            expecting, i = False, item.span.end
            continue
        if token.lower_ == "between":
            paired, expecting = True, False
        elif paired and token.lower_ == "and":
            paired = False
        elif token.text in (",", ";") or token.lower_ in ("and", "or"):
            expecting, paired = True, False
        elif token.pos_ in ("VERB", "AUX", "SCONJ") or token.text in (".", "(", ")"):
            break
        elif expecting and token.pos_ not in ("DET", "ADJ", "NUM"):
            expecting = False
        i += 1
    return items


def _items(token: Token, scope: set[int], index: PlaceIndex, synthetic: bool) -> list[PlaceItem]:
    found = index.spans(scope, synthetic=synthetic)
    if not found:
        return []
    start = min(scope)
    first = _first_word(token.doc, start)
    if any(item.span.start == first for item in found):
        # The argument begins with a name: read the list as written ("A, capital of X, and B").
        return surface_list(first, index, synthetic=synthetic)
    of_token = _capital_of(token)
    if of_token is not None:
        after = [i for i in found if i.span.start > of_token.i and _qualifier(i.span, start) in (None, "of")]
        return [index.seat_item(i) for i in after]
    direct = [i for i in found if _qualifier(i.span, start) is None]
    if direct:
        capital = token.lemma_.lower() == "capital"
        return [index.seat_item(i) if capital and i.span.end <= token.i else i for i in direct]
    if token.lemma_.lower() in PLACE_HEAD_NOUNS or _counts_places(token):
        return [i for i in found if _qualifier(i.span, start) == "of"]
    return []


def _starts_clause(doc: Doc, span: Span) -> bool:
    """ "... and President Ghani left": a name followed by its verb starts a new clause."""
    return span.end < len(doc) and doc[span.end].pos_ in ("VERB", "AUX") and doc[span.end].dep_ != "amod"


def _possessive(doc: Doc, span: Span) -> bool:
    return span.end < len(doc) and doc[span.end].tag_ == "POS"


def _first_word(doc: Doc, start: int) -> int:
    while start < len(doc) - 1 and doc[start].pos_ == "DET":
        start += 1
    return start


def _capital_of(token: Token) -> Token | None:
    """The "of" in "the capital(s) of X", where X is a province standing for its capital."""
    if token.lemma_.lower() != "capital":
        return None
    return next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)


def _qualifier(span: Span, scope_start: int) -> str | None:
    """The preposition that makes a place a qualifier ("capital of X", "Qalat in Zabul"), if any."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].tag_ == "POS":
        return "'s"  # "Afghanistan's second-largest city": the possessor only qualifies
    root = span.root
    if root.dep_ == "conj" and scope_start <= root.head.i < span.start and root.head.pos_ == "PROPN":
        return _qualifier(doc[root.head.i : root.head.i + 1], scope_start)  # "with Iran and Turkmenistan"
    i = span.start - 1
    while i >= scope_start:
        token = doc[i]
        if token.lower_ == "of" and token.head.lemma_.lower() in NAMING_NOUNS:
            # "the city of X" names X: carry on from before "the city".
            i = token.head.left_edge.i - 1
            continue
        if token.pos_ == "ADP" or token.dep_ == "prep":
            return None if _lists_items(token) else token.lower_
        if token.pos_ not in SKIPPABLE_POS and token.dep_ not in ("compound", "poss", "case", "det", "amod"):
            return None
        i -= 1
    return None


def _lists_items(preposition: Token) -> bool:
    """ "including X", "along with X", "such as X" add items; "with X", "known as X" qualify."""
    word = preposition.lower_
    before = preposition.doc[preposition.i - 1].lower_ if preposition.i > 0 else ""
    if word == "with":
        return before in ("along", "together")
    if word == "as":
        return before == "such"
    return word in LIST_PREPS


def _counts_places(token: Token) -> bool:
    """ "11 provincial capitals", "dozens of districts", "most of the districts of X"."""
    if token.lemma_.lower() in PLACE_HEAD_NOUNS:
        return True
    if (
        token.lower_ in PARTITIVES
        or token.like_num
        or token.pos_ == "NUM"
        or token.lower_ in ("dozens", "hundreds")
    ):
        of = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        return any(g.lemma_.lower() in PLACE_HEAD_NOUNS for g in of)
    return False


def _is_definite(token: Token) -> bool:
    return any(c.lower_ in ("the", "this", "that") or c.dep_ == "poss" for c in token.children)
