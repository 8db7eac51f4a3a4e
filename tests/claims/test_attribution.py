"""Who a claim is attributed to: reporting verbs, "according to", named entities and pronouns."""

from __future__ import annotations

import pytest
from claims_helpers import ARTICLE, claims_of, only_claim, parse

from sitrep.extract.attribution import Attributor
from sitrep.records import EntityMention


@pytest.mark.parametrize(("text", "speaker"), [
    ("At least 27 people died in the blast, officials said.", "officials"),
    ("At least 27 people died, according to Maria Lopez, the regional governor.", "Maria Lopez"),
    ("Tomas Berg told Reuters that at least 27 people had died.", "Tomas Berg"),
    ("Tomas Berg said on Tuesday that at least 27 people had died.", "Tomas Berg"),
    ("A senior African Union official said at least 27 people had died.", "A senior African Union official"),
    ("At least 27 people died, the interior ministry confirmed.", "the interior ministry"),
    ("Tomas Berg, head of the relief agency, told reporters that at least 27 people had died.",
     "Tomas Berg"),
    ("The agency's spokeswoman Ana Silva said at least 27 people had died.", "Ana Silva"),
])
def test_speaker_of_the_sentence(text: str, speaker: str) -> None:
    claim = only_claim(text)
    assert claim.attributed_to == speaker
    assert claim.attribution_start is not None and claim.attribution_end is not None
    assert text[claim.attribution_start:claim.attribution_end] == speaker


def test_unattributed_claim_has_no_source() -> None:
    claim = only_claim("At least 27 people died in the blast.")
    assert (claim.attributed_to, claim.attribution_start, claim.attribution_end) == (None, None, None)


def test_pronoun_speaker_resolves_to_the_previous_person() -> None:
    text = "Tomas Berg visited the camp on Monday.\n\nAbout 800 families live there, he said."
    claim = only_claim(text)
    assert claim.attributed_to == "Tomas Berg"
    assert text[claim.attribution_start or 0:claim.attribution_end or 0] == "Tomas Berg"


def test_unresolvable_pronoun_leaves_no_source() -> None:
    assert only_claim("About 800 families live there, they said.").attributed_to is None


def test_number_inside_the_speaker_is_not_its_own_source() -> None:
    found = claims_of("Six member states warned that more than 9,000 people could arrive.")
    by_value = {claim.value: claim.attributed_to for claim in found}
    assert by_value[6] is None
    assert by_value[9000] == "Six member states"


def test_claim_inside_a_quotation_takes_the_quote_speaker() -> None:
    claim = only_claim("“We have lost 300 fighters in a week,” the commander said.")
    assert (claim.value, claim.attributed_to) == (300, "the commander")


def test_reporting_verb_in_another_paragraph_does_not_count() -> None:
    text = "Rebels take ninth district centre\nLocal officials confirmed the news on Wednesday."
    claim = only_claim(text)
    assert claim.value == 9
    assert claim.attributed_to is None


def test_given_entities_name_the_speaker() -> None:
    text = "Zarghuna said at least 27 people had died."
    person = EntityMention(ARTICLE, 0, 9, "Zarghuna", "PERSON", "test.entities.v1")
    claim = claims_of(text, entities=(person,))[0]
    assert (claim.attributed_to, claim.attribution_start, claim.attribution_end) == ("Zarghuna", 0, 9)


def test_he_prefers_the_previous_speaker_over_a_later_mention() -> None:
    doc = parse("Nadia Karimi said the border was closed. She met Ahmad Zia later that day. "
                "The talks failed, she said.")
    speakers = [found.speaker for found in Attributor(doc).attributions]
    assert speakers == ["Nadia Karimi", "Nadia Karimi"]


def test_he_falls_back_to_the_last_person_named() -> None:
    doc = parse("The officials said the road was open. Ahmad Zia drove to the city. It was empty, he said.")
    speakers = [found.speaker for found in Attributor(doc).attributions]
    assert speakers == ["The officials", "Ahmad Zia"]


def test_a_date_is_never_a_speaker() -> None:
    doc = parse("On March 6, said the report, 800 acres burned.")
    assert all(found.speaker != "March 6" for found in Attributor(doc).attributions)


def test_reporting_verb_on_the_line_before_does_not_count() -> None:
    # Sentences end at a line break (nlp.load_model), so a headline's verb never reaches the text.
    claim = only_claim("Police chief Omar Ali says\nAt least 27 people died in the blast.")
    assert (claim.value, claim.attributed_to) == (27, None)
