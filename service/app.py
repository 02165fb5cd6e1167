"""create_app(settings) -> Litestar: the one place routes, lifespan, dependencies and error handling meet.

Importing this module does no I/O; the database and the extractor are opened in the lifespan.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable

import asyncpg
from litestar import Litestar
from litestar.datastructures import ResponseHeader, State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, ScalarRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme, Tag

from service.api.articles import ArticleController, ExtractController
from service.api.deps import provide_extractor, provide_ingestor
from service.api.docs import document_status_headers
from service.api.incidents import IncidentController
from service.api.meta import health, list_actors, ready
from service.auth.guard import BEARER, KeyCache
from service.auth.ratelimit import RateLimiter
from service.db import Database, create_pool, provide_database, resolve_database
from service.deferred import DeferredExtraction, running
from service.errors import problem_response
from service.extraction import Extractor
from service.extractor_process import ExtractorProcess
from service.headers import add_security_headers, cors_config
from service.ingest import Ingestor
from service.migrate import upgrade_async
from service.observability import configure_logging, metrics_endpoint, wrap_app
from service.settings import Settings

API_VERSION = "0.1.0"
DESCRIPTION = """\
Arabic news articles in, ACLED-style conflict incidents out. POST an article to extract its
incidents (and store them), then fetch incidents by id or list them with filters.
Every error is an RFC 9457 `application/problem+json` body."""


def _lifespan(
    settings: Settings, load_extractor: Callable[[], Extractor]
) -> Callable[[Litestar], contextlib.AbstractAsyncContextManager[None]]:
    @contextlib.asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        app.state.extractor = await asyncio.to_thread(load_extractor)
        target = await asyncio.to_thread(resolve_database, settings)
        try:
            if target.embedded:
                # The embedded default is ours to keep current; a failed migration stops the start.
                await upgrade_async(target.url)
            pool = await create_pool(target.url, settings)
            db = app.state.db = Database(pool, settings.db_acquire_timeout)
            background = ExtractorProcess(load_extractor)
            worker = app.state.deferred = DeferredExtraction(
                db.connection,
                background.extract_all,
                app.state.extractor.version,
                settings.max_pending_articles,
            )
            app.state.ingestor = Ingestor(db.connection, app.state.extractor, settings.max_text_chars, worker)
            try:
                async with running(worker):
                    yield
            finally:
                await background.close()
                await _close_pool(pool)
        finally:
            await asyncio.to_thread(target.release)

    return lifespan


async def _close_pool(pool: asyncpg.Pool) -> None:
    try:
        await asyncio.wait_for(pool.close(), timeout=5)
    except TimeoutError:
        pool.terminate()


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Arabic conflict-incident API",
        version=API_VERSION,
        description=DESCRIPTION,
        path="/docs",
        render_plugins=[
            ScalarRenderPlugin(path="/"),
            SwaggerRenderPlugin(path="/swagger"),
            JsonRenderPlugin(path="/openapi.json"),
        ],
        components=Components(
            security_schemes={
                BEARER: SecurityScheme(
                    type="http",
                    scheme="bearer",
                    description="An API key from `python -m service keys create`, sent as "
                    "`Authorization: Bearer <key>`. Keys hold the scopes `read` (GET, POST /v1/extract) "
                    "and/or `write` (POST and DELETE /v1/articles), and a rate limit (429 + Retry-After "
                    "when spent). A server in open mode (OPEN_ACCESS) also serves requests without a key.",
                )
            }
        ),
        tags=[
            Tag(name="articles", description="Submit articles; fetch and delete stored ones."),
            Tag(name="incidents", description="Stored incidents, by id or filtered."),
            Tag(name="actors", description="The actor catalog."),
            Tag(name="health", description="Liveness and readiness."),
        ],
    )


# Set on every response by service.observability and service.headers; listed here for the spec.
DOCUMENTED_HEADERS = [
    ResponseHeader(
        name="X-Request-ID",
        documentation_only=True,
        description="This request's id, as on its log lines: the client's X-Request-ID if sane, else new.",
    ),
    ResponseHeader(name="X-Content-Type-Options", documentation_only=True, description="`nosniff`."),
]


def create_app(settings: Settings, load_extractor: Callable[[], Extractor] = Extractor.load) -> Litestar:
    """The web app; ``load_extractor`` is swappable so tests can feed known incidents.

    Configures logging too (idempotently), so the app logs the same way under ``serve``, in a
    uvicorn worker process and in tests.
    """
    configure_logging(settings)
    app = Litestar(
        route_handlers=[
            ExtractController,
            ArticleController,
            IncidentController,
            list_actors,
            health,
            ready,
            metrics_endpoint,
        ],
        dependencies={
            "db": Provide(provide_database, sync_to_thread=False),
            "extractor": Provide(provide_extractor, sync_to_thread=False),
            "ingestor": Provide(provide_ingestor, sync_to_thread=False),
        },
        lifespan=[_lifespan(settings, load_extractor)],
        state=State(
            {
                "settings": settings,
                "key_cache": KeyCache(settings.key_cache_seconds),
                "rate_limiter": RateLimiter(share=1 / (settings.workers or 1)),  # serve sets WORKERS
            }
        ),
        exception_handlers={Exception: problem_response},
        cors_config=cors_config(settings),  # None unless CORS_ALLOW_ORIGINS is set: no CORS headers at all
        before_send=[add_security_headers],
        response_headers=DOCUMENTED_HEADERS,
        request_max_body_size=settings.max_body_bytes,
        openapi_config=openapi_config(),
        logging_config=None,  # ours (service.observability); Litestar's default reconfigures the root logger
        debug=False,
    )
    document_status_headers(app.openapi_schema)  # the spec is built once, here, and served as is
    return wrap_app(app)  # request id, access line and metrics, for unmatched paths too
