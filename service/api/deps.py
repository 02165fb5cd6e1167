"""Dependencies the controllers ask for by name; all state comes from the app lifespan."""

from __future__ import annotations

from litestar.datastructures import State

from service.errors import InvalidInput
from service.extraction import Extractor
from service.settings import Settings


def provide_extractor(state: State) -> Extractor:
    return state.extractor


def provide_settings(state: State) -> Settings:
    return state.settings


def page_size(limit: int | None, settings: Settings) -> int:
    """``limit`` if given and allowed, else the default page size."""
    if limit is None:
        return settings.default_page_size
    if not 1 <= limit <= settings.max_page_size:
        raise InvalidInput.field("limit", f"must be between 1 and {settings.max_page_size}")
    return limit
