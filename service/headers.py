"""Header policy of every response: security headers, and CORS for the configured origins only."""

from __future__ import annotations

from litestar.config.cors import CORSConfig
from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope

from service.settings import Settings, cors_origins

SECURITY_HEADERS = {
    # Responses echo submitted text (an article's title, a bad id in `instance`); a browser must
    # take the declared JSON type at its word and never sniff such a body into HTML.
    "X-Content-Type-Options": "nosniff",
}


async def add_security_headers(message: Message, scope: Scope) -> None:
    """Litestar ``before_send`` hook: SECURITY_HEADERS on every HTTP response, whatever produced it
    (a handler, the error mapper, a 404 for an unknown route, the docs, a CORS preflight)."""
    if message["type"] == "http.response.start":
        headers = MutableScopeHeaders.from_message(message)
        for name, value in SECURITY_HEADERS.items():
            headers[name] = value


def cors_config(settings: Settings) -> CORSConfig | None:
    """CORS for the origins in CORS_ALLOW_ORIGINS; None (no CORS headers at all) when it is empty."""
    origins = cors_origins(settings)
    if not origins:
        return None
    return CORSConfig(
        allow_origins=origins,
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "X-Request-ID"],
        # what a browser script may read: where a new article is, when to retry, why a key failed
        expose_headers=["Location", "Retry-After", "WWW-Authenticate", "X-Request-Id"],
    )
