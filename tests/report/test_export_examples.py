"""The export of the example corpus, loaded with pandas as an ACLED user's script would."""

from __future__ import annotations

import io
from pathlib import Path

import pandas
from click.testing import CliRunner

from sitrep.cli import cli
from sitrep.store import open_store
from sitrep.store.base import FACTUAL_MODALITIES, FusedQuery

CORPUS = Path(__file__).parents[2] / "examples" / "afghanistan-2021"
ACLED_COLUMNS = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 "
    "assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country "
    "admin1 admin2 admin3 location latitude longitude geo_precision source source_scale notes fatalities "
    "tags timestamp").split()


def test_the_example_corpus_exports_one_row_per_fused_event_that_pandas_loads(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/examples.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(CORPUS), "--db", db, "--quiet"]).exit_code == 0
    result = runner.invoke(cli, ["export", "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    frame = pandas.read_csv(io.StringIO(result.stdout), parse_dates=["event_date"])
    store = open_store(db, create=False)
    try:
        said_to_happen = tuple(modality.value for modality in FACTUAL_MODALITIES)
        factual = store.count_fused(FusedQuery("event", modalities=said_to_happen))
    finally:
        store.close()
    assert list(frame.columns)[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert len(frame) == factual > 50
    assert frame["event_id_cnty"].is_unique
    assert pandas.api.types.is_datetime64_any_dtype(frame["event_date"])
    for column in ("year", "inter1", "interaction", "fatalities", "timestamp"):
        assert pandas.api.types.is_integer_dtype(frame[column]), column
    assert pandas.api.types.is_float_dtype(frame["latitude"])
    assert set(frame["country"].dropna()) >= {"Afghanistan"}
