"""Thin typed functions over the article queries."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg

from service.errors import BadCursor
from service.extraction.model import Incident
from service.store import rows
from service.store.cursor import decode_cursor, encode_cursor
from service.store.incidents import incidents_of_article
from service.store.queries import sql
from service.store.records import ArticleKeys, NewArticle, Page, StoredArticle


async def find_by_idempotency_key(conn: asyncpg.Connection, key: str) -> ArticleKeys | None:
    row = await conn.fetchrow(sql("find_article_by_idempotency_key"), key)
    return rows.keys_from_row(row) if row else None


async def find_by_content_hash(conn: asyncpg.Connection, content_hash: str) -> ArticleKeys | None:
    row = await conn.fetchrow(sql("find_article_by_content_hash"), content_hash)
    return rows.keys_from_row(row) if row else None


async def insert_article(conn: asyncpg.Connection, article: NewArticle) -> uuid.UUID | None:
    """Insert the article alone (one statement), as extracted; None if it already exists."""
    return await conn.fetchval(sql("insert_article"), *rows.article_args(article), "extracted")


async def create_article(
    conn: asyncpg.Connection, article: NewArticle, incidents: list[Incident]
) -> StoredArticle | None:
    """Insert the article and its incidents in one statement, so atomically and in one round trip;
    None if it already exists. The answer is built from what was sent and what the statement
    returned: nothing is read after the commit, so an error answered for a lost connection
    never hides an article that was stored after all."""
    args = (*rows.article_args(article), rows.incident_rows(incidents))
    row = await conn.fetchrow(sql("create_article"), *args)
    return None if row is None else rows.created_article(article, incidents, row)


async def accept_article(conn: asyncpg.Connection, article: NewArticle) -> StoredArticle | None:
    """Insert the article as pending, for the background extraction; None if it already exists."""
    row = await conn.fetchrow(sql("insert_article"), *rows.article_args(article), "pending")
    return None if row is None else rows.accepted_article(article, row)


async def get_article(conn: asyncpg.Connection, article_id: uuid.UUID) -> StoredArticle | None:
    row = await conn.fetchrow(sql("get_article"), article_id)
    if row is None:
        return None
    return rows.article_from_row(row, await incidents_of_article(conn, article_id))


async def delete_article(conn: asyncpg.Connection, article_id: uuid.UUID) -> bool:
    """Delete the article and (by cascade) its incidents; False if there was none."""
    async with conn.transaction():
        return await conn.fetchval(sql("delete_article"), article_id) is not None


async def list_articles(conn: asyncpg.Connection, limit: int, cursor: str | None) -> Page:
    """Newest first; one page of ``limit`` summaries and the cursor of the next page."""
    received_at, last_id = _article_cursor(cursor) if cursor else (None, None)
    found = await conn.fetch(sql("list_articles"), received_at, last_id, limit + 1)
    items = [rows.summary_from_row(row) for row in found[:limit]]
    more = len(found) > limit
    next_cursor = encode_cursor([items[-1].received_at.isoformat(), str(items[-1].id)]) if more else None
    return Page(items=items, next_cursor=next_cursor)


def _article_cursor(cursor: str) -> tuple[dt.datetime, uuid.UUID]:
    received_at, last_id = decode_cursor(cursor, 2)
    try:
        return dt.datetime.fromisoformat(received_at), uuid.UUID(last_id)
    except ValueError as exc:
        raise BadCursor("cursor is not one this API issued") from exc
