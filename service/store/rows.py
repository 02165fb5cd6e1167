"""The one place database rows become Structs and Structs become query arguments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import msgspec

from service.extraction.model import Actor, Casualties, Count, DateSpan, Evidence, Incident, Location
from service.store.records import ArticleKeys, ArticleSummary, NewArticle, StoredArticle, StoredIncident

Row = Mapping[str, Any]

_actors = msgspec.json.Decoder(list[Actor])
_evidence = msgspec.json.Decoder(list[Evidence])
_location = msgspec.json.Decoder(Location)


def _json(value: object) -> str:
    # asyncpg takes and returns jsonb as text unless a codec is registered; msgspec does the work.
    return msgspec.json.encode(value).decode()


def _count(low: int | None, high: int | None) -> Count | None:
    return None if low is None or high is None else Count(min=low, max=high)


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def incident_from_row(row: Row) -> StoredIncident:
    return StoredIncident(
        id=row["id"],
        article_id=row["article_id"],
        primary=row["is_primary"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        weapons=list(row["weapons"]),
        date=DateSpan(
            start=_iso(row["date_start"]), end=_iso(row["date_end"]), precision=row["date_precision"]
        ),
        location=_location.decode(row["location"]),
        perpetrators=_actors.decode(row["perpetrators"]),
        targets=_actors.decode(row["targets"]),
        claimed_by=_actors.decode(row["claimed_by"]),
        blamed=_actors.decode(row["blamed"]),
        casualties=Casualties(
            killed=_count(row["killed_min"], row["killed_max"]),
            injured=_count(row["injured_min"], row["injured_max"]),
        ),
        sources_cited=list(row["sources_cited"]),
        evidence=_evidence.decode(row["evidence"]),
        confidence=row["confidence"],
    )


def incident_args(article_id: Any, ordinal: int, incident: Incident) -> tuple[Any, ...]:
    """Arguments of insert_incident.sql, in its order."""
    killed, injured = incident.casualties.killed, incident.casualties.injured
    return (
        article_id,
        ordinal,
        incident.primary,
        incident.event_type,
        incident.sub_event_type,
        list(incident.weapons),
        _date(incident.date.start),
        _date(incident.date.end),
        incident.date.precision,
        _json(incident.location),
        _json(incident.perpetrators),
        _json(incident.targets),
        _json(incident.claimed_by),
        _json(incident.blamed),
        [actor.id for actor in incident.perpetrators],
        [actor.id for actor in incident.targets],
        killed.min if killed else None,
        killed.max if killed else None,
        injured.min if injured else None,
        injured.max if injured else None,
        list(incident.sources_cited),
        _json(incident.evidence),
        incident.confidence,
    )


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def article_args(article: NewArticle) -> tuple[Any, ...]:
    """Arguments of insert_article.sql, in its order."""
    a = article
    return (a.text, a.title, a.url, a.source_name, a.published_at, a.language,
            a.content_hash, a.request_hash, a.extractor_version, a.idempotency_key)  # fmt: skip


def article_from_row(row: Row, incidents: list[StoredIncident]) -> StoredArticle:
    return StoredArticle(**dict(row), incidents=incidents)


def summary_from_row(row: Row) -> ArticleSummary:
    return ArticleSummary(**dict(row))


def keys_from_row(row: Row) -> ArticleKeys:
    return ArticleKeys(id=row["id"], request_hash=row["request_hash"], content_hash=row["content_hash"])
