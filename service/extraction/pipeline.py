"""The ordered extraction stages: normalize -> find mentions -> assemble -> merge -> incidents.

``Extractor.load()`` reads every data file once; ``Extractor.extract`` is then
a pure function of the text and the publication date.
"""

from __future__ import annotations

import datetime as dt
import functools

import msgspec

from service.extraction.assemble import Mentions, build_frames
from service.extraction.lexicon import share_scan
from service.extraction.mentions.actors import ActorCatalog, find_actors, load_actor_catalog
from service.extraction.mentions.casualties import CasualtyLexicon, find_casualties, load_casualty_lexicon
from service.extraction.mentions.dates import DateLexicon, find_dates, load_date_lexicon
from service.extraction.mentions.places import PlaceFinder, load_place_finder, outside_names
from service.extraction.mentions.sources import SourceLexicon, find_sources, load_source_lexicon, source_names
from service.extraction.mentions.triggers import TriggerLexicon, find_triggers, load_trigger_lexicon
from service.extraction.mentions.unlisted_places import (
    UnlistedPlaceLexicon,
    add_unlisted,
    load_unlisted_place_lexicon,
)
from service.extraction.merge import fold_force_into_protests, merge, place_unplaced
from service.extraction.model import Actor, Doc, Incident
from service.extraction.normalize import normalize
from service.extraction.output import dominant_country, fill_dates, lead_date, to_incident, without_periods
from service.extraction.resolve.frames import (
    attack_or_clash,
    both_sides_fought,
    territory_by_side,
    to_candidates,
)
from service.extraction.resolve.protests import settle_protest
from service.extraction.resolve.roles import RoleLexicon, load_role_lexicon

EXTRACTOR_VERSION = "0.14.0"  # raised when the same text may give other incidents

PublishedAt = dt.date | dt.datetime | str | None


class Lexicons(msgspec.Struct, frozen=True):
    """Every loaded data file the stages read; built once, shared read-only."""

    triggers: TriggerLexicon
    dates: DateLexicon
    places: PlaceFinder
    unlisted_places: UnlistedPlaceLexicon
    actors: ActorCatalog
    casualties: CasualtyLexicon
    sources: SourceLexicon
    roles: RoleLexicon


def load_lexicons() -> Lexicons:
    lexicons = Lexicons(
        triggers=load_trigger_lexicon(),
        dates=load_date_lexicon(),
        places=load_place_finder(),
        unlisted_places=load_unlisted_place_lexicon(),
        actors=load_actor_catalog(),
        casualties=load_casualty_lexicon(),
        sources=load_source_lexicon(),
        roles=load_role_lexicon(),
    )
    # the finders that read the whole of doc.norm share one automaton pass over it
    share_scan(
        [
            lexicons.triggers.trigger_matcher,
            lexicons.triggers.gap_matcher,
            lexicons.dates.matcher,
            lexicons.places.matcher,
            lexicons.actors.matcher,
            lexicons.sources.matcher,
        ]
    )
    # the clause-by-clause matchers compile at load too, not on the first article
    for matcher in (lexicons.triggers.cue_matcher, lexicons.roles.cues, lexicons.roles.military_nouns):
        matcher.prepare()
    return lexicons


def as_date(value: PublishedAt) -> dt.date | None:
    """A publication date from a date, a datetime, an ISO string or None."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return (
        dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        if "T" in value
        else dt.date.fromisoformat(value[:10])
    )


def find_mentions(doc: Doc, lex: Lexicons) -> Mentions:
    actors = find_actors(doc, lex.actors)
    sources = find_sources(doc, lex.sources)
    triggers = find_triggers(doc, lex.triggers)
    dates = find_dates(doc, lex.dates)
    casualties = find_casualties(doc, lex.casualties)
    listed = lex.places.find(doc, lex.actors.countries_named(actors))
    taken = [(m.start, m.end) for m in (*actors, *sources, *triggers, *dates, *casualties)]
    places = add_unlisted(doc, lex.unlisted_places, listed, taken, lex.places.gazetteer)
    return Mentions(
        triggers=triggers,
        dates=dates,
        places=outside_names(places, [*actors, *sources]),
        actors=actors,
        casualties=casualties,
        sources=sources,
    )


def assemble_incidents(doc: Doc, found: Mentions, lex: Lexicons) -> list[Incident]:
    frames = build_frames(doc.norm, found, lex.roles)
    candidates = merge([c for f in frames for c in to_candidates(doc.norm, f)])
    candidates = fold_force_into_protests(candidates, lex.roles.state, lex.roles.unarmed)
    place_unplaced(candidates)
    for c in candidates:
        both_sides_fought(c, lex.roles.unarmed)
        c.sub_event_type = attack_or_clash(c, lex.roles.unarmed)
        c.sub_event_type = territory_by_side(c, lex.roles.state)
        settle_protest(c, lex.roles.unarmed)
    candidates = without_periods(candidates)
    fill_dates(candidates, lead_date(found.dates, doc.published_at), doc.published_at)
    country = dominant_country(found.places)
    sources = source_names(found.sources)
    source_spans = [(s.start, s.end) for s in found.sources]
    incidents = []
    for i, c in enumerate(candidates):
        c.spans["sources_cited"] = source_spans
        incidents.append(to_incident(doc, c, lex.actors.resolve_generic, country, sources, primary=i == 0))
    return incidents


class Extractor:
    """Holds the loaded lexicons and gazetteer; ``extract`` is pure given them."""

    def __init__(self, lexicons: Lexicons) -> None:
        self.lexicons = lexicons

    @classmethod
    def load(cls) -> Extractor:
        return cls(load_lexicons())

    @property
    def version(self) -> str:
        return EXTRACTOR_VERSION

    @property
    def actors(self) -> list[Actor]:
        """The actor catalog, for clients mapping ids to names."""
        return self.lexicons.actors.actors()

    def extract(self, text: str, published_at: PublishedAt = None) -> list[Incident]:
        """Every incident the article reports; the first is the primary one."""
        doc = normalize(text, as_date(published_at))
        return assemble_incidents(doc, find_mentions(doc, self.lexicons), self.lexicons)


@functools.cache
def default_extractor() -> Extractor:
    return Extractor.load()


def extract(text: str, published_at: PublishedAt = None) -> list[Incident]:
    """Extract incidents with the default, lazily loaded extractor."""
    return default_extractor().extract(text, published_at)
