"""Small readers of extracted incidents shared by the extractor's end-to-end tests."""

from __future__ import annotations

from service.extraction.model import Actor, Incident


def ids(actors: list[Actor]) -> list[str]:
    return [a.id for a in actors]


def one_of_type(incidents: list[Incident], sub_event_type: str) -> Incident:
    """The only incident of this sub-event type; the assertion lists what there was."""
    found = [i for i in incidents if i.sub_event_type == sub_event_type]
    assert len(found) == 1, [(i.sub_event_type, i.location.name_ar) for i in incidents]
    return found[0]
