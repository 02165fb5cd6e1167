"""Every bad input gets its 4xx as RFC 9457 problem details, and nothing is written."""

from __future__ import annotations

import base64
import uuid

import asyncpg
import httpx
import pytest
from litestar.testing import AsyncTestClient

from service.api.schemas import EXAMPLE_TEXT
from service.errors import DomainError, InvalidInput, problem_for

OK = {"text": EXAMPLE_TEXT}
JUNK_CURSOR = base64.urlsafe_b64encode(b'["2024-01-01"]').decode()
BAD_DATE_CURSOR = base64.urlsafe_b64encode(f'["soon", "{uuid.uuid4()}"]'.encode()).decode()

# (what is wrong, body as bytes or JSON, expected status); settings: 5,000 chars / 50,000 bytes.
BAD_BODIES: list[tuple[str, bytes | object, int]] = [
    ("not JSON", b"this is not json", 400),
    ("truncated JSON", b'{"text": "abc', 400),
    ("empty body", b"", 400),
    ("lone UTF-16 surrogate", b'{"text": "\\ud800"}', 400),
    ("not UTF-8", '{"text": "نص"}'.encode("utf-16"), 400),
    ("empty text", {"text": ""}, 422),
    ("whitespace-only text", {"text": " \n\t\u00a0 "}, 422),
    ("text missing", {"title": "عنوان"}, 422),
    ("text not a string", {"text": 5}, 422),
    ("body not an object", ["نص"], 422),
    ("title not a string", {"text": "نص", "title": 7}, 422),
    ("published_at not a string", {"text": "نص", "published_at": 20240101}, 422),
    ("published_at unparseable", {"text": "نص", "published_at": "yesterday"}, 422),
    ("published_at impossible date", {"text": "نص", "published_at": "2024-13-45"}, 422),
    ("published_at bad timestamp", {"text": "نص", "published_at": "2024-01-07T25:00:00Z"}, 422),
    ("NUL in text", {"text": "نص\u0000نص"}, 422),
    ("text over MAX_TEXT_CHARS", {"text": "ن" * 5_001}, 413),
    ("body over MAX_BODY_BYTES", {"text": "n" * 60_000}, 413),
]

BAD_REQUESTS: list[tuple[str, str, str, int]] = [
    ("malformed article id", "GET", "/v1/articles/not-a-uuid", 404),
    ("unknown article id", "GET", f"/v1/articles/{uuid.uuid4()}", 404),
    ("delete malformed id", "DELETE", "/v1/articles/123", 404),
    ("delete unknown id", "DELETE", f"/v1/articles/{uuid.uuid4()}", 404),
    ("malformed incident id", "GET", "/v1/incidents/xyz", 404),
    ("unknown incident id", "GET", f"/v1/incidents/{uuid.uuid4()}", 404),
    ("cursor not base64 JSON", "GET", "/v1/articles?cursor=%%%", 400),
    ("cursor of the wrong shape", "GET", f"/v1/incidents?cursor={JUNK_CURSOR}", 400),
    ("cursor with a bad date", "GET", f"/v1/incidents?cursor={BAD_DATE_CURSOR}", 400),
    ("article cursor with a bad date", "GET", f"/v1/articles?cursor={BAD_DATE_CURSOR}", 400),
    ("limit zero", "GET", "/v1/incidents?limit=0", 422),
    ("limit over the maximum", "GET", "/v1/articles?limit=100000", 422),
    ("limit not a number", "GET", "/v1/incidents?limit=ten", 422),
    ("date_from not a date", "GET", "/v1/incidents?date_from=last-week", 422),
    ("date_from after date_to", "GET", "/v1/incidents?date_from=2024-02-01&date_to=2024-01-01", 422),
    ("min_killed negative", "GET", "/v1/incidents?min_killed=-1", 422),
    ("unknown sub_event_type", "GET", "/v1/incidents?sub_event_type=bombing", 422),
    ("article_id not a uuid", "GET", "/v1/incidents?article_id=abc", 422),
    ("unknown route", "GET", "/v1/nothing-here", 404),
    ("wrong method", "PUT", "/v1/articles", 405),
]


def assert_problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= set(problem)
    assert problem["status"] == status and problem["detail"]
    assert "Traceback" not in response.text
    return problem


async def count_articles(pool: asyncpg.Pool) -> int:
    return await pool.fetchval("SELECT count(*) FROM articles")


@pytest.mark.parametrize("path", ["/v1/articles", "/v1/extract"])
@pytest.mark.parametrize(("case", "body", "status"), BAD_BODIES, ids=[c for c, _, _ in BAD_BODIES])
async def test_bad_body(
    client: AsyncTestClient, pool: asyncpg.Pool, path: str, case: str, body: object, status: int
) -> None:
    before = await count_articles(pool)
    if isinstance(body, bytes):
        response = await client.post(path, content=body, headers={"content-type": "application/json"})
    else:
        response = await client.post(path, json=body)
    problem = assert_problem(response, status)
    if status == 422 and path == "/v1/articles":
        assert problem["errors"] and all({"field", "message"} <= set(e) for e in problem["errors"])
    assert await count_articles(pool) == before  # nothing half-written


@pytest.mark.parametrize(("case", "method", "url", "status"), BAD_REQUESTS, ids=[c for c, *_ in BAD_REQUESTS])
async def test_bad_request(client: AsyncTestClient, case: str, method: str, url: str, status: int) -> None:
    assert_problem(await client.request(method, url), status)


async def test_idempotency_key_too_long(client: AsyncTestClient) -> None:
    response = await client.post("/v1/articles", json=OK, headers={"Idempotency-Key": "k" * 300})
    assert_problem(response, 422)


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (InvalidInput.field("text", "empty"), 422),
        (DomainError("generic"), 400),
        (RuntimeError("secret internals"), 500),
        (ConnectionRefusedError(), 503),
        (asyncpg.ConnectionDoesNotExistError("gone"), 503),
        (TimeoutError(), 503),
    ],
)
def test_mapper(error: Exception, status: int) -> None:
    problem = problem_for(error)
    assert problem.status == status
    assert "secret" not in problem.detail
