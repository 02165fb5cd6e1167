"""GET /v1/actors, GET /health and GET /ready."""

from __future__ import annotations

from litestar import get

from service.api.deps import Db, ExtractorDep
from service.api.docs import problems
from service.api.schemas import Health
from service.auth.guard import SECURITY, can_read
from service.extraction.model import Actor


@get(
    "/v1/actors",
    tags=["actors"],
    summary="The actor catalog the extractor resolves names to",
    responses=problems(401, 403, 429),
    guards=[can_read],
    security=SECURITY,
)
async def list_actors(extractor: ExtractorDep) -> list[Actor]:
    return list(extractor.actors)


@get("/health", tags=["health"], summary="The process is alive (does not touch the database)")
async def health() -> Health:
    return Health(status="ok")


@get("/ready", tags=["health"], summary="The database answers", responses=problems(503))
async def ready(db: Db) -> Health:
    async with db.connection() as conn:
        await conn.fetchval("SELECT 1")
    return Health(status="ready")
