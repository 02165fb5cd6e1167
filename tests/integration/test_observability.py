"""Request ids, log lines and /metrics, seen through the real app.

Log lines are captured as the service writes them: configure_logging pointed at a buffer, the
one place structlog's lines and the root logger's (stdlib) lines both go.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import re
import uuid
from collections.abc import Callable, Iterator

import msgspec
import pytest
import structlog
from litestar.testing import AsyncTestClient
from prometheus_client.parser import text_string_to_metric_families

from service.api.schemas import EXAMPLE_TEXT
from service.app import create_app
from service.extraction.model import Incident
from service.observability.logs import configure_logging
from service.settings import LogLevel, Settings
from tests.fakes import FakeExtractor

GENERATED_ID = re.compile(r"[0-9a-f]{32}")
CLIENT_LOGGERS = {"httpx", "httpcore"}  # the test client's own lines, not the service's


class CapturedLogs:
    """Every line the service writes while capturing, exactly as rendered."""

    def __init__(self) -> None:
        self.stream = io.StringIO()

    def text(self) -> str:
        return self.stream.getvalue()

    def lines(self) -> list[dict]:
        """The service's lines, each parsed (so each must be one JSON object)."""
        parsed = [json.loads(line) for line in self.text().splitlines()]
        return [line for line in parsed if line.get("logger") not in CLIENT_LOGGERS]


@pytest.fixture
def capture_logs(settings: Settings) -> Iterator[Callable[..., CapturedLogs]]:
    """``capture_logs(level)`` sends the service's logs to a buffer (call it after create_app,
    which configures logging); the test's settings are restored afterwards."""

    def start(level: LogLevel = "INFO") -> CapturedLogs:
        captured = CapturedLogs()
        configure_logging(
            msgspec.structs.replace(settings, log_level=level, log_format="json"), captured.stream
        )
        return captured

    try:
        yield start
    finally:
        configure_logging(settings)


@pytest.fixture
def logs(capture_logs: Callable[..., CapturedLogs]) -> CapturedLogs:
    return capture_logs()


def access_lines(logs: CapturedLogs) -> list[dict]:
    return [line for line in logs.lines() if line.get("logger") == "service.access"]


# ---------------------------------------------------------------- request ids

REQUESTS = [
    ("GET", "/health", None, 200),
    ("GET", f"/v1/articles/{uuid.uuid4()}", None, 404),
    ("GET", "/v1/no/such/path", None, 404),
    ("PUT", "/v1/articles", None, 405),
    ("POST", "/v1/articles", b"{not json", 400),
    ("GET", "/metrics", None, 200),
]


@pytest.mark.parametrize(("method", "path", "body", "status"), REQUESTS)
async def test_every_response_has_a_request_id(
    client: AsyncTestClient, logs: CapturedLogs, method: str, path: str, body: bytes | None, status: int
) -> None:
    response = await client.request(method, path, content=body, headers={"content-type": "application/json"})
    assert response.status_code == status
    request_id = response.headers["x-request-id"]
    assert GENERATED_ID.fullmatch(request_id)
    [line] = access_lines(logs)
    assert line["request_id"] == request_id
    assert line["status"] == status and line["method"] == method
    assert isinstance(line["duration_ms"], float)


@pytest.mark.parametrize(
    "sent", ["abc-123", str(uuid.uuid4()), "Root=1-5759e988-bd862e3fe1be46a994272793", "a" * 128, "b64+/=="]
)
async def test_a_sane_request_id_is_echoed(client: AsyncTestClient, logs: CapturedLogs, sent: str) -> None:
    response = await client.get("/health", headers={"X-Request-ID": sent})
    assert response.headers["x-request-id"] == sent
    assert [line["request_id"] for line in access_lines(logs)] == [sent]


@pytest.mark.parametrize(
    "sent",
    [b"a" * 129, b"evil\r\ninjected: 1", b"line\nbreak", "طلب".encode(), b"with space", b'"quoted"', b""],
)
async def test_a_hostile_request_id_is_replaced(
    client: AsyncTestClient, logs: CapturedLogs, sent: bytes
) -> None:
    response = await client.get("/health", headers={"X-Request-ID": sent})
    assert response.status_code == 200
    assert GENERATED_ID.fullmatch(response.headers["x-request-id"])
    assert [line["request_id"] for line in access_lines(logs)] == [response.headers["x-request-id"]]
    if sent:
        assert sent.decode("utf-8") not in logs.text()


# ---------------------------------------------------------------- log lines


class ExplodingExtractor(FakeExtractor):
    """Logs through both stdlib logging and structlog (in the extractor's worker thread), then fails."""

    def extract(self, text: str, published_at: dt.date | None = None) -> list[Incident]:
        logging.getLogger("tests.exploding").warning("stdlib line from the extractor")
        structlog.get_logger("tests.exploding").warning("structlog line from the extractor", chars=len(text))
        raise RuntimeError("the extractor broke")


async def test_every_line_of_a_request_carries_its_id(
    settings: Settings, capture_logs: Callable[..., CapturedLogs]
) -> None:
    app = create_app(settings, load_extractor=ExplodingExtractor)
    logs = capture_logs()
    async with AsyncTestClient(app=app) as exploding:
        response = await exploding.post("/v1/extract", json={"text": EXAMPLE_TEXT})
    assert response.status_code == 500
    assert "Traceback" not in response.text and "broke" not in response.text
    request_id = response.headers["x-request-id"]
    lines = [line for line in logs.lines() if "request_id" in line]
    events = [line["event"] for line in lines]
    assert events == [
        "stdlib line from the extractor",
        "structlog line from the extractor",
        "unhandled error",
        "request",
    ]
    assert {line["request_id"] for line in lines} == {request_id}
    error = lines[2]
    assert error["level"] == "error" and error["logger"] == "service.errors"
    assert "Traceback" in error["exception"] and "RuntimeError: the extractor broke" in error["exception"]
    assert lines[3]["status"] == 500 and lines[3]["route"] == "/v1/extract"


async def test_lines_outside_requests_have_no_request_id(client: AsyncTestClient, logs: CapturedLogs) -> None:
    await client.get("/health", headers={"X-Request-ID": "inside"})
    logging.getLogger("service.test").info("after the request")
    [line] = [line for line in logs.lines() if line["event"] == "after the request"]
    assert "request_id" not in line


async def test_article_text_is_never_logged(
    client: AsyncTestClient, capture_logs: Callable[..., CapturedLogs]
) -> None:
    logs = capture_logs("DEBUG")
    marker = f"MARKER{uuid.uuid4().hex}"
    text = f"{EXAMPLE_TEXT} {marker}"
    posts = [
        ("/v1/articles", {"text": text, "title": marker, "published_at": "2024-01-07"}, 201),
        ("/v1/articles", {"text": text, "title": marker, "published_at": "2024-01-07"}, 200),
        ("/v1/extract", {"text": text}, 200),
        ("/v1/articles", {"text": text, "published_at": "not a date"}, 422),
        ("/v1/articles", {"text": f"{marker}\u0000"}, 422),
        ("/v1/articles", {"text": marker * 500}, 413),
        ("/v1/extract", {"text": marker, "title": 7}, 422),
    ]
    for path, body, status in posts:
        response = await client.post(path, json=body)
        assert response.status_code == status, response.text
    assert [line["status"] for line in access_lines(logs)] == [status for _, _, status in posts]
    assert marker not in logs.text()


# ---------------------------------------------------------------- metrics


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of a Prometheus text exposition, keyed by name and labels."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(scraped: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    return scraped.get((name, frozenset(labels.items())), 0.0)


async def scrape(client: AsyncTestClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    return samples(response.text)


async def test_requests_are_counted_by_route_template_and_status(client: AsyncTestClient) -> None:
    article_route = {"method": "GET", "route": "/v1/articles/{article_id}"}
    unknown_id = uuid.uuid4()
    before = await scrape(client)
    assert (await client.get(f"/v1/articles/{unknown_id}")).status_code == 404
    assert (await client.get("/v1/no/such/path?q=secret")).status_code == 404
    after = await scrape(client)

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("http_requests_total", **article_route, status="404") == 1
    assert delta("http_request_duration_seconds_count", **article_route) == 1
    assert delta("http_requests_total", method="GET", route="unmatched", status="404") == 1
    assert delta("http_requests_total", method="GET", route="/metrics", status="200") == 1
    labels = {label for _, sample_labels in after for label in sample_labels}
    assert not any(str(unknown_id) in v or "no/such" in v or "secret" in v for _, v in labels)


async def test_unknown_methods_are_one_label(client: AsyncTestClient) -> None:
    before = await scrape(client)
    assert (await client.request("BREW", "/health")).status_code == 405
    after = await scrape(client)
    labels = {"method": "other", "route": "unmatched", "status": "405"}
    assert value(after, "http_requests_total", **labels) - value(before, "http_requests_total", **labels) == 1


async def test_extraction_time_and_incidents_are_recorded(fake_client: AsyncTestClient) -> None:
    before = await scrape(fake_client)
    body = {"text": f"{EXAMPLE_TEXT} {uuid.uuid4()}"}
    response = await fake_client.post("/v1/articles", json=body)
    assert response.status_code == 201 and len(response.json()["incidents"]) == 2
    after = await scrape(fake_client)
    for name, change in [
        ("extraction_seconds_count", 1),
        ("incidents_per_article_count", 1),
        ("incidents_per_article_sum", 2),
    ]:
        assert value(after, name) - value(before, name) == change, name
    assert value(after, "extraction_seconds_sum") > value(before, "extraction_seconds_sum")


async def test_metrics_are_not_in_the_api_spec(client: AsyncTestClient) -> None:
    spec = (await client.get("/docs/openapi.json")).json()
    assert "/metrics" not in spec["paths"]


async def test_openmetrics_on_request(client: AsyncTestClient) -> None:
    response = await client.get("/metrics", headers={"Accept": "application/openmetrics-text; version=1.0.0"})
    assert response.headers["content-type"].startswith("application/openmetrics-text")
    assert response.text.rstrip().endswith("# EOF")
