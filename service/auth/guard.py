"""The Litestar guards that check a request's key, its scope and its rate, before any other work.

A request without ``Authorization`` is served only in open mode (see ``settings.open_access``);
a request with one is always checked, so a key can be tried out against a local server.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler

from service.auth.keys import MAX_KEY_CHARS, hash_key
from service.auth.ratelimit import RateLimiter
from service.db import Database
from service.errors import Forbidden, RateLimited, Unauthorized
from service.settings import Settings, open_access
from service.store.keys import ApiKey, find_live_key

Guard = Callable[[ASGIConnection, BaseRouteHandler], object]
BEARER = "bearerAuth"
SECURITY: list[dict[str, list[str]]] = [{BEARER: []}]
"""What every guarded operation declares in the OpenAPI spec."""
MAX_CACHED_KEYS = 10_000


class KeyCache:
    """Looked-up keys (and misses) for ``ttl`` seconds, so a request does not cost a query."""

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.clock = clock
        self.entries: dict[str, tuple[ApiKey | None, float]] = {}

    async def lookup(self, db: Database, key_hash: str) -> ApiKey | None:
        now = self.clock()
        hit = self.entries.get(key_hash)
        if hit is not None and hit[1] > now:
            return hit[0]
        async with db.connection() as conn:
            found = await find_live_key(conn, key_hash)
        if len(self.entries) >= MAX_CACHED_KEYS:
            self.entries.clear()  # a flood of made-up keys must not grow memory without bound
        self.entries[key_hash] = (found, now + self.ttl)
        return found


def bearer_token(header: str | None) -> str | None:
    """The token of ``Authorization: Bearer <token>``; None without the header; 401 if malformed."""
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > MAX_KEY_CHARS:
        raise Unauthorized("send the API key as 'Authorization: Bearer <key>'")
    return token


async def _authorize(connection: ASGIConnection, scope: str) -> None:
    state = connection.app.state
    settings: Settings = state.settings
    token = bearer_token(connection.headers.get("authorization"))
    if token is None:
        if open_access(settings):
            return
        raise Unauthorized("this operation needs an API key: 'Authorization: Bearer <key>'")
    key = await state.key_cache.lookup(state.db, hash_key(token))
    if key is None:
        raise Unauthorized("the API key is unknown or revoked")
    if scope not in key.scopes:
        raise Forbidden(f"the API key lacks the '{scope}' scope")
    _check_rate(state.rate_limiter, key, settings)


def _check_rate(limiter: RateLimiter, key: ApiKey, settings: Settings) -> None:
    rate = key.rate_per_second or settings.rate_limit_per_second
    burst = key.burst or settings.rate_limit_burst
    wait = limiter.wait_seconds(key.id, rate, burst)
    if wait:
        raise RateLimited(f"the API key's limit is {rate:g} requests/s; retry in {wait} s", wait)


def require(scope: str) -> Guard:
    """A guard that lets the request through only with a live key holding ``scope``."""

    async def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        await _authorize(connection, scope)

    guard.__name__ = f"require_{scope}"
    return guard


can_read = require("read")
can_write = require("write")
