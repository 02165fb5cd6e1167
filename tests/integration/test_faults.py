"""Faults: the database stops under a running service, or fails in the middle of one write.

The outage tests run the real service (``python -m service serve``) as a subprocess over a
private PostgreSQL cluster, which they really stop (``pg_ctl stop -m fast``, or ``-m immediate``
for a crash) and start again on the same port: requests answer 503 problem details in time,
the same process serves again, and everything acknowledged with 201 is still there.

The write-fault tests run the app in process on a scratch database of the session's server and
break one POST between extraction and commit, or inside its transaction: nothing of that
article is left behind.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from litestar.testing import AsyncTestClient

from bench.articles import article
from service.app import create_app
from service.db import APP_NAME
from service.extraction import Extractor
from service.extraction.model import Incident
from service.ingest import content_hash
from service.migrate import upgrade
from service.settings import Settings
from tests.conftest import migrated_database
from tests.fakes import FakeExtractor
from tests.pgcluster import PgCluster, free_port
from tests.proxy import SwitchableProxy

PROJECT_DIR = Path(__file__).resolve().parents[2]
REQUEST_TIMEOUT = 5.0  # no request may take longer, outage or not: past it the request "hangs"
RECOVERY_TIMEOUT = 10.0  # the database is back: the service must serve again within this
START_TIMEOUT = 30.0  # the service process must answer /health within this
PROBLEM = "application/problem+json"
Body = dict[str, str]
Outcome = tuple[Body, httpx.Response]


@dataclass
class Service:
    """The service process under test and the URL it listens on."""

    proc: subprocess.Popen[bytes]
    url: str
    log: Path


@pytest.fixture(scope="module")
def cluster() -> Iterator[PgCluster]:
    """A private, migrated PostgreSQL cluster that the tests may stop; deleted afterwards."""
    pg = PgCluster()
    try:
        pg.start()
        upgrade(pg.url)
        yield pg
    finally:
        pg.destroy()


@pytest.fixture(scope="module")
def service(cluster: PgCluster) -> Iterator[Service]:
    """``python -m service serve`` on ``cluster``; terminated (then killed) at the end, whatever happens."""
    port, log = free_port(), cluster.root / "service.log"
    env = {
        **os.environ,
        "DATABASE_URL": cluster.url,
        "OPEN_ACCESS": "true",
        "DB_ACQUIRE_TIMEOUT": "1",
        "DB_COMMAND_TIMEOUT": "5",
        "WORKERS": "1",
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "service", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        running = Service(proc, f"http://127.0.0.1:{port}", log)
        _wait_healthy(running)
        yield running
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_healthy(running: Service) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and running.proc.poll() is None:
        try:
            if httpx.get(f"{running.url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass  # not listening yet
        time.sleep(0.1)
    log = running.log.read_text(errors="replace")[-3000:]
    pytest.fail(f"the service did not start (exit code {running.proc.poll()}):\n{log}")


@pytest.fixture
def live(cluster: PgCluster) -> Iterator[PgCluster]:
    """The cluster, running at the start of the test and again after it (even if it failed)."""
    if not cluster.is_running():
        cluster.start()
    yield cluster
    if not cluster.is_running():
        cluster.start()


@pytest.fixture
async def http(service: Service) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=service.url, timeout=REQUEST_TIMEOUT) as client:
        yield client


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """The service's extractor, to know how many incidents each stored article must have."""
    return Extractor.load()


def article_body(rng: random.Random, tag: str) -> Body:
    """A realistic article; the url makes it unique (identity is text and url)."""
    text, published = article(rng)
    return {
        "text": text,
        "published_at": published.isoformat(),
        "url": f"https://example.org/{tag}/{uuid.uuid4()}",
    }


async def timed(
    http: httpx.AsyncClient, method: str, path: str, body: Body | None = None
) -> tuple[httpx.Response, float]:
    """The response and the seconds it took; a request that does not answer in time fails the test."""
    started = time.monotonic()
    try:
        response = await http.request(method, path, json=body)
    except httpx.TimeoutException:
        pytest.fail(f"{method} {path} hung: no answer within {REQUEST_TIMEOUT} s")
    return response, time.monotonic() - started


async def wait_serving(http: httpx.AsyncClient) -> float:
    """Seconds until GET /ready answers 200 again; fails past RECOVERY_TIMEOUT."""
    started = time.monotonic()
    while (await timed(http, "GET", "/ready"))[0].status_code != 200:
        if time.monotonic() - started > RECOVERY_TIMEOUT:
            pytest.fail(f"the service did not serve again within {RECOVERY_TIMEOUT} s of the database")
        await asyncio.sleep(0.05)
    return time.monotonic() - started


async def stored(url: str, bodies: list[Body]) -> dict[str, tuple[uuid.UUID, int]]:
    """Content hash -> (article id, number of incident rows) for those of ``bodies`` that are stored."""
    hashes = [content_hash(body["text"], body["url"]) for body in bodies]
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch(
            "SELECT a.content_hash, a.id, count(i.id) AS incidents FROM articles a "
            "LEFT JOIN incidents i ON i.article_id = a.id "
            "WHERE a.content_hash = any($1::text[]) GROUP BY a.id",
            hashes,
        )
    finally:
        await conn.close()
    return {row["content_hash"]: (row["id"], row["incidents"]) for row in rows}


def assert_problem_503(response: httpx.Response, what: str) -> None:
    assert response.status_code == 503, (what, response.status_code, response.text)
    assert response.headers["content-type"].startswith(PROBLEM), what
    assert response.json()["status"] == 503 and response.headers["retry-after"], what


def outage_batch(acked: dict[str, Body], new: list[Body]) -> list[tuple[str, str, Body | None]]:
    """Requests of every kind that need the database: writes, reads by id, lists, readiness, a delete."""
    ids = list(acked)
    return [
        *[("POST", "/v1/articles", body) for body in new],
        *[("GET", f"/v1/articles/{article_id}", None) for article_id in ids[:3]],
        ("GET", "/v1/incidents", None),
        ("GET", f"/v1/incidents?article_id={ids[0]}", None),
        ("GET", "/v1/articles", None),
        ("GET", "/ready", None),
        ("DELETE", f"/v1/articles/{ids[-1]}", None),
    ]


@pytest.mark.parametrize("mode", ["fast", "immediate"])
async def test_outage_is_503_then_the_same_process_serves_every_acknowledged_article(
    mode: str, live: PgCluster, service: Service, http: httpx.AsyncClient
) -> None:
    rng = random.Random(f"outage-{mode}")
    before = [article_body(rng, f"outage-{mode}") for _ in range(10)]
    acked: dict[str, Body] = {}
    for body in before:
        response, _ = await timed(http, "POST", "/v1/articles", body)
        assert response.status_code == 201, response.text
        acked[response.json()["id"]] = body

    await asyncio.to_thread(live.stop, mode)
    during = [article_body(rng, f"outage-{mode}") for _ in range(3)]
    batch = outage_batch(acked, during)
    answers = await asyncio.gather(*(timed(http, *request) for request in batch))
    for (method, path, _), (response, _) in zip(batch, answers, strict=True):
        assert_problem_503(response, f"{method} {path}")
    assert (await timed(http, "GET", "/health"))[0].status_code == 200  # liveness needs no database

    started = time.monotonic()
    await asyncio.to_thread(live.start)
    restart, recovery = time.monotonic() - started, await wait_serving(http)
    assert service.proc.poll() is None  # served again by the same process: no restart
    for article_id, body in acked.items():
        response, _ = await timed(http, "GET", f"/v1/articles/{article_id}")
        assert response.status_code == 200 and response.json()["text"] == body["text"]
    rows = await stored(live.url, before + during)
    assert sorted(str(article_id) for article_id, _ in rows.values()) == sorted(acked)  # only the 201s
    assert (await timed(http, "POST", "/v1/articles", during[0]))[0].status_code == 201
    seconds = [elapsed for _, elapsed in answers]
    print(
        f"\n{mode}: {len(seconds)} requests got 503 in {statistics.median(seconds):.3f} s median, "
        f"{max(seconds):.3f} s max; PostgreSQL up in {restart:.3f} s, serving {recovery:.3f} s later"
    )


async def post_until_refused(http: httpx.AsyncClient, rng: random.Random, outcomes: list[Outcome]) -> None:
    """POST new articles one after another until one is not a 201 (bounded, so it always ends)."""
    for _ in range(200):
        body = article_body(rng, "in-flight")
        response, _ = await timed(http, "POST", "/v1/articles", body)
        outcomes.append((body, response))
        if response.status_code != 201:
            return
    pytest.fail("the database stop never reached this writer")


async def wait_for_created(outcomes: list[Outcome], count: int) -> None:
    """Returns once ``count`` POSTs got 201: the writers are going."""
    deadline = time.monotonic() + 30
    while sum(response.status_code == 201 for _, response in outcomes) < count:
        assert time.monotonic() < deadline, "the writers did not get going"
        await asyncio.sleep(0.005)


def expected_incidents(extractor: Extractor, body: Body) -> int:
    return len(extractor.extract(body["text"], dt.date.fromisoformat(body["published_at"])))


async def test_posts_in_flight_when_the_database_stops_are_stored_whole_or_not_at_all(
    live: PgCluster, service: Service, http: httpx.AsyncClient, extractor: Extractor
) -> None:
    rng, outcomes = random.Random("in-flight"), list[Outcome]()
    writers = [asyncio.create_task(post_until_refused(http, rng, outcomes)) for _ in range(4)]
    await wait_for_created(outcomes, 8)
    await asyncio.to_thread(live.stop, "fast")  # four writers are somewhere inside a POST now
    await asyncio.wait_for(asyncio.gather(*writers), timeout=60)
    await asyncio.to_thread(live.start)
    await wait_serving(http)

    statuses = Counter(response.status_code for _, response in outcomes)
    assert set(statuses) == {201, 503} and statuses[503] == len(writers), statuses  # no third outcome
    rows = await stored(live.url, [body for body, _ in outcomes])
    for body, response in outcomes:
        found = rows.get(content_hash(body["text"], body["url"]))
        if response.status_code == 201:
            incidents = expected_incidents(extractor, body)
            assert len(response.json()["incidents"]) == incidents
            assert found == (uuid.UUID(response.json()["id"]), incidents)  # stored, with all its incidents
        else:
            assert found is None, "a POST answered 503 but its article was stored"
            assert (await timed(http, "POST", "/v1/articles", body))[0].status_code == 201  # retry stores it
    print(f"\nin flight: {dict(statuses)}")


# --- in process: one write broken between extraction and commit, or inside its transaction ---


class KillingExtractor(FakeExtractor):
    """The fake extractor, which terminates the app's database connections on its first call.

    The extractor may run on the app's event loop (short texts are extracted in place), so the
    kill runs in a thread of its own with its own loop. The request holds no connection while it
    extracts, so this kills the idle pooled one that the commit step would otherwise be handed.
    """

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url, self.killed = url, None

    def extract(self, text: str, published_at: dt.date | None = None) -> list[Incident]:
        if self.killed is None:
            with concurrent.futures.ThreadPoolExecutor(1) as thread:
                self.killed = thread.submit(asyncio.run, admin_execute(self.url, TERMINATE_APP)).result()[0]
        return super().extract(text, published_at)


class CuttingExtractor(FakeExtractor):
    """The fake extractor, which takes the database away (a proxy switched off) on its first call."""

    def __init__(self, proxy: SwitchableProxy) -> None:
        super().__init__()
        self.proxy, self.armed = proxy, True

    def extract(self, text: str, published_at: dt.date | None = None) -> list[Incident]:
        if self.armed:
            self.armed = False
            self.proxy.off()
        return super().extract(text, published_at)


@pytest.fixture(scope="module")
async def scratch_url(server_url: str) -> AsyncIterator[str]:
    """A migrated database of this module's own: the tests below kill its connections and add triggers."""
    async with migrated_database(server_url) as url:
        yield url


def app_settings(url: str) -> Settings:
    return Settings(database_url=url, open_access=True, db_acquire_timeout=1.0, db_command_timeout=5.0)


async def row_counts(url: str) -> tuple[int, int]:
    """(articles, incidents) in the whole database."""
    conn = await asyncpg.connect(url)
    try:
        row = await conn.fetchrow("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM incidents)")
    finally:
        await conn.close()
    return row[0], row[1]


async def admin_execute(url: str, *statements: str) -> list[Any]:
    conn = await asyncpg.connect(url)
    try:
        return [await conn.fetchval(statement) for statement in statements]
    finally:
        await conn.close()


async def add_fault(url: str, action: str, when: str = "NEW.ordinal = 1") -> None:
    """A trigger that runs ``action`` (PL/pgSQL) before inserting an incident row matching ``when``."""
    await admin_execute(
        url,
        f"CREATE FUNCTION fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {action}; RETURN NEW; END $$",
        f"CREATE TRIGGER fault BEFORE INSERT ON incidents FOR EACH ROW WHEN ({when}) "
        "EXECUTE FUNCTION fault()",
    )


async def drop_fault(url: str) -> None:
    await admin_execute(url, "DROP TRIGGER fault ON incidents", "DROP FUNCTION fault()")


# Waits (up to 5 s) until each backend is gone, so the app's next statement surely finds it dead.
TERMINATE_APP = (
    "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
    f"WHERE datname = current_database() AND application_name = '{APP_NAME}'"
)


async def test_a_connection_lost_during_extraction_is_replaced(scratch_url: str) -> None:
    killer = KillingExtractor(scratch_url)
    body = {"text": "نص مقال يقطع اتصاله بقاعدة البيانات أثناء الاستخراج", "published_at": "2024-01-07"}
    async with AsyncTestClient(
        app=create_app(app_settings(scratch_url), load_extractor=lambda: killer)
    ) as app:
        before = await row_counts(scratch_url)
        response = await asyncio.wait_for(app.post("/v1/articles", json=body), REQUEST_TIMEOUT)
        # the pooled connections, idle while the request extracted (the background worker may hold one too)
        assert killer.killed >= 1
        assert response.status_code == 201  # the pool replaced it for the commit
        assert await row_counts(scratch_url) == (before[0] + 1, before[1] + 2)


async def test_database_gone_between_extraction_and_commit_writes_nothing(scratch_url: str) -> None:
    proxy = SwitchableProxy(scratch_url)
    proxy.on()
    extractor = CuttingExtractor(proxy)
    body = {"text": "نص مقال تغيب قاعدة بياناته بين الاستخراج والحفظ", "published_at": "2024-01-07"}
    try:
        async with AsyncTestClient(
            app=create_app(app_settings(proxy.url()), load_extractor=lambda: extractor)
        ) as app:
            before = await row_counts(scratch_url)
            response = await asyncio.wait_for(app.post("/v1/articles", json=body), REQUEST_TIMEOUT)
            assert response.status_code == 503 and response.headers["content-type"].startswith(PROBLEM)
            assert await row_counts(scratch_url) == before
            proxy.on()
            again = await app.post("/v1/articles", json=body)
            assert again.status_code == 201
            assert await row_counts(scratch_url) == (before[0] + 1, before[1] + 2)
    finally:
        proxy.close()


# What a trigger on the second incident row does, and the status the POST must get. A
# connection lost mid-transaction and a full disk are the database's trouble (503, retry);
# an error nobody anticipated stays a 500. Each leaves no article and no incident behind.
WRITE_FAULTS = {
    "connection-lost": ("PERFORM pg_terminate_backend(pg_backend_pid())", 503),
    "disk-full": ("RAISE EXCEPTION 'could not extend file' USING ERRCODE = 'disk_full'", 503),
    "unexpected-error": ("RAISE EXCEPTION 'an invariant the service did not expect broke'", 500),
}


@pytest.mark.parametrize("fault", list(WRITE_FAULTS))
async def test_a_failure_inside_the_write_transaction_leaves_nothing(fault: str, scratch_url: str) -> None:
    action, status = WRITE_FAULTS[fault]
    body = {"text": f"نص مقال يفشل تخزين حادثته الثانية: {fault}", "published_at": "2024-01-07"}
    await add_fault(scratch_url, action)
    try:
        async with AsyncTestClient(
            app=create_app(app_settings(scratch_url), load_extractor=FakeExtractor)
        ) as app:
            before = await row_counts(scratch_url)
            response = await asyncio.wait_for(app.post("/v1/articles", json=body), REQUEST_TIMEOUT)
            assert response.status_code == status, response.text
            assert response.headers["content-type"].startswith(PROBLEM) and "Traceback" not in response.text
            assert await row_counts(scratch_url) == before  # not the article, not its first incident
    finally:
        await drop_fault(scratch_url)
