"""Prometheus metrics: requests and latency by route template and status, extraction time and yield.

The metrics live in prometheus_client's default registry and are created on first use, so
importing this module creates nothing. With several worker processes, set
``PROMETHEUS_MULTIPROC_DIR`` to a fresh, empty directory before any worker imports
prometheus_client; every worker then writes its values there and ``GET /metrics`` (in any
worker) sums them.
"""

from __future__ import annotations

import functools
import threading
from typing import NamedTuple

from litestar import Request, Response, get
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram, multiprocess, values
from prometheus_client.exposition import choose_encoder

HTTP_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
"""Methods counted by name; anything else a client sends is counted as ``other`` (bounded labels)."""

UNMATCHED_ROUTE = "unmatched"
"""The ``route`` label of a request no route matched (404/405 from the router)."""

EXTRACTION_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
INCIDENT_BUCKETS = (0, 1, 2, 3, 4, 6, 8, 12, 20, 50)


class Metrics(NamedTuple):
    requests: Counter
    request_seconds: Histogram
    extraction_seconds: Histogram
    incidents_per_article: Histogram
    pending_articles: Gauge
    background_extractions: Counter


_REGISTERING = threading.Lock()


def metrics() -> Metrics:
    """The service's metrics, registered once per process.

    Under a lock: the first POSTs call this from several extraction threads at once, and a second
    registration of the same name raises (it answered 500 to the first requests after a start)."""
    with _REGISTERING:
        return _register()


@functools.cache
def _register() -> Metrics:
    return Metrics(
        requests=Counter(
            "http_requests_total",
            "HTTP requests answered, by route template and status.",
            ["method", "route", "status"],
        ),
        request_seconds=Histogram(
            "http_request_duration_seconds", "Time to answer an HTTP request.", ["method", "route"]
        ),
        extraction_seconds=Histogram(
            "extraction_seconds", "Time the extractor took on one article.", buckets=EXTRACTION_BUCKETS
        ),
        incidents_per_article=Histogram(
            "incidents_per_article", "Incidents the extractor found in one article.", buckets=INCIDENT_BUCKETS
        ),
        pending_articles=Gauge(
            "articles_pending_extraction",
            "Articles accepted with Prefer: respond-async and not yet extracted, at a background "
            "worker's last look (once per batch, or per second when idle).",
            multiprocess_mode="livemax",  # every worker counts the same queue; the freshest is the largest
        ),
        background_extractions=Counter(
            "background_extractions_total",
            "Articles the background worker finished, by outcome (extracted or failed).",
            ["outcome"],
        ),
    )


def method_label(method: str) -> str:
    return method if method in HTTP_METHODS else "other"


@functools.lru_cache(maxsize=4096)  # label sets are bounded: methods x route templates x statuses
def _request_series(method: str, route: str, status: int) -> tuple[Counter, Histogram]:
    # prometheus_client's labels() takes a lock and builds its key on every call; this is per request.
    found = metrics()
    return found.requests.labels(method, route, str(status)), found.request_seconds.labels(method, route)


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    """Count one answered request under its (bounded) method, route template and status."""
    requests, durations = _request_series(method_label(method), route, status)
    requests.inc()
    durations.observe(seconds)


def observe_extraction(seconds: float, incidents: int) -> None:
    """Record one extractor run: how long it took and how many incidents it found."""
    found = metrics()
    found.extraction_seconds.observe(seconds)
    found.incidents_per_article.observe(incidents)


def observe_queue(pending: int) -> None:
    """Record how many articles wait for the background extraction."""
    metrics().pending_articles.set(pending)


def observe_background(extracted: int, failed: int) -> None:
    """Count the articles one background batch extracted and those it marked failed."""
    found = metrics().background_extractions
    found.labels("extracted").inc(extracted)
    found.labels("failed").inc(failed)


def multiprocess_mode() -> bool:
    """Whether prometheus_client writes values to PROMETHEUS_MULTIPROC_DIR (decided when it was imported)."""
    # Checking the value class rather than the variable: a variable set after the import has no
    # effect on where values go, and reading an empty directory would hide every metric.
    return values.ValueClass is not values.MutexValue


def render_metrics(accept: str = "") -> tuple[bytes, str]:
    """The exposition text of every metric (summed over worker processes) and its content type."""
    registry: CollectorRegistry = REGISTRY
    if multiprocess_mode():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    encode, content_type = choose_encoder(accept)
    return encode(registry), content_type


def mark_process_dead(pid: int) -> None:
    """Bookkeeping for a worker that exited: drops its live-gauge files in multiprocess mode.

    The service defines no live gauges today, so this is a no-op in effect; call it from the
    process supervisor when a worker exits so gauges added later stay correct.
    """
    if multiprocess_mode():
        multiprocess.mark_process_dead(pid)


@get("/metrics", include_in_schema=False, sync_to_thread=False)
def metrics_endpoint(request: Request) -> Response[bytes]:
    """Prometheus text exposition (OpenMetrics if the scraper asks for it)."""
    body, content_type = render_metrics(request.headers.get("accept", ""))
    # A header, not media_type: Litestar would append a second charset to a text/* media type.
    return Response(body, headers={"Content-Type": content_type})
