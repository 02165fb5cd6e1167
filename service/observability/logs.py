"""Structured logs: every line, from structlog or the standard library, rendered the same way.

One handler on the root logger renders each record with structlog's ProcessorFormatter, so
uvicorn, asyncpg, alembic and ``service.*`` lines (stdlib ``logging``) and structlog lines look
alike and all carry the context bound with ``structlog.contextvars`` (the request id).
Logs go to stderr: stdout belongs to the CLI commands that print results (``extract``, ``seed``).
"""

from __future__ import annotations

import logging
import sys
from typing import Any, TextIO

import msgspec
import structlog
from structlog.typing import Processor

from service.settings import LogFormat, Settings

HANDLER_NAME = "service.observability"
"""The name of the root handler this module installs; reconfiguring replaces only that handler."""

# Loggers that chatter at INFO about things nobody acts on.
QUIET_LOGGERS = ("alembic.runtime.plugins",)


def _shared_processors() -> list[Processor]:
    """What every line gets, whether it comes from structlog or from stdlib ``logging``."""
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]


def _to_json(event: dict[str, Any], default: Any) -> str:
    # msgspec is several times faster than json.dumps; ``default`` is structlog's repr fallback.
    return msgspec.json.encode(event, enc_hook=default).decode()


def build_formatter(log_format: LogFormat) -> logging.Formatter:
    """A formatter rendering each record as one JSON object per line, or as a readable console line.

    JSON lines carry a plain-text traceback under ``exception`` (never local variables, which
    could hold article text).
    """
    renderer: list[Processor]
    if log_format == "console":
        renderer = [structlog.dev.ConsoleRenderer(colors=False)]
    else:
        renderer = [structlog.processors.format_exc_info, structlog.processors.JSONRenderer(_to_json)]
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_shared_processors(),
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *renderer],
    )


def _configure_structlog() -> None:
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,  # first: a disabled level costs nothing more
            *_shared_processors(),
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def configure_logging(settings: Settings, stream: TextIO | None = None) -> None:
    """Route structlog and stdlib logging through one root handler at ``settings.log_level``.

    Idempotent: calling it again replaces the handler it installed before (other handlers, such
    as pytest's capture, are left alone). ``stream`` defaults to the current ``sys.stderr``.
    """
    _configure_structlog()
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(build_formatter(settings.log_format))
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(max(logging.WARNING, root.level))
