"""Claim groups: keys across wordings, day chains, hedged values, verdicts and shuffle independence."""

from __future__ import annotations

import random
from datetime import date

import pytest

from sitrep.extract.claims import ClaimExtractor
from sitrep.extract.nlp import load_model
from sitrep.fuse.claims import (
    COMPONENT,
    WINDOW_DAYS,
    ClaimEvidence,
    claim_key,
    group_claims,
    singularise,
    stem_verb,
)
from sitrep.records import Claim, ClaimGroup, ClaimVerdict

DAY = date(2022, 3, 14)


def make_claim(value: float, *, article: str = "a1", start: int = 0, unit: str = "district centres",
               subject: str = "district centres", total: float | None = 21, predicate: str = "seized",
               qualifier: str = "", value_max: float | None = None, text: str = "") -> Claim:
    """A claim as the extractor would give it, with defaults for a tally of district centres."""
    written = text or f"{value:g} {subject}"
    return Claim(article_id=article, start=start, end=start + len(written), text=written,
                 component="test.claims.v1", value=value, unit=unit, subject=subject, qualifier=qualifier,
                 total=total, predicate=predicate, value_max=value_max)


def evidence(claim: Claim, source: str | None, day: date | None = DAY) -> ClaimEvidence:
    """The claim as stated by `source` on `day`."""
    return ClaimEvidence(claim=claim, source=source, published_on=day)


def only_group(items: list[ClaimEvidence]) -> ClaimGroup:
    """The single group of `items`; fails when they split."""
    groups = group_claims(items)
    assert len(groups) == 1, [group.group_id for group in groups]
    return groups[0]


def extracted_claim(text: str) -> Claim:
    """The one claim the extractor reads in `text`."""
    found = ClaimExtractor()(load_model()(text), "x")
    assert len(found) == 1, [claim.text for claim in found]
    return found[0]


# --- keys


def test_two_wordings_of_a_tally_share_a_key() -> None:
    one = extracted_claim("The rebels have seized seven of the region's 21 provincial district centres.")
    two = extracted_claim("Officials said 7 out of 21 district centres had been seized by the rebels.")
    assert claim_key(one) == claim_key(two) == "district centre|21"


def test_a_different_total_is_a_different_key() -> None:
    assert claim_key(make_claim(7, total=21)) != claim_key(make_claim(7, total=30))


def test_count_without_total_keys_on_its_predicate() -> None:
    displaced = make_claim(40000, unit="families", subject="families", total=None, predicate="displaced")
    displaces = make_claim(38000, unit="families", subject="families", total=None, predicate="displace")
    killed = make_claim(300, unit="families", subject="families", total=None, predicate="killed")
    assert claim_key(displaced) == claim_key(displaces) == "family|displac"
    assert claim_key(killed) != claim_key(displaced)


def test_percentage_keys_on_its_subject_without_possessor() -> None:
    share = make_claim(40, unit="percent", subject="the country's north", total=None, predicate="control")
    assert claim_key(share) == "north|percent|control"


def test_money_keeps_its_currency() -> None:
    pledge = make_claim(2e9, unit="EUR", subject="The European Commission", total=None, predicate="pledged")
    assert claim_key(pledge) == "european commission|EUR|pledg"


def test_rank_is_kept_apart_from_a_count() -> None:
    rank = make_claim(9, unit="capital", subject="provincial capital", total=None, predicate="fall",
                      qualifier="rank")
    count = make_claim(9, unit="capitals", subject="provincial capitals", total=None, predicate="fell")
    assert claim_key(rank) == "capital|rank|fal"
    assert claim_key(count) == "capital|fal"


@pytest.mark.parametrize("claim", [
    make_claim(12, unit="number", subject="", total=None, predicate="died"),
    make_claim(5, unit="member states", subject="EU member states", total=None, predicate=""),
    make_claim(30, unit="percent", subject="", total=None, predicate="rose"),
])
def test_vague_claims_have_no_key(claim: Claim) -> None:
    assert claim_key(claim) is None


def test_word_rules() -> None:
    plurals = ("casualties", "churches", "asylum seekers", "women", "status")
    singulars = ["casualty", "church", "asylum seeker", "woman", "status"]
    assert [singularise(word) for word in plurals] == singulars
    assert {stem_verb(word) for word in ("controlled", "control", "controls")} == {"control"}
    assert {stem_verb(word) for word in ("took", "take", "taken", "taking")} == {"tak"}


# --- verdicts


def test_two_wordings_agree() -> None:
    group = only_group([
        evidence(make_claim(7, article="a1", start=40, text="seven of the region's 21 district centres"),
                 "Outlet A"),
        evidence(make_claim(7, article="b1", start=10, text="7 out of 21 district centres"), "Outlet B"),
    ])
    assert group.verdict == ClaimVerdict.AGREE
    assert group.group_id == "C-a1-40"
    assert (group.total, group.unit, group.predicate, group.component) == (21, "district centres", "seized",
                                                                            COMPONENT)
    assert [value.article_id for value in group.values] == ["a1", "b1"]


def test_one_outlet_is_single_even_across_articles() -> None:
    group = only_group([evidence(make_claim(7, article="a1"), "Outlet A"),
                        evidence(make_claim(8, article="a2"), "Outlet A", date(2022, 3, 15))])
    assert group.verdict == ClaimVerdict.SINGLE


def test_unknown_outlets_count_per_article() -> None:
    group = only_group([evidence(make_claim(7, article="a1"), None),
                        evidence(make_claim(7, article="b1"), None)])
    assert group.verdict == ClaimVerdict.AGREE


def test_values_on_different_days_differ() -> None:
    group = only_group([evidence(make_claim(9, article="a1"), "Outlet A", date(2022, 3, 11)),
                        evidence(make_claim(10, article="b1"), "Outlet B", date(2022, 3, 12))])
    assert group.verdict == ClaimVerdict.DIFFER
    assert (group.first_day, group.last_day) == (date(2022, 3, 11), date(2022, 3, 12))


def test_same_day_incompatible_values_conflict() -> None:
    group = only_group([evidence(make_claim(9, article="a1"), "Outlet A"),
                        evidence(make_claim(12, article="b1"), "Outlet B"),
                        evidence(make_claim(12, article="c1"), "Outlet C", date(2022, 3, 15))])
    assert group.verdict == ClaimVerdict.CONFLICT


def test_unknown_day_cannot_explain_a_difference() -> None:
    group = only_group([evidence(make_claim(9, article="a1"), "Outlet A"),
                        evidence(make_claim(12, article="b1"), "Outlet B", None)])
    assert group.verdict == ClaimVerdict.CONFLICT


def share(value: float, article: str, qualifier: str = "") -> Claim:
    """A share of territory held, as a percentage."""
    return make_claim(value, article=article, unit="percent", subject="country", total=None,
                      predicate="control", qualifier=qualifier)


def families(value: float, article: str, qualifier: str = "") -> Claim:
    """A number of displaced families."""
    return make_claim(value, article=article, unit="families", subject="families", total=None,
                      predicate="displaced", qualifier=qualifier)


@pytest.mark.parametrize(("first", "second", "verdict"), [
    (share(55, "a1", "over"), share(56, "b1"), ClaimVerdict.AGREE),
    (share(55, "a1", "over"), share(50, "b1"), ClaimVerdict.CONFLICT),
    (families(40000, "a1", "about"), families(38000, "b1"), ClaimVerdict.AGREE),
    (families(40000, "a1", "about"), families(38000, "b1", "about"), ClaimVerdict.AGREE),
    (families(40000, "a1", "about"), families(55000, "b1"), ClaimVerdict.CONFLICT),
    (families(40000, "a1", "nearly"), families(41000, "b1"), ClaimVerdict.CONFLICT),
])
def test_hedges_decide_compatibility(first: Claim, second: Claim, verdict: ClaimVerdict) -> None:
    group = only_group([evidence(first, "Outlet A"), evidence(second, "Outlet B")])
    assert group.verdict == verdict


def test_range_covers_a_value_inside_it() -> None:
    ranged = make_claim(30000, article="a1", unit="families", subject="families", total=None,
                        predicate="displaced", qualifier="between", value_max=40000)
    group = only_group([evidence(ranged, "Outlet A"), evidence(families(36000, "b1"), "Outlet B")])
    assert group.verdict == ClaimVerdict.AGREE


# --- chains of days


def test_a_gap_longer_than_the_window_starts_a_new_group() -> None:
    late = date.fromordinal(DAY.toordinal() + WINDOW_DAYS + 1)
    groups = group_claims([evidence(make_claim(7, article="a1"), "Outlet A"),
                           evidence(make_claim(7, article="b1"), "Outlet B"),
                           evidence(make_claim(11, article="c1", start=5), "Outlet C", late)])
    assert [(group.group_id, len(group.values), group.verdict) for group in groups] == [
        ("C-a1-0", 2, ClaimVerdict.AGREE), ("C-c1-5", 1, ClaimVerdict.SINGLE)]


def test_days_chain_within_the_window() -> None:
    days = [date.fromordinal(DAY.toordinal() + step * WINDOW_DAYS) for step in range(3)]
    items = [evidence(make_claim(7, article=f"a{index}"), f"Outlet {index}", day)
             for index, day in enumerate(days)]
    assert len(only_group(items).values) == 3


def test_undated_claim_joins_a_lone_chain_only() -> None:
    undated = evidence(make_claim(7, article="z1"), "Outlet Z", None)
    lone = group_claims([evidence(make_claim(7, article="a1"), "Outlet A"), undated])
    assert [len(group.values) for group in lone] == [2]
    far = date.fromordinal(DAY.toordinal() + 30)
    split = group_claims([evidence(make_claim(7, article="a1"), "Outlet A"),
                          evidence(make_claim(7, article="b1"), "Outlet B", far), undated])
    assert sorted(len(group.values) for group in split) == [1, 1, 1]


# --- determinism


def test_shuffled_and_repeated_input_gives_the_same_groups() -> None:
    items = [evidence(make_claim(7 + index % 3, article=f"a{index}", start=index * 7), f"Outlet {index % 4}",
                      date.fromordinal(DAY.toordinal() + index * 2)) for index in range(12)]
    expected = group_claims(items)
    generator = random.Random(4)
    for _ in range(20):
        shuffled = items + items[:3]
        generator.shuffle(shuffled)
        assert group_claims(shuffled) == expected
    assert sum(len(group.values) for group in expected) == 12
