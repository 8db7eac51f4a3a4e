"""The component registry matches the pipeline built, and one `ExtractionConfig` carries the CLI's
options down to the extractor, its workers and the ingest job without the environment."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import make_article
from sitrep.cli import cli, extraction
from sitrep.cli import ingest as ingest_cli
from sitrep.config import ExtractionConfig
from sitrep.evaluation.tasks import TASKS
from sitrep.extract.events.extractor import ARTICLE_PASSES
from sitrep.extract.pipeline import Extractor, Step, _LanguagePipeline
from sitrep.extract.registry import REGISTRATIONS, article_passes, components
from sitrep.pipeline import extract_into
from sitrep.records import Article, Extraction
from sitrep.run.workers import ExtractorSpec
from sitrep.store import Store

ENVIRONMENT = ("SITREP_EXTRACT_BUDGET", "SITREP_MODEL", "SITREP_OUTLET_HOMES", "SITREP_GAZETTEER")
REPORT = """date 2023-05-02
source: Riverside Courier

Militia fighters attacked a police post near the river crossing on Monday, officials said.
"""


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No extraction setting in the environment: whatever reaches the extractor came from the CLI."""
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def extractor(small_gazetteer: Any) -> Extractor:
    return Extractor(gazetteer=small_gazetteer)


def described(pipeline: _LanguagePipeline) -> list[tuple[str, tuple[str, ...], str]]:
    """Each step of a built pipeline as (name.vN, requires, assigns), the model first."""
    model = (pipeline.components[0], (), "doc")
    return [model, *((step.component, step.requires, step.assigns) for step in pipeline.steps)]


def listed(language: str, model: str | None = None) -> list[tuple[str, tuple[str, ...], str]]:
    return [(item.label, item.requires, item.assigns) for item in components(language, model=model)]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_listing_is_the_pipeline_actually_built(extractor: Extractor, language: str) -> None:
    pipeline = extractor._pipeline(language)
    assert described(pipeline) == listed(language, extractor.config.model)
    labels = [item.label for item in components(language, model=extractor.config.model)]
    assert labels == list(pipeline.components)


def test_a_step_added_without_a_registration_is_caught(extractor: Extractor) -> None:
    english = extractor._pipeline("en")
    extra = Step("sitrep.sentiment.rules.v1", (), "sentiment", lambda doc, item, found: ())
    grown = _LanguagePipeline(english.nlp, (*english.steps, extra))
    assert described(grown) != listed("en", extractor.config.model)


def test_every_scorer_is_a_task_of_sitrep_evaluate() -> None:
    named = {scorer for registration in REGISTRATIONS for scorer in registration.scorers}
    assert named and named <= set(TASKS), f"unknown tasks: {named - set(TASKS)}"
    scored = {registration.step: registration.scorers for registration in REGISTRATIONS}
    assert "event-location" in scored["events"] and "geoparsing" in scored["places"]


def test_the_article_passes_are_listed_in_the_order_they_run() -> None:
    assert [name for name, _ in article_passes()] == [step.name for step in ARTICLE_PASSES]
    assert all(does for _, does in article_passes())


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_components_lists_a_language_as_json_without_loading_a_model(clean_environment: None) -> None:
    report = json.loads(run("components", "--language", "fr", "--json").stdout)
    assert list(report["languages"]) == ["fr"]
    steps = {item["step"]: item for item in report["languages"]["fr"]}
    assert list(steps) == ["model", "actors", "places", "times", "events", "claims", "quotes"]
    assert steps["times"]["name"] == "sitrep.dates.fr"
    assert steps["times"]["scorers"] == ["timebank", "meantime"]
    assert steps["events"]["requires"] == ["entities", "places", "times"]
    assert [item["name"] for item in report["article_passes"]] == [step.name for step in ARTICLE_PASSES]
    uninstalled = json.loads(run("components", "--model", "xx_not_installed", "--json").stdout)
    assert uninstalled["languages"]["en"][0]["version"] == "?"
    assert uninstalled["config"]["model"] == "xx_not_installed"


def test_components_prints_tables_and_the_settings_in_force(clean_environment: None) -> None:
    result = run("components", "--language", "en", "--extract-budget", "33", "--outlet-homes", "off")
    assert result.exit_code == 0
    assert "sitrep.places.gazetteer.v2\t-\tplaces\tplaces, geoparsing" in result.stdout
    assert "extract-budget: 33" in result.stdout and "outlet-homes: off" in result.stdout


def test_a_budget_given_on_the_command_line_reaches_the_extractor(
    clean_environment: None, small_gazetteer: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    made: list[ExtractionConfig] = []

    def make(config: ExtractionConfig | None = None) -> Extractor:
        assert config is not None
        made.append(config)
        return Extractor(config=config, gazetteer=small_gazetteer)

    monkeypatch.setattr(extraction, "make_extractor", make)
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    result = run("extract", str(tmp_path / "report.txt"), "--extract-budget", "0.000000001", "--json")
    (item,) = json.loads(result.stdout)
    assert made[0].budget == 1e-9
    assert "over the 1e-09 s (CPU) extraction budget" in item["extraction"]["failure"]


def test_ingest_hands_its_options_to_the_workers_and_the_ingest_job(
    clean_environment: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pools: list[ExtractorSpec] = []
    jobs: list[ExtractionConfig | None] = []

    class FakePool:
        def __init__(self, spec: ExtractorSpec, workers: int, *, min_batch: int = 1) -> None:
            pools.append(spec)

        def pipe(self, articles: Iterable[Article], **options: Any) -> Iterator[Extraction]:
            return iter(())

        def __enter__(self) -> FakePool:
            return self

        def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                     trace: TracebackType | None) -> None:
            return None

    def fake_ingest(*args: Any, config: ExtractionConfig | None = None, **options: Any) -> Any:
        from sitrep.records import IngestSummary

        jobs.append(config)
        return IngestSummary()

    monkeypatch.setattr(ingest_cli, "PoolExtractor", FakePool)
    monkeypatch.setattr(ingest_cli, "ingest", fake_ingest)
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    run("ingest", str(tmp_path / "report.txt"), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--workers", "2",
        "--extract-budget", "9", "--model", "xx_chosen_model", "--outlet-homes", "off", "--quiet")
    (spec,) = pools
    config = spec.config
    assert (config.budget, config.model, config.outlet_homes) == (9.0, "xx_chosen_model", False)
    assert config.gazetteer is not None and config.gazetteer.is_file(), "built before the workers start"
    assert jobs == [spec.config], "the ingest job (outlet homes) reads the same config"


class RecordingExtractor:
    """Stands in for the pipeline; remembers the homes it was given."""

    def __init__(self) -> None:
        self.homes: list[Any] = []

    def pipe(self, articles: Iterable[Article], **options: Any) -> Iterator[Extraction]:
        self.homes.append(options.get("homes"))
        return iter([Extraction(article_id=article.id, components=()) for article in articles])


def test_outlet_homes_switched_off_by_the_config_without_the_environment(
    clean_environment: None, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sitrep.pipeline import outlet_homes_for

    calls: list[bool] = []
    monkeypatch.setattr(store, "outlet_homes", lambda *args, **kwargs: calls.append(True) or {})
    articles = [make_article(f"Report {number} from the valley.", source="Valley Post")
                for number in range(2)]
    store.save_batch(articles, [])
    assert outlet_homes_for(store, articles, config=ExtractionConfig(outlet_homes=False)) == {}
    assert not calls, "the store is not asked when the config turns homes off"
    outlet_homes_for(store, articles, config=ExtractionConfig(outlet_homes=True))
    assert calls == [True]
    extract_into(store, RecordingExtractor(), articles, config=ExtractionConfig(outlet_homes=False))  # type: ignore[arg-type]
    assert calls == [True]


def test_the_config_reads_the_environment_once_and_options_win(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    monkeypatch.setenv("SITREP_EXTRACT_BUDGET", "50")
    monkeypatch.setenv("SITREP_OUTLET_HOMES", "off")
    monkeypatch.setenv("SITREP_GAZETTEER", str(tmp_path / "places.sqlite"))
    from_environment = ExtractionConfig.from_environment()
    assert (from_environment.budget, from_environment.outlet_homes) == (50.0, False)
    assert from_environment.gazetteer == tmp_path / "places.sqlite"
    given = ExtractionConfig.from_environment(budget="7", outlet_homes="on", gazetteer="~/elsewhere.sqlite")
    assert (given.budget, given.outlet_homes) == (7.0, True)
    assert given.gazetteer == Path("~/elsewhere.sqlite").expanduser()
