"""The queue of articles accepted with ``Prefer: respond-async``: pending articles, oldest first."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg
import msgspec

from service.extraction.model import Incident
from service.store import rows
from service.store.queries import sql


class PendingArticle(msgspec.Struct, frozen=True):
    """What the extractor needs of a pending article."""

    id: uuid.UUID
    text: str
    published_at: dt.date | None


async def claim(conn: asyncpg.Connection) -> PendingArticle | None:
    """The oldest pending article no one else holds, locked until ``conn``'s transaction ends."""
    row = await conn.fetchrow(sql("claim_pending_article"))
    return None if row is None else PendingArticle(row["id"], row["text"], row["published_at"])


async def complete(
    conn: asyncpg.Connection, article_id: uuid.UUID, incidents: list[Incident], version: str
) -> None:
    """Store the article's incidents and mark it extracted (a no-op if it is no longer pending)."""
    await conn.fetchval(sql("complete_extraction"), article_id, rows.incident_rows(incidents), version)


async def fail(conn: asyncpg.Connection, article_id: uuid.UUID) -> None:
    """Mark the article failed: kept, without incidents, never claimed again."""
    await conn.execute(sql("fail_extraction"), article_id)


async def count(conn: asyncpg.Connection) -> int:
    """How many articles wait for extraction."""
    return await conn.fetchval(sql("count_pending_articles"))
