"""POST/GET/DELETE /v1/articles, POST /v1/extract, idempotency, cascade and pagination."""

from __future__ import annotations

import asyncio
import pathlib
import uuid

import msgspec
import pytest
from litestar.testing import AsyncTestClient

from service.api.schemas import EXAMPLE_ARTICLE
from service.app import create_app
from service.extraction.pipeline import default_extractor
from service.ingest import INLINE_EXTRACTION_MAX_CHARS
from service.settings import Settings
from tests.fakes import FakeExtractor

SEEDS = pathlib.Path(__file__).resolve().parents[2] / "seeds"
ARTICLE_FIELDS = {"id", "title", "url", "source_name", "published_at", "language", "received_at",
                  "extractor_version", "extraction_status", "content_hash", "text", "incidents"}  # fmt: skip


def article(marker: str | None = None, **changes: object) -> dict:
    """The example article made unique by ``marker`` (so tests do not see each other's rows)."""
    body = dict(EXAMPLE_ARTICLE, text=f"{EXAMPLE_ARTICLE['text']} {marker or uuid.uuid4().hex}")
    return {**body, **changes}


def without_ids(incident: dict) -> dict:
    """A stored incident as POST /v1/extract would return it."""
    return {k: v for k, v in incident.items() if k not in ("id", "article_id")}


async def test_post_article_stores_it_with_location(client: AsyncTestClient) -> None:
    body = article()
    created = await client.post("/v1/articles", json=body)
    assert created.status_code == 201
    stored = created.json()
    assert set(stored) == ARTICLE_FIELDS
    assert stored["text"] == body["text"] and stored["published_at"] == "2024-01-07"
    assert stored["extraction_status"] == "extracted"
    assert created.headers["location"] == f"/v1/articles/{stored['id']}"
    fetched = await client.get(created.headers["location"])
    assert fetched.status_code == 200 and fetched.json() == stored


async def test_text_is_stored_exactly_as_submitted(client: AsyncTestClient) -> None:
    text = "  \u200fسطر أول\r\n\tسطر ثانٍ ـــ ٣ قتلى  \n"
    stored = (await client.post("/v1/articles", json={"text": text})).json()
    assert (await client.get(f"/v1/articles/{stored['id']}")).json()["text"] == text


async def test_stored_incidents_equal_what_extract_returns(client: AsyncTestClient) -> None:
    body = article()
    extracted = (await client.post("/v1/extract", json=body)).json()
    stored = (await client.post("/v1/articles", json=body)).json()
    assert [without_ids(i) for i in stored["incidents"]] == extracted["incidents"]
    assert stored["extractor_version"] == extracted["extractor_version"]
    assert all(i["article_id"] == stored["id"] and uuid.UUID(i["id"]) for i in stored["incidents"])


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
async def test_the_201_answer_is_what_is_stored(client: AsyncTestClient, seed: pathlib.Path) -> None:
    """POST answers from what it sent and the ids the insert returned, without reading back;
    the stored rows must say the same, field for field and in the same order."""
    body = {"text": f"{seed.read_text(encoding='utf-8')}\n{uuid.uuid4()}", "published_at": "2025-03-02"}
    created = (await client.post("/v1/articles", json=body)).json()
    assert created["incidents"], "a seed article reports at least one incident"
    assert (await client.get(f"/v1/articles/{created['id']}")).json() == created
    listed = await client.get("/v1/incidents", params={"article_id": created["id"], "limit": 200})
    by_id = {i["id"]: i for i in listed.json()["items"]}
    assert [by_id[i["id"]] for i in created["incidents"]] == created["incidents"]


async def test_a_long_article_is_extracted_in_a_thread_all_the_same(settings: Settings) -> None:
    """Texts over INLINE_EXTRACTION_MAX_CHARS take the thread path; the result must not differ."""
    seed = (SEEDS / "000_da51308265610473.txt").read_text(encoding="utf-8")
    text = "\n".join([seed] * (INLINE_EXTRACTION_MAX_CHARS // len(seed) + 1) + [str(uuid.uuid4())])
    assert len(text) > INLINE_EXTRACTION_MAX_CHARS
    roomy = msgspec.structs.replace(settings, max_text_chars=100_000, max_body_bytes=400_000)
    async with AsyncTestClient(app=create_app(roomy)) as client:
        response = await client.post("/v1/articles", json={"text": text, "published_at": "2025-03-02"})
    assert response.status_code == 201, response.text
    created = response.json()
    expected = msgspec.to_builtins(default_extractor().extract(text, "2025-03-02"))
    assert [without_ids(i) for i in created["incidents"]] == expected and expected


async def test_extract_stores_nothing(client: AsyncTestClient) -> None:
    body = article()
    response = await client.post("/v1/extract", json=body)
    assert response.status_code == 200
    assert set(response.json()) == {"incidents", "extractor_version"}
    listed = (await client.get("/v1/articles", params={"limit": 200})).json()["items"]
    assert body["title"] not in [a["title"] for a in listed if a["content_hash"] == ""]  # nothing new


async def test_fake_extractor_incidents_round_trip(fake_client: AsyncTestClient) -> None:
    body = article()
    stored = (await fake_client.post("/v1/articles", json=body)).json()
    expected = msgspec.to_builtins(FakeExtractor().extract(body["text"]))
    assert [
        {k: v for k, v in i.items() if k not in ("id", "article_id")} for i in stored["incidents"]
    ] == expected
    one = stored["incidents"][0]
    assert (await fake_client.get(f"/v1/incidents/{one['id']}")).json() == one


async def test_same_text_and_url_returns_the_stored_article(client: AsyncTestClient) -> None:
    body = article()
    first = await client.post("/v1/articles", json=body)
    again = await client.post("/v1/articles", json=dict(body, title="عنوان آخر"))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    other_url = await client.post("/v1/articles", json=dict(body, url="https://example.org/other"))
    assert other_url.status_code == 201 and other_url.json()["id"] != first.json()["id"]


async def test_idempotency_key(client: AsyncTestClient) -> None:
    key = {"Idempotency-Key": uuid.uuid4().hex}
    body = article()
    first = await client.post("/v1/articles", json=body, headers=key)
    again = await client.post("/v1/articles", json=body, headers=key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    conflict = await client.post("/v1/articles", json=article(), headers=key)
    assert conflict.status_code == 409
    assert conflict.headers["content-type"].startswith("application/problem+json")


async def test_delete_takes_the_incidents_with_it(fake_client: AsyncTestClient) -> None:
    stored = (await fake_client.post("/v1/articles", json=article())).json()
    incident_ids = [i["id"] for i in stored["incidents"]]
    assert incident_ids
    assert (await fake_client.delete(f"/v1/articles/{stored['id']}")).status_code == 204
    assert (await fake_client.get(f"/v1/articles/{stored['id']}")).status_code == 404
    for incident_id in incident_ids:
        assert (await fake_client.get(f"/v1/incidents/{incident_id}")).status_code == 404
    assert (await fake_client.delete(f"/v1/articles/{stored['id']}")).status_code == 404


async def test_articles_pages_cover_everything_once_newest_first(client: AsyncTestClient) -> None:
    for _ in range(5):
        await client.post("/v1/articles", json=article())
    seen: list[dict] = []
    cursor = None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = (await client.get("/v1/articles", params=params)).json()
        assert len(page["items"]) <= 2
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    everything = (await client.get("/v1/articles", params={"limit": 200})).json()["items"]
    assert [a["id"] for a in seen] == [a["id"] for a in everything]
    assert len({a["id"] for a in seen}) == len(seen) >= 5
    keys = [(a["received_at"], a["id"]) for a in seen]
    assert keys == sorted(keys, reverse=True)
    assert all("text" not in a and isinstance(a["incident_count"], int) for a in seen)


async def test_concurrent_duplicates_store_one_article(client: AsyncTestClient) -> None:
    body = article()
    responses = await asyncio.gather(*(client.post("/v1/articles", json=body) for _ in range(4)))
    assert sorted(r.status_code for r in responses).count(201) == 1
    assert {r.status_code for r in responses} <= {200, 201}
    assert len({r.json()["id"] for r in responses}) == 1
