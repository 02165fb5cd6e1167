"""Request and response bodies of the HTTP API (msgspec Structs)."""

from __future__ import annotations

from typing import Annotated

import msgspec

from service.extraction.model import Actor, Incident
from service.store.records import ArticleSummary, StoredArticle, StoredIncident

EXAMPLE_TEXT = (
    "بغداد - قالت الشرطة العراقية يوم الأحد إن هجوماً بطائرة مسيّرة استهدف مستودعاً قرب مدينة "
    "الرمادي في محافظة الأنبار، ما أسفر عن مقتل شخصين وإصابة ثلاثة آخرين، بحسب وكالة رويترز."
)
EXAMPLE_ARTICLE = {
    "text": EXAMPLE_TEXT,
    "published_at": "2024-01-07",
    "title": "هجوم بطائرة مسيّرة قرب الرمادي",
    "source_name": "مثال",
    "url": "https://example.org/ar/news/ramadi-drone",
}


class ArticleIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=False):
    """An article to extract from (and, for POST /v1/articles, to store)."""

    text: Annotated[str, msgspec.Meta(description="The article text, as published; stored exactly as sent.")]
    published_at: (
        Annotated[
            str,
            msgspec.Meta(
                description="Publication date, `YYYY-MM-DD` or RFC 3339; anchors relative dates "
                '("أمس"). Stored as the calendar date in the timestamp\'s own offset.',
                examples=["2024-01-07", "2024-01-07T09:30:00+03:00"],
            ),
        ]
        | None
    ) = None
    title: str | None = None
    source_name: str | None = None
    url: str | None = None
    language: Annotated[str, msgspec.Meta(description="ISO 639-1 language of the text.")] = "ar"


class ExtractResult(msgspec.Struct, kw_only=True):
    """What POST /v1/extract returns: the incidents, nothing stored."""

    incidents: list[Incident]
    extractor_version: str


class ArticlePage(msgspec.Struct, kw_only=True):
    """One page of articles, newest first; pass ``next_cursor`` as ``cursor`` for the next."""

    items: list[ArticleSummary]
    next_cursor: str | None


class IncidentPage(msgspec.Struct, kw_only=True):
    """One page of incidents, latest date first; pass ``next_cursor`` as ``cursor`` for the next."""

    items: list[StoredIncident]
    next_cursor: str | None


class Health(msgspec.Struct):
    status: str


__all__ = [
    "EXAMPLE_ARTICLE",
    "Actor",
    "ArticleIn",
    "ArticlePage",
    "ArticleSummary",
    "ExtractResult",
    "Health",
    "IncidentPage",
    "StoredArticle",
    "StoredIncident",
]
