"""The migrations go up, down to nothing, and up again."""

from __future__ import annotations

import asyncio

import asyncpg

from service.migrate import downgrade, upgrade
from tests.conftest import scratch_database

TABLES = "SELECT array_agg(tablename::text ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'"


async def tables(url: str) -> list[str]:
    conn = await asyncpg.connect(url)
    try:
        return await conn.fetchval(TABLES) or []
    finally:
        await conn.close()


async def test_up_down_up(server_url: str) -> None:
    async with scratch_database(server_url) as url:
        await asyncio.to_thread(upgrade, url)
        assert await tables(url) == ["alembic_version", "api_keys", "articles", "incidents"]
        await asyncio.to_thread(downgrade, url, "base")
        assert await tables(url) == ["alembic_version"]
        await asyncio.to_thread(upgrade, url)
        assert await tables(url) == ["alembic_version", "api_keys", "articles", "incidents"]
