"""Hostile input is stored verbatim and stays harmless; errors leak no internals; CORS is opt-in.

Every value reaches PostgreSQL as a bind parameter, so SQL in a field is just text: it must come
back byte for byte, and the tables must still be there afterwards.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from urllib.parse import quote

import asyncpg
import httpx
import msgspec
import pytest
from litestar.testing import AsyncTestClient

from service.api.schemas import EXAMPLE_TEXT, MAX_SOURCE_NAME_CHARS, MAX_TITLE_CHARS, MAX_URL_CHARS
from service.app import create_app
from service.errors import problem_for
from service.settings import Settings
from service.store.cursor import encode_cursor
from tests.fakes import FakeExtractor

PAYLOADS = {
    "sql-drop": "'; DROP TABLE articles; --",
    "sql-or": '" OR 1=1 --',
    "bind-placeholder": "$1",
    "escaped-quote": "\\'",
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "template": "{{7*7}}",
    "rtl-override": "\u202eغداد\u202c.exe",
    "zero-width": "a\u200bb\u200c\u200dc\ufeff\u2060d",
}
LONG = "long-token"
"""Stands for one unbroken token as long as the field allows (see ``long_token``)."""
CASES = [*PAYLOADS.values(), LONG]
CASE_IDS = [*PAYLOADS, LONG]

# Markers of a leaked stack trace, driver message, SQL statement or exception class.
LEAKS = re.compile(
    r'Traceback|File "|\bline \d+|asyncpg|psycopg|sqlalchemy|syntax error|\bSELECT\b|\bINSERT INTO\b|'
    r"\bDROP TABLE\b|\bWHERE\b|[A-Z][a-z]+(Error|Exception|Violation)\b|site-packages|/service/",
)
TABLES = ("articles", "incidents", "api_keys", "alembic_version")


def long_token(field: str, settings: Settings) -> str:
    """One token exactly as long as ``field`` accepts (Arabic: two UTF-8 bytes a character)."""
    limits = {"text": settings.max_text_chars, "title": MAX_TITLE_CHARS, "url": MAX_URL_CHARS,
              "source_name": MAX_SOURCE_NAME_CHARS, "published_at": 200, "language": 200}  # fmt: skip
    return "ش" * limits[field]


def unique_article() -> dict[str, str]:
    """An article no other test posts (its identity is text + url), so every POST creates a row."""
    marker = uuid.uuid4().hex
    return {"text": f"{EXAMPLE_TEXT} {marker}", "url": f"https://example.org/ar/{marker}"}


def assert_no_internals(response: httpx.Response, payload: str = "") -> None:
    """No stack trace, driver text, SQL or class name in the body, once the echoed input is removed."""
    body = response.text.replace(payload, "") if payload else response.text
    body = body.replace(msgspec.json.encode(payload).decode()[1:-1], "") if payload else body
    assert not LEAKS.search(body), body


def assert_problem(response: httpx.Response, statuses: set[int], payload: str = "") -> dict:
    """A 4xx RFC 9457 body that is JSON to a browser and says nothing about the insides."""
    assert response.status_code in statuses, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert_no_internals(response, payload)
    problem = response.json()
    assert problem["status"] == response.status_code and problem["detail"]
    return problem


async def assert_tables_intact(pool: asyncpg.Pool) -> None:
    for table in TABLES:
        assert await pool.fetchval("SELECT to_regclass($1)::text", table) == table


@pytest.mark.parametrize("field", ["text", "title", "url", "source_name"])
@pytest.mark.parametrize("payload", CASES, ids=CASE_IDS)
async def test_payload_is_stored_verbatim(
    client: AsyncTestClient, pool: asyncpg.Pool, settings: Settings, field: str, payload: str
) -> None:
    value = long_token(field, settings) if payload == LONG else payload
    body = unique_article() | {field: value}
    created = await client.post("/v1/articles", json=body)
    assert created.status_code == 201, created.text
    assert created.headers["content-type"] == "application/json"  # never text/html
    article_id = uuid.UUID(created.json()["id"])
    fetched = await client.get(f"/v1/articles/{article_id}")
    assert fetched.json()[field] == value and fetched.json()[field].encode() == value.encode()
    row = await pool.fetchrow("SELECT text, title, url, source_name FROM articles WHERE id = $1", article_id)
    assert row[field] == value  # stored as sent: not escaped, not stripped, not truncated
    assert (await client.delete(f"/v1/articles/{article_id}")).status_code == 204
    await assert_tables_intact(pool)


@pytest.mark.parametrize("field", ["published_at", "language"])
@pytest.mark.parametrize("payload", CASES, ids=CASE_IDS)
async def test_payload_in_a_typed_field_is_422(
    client: AsyncTestClient, pool: asyncpg.Pool, settings: Settings, field: str, payload: str
) -> None:
    value = long_token(field, settings) if payload == LONG else payload
    before = await pool.fetchval("SELECT count(*) FROM articles")
    response = await client.post("/v1/articles", json=unique_article() | {field: value})
    problem = assert_problem(response, {422}, value)
    assert [e["field"] for e in problem["errors"]] == [field]
    assert await pool.fetchval("SELECT count(*) FROM articles") == before
    await assert_tables_intact(pool)


INCIDENT_FILTERS = ["date_from", "date_to", "country", "admin1", "sub_event_type", "actor", "min_killed"]
QUERY_PARAMETERS = [
    *[("/v1/articles", name) for name in ("limit", "cursor")],
    *[("/v1/incidents", name) for name in (*INCIDENT_FILTERS, "article_id", "limit", "cursor")],
]


@pytest.fixture(scope="module")
async def stored_incidents(fake_client: AsyncTestClient) -> list[dict]:
    """Incidents in the database, so a filter spliced into SQL as `OR 1=1` would have rows to leak."""
    response = await fake_client.post("/v1/articles", json=unique_article())
    assert response.status_code == 201 and response.json()["incidents"]
    return response.json()["incidents"]


@pytest.mark.parametrize(("path", "name"), QUERY_PARAMETERS, ids=[f"{p}?{n}" for p, n in QUERY_PARAMETERS])
@pytest.mark.parametrize("payload", CASES, ids=CASE_IDS)
async def test_payload_in_a_query_parameter_matches_nothing(
    client: AsyncTestClient,
    pool: asyncpg.Pool,
    settings: Settings,
    stored_incidents: list[dict],
    path: str,
    name: str,
    payload: str,
) -> None:
    value = long_token("title", settings) if payload == LONG else payload
    response = await client.get(path, params={name: value})
    if response.status_code == 200:  # a value the filter takes: it is compared, and equals nothing
        assert response.json()["items"] == []
    else:
        assert_problem(response, {400, 422}, value)
    await assert_tables_intact(pool)
    assert (await client.get(f"/v1/incidents/{stored_incidents[0]['id']}")).status_code == 200


@pytest.mark.parametrize("path", ["/v1/articles", "/v1/incidents"])
@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
async def test_cursor_carrying_sql_is_400(client: AsyncTestClient, path: str, payload: str) -> None:
    # Well-formed base64 JSON of the right shape: only the values inside are hostile.
    for key in ([payload, str(uuid.uuid4())], ["2024-01-07", payload]):
        response = await client.get(path, params={"cursor": encode_cursor(key)})
        assert_problem(response, {400}, payload)


PATH_OPERATIONS = ["GET /v1/articles/{}", "DELETE /v1/articles/{}", "GET /v1/incidents/{}"]


@pytest.mark.parametrize("operation", PATH_OPERATIONS)
@pytest.mark.parametrize("payload", CASES, ids=CASE_IDS)
async def test_payload_as_a_path_segment_is_404(
    client: AsyncTestClient, pool: asyncpg.Pool, settings: Settings, operation: str, payload: str
) -> None:
    method, template = operation.split()
    value = long_token("title", settings) if payload == LONG else payload
    response = await client.request(method, template.format(quote(value, safe="")))
    assert_problem(response, {404}, value)
    await assert_tables_intact(pool)


@pytest.mark.parametrize("payload", [*PAYLOADS.values(), "k" * 255], ids=[*PAYLOADS, LONG])
async def test_payload_as_idempotency_key_is_a_plain_key(
    client: AsyncTestClient, pool: asyncpg.Pool, payload: str
) -> None:
    # Header bytes are UTF-8 here; the server reads header values as Latin-1 (ASGI), byte for byte.
    headers = {"Idempotency-Key": payload.encode()}
    body = unique_article()
    created = await client.post("/v1/articles", json=body, headers=headers)
    assert created.status_code == 201, created.text
    again = await client.post("/v1/articles", json=body, headers=headers)
    assert again.status_code == 200 and again.json()["id"] == created.json()["id"]
    other = await client.post("/v1/articles", json=unique_article(), headers=headers)
    assert_problem(other, {409})
    article_id = uuid.UUID(again.json()["id"])
    stored = await pool.fetchval("SELECT idempotency_key FROM articles WHERE id = $1", article_id)
    assert stored.encode("latin-1") == payload.encode()
    await assert_tables_intact(pool)


@pytest.mark.parametrize(
    "error",
    [
        asyncpg.PostgresSyntaxError('syntax error at or near "DROP"'),
        asyncpg.UniqueViolationError('duplicate key value violates unique constraint "articles_pkey"'),
        KeyError("idempotency_key"),
        ValueError('File "/srv/service/store/rows.py", line 12: SELECT * FROM articles WHERE id = $1'),
    ],
    ids=lambda e: type(e).__name__,
)
def test_unexpected_errors_say_nothing_of_the_insides(error: Exception) -> None:
    problem = problem_for(error)
    assert problem.status == 500
    assert not LEAKS.search(msgspec.json.encode(problem).decode())


# --- CORS: off unless CORS_ALLOW_ORIGINS names origins --------------------------------------------

NEWSROOM = "https://newsroom.example"
PREFLIGHT = {"Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "authorization, content-type, idempotency-key"}  # fmt: skip


def cors_headers(response: httpx.Response) -> dict[str, str]:
    return {k: v for k, v in response.headers.items() if k.lower().startswith("access-control-allow")}


async def test_cors_is_off_by_default(client: AsyncTestClient) -> None:
    simple = await client.get("/health", headers={"Origin": NEWSROOM})
    assert simple.status_code == 200 and "access-control-allow-origin" not in simple.headers
    preflight = await client.options("/v1/articles", headers={"Origin": NEWSROOM, **PREFLIGHT})
    assert cors_headers(preflight) == {}


@pytest.fixture(scope="module")
async def cors_client(settings: Settings) -> AsyncIterator[AsyncTestClient]:
    """The app with CORS allowed for one origin."""
    configured = msgspec.structs.replace(settings, cors_allow_origins=f" {NEWSROOM} ,")
    async with AsyncTestClient(app=create_app(configured, load_extractor=FakeExtractor)) as test_client:
        yield test_client


async def test_cors_allows_the_configured_origin(cors_client: AsyncTestClient) -> None:
    simple = await cors_client.get("/v1/actors", headers={"Origin": NEWSROOM})
    assert simple.headers["access-control-allow-origin"] == NEWSROOM
    preflight = await cors_client.options("/v1/articles", headers={"Origin": NEWSROOM, **PREFLIGHT})
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == NEWSROOM
    assert "POST" in preflight.headers["access-control-allow-methods"]
    allowed = {h.strip() for h in preflight.headers["access-control-allow-headers"].lower().split(",")}
    assert {"authorization", "content-type", "idempotency-key"} <= allowed


@pytest.mark.parametrize("origin", ["https://evil.example", f"{NEWSROOM}.evil.example", "null"])
async def test_cors_refuses_other_origins(cors_client: AsyncTestClient, origin: str) -> None:
    simple = await cors_client.get("/v1/actors", headers={"Origin": origin})
    assert "access-control-allow-origin" not in simple.headers
    preflight = await cors_client.options("/v1/articles", headers={"Origin": origin, **PREFLIGHT})
    assert "access-control-allow-origin" not in preflight.headers


# --- headers every response carries ------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/health", "/v1/articles?limit=0", "/v1/<script>", "/docs/openapi.json"])
async def test_every_response_says_nosniff(client: AsyncTestClient, path: str) -> None:
    response = await client.get(path)
    assert response.headers["x-content-type-options"] == "nosniff"
