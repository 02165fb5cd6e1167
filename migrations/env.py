"""Alembic environment: async, through SQLAlchemy's asyncpg driver (migrations only).

Revisions are plain SQL in ``op.execute``; there is no ORM metadata to autogenerate from.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from service.migrate import sqlalchemy_url


def _url() -> str:
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        from service.db import resolve_database
        from service.settings import get_settings

        url = resolve_database(get_settings()).url
    return sqlalchemy_url(url)


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=None, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async() -> None:
    engine = create_async_engine(_url(), poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_async())
