"""Quote groups: speaker keys, normalised wording, variant wordings grouped, different quotes apart."""

from __future__ import annotations

import random
from datetime import date

import pytest

from sitrep.fuse.quotes import (
    COMPONENT,
    QuoteEvidence,
    are_same_quote,
    group_quotes,
    normalise_wording,
    quote_key,
)
from sitrep.records import Quote, QuoteGroup

DAY = date(2022, 3, 14)
SPEAKER = "General Dana Whitfield"
HOLD = "We have got to hold the bridge until the relief column arrives, whatever it costs us."
HOLD_CONTRACTED = "We've got to hold the bridge until the relief column arrives, whatever it costs."
HOLD_REORDERED = "Whatever it costs us, we have to hold the bridge until the relief column arrives."
HOLD_ONE_WORD = "We have got to hold the bridge until the relief convoy arrives, whatever it costs us."
HOLD_REPORTED = "They have to hold the bridge until the relief column arrives, whatever it costs them."
LOST = "The bridge is lost and the column has turned back towards the capital."
AIRPORT = "We have got to open the road to the airport before the rains come."


def make_quote(text: str, *, article: str = "a1", start: int = 0, speaker: str | None = SPEAKER,
               verb: str | None = "said") -> Quote:
    """A quote as the extractor would give it."""
    return Quote(article_id=article, start=start, end=start + len(text), text=text,
                 component="test.quotes.v1", speaker=speaker, verb=verb)


def evidence(quote: Quote, source: str | None = "Outlet A", day: date | None = DAY) -> QuoteEvidence:
    """The quote as printed by `source` on `day`."""
    return QuoteEvidence(quote=quote, source=source, published_on=day)


def grouped_texts(groups: list[QuoteGroup]) -> list[list[str]]:
    """The member wordings of each group, for compact assertions."""
    return [[member.text for member in group.members] for group in groups]


# --- keys and wording


@pytest.mark.parametrize(("speaker", "key"), [
    ("Dana Whitfield", "whitfield"), ("General Dana Whitfield", "whitfield"), ("Whitfield", "whitfield"),
    ("President Tomás Ferreira Jr.", "ferreira"), ("Omar al-Haddad", "haddad"),
    ("Omar Al-Haddad's", "haddad"), ("the defence minister", "?"), ("officials", "?"), (None, "?"),
])
def test_quote_key_is_the_surname(speaker: str | None, key: str) -> None:
    assert quote_key(make_quote("Words.", speaker=speaker)) == key


@pytest.mark.parametrize("variants", [
    ("We have got to go", "We've got to go", "we have to go", "We’ve gotta go"),
    ("They don't retreat", "they do not retreat", "They DON'T retreat!"),
    ("We're gonna win", "we are going to win"),
    ("They can't stay", "They cannot stay", "they can not stay"),
])
def test_contractions_and_idioms_are_spelled_out(variants: tuple[str, ...]) -> None:
    assert len({normalise_wording(text).words for text in variants}) == 1


def test_pronouns_keep_their_role_but_not_their_person() -> None:
    direct, reported = normalise_wording("We defend our homes"), normalise_wording("They defend their homes")
    assert direct.words == reported.words
    assert normalise_wording("US troops").words == ("usa", "troops")


def test_negation_is_never_a_variant() -> None:
    sent = normalise_wording("We are going to send more soldiers into the valley before the winter")
    not_sent = normalise_wording("We are not going to send more soldiers into the valley before the winter")
    assert not are_same_quote(sent, not_sent)


# --- grouping


@pytest.mark.parametrize("variant", [HOLD_CONTRACTED, HOLD_REORDERED, HOLD_ONE_WORD, HOLD_REPORTED])
def test_variant_wordings_are_one_quote(variant: str) -> None:
    groups = group_quotes([evidence(make_quote(HOLD, article="a1", start=30)),
                           evidence(make_quote(variant, article="b1", start=12), "Outlet B")])
    assert grouped_texts(groups) == [[HOLD, variant]]
    assert groups[0].group_id == "Q-a1-30"


def test_different_quotes_by_one_speaker_stay_apart() -> None:
    groups = group_quotes([evidence(make_quote(HOLD, article="a1")),
                           evidence(make_quote(LOST, article="a1", start=200)),
                           evidence(make_quote(AIRPORT, article="b1"), "Outlet B"),
                           evidence(make_quote(HOLD_CONTRACTED, article="b1", start=90), "Outlet B")])
    assert sorted(grouped_texts(groups)) == sorted([[HOLD, HOLD_CONTRACTED], [LOST], [AIRPORT]])


def test_one_changed_word_in_a_short_sentence_is_another_quote() -> None:
    north = "The situation in the north of the country is very serious."
    south = "The situation in the south of the country is very serious."
    groups = group_quotes([evidence(make_quote(north, article="a1")),
                           evidence(make_quote(south, article="b1"), "Outlet B")])
    assert len(groups) == 2


def test_short_quotes_need_near_exact_wording() -> None:
    groups = group_quotes([evidence(make_quote("Nobody is surrendering.", article="a1")),
                           evidence(make_quote("Nobody is retreating.", article="b1"), "Outlet B"),
                           evidence(make_quote("nobody's surrendering", article="c1"), "Outlet C")])
    assert grouped_texts(groups) == [["Nobody is surrendering.", "nobody's surrendering"],
                                     ["Nobody is retreating."]]


def test_an_excerpt_joins_the_full_statement() -> None:
    full = HOLD + " The enemy will not cross the river while we stand here, and the town will stay ours."
    groups = group_quotes([evidence(make_quote(full, article="a1")),
                           evidence(make_quote(HOLD, article="b1"), "Outlet B")])
    assert len(groups) == 1
    assert groups[0].text == full


def test_a_fragment_joins_the_one_quote_that_contains_it() -> None:
    groups = group_quotes([evidence(make_quote(HOLD, article="a1", start=300)),
                           evidence(make_quote("hold the bridge", article="b1", start=5), "Outlet B"),
                           evidence(make_quote(LOST, article="c1"), "Outlet C")])
    assert sorted(grouped_texts(groups)) == sorted([[HOLD, "hold the bridge"], [LOST]])


def test_a_fragment_found_in_two_quotes_links_neither() -> None:
    collapse = "If we cannot hold the bridge tonight, the whole northern front will collapse by the morning."
    groups = group_quotes([evidence(make_quote(HOLD, article="a1")),
                           evidence(make_quote(collapse, article="b1"), "Outlet B"),
                           evidence(make_quote("hold the bridge", article="c1"), "Outlet C")])
    assert sorted(grouped_texts(groups)) == sorted([[HOLD], [collapse], ["hold the bridge"]])


def test_unknown_speakers_group_only_very_close_wording() -> None:
    groups = group_quotes([evidence(make_quote(HOLD, article="a1", speaker=None)),
                           evidence(make_quote(HOLD.upper(), article="b1", speaker="a local official"), "B"),
                           evidence(make_quote(HOLD_REORDERED, article="c1", speaker=None), "C")])
    assert sorted(len(group.members) for group in groups) == [1, 2]
    assert next(group for group in groups if len(group.members) == 2).speaker == "a local official"


def test_group_fields() -> None:
    groups = group_quotes([
        evidence(make_quote(HOLD_CONTRACTED, article="b1", start=7, speaker="Whitfield"), "Outlet B"),
        evidence(make_quote(HOLD, article="a1", start=40, speaker="Dana Whitfield"), "Outlet A",
                 date(2022, 3, 15)),
        evidence(make_quote(HOLD_REORDERED, article="a2", start=3, speaker="Whitfield"), "Outlet A"),
        evidence(make_quote(HOLD_ONE_WORD, article="c1", start=9, speaker=None), None, None),
    ])
    assert len(groups) == 1
    group = groups[0]
    assert (group.group_id, group.component, group.speaker) == ("Q-a2-3", COMPONENT, "Whitfield")
    assert group.text == HOLD  # the longest wording; "convoy" and "column" tie, the earlier wins
    assert [(member.article_id, member.source) for member in group.members] == [
        ("a2", "Outlet A"), ("b1", "Outlet B"), ("a1", "Outlet A"), ("c1", None)]


def test_the_same_outlet_may_print_a_quote_twice() -> None:
    groups = group_quotes([evidence(make_quote(HOLD, article="a1")),
                           evidence(make_quote(HOLD_CONTRACTED, article="a2"), "Outlet A",
                                    date(2022, 3, 16))])
    assert [len(group.members) for group in groups] == [2]


def test_shuffled_and_repeated_input_gives_the_same_groups() -> None:
    texts = [HOLD, HOLD_CONTRACTED, HOLD_REORDERED, LOST, AIRPORT, "hold the bridge", "Nobody is retreating."]
    items = [evidence(make_quote(text, article=f"a{index}", start=index * 11,
                                 speaker=SPEAKER if index % 3 else None),
                      f"Outlet {index % 3}", DAY if index % 2 else None) for index, text in enumerate(texts)]
    expected = group_quotes(items)
    generator = random.Random(7)
    for _ in range(20):
        shuffled = items + items[:2]
        generator.shuffle(shuffled)
        assert group_quotes(shuffled) == expected
    assert sum(len(group.members) for group in expected) == len(texts)
