"""Values past the schema's bounds are 422 in the error shape, never 500 (the cases schemathesis found)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_fixtures import build, client
from fastapi.testclient import TestClient

from sitrep.api.contract import LAST_DAY


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client over the invented news."""
    folder: Path = tmp_path_factory.mktemp("bounds")
    with client(build(f"sqlite:///{folder}/sitrep.db").url, raise_server_exceptions=False) as opened:
        yield opened


@pytest.mark.parametrize(("path", "where"), [
    ("/api/control?country=AF&as_of=0001-01-01", "query.as_of"),
    ("/api/map?day=0001-01-01", "query.day"),
    ("/api/map?country=AF&day=9999-12-31", "query.day"),
    ("/api/events?min_sources=9223372036854775808", "query.min_sources"),
    ("/api/events?until=0", "query.until"),
    ("/api/stories?since=1700000000", "query.since"),
    ("/api/articles?since=2021-02-30", "query.since"),
    ("/?day=0001-01-01", "query.day"),
])
def test_out_of_range_values_are_422_naming_the_parameter(api: TestClient, path: str, where: str) -> None:
    """Each names the parameter; the fix points at the docs."""
    answer = api.get(path, headers={"Accept": "application/json"})
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "invalid_request" and [detail["where"] for detail in error["details"]] == [where]


def test_days_at_the_edges_of_the_window_are_read(api: TestClient) -> None:
    """1900-01-01 and the last day are days like any other (nothing happened on them)."""
    assert api.get("/api/events", params={"since": "1900-01-01"}).json()["total"] > 0
    assert api.get("/api/events", params={"since": LAST_DAY.isoformat()}).json()["total"] == 0
    assert api.get("/api/control", params={"country": "AF", "as_of": "1900-01-01"}).status_code == 200


def test_the_schema_states_the_bounds(api: TestClient) -> None:
    """Clients see the limits the server enforces: a pattern on days, a maximum on counts."""
    parameters = {item["name"]: item["schema"] for item in
                  api.get("/openapi.json").json()["paths"]["/api/events"]["get"]["parameters"]}
    assert parameters["until"]["anyOf"][0]["pattern"].startswith("^(19|20)")
    assert parameters["min_sources"]["maximum"] == 10_000
    responses = api.get("/openapi.json").json()["paths"]["/api/events/{event_id}"]["get"]["responses"]
    assert {"401", "404", "422", "503"} <= set(responses)
    assert responses["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorDocument")
