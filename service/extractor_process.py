"""The extractor in a child process at the lowest CPU priority, for the background extraction.

An article accepted with ``Prefer: respond-async`` has no client waiting for its incidents, so its
extraction should use only the CPU that requests leave idle. On a web process's event loop it
cannot: a coroutine has no priority, and every request that arrives while it extracts waits for
it. In a child process at niceness 19 the kernel runs requests and PostgreSQL first, and the web
process only awaits a future. Articles go to the child a batch at a time, because each call
costs the parent about half a millisecond of its own CPU, whatever it carries. The child is
started on first use, so a process that never defers never starts one.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import multiprocessing
import os
import signal
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from service.extraction import Extractor
from service.extraction.model import Incident
from service.observability.metrics import observe_extraction

logger = logging.getLogger(__name__)

NICENESS = 19  # the lowest priority a process can give itself; it still gets the CPU nobody wants

Article = tuple[str, dt.date | None]  # text, publication date


class ExtractionFailed(Exception):
    """The extractor raised on one article of a batch; the message is its traceback."""


Outcome = tuple[list[Incident], float] | ExtractionFailed

_extractor: Extractor | None = None  # the child's own, loaded once by _start_child


def _start_child(load_extractor: Callable[[], Extractor]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the parent stops us
    os.nice(NICENESS)
    global _extractor
    _extractor = load_extractor()


def _extract_in_child(articles: list[Article]) -> list[Outcome]:
    if _extractor is None:
        raise RuntimeError("the extractor process was not started by ExtractorProcess")
    outcomes: list[Outcome] = []
    for text, published_at in articles:
        started = time.perf_counter()
        try:
            outcomes.append((_extractor.extract(text, published_at), time.perf_counter() - started))
        except Exception:
            outcomes.append(ExtractionFailed(traceback.format_exc()))
    return outcomes


class ExtractorProcess:
    """``extract_all`` runs the extractor in one child process at niceness 19.

    ``load_extractor`` is sent to the child, so it must be picklable: a class or a module-level
    function (``Extractor.load``), not a lambda."""

    def __init__(self, load_extractor: Callable[[], Extractor]) -> None:
        self._load_extractor = load_extractor
        self._pool: ProcessPoolExecutor | None = None

    async def extract_all(self, articles: list[Article]) -> list[list[Incident] | ExtractionFailed]:
        """The incidents of each article, or why the extractor failed on it. Raises
        BrokenProcessPool if the child died (one of the texts may have killed it); the next
        call starts a new child."""
        pool = self._pool or self._start()
        try:
            outcomes = await asyncio.wrap_future(pool.submit(_extract_in_child, articles))
        except BrokenProcessPool:
            logger.error("the extractor process died; a new one starts with the next batch")
            self._pool = None
            pool.shutdown(wait=False)
            raise
        for outcome in outcomes:
            if not isinstance(outcome, ExtractionFailed):
                observe_extraction(outcome[1], len(outcome[0]))  # the extractor's own time, as for a POST
        return [outcome if isinstance(outcome, ExtractionFailed) else outcome[0] for outcome in outcomes]

    def _start(self) -> ProcessPoolExecutor:
        # spawn, not fork: the parent runs an event loop and threads that a fork would copy mid-step
        self._pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_child,
            initargs=(self._load_extractor,),
        )
        return self._pool

    async def close(self) -> None:
        """Stop the child, if one was started, once the batch under way (if any) ends."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)
