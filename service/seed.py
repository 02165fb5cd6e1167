"""Load the seed articles in ``seeds/`` through the same path as POST /v1/articles."""

from __future__ import annotations

import contextlib
import datetime as dt
import tomllib
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg

from service.api.schemas import ArticleIn
from service.extraction import Extractor
from service.ingest import Ingested, ingest_article
from service.paths import project_dir


def seed_articles(seeds_dir: Path | None = None) -> list[tuple[str, ArticleIn]]:
    """(file name, article) for every file listed in ``seeds.toml``, in name order."""
    seeds_dir = seeds_dir or project_dir("seeds")
    listing = tomllib.loads((seeds_dir / "seeds.toml").read_text(encoding="utf-8"))
    dates: dict[str, dt.date] = listing["published_at"]
    return [
        (name, ArticleIn(text=(seeds_dir / name).read_text(encoding="utf-8"), published_at=day.isoformat()))
        for name, day in sorted(dates.items())
    ]


async def load_seeds(
    conn: asyncpg.Connection, extractor: Extractor, max_text_chars: int, seeds_dir: Path | None = None
) -> list[tuple[str, Ingested]]:
    """Store each seed article unless it is already stored."""

    @contextlib.asynccontextmanager
    async def connect() -> AsyncIterator[asyncpg.Connection]:
        yield conn

    return [
        (name, await ingest_article(connect, extractor, article, None, max_text_chars))
        for name, article in seed_articles(seeds_dir)
    ]
