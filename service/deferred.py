"""Deferred extraction: the background worker for articles accepted with ``Prefer: respond-async``.

Every service process runs one. It claims the oldest pending articles (row-locked, so two
processes never take the same one), extracts them, and stores their incidents in the claim's
transaction: an article is pending, or extracted with all its incidents, never in between. A
worker stopped part-way leaves its articles pending for the next.

Extraction is CPU work on the process's event loop, so the worker gives way to requests: it
claims articles once the process has no request in flight, or after waiting
``MAX_YIELD_SECONDS`` for that, so that a process that is never idle still works through its
queue, slowly; and it stops a batch early when a request comes in. A client waits for the
acceptance; it polls for the extraction.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator

import asyncpg
from litestar.types import ASGIApp, Receive, Scope, Send

from service.db import Connect
from service.errors import DATABASE_DOWN_ERRORS, DatabaseUnavailable
from service.extraction import Extractor
from service.extraction.model import Incident
from service.ingest import run_extractor
from service.store import pending
from service.store.pending import PendingArticle

logger = logging.getLogger(__name__)

Extracted = tuple[uuid.UUID, list[Incident]]

BATCH = 16  # articles claimed at once: one claim and one store for all of them
POLL_SECONDS = 1.0  # how soon an idle worker sees articles that other processes accepted
MAX_YIELD_SECONDS = 1.0  # the longest the worker waits for the process to fall idle


class Activity:
    """The HTTP requests in flight in this process, and a way to wait until there are none."""

    def __init__(self) -> None:
        self.in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()

    def track(self, app: ASGIApp) -> ASGIApp:
        """``app`` counting its HTTP requests as in flight from start to end."""

        async def tracked(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            self.in_flight += 1
            self._idle.clear()
            try:
                await app(scope, receive, send)
            finally:
                self.in_flight -= 1
                if not self.in_flight:
                    self._idle.set()

        return tracked

    async def quiet(self, timeout: float) -> None:
        """Return once no request is in flight, or after ``timeout`` seconds."""
        await _wait(self._idle, timeout)


class DeferredExtraction:
    """Extracts pending articles, oldest first, until cancelled."""

    def __init__(self, connect: Connect, extractor: Extractor, activity: Activity, max_pending: int) -> None:
        self.connect, self.extractor, self.activity = connect, extractor, activity
        self.max_pending = max_pending
        self.pending_seen = 0
        """How many articles waited (in all processes) at this worker's last look."""
        self._wake = asyncio.Event()

    def accepting(self) -> bool:
        """Whether the queue had room at the last look (once per batch, or per poll when idle)."""
        return self.pending_seen < self.max_pending

    def notify(self) -> None:
        """An article was accepted in this process: look now rather than at the next poll."""
        self._wake.set()

    async def run(self) -> None:
        """Work through the queue; on a database outage, wait a poll and try again."""
        while True:
            try:
                while await self.extract_next():
                    pass
            except (*DATABASE_DOWN_ERRORS, DatabaseUnavailable) as exc:
                logger.warning("deferred extraction waits for the database: %r", exc)
            except Exception:
                logger.exception("deferred extraction failed; it will try again")
            await self._sleep()

    async def extract_next(self) -> bool:
        """Extract a batch of the oldest pending articles and store their incidents; False if none waits."""
        await self.activity.quiet(MAX_YIELD_SECONDS)
        async with self.connect() as conn, conn.transaction():
            claimed = await pending.claim(conn, BATCH)
            self.pending_seen = await pending.count(conn)
            if not claimed:
                return False
            extracted, failed = await self._extract(claimed)
            failed += await self._store(conn, extracted)
            if failed:
                await pending.fail(conn, failed)
        return True

    async def _extract(self, claimed: list[PendingArticle]) -> tuple[list[Extracted], list[uuid.UUID]]:
        """Extract the claimed articles in turn, stopping early when a request comes in: the rest
        stay pending (the claim ends with the transaction)."""
        extracted: list[Extracted] = []
        failed: list[uuid.UUID] = []
        for article in claimed:
            if extracted or failed:
                await asyncio.sleep(0)  # let the loop take in requests that came meanwhile
                if self.activity.in_flight:
                    break
            try:
                extracted.append(
                    (article.id, await run_extractor(self.extractor, article.text, article.published_at))
                )
            except Exception:
                # A text the extractor cannot read would fail again on every try.
                logger.exception("the extractor failed on article %s; it is marked failed", article.id)
                failed.append(article.id)
        return extracted, failed

    async def _store(self, conn: asyncpg.Connection, extracted: list[Extracted]) -> list[uuid.UUID]:
        """Store the incidents, in one statement if possible; the ids that could not be stored."""
        if not extracted:
            return []
        try:
            async with conn.transaction():  # a savepoint: the claim outlives a failed store
                await pending.complete(conn, extracted, self.extractor.version)
            return []
        except DATABASE_DOWN_ERRORS:
            raise  # the claim rolls back: the articles stay pending for the next try
        except Exception:
            if len(extracted) > 1:  # find the one that fails: store the others one by one
                return [failed for one in extracted for failed in await self._store(conn, [one])]
            # Anything else would fail again on every try and hold up the articles behind it.
            logger.exception(
                "the incidents of article %s cannot be stored; it is marked failed", extracted[0][0]
            )
            return [extracted[0][0]]

    async def _sleep(self) -> None:
        await _wait(self._wake, POLL_SECONDS)
        self._wake.clear()


async def _wait(event: asyncio.Event, timeout: float) -> None:
    """Wait until ``event`` is set or ``timeout`` seconds pass. Not ``wait_for``: on Python 3.11
    it can swallow a cancellation that arrives as the event is set, and the worker, never told
    to stop, would hold up the service's shutdown for good (seen in 1 of 5 test runs)."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(timeout):
            await event.wait()


@contextlib.asynccontextmanager
async def running(worker: DeferredExtraction) -> AsyncIterator[None]:
    """Run ``worker`` in the background for the duration of the block."""
    task = asyncio.create_task(worker.run(), name="deferred-extraction")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
