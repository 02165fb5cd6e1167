"""POST/GET/DELETE /v1/articles and POST /v1/extract."""

from __future__ import annotations

import uuid
from typing import Annotated, ClassVar

from litestar import Controller, Response, delete, get, post
from litestar.datastructures import ResponseHeader, State
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import HeaderParameter, Parameter

from service.api.deps import Cursor, Db, IngestorDep, PageLimit, page_size
from service.api.docs import ARTICLE_BODY, problems
from service.api.schemas import ArticleIn, ArticlePage, ExtractResult, StoredArticle
from service.auth.guard import SECURITY, can_read, can_write
from service.errors import NotFound
from service.ingest import MAX_IDEMPOTENCY_KEY_CHARS
from service.store import articles

IdempotencyKey = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        required=False,
        min_length=1,
        max_length=MAX_IDEMPOTENCY_KEY_CHARS,
        description="Repeat a POST safely: the same key returns the stored article; "
        "the same key with a different body is 409.",
    ),
]
Prefer = Annotated[
    str | None,
    HeaderParameter(
        name="Prefer",
        required=False,
        max_length=1_000,
        description="RFC 7240 preferences. `respond-async`: answer 202 as soon as the article is stored, "
        "with `extraction_status` `pending`, and extract it in the background; poll the Location until "
        "it is `extracted`. While MAX_PENDING_ARTICLES wait already, the article is extracted first and "
        "the answer is 201, without Preference-Applied. Other preferences are ignored.",
    ),
]
ArticleId = Annotated[uuid.UUID, Parameter(description="The article's UUID.")]


ASYNC_APPLIED = {"Preference-Applied": "respond-async"}


def prefers_async(prefer: str | None) -> bool:
    """Whether a Prefer header (RFC 7240: comma-separated, each ``name[=value][; params]``)
    asks for ``respond-async``; preference names are case-insensitive."""
    if not prefer:
        return False
    names = (item.split(";", 1)[0].split("=", 1)[0].strip().lower() for item in prefer.split(","))
    return "respond-async" in names


class ExtractController(Controller):
    path = "/v1/extract"
    tags: ClassVar[list[str]] = ["articles"]
    guards: ClassVar[list] = [can_read]  # stores nothing, so reading is enough
    security: ClassVar[list] = SECURITY

    @post(
        status_code=200,
        summary="Extract incidents without storing anything",
        responses=problems(400, 401, 403, 413, 422, 429),
    )
    async def extract(self, data: Annotated[ArticleIn, ARTICLE_BODY], ingestor: IngestorDep) -> ExtractResult:
        """Runs the extractor on the article and returns its incidents; nothing is stored."""
        incidents = await ingestor.extract(data)
        return ExtractResult(incidents=incidents, extractor_version=ingestor.extractor.version)


class ArticleController(Controller):
    path = "/v1/articles"
    tags: ClassVar[list[str]] = ["articles"]
    security: ClassVar[list] = SECURITY

    @post(
        status_code=201,
        summary="Extract and store an article",
        description="201 with the stored article and its incidents, and a Location header; 200 with the "
        "stored one when the same text and url (or the same Idempotency-Key and body) were posted before. "
        "With `Prefer: respond-async`, 202 once the article is stored, before its extraction.",
        responses={
            200: ResponseSpec(
                data_container=StoredArticle,
                description="Already stored (same text and url, or same Idempotency-Key and body).",
                generate_examples=False,
            ),
            202: ResponseSpec(
                data_container=StoredArticle,
                description="Stored, extraction pending (`Prefer: respond-async`); the incidents appear at "
                "the Location once `extraction_status` is `extracted`.",
                generate_examples=False,
            ),
            **problems(400, 401, 403, 409, 413, 422, 429, 503),
        },
        response_headers=[
            ResponseHeader(name="Location", documentation_only=True, description="The stored article's URL.")
        ],
        guards=[can_write],
    )
    async def create(
        self,
        data: Annotated[ArticleIn, ARTICLE_BODY],
        ingestor: IngestorDep,
        idempotency_key: IdempotencyKey = None,
        prefer: Prefer = None,
    ) -> Response[StoredArticle]:
        done = await ingestor.ingest(data, idempotency_key, prefer_async=prefers_async(prefer))
        headers = {"Location": f"/v1/articles/{done.article.id}"}
        if not done.created:
            return Response(done.article, status_code=200, headers=headers)
        if done.deferred:
            return Response(done.article, status_code=202, headers={**headers, **ASYNC_APPLIED})
        return Response(done.article, status_code=201, headers=headers)

    @get(
        summary="List stored articles, newest first",
        responses=problems(400, 401, 403, 422, 429, 503),
        guards=[can_read],
    )
    async def list_articles(
        self,
        db: Db,
        state: State,
        limit: PageLimit = None,
        cursor: Cursor = None,
    ) -> ArticlePage:
        async with db.connection() as conn:
            page = await articles.list_articles(conn, page_size(limit, state.settings), cursor)
        return ArticlePage(items=page.items, next_cursor=page.next_cursor)  # type: ignore[arg-type]

    @get(
        "/{article_id:uuid}",
        summary="One stored article with its incidents",
        responses=problems(400, 401, 403, 404, 429, 503),
        guards=[can_read],
    )
    async def get_article(self, db: Db, article_id: ArticleId) -> StoredArticle:
        async with db.connection() as conn:
            article = await articles.get_article(conn, article_id)
        if article is None:
            raise NotFound(f"no article with id {article_id}")
        return article

    @delete(
        "/{article_id:uuid}",
        summary="Delete an article and its incidents",
        responses=problems(400, 401, 403, 404, 429, 503),
        guards=[can_write],
    )
    async def delete_article(self, db: Db, article_id: ArticleId) -> None:
        async with db.connection() as conn:
            deleted = await articles.delete_article(conn, article_id)
        if not deleted:
            raise NotFound(f"no article with id {article_id}")
