"""The load test's baseline: POST /v1/articles that only inserts the article, on the service's own stack.

    python -m bench.bare_app [--workers N] [--host 127.0.0.1] [--port 8001]   (DATABASE_URL: migrated)

Same as the service where it costs: Litestar, msgspec decoding of the same ``ArticleIn`` body,
the pool from ``service.db.create_pool`` with the same settings, the same ``insert_article``
statement, and uvicorn with the same worker count. Missing on purpose: extraction,
incidents, the duplicate look-up, auth guards, logging and metrics
middleware. Its throughput is what this machine's stack can store at most, so the service's
figures read as a fraction of it (``python -m bench.load`` starts it by itself).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import uuid
from collections.abc import AsyncIterator

import msgspec
from litestar import Litestar, get, post
from litestar.datastructures import State
from litestar.exceptions import HTTPException

from service.api.schemas import ArticleIn
from service.db import create_pool
from service.ingest import check_article, content_hash
from service.settings import Settings, settings_from_env
from service.store import articles
from service.store.records import NewArticle

EXTRACTOR_VERSION = "bare"


class Inserted(msgspec.Struct):
    id: uuid.UUID


def new_article(body: ArticleIn, settings: Settings) -> NewArticle:
    """The row the service would insert for ``body``, minus the extractor's version."""
    return NewArticle(
        text=body.text,
        title=body.title,
        url=body.url,
        source_name=body.source_name,
        published_at=check_article(body, settings.max_text_chars),
        language=body.language,
        content_hash=content_hash(body.text, body.url),
        request_hash=hashlib.sha256(msgspec.json.encode(body)).hexdigest(),
        extractor_version=EXTRACTOR_VERSION,
        idempotency_key=None,
    )


@post("/v1/articles", status_code=201)
async def insert(data: ArticleIn, state: State) -> Inserted:
    """Insert the article (no incidents) in one transaction; 201 with its id, 409 if it was there."""
    row = new_article(data, state.settings)
    async with state.pool.acquire(timeout=state.settings.db_acquire_timeout) as conn:
        article_id = await articles.insert_article(conn, row)
    if article_id is None:
        raise HTTPException(status_code=409, detail="already stored")
    return Inserted(id=article_id)


@get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


def create_bare_app(settings: Settings) -> Litestar:
    """The baseline app; the pool opens in the lifespan, as in the service."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        if not settings.database_url:
            raise RuntimeError("bench.bare_app needs DATABASE_URL (a migrated database)")
        app.state.pool = await create_pool(settings.database_url, settings)
        try:
            yield
        finally:
            await app.state.pool.close()

    return Litestar([insert, health], lifespan=[lifespan], state=State({"settings": settings}), debug=False)


def app_from_env() -> Litestar:
    """uvicorn ``--factory`` entry point, as ``service.asgi:app_from_env`` is for the service."""
    return create_bare_app(settings_from_env())


def main() -> None:
    """Serve like ``python -m service serve --workers N``: uvicorn with an app factory, no access log."""
    import uvicorn

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8001)
    args = ap.parse_args()
    uvicorn.run(
        "bench.bare_app:app_from_env", factory=True, host=args.host, port=args.port,
        workers=args.workers, access_log=False, log_level="warning",
    )  # fmt: skip


if __name__ == "__main__":
    main()
