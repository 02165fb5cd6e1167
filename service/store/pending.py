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


async def claim(conn: asyncpg.Connection, limit: int) -> list[PendingArticle]:
    """The ``limit`` oldest pending articles no one else holds, locked until ``conn``'s transaction ends."""
    found = await conn.fetch(sql("claim_pending_articles"), limit)
    return [PendingArticle(row["id"], row["text"], row["published_at"]) for row in found]


async def complete(
    conn: asyncpg.Connection, extracted: list[tuple[uuid.UUID, list[Incident]]], version: str
) -> None:
    """Store the articles' incidents and mark them extracted (skipping any no longer pending)."""
    ids = [article_id for article_id, _ in extracted]
    incident_rows = [rows.incident_rows(incidents) for _, incidents in extracted]
    await conn.fetchval(sql("complete_extraction"), ids, incident_rows, version)


async def fail(conn: asyncpg.Connection, article_ids: list[uuid.UUID]) -> None:
    """Mark the articles failed: kept, without incidents, never claimed again."""
    await conn.execute(sql("fail_extraction"), article_ids)


async def count(conn: asyncpg.Connection) -> int:
    """How many articles wait for extraction."""
    return await conn.fetchval(sql("count_pending_articles"))
