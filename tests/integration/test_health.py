"""GET /health, /ready, /v1/actors; 503 when the database is away, and recovery when it is back."""

from __future__ import annotations

import asyncio
import time

import asyncpg
import pytest
from litestar.testing import AsyncTestClient

from service.app import create_app
from service.db import APP_NAME
from service.settings import Settings
from tests.proxy import SwitchableProxy


async def test_health(client: AsyncTestClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


async def test_ready(client: AsyncTestClient) -> None:
    response = await client.get("/ready")
    assert response.status_code == 200 and response.json() == {"status": "ready"}


async def test_actors_is_a_list_of_actors(client: AsyncTestClient, fake_client: AsyncTestClient) -> None:
    for each in (client, fake_client):
        actors = (await each.get("/v1/actors")).json()
        assert isinstance(actors, list)
        assert all(set(a) == {"id", "name", "name_ar"} for a in actors)
    assert [a["id"] for a in (await fake_client.get("/v1/actors")).json()] == [
        "us-forces",
        "kataib-hezbollah",
    ]


DOWN_REQUESTS = [
    ("GET", "/ready", None),
    ("GET", "/v1/articles", None),
    ("GET", "/v1/incidents", None),
    ("GET", "/v1/incidents/00000000-0000-0000-0000-000000000000", None),
    ("POST", "/v1/articles", {"text": "نص عربي"}),
    ("DELETE", "/v1/articles/00000000-0000-0000-0000-000000000000", None),
]


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://postgres@127.0.0.1:1/nothing",  # closed port: refused at once
        "postgresql://postgres@10.255.255.1:5432/nothing",  # black hole: the acquire timeout answers
    ],
)
async def test_database_down_is_503_quickly(url: str) -> None:
    app = create_app(Settings(database_url=url, db_acquire_timeout=0.5, open_access=True))
    async with AsyncTestClient(app=app) as down:
        assert (await down.get("/health")).status_code == 200
        for method, path, body in DOWN_REQUESTS:
            started = time.monotonic()
            response = await down.request(method, path, json=body)
            assert response.status_code == 503, (path, response.text)
            assert response.headers["content-type"].startswith("application/problem+json")
            assert response.headers["retry-after"]
            assert time.monotonic() - started < 3


# Requests the limits refuse: they must be refused before the database is asked for anything.
REFUSED_FIRST = [
    ("GET", "/v1/incidents?limit=0", None, 422),
    ("GET", "/v1/articles?limit=201", None, 422),
    ("GET", "/v1/incidents?cursor=" + "a" * 201, None, 422),
    ("GET", "/v1/incidents?country=iraq", None, 422),
    ("GET", "/v1/incidents?" + "&".join(["country=IQ"] * 51), None, 422),
    ("POST", "/v1/articles", {"text": "ن" * 101}, 413),
    ("POST", "/v1/articles", {"text": "نص", "title": "t" * 1001}, 422),
    ("POST", "/v1/articles", {"text": " "}, 422),
    ("POST", "/v1/articles", {"text": "n" * 4_000}, 413),  # over MAX_BODY_BYTES
    ("GET", "/v1/incidents", None, 401),  # no key, open mode off
]


@pytest.mark.parametrize(("method", "path", "body", "status"), REFUSED_FIRST)
async def test_limits_are_enforced_before_the_database_is_touched(
    method: str, path: str, body: object, status: int
) -> None:
    settings = Settings(
        database_url="postgresql://postgres@127.0.0.1:1/nothing",
        max_text_chars=100,
        max_body_bytes=3_000,
        open_access=status != 401,
    )
    async with AsyncTestClient(app=create_app(settings)) as down:
        response = await down.request(method, path, json=body)
        assert response.status_code == status, response.text


async def test_recovers_when_connections_are_killed(settings: Settings, database_url: str) -> None:
    async with AsyncTestClient(app=create_app(settings)) as app_client:
        assert (await app_client.get("/ready")).status_code == 200
        admin = await asyncpg.connect(database_url)
        try:
            killed = await admin.fetchval(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND application_name = $1",
                APP_NAME,
            )
        finally:
            await admin.close()
        assert killed >= 1
        statuses = []
        for _ in range(3):
            statuses.append((await app_client.get("/v1/articles")).status_code)
            await asyncio.sleep(0.1)
        assert statuses[-1] == 200 and set(statuses) <= {200, 503}


async def ready_status(app_client: AsyncTestClient, attempts: int = 5) -> list[int]:
    """/ready statuses until the first 200 (a pooled connection may fail once after a cut)."""
    statuses: list[int] = []
    for _ in range(attempts):
        statuses.append((await app_client.get("/ready")).status_code)
        if statuses[-1] == 200:
            break
        await asyncio.sleep(0.1)
    return statuses


async def test_starts_while_the_database_is_down_and_recovers(database_url: str) -> None:
    proxy = SwitchableProxy(database_url)
    proxy.on()
    proxy.off()  # the port is known and closed: the database is "down"
    app = create_app(Settings(database_url=proxy.url(), db_acquire_timeout=1.0, open_access=True))
    try:
        async with AsyncTestClient(app=app) as app_client:
            assert (await app_client.get("/ready")).status_code == 503
            proxy.on()
            assert (await ready_status(app_client))[-1] == 200
            proxy.off()  # the database goes away while the pool holds connections
            assert (await app_client.get("/v1/articles")).status_code == 503
            proxy.on()
            assert (await ready_status(app_client))[-1] == 200
            assert (await app_client.get("/v1/articles")).status_code == 200
    finally:
        proxy.off()
        proxy.close()
