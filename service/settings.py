"""Settings read from the environment once, documented field by field."""

from __future__ import annotations

import functools
import os
from typing import Annotated, Literal

import msgspec

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]
Positive = Annotated[int, msgspec.Meta(gt=0)]
Seconds = Annotated[float, msgspec.Meta(gt=0)]
NonNegative = Annotated[float, msgspec.Meta(ge=0)]
Rate = Annotated[float, msgspec.Meta(gt=0)]
LogFormat = Literal["json", "console"]


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """Every knob of the service; each field is read from the upper-cased env variable of its name."""

    database_url: str | None = None
    """PostgreSQL URL (``postgresql://user@host:port/db``). Unset: an embedded PostgreSQL is started."""

    service_data_dir: str | None = None
    """Where the embedded PostgreSQL keeps its data; default: the per-user data dir (platformdirs)."""

    host: str = "127.0.0.1"
    """Interface ``serve`` binds to."""

    port: Positive = 8000
    """Port ``serve`` listens on."""

    max_text_chars: Positive = 100_000
    """Longest article text accepted, in characters; longer text gets 413."""

    max_body_bytes: Positive = 1_000_000
    """Largest request body accepted, in bytes; larger bodies get 413."""

    max_pending_articles: Positive = 10_000
    """Most articles waiting for background extraction (``Prefer: respond-async``); past it such a
    POST is extracted before it is answered (201), which slows its client to the extraction's pace."""

    default_page_size: Positive = 50
    """Items per page when a list request gives no ``limit`` (at most 200, the largest ``limit``)."""

    db_acquire_timeout: Seconds = 2.0
    """Seconds to wait for a pooled connection (or a new one) before answering 503."""

    db_command_timeout: Seconds = 10.0
    """Seconds a single SQL statement may take before it is abandoned (503)."""

    db_pool_max_size: Positive = 10
    """Most connections the pool opens."""

    log_level: LogLevel = "INFO"
    """Root log level."""

    log_format: LogFormat = "json"
    """``json``: one JSON object per line (for log shippers); ``console``: readable lines for a terminal."""

    open_access: bool | None = None
    """Serve without API keys. Unset: on with the embedded PostgreSQL (local use), off with DATABASE_URL."""

    rate_limit_per_second: Rate = 50.0
    """Requests per second a key may make, unless the key was created with its own rate."""

    rate_limit_burst: Positive = 100
    """Requests a key may make at once before its rate applies (token-bucket size)."""

    key_cache_seconds: NonNegative = 5.0
    """How long a checked key is trusted before it is looked up again (a revoked key stops within this)."""

    cors_allow_origins: str = ""
    """Comma-separated origins browsers may call from (``*`` for any). Empty: CORS off."""

    workers: Positive | None = None
    """Processes ``serve`` runs. Unset: one per CPU core (extraction is CPU-bound, one core per process)."""


def open_access(settings: Settings) -> bool:
    """Whether requests without a key are served: OPEN_ACCESS if set, else only for the embedded database."""
    if settings.open_access is not None:
        return settings.open_access
    return not settings.database_url


def worker_count(settings: Settings) -> int:
    """WORKERS, else the number of CPU cores this process may run on."""
    if settings.workers:
        return settings.workers
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores or 1


def cors_origins(settings: Settings) -> list[str]:
    return [origin.strip() for origin in settings.cors_allow_origins.split(",") if origin.strip()]


def settings_from_env(environ: dict[str, str] | os._Environ[str] = os.environ) -> Settings:
    """Build Settings from ``environ``; raises msgspec.ValidationError naming the bad variable."""
    values = {name: environ[name.upper()] for name in Settings.__struct_fields__ if name.upper() in environ}
    values = {name: value for name, value in values.items() if value != ""}
    return msgspec.convert(values, Settings, strict=False)


@functools.cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return settings_from_env()
