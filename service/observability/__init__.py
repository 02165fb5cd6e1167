"""Logs and metrics: JSON log lines carrying a request id, Prometheus metrics at /metrics."""

from service.observability.logs import configure_logging
from service.observability.metrics import mark_process_dead, metrics_endpoint, observe_extraction
from service.observability.request_id import REQUEST_ID_HEADER, wrap_app

__all__ = [
    "REQUEST_ID_HEADER",
    "configure_logging",
    "mark_process_dead",
    "metrics_endpoint",
    "observe_extraction",
    "wrap_app",
]
