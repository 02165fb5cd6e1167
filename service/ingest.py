"""Accepting an article: validate, extract, store once. POST /v1/articles and `seed` both call this.

With ``defer`` the article is stored as pending and extracted later by service.deferred."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
import time
import uuid
from typing import Protocol

import asyncpg
import msgspec

from service.api.schemas import ArticleIn
from service.db import Connect
from service.errors import IdempotencyConflict, InvalidInput, NotFound, TextTooLong
from service.extraction import Extractor
from service.extraction.model import Incident
from service.observability.metrics import observe_extraction
from service.store import articles
from service.store.records import ArticleKeys, NewArticle, StoredArticle

logger = logging.getLogger(__name__)

MAX_IDEMPOTENCY_KEY_CHARS = 255
INLINE_EXTRACTION_MAX_CHARS = 12_000  # about 10 ms of extraction; longer texts go to a thread


class Ingested(msgspec.Struct):
    """The stored article and whether this call created it (201) or found it (200), and whether
    it left the extraction to the background worker (202)."""

    article: StoredArticle
    created: bool
    deferred: bool = False


class Deferral(Protocol):
    """The background extraction as the Ingestor sees it (service.deferred.DeferredExtraction)."""

    def accepting(self) -> bool:
        """Whether its queue has room for one more article."""
        ...

    def notify(self) -> None:
        """An article was stored as pending."""
        ...


def parse_published_at(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` or an RFC 3339 timestamp -> its calendar date; InvalidInput otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else dt.datetime.fromisoformat(value).date()
    except ValueError:
        message = f"not a YYYY-MM-DD date or RFC 3339 timestamp: {value!r}"
        raise InvalidInput.field("published_at", message) from None


def check_article(body: ArticleIn, max_text_chars: int) -> dt.date | None:
    """Reject what cannot be extracted or stored; return the publication date."""
    if not body.text.strip():
        raise InvalidInput.field("text", "must contain non-whitespace characters")
    if len(body.text) > max_text_chars:
        raise TextTooLong(f"text has {len(body.text)} characters; the limit is {max_text_chars}")
    for name in ("text", "title", "source_name", "url", "language"):
        # PostgreSQL text cannot hold NUL; refuse it here rather than fail on insert.
        if "\x00" in (getattr(body, name) or ""):
            raise InvalidInput.field(name, "must not contain NUL (U+0000) characters")
    return parse_published_at(body.published_at)


async def run_extractor(extractor: Extractor, text: str, published_at: dt.date | None) -> list[Incident]:
    """Extract in place when the text is short, in a thread when it is long.

    A thread buys no parallelism (the GIL), and while it extracts, every call on the event loop
    that releases the GIL (hashing, socket writes, asyncpg) waits up to the interpreter's switch
    interval (5 ms) to get it back, so a short extraction in place costs other requests less.
    A long one would hold the loop for tens of milliseconds, so it goes to a thread, which at
    least lets the loop run every switch interval."""
    if len(text) <= INLINE_EXTRACTION_MAX_CHARS:
        return _timed_extract(extractor, text, published_at)
    return await asyncio.to_thread(_timed_extract, extractor, text, published_at)


def _timed_extract(extractor: Extractor, text: str, published_at: dt.date | None) -> list[Incident]:
    """``extractor.extract``, recording its duration and incident count as metrics."""
    started = time.perf_counter()  # the extractor's own time, not the thread queue's
    incidents = extractor.extract(text, published_at)
    observe_extraction(time.perf_counter() - started, len(incidents))
    return incidents


def content_hash(text: str, url: str | None) -> str:
    """Identity of an article: the same text at the same url is the same article."""
    return hashlib.sha256(f"{text}\x00{url or ''}".encode()).hexdigest()


def new_article(body: ArticleIn, published_at: dt.date | None, version: str, key: str | None) -> NewArticle:
    return NewArticle(
        text=body.text,
        title=body.title,
        url=body.url,
        source_name=body.source_name,
        published_at=published_at,
        language=body.language,
        content_hash=content_hash(body.text, body.url),
        request_hash=hashlib.sha256(msgspec.json.encode(body)).hexdigest(),
        extractor_version=version,
        idempotency_key=key,
    )


async def _existing(conn: asyncpg.Connection, new: NewArticle) -> ArticleKeys | None:
    """The stored article this request repeats: by idempotency key first, else by content."""
    if new.idempotency_key is not None:
        found = await articles.find_by_idempotency_key(conn, new.idempotency_key)
        if found is not None:
            if found.request_hash != new.request_hash:
                raise IdempotencyConflict("this Idempotency-Key was already used with a different body")
            return found
    return await articles.find_by_content_hash(conn, new.content_hash)


async def ingest_article(
    connect: Connect,
    extractor: Extractor,
    body: ArticleIn,
    idempotency_key: str | None,
    max_text_chars: int,
    defer: bool = False,
) -> Ingested:
    """Store ``body`` and its incidents unless it is already stored; return the stored article.
    With ``defer``, store it as pending and leave its extraction to the background worker."""
    if idempotency_key is not None and not 0 < len(idempotency_key) <= MAX_IDEMPOTENCY_KEY_CHARS:
        raise InvalidInput.field("Idempotency-Key", f"must have 1 to {MAX_IDEMPOTENCY_KEY_CHARS} characters")
    published_at = check_article(body, max_text_chars)
    new = new_article(body, published_at, extractor.version, idempotency_key)
    if defer:
        return await _accept(connect, new)
    async with connect() as conn:
        found = await _existing(conn, new)
        if found is not None:
            return Ingested(await _load(conn, found.id), created=False)
    # no connection is held while the extractor runs: the pool serves other requests meanwhile
    incidents = await run_extractor(extractor, body.text, published_at)
    try:
        return await _store(connect, new, incidents)
    except asyncpg.ConnectionDoesNotExistError:
        # A pooled connection that died during the extraction: in place, the loop had no chance to
        # notice. The insert is idempotent (ON CONFLICT DO NOTHING), so one more try on a new
        # connection stores the article at most once; had the first try committed, this one
        # finds the article and answers 200.
        logger.info("pooled connection was closed; storing on a new one")
        return await _store(connect, new, incidents)


async def _accept(connect: Connect, new: NewArticle) -> Ingested:
    """Store ``new`` as pending. Insert first, look up only on a conflict: a new article, the
    common case, costs one statement, and a repeat gets the same answer as before extracting."""
    async with connect() as conn:
        accepted = await articles.accept_article(conn, new)
        return Ingested(accepted, created=True, deferred=True) if accepted else await _found(conn, new)


async def _store(connect: Connect, new: NewArticle, incidents: list[Incident]) -> Ingested:
    async with connect() as conn:
        created = await articles.create_article(conn, new, incidents)
        if created is not None:
            return Ingested(created, created=True)
        return await _found(conn, new)


async def _found(conn: asyncpg.Connection, new: NewArticle) -> Ingested:
    """The stored article that ``new`` repeats, found after its insert conflicted."""
    found = await _existing(conn, new)
    if found is None:
        raise NotFound("the article was deleted while it was being stored")
    return Ingested(await _load(conn, found.id), created=False)


class Ingestor:
    """What POST /v1/articles and POST /v1/extract need, as one object: handlers take it as their
    only dependency, because Litestar resolves sibling dependencies concurrently in a task group
    per request (about 60 µs, a tenth of a GET's own time)."""

    def __init__(
        self,
        connect: Connect,
        extractor: Extractor,
        max_text_chars: int,
        deferral: Deferral,
    ) -> None:
        self.connect, self.extractor, self.max_text_chars = connect, extractor, max_text_chars
        self.deferral = deferral

    async def ingest(
        self, body: ArticleIn, idempotency_key: str | None, prefer_async: bool = False
    ) -> Ingested:
        """``ingest_article`` with this service's database, extractor and text limit. With
        ``prefer_async`` the extraction is deferred, unless the queue is full: then the article is
        extracted now, which slows the client down to the pace of the extraction."""
        defer = prefer_async and self.deferral.accepting()
        done = await ingest_article(
            self.connect, self.extractor, body, idempotency_key, self.max_text_chars, defer
        )
        if done.deferred:
            self.deferral.notify()
        return done

    async def extract(self, body: ArticleIn) -> list[Incident]:
        """The incidents of ``body``, checked as for storing; nothing is stored."""
        published_at = check_article(body, self.max_text_chars)
        return await run_extractor(self.extractor, body.text, published_at)


async def _load(conn: asyncpg.Connection, article_id: uuid.UUID) -> StoredArticle:
    stored = await articles.get_article(conn, article_id)
    if stored is None:  # deleted by a concurrent DELETE
        raise NotFound("the article was deleted while it was being stored")
    return stored
