"""Every API operation against its own OpenAPI schema, with schemathesis, in process (no server).

Per operation, `EXAMPLES` generated requests (valid and invalid ones, derandomized so a failure
repeats) go to the app over its ASGI transport; each answer must not be a 500 and must match what
`/openapi.json` documents: its status, content type, headers and body (errors in the one shape).
Valid requests must not be refused as invalid (422); invalid ones must be.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from api_fixtures import TOKEN, build
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.schemas import BaseSchema

from sitrep.api import changes, review, routes, writes
from sitrep.api.app import create_app
from sitrep.api.config import ServeConfig

EXAMPLES = 40
BEARER = {"Authorization": f"Bearer {TOKEN}"}
# A country parameter is any text in the schema, but only ISO 3166 names and codes mean a country:
# 400 for the rest is documented and is no refusal of valid data.
COUNTRY_PATHS = r"^/api/(control|map|timeline|changes\.atom)$"
# A correction names an event or place by id and a field with its new value: a schema-valid request
# may still name no stored record (404) or an impossible value, such as a period ending before it
# starts (400, documented).
CORRECTION_PATHS = r"^/api/(events/\{event_id\}/corrections|places/\{place_id\}/control)$"
CONFIG = {"operations": [
    {"include-path-regex": COUNTRY_PATHS,
     "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400", "401", "404"]}}},
    {"include-path-regex": CORRECTION_PATHS,
     "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400", "404"]}}},
]}
ROUTERS = (routes.router, writes.router, review.router, changes.router)
OPERATIONS = sorted((method, route.path) for router in ROUTERS
                    for route in router.routes for method in getattr(route, "methods", ()))


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BaseSchema]:
    """The schema of a server over the invented news (with a token, so posts are stored)."""
    folder: Path = tmp_path_factory.mktemp("schema")
    fixture = build(f"sqlite:///{folder}/schema.db")
    app = create_app(ServeConfig(db_url=fixture.url, token=TOKEN))
    yield schemathesis.openapi.from_asgi("/openapi.json", app,
                                         config=SchemathesisConfig.from_dict(CONFIG))
    app.state.store.close()


def test_every_route_is_in_the_schema(api_schema: BaseSchema) -> None:
    """The operations tested below are all the schema has (a new route is tested without a change here)."""
    documented = sorted((operation.method.upper(), operation.path)
                        for operation in (result.ok() for result in api_schema.get_all_operations()))
    assert documented == OPERATIONS


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_operation_answers_as_documented(api_schema: BaseSchema, method: str, path: str) -> None:
    """No 500 and no answer outside the schema, for `EXAMPLES` requests to the operation."""
    operation = api_schema[path][method]
    failures: list[str] = []

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def check(case: schemathesis.Case) -> None:
        try:
            case.call_and_validate(headers=BEARER)
        except FailureGroup as found:
            failures.append(str(found))

    check()
    assert not failures, f"{len(failures)} of {EXAMPLES} requests failed; the first:\n{failures[0]}"
