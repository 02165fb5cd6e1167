"""The ordered extraction stages: normalize -> mentions -> assemble -> resolve."""

from __future__ import annotations

import datetime as dt
import functools

from service.extraction.model import Actor, Incident

EXTRACTOR_VERSION = "0.0.0-stub"


class Extractor:
    """Holds the loaded lexicons and gazetteer; ``extract`` is pure given them."""

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = actors

    @classmethod
    def load(cls) -> Extractor:
        return cls(actors=[])

    @property
    def version(self) -> str:
        return EXTRACTOR_VERSION

    def extract(self, text: str, published_at: dt.date | dt.datetime | str | None = None) -> list[Incident]:
        """Every incident the article reports (stub: none yet)."""
        return []


@functools.cache
def default_extractor() -> Extractor:
    return Extractor.load()


def extract(text: str, published_at: dt.date | dt.datetime | str | None = None) -> list[Incident]:
    """Extract incidents with the default, lazily loaded extractor."""
    return default_extractor().extract(text, published_at)
