"""Thin typed functions over the api_keys queries."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg
import msgspec

from service.store.queries import sql


class ApiKey(msgspec.Struct, frozen=True):
    """A stored key as it may be shown: never the key or its hash."""

    id: uuid.UUID
    name: str
    prefix: str
    scopes: list[str]
    rate_per_second: float | None
    burst: int | None
    created_at: dt.datetime
    revoked_at: dt.datetime | None


def _key(row: asyncpg.Record) -> ApiKey:
    return ApiKey(**dict(row))


async def insert_key(
    conn: asyncpg.Connection,
    name: str,
    prefix: str,
    key_hash: str,
    scopes: list[str],
    rate_per_second: float | None = None,
    burst: int | None = None,
) -> ApiKey:
    row = await conn.fetchrow(sql("insert_key"), name, prefix, key_hash, scopes, rate_per_second, burst)
    return _key(row)


async def list_keys(conn: asyncpg.Connection) -> list[ApiKey]:
    return [_key(row) for row in await conn.fetch(sql("list_keys"))]


async def revoke_key(conn: asyncpg.Connection, id_or_prefix: str) -> ApiKey | None:
    """Revoke the live key with this id or prefix; None if there is none."""
    row = await conn.fetchrow(sql("revoke_key"), id_or_prefix)
    return _key(row) if row else None


async def find_live_key(conn: asyncpg.Connection, key_hash: str) -> ApiKey | None:
    row = await conn.fetchrow(sql("find_key"), key_hash)
    return _key(row) if row else None
