"""A request id on every log line and every response, one access line and the HTTP metrics per request.

The middleware wraps the whole app, router included, so requests no route matches (404, 405)
get their id, access line and count too; Litestar's own ``middleware=`` runs only for matched
routes. The access line names the route template, never the raw path or query string, which
could carry text a client sent.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Iterable

import structlog
from litestar import Litestar
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from service.observability.metrics import UNMATCHED_ROUTE, method_label, observe_request

REQUEST_ID_HEADER = "X-Request-ID"
MAX_REQUEST_ID_CHARS = 128
# Letters, digits and the punctuation of UUIDs, base64 and trace ids: safe in a header, a log
# line and a shell; anything else (newlines, quotes, spaces, non-ASCII) is replaced.
SANE_REQUEST_ID = re.compile(rb"[A-Za-z0-9._:+/=-]{1,%d}" % MAX_REQUEST_ID_CHARS)

_HEADER_KEY = REQUEST_ID_HEADER.lower().encode()
access_log = structlog.get_logger("service.access")


def new_request_id() -> str:
    """32 random hex digits. An id must be unique, not unguessable: ``random`` spares the
    getrandom syscall of uuid4 on every request (and reseeds itself in forked children)."""
    return f"{random.getrandbits(128):032x}"


def request_id_from(headers: Iterable[tuple[bytes, bytes]]) -> str:
    """The client's X-Request-ID if it is sane (1 to 128 safe characters), else a new id."""
    for name, value in headers:
        if name == _HEADER_KEY:
            return value.decode("ascii") if SANE_REQUEST_ID.fullmatch(value) else new_request_id()
    return new_request_id()


class RequestContextMiddleware:
    """ASGI middleware: binds ``request_id`` for the request's log lines, sets the response header,
    and records one access line and the request metrics once the response is sent."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(scope["headers"])
        header = (_HEADER_KEY, request_id.encode())
        status = 500  # what the server answers if the app ends without a response

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), header]
            await send(message)

        tokens = structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            _record(scope, status, time.perf_counter() - started)
            structlog.contextvars.reset_contextvars(**tokens)


def wrap_app(app: Litestar) -> Litestar:
    """Put RequestContextMiddleware around ``app``'s whole request path (router and exception handling).

    ``asgi_handler`` is what ``Litestar.__call__`` hands every HTTP request to, after lifespan
    dispatch; wrapping it (as Litestar itself does for CORS and OpenTelemetry) keeps ``app`` a
    Litestar instance for callers that need one (tests, the OpenAPI export).
    """
    app.asgi_handler = RequestContextMiddleware(app.asgi_handler)
    return app


def _record(scope: Scope, status: int, seconds: float) -> None:
    """The access line and the metrics of one request (the request id comes from the context)."""
    method = method_label(scope["method"])
    # The router sets path_template only when a route matched.
    route = scope.get("path_template") or UNMATCHED_ROUTE
    observe_request(method, route, status, seconds)
    access_log.info(
        "request", method=method, route=route, status=status, duration_ms=round(seconds * 1000, 2)
    )
