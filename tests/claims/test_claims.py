"""Quantitative claims: value, unit, subject, hedge, total and offsets for each shape we handle."""

from __future__ import annotations

import pytest
from claims_helpers import ARTICLE, claims_of, only_claim, parse

from sitrep.extract.claims import ClaimExtractor


def test_part_of_a_total_with_possessive() -> None:
    claim = only_claim("The rebels now hold seven of the region's 21 district centres.")
    assert (claim.value, claim.total, claim.subject) == (7, 21, "district centres")
    assert claim.text == "seven of the region's 21 district centres"


def test_total_after_the_counted_noun() -> None:
    claim = only_claim("The militia now controls twelve district capitals of the province's 40 districts.")
    assert (claim.value, claim.total, claim.subject, claim.unit) == (12, 40, "district capitals",
                                                                      "district capitals")
    assert (claim.predicate, claim.qualifier) == ("control", "")


def test_part_of_a_total_without_possessive() -> None:
    claim = only_claim("Heavy fighting was reported in 18 of the 26 districts.")
    assert (claim.value, claim.total, claim.subject) == (18, 26, "districts")


def test_percentage_of_a_place_with_hedge() -> None:
    claim = only_claim("The rebels control over 40% of Somalia.")
    assert (claim.value, claim.unit, claim.subject) == (40, "percent", "Somalia")
    assert (claim.predicate, claim.qualifier) == ("control", "over")


@pytest.mark.parametrize("text", ["The dam is 80 per cent complete.", "The dam is 80 percent complete."])
def test_per_cent_spelled_out(text: str) -> None:
    claim = only_claim(text)
    assert (claim.value, claim.unit, claim.subject) == (80, "percent", "dam")


def test_participle_after_percentage_is_the_predicate() -> None:
    claim = only_claim("The pullout is now 70 per cent finished.")
    assert (claim.value, claim.unit, claim.predicate, claim.qualifier) == (70, "percent", "finished", "")


def test_people_count_with_predicate_and_duration_skipped() -> None:
    claim = only_claim("45,000 families had been displaced in the last six weeks.")
    assert (claim.value, claim.unit, claim.subject, claim.predicate) == (45_000, "families", "families",
                                                                        "displaced")
    assert claim.qualifier == ""


@pytest.mark.parametrize("text", ["Donors pledged $2.4 billion for the camps.",
                                  "Donors pledged 2.4 billion dollars for the camps.",
                                  "Donors pledged US$2.4bn for the camps.",
                                  "Donors pledged USD 2.4 billion for the camps."])
def test_dollar_amounts_in_every_spelling(text: str) -> None:
    claim = only_claim(text)
    assert claim.value == pytest.approx(2.4e9)
    assert (claim.unit, claim.subject) == ("USD", "Donors")


@pytest.mark.parametrize(("text", "unit"), [("Parliament approved 300 million euros.", "EUR"),
                                            ("Parliament approved £45m.", "GBP"),
                                            ("Parliament approved 900 million afghanis.", "AFN")])
def test_other_currencies(text: str, unit: str) -> None:
    assert only_claim(text).unit == unit


def test_more_than_a_million() -> None:
    claim = only_claim("More than a million refugees crossed the border.")
    assert (claim.value, claim.subject) == (1_000_000, "refugees")
    assert (claim.qualifier, claim.predicate) == ("over", "crossed")


def test_some_as_approximation_and_proper_noun_modifier() -> None:
    claim = only_claim("Some 3,500 French troops stayed behind.")
    assert (claim.value, claim.subject, claim.unit) == (3500, "French troops", "troops")
    assert (claim.qualifier, claim.predicate) == ("about", "stayed")


@pytest.mark.parametrize(("text", "value", "hedge", "predicate"), [
    ("At least 27 people died in the blast.", 27, "at least", "died"),
    ("About 800 soldiers remain at the base.", 800, "about", "remain"),
    ("Up to 3,000 fighters joined the group.", 3000, "at most", "joined"),
    ("Nearly 400 houses burned.", 400, "nearly", "burned"),
    ("Fewer than 50 families remain.", 50, "under", "remain"),
    ("Between 10 and 20 villagers were abducted.", 10, "between", "abducted"),
    ("10-20 villagers were abducted.", 10, "between", "abducted"),
    ("Eleven civilians were killed.", 11, "", "killed"),
    ("A dozen fighters surrendered.", 12, "", "surrendered"),
    ("Hundreds of families fled.", 100, "at least", "fled"),
])
def test_hedge_and_predicate_are_apart(text: str, value: float, hedge: str, predicate: str) -> None:
    claim = only_claim(text)
    assert (claim.value, claim.qualifier, claim.predicate) == (value, hedge, predicate)


@pytest.mark.parametrize(("text", "low", "high"), [
    ("Between 10 and 20 villagers were abducted.", 10, 20),
    ("10-20 villagers were abducted.", 10, 20),
    ("Between 10-20 villagers were abducted.", 10, 20),
    ("The militants seized 10 to 20 villages.", 10, 20),
    ("The camp holds from 800 to 1,200 families.", 800, 1200),
    ("Between two and three million people fled.", 2e6, 3e6),
    ("Donors pledged 10 to 20 million dollars.", 10e6, 20e6),
    ("Donors pledged $1.5-2bn for the camps.", 1.5e9, 2e9),
    ("The strikes hit 150 million to 180 million dollars of stock.", 150e6, 180e6),
    ("Between 10 and 20 percent of the wells are dry.", 10, 20),
])
def test_range_keeps_both_bounds(text: str, low: float, high: float) -> None:
    claim = only_claim(text)
    assert claim.qualifier == "between"
    assert claim.value == pytest.approx(low)
    assert claim.value_max == pytest.approx(high)


def test_lower_bound_keeps_its_own_scale_when_sharing_would_pass_the_upper() -> None:
    claim = only_claim("Estimates ran from 500 to 2 million people.")
    assert (claim.value, claim.value_max) == (500, 2e6)


@pytest.mark.parametrize("text", ["At least 27 people died in the blast.",
                                  "Kalat became the ninth provincial capital to fall.",
                                  "Donors pledged $2.4 billion for the camps."])
def test_no_upper_bound_without_a_range(text: str) -> None:
    assert only_claim(text).value_max is None


def test_range_text_covers_both_bounds() -> None:
    assert only_claim("Between 10 and 20 villagers were abducted.").text == "Between 10 and 20 villagers"


def test_half_of_a_total_becomes_a_count() -> None:
    claim = only_claim("Nearly half of the 300 detainees were released.")
    assert (claim.value, claim.total, claim.unit) == (150, 300, "detainees")


def test_half_of_a_place_becomes_a_percentage() -> None:
    claim = only_claim("Insurgents now control half of the province.")
    assert (claim.value, claim.unit, claim.subject) == (50, "percent", "province")


def test_ordinal_rank_is_a_tally() -> None:
    claim = only_claim("Kalat became the ninth provincial capital to fall.")
    assert (claim.value, claim.subject) == (9, "provincial capital")
    assert (claim.qualifier, claim.predicate) == ("rank", "fall")


def test_strong_force() -> None:
    claim = only_claim("A 1,200-strong force was sent to retake the pass.")
    assert (claim.value, claim.subject) == (1200, "force")


def test_bare_number_with_measuring_verb() -> None:
    claim = only_claim("The death toll rose to 45.")
    assert (claim.value, claim.unit, claim.subject) == (45, "number", "death toll")


def test_several_claims_in_one_sentence() -> None:
    found = claims_of("At least 14 civilians, including six children, were killed and 30 wounded.")
    assert [(claim.value, claim.unit) for claim in found] == [(14, "civilians"), (6, "children"),
                                                              (30, "number")]


def test_records_carry_offsets_and_component() -> None:
    text = "Officials said 2,300 homes were destroyed.\n\nAbout 5% of the town is left."
    doc = parse(text)
    found = ClaimExtractor()(doc, ARTICLE)
    assert len(found) == 2
    for claim in found:
        assert text[claim.start:claim.end] == claim.text
        assert claim.component == "sitrep.claims.rules.v3"
        assert claim.article_id == ARTICLE


def test_ratio_in_words_is_a_percentage() -> None:
    claim = only_claim("Nine in ten displaced families lack clean water.")
    assert (claim.value, claim.unit, claim.subject) == (90, "percent", "displaced families")


def test_out_of_is_a_part_of_a_total() -> None:
    claim = only_claim("Three out of four residents have left.")
    assert (claim.value, claim.total, claim.unit) == (3, 4, "residents")


def test_vague_amount_of_a_currency() -> None:
    claim = only_claim("The sale will free up billions of dollars for projects.")
    assert (claim.value, claim.unit) == (1e9, "USD")
    assert claim.qualifier == "at least"
