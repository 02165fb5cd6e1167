"""GET /v1/incidents/{id} and GET /v1/incidents: every filter and keyset pagination.

Rows are arranged through the store layer, so these tests do not depend on the extractor.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

import asyncpg
import pytest
from litestar.testing import AsyncTestClient

from service.extraction.model import Actor, DateSpan, Incident, Location
from service.ingest import content_hash
from service.store.articles import create_article
from service.store.records import NewArticle
from tests.fakes import KH, US, make_incident

HOUTHIS = Actor(id="houthis", name="Ansar Allah (the Houthis)", name_ar="الحوثيون")


async def store_article(pool: asyncpg.Pool, incidents: list[Incident]) -> uuid.UUID:
    text = f"نص تجريبي {uuid.uuid4()}"
    new = NewArticle(
        text=text, title=None, url=None, source_name=None, published_at=None, language="ar",
        content_hash=content_hash(text, None), request_hash="test", extractor_version="test",
        idempotency_key=None,
    )  # fmt: skip
    async with pool.acquire() as conn:
        stored = await create_article(conn, new, incidents)
    assert stored is not None
    return stored.id


def day(start: str | None, end: str | None = None) -> DateSpan:
    return DateSpan(start=start, end=end or start, precision="day" if start else "unknown")


ARRANGED = [
    make_incident(date=day("2024-01-05"), killed=(1, 1)),
    make_incident(date=day("2024-01-20", "2024-01-22"), killed=(5, 9), perpetrators=[KH], targets=[US]),
    make_incident(
        date=day("2023-12-30"),
        killed=(12, 20),
        sub_event_type="armed_clash",
        location=Location(country="YE", admin1="YE-HD", precision="admin1"),
        perpetrators=[HOUTHIS],
        targets=[],
    ),
    make_incident(date=day(None), killed=None, location=Location(country="SY", precision="country")),
    make_incident(date=day("2024-02-01"), killed=(0, 0), location=Location(country="IQ", admin1="IQ-BG")),
]


@pytest.fixture(scope="module")
async def arranged(pool: asyncpg.Pool) -> uuid.UUID:
    """One article holding the five incidents above."""
    return await store_article(pool, ARRANGED)


async def all_pages(client: AsyncTestClient, params: dict) -> list[dict]:
    items: list[dict] = []
    cursor = None
    while True:
        response = await client.get("/v1/incidents", params=params | ({"cursor": cursor} if cursor else {}))
        assert response.status_code == 200, response.text
        page = response.json()
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items


def killed_min(i: dict) -> int | None:
    return i["casualties"]["killed"]["min"] if i["casualties"]["killed"] else None


def starts(i: dict) -> str | None:
    return i["date"]["start"]


def ends(i: dict) -> str | None:
    return i["date"]["end"] or i["date"]["start"]


def actor_ids(i: dict) -> set[str]:
    return {a["id"] for a in i["perpetrators"] + i["targets"]}


FILTERS: list[tuple[dict, Callable[[dict], bool]]] = [
    ({"date_from": "2024-01-21"}, lambda i: ends(i) is not None and ends(i) >= "2024-01-21"),
    ({"date_to": "2024-01-05"}, lambda i: starts(i) is not None and starts(i) <= "2024-01-05"),
    ({"date_from": "2024-01-01", "date_to": "2024-01-31"},
     lambda i: starts(i) is not None and ends(i) >= "2024-01-01" and starts(i) <= "2024-01-31"),
    ({"country": "YE"}, lambda i: i["location"]["country"] == "YE"),
    ({"country": ["YE", "SY"]}, lambda i: i["location"]["country"] in ("YE", "SY")),
    ({"admin1": "IQ-BG"}, lambda i: i["location"]["admin1"] == "IQ-BG"),
    ({"sub_event_type": "armed_clash"}, lambda i: i["sub_event_type"] == "armed_clash"),
    ({"actor": "houthis"}, lambda i: "houthis" in actor_ids(i)),
    ({"actor": "us-forces"}, lambda i: "us-forces" in actor_ids(i)),
    ({"min_killed": 5}, lambda i: killed_min(i) is not None and killed_min(i) >= 5),
    ({"min_killed": 0}, lambda i: killed_min(i) is not None),
]  # fmt: skip


@pytest.mark.parametrize(("params", "matches"), FILTERS, ids=[str(p) for p, _ in FILTERS])
async def test_filter_returns_exactly_the_matching_rows(
    client: AsyncTestClient, arranged: uuid.UUID, params: dict, matches: Callable[[dict], bool]
) -> None:
    everything = await all_pages(client, {"limit": 200})
    found = await all_pages(client, params | {"limit": 200})
    assert all(matches(i) for i in found)
    assert {i["id"] for i in found} == {i["id"] for i in everything if matches(i)}
    ours = [i for i in found if i["article_id"] == str(arranged)]
    assert ours, "the arranged rows include a match for every filter"


async def test_article_id_filter(client: AsyncTestClient, arranged: uuid.UUID) -> None:
    found = await all_pages(client, {"article_id": str(arranged)})
    assert len(found) == len(ARRANGED) and {i["article_id"] for i in found} == {str(arranged)}


async def test_pages_are_stable_and_complete(client: AsyncTestClient, pool: asyncpg.Pool) -> None:
    dates = ["2024-03-01", "2024-03-01", "2024-03-02", None, "2024-02-28", None, "2024-03-01"]
    article_id = await store_article(pool, [make_incident(date=day(d)) for d in dates])
    pages = []
    cursor = None
    while True:
        params = {"article_id": str(article_id), "limit": 3} | ({"cursor": cursor} if cursor else {})
        page = (await client.get("/v1/incidents", params=params)).json()
        pages.append(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert [len(p) for p in pages] == [3, 3, 1]
    items = [i for p in pages for i in p]
    assert len({i["id"] for i in items}) == len(dates)
    keys = [(i["date"]["start"] or "", i["id"]) for i in items]
    assert keys == sorted(keys, reverse=True)  # latest first, undated last, then id


async def test_get_incident_by_id(client: AsyncTestClient, arranged: uuid.UUID) -> None:
    listed = await all_pages(client, {"article_id": str(arranged)})
    for incident in listed:
        assert (await client.get(f"/v1/incidents/{incident['id']}")).json() == incident


async def test_unknown_incident_is_404(client: AsyncTestClient) -> None:
    response = await client.get(f"/v1/incidents/{uuid.uuid4()}")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
