"""The parse's text is built once and shared; attribution looks only at reporting tokens."""

from __future__ import annotations

from sitrep.extract.attribution import REPORTING_VERBS, Attributor, _reporting_indexes, attributor_of
from sitrep.extract.claims import ClaimExtractor
from sitrep.extract.nlp import document_text, load_model
from sitrep.extract.quotes import QuoteExtractor, _QuoteFinder, attribute_quotes
from sitrep.records import EntityMention

TEXT = ("According to the harbour master, the ferry stayed in port. Two crew members said on Friday "
        "that the engine had failed, the owners added.\nNobody was hurt.")


def test_document_text_is_the_parse_text_built_once() -> None:
    doc = load_model()(TEXT)
    first = document_text(doc)
    assert first == doc.text == TEXT
    assert document_text(doc) is first


def test_reporting_tokens_are_those_the_walk_would_try() -> None:
    doc = load_model()(TEXT)
    expected = [token.i for token in doc if token.lower_ == "according"
                or (token.pos_ == "VERB" and token.lemma_.lower() in REPORTING_VERBS)]
    assert _reporting_indexes(doc) == expected
    assert len(expected) >= 3
    speakers = [found.speaker for found in Attributor(doc).attributions]
    assert speakers[:2] == ["the harbour master", "Two crew members"]


def test_an_empty_parse_has_no_reporting_tokens() -> None:
    assert _reporting_indexes(load_model()("")) == []


QUOTED = ('"We counted nearly 40 boats in the bay," the harbour master said. More than 200 sailors '
          "waited ashore, according to the port office.")


def test_claims_and_quotes_of_one_article_share_its_attributor_and_quotations() -> None:
    doc = load_model()(QUOTED)
    entities = (EntityMention(article_id="a", start=0, end=3, text="\"We", label="ORG",
                              component="test"),)
    shared = attributor_of(doc, entities)
    assert attributor_of(doc, entities) is shared
    assert attributor_of(doc, tuple(entities)) is shared
    assert attributor_of(doc) is not shared
    assert attributor_of(load_model()(QUOTED), entities) is not shared
    attributor = attributor_of(doc)
    quotes = attribute_quotes(doc, attributor)
    assert attribute_quotes(doc, attributor) is quotes
    assert attribute_quotes(doc, Attributor(doc)) is not quotes
    assert attribute_quotes(doc, Attributor(doc)) == quotes


def test_shared_reading_gives_the_answers_of_a_fresh_one() -> None:
    doc = load_model()(QUOTED)
    claims = ClaimExtractor()(doc, "a")
    quotes = QuoteExtractor()(doc, "a")
    assert [(c.value, c.qualifier, c.attributed_to) for c in claims] == [
        (40.0, "nearly", "the harbour master"), (200.0, "over", "the port office")]
    assert [q.speaker for q in quotes] == ["the harbour master"]
    fresh = Attributor(doc)
    assert [(q.span, q.attribution) for q in attribute_quotes(doc, fresh)] == [
        (q.span, q.attribution) for q in _QuoteFinder(doc, fresh).run()]


def test_a_hedge_is_read_from_the_words_before_the_number_however_few() -> None:
    for text, hedge in (("Nearly 40 boats sank.", "nearly"), ("40 boats sank.", ""),
                        ("Officials counted at least 40 boats.", "at least")):
        claims = ClaimExtractor()(load_model()(text), "a")
        assert [c.qualifier for c in claims] == [hedge], text
