"""Dependencies the controllers ask for by name; all state comes from the app lifespan."""

from __future__ import annotations

import asyncpg
from litestar.datastructures import State
from litestar.di import NamedDependency

from service.errors import InvalidInput
from service.extraction import Extractor
from service.settings import Settings

# What handlers annotate their injected parameters with (Litestar 3 needs them marked).
Conn = NamedDependency[asyncpg.Connection]
ExtractorDep = NamedDependency[Extractor]
SettingsDep = NamedDependency[Settings]


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
