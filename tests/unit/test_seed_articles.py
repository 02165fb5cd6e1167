"""End to end on the seed articles: the main incident of each, as a human coder reads it."""

from __future__ import annotations

import pathlib
import tomllib

import pytest

from service.extraction import Extractor
from service.extraction.model import Incident

SEEDS = pathlib.Path(__file__).resolve().parents[2] / "seeds"
PUBLISHED = tomllib.loads((SEEDS / "seeds.toml").read_text(encoding="utf-8"))["published_at"]
EXTRACTOR = Extractor.load()


def incidents_of(prefix: str) -> tuple[str, list[Incident]]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return text, EXTRACTOR.extract(text, PUBLISHED[path.name])


def primary(incidents: list[Incident]) -> Incident:
    (main,) = [i for i in incidents if i.primary]
    return main


@pytest.mark.parametrize(
    ("seed", "sub_event_type", "day", "country", "perpetrator"),
    [
        ("000", "air_drone_strike", "2023-12-26", "IQ", "us-forces"),
        ("001", "air_drone_strike", "2024-01-24", "IQ", "us-forces"),
        ("002", "air_drone_strike", "2024-02-02", "IQ", "us-forces"),
        ("003", "air_drone_strike", "2024-01-04", "IQ", "us-forces"),
        ("004", "shelling_artillery_missile_attack", "2023-12-08", "IQ", None),
    ],
)
def test_primary_incident(
    seed: str, sub_event_type: str, day: str, country: str, perpetrator: str | None
) -> None:
    _, incidents = incidents_of(seed)
    main = primary(incidents)
    assert main.sub_event_type == sub_event_type
    assert main.location.country == country
    assert main.date.start is not None and abs(int(main.date.start[-2:]) - int(day[-2:])) <= 1
    assert main.date.start[:7] == day[:7]
    if perpetrator:
        assert perpetrator in {a.id for a in main.perpetrators}


@pytest.mark.parametrize(
    ("seed", "killed", "injured"),
    # 003 reports "one official killed" and later "two killed": reports differ, so a range
    [("000", (1, 1), (18, 18)), ("003", (1, 2), (5, 5)), ("004", (0, 0), (0, 0))],
)
def test_primary_toll(seed: str, killed: tuple[int, int], injured: tuple[int, int]) -> None:
    main = primary(incidents_of(seed)[1])
    assert (
        main.casualties.killed is not None
        and (main.casualties.killed.min, main.casualties.killed.max) == killed
    )
    assert main.casualties.injured is not None
    assert (main.casualties.injured.min, main.casualties.injured.max) == injured


def test_two_places_the_same_night_are_two_incidents() -> None:
    _, incidents = incidents_of("001")
    admin1 = {i.location.admin1 for i in incidents}
    assert {"IQ-AN", "IQ-BB"} <= admin1


def test_background_incidents_are_reported() -> None:
    _, incidents = incidents_of("004")
    days = {i.date.start for i in incidents}
    assert "2023-12-06" in days and "2023-12-03" in days


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_every_field_has_evidence_in_the_text(seed: str) -> None:
    text, incidents = incidents_of(seed)
    assert incidents
    for incident in incidents:
        fields = {e.field for e in incident.evidence}
        assert "sub_event_type" in fields
        for ev in incident.evidence:
            assert text[ev.start : ev.end] == ev.text
