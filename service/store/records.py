"""What the store hands back: stored articles and incidents as msgspec Structs."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec

from service.extraction.model import Incident


class StoredIncident(Incident, kw_only=True):
    """An extracted incident as stored: the contract's fields plus its id and article."""

    id: uuid.UUID
    article_id: uuid.UUID


ExtractionStatus = Annotated[
    Literal["extracted", "pending", "failed"],
    msgspec.Meta(
        description="`extracted`: the incidents are stored. `pending`: accepted with "
        "`Prefer: respond-async`, waiting for the background extraction (no incidents yet). "
        "`failed`: the extractor failed on this text; the article is kept, without incidents."
    ),
]


class _ArticleFields(msgspec.Struct, kw_only=True):
    """What every view of a stored article carries."""

    id: uuid.UUID
    title: str | None
    url: str | None
    source_name: str | None
    published_at: dt.date | None
    language: str
    received_at: dt.datetime
    extractor_version: str
    extraction_status: ExtractionStatus
    content_hash: str


class ArticleSummary(_ArticleFields, kw_only=True):
    """An article without its text and incidents, for lists."""

    incident_count: int


class StoredArticle(_ArticleFields, kw_only=True):
    """An article as stored: the text exactly as submitted, with its incidents."""

    text: str
    incidents: list[StoredIncident]


class NewArticle(msgspec.Struct, kw_only=True, frozen=True):
    """An article ready to insert, with the hashes that find it again."""

    text: str
    title: str | None
    url: str | None
    source_name: str | None
    published_at: dt.date | None
    language: str
    content_hash: str
    request_hash: str
    extractor_version: str
    idempotency_key: str | None


class ArticleKeys(msgspec.Struct, frozen=True):
    """Just enough of a stored article to decide what a repeated POST gets."""

    id: uuid.UUID
    request_hash: str
    content_hash: str


class Page(msgspec.Struct, kw_only=True):
    """One page of a keyset-paginated list; ``next_cursor`` is null on the last page."""

    items: list[ArticleSummary] | list[StoredIncident]
    next_cursor: str | None
