"""Thin typed functions over the incident queries."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg
import msgspec

from service.errors import BadCursor
from service.store import rows
from service.store.cursor import decode_cursor, encode_cursor
from service.store.queries import sql
from service.store.records import Page, StoredIncident

UNDATED = "-infinity"  # the sort key of incidents without a date: they sort last


class IncidentFilter(msgspec.Struct, kw_only=True, frozen=True):
    """Optional filters of GET /v1/incidents; lists match any of their values."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: list[str] | None = None
    admin1: list[str] | None = None
    sub_event_type: list[str] | None = None
    actor: list[str] | None = None
    min_killed: int | None = None
    article_id: uuid.UUID | None = None


async def incidents_of_article(conn: asyncpg.Connection, article_id: uuid.UUID) -> list[StoredIncident]:
    return [rows.incident_from_row(row) for row in await conn.fetch(sql("incidents_of_article"), article_id)]


async def get_incident(conn: asyncpg.Connection, incident_id: uuid.UUID) -> StoredIncident | None:
    row = await conn.fetchrow(sql("get_incident"), incident_id)
    return rows.incident_from_row(row) if row else None


async def list_incidents(
    conn: asyncpg.Connection, where: IncidentFilter, limit: int, cursor: str | None
) -> Page:
    """Latest incident date first (undated last), then id; one page and the next page's cursor."""
    after = _incident_cursor(cursor) if cursor else (None, None)
    f = where
    found = await conn.fetch(
        sql("list_incidents"),
        f.date_from, f.date_to, f.country, f.admin1, f.sub_event_type, f.actor, f.min_killed, f.article_id,
        *after, limit + 1,
    )  # fmt: skip
    items = [rows.incident_from_row(row) for row in found[:limit]]
    next_cursor = _cursor_after(items[-1]) if len(found) > limit else None
    return Page(items=items, next_cursor=next_cursor)


def _cursor_after(incident: StoredIncident) -> str:
    return encode_cursor([incident.date.start or UNDATED, str(incident.id)])


def _incident_cursor(cursor: str) -> tuple[str, uuid.UUID]:
    sort_date, last_id = decode_cursor(cursor, 2)
    try:
        if sort_date != UNDATED:
            dt.date.fromisoformat(sort_date)
        return sort_date, uuid.UUID(last_id)
    except ValueError as exc:
        raise BadCursor("cursor is not one this API issued") from exc
