"""A stand-in extractor with known output, and incident builders for tests."""

from __future__ import annotations

import datetime as dt
import hashlib

import msgspec

from service.extraction import Extractor
from service.extraction.model import Actor, Casualties, Count, DateSpan, Evidence, Incident, Location

US = Actor(id="us-forces", name="United States armed forces", name_ar="القوات الأمريكية")
KH = Actor(id="kataib-hezbollah", name="Kata'ib Hezbollah", name_ar="كتائب حزب الله")


RAMADI = Location(
    country="IQ",
    admin1="IQ-AN",
    name="Ramadi",
    name_ar="الرمادي",
    latitude=33.42,
    longitude=43.3,
    precision="locality",
)


def make_incident(**changes: object) -> Incident:
    """A fully populated incident; ``changes`` replace fields (``killed=(1, 2)`` sets casualties)."""
    killed = changes.pop("killed", (2, 2))
    base = Incident(
        primary=True,
        event_type="explosions_remote_violence",
        sub_event_type="air_drone_strike",
        weapons=["drone"],
        date=DateSpan(start="2024-01-07", end="2024-01-07", precision="day"),
        location=msgspec.structs.replace(RAMADI),  # a copy: Location is not frozen
        perpetrators=[US],
        targets=[KH],
        claimed_by=[],
        casualties=Casualties(killed=Count(*killed) if killed else None, injured=Count(min=3, max=3)),  # type: ignore[misc]
        sources_cited=["Reuters"],
        evidence=[Evidence(field="location", start=0, end=5, text="بغداد")],
        confidence=0.75,
        blamed=[],
    )
    return msgspec.structs.replace(base, **changes)


class FakeExtractor(Extractor):
    """Two incidents per article, whose day depends on the text (so articles differ)."""

    def __init__(self) -> None:
        # Nothing of the real extractor is loaded; only its public surface is overridden.
        pass

    @property
    def version(self) -> str:
        return "fake-1"

    @property
    def actors(self) -> list[Actor]:
        return [US, KH]

    def extract(self, text: str, published_at: dt.date | None = None) -> list[Incident]:
        day = dt.date(2024, 1, 1) + dt.timedelta(days=hashlib.sha256(text.encode()).digest()[0])
        start = day.isoformat()
        return [
            make_incident(date=DateSpan(start=start, end=start, precision="day")),
            make_incident(
                primary=False,
                sub_event_type="shelling_artillery_missile_attack",
                date=DateSpan(precision="unknown"),
                killed=None,
                targets=[],
            ),
        ]
