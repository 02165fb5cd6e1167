"""GET /v1/actors, GET /health and GET /ready."""

from __future__ import annotations

import asyncpg
from litestar import get

from service.api.docs import problems
from service.api.schemas import Health
from service.extraction import Extractor
from service.extraction.model import Actor


@get("/v1/actors", tags=["actors"], summary="The actor catalog the extractor resolves names to")
async def list_actors(extractor: Extractor) -> list[Actor]:
    return list(extractor.actors)


@get("/health", tags=["health"], summary="The process is alive (does not touch the database)")
async def health() -> Health:
    return Health(status="ok")


@get("/ready", tags=["health"], summary="The database answers", responses=problems(503))
async def ready(conn: asyncpg.Connection) -> Health:
    await conn.fetchval("SELECT 1")
    return Health(status="ready")
