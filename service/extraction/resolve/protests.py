"""Protests: how the crowd acted and how it was met decide ACLED's sub-event, and who is
coded on which side.

A frame or a merged incident may hold several protest words: the march, the tear gas that
broke it up, the stones thrown back. The most severe names the event; live fire or a
death makes any protest one of excessive force against protesters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from service.extraction.model import PROTEST_SUB_EVENTS

if TYPE_CHECKING:  # frames reads the severity order from here
    from service.extraction.resolve.frames import Candidate

PEACEFUL = "peaceful_protest"
INTERVENTION = "protest_with_intervention"
VIOLENT = "violent_demonstration"
EXCESSIVE = "excessive_force_against_protesters"
ARRESTS = "arrests"
# From least to most severe; arrests made at a protest are an intervention in it (ACLED).
SEVERITY = {PEACEFUL: 0, ARRESTS: 1, INTERVENTION: 1, VIOLENT: 2, EXCESSIVE: 3}
# What the state did to protesters: they are coded as its targets.
FORCE = frozenset({INTERVENTION, EXCESSIVE})
# The words of a crowd: tear gas or a dispersal alone may meet anyone ("أطلق الجنود قنابل الغاز
# باتجاه الشبان" in a raid); a protest needs its marchers or rioters told in the sentence.
CROWD = frozenset({PEACEFUL, VIOLENT})
# The strength of a word that tells a protest happened (تظاهر، وقفة احتجاجية); its marchers'
# (المتظاهرون) is lower: they never make a protest alone.
PROTEST_TOLD = 0.45


def is_protest(sub_event_type: str) -> bool:
    return sub_event_type in PROTEST_SUB_EVENTS


def more_severe(a: str, b: str) -> str:
    """The protest sub-event of ``a`` and ``b`` together: the more severe, an arrest counting
    as an intervention; any other event does not change protest ``a``."""
    worst = max((a, b), key=lambda t: SEVERITY.get(t, 0))
    return INTERVENTION if worst == ARRESTS else worst


def settle_protest(c: Candidate, unarmed: frozenset[str]) -> None:
    """Set a protest's sub-event and sides. Shots fired or people killed at a protest are
    excessive force. A peaceful or violent crowd is coded with no actor (ACLED's
    protesters and rioters are no catalog actor); force used on it has the forces as
    perpetrators and the crowd, as civilians, as targets."""
    if not is_protest(c.sub_event_type):
        return
    if "small_arms" in c.weapons or (c.killed is not None and c.killed.max > 0):
        c.sub_event_type = EXCESSIVE
    c.claimed, c.blamed = [], []
    if c.sub_event_type not in FORCE:
        c.perpetrators, c.targets = [], []
        c.spans["perpetrators"], c.spans["targets"] = [], []
        return
    sides = [a for a in (*c.perpetrators, *c.targets) if a not in unarmed]
    if len(sides) > len(c.perpetrators):  # forces named as hit ("اعتداء على الشرطة") still acted
        c.spans["perpetrators"] = c.spans["perpetrators"] + c.spans["targets"]
    c.perpetrators = list(dict.fromkeys(sides))
    crowd = [a for a in c.targets if a in unarmed]
    if not crowd:
        crowd = ["civilians"]
        c.spans["targets"] = c.spans["sub_event_type"][:1]  # the protest word names them
    c.targets = crowd
