"""POST /v1/articles with ``Prefer: respond-async``: 202 once stored, extraction in the background.

Each test runs the app on a migrated database of its own, so no other app's worker (with
another extractor) takes its pending articles.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import time
from collections.abc import AsyncIterator, Callable

import asyncpg
import pytest
from litestar.testing import AsyncTestClient

from service.api.articles import prefers_async
from service.api.schemas import ArticleIn
from service.app import create_app
from service.extraction import Extractor
from service.extraction.model import Incident
from service.ingest import new_article
from service.settings import Settings
from service.store import articles
from tests.conftest import migrated_database
from tests.fakes import FakeExtractor
from tests.integration.test_faults import add_fault, drop_fault
from tests.integration.test_observability import samples, value

ASYNC = {"Prefer": "respond-async"}
WAIT_SECONDS = 10.0  # an idle worker picks up an article within its poll (1 s); this is ample


@pytest.fixture
async def url(server_url: str) -> AsyncIterator[str]:
    async with migrated_database(server_url) as scratch:
        yield scratch


def app_for(
    url: str, load_extractor: Callable[[], Extractor] = Extractor.load, max_pending: int = 10_000
) -> AsyncTestClient:
    settings = Settings(
        database_url=url,
        open_access=True,
        db_acquire_timeout=1.0,
        db_command_timeout=5.0,
        max_pending_articles=max_pending,
    )
    return AsyncTestClient(app=create_app(settings, load_extractor=load_extractor))


async def settled(app: AsyncTestClient, location: str) -> dict:
    """The article at ``location`` once it is no longer pending."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        article = (await app.get(location)).json()
        if article["extraction_status"] != "pending" or time.monotonic() > deadline:
            return article
        await asyncio.sleep(0.05)


async def status_of(url: str) -> list[tuple[str, int]]:
    """(extraction_status, incident count) of every article, oldest first."""
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch(
            "SELECT a.extraction_status, count(i.id) FROM articles a "
            "LEFT JOIN incidents i ON i.article_id = a.id GROUP BY a.id ORDER BY a.received_at"
        )
    finally:
        await conn.close()
    return [(row[0], row[1]) for row in rows]


@pytest.mark.parametrize(
    ("header", "wanted"),
    [
        (None, False),
        ("", False),
        ("respond-async", True),
        ("Respond-Async", True),
        ("wait=10, respond-async", True),
        ("respond-async; foo=bar", True),
        (" handling=lenient ,respond-async ", True),
        ("respond-asyncx", False),
        ("return=minimal", False),
        ("wait=respond-async", False),
    ],
)
def test_prefer_header_is_read_as_rfc_7240_says(header: str | None, wanted: bool) -> None:
    assert prefers_async(header) is wanted


ARTICLE = {
    "text": "قتل ثلاثة مدنيين وأصيب خمسة آخرون في غارة جوية استهدفت سوقا شعبيا في مدينة الرمادي أمس الأحد، "
    "بحسب ما أفادت مصادر أمنية لوكالة فرانس برس.",
    "published_at": "2024-03-11",
}


async def test_async_post_is_202_then_the_same_incidents_as_a_sync_post(url: str) -> None:
    async with app_for(url) as app:
        extracted = (await app.post("/v1/extract", json=ARTICLE)).json()
        accepted = await app.post("/v1/articles", json=ARTICLE, headers=ASYNC)
        assert accepted.status_code == 202, accepted.text
        assert accepted.headers["preference-applied"] == "respond-async"
        body = accepted.json()
        assert body["extraction_status"] == "pending" and body["incidents"] == []
        assert accepted.headers["location"] == f"/v1/articles/{body['id']}"
        done = await settled(app, accepted.headers["location"])
    assert done["extraction_status"] == "extracted"
    assert extracted["incidents"], "the sentence reports an air strike"
    strip = lambda incident: {k: v for k, v in incident.items() if k not in ("id", "article_id")}  # noqa: E731
    assert [strip(i) for i in done["incidents"]] == extracted["incidents"]
    assert done["extractor_version"] == extracted["extractor_version"]


async def test_async_post_repeated_is_200_with_the_same_article(url: str) -> None:
    async with app_for(url, FakeExtractor) as app:
        first = await app.post("/v1/articles", json=ARTICLE, headers=ASYNC)
        again = await app.post("/v1/articles", json=ARTICLE, headers=ASYNC)
        sync = await app.post("/v1/articles", json=ARTICLE)
        await settled(app, first.headers["location"])
    assert (first.status_code, again.status_code, sync.status_code) == (202, 200, 200)
    assert first.json()["id"] == again.json()["id"] == sync.json()["id"]
    assert "preference-applied" not in again.headers
    assert await status_of(url) == [("extracted", 2)]


async def test_async_post_with_a_used_idempotency_key_is_200_for_the_same_body_and_409_for_another(
    url: str,
) -> None:
    other = {**ARTICLE, "text": ARTICLE["text"] + " وأغلقت القوات الطرق المؤدية إلى السوق."}
    async with app_for(url, FakeExtractor) as app:
        key = {**ASYNC, "Idempotency-Key": "feed-item-17"}
        first = await app.post("/v1/articles", json=ARTICLE, headers=key)
        again = await app.post("/v1/articles", json=ARTICLE, headers=key)
        clash = await app.post("/v1/articles", json=other, headers=key)
        await settled(app, first.headers["location"])
    assert (first.status_code, again.status_code, clash.status_code) == (202, 200, 409)
    assert again.json()["id"] == first.json()["id"]
    assert clash.headers["content-type"].startswith("application/problem+json")
    assert await status_of(url) == [("extracted", 2)]


async def accept_directly(url: str, texts: list[str]) -> list[str]:
    """Store articles as pending without a service, as one that stopped would have left them."""
    conn = await asyncpg.connect(url)
    try:
        ids = []
        for text in texts:
            new = new_article(ArticleIn(text=text), None, "before-restart", None)
            accepted = await articles.accept_article(conn, new)
            assert accepted is not None
            ids.append(str(accepted.id))
        return ids
    finally:
        await conn.close()


async def until_none_pending(url: str) -> list[tuple[str, int]]:
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        found = await status_of(url)
        if all(status != "pending" for status, _ in found) or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.05)


async def test_articles_left_pending_are_extracted_when_a_service_starts(url: str) -> None:
    """What a stopped service had accepted is not lost: the next one to start extracts it."""
    await accept_directly(url, [f"{ARTICLE['text']} ({n})" for n in range(40)])  # more than a batch
    assert await status_of(url) == [("pending", 0)] * 40
    async with app_for(url, FakeExtractor):
        assert await until_none_pending(url) == [("extracted", 2)] * 40


class FailingExtractor(FakeExtractor):
    """Fails on texts that contain "FAIL", as a bug in the extractor would."""

    def extract(self, text: str, published_at: dt.date | None = None) -> list[Incident]:
        if "FAIL" in text:
            raise RuntimeError("the extractor broke")
        return super().extract(text, published_at)


async def test_an_article_the_extractor_fails_on_is_kept_as_failed_and_the_queue_goes_on(url: str) -> None:
    async with app_for(url, FailingExtractor) as app:
        bad = await app.post("/v1/articles", json={"text": "نص FAIL"}, headers=ASYNC)
        good = await app.post("/v1/articles", json={"text": "نص سليم"}, headers=ASYNC)
        assert (bad.status_code, good.status_code) == (202, 202)
        failed = await settled(app, bad.headers["location"])
        done = await settled(app, good.headers["location"])
    assert (failed["extraction_status"], failed["incidents"], failed["text"]) == ("failed", [], "نص FAIL")
    assert done["extraction_status"] == "extracted" and len(done["incidents"]) == 2


class CrashingExtractor(FakeExtractor):
    """Ends its process on texts that contain "CRASH", as a segfault or the OOM killer would."""

    def extract(self, text: str, published_at: dt.date | None = None) -> list[Incident]:
        if "CRASH" in text:
            os._exit(3)
        return super().extract(text, published_at)


def finished(metrics: str) -> tuple[float, float]:
    """background_extractions_total by outcome: (extracted, failed)."""
    scraped = samples(metrics)
    return tuple(value(scraped, "background_extractions_total", outcome=o) for o in ("extracted", "failed"))  # type: ignore[return-value]


async def test_the_metrics_count_what_the_background_worker_finished(url: str) -> None:
    async with app_for(url, FailingExtractor) as app:
        before = finished((await app.get("/metrics")).text)
        for text in ("نص سليم", "نص FAIL", "نص سليم آخر"):
            await app.post("/v1/articles", json={"text": text}, headers=ASYNC)
        deadline = time.monotonic() + WAIT_SECONDS
        while True:  # the worker counts after its commit, and looks at the queue once more
            metrics = (await app.get("/metrics")).text
            after = finished(metrics)
            done = (after[0] - before[0], after[1] - before[1]) == (2, 1)
            if (done and "articles_pending_extraction 0.0" in metrics) or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.05)
    assert (after[0] - before[0], after[1] - before[1]) == (2, 1)
    assert "articles_pending_extraction 0.0" in metrics


async def test_an_article_that_kills_the_extractor_process_is_failed_and_the_queue_goes_on(url: str) -> None:
    await accept_directly(url, ["نص سليم أول", "نص CRASH", "نص سليم ثان"])
    async with app_for(url, CrashingExtractor):
        found = await until_none_pending(url)
    assert found == [("extracted", 2), ("failed", 0), ("extracted", 2)]


async def test_a_store_that_fails_leaves_no_incident_and_marks_the_article_failed(url: str) -> None:
    await add_fault(url, "RAISE EXCEPTION 'an invariant the service did not expect broke'")
    async with app_for(url, FakeExtractor) as app:
        accepted = await app.post("/v1/articles", json=ARTICLE, headers=ASYNC)
        done = await settled(app, accepted.headers["location"])
    assert done["extraction_status"] == "failed"
    assert await status_of(url) == [("failed", 0)]  # not the first incident either


async def test_a_connection_lost_while_storing_leaves_the_article_pending_until_it_is_stored_whole(
    url: str,
) -> None:
    await add_fault(url, "PERFORM pg_terminate_backend(pg_backend_pid())")
    async with app_for(url, FakeExtractor) as app:
        accepted = await app.post("/v1/articles", json=ARTICLE, headers=ASYNC)
        assert accepted.status_code == 202
        await asyncio.sleep(0.5)  # the worker tries at once (it was notified) and loses its connection
        assert await status_of(url) == [("pending", 0)]
        await drop_fault(url)
        done = await settled(app, accepted.headers["location"])
    assert done["extraction_status"] == "extracted" and len(done["incidents"]) == 2
    assert await status_of(url) == [("extracted", 2)]


async def test_in_a_batch_only_the_articles_that_fail_are_marked_failed(url: str) -> None:
    """One text the extractor fails on and one whose incidents the database refuses, among
    good ones claimed in the same batch: those two are failed, the others extracted."""
    texts = ["نص سليم أول", "نص FAIL", "نص ترفض قاعدة البيانات حوادثه", "نص سليم ثان"]
    refused = (await accept_directly(url, texts))[2]
    await add_fault(url, "RAISE EXCEPTION 'refused'", when=f"NEW.article_id = '{refused}'")
    async with app_for(url, FailingExtractor):
        found = await until_none_pending(url)
    assert found == [("extracted", 2), ("failed", 0), ("failed", 0), ("extracted", 2)]


async def test_with_the_queue_full_an_async_post_is_extracted_first_and_answered_201(url: str) -> None:
    """Three articles wait, held by another worker (a lock the test keeps), and the bound is 3:
    the preference is declined. Once the queue is drained it is honoured again."""
    await accept_directly(url, [f"نص ينتظر ({n})" for n in range(3)])
    holder = await asyncpg.connect(url)
    try:
        held = holder.transaction()
        await held.start()
        await holder.fetch("SELECT id FROM articles FOR UPDATE")
        async with app_for(url, FakeExtractor, max_pending=3) as app:
            worker = app.app.state.deferred
            deadline = time.monotonic() + WAIT_SECONDS
            while worker.pending_seen < 3 and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            # the gauge is the process's; the session's other apps, whose queues stay empty, never set it
            assert "articles_pending_extraction 3.0" in (await app.get("/metrics")).text
            declined = await app.post("/v1/articles", json=ARTICLE, headers=ASYNC)
            assert declined.status_code == 201 and "preference-applied" not in declined.headers
            assert (
                declined.json()["extraction_status"] == "extracted" and len(declined.json()["incidents"]) == 2
            )
            await held.rollback()
            worker.notify()
            while worker.pending_seen and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            honoured = await app.post("/v1/articles", json={"text": "نص آخر"}, headers=ASYNC)
            assert honoured.status_code == 202 and honoured.headers["preference-applied"] == "respond-async"
    finally:
        await holder.close()
