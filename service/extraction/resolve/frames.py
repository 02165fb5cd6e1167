"""A frame's mentions -> one value per field (a Candidate), with the spans behind each."""

from __future__ import annotations

import functools
import re

import msgspec

from service.extraction.assemble import Frame
from service.extraction.mentions.places import DATELINE_AGENCY, PlaceMention, list_link
from service.extraction.model import REVISED, STATED, Count, DateMention, DateSpan, Weapon
from service.extraction.resolve.protests import PROTEST_TOLD, is_protest, more_severe

# The placeholder type of a bare attack word (هجوم، استهداف): any specific type beats it.
GENERIC_SUB_EVENT = "attack"
ARMED_CLASH = "armed_clash"
Spans = list[tuple[int, int]]  # normalized-text spans: the evidence behind a field


class Candidate(msgspec.Struct):
    """One incident being assembled: field values plus their evidence spans."""

    first: int
    sentence: int  # the sentence it was read from
    sub_event_type: str
    weapons: list[Weapon]
    strength: float
    date: DateSpan | None
    date_explicit: bool
    place: PlaceMention | None
    perpetrators: list[str]
    targets: list[str]
    claimed: list[str]
    blamed: list[str]
    killed: Count | None
    injured: Count | None
    killed_standing: int  # VAGUE, STATED or REVISED: which figure gives way in a merge
    injured_standing: int
    spans: dict[str, Spans]
    mutual: bool = False  # reported as a fight both sides waged ("اشتباكات بين ...")
    listed_from: int = -1  # the frame whose list of places it was split from, if any
    heading: bool = False  # read from a title or subheading
    prior: bool = False  # told in the pluperfect, as before the news
    same_place: bool = False  # "في المنطقة نفسها": where the event told before it happened
    another: bool = False  # told as another event than one reported ("هجوم مماثل")


GOVERNMENT_REGAINS = "government_regains_territory"
NON_STATE_OVERTAKES = "non_state_actor_overtakes_territory"
TERRITORY = frozenset({GOVERNMENT_REGAINS, NON_STATE_OVERTAKES})


def _sub_event(frame: Frame) -> tuple[str, list[Weapon], float, Spans]:
    """The most specific trigger wins; a generic one ("هجوم") only if nothing else. Control of a
    place changing hands wins over the fighting that won it (ACLED codes the territory change).
    Protest words count only where no other event is told: shots fired at a protest and its
    dispersal make it a protest (the most severe word decides: "فرقت الشرطة التظاهرة بالغاز
    المسيل للدموع"), and arrests of protesters are arrests, which ``merge`` folds into a
    protest of the same day."""
    protests = [t.sub_event_type for t in frame.triggers if is_protest(t.sub_event_type)]
    events = [t for t in frame.triggers if not is_protest(t.sub_event_type)]
    specific = [t for t in events if t.sub_event_type != GENERIC_SUB_EVENT]
    territory = [t for t in specific if t.sub_event_type in TERRITORY]
    if protests and not specific and frame.crowd:
        sub = functools.reduce(more_severe, protests)
    elif events:
        sub = max(territory or specific or events, key=lambda t: t.strength).sub_event_type
    else:  # crowd control with no crowd told is a mere attack word
        sub = GENERIC_SUB_EVENT
    weapons: list[Weapon] = []
    for t in frame.triggers:
        weapons += [w for w in t.weapons if w not in weapons]
    strength = max(t.strength for t in frame.triggers)
    return sub, weapons, strength, [(t.start, t.end) for t in frame.triggers]


def attack_or_clash(c: Candidate, unarmed: frozenset[str]) -> str:
    """An attack on armed parties only is a fight between armed groups (ACLED's armed clash);
    ACLED keeps "attack" for violence against civilians."""
    if c.sub_event_type == GENERIC_SUB_EVENT and c.targets and not unarmed.intersection(c.targets):
        return ARMED_CLASH
    return c.sub_event_type


def both_sides_fought(c: Candidate, unarmed: frozenset[str]) -> None:
    """ "اشتباكات بين الجيش ومسلحي الحزب": in a clash each armed side both attacked and was hit
    (ACLED's actor 1 and actor 2 are interchangeable), whichever the sentence names first.
    An attack or an ambush that met armed men only ("هاجم مسلحو داعش نقطة للجيش") keeps its
    direction, unless a clash word tells of the same event."""
    if c.sub_event_type != ARMED_CLASH or not c.mutual:
        return
    sides = [a for a in union(c.perpetrators, c.targets) if a not in unarmed]
    c.perpetrators = list(sides)
    c.targets = union(sides, c.targets)


def union(xs: list[str], ys: list[str]) -> list[str]:
    """``xs`` then the items of ``ys`` it lacks, in order."""
    return xs + [y for y in ys if y not in xs]


def territory_by_side(c: Candidate, state: frozenset[str]) -> str:
    """Control of a place changing hands: ACLED's sub-event says who took it, state forces
    (the government regains territory) or anyone else (a non-state actor overtakes it)."""
    if c.sub_event_type not in TERRITORY or not c.perpetrators:
        return c.sub_event_type
    return GOVERNMENT_REGAINS if state.issuperset(c.perpetrators) else NON_STATE_OVERTAKES


_SAME_DAY = re.compile(r"\s*(?:نفسه|ذاته)")
# "في المنطقة نفسها", "داخل البلدة ذاتها": the place of the event told before
_SAME_PLACE = re.compile(
    r"(?:المنطقه|البلده|المدينه|القريه|المخيم|الحي|الموقع|المكان)\s+(?:نفسها|نفسه|ذاتها|ذاته)"
)


def _same_day_anaphora(norm: str, frame: Frame) -> list[DateMention]:
    """ "في وقت سابق من اليوم نفسه": the day is the sentence's own date, not today."""
    out = []
    for d in frame.dates:
        if not d.explicit and _SAME_DAY.match(norm, d.end):
            out += [s for s in frame.sentence_dates if s.explicit][:1]
        else:
            out.append(d)
    return out


# "بعد وفاة جندي متأثراً بجروحه صباح اليوم": the day a wounded victim died, not the event's
_DIED_OF_WOUNDS = re.compile(r"متاثر(?:ا|ين|ه)?\s+ب(?:جروح|جراح|اصاب)\w*\s+$")
DIED_REACH_CHARS = 40


def _death_day(norm: str, d: DateMention) -> bool:
    return _DIED_OF_WOUNDS.search(norm, max(0, d.start - DIED_REACH_CHARS), d.start) is not None


def _date(norm: str, frame: Frame) -> tuple[DateSpan | None, bool, Spans]:
    """The dated mention nearest the event word, explicit dates first; else the
    date stated earlier in the same sentence, as a weaker (non-explicit) date."""
    dated = [
        d for d in _same_day_anaphora(norm, frame) if d.span.start is not None and not _death_day(norm, d)
    ]
    if not dated:
        earlier = [d for d in frame.sentence_dates if d.end <= frame.start and d.span.start is not None]
        return (
            (earlier[-1].span, False, [(earlier[-1].start, earlier[-1].end)])
            if earlier
            else (None, False, [])
        )
    anchor = frame.triggers[0].start
    best = min(dated, key=lambda d: (not d.explicit, abs(d.start - anchor)))
    return best.span, best.explicit, [(best.start, best.end)]


def _place(norm: str, frame: Frame) -> tuple[PlaceMention | None, Spans]:
    """The most specific place named for the event (borders, launch sites and landmarks aside);
    of equally specific ones, one a wider place locates, then one named after the event word
    (before it stands the speaker's: "قالت مديرية الصحة في الموصل إن غارة ..."), then the first."""
    usable = [p for p in frame.places if not p.elsewhere]
    usable = [p for p in usable if not _misread(norm, p, usable)] or usable
    if not usable:
        return None, []
    event = frame.triggers[0].start
    best = max(
        usable,
        key=lambda p: (
            not _landmark(norm, p, usable),
            not _dateline(norm, p),
            p.rank,
            _within(p, usable),
            p.start >= event,
            -p.start,
        ),
    )
    return best, [(p.start, p.end) for p in usable if p.place.country == best.place.country]


# "قضاء الطارمية شمال بغداد", "حي الشجاعية شرق مدينة غزة": a compass word between two places
_COMPASS = re.compile(
    r"\s*(?:ال\w+\s+)?(?:ب|في\s+)?(?:(?:شمال|جنوب)ي?(?:\s*-?\s*(?:شرق|غرب)ي?)?|شرقي?|غربي?|وسط)\s+(?:\w+\s+)?"
)


# "مقديشو - قال الجيش", "بغداد (رويترز) -": the city the report was filed from
_DATELINE_AFTER = re.compile(rf"{DATELINE_AGENCY}[-–—:]")
_DATELINE_BEFORE = re.compile(r"\W*")


def _dateline(norm: str, place: PlaceMention) -> bool:
    """The place opens the text as its dateline: where the report was filed, not where the
    event was, unless nothing else is named."""
    return bool(_DATELINE_BEFORE.fullmatch(norm, 0, place.start) and _DATELINE_AFTER.match(norm, place.end))


def _landmark(norm: str, place: PlaceMention, others: list[PlaceMention]) -> bool:
    """A place named only to locate the one before it ("X شمال Y")."""
    return any(o.end <= place.start and _locates(norm, o, o.end, place) for o in others)


def _locates(norm: str, located: PlaceMention, end: int, place: PlaceMention) -> bool:
    """``place`` follows ``located`` (its text running to ``end``) after a compass word."""
    return located.place.kind != "country" and _COMPASS.fullmatch(norm, end, place.start) is not None


def _misread(norm: str, place: PlaceMention, others: list[PlaceMention]) -> bool:
    """ "حي الروضة السكني وسط مدينة مأرب": the wider place that locates it is in another
    governorate than the gazetteer's place of that name, so the name is another place's."""
    a = place.place
    return any(
        o.start >= place.end
        and _locates(norm, place, place.end, o)
        and o.place.country == a.country
        and bool(o.place.admin1 and a.admin1)
        and o.place.admin1 != a.admin1
        for o in others
    )


def _within(place: PlaceMention, others: list[PlaceMention]) -> bool:
    """A wider place named beside it, short of the country, contains it ("مخيم النصيرات وسط قطاع
    غزة", not the speaker's "وزارة الصحة في غزة")."""
    return any(o.place.kind != "country" and _contains(o, place) for o in others)


def _roles(frame: Frame) -> tuple[dict[str, list[str]], dict[str, Spans]]:
    ids: dict[str, list[str]] = {"perpetrator": [], "target": [], "claim": [], "blame": []}
    spans: dict[str, Spans] = {k: [] for k in ids}
    for mention, role in frame.roles:
        if role in ids and mention.actor_id not in ids[role]:
            ids[role].append(mention.actor_id)
            spans[role].append((mention.start, mention.end))
    # an actor that is hit is not also the one who struck; when every doer is also named as hit
    # ("أن قواتها نفذت ضربة على منشأة تستخدمها X للتخطيط لهجمات ضد القوات"), the others were hit
    ids["perpetrator"] = [a for a in ids["perpetrator"] if a not in ids["target"]] or ids["perpetrator"]
    ids["target"] = [a for a in ids["target"] if a not in ids["perpetrator"]]
    return ids, spans


def _count(frame: Frame, kind: str) -> tuple[Count | None, int, Spans]:
    """Figures of this kind in the frame: precise ones over vague ones, differing ones a range;
    a toll that rose ("ارتفعت الحصيلة إلى خمسة") replaces them, the last rise the others."""
    counts = [(n, c.standing(kind), c) for c in frame.casualties if (n := getattr(c, kind)) is not None]
    if not counts:
        return None, STATED, []
    standing = max(s for _, s, _ in counts)
    best = [(n, c) for n, s, c in counts if s == standing]
    if standing == REVISED:
        best = best[-1:]
    low = min(n.min for n, _ in best)
    high = max(n.max for n, _ in best)
    return Count(min=low, max=high), standing, [(c.start, c.end) for _, c in best]


_BETWEEN = re.compile(r"(?:بين|مابين)\s+(?:\w+\s+)?$")  # "الطريق بين الطارمية وبغداد": one road


def to_candidates(norm: str, frame: Frame) -> list[Candidate]:
    """One candidate per place of a list the event happened in ("غارات على صنعاء والحديدة"):
    ACLED's unit is one location. The toll stays with the first; the text does not say how
    it splits."""
    candidate = to_candidate(norm, frame)
    places = _listed_with(norm, frame, candidate.place)
    others = []
    for p in places[1:]:
        # fresh lists: merging extends each incident's own span lists
        spans = {k: list(v) for k, v in candidate.spans.items()}
        spans |= {"location": [(p.start, p.end)], "casualties.killed": [], "casualties.injured": []}
        other = msgspec.structs.replace(candidate, place=p, killed=None, injured=None, spans=spans)
        other.killed_standing = other.injured_standing = STATED
        others.append(other)
    if others:
        for c in [candidate, *others]:
            c.listed_from = frame.start
        candidate.place = places[0]
        candidate.spans["location"] = [(places[0].start, places[0].end)]
    return [candidate, *others]


def _listed_with(norm: str, frame: Frame, best: PlaceMention | None) -> list[PlaceMention]:
    """The places of the list ``best`` belongs to, none of which contains another; [] if none."""
    if best is None:
        return []
    items = _list_items(norm, sorted((p for p in frame.places if not p.elsewhere), key=lambda p: p.start))
    places = [p for p, _ in items]
    if best not in places:
        return []
    first = last = places.index(best)
    while first > 0 and list_link(norm, items[first - 1][1], places[first].start):
        first -= 1
    while last + 1 < len(items) and list_link(norm, items[last][1], places[last + 1].start):
        last += 1
    chain = places[first : last + 1]
    links = [list_link(norm, items[i][1], places[i + 1].start) for i in range(first, last)]
    if "و" not in links or _BETWEEN.search(norm, max(0, chain[0].start - 20), chain[0].start):
        return []
    kept = [p for p in chain if not any(_contains(q, p) or _contains(p, q) for q in chain if q is not p)]
    return kept if len({p.place.id for p in kept}) == len(kept) >= 2 else []


def _list_items(norm: str, places: list[PlaceMention]) -> list[tuple[PlaceMention, int]]:
    """Each place with where its list item ends: past the landmark that locates it ("القائم
    وعكاشات غربي الأنبار، وفي دير الزور": the list runs on after الأنبار)."""
    items: list[tuple[PlaceMention, int]] = []
    for p in places:
        if items and p.start < items[-1][1]:  # two names of one place ("قاعدة حقل العمر النفطي")
            items[-1] = (items[-1][0], max(items[-1][1], p.end))
        elif items and (_locates(norm, items[-1][0], items[-1][1], p) or _holds(norm, items[-1], p)):
            items[-1] = (items[-1][0], p.end)
        else:
            items.append((p, p.end))
    return items


_IN = re.compile(r"\s*(?:\w+\s+)?(?:في\s+|ب)")


def _holds(norm: str, item: tuple[PlaceMention, int], place: PlaceMention) -> bool:
    """ "حقل العمر النفطي في ريف دير الزور، والثاني قاعدة الشدادي": the wider place after في
    only locates the item, and the list runs on after it."""
    return _contains(place, item[0]) and _IN.fullmatch(norm, item[1], place.start) is not None


def _contains(wide: PlaceMention, narrow: PlaceMention) -> bool:
    """A country, governorate or district and a place inside it name one location, not two."""
    if wide.rank >= narrow.rank or wide.place.country != narrow.place.country:
        return False
    same_admin1 = bool(wide.place.admin1) and wide.place.admin1 == narrow.place.admin1
    return wide.place.kind == "country" or same_admin1


# "وكانت شرارة التوتر قد انطلقت صباح السبت، حين أطلق مسلحون النار": the when-clause of a
# sentence in the pluperfect tells its event as before the news too
_PLUPERFECT_WHEN = re.compile(
    r"(?<!\w)و?كان(?:ت|وا|ا|تا)?\s+(?:\w+\s+){0,4}?قد\s[^.]*?(?:حين|عندما|حينما|لما)\s+$"
)


def _when_of_pluperfect(norm: str, frame: Frame) -> bool:
    return _PLUPERFECT_WHEN.search(norm, frame.start, frame.triggers[0].start) is not None


def to_candidate(norm: str, frame: Frame) -> Candidate:
    sub_event, weapons, strength, trigger_spans = _sub_event(frame)
    if is_protest(sub_event) and frame.crowd >= PROTEST_TOLD:
        # "فرقت الشرطة في كربلاء، مساء السبت، تظاهرة": the clause with the place and the day
        # tells of the protest its sentence names
        strength = max(strength, PROTEST_TOLD)
    date, explicit, date_spans = _date(norm, frame)
    place, place_spans = _place(norm, frame)
    ids, role_spans = _roles(frame)
    killed, killed_standing, killed_spans = _count(frame, "killed")
    injured, injured_standing, injured_spans = _count(frame, "injured")
    return Candidate(
        first=frame.triggers[0].start,
        sentence=frame.sentence,
        sub_event_type=sub_event,
        weapons=weapons,
        strength=strength,
        mutual=any(t.mutual for t in frame.triggers),
        heading=frame.heading,
        prior=any(t.prior for t in frame.triggers) or _when_of_pluperfect(norm, frame),
        same_place=_SAME_PLACE.search(norm, frame.start, frame.end) is not None,
        another=any(t.another for t in frame.triggers),
        date=date,
        date_explicit=explicit,
        place=place,
        perpetrators=ids["perpetrator"],
        targets=ids["target"],
        claimed=ids["claim"],
        blamed=ids["blame"],
        killed=killed,
        injured=injured,
        killed_standing=killed_standing,
        injured_standing=injured_standing,
        spans={
            "sub_event_type": trigger_spans,
            "date": date_spans,
            "location": place_spans,
            "perpetrators": role_spans["perpetrator"],
            "targets": role_spans["target"],
            "claimed_by": role_spans["claim"],
            "blamed": role_spans["blame"],
            "casualties.killed": killed_spans,
            "casualties.injured": injured_spans,
        },
    )
