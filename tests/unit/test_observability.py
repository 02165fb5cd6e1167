"""Request-id parsing, log rendering and multiprocess metrics, without the app or a database."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import structlog

from service.observability.logs import HANDLER_NAME, configure_logging
from service.observability.request_id import request_id_from
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "value",
    [b"abc-123", b"0f8fad5b-d9cb-469f-a165-70867728950e", b"Root=1-5759e988-bd8", b"b64+/==", b"r" * 128],
)
def test_sane_ids_are_kept(value: bytes) -> None:
    assert request_id_from([(b"accept", b"*/*"), (b"x-request-id", value)]) == value.decode()


@pytest.mark.parametrize(
    "value",
    [b"r" * 129, b"", b"a\nb", b"a\r\nSet-Cookie: x=1", b"a b", b"a;b", b'"a"', "طلب".encode(), b"a\x00b"],
)
def test_hostile_ids_are_replaced(value: bytes) -> None:
    new = request_id_from([(b"x-request-id", value)])
    assert new.encode() != value
    assert len(new) == 32 and int(new, 16) >= 0


def test_a_missing_id_is_made_fresh() -> None:
    assert request_id_from([]) != request_id_from([])


@pytest.fixture
def root_logging() -> Iterator[logging.Logger]:
    """The root logger; its handlers and level, and structlog's configuration, are put back afterwards."""
    root = logging.getLogger()
    handlers, level, structlog_config = root.handlers[:], root.level, structlog.get_config()
    try:
        yield root
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        structlog.configure(**structlog_config)


def test_configure_logging_is_idempotent(root_logging: logging.Logger) -> None:
    configure_logging(Settings(log_level="WARNING"), io.StringIO())
    configure_logging(Settings(log_level="DEBUG"), io.StringIO())
    assert [h.get_name() for h in root_logging.handlers].count(HANDLER_NAME) == 1
    assert root_logging.level == logging.DEBUG


def test_stdlib_and_structlog_lines_are_json_with_context(root_logging: logging.Logger) -> None:
    stream = io.StringIO()
    configure_logging(Settings(log_level="INFO"), stream)
    tokens = structlog.contextvars.bind_contextvars(request_id="rid-1")
    try:
        logging.getLogger("service.unit").info("stdlib %s", "formatted")
        structlog.get_logger("service.unit").info("structlog", count=3)
        structlog.get_logger("service.unit").debug("below the level")
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("service.unit").exception("failed")
    finally:
        structlog.contextvars.reset_contextvars(**tokens)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [line["event"] for line in lines] == ["stdlib formatted", "structlog", "failed"]
    assert {line["request_id"] for line in lines} == {"rid-1"}
    assert lines[1]["count"] == 3 and lines[1]["logger"] == "service.unit" and lines[1]["level"] == "info"
    assert "Traceback" in lines[2]["exception"] and "ValueError: boom" in lines[2]["exception"]
    assert all(line["timestamp"].endswith("Z") for line in lines)


def test_console_format_is_readable(root_logging: logging.Logger) -> None:
    stream = io.StringIO()
    configure_logging(Settings(log_format="console"), stream)
    logging.getLogger("service.unit").warning("plain words")
    structlog.get_logger("service.unit").warning("more words", count=3)
    first, second = stream.getvalue().splitlines()
    assert "plain words" in first and "warning" in first and "service.unit" in first
    assert "more words" in second and "count=3" in second and not second.startswith("{")


WORKER = """
import sys
from service.observability import metrics
metrics.observe_request("GET", "/health", 200, 0.01)
metrics.observe_extraction(0.003, 2)
metrics.mark_process_dead(12345)
if sys.argv[1] == "scrape":
    print(metrics.render_metrics()[0].decode())
"""


def test_multiprocess_metrics_are_summed_over_processes(tmp_path: Path) -> None:
    """Two worker processes write to PROMETHEUS_MULTIPROC_DIR; a scrape in either sees both."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}

    def worker(mode: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", WORKER, mode],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    worker("observe")
    scraped = worker("scrape")
    assert 'http_requests_total{method="GET",route="/health",status="200"} 2.0' in scraped
    assert "extraction_seconds_count 2.0" in scraped
    assert "incidents_per_article_sum 4.0" in scraped
    assert list(tmp_path.glob("*.db"))


def test_metrics_are_registered_once_when_threads_race(monkeypatch: pytest.MonkeyPatch) -> None:
    import time
    from concurrent.futures import ThreadPoolExecutor

    from service.observability import metrics as module

    def slow_counter(*args: object, **kwargs: object) -> object:
        time.sleep(0.02)  # widen the window in which a second thread could register the same name
        return real_counter(*args, **kwargs)

    real_counter = module.Counter
    monkeypatch.setattr(module, "Counter", slow_counter)
    module._register.cache_clear()
    module._request_series.cache_clear()
    for name in (
        "http_requests",
        "http_request_duration_seconds",
        "extraction_seconds",
        "incidents_per_article",
        "articles_pending_extraction",
        "background_extractions",
    ):
        collector = module.REGISTRY._names_to_collectors.get(name)
        if collector is not None:
            module.REGISTRY.unregister(collector)
    with ThreadPoolExecutor(max_workers=8) as pool:
        found = list(pool.map(lambda _: module.metrics(), range(8)))
    assert all(m is found[0] for m in found)
