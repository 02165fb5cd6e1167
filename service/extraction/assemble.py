"""Mentions -> event frames: one frame per clause that states an event.

A clause holding an event word opens a frame; the clauses after it in the
same sentence (", أدى إلى مقتل جندي") add their mentions to it, and clauses
before the first event word of a sentence ("الثلاثاء 26 ديسمبر،") go to the
sentence's first frame. Frames are merged into incidents in ``merge``.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from typing import Generic, Protocol, TypeVar

import msgspec

from service.extraction.mentions.places import PlaceMention
from service.extraction.model import (
    ActorMention,
    CasualtyMention,
    DateMention,
    SourceMention,
    Trigger,
)
from service.extraction.resolve.protests import CROWD
from service.extraction.resolve.roles import Role, RoleLexicon, assign_roles
from service.extraction.segment import Span, clauses, is_heading, sentences


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
    # the strongest word of a crowd (a protest, its marchers, a riot) in its sentence; 0: none,
    # so tear gas there met no protest
    crowd: float = 0.0
    heading: bool = False  # told in a title or subheading, which sums up the text under it


class _Positioned(Protocol):
    @property
    def start(self) -> int: ...


M = TypeVar("M", bound=_Positioned)


class _ByStart(Generic[M]):
    """Mentions of one kind, sliced by span: every clause asks for its own, and a finder's
    list in text order answers with two binary searches instead of a full pass."""

    def __init__(self, items: list[M]) -> None:
        self.items = items
        self.starts = [m.start for m in items]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:], strict=False))

    def inside(self, span: Span) -> list[M]:
        """The mentions that start in ``span``, in list order."""
        if not self.ordered:
            return [m for m in self.items if span.start <= m.start < span.end]
        return self.items[bisect_left(self.starts, span.start) : bisect_left(self.starts, span.end)]


class _Index:
    """The finders' mentions of one document, ready to be sliced by span."""

    def __init__(self, found: Mentions) -> None:
        self.triggers = _ByStart(found.triggers)
        self.dates = _ByStart(found.dates)
        self.places = _ByStart(found.places)
        self.actors = _ByStart(found.actors)
        self.casualties = _ByStart(found.casualties)


def _add_clause(frame: Frame, norm: str, clause: Span, found: _Index, lex: RoleLexicon) -> None:
    frame.start, frame.end = min(frame.start, clause.start), max(frame.end, clause.end)
    frame.dates += found.dates.inside(clause)
    frame.places += found.places.inside(clause)
    frame.casualties += found.casualties.inside(clause)
    frame.triggers += found.triggers.inside(clause)
    actors = found.actors.inside(clause)
    # roles by position are relative to the frame's event words, wherever the clause is
    frame.roles += assign_roles(norm, (clause.start, clause.end), actors, frame.triggers, lex)


def _sentence_frames(norm: str, sentence: Span, index: int, found: _Index, lex: RoleLexicon) -> list[Frame]:
    frames: list[Frame] = []
    leading: list[Span] = []
    for clause in clauses(norm, sentence):
        if found.triggers.inside(clause):
            frames.append(Frame(start=clause.start, end=clause.end, sentence=index))
            _add_clause(frames[-1], norm, clause, found, lex)
        elif frames:
            _add_clause(frames[-1], norm, clause, found, lex)
        else:
            leading.append(clause)
    for clause in reversed(leading) if frames else []:
        _add_clause(frames[0], norm, clause, found, lex)
    told = found.triggers.inside(sentence)
    crowd = max((t.strength for t in told if t.sub_event_type in CROWD), default=0.0)
    heading = is_heading(norm, sentence)
    for frame in frames:
        frame.sentence_dates = found.dates.inside(sentence)
        frame.crowd = crowd
        frame.heading = heading
        frame.roles = [(m, _victim_role(m, role, frame)) for m, role in frame.roles]
    for before, frame in itertools.pairwise(frames):
        if not frame.roles and _ALSO.match(norm, frame.start):
            frame.roles = [(m, role) for m, role in before.roles if role == "perpetrator"]
    return frames


# "أعلن الجيش أن طائراته أغارت على ...، كما قصفت المدفعية ...": كما goes on with the same doer
_ALSO = re.compile(r"\W*و?كما\s")


TOLL_ACTOR_CHARS = 12


def _of_toll(actor: ActorMention, toll: CasualtyMention) -> bool:
    """The actor is named in the toll or right after it ("بإصابة جنديين أمريكيين")."""
    return toll.start <= actor.start <= toll.end + TOLL_ACTOR_CHARS


def _victim_role(mention: ActorMention, role: Role, frame: Frame) -> Role:
    """An actor named inside a casualty statement ("12 مصابا من الشرطة") was hit."""
    inside = any(c.start <= mention.start and mention.end <= c.end for c in frame.casualties)
    return "target" if inside and role == "perpetrator" else role


def build_frames(norm: str, found: Mentions, lex: RoleLexicon) -> list[Frame]:
    """Frames in text order, one per event-stating clause."""
    frames: list[Frame] = []
    index = _Index(found)
    for number, sentence in enumerate(sentences(norm)):
        if index.triggers.inside(sentence):
            frames += _sentence_frames(norm, sentence, number, index, lex)
        else:
            told = _told_before(frames, number)
            if told is not None:
                _add_toll(norm, told, sentence, index)
    return frames


STRONG_TRIGGER = 0.5
# a tally of a war or a campaign is no toll of the event just told
_TALLY = re.compile(
    r"منذ|حصيله\s+(?:الحرب|العدوان|الصراع)|اجمالي"
    r"|خلال\s+(?:شهر|الشهر|اشهر|الاشهر|العام|عام|الاسبوع|الاسابيع|السنوات)"  # a month's tally
)
ORPHAN_TOLL_MAX = 50


def _told_before(frames: list[Frame], number: int) -> Frame | None:
    """The last frame of sentence ``number - 1`` whose event word stands on its own: a weak one
    ("الهجوم") may be a mere mention, and a toll it borrowed would make it an incident."""
    for frame in reversed(frames):
        if frame.sentence != number - 1:
            return None
        if max(t.strength for t in frame.triggers) >= STRONG_TRIGGER:
            return frame
    return None


def _add_toll(norm: str, frame: Frame, sentence: Span, index: _Index) -> None:
    """ "وسقطت الثانية داخل القاعدة وتسببت بإصابة جنديين أمريكيين": a sentence that states a
    toll and no event word, right after an event's sentence, counts that event's victims."""
    tolls = index.casualties.inside(sentence)
    counts = [n for c in tolls for n in (c.killed, c.injured) if n is not None]
    if not counts or max(n.max for n in counts) > ORPHAN_TOLL_MAX:
        return
    if _TALLY.search(norm, sentence.start, sentence.end):
        return
    frame.casualties += tolls
    victims = [a for a in index.actors.inside(sentence) if any(_of_toll(a, c) for c in tolls)]
    frame.roles += [(a, "target") for a in victims]
