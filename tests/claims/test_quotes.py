"""Direct quotations: pairing of marks, speakers, pronouns, paragraphs and scare quotes."""

from __future__ import annotations

import pytest
from claims_helpers import ARTICLE, only_quote, parse, quotes_of

from sitrep.extract.quotes import QuoteExtractor, find_quote_spans


def _words(text: str) -> list[str]:
    """The quoted words of every span found in `text`, pieces joined by a space."""
    return [" ".join(text[start:end] for start, end in span.pieces) for span in find_quote_spans(text)]


@pytest.mark.parametrize("text", [
    '"We will hold the city," he said.',
    "“We will hold the city,” he said.",
    "‘We will hold the city,’ he said.",
    "'We will hold the city,' he said.",
    "„We will hold the city“, he said.",
])
def test_pairs_straight_and_curly_marks(text: str) -> None:
    assert _words(text) == ["We will hold the city"]


def test_apostrophes_inside_words_are_not_marks() -> None:
    text = "The soldiers' families said they're 'worried about the country’s winter'."
    assert _words(text) == ["worried about the country’s winter"]


def test_single_marks_inside_double_marks_stay_inside() -> None:
    text = "“He told me ‘go home now’ and left,” she said."
    assert _words(text) == ["He told me ‘go home now’ and left"]


def test_quote_runs_over_paragraphs_when_the_next_opens_with_a_mark() -> None:
    text = "“The first part of the statement.\n\n“And the second part,” she said."
    assert _words(text) == ["The first part of the statement. And the second part"]


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "“The first part of the statement.\n\nThe reporter's own words follow."
    assert _words(text) == ["The first part of the statement."]


@pytest.mark.parametrize(("text", "speaker", "verb"), [
    ("“Afghan towns must unite,” Lena Fischer told reporters on Friday.", "Lena Fischer", "told"),
    ('"The situation is very dangerous," said Amina Rahimi, a local doctor.', "Amina Rahimi", "said"),
    ("“The situation is very dangerous,” warned the police chief.", "the police chief", "warned"),
    ('Colonel Mark Dawson said the troops were "ready for anything that comes".', "Mark Dawson", "said"),
    ("The envoy urged both sides: “Stop the shelling of the city now.”", "The envoy", "urged"),
    ("“The roads are closed to all traffic,” Kirsten Dahl added.", "Kirsten Dahl", "added"),
])
def test_explicit_speaker_and_verb(text: str, speaker: str, verb: str) -> None:
    quote = only_quote(text)
    assert (quote.speaker, quote.verb) == (speaker, verb)
    assert text[quote.speaker_start or 0:quote.speaker_end or 0] == speaker


def test_offsets_are_the_words_without_marks() -> None:
    text = "“We will not surrender the city,” the governor said."
    quote = only_quote(text)
    assert quote.text == text[quote.start:quote.end] == "We will not surrender the city"
    assert quote.component == "sitrep.quotes.rules.v1"
    assert quote.article_id == ARTICLE


def test_pronoun_speaker_resolves_to_the_last_person() -> None:
    text = "Omar Haidari, a shopkeeper, said the market had burned.\n\n“We have lost everything,” he said."
    quote = only_quote(text)
    assert quote.speaker == "Omar Haidari"
    assert text[quote.speaker_start or 0:quote.speaker_end or 0] == "Omar Haidari"


def test_pronoun_prefers_the_previous_speaker() -> None:
    text = ("“The border will stay closed,” Nadia Karimi said. She met Ahmad Zia later that day.\n\n"
            "“We are not negotiating with anyone,” she said.")
    assert [quote.speaker for quote in quotes_of(text)] == ["Nadia Karimi", "Nadia Karimi"]


def test_quote_paragraph_continues_the_previous_speaker() -> None:
    text = "“Help is coming soon,” Sami Qadir told Reuters.\n\n“We have trucks on the road tonight.”"
    found = quotes_of(text)
    assert [(quote.speaker, quote.verb) for quote in found] == [("Sami Qadir", "told"), ("Sami Qadir", None)]


def test_colon_paragraph_introduces_the_next_quote() -> None:
    quote = only_quote("General Ali Shah said on Monday:\n\n“The enemy is retreating on every front.”")
    assert (quote.speaker, quote.verb) == ("Ali Shah", "said")


def test_multi_paragraph_quote_is_one_record_with_the_closing_speaker() -> None:
    text = ("The minister spoke at length. “The first paragraph of my statement.\n\n"
            "“And this second paragraph continues it,” Minister Karen Holt said.")
    quote = only_quote(text)
    assert quote.text == "The first paragraph of my statement. And this second paragraph continues it"
    assert text[quote.start:quote.start + 9] == "The first"
    assert text[:quote.end].endswith("continues it")
    assert quote.speaker == "Karen Holt"


def test_partial_quote_after_adding_borrows_the_subject() -> None:
    text = "“We did not start this,” the commander said, adding that “more arrests will follow”."
    assert [(quote.speaker, quote.verb) for quote in quotes_of(text)] == [
        ("the commander", "said"), ("the commander", "adding")]


@pytest.mark.parametrize("text", [
    "Officials described the strikes as “surgical” and the losses as “very light”.",
    "The raids had a “kinetic” effect, the spokesman said.",
    "A “ceasefire” was announced, but the “humanitarian pause” lasted hours.",
    "The report, titled “Lessons from the Siege”, was published on Friday.",
    "The campaign “Bring Them Home Now” gathered pace.",
])
def test_scare_quotes_and_titles_are_not_quotes(text: str) -> None:
    assert quotes_of(text) == ()


def test_short_quote_with_an_attached_verb_is_kept() -> None:
    quote = only_quote("“Never,” said Lena Fischer.")
    assert (quote.text, quote.speaker) == ("Never", "Lena Fischer")


def test_quote_without_speaker_keeps_none() -> None:
    quote = only_quote("“Nobody can stop this war anymore” read one placard.")
    assert (quote.speaker, quote.verb, quote.speaker_start) == (None, None, None)


def test_given_entities_name_the_speaker() -> None:
    from sitrep.records import EntityMention

    text = "“We are ready for talks,” Zarghuna said."
    start = text.index("Zarghuna")
    person = EntityMention(ARTICLE, start, start + 8, "Zarghuna", "PERSON", "test.entities.v1")
    quote = QuoteExtractor()(parse(text), ARTICLE, entities=(person,))[0]
    assert (quote.speaker, quote.speaker_start) == ("Zarghuna", start)


def test_lost_paragraph_breaks_start_a_new_quote_at_each_opening_mark() -> None:
    text = ('"We went around to the back door," said Steve Hall of the fire service. '
            '"The smoke was already almost down to the floor. '
            '"We got as low as possible and went inside," Hall added.')
    found = quotes_of(text)
    assert [quote.text for quote in found] == [
        "We went around to the back door",
        "The smoke was already almost down to the floor.",
        "We got as low as possible and went inside",
    ]
    assert [quote.speaker for quote in found] in (["Steve Hall", "Steve Hall", "Hall"],
                                                  ["Steve Hall", "Hall", "Hall"])


def test_quote_opening_the_next_sentence_keeps_the_speaker() -> None:
    text = '"We expect it to run for two years," Mira Patel said. "It depends on what we learn."'
    found = quotes_of(text)
    assert [(quote.speaker, quote.verb) for quote in found] == [("Mira Patel", "said"), ("Mira Patel", None)]


def test_question_mark_before_he_asked() -> None:
    found = quotes_of("Lena Fischer spoke first. “Why now, after all this time?” she asked.")
    assert [(quote.speaker, quote.verb) for quote in found] == [("Lena Fischer", "asked")]


def test_next_sentence_after_a_closed_quote_belongs_to_nobody() -> None:
    found = quotes_of('"We will win this war in the end." Officials said little after that.')
    assert [(quote.text, quote.speaker) for quote in found] == [("We will win this war in the end.", None)]


def test_reporting_verb_on_the_line_before_does_not_speak_the_quote() -> None:
    quote = only_quote("Minister Lena Holt told reporters\n“We will rebuild the bridge this year.”")
    assert (quote.speaker, quote.verb) == (None, None)
