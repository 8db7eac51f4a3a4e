"""Fixtures shared by the whole suite: stores on both backends and articles written here."""

from __future__ import annotations

import importlib.util
import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from sitrep.ingest.identity import article_id
from sitrep.records import Article
from sitrep.store import Store, open_store

POSTGRES_URL = os.environ.get("SITREP_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def _postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used here, or None when it can."""
    try:
        engine = create_engine(POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://", 1),
                               connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except OperationalError as error:
        return f"no PostgreSQL server at {POSTGRES_URL}: {str(error.orig).strip().splitlines()[0]}"
    return None


@pytest.fixture(scope="session")
def postgres_schema_url() -> Iterator[object]:
    """A factory of URLs, each pointing at a fresh PostgreSQL schema dropped after the session."""
    problem = _postgres_problem()
    if problem:
        pytest.skip(problem)
    engine = create_engine(POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    schemas: list[str] = []

    def make() -> str:
        name = f"sitrep_test_{uuid.uuid4().hex[:12]}"
        with engine.begin() as connection:
            connection.execute(text(f'create schema "{name}"'))
        schemas.append(name)
        return f"{POSTGRES_URL}?options=-csearch_path%3D{name}"

    yield make
    # One transaction per schema: dropping hundreds of schemas at once holds a lock per table and
    # index of each until the end, and overflows PostgreSQL's lock table (max_locks_per_transaction).
    for name in schemas:
        with engine.begin() as connection:
            connection.execute(text(f'drop schema if exists "{name}" cascade'))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: object) -> str:
    """The URL of a new, empty database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/sitrep.db"
    factory = request.getfixturevalue("postgres_schema_url")
    return str(factory())


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An open store on each backend, closed after the test."""
    opened = open_store(store_url)
    yield opened
    opened.close()


def make_article(text: str, **fields: object) -> Article:
    """An article with the id sitrep would give its text."""
    title = fields.get("title")
    return Article(id=article_id(text, title if isinstance(title, str) else None), text=text,
                   input=str(fields.pop("input", "test")), format=str(fields.pop("format", "text")),
                   **fields)  # type: ignore[arg-type]


@pytest.fixture
def sample_articles() -> list[Article]:
    """Three invented reports from two outlets, one with an unknown date."""
    return [
        make_article("Fighters entered Karvand at dawn after a week of shelling, residents said.",
                     title="Karvand falls", source="Valley Post", language="en",
                     published_at=date(2021, 8, 9), input="a.txt"),
        make_article("Les combattants sont entrés dans Karvand à l'aube, selon des habitants.",
                     title="Karvand tombe", source="Courrier Est", language="fr",
                     published_at=date(2021, 8, 10), input="b.txt"),
        make_article("Aid convoys waited at the river crossing while talks went on.",
                     title="Convoys wait", source="Valley Post", language="en", input="c.txt"),
    ]


def _load_helper(relative: str) -> Any:
    """A helper module of another test folder, loaded by path (test folders are not packages)."""
    path = Path(__file__).parent / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def small_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The tiny hand-made gazetteer of tests/geo, built once per test session."""
    helpers = _load_helper("geo/geo_helpers.py")
    return helpers.build_fixture_gazetteer(tmp_path_factory.mktemp("gazetteer"))
