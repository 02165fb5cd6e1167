"""Dependencies the controllers ask for by name; all state comes from the app lifespan."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.params import Parameter

from service.db import Database
from service.extraction import Extractor
from service.ingest import Ingestor
from service.settings import Settings

# What handlers annotate their injected parameters with (Litestar 3 needs them marked). A handler
# takes at most one: Litestar resolves sibling dependencies concurrently, in a task group per
# request (about 60 µs). Settings, where a handler needs them beside one, come from ``state``.
Db = NamedDependency[Database]
ExtractorDep = NamedDependency[Extractor]
IngestorDep = NamedDependency[Ingestor]


def provide_extractor(state: State) -> Extractor:
    return state.extractor


def provide_ingestor(state: State) -> Ingestor:
    return state.ingestor


MAX_PAGE_SIZE = 200
MAX_CURSOR_CHARS = 200
MAX_REPEATS = 50
"""Most values one repeatable filter (``country=..&country=..``) may take."""

T = TypeVar("T")
Repeated = list[T] | None
"""A repeatable query parameter (``country=IQ&country=SY``); declare it with ``repeatable()``."""


def repeatable(description: str, pattern: str | None = None) -> Any:
    """The Parameter of a repeatable filter: at most MAX_REPEATS values, each matching ``pattern``
    (enforced by the item type; repeated here because the spec generator drops item constraints)."""
    items = {"items": {"type": "string", "pattern": pattern}} if pattern else None
    return Parameter(
        max_items=MAX_REPEATS,
        description=f"{description} Repeatable, up to {MAX_REPEATS} times.",
        schema_extra=items,
    )


PageLimit = Annotated[
    int | None,
    Parameter(
        ge=1, le=MAX_PAGE_SIZE, description=f"Page size (default DEFAULT_PAGE_SIZE, 50; max {MAX_PAGE_SIZE})."
    ),
]
Cursor = Annotated[
    str | None,
    Parameter(max_length=MAX_CURSOR_CHARS, description="`next_cursor` of the previous page."),
]


def page_size(limit: int | None, settings: Settings) -> int:
    """``limit`` if given (the parameter's bounds are checked before the handler runs), else the default."""
    return min(settings.default_page_size, MAX_PAGE_SIZE) if limit is None else limit
