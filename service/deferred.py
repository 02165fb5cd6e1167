"""Deferred extraction: the background worker for articles accepted with ``Prefer: respond-async``.

Every service process runs one. It claims the oldest pending articles (row-locked, so two
processes never take the same one), extracts them, and stores their incidents in the claim's
transaction: an article is pending, or extracted with all its incidents, never in between. A
worker stopped part-way leaves its articles pending for the next.

The extraction itself runs in a child process at the lowest CPU priority
(service.extractor_process): the kernel gives requests the CPU first, and the worker's own part,
on the event loop, is a claim and a store per batch. A client waits for the acceptance; it polls
for the extraction.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures.process import BrokenProcessPool

import asyncpg

from service.db import Connect
from service.errors import DATABASE_DOWN_ERRORS, DatabaseUnavailable
from service.extraction.model import Incident
from service.extractor_process import Article, ExtractionFailed
from service.observability.metrics import observe_background, observe_queue
from service.store import pending
from service.store.pending import PendingArticle

logger = logging.getLogger(__name__)

Extracted = tuple[uuid.UUID, list[Incident]]
ExtractAll = Callable[[list[Article]], Awaitable[list[list[Incident] | ExtractionFailed]]]

BATCH = 16  # articles claimed at once: one claim and one store for all of them
POLL_SECONDS = 1.0  # how soon an idle worker sees articles that other processes accepted


class DeferredExtraction:
    """Extracts pending articles, oldest first, until cancelled."""

    def __init__(self, connect: Connect, extract_all: ExtractAll, version: str, max_pending: int) -> None:
        """``extract_all`` runs the extractor (ExtractorProcess.extract_all); ``version`` is its version."""
        self.connect, self.extract_all, self.version = connect, extract_all, version
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
        async with self.connect() as conn, conn.transaction():
            claimed = await pending.claim(conn, BATCH)
            seen, self.pending_seen = self.pending_seen, await pending.count(conn)
            if self.pending_seen != seen:  # the gauge is the process's: set it only when it moves
                observe_queue(self.pending_seen)
            if not claimed:
                return False
            extracted, failed = await self._extract(claimed)
            failed += await self._store(conn, extracted)
            if failed:
                await pending.fail(conn, failed)
        observe_background(len(claimed) - len(failed), len(failed))
        return True

    async def _extract(self, claimed: list[PendingArticle]) -> tuple[list[Extracted], list[uuid.UUID]]:
        """Extract the claimed articles; the ids of those the extractor failed on."""
        try:
            outcomes = await self.extract_all([(article.text, article.published_at) for article in claimed])
        except BrokenProcessPool:
            if len(claimed) > 1:  # find the text that killed the process: extract them one by one
                parts = [await self._extract([one]) for one in claimed]
                return [e for done, _ in parts for e in done], [f for _, failed in parts for f in failed]
            # A text that kills the extractor would kill it again on every try.
            logger.error("the extractor process died on article %s; it is marked failed", claimed[0].id)
            return [], [claimed[0].id]
        extracted: list[Extracted] = []
        failed: list[uuid.UUID] = []
        for article, outcome in zip(claimed, outcomes, strict=True):
            if isinstance(outcome, ExtractionFailed):
                # A text the extractor cannot read would fail again on every try.
                logger.error(
                    "the extractor failed on article %s; it is marked failed\n%s", article.id, outcome
                )
                failed.append(article.id)
            else:
                extracted.append((article.id, outcome))
        return extracted, failed

    async def _store(self, conn: asyncpg.Connection, extracted: list[Extracted]) -> list[uuid.UUID]:
        """Store the incidents, in one statement if possible; the ids that could not be stored."""
        if not extracted:
            return []
        try:
            async with conn.transaction():  # a savepoint: the claim outlives a failed store
                await pending.complete(conn, extracted, self.version)
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
