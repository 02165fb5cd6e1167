"""Mentions -> event frames: one frame per clause that states an event.

A clause holding an event word opens a frame; the clauses after it in the
same sentence (", أدى إلى مقتل جندي") add their mentions to it, and clauses
before the first event word of a sentence ("الثلاثاء 26 ديسمبر،") go to the
sentence's first frame. Frames are merged into incidents in ``merge``.
"""

from __future__ import annotations

import msgspec

from service.extraction.mentions.places import PlaceMention
from service.extraction.model import (
    ActorMention,
    CasualtyMention,
    DateMention,
    SourceMention,
    Trigger,
)
from service.extraction.resolve.roles import Role, RoleLexicon, assign_roles
from service.extraction.segment import Span, clauses, sentences


class Mentions(msgspec.Struct):
    """Everything the finders reported for one document."""

    triggers: list[Trigger]
    dates: list[DateMention]
    places: list[PlaceMention]
    actors: list[ActorMention]
    casualties: list[CasualtyMention]
    sources: list[SourceMention]


class Frame(msgspec.Struct):
    """The mentions of one stated event, before merging and resolution."""

    start: int
    end: int
    sentence: int
    triggers: list[Trigger] = msgspec.field(default_factory=list)
    dates: list[DateMention] = msgspec.field(default_factory=list)
    places: list[PlaceMention] = msgspec.field(default_factory=list)
    roles: list[tuple[ActorMention, Role]] = msgspec.field(default_factory=list)
    casualties: list[CasualtyMention] = msgspec.field(default_factory=list)
    sentence_dates: list[DateMention] = msgspec.field(default_factory=list)


def _inside(items: list, span: Span) -> list:
    return [m for m in items if span.start <= m.start < span.end]


def _add_clause(frame: Frame, norm: str, clause: Span, found: Mentions, lex: RoleLexicon) -> None:
    frame.start, frame.end = min(frame.start, clause.start), max(frame.end, clause.end)
    frame.dates += _inside(found.dates, clause)
    frame.places += _inside(found.places, clause)
    frame.casualties += _inside(found.casualties, clause)
    frame.triggers += _inside(found.triggers, clause)
    actors = _inside(found.actors, clause)
    # roles by position are relative to the frame's event words, wherever the clause is
    frame.roles += assign_roles(norm, (clause.start, clause.end), actors, frame.triggers, lex)


def _sentence_frames(norm: str, sentence: Span, index: int, found: Mentions, lex: RoleLexicon) -> list[Frame]:
    frames: list[Frame] = []
    leading: list[Span] = []
    for clause in clauses(norm, sentence):
        if _inside(found.triggers, clause):
            frames.append(Frame(start=clause.start, end=clause.end, sentence=index))
            _add_clause(frames[-1], norm, clause, found, lex)
        elif frames:
            _add_clause(frames[-1], norm, clause, found, lex)
        else:
            leading.append(clause)
    for clause in reversed(leading) if frames else []:
        _add_clause(frames[0], norm, clause, found, lex)
    for frame in frames:
        frame.sentence_dates = _inside(found.dates, sentence)
        frame.roles = [(m, _victim_role(m, role, frame)) for m, role in frame.roles]
    return frames


def _victim_role(mention: ActorMention, role: Role, frame: Frame) -> Role:
    """An actor named inside a casualty statement ("12 مصابا من الشرطة") was hit."""
    inside = any(c.start <= mention.start and mention.end <= c.end for c in frame.casualties)
    return "target" if inside and role == "perpetrator" else role


def build_frames(norm: str, found: Mentions, lex: RoleLexicon) -> list[Frame]:
    """Frames in text order, one per event-stating clause."""
    frames: list[Frame] = []
    for index, sentence in enumerate(sentences(norm)):
        if _inside(found.triggers, sentence):
            frames += _sentence_frames(norm, sentence, index, found, lex)
    return frames
