"""API keys through the real app and the real CLI: 401, 403, 429, revocation, and only hashes stored."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import msgspec
import pytest
from litestar.testing import AsyncTestClient

from service.api.schemas import EXAMPLE_TEXT
from service.app import create_app
from service.auth.keys import hash_key, new_key
from service.settings import Settings
from service.store import keys as store

ROOT = Path(__file__).resolve().parents[2]

# (method, path, scope it needs); every guarded operation of the API.
OPERATIONS = [
    ("GET", "/v1/articles", "read"),
    ("GET", "/v1/articles/00000000-0000-0000-0000-000000000000", "read"),
    ("GET", "/v1/incidents", "read"),
    ("GET", "/v1/incidents/00000000-0000-0000-0000-000000000000", "read"),
    ("GET", "/v1/actors", "read"),
    ("POST", "/v1/extract", "read"),
    ("POST", "/v1/articles", "write"),
    ("DELETE", "/v1/articles/00000000-0000-0000-0000-000000000000", "write"),
]


@pytest.fixture(scope="module")
async def closed(database_url: str) -> AsyncIterator[AsyncTestClient]:
    """The app as deployed with DATABASE_URL: no open mode, keys re-checked on every request."""
    settings = Settings(database_url=database_url, key_cache_seconds=0, rate_limit_burst=1000)
    async with AsyncTestClient(app=create_app(settings)) as client:
        yield client


async def make_key(
    pool: asyncpg.Pool, scopes: list[str], rate: float | None = None, burst: int | None = None
) -> str:
    key, prefix = new_key()
    async with pool.acquire() as conn:
        await store.insert_key(conn, "test", prefix, hash_key(key), scopes, rate, burst)
    return key


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def call(client: AsyncTestClient, method: str, path: str, key: str | None) -> int:
    headers = bearer(key) if key else {}
    body = {"text": EXAMPLE_TEXT} if method == "POST" else None
    response = await client.request(method, path, headers=headers, json=body)
    return response.status_code


@pytest.mark.parametrize(("method", "path", "scope"), OPERATIONS)
async def test_no_key_is_401_with_a_challenge(
    closed: AsyncTestClient, method: str, path: str, scope: str
) -> None:
    response = await closed.request(method, path, json={"text": EXAMPLE_TEXT} if method == "POST" else None)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize(("method", "path", "scope"), OPERATIONS)
async def test_scopes(
    closed: AsyncTestClient, pool: asyncpg.Pool, method: str, path: str, scope: str
) -> None:
    reader, writer = await make_key(pool, ["read"]), await make_key(pool, ["write"])
    allowed, refused = (reader, writer) if scope == "read" else (writer, reader)
    assert await call(closed, method, path, refused) == 403
    assert await call(closed, method, path, allowed) not in (401, 403, 429)


@pytest.mark.parametrize("key", ["iak_made-up", "not even a key format"])
async def test_unknown_key_is_401(closed: AsyncTestClient, key: str) -> None:
    assert await call(closed, "GET", "/v1/incidents", key) == 401


async def test_health_and_docs_need_no_key(closed: AsyncTestClient) -> None:
    for path in ("/health", "/ready", "/docs/openapi.json"):
        assert (await closed.get(path)).status_code == 200, path


async def test_revoked_key_stops_working(closed: AsyncTestClient, pool: asyncpg.Pool) -> None:
    key = await make_key(pool, ["read"])
    assert await call(closed, "GET", "/v1/incidents", key) == 200
    async with pool.acquire() as conn:
        assert await store.revoke_key(conn, key[:12]) is not None
    assert await call(closed, "GET", "/v1/incidents", key) == 401


async def test_rate_limit_is_429_with_retry_after(closed: AsyncTestClient, pool: asyncpg.Pool) -> None:
    key, other = await make_key(pool, ["read"], rate=0.01, burst=2), await make_key(pool, ["read"])
    statuses = [await call(closed, "GET", "/v1/incidents", key) for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = await closed.get("/v1/incidents", headers=bearer(key))
    assert response.status_code == 429 and int(response.headers["retry-after"]) >= 1
    assert response.json()["type"] == "/problems/rate-limited"
    assert await call(closed, "GET", "/v1/incidents", other) == 200  # limits are per key


async def test_open_mode_serves_without_a_key_but_checks_one_given(client: AsyncTestClient) -> None:
    assert (await client.get("/v1/incidents")).status_code == 200
    assert (await client.get("/v1/incidents", headers=bearer("iak_wrong"))).status_code == 401


async def test_write_with_a_key_stores_the_article(closed: AsyncTestClient, pool: asyncpg.Pool) -> None:
    key = await make_key(pool, ["read", "write"])
    text = EXAMPLE_TEXT + " (مفتاح)"
    response = await closed.post("/v1/articles", json={"text": text}, headers=bearer(key))
    assert response.status_code == 201
    fetched = await closed.get(response.headers["location"], headers=bearer(key))
    assert fetched.json()["text"] == text


def run_cli(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "service", "keys", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_cli_creates_lists_and_revokes(
    closed: AsyncTestClient, database_url: str, pool: asyncpg.Pool
) -> None:
    created = run_cli("create", "--name", "cli-newsroom", "--scopes", "read,write", database_url=database_url)
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip()
    assert await call(closed, "GET", "/v1/incidents", key) == 200
    listed = run_cli("list", database_url=database_url)
    assert "cli-newsroom" in listed.stdout and key[:12] in listed.stdout and key not in listed.stdout
    async with pool.acquire() as conn:
        stored = await conn.fetch("SELECT * FROM api_keys WHERE name = 'cli-newsroom'")
    assert len(stored) == 1 and key not in msgspec.json.encode([dict(r) for r in stored]).decode()
    revoked = run_cli("revoke", key[:12], database_url=database_url)
    assert revoked.returncode == 0, revoked.stderr
    assert await call(closed, "GET", "/v1/incidents", key) == 401
    again = run_cli("revoke", key[:12], database_url=database_url)
    assert again.returncode == 1 and "no live key" in again.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["create", "--name", "x", "--scopes", "admin"],
        ["create", "--name", "x", "--rate", "0"],
        ["create", "--name", "n" * 101],
    ],
)
def test_cli_refuses_bad_arguments(args: list[str], database_url: str) -> None:
    done = run_cli(*args, database_url=database_url)
    assert done.returncode == 2 and "error:" in done.stderr and "Traceback" not in done.stderr
