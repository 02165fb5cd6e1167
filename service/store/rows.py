"""The one place database rows become Structs and Structs become query arguments."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from service.extraction.model import Actor, Casualties, Count, DateSpan, Evidence, Incident, Location
from service.store.records import (
    ArticleKeys,
    ArticleSummary,
    ExtractionStatus,
    NewArticle,
    StoredArticle,
    StoredIncident,
)

Row = Mapping[str, Any]

_actors = msgspec.json.Decoder(list[Actor])
_evidence = msgspec.json.Decoder(list[Evidence])
_location = msgspec.json.Decoder(Location)


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


class IncidentRow(msgspec.Struct, kw_only=True):
    """One element of create_article.sql's incident array: a row of ``incidents`` as JSON."""

    ordinal: int
    is_primary: bool
    event_type: str
    sub_event_type: str
    weapons: list[str]
    date_start: str | None
    date_end: str | None
    date_precision: str
    location: Location
    perpetrators: list[Actor]
    targets: list[Actor]
    claimed_by: list[Actor]
    blamed: list[Actor]
    perpetrator_ids: list[str]
    target_ids: list[str]
    killed_min: int | None
    killed_max: int | None
    injured_min: int | None
    injured_max: int | None
    sources_cited: list[str]
    evidence: list[Evidence]
    confidence: float


def incident_rows(incidents: list[Incident]) -> str:
    """The incidents as create_article.sql's $11, in the extractor's order."""
    return msgspec.json.encode([_incident_row(ordinal, i) for ordinal, i in enumerate(incidents)]).decode()


def _incident_row(ordinal: int, incident: Incident) -> IncidentRow:
    killed, injured = incident.casualties.killed, incident.casualties.injured
    return IncidentRow(
        ordinal=ordinal,
        is_primary=incident.primary,
        event_type=incident.event_type,
        sub_event_type=incident.sub_event_type,
        weapons=list(incident.weapons),
        date_start=incident.date.start,
        date_end=incident.date.end,
        date_precision=incident.date.precision,
        location=incident.location,
        perpetrators=incident.perpetrators,
        targets=incident.targets,
        claimed_by=incident.claimed_by,
        blamed=incident.blamed,
        perpetrator_ids=[actor.id for actor in incident.perpetrators],
        target_ids=[actor.id for actor in incident.targets],
        killed_min=killed.min if killed else None,
        killed_max=killed.max if killed else None,
        injured_min=injured.min if injured else None,
        injured_max=injured.max if injured else None,
        sources_cited=list(incident.sources_cited),
        evidence=incident.evidence,
        confidence=incident.confidence,
    )


def article_args(article: NewArticle) -> tuple[Any, ...]:
    """Arguments of insert_article.sql, in its order."""
    a = article
    return (a.text, a.title, a.url, a.source_name, a.published_at, a.language,
            a.content_hash, a.request_hash, a.extractor_version, a.idempotency_key)  # fmt: skip


def article_from_row(row: Row, incidents: list[StoredIncident]) -> StoredArticle:
    return StoredArticle(**dict(row), incidents=incidents)


def created_article(article: NewArticle, incidents: list[Incident], row: Row) -> StoredArticle:
    """What create_article.sql stored, from what was sent and the id, time and incident ids it
    returned: the same as reading it back, without the reads."""
    article_id = row["id"]
    stored = [
        StoredIncident(**msgspec.structs.asdict(incident), id=incident_id, article_id=article_id)
        for incident, incident_id in zip(incidents, row["incident_ids"], strict=True)
    ]
    return _stored_article(article, row, "extracted", stored)


def accepted_article(article: NewArticle, row: Row) -> StoredArticle:
    """What accept_article.sql stored: the article, pending, with no incidents yet."""
    return _stored_article(article, row, "pending", [])


def _stored_article(
    article: NewArticle, row: Row, status: ExtractionStatus, incidents: list[StoredIncident]
) -> StoredArticle:
    return StoredArticle(
        id=row["id"],
        title=article.title,
        url=article.url,
        source_name=article.source_name,
        published_at=article.published_at,
        language=article.language,
        received_at=row["received_at"],
        extractor_version=article.extractor_version,
        extraction_status=status,
        content_hash=article.content_hash,
        text=article.text,
        incidents=incidents,
    )


def summary_from_row(row: Row) -> ArticleSummary:
    return ArticleSummary(**dict(row))


def keys_from_row(row: Row) -> ArticleKeys:
    return ArticleKeys(id=row["id"], request_hash=row["request_hash"], content_hash=row["content_hash"])
