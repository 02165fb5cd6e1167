"""Schemathesis against the committed spec and the real app on a real PostgreSQL: no 5xx, and every
response (status, content type, body, headers) as openapi/openapi.json documents it.

The app is served by uvicorn on a free loopback port over a database of this module's own, so the
articles the fuzzer posts are seen by no other test.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import AsyncIterator, Iterator

import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service.__main__ import openapi_path
from service.app import create_app
from service.settings import Settings
from tests.conftest import migrated_database

schema = schemathesis.openapi.from_path(openapi_path())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture(scope="module")
async def fuzz_database(server_url: str) -> AsyncIterator[str]:
    async with migrated_database(server_url) as url:
        yield url


@pytest.fixture(scope="module")
def base_url(fuzz_database: str) -> Iterator[str]:
    """The real app (open access, the test size limits) served by uvicorn in a thread."""
    app = create_app(
        Settings(database_url=fuzz_database, max_text_chars=5_000, max_body_bytes=50_000, open_access=True)
    )
    # log_config=None: leave the process's logging as the tests set it up.
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None, access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)


@schema.parametrize()
# 30 generated cases per operation (plus schemathesis' examples and coverage cases), the same ones
# every run; a slow extraction is not a failure.
@settings(max_examples=30, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_spec(case: schemathesis.Case, base_url: str) -> None:
    case.call_and_validate(base_url=base_url, checks=CHECKS)


def test_every_documented_error_is_a_problem() -> None:
    """The fuzzer holds error responses to the spec: each 4xx/5xx listed must be the Problem body
    the app sends (not Litestar's default 400 shape, which this app never sends)."""
    spec = json.loads(openapi_path().read_text(encoding="utf-8"))
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    assert response.get("content") == problem, (method, path, status)
