"""The fused-event export: ACLED's columns in ACLED's order, one row per fused event, typed cells."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas
import pycountry
import pytest
from click.testing import CliRunner

from sitrep.cli import cli
from sitrep.ingest.identity import article_id
from sitrep.records import Article, CodedEvent, Extraction, Modality
from sitrep.report import acled_codes
from sitrep.report.export import EVENT_ACLED_COLUMNS, EVENT_COLUMNS
from sitrep.run.fusion import fuse_articles
from sitrep.store import open_store
from sitrep.store.base import FusedQuery

ACLED_ORDER = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 "
    "assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country "
    "admin1 admin2 admin3 location latitude longitude geo_precision source source_scale notes fatalities "
    "tags timestamp").split()
# Columns and the type every non-empty cell must parse as (what pandas would infer).
INTEGERS = ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
            "timestamp", "source_count")
FLOATS = ("latitude", "longitude", "confidence")
ALWAYS_FILLED = ("event_id_cnty", "event_date", "year", "disorder_type", "event_type", "sub_event_type",
                 "inter1", "inter2", "interaction", "iso", "region", "country", "fatalities", "timestamp",
                 "source_count", "evidence_ids", "confidence", "modality", "corrected")

PLACE = {"country": "Afghanistan", "country_code": "AF", "admin1": "Qarabel Province", "location": "Qarabel",
         "geonameid": 920101, "latitude": 35.2, "longitude": 66.4}
CAPTURE_TEXT = "Militants overran Qarabel on Wednesday, a farmer said."
CAPTURE_AGAIN = "Qarabel was overran by militants on Wednesday, elders told a radio station."
CLASH_TEXT = "Soldiers fought insurgents near Qarabel on Thursday; six fighters died, police said."
THREAT_TEXT = "Insurgents vowed to overran Qarabel airport next week, a spokesman said."


def mention(text: str, source: str, trigger: str, **fields: object) -> tuple[Article, CodedEvent]:
    """An article and one coded mention of it (a capture of Qarabel on Wednesday unless told)."""
    article = Article(id=article_id(text, None), text=text, source=source, published_at=date(2021, 8, 12),
                      language="en", input=f"{source}.txt", format="text")
    start = text.index(trigger)
    values: dict[str, object] = {
        "event_type": "Strategic developments", "sub_event_type": "Non-state actor overtakes territory",
        "modality": Modality.ASSERTED, "event_date": date(2021, 8, 11), "actor1": "Militants",
        "actor1_type": "Rebel group", "actor2": None, "actor2_type": None, "fatalities": None, **PLACE,
    }
    values.update(fields)
    coded = CodedEvent(article_id=article.id, trigger_start=start, trigger_end=start + len(trigger),
                       trigger=trigger, component="test.v1", confidence=0.7, time_precision=1,
                       geo_precision=1, source=source, evidence_start=0, evidence_end=len(text), notes=text,
                       **values)  # type: ignore[arg-type]
    return article, coded


def corpus() -> list[tuple[Article, CodedEvent]]:
    """Two outlets on one capture, one clash with deaths, one threat."""
    return [
        mention(CAPTURE_TEXT, "Valley Post", "overran"),
        mention(CAPTURE_AGAIN, "Radio Ama", "overran"),
        mention(CLASH_TEXT, "Hill Daily", "fought", event_type="Battles", sub_event_type="Armed clash",
                event_date=date(2021, 8, 12), actor1="Afghan National Army", actor1_type="State forces",
                actor2="=Taliban", actor2_type="Rebel group", fatalities=6),
        mention(THREAT_TEXT, "Valley Post", "vowed", modality=Modality.THREATENED),
    ]


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'export.db'}"
    store = open_store(url)
    items = corpus()
    store.save_batch([article for article, _ in items], [])
    store.save_extractions([(Extraction(article.id, ("test.v1",)), [coded]) for article, coded in items])
    fuse_articles(store, [article.id for article, _ in items], seat=lambda geonameid: False)
    store.close()
    return url


def export(db: str, *options: str) -> tuple[list[str], list[dict[str, str]]]:
    result = CliRunner().invoke(cli, ["export", "--db", db, *options], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    reader = csv.DictReader(io.StringIO(result.stdout, newline=""))
    return list(reader.fieldnames or []), list(reader)


def test_columns_are_acleds_in_acleds_order_then_sitreps(db: str) -> None:
    header, _ = export(db)
    assert tuple(ACLED_ORDER) == EVENT_ACLED_COLUMNS
    assert header == [*ACLED_ORDER, "source_count", "evidence_ids", "confidence", "modality", "corrected"]
    assert tuple(header) == EVENT_COLUMNS


def test_one_row_per_fused_factual_event(db: str) -> None:
    _, rows = export(db)
    store = open_store(db, create=False)
    try:
        fused = store.count_fused(FusedQuery("event"))
    finally:
        store.close()
    assert fused == 3  # the capture (two outlets), the clash, the threat
    assert len(rows) == 2  # the threat is left out by default
    capture = next(row for row in rows if row["event_type"] == "Strategic developments")
    assert (capture["source_count"], capture["source"]) == ("2", "Radio Ama; Valley Post")
    assert len(capture["evidence_ids"].split()) == 2
    _, everything = export(db, "--all-modalities")
    assert sorted(row["modality"] for row in everything) == ["asserted", "asserted", "threatened"]


def test_cells_have_acleds_types(db: str) -> None:
    _, rows = export(db)
    for row in rows:
        for column in ALWAYS_FILLED:
            assert row[column] != "", column
        for column in INTEGERS:
            assert row[column] == "" or int(row[column]) >= 0, column
        for column in FLOATS:
            assert row[column] == "" or float(row[column]) == float(row[column]), column
        assert date.fromisoformat(row["event_date"]).year == int(row["year"])
        assert row["corrected"] in ("True", "False")


def test_acled_codes_of_a_clash_and_a_capture(db: str) -> None:
    _, rows = export(db)
    clash = next(row for row in rows if row["event_type"] == "Battles")
    assert (clash["inter1"], clash["inter2"], clash["interaction"]) == ("1", "2", "12")
    assert (clash["disorder_type"], clash["iso"]) == ("Political violence", "4")
    assert clash["region"] == "South Asia"
    assert (clash["fatalities"], clash["civilian_targeting"]) == ("6", "")
    assert clash["actor2"] == "'=Taliban"  # a formula-looking cell stays neutralised
    capture = next(row for row in rows if row["event_type"] == "Strategic developments")
    assert (capture["inter1"], capture["inter2"], capture["interaction"]) == ("2", "0", "20")
    assert (capture["disorder_type"], capture["fatalities"]) == ("Strategic developments", "0")


def test_the_stable_id_opens_the_event(db: str) -> None:
    _, rows = export(db)
    store = open_store(db, create=False)
    try:
        for row in rows:
            assert store.get_fused("event", row["event_id_cnty"]).record_id == row["event_id_cnty"]
    finally:
        store.close()


def test_mentions_keeps_one_row_per_mention(db: str) -> None:
    header, rows = export(db, "--mentions")
    assert header[:3] == ["event_date", "time_precision", "event_type"]
    assert len(rows) == 3


def test_jsonl_lists_the_evidence_ids(db: str) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", db, "--format", "jsonl", "--type", "Battles"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1 and isinstance(records[0]["evidence_ids"], list)
    assert records[0]["corrected"] is False


def test_unknown_country_is_an_error_naming_close_ones(db: str) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", db, "--country", "Afganistan"])
    assert result.exit_code == 4
    assert "no country 'Afganistan'" in result.stderr and "'Afghanistan'" in result.stderr


@pytest.mark.parametrize(("inter1", "inter2", "expected"), [(1, 2, 12), (2, 1, 12), (7, 3, 37), (2, 0, 20),
                                                            (0, 6, 60), (0, 0, 0), (8, 8, 88)])
def test_interaction_is_the_two_codes_lower_first(inter1: int, inter2: int, expected: int) -> None:
    assert acled_codes.interaction(inter1, inter2) == expected


def test_disorder_types_and_civilian_targeting() -> None:
    assert acled_codes.disorder_type("Protests", "Peaceful protest") == "Demonstrations"
    assert acled_codes.disorder_type("Riots", "Mob violence") == "Political violence"
    assert acled_codes.disorder_type("Protests", "Excessive force against protesters") == (
        "Political violence; Demonstrations")
    assert acled_codes.civilian_targeting("Battles", 7) == "Civilian targeting"
    assert acled_codes.inter_code("Unknown gunmen", None) == 0


def test_every_iso_country_has_an_acled_region() -> None:
    codes = [country.alpha_2 for country in pycountry.countries]
    assert [code for code in codes if not acled_codes.acled_region(code)] == []
    assert acled_codes.acled_region("sy") == "Middle East"
    assert acled_codes.acled_region("NO") == "Europe"


def test_record_without_a_country_has_empty_codes() -> None:
    _, coded = mention(CAPTURE_TEXT, "Valley Post", "overran")
    unplaced = replace(coded, country_code=None)
    assert acled_codes.iso_numeric(unplaced.country_code) is None
    assert acled_codes.acled_region(unplaced.country_code) is None


def test_pandas_loads_it_with_acleds_columns_and_dtypes(db: str) -> None:
    """What an ACLED user's script does with the file: read_csv, then use the columns by type."""
    result = CliRunner().invoke(cli, ["export", "--db", db], catch_exceptions=False)
    frame = pandas.read_csv(io.StringIO(result.stdout), parse_dates=["event_date"])
    assert list(frame.columns)[:len(ACLED_ORDER)] == ACLED_ORDER
    assert len(frame) == 2
    for column in ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "fatalities",
                   "timestamp"):
        assert pandas.api.types.is_integer_dtype(frame[column]), column
    for column in ("latitude", "longitude"):
        assert pandas.api.types.is_float_dtype(frame[column]), column
    assert pandas.api.types.is_datetime64_any_dtype(frame["event_date"])
    assert (frame["event_date"].dt.year == frame["year"]).all()
