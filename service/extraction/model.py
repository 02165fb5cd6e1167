"""The Structs passed between extraction stages and returned to clients.

The output Structs (Incident and its parts) are the contract in
``shared/contract/README.md``: field names and meanings are fixed there.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

EventType = Literal[
    "battles",
    "explosions_remote_violence",
    "violence_against_civilians",
    "protests",
    "riots",
    "strategic_developments",
]

SubEventType = Literal[
    "armed_clash",
    "government_regains_territory",
    "non_state_actor_overtakes_territory",
    "chemical_weapon",
    "air_drone_strike",
    "suicide_bomb",
    "shelling_artillery_missile_attack",
    "remote_explosive_landmine_ied",
    "grenade",
    "sexual_violence",
    "attack",
    "abduction_forced_disappearance",
    "peaceful_protest",
    "protest_with_intervention",
    "excessive_force_against_protesters",
    "violent_demonstration",
    "mob_violence",
    "agreement",
    "arrests",
    "change_to_group_activity",
    "disrupted_weapons_use",
    "headquarters_or_base_established",
    "looting_property_destruction",
    "non_violent_transfer_of_territory",
    "other",
]

Weapon = Literal[
    "aircraft",
    "drone",
    "missile",
    "rocket",
    "artillery",
    "mortar",
    "ied",
    "car_bomb",
    "suicide_explosive",
    "small_arms",
    "grenade",
    "other",
]

DatePrecision = Literal["day", "range", "month", "year", "unknown"]
LocationPrecision = Literal["site", "locality", "admin2", "admin1", "country", "unknown"]

# Which ACLED event type each sub-event type belongs to (ACLED codebook).
EVENT_TYPE_OF: dict[str, str] = {
    "armed_clash": "battles",
    "government_regains_territory": "battles",
    "non_state_actor_overtakes_territory": "battles",
    "chemical_weapon": "explosions_remote_violence",
    "air_drone_strike": "explosions_remote_violence",
    "suicide_bomb": "explosions_remote_violence",
    "shelling_artillery_missile_attack": "explosions_remote_violence",
    "remote_explosive_landmine_ied": "explosions_remote_violence",
    "grenade": "explosions_remote_violence",
    "sexual_violence": "violence_against_civilians",
    "attack": "violence_against_civilians",
    "abduction_forced_disappearance": "violence_against_civilians",
    "peaceful_protest": "protests",
    "protest_with_intervention": "protests",
    "excessive_force_against_protesters": "protests",
    "violent_demonstration": "riots",
    "mob_violence": "riots",
    "agreement": "strategic_developments",
    "arrests": "strategic_developments",
    "change_to_group_activity": "strategic_developments",
    "disrupted_weapons_use": "strategic_developments",
    "headquarters_or_base_established": "strategic_developments",
    "looting_property_destruction": "strategic_developments",
    "non_violent_transfer_of_territory": "strategic_developments",
    "other": "strategic_developments",
}
# ACLED's demonstrations: protests and riots
PROTEST_SUB_EVENTS = frozenset(k for k, v in EVENT_TYPE_OF.items() if v in ("protests", "riots"))


# ---- output: the contract ------------------------------------------------------------


class Evidence(msgspec.Struct, frozen=True):
    """A span of the submitted text that supports one field."""

    field: str
    start: int
    end: int
    text: str


class Actor(msgspec.Struct, frozen=True):
    id: str
    name: str
    name_ar: str


class Count(msgspec.Struct, frozen=True):
    min: int
    max: int


class Casualties(msgspec.Struct):
    killed: Count | None = None
    injured: Count | None = None


class DateSpan(msgspec.Struct):
    start: str | None = None
    end: str | None = None
    precision: DatePrecision = "unknown"


class Location(msgspec.Struct):
    country: str | None = None
    admin1: str | None = None
    name: str | None = None
    name_ar: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: LocationPrecision = "unknown"


class Incident(msgspec.Struct):
    """One ACLED-style event: one location, one day, one type, one set of actors."""

    primary: bool
    event_type: EventType
    sub_event_type: SubEventType
    weapons: list[Weapon]
    date: DateSpan
    location: Location
    perpetrators: list[Actor]
    targets: list[Actor]
    claimed_by: list[Actor]
    casualties: Casualties
    sources_cited: list[str]
    evidence: list[Evidence]
    confidence: float
    blamed: list[Actor] = msgspec.field(default_factory=list)


# ---- internal: between stages ----------------------------------------------------------


class Doc(msgspec.Struct):
    """The text as submitted, its normalized form and the map between them.

    ``offsets[i]`` is the index in ``text`` of the character at ``norm[i]``;
    ``offsets`` has one extra entry, ``len(text)``, so a normalized span
    ``[a, b)`` maps back to ``text[offsets[a]:offsets[b - 1] + 1]``.
    """

    text: str
    norm: str
    offsets: list[int]
    published_at: dt.date | None = None


# ---- mentions: what the finders report (offsets into Doc.norm) -------------------------


class Trigger(msgspec.Struct, frozen=True):
    """An event word that survived the non-event filters (negation, future, figurative...)."""

    start: int
    end: int
    sub_event_type: SubEventType
    weapons: tuple[Weapon, ...]
    strength: float  # how surely the phrase denotes a real violent event, 0..1
    mutual: bool = False  # a fight both sides wage (اشتباكات), not one side's attack
    prior: bool = False  # told in the pluperfect, as before the news ("وكانت ... قد استهدفت")
    another: bool = False  # told as another event than the one reported ("هجوم مماثل")


class DateMention(msgspec.Struct, frozen=True):
    """A date expression, already resolved to the calendar (``span``)."""

    start: int
    end: int
    span: DateSpan
    explicit: bool  # the text names the month or a numeric date, not only a weekday/relative word


# What a toll is worth against another of the same event: a vague word ("عدد من") gives way to
# a figure, and a figure to the toll it later rose to ("ارتفعت حصيلة القتلى إلى خمسة").
VAGUE, STATED, REVISED = 0, 1, 2


class CasualtyMention(msgspec.Struct, frozen=True):
    """One casualty statement ("أدى إلى مقتل جندي وإصابة 18"), groups summed."""

    start: int
    end: int
    killed: Count | None
    injured: Count | None
    killed_vague: bool = False  # the figure comes from a vague word: a precise report beats it
    injured_vague: bool = False
    revised: bool = False  # the toll rose to these figures: they replace the ones told before

    def standing(self, kind: str) -> int:
        """VAGUE, STATED or REVISED, for the figure of ``kind`` ("killed" or "injured")."""
        if self.revised:
            return REVISED
        return VAGUE if getattr(self, f"{kind}_vague") else STATED


class ActorMention(msgspec.Struct, frozen=True):
    start: int
    end: int
    actor_id: str
    form: Literal["name", "adjective"]  # adjective: "أمريكي" after a noun, weaker evidence


class SourceMention(msgspec.Struct, frozen=True):
    start: int
    end: int
    name: str  # canonical English name of the agency or outlet
