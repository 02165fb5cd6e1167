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


# Field limits: generous for real articles, and stated in the spec so clients know them up front.
MAX_TITLE_CHARS = 1_000
MAX_SOURCE_NAME_CHARS = 200
MAX_URL_CHARS = 2_048
LANGUAGE_TAG = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"


class ArticleIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=False):
    """An article to extract from (and, for POST /v1/articles, to store)."""

    text: Annotated[
        str,
        msgspec.Meta(
            description="The article text, as published; stored exactly as sent. At most MAX_TEXT_CHARS "
            "characters (default 100,000; longer text is refused with 413) and no NUL characters."
        ),
    ]
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
    title: Annotated[str, msgspec.Meta(max_length=MAX_TITLE_CHARS)] | None = None
    source_name: Annotated[str, msgspec.Meta(max_length=MAX_SOURCE_NAME_CHARS)] | None = None
    url: Annotated[str, msgspec.Meta(max_length=MAX_URL_CHARS)] | None = None
    language: Annotated[
        str, msgspec.Meta(pattern=LANGUAGE_TAG, max_length=35, description="BCP 47 language tag of the text.")
    ] = "ar"


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
