"""Candidates -> the contract's Incident: names, coordinates, evidence in source offsets."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

from service.extraction.mentions.places import PlaceMention
from service.extraction.merge import tells_the_day
from service.extraction.model import (
    EVENT_TYPE_OF,
    Actor,
    Casualties,
    DateMention,
    DateSpan,
    Doc,
    Evidence,
    Incident,
    Location,
)
from service.extraction.normalize import source_span
from service.extraction.resolve.frames import Candidate
from service.extraction.resolve.places import precision_of

LEAD_DATE_MAX_AGE_DAYS = 7


def lead_date(dates: list[DateMention], published_at: dt.date | None) -> DateSpan | None:
    """The article's own date line: its first explicit day, if close to publication."""
    for m in dates:
        if not (m.explicit and m.span.precision == "day" and m.span.start):
            continue
        day = dt.date.fromisoformat(m.span.start)
        if published_at is None or 0 <= (published_at - day).days <= LEAD_DATE_MAX_AGE_DAYS:
            return m.span
    return None


LONGEST_EVENT_DAYS = 7  # ACLED's widest time precision short of the month: "a week or a few days"


def without_periods(candidates: list[Candidate]) -> list[Candidate]:
    """Drop reports dated by a year alone ("عام 2020", "العام الجاري") or by a span of more
    than a week ("منذ الثامن من أكتوبر", "منذ مطلع الشهر"): they tell a history or a trend,
    which ACLED does not code; news dates the events it reports to the day, week or month."""
    return [c for c in candidates if not _a_period(c.date)]


def _a_period(date: DateSpan | None) -> bool:
    if date is None or not (date.start and date.end):
        return False
    if date.precision == "year":
        return True
    days = (dt.date.fromisoformat(date.end) - dt.date.fromisoformat(date.start)).days
    return date.precision == "range" and days > LONGEST_EVENT_DAYS


def fill_dates(candidates: list[Candidate], lead: DateSpan | None, published_at: dt.date | None) -> None:
    """An undated report takes the date of the last one dated to the day before it (a month
    or a year dates background), else of the first dated one, else the article's date line,
    else the day before publication to publication (a range)."""
    dated = [c for c in candidates if c.date is not None]
    fallback = dated[0].date if dated else lead or _around(published_at)
    last = None
    for c in candidates:
        if c.date is None:
            c.date = last or fallback
        elif tells_the_day(c.date) or last is None:
            last = c.date


def _around(published_at: dt.date | None) -> DateSpan:
    if published_at is None:
        return DateSpan(precision="unknown")
    day_before = published_at - dt.timedelta(days=1)
    return DateSpan(start=day_before.isoformat(), end=published_at.isoformat(), precision="range")


def dominant_country(places: list[PlaceMention]) -> str | None:
    """The country the article names most, through any of its places."""
    counts = Counter(p.place.country for p in places if p.place.country and not p.elsewhere)
    return counts.most_common(1)[0][0] if counts else None


def location_of(c: Candidate, country: str | None) -> Location:
    if c.place is None:
        return Location(country=country, precision="country" if country else "unknown")
    p = c.place.place
    if p.kind == "country":  # no place more specific than the country is named
        return Location(country=p.country, latitude=p.lat, longitude=p.lon, precision="country")
    return Location(
        # a sea has no country: coders file a ship attack under the coast the article is about
        country=p.country or (country if p.kind == "sea" else None),
        admin1=p.admin1 or None,
        name=p.name or None,
        name_ar=p.name_ar or None,
        latitude=p.lat,
        longitude=p.lon,
        precision=precision_of(p),
    )


def evidence_of(doc: Doc, c: Candidate) -> list[Evidence]:
    out: list[Evidence] = []
    for field, spans in c.spans.items():
        for a, b in sorted(set(spans)):
            start, end = source_span(doc, a, b)
            out.append(Evidence(field=field, start=start, end=end, text=doc.text[start:end]))
    return out


def confidence_of(c: Candidate) -> float:
    score = 0.35 + 0.35 * c.strength
    score += 0.1 * (c.place is not None) + 0.1 * c.date_explicit + 0.05 * bool(c.perpetrators)
    return round(min(score, 0.99), 2)


def _actors(ids: list[str], resolve: Callable[[str], Actor | None]) -> list[Actor]:
    """Catalog actors for ids; generic names ("الجيش") resolve by country or drop out."""
    out: list[Actor] = []
    for actor_id in ids:
        actor = resolve(actor_id)
        if actor is not None and actor not in out:
            out.append(actor)
    return out


def to_incident(
    doc: Doc,
    c: Candidate,
    resolve: Callable[[str, str | None], Actor | None],
    country: str | None,
    sources: list[str],
    primary: bool,
) -> Incident:
    location = location_of(c, country)

    def actor(actor_id: str) -> Actor | None:
        return resolve(actor_id, location.country)

    blamed, claimed = _actors(c.blamed, actor), _actors(c.claimed, actor)
    targets = _actors(c.targets, actor)
    perpetrators = _actors(c.perpetrators, actor)
    if perpetrators:
        perpetrators = [p for p in perpetrators if p not in targets] or perpetrators
    else:
        # ACLED codes the claimant, else the party blamed, as the perpetrator when none is
        # stated; who owns the attack was not hit by it
        perpetrators = claimed or blamed
        targets = [t for t in targets if t not in perpetrators] or targets
    if c.sub_event_type == "armed_clash":
        # a side's own dead ("مقتل جنديين") do not make it the other side too
        targets = [t for t in targets if t not in perpetrators] or targets
    return Incident(
        primary=primary,
        event_type=EVENT_TYPE_OF[c.sub_event_type],
        sub_event_type=c.sub_event_type,  # type: ignore[arg-type]
        weapons=c.weapons,
        date=c.date or DateSpan(),
        location=location,
        perpetrators=perpetrators,
        targets=targets,
        claimed_by=claimed,
        casualties=Casualties(killed=c.killed, injured=c.injured),
        sources_cited=sources,
        evidence=evidence_of(doc, c),
        confidence=confidence_of(c),
        blamed=blamed,
    )
