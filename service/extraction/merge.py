"""Candidates -> incidents: fill gaps from context, merge repeated reports.

ACLED's unit is one event per location per day with one set of actors; an
article reports the same event several times (lead, quote, tweet, recap), so
a candidate that agrees with an earlier one on type, day (±1), place and
actors is folded into it rather than reported twice.
"""

from __future__ import annotations

import datetime as dt
import math

from service.extraction.mentions.places import RANK
from service.extraction.model import REVISED, Count, DateSpan
from service.extraction.resolve.frames import ARMED_CLASH, GENERIC_SUB_EVENT, TERRITORY, Candidate, union
from service.extraction.resolve.places import Place, precision_of
from service.extraction.resolve.protests import ARRESTS, PROTEST_TOLD, is_protest, more_severe

MERGE_DAYS = 1
# Two named places closer than this are one location for ACLED's purposes
# (an embassy and the district around it; a street and its city).
SAME_LOCATION_KM = 10.0
# A city of a million spreads wider: its airport and bases on the outskirts are the city
# (مطار صنعاء is 14 km from صنعاء's centre point).
BIG_CITY_KM, BIG_CITY_POPULATION = 20.0, 1_000_000
# A base or camp is placed by the town it is named after or lies near ("القاعدة الواقعة في
# ناحية البغدادي" is عين الأسد, 20 km from the town's centre point).
SITE_KM = 25.0
TOWN_RANK = RANK["admin2"]  # a district or more specific: a place whose control can change hands in one day
AGREEMENT = "agreement"
DISRUPTED = "disrupted_weapons_use"
_STOPPABLE = frozenset({"air_drone_strike", "shelling_artillery_missile_attack"})
# a bomb or a strike from the air: a fight told after it is another event
_BLASTS = frozenset({"suicide_bomb", "remote_explosive_landmine_ied", "air_drone_strike"})
MIN_STRENGTH_ALONE = 0.5  # below this, a candidate needs a place, a date or a toll to stand
# dates no ACLED event is coded with when no place below the governorate says where either
GENERAL_DATES = frozenset({"month", "year"})
DAY_PRECISIONS = frozenset({"day", "range"})
ADMIN1_RANK, LOCALITY_RANK = RANK["admin1"], RANK["locality"]


def _day(span: DateSpan | None) -> dt.date | None:
    return dt.date.fromisoformat(span.start) if span and span.start else None


def _dates_agree(a: Candidate, b: Candidate) -> bool:
    da, db = _day(a.date), _day(b.date)
    if da is None or db is None:
        return True
    return abs((da - db).days) <= MERGE_DAYS


def _places_agree(a: Candidate, b: Candidate) -> bool:
    if a.place is None or b.place is None:
        return True
    pa, pb = a.place.place, b.place.place
    if pa.country != pb.country:
        return False
    if pa.admin1 and pb.admin1 and pa.admin1 != pb.admin1:
        return False
    both_specific = a.place.rank >= LOCALITY_RANK and b.place.rank >= LOCALITY_RANK
    if not both_specific or pa.id == pb.id:
        return True
    if not (_own_coordinates(pa) and _own_coordinates(pb)):
        return False  # two named villages: no distance tells they are one
    big = max(pa.population or 0, pb.population or 0) >= BIG_CITY_POPULATION
    site = (pa.kind == "site") != (pb.kind == "site")
    reach = SITE_KM if site else BIG_CITY_KM if big else SAME_LOCATION_KM
    return _km(pa.lat, pa.lon, pb.lat, pb.lon) < reach


def _own_coordinates(place: Place) -> bool:
    """The place's coordinates are its own, not a wider place's it was found in."""
    return precision_of(place) in ("locality", "site")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _actors_agree(a: Candidate, b: Candidate) -> bool:
    """Reports disagree only when one's attacker is the other's victim; in a clash both sides
    fought, so who is named as fighting whom tells nothing ("هجوم شنه الحوثيون على مواقع
    الجيش" and "معارك تصدت فيها وحدات الجيش")."""
    if a.mutual or b.mutual:
        return True
    return not (set(a.perpetrators) & set(b.targets) or set(b.perpetrators) & set(a.targets))


def _types_agree(a: Candidate, b: Candidate) -> bool:
    """The same type, or a bare attack word and a specific violent event; an arrest is never
    the attack it follows ("اعتقلت قوات الأمن مشتبها بهم في أعقاب الهجوم")."""
    if a.sub_event_type == b.sub_event_type:
        return True
    if is_protest(a.sub_event_type) or is_protest(b.sub_event_type):
        return _protest_agrees(a, b) or _protest_agrees(b, a)
    types = {a.sub_event_type, b.sub_event_type}
    if DISRUPTED in types and types & _STOPPABLE:
        # "أعلنت إسقاط طائرة مسيرة كانت متجهة نحو قاعدة حرير ... رصدت الطائرة": the strike and
        # its interception, where no two places tell them apart
        return a.place is None or b.place is None or a.place.place.id == b.place.place.id
    return GENERIC_SUB_EVENT in types and ARRESTS not in types


def _protest_agrees(protest: Candidate, other: Candidate) -> bool:
    """A protest told again in other words (the march, its dispersal) or arrests made at it the
    same day; not the organisers' arrest the next morning, nor the sit-in of the next evening.
    Shots fired at it are ``fold_force_into_protests``' business."""
    kind = other.sub_event_type
    if not is_protest(protest.sub_event_type):
        return False
    return (is_protest(kind) or kind == ARRESTS) and _same_day(protest, other)  # one protest a day


def _same_day(a: Candidate, b: Candidate) -> bool:
    days = _day(a.date), _day(b.date)
    return None in days or days[0] == days[1]


def _share_actor(a: Candidate, b: Candidate) -> bool:
    return bool(set(a.perpetrators) & set(b.perpetrators) or set(a.targets) & set(b.targets))


def _compatible(a: Candidate, b: Candidate) -> bool:
    return _compatible_but_place(a, b) and _places_agree(a, b)


def _may_be_one(a: Candidate, b: Candidate) -> bool:
    """Nothing contradicts: not their kinds, days, places or sides, nor how ``b`` is told."""
    return _compatible(a, b) and not _told_apart(a, b)


def _compatible_but_place(a: Candidate, b: Candidate) -> bool:
    return _types_agree(a, b) and _dates_agree(a, b) and _actors_agree(a, b)


def same_event(a: Candidate, b: Candidate) -> bool:
    """Nothing contradicts, and something ties ``b`` to ``a``: the same place, or a
    shared actor, or ``b`` says neither where nor when ("هذه الضربات"), or only where."""
    if not _may_be_one(a, b):
        return False
    if b.place is None and not b.date_explicit:
        return True
    if a.place is not None and b.place is not None:
        return True
    if a.place is None and (a.sentence == b.sentence or not (b.perpetrators or b.targets)):
        # "قصف الطيران الروسي، الأحد، بعدة غارات أطراف جسر الشغور", "طائرات إسرائيلية شنت، فجر
        # اليوم، غارات استهدفت جنودا في ريف دمشق": b says where
        return True
    return _share_actor(a, b)


def _told_apart(a: Candidate, b: Candidate) -> bool:
    """b is told as another event than a: "هجوم مماثل" that gives no day of a's, or, told in
    the pluperfect ("وكانت مسيرة قد استهدفت ... أمس"), with a day of its own before a's. The same
    day and place told again ("وكانت القوات قد شنت في 2 أكتوبر هجوما مماثلا") is the same event,
    and so is a claimed event told in the pluperfect before the day of the claim ("تبنى التنظيم،
    أمس الأربعاء، هجوما ... وكانت طائرة مسيرة قد استهدفت ظهر الثلاثاء")."""
    if a.first > b.first:
        return False  # "لضربات تركية عدة، كان آخرها ... حين قصفت مسيرة": a is one of them
    da, db = _day(a.date), _day(b.date)
    if b.another:
        return da is None or db is None or da != db
    if not b.prior or da is None or db is None or da == db:
        return False
    return not (a.claimed and db < da)


def _merge_count(
    a: Count | None, a_standing: int, b: Count | None, b_standing: int
) -> tuple[Count | None, int]:
    """Precise figures beat vague ones and a toll that rose beats both; differing precise
    figures make a range, and of two rises the later (``b``) stands."""
    if a is None or (b is not None and b_standing > a_standing):
        return b, b_standing
    if b is None or a_standing > b_standing:
        return a, a_standing
    if a_standing == REVISED:
        return b, b_standing
    return Count(min=min(a.min, b.min), max=max(a.max, b.max)), a_standing


def fold(a: Candidate, b: Candidate) -> None:
    """Fold ``b`` (a later report of the same event) into ``a``."""
    if is_protest(a.sub_event_type) or is_protest(b.sub_event_type):
        a.sub_event_type = _protest_of(a.sub_event_type, b.sub_event_type)
    elif a.sub_event_type == GENERIC_SUB_EVENT and b.sub_event_type != GENERIC_SUB_EVENT:
        a.sub_event_type = b.sub_event_type
    a.weapons = union(a.weapons, b.weapons)  # type: ignore[arg-type]
    a.strength = max(a.strength, b.strength)
    a.mutual = a.mutual or b.mutual
    if a.date is None or (b.date_explicit and not a.date_explicit):
        a.date, a.date_explicit = b.date, b.date_explicit
    if b.place and (a.place is None or b.place.rank > a.place.rank):
        a.place = b.place
    _join_sides(a, b)
    a.killed, a.killed_standing = _merge_count(a.killed, a.killed_standing, b.killed, b.killed_standing)
    a.injured, a.injured_standing = _merge_count(a.injured, a.injured_standing, b.injured, b.injured_standing)
    for field, spans in b.spans.items():
        a.spans.setdefault(field, []).extend(spans)


def _join_sides(a: Candidate, b: Candidate) -> None:
    """``a`` takes the parties ``b`` names; one that struck is not also one that was hit."""
    a.perpetrators = union(a.perpetrators, b.perpetrators)
    a.targets = [t for t in union(a.targets, b.targets) if t not in a.perpetrators]
    a.claimed, a.blamed = union(a.claimed, b.claimed), union(a.blamed, b.blamed)


def _protest_of(a: str, b: str) -> str:
    """A protest and what was done at it: the protest, as severe as the worse of the two."""
    return more_severe(a, b) if is_protest(a) else more_severe(b, a)


def _place_affinity(a: Candidate, b: Candidate) -> int:
    """2: the same (or a nearby) named place; 1: the same governorate; 0: no tie."""
    if a.place is None or b.place is None:
        return 0
    if a.place.rank >= 4 and b.place.rank >= 4:
        return 2
    return int(bool(a.place.place.admin1) and a.place.place.admin1 == b.place.place.admin1)


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """Fold each candidate into the latest earlier incident that reports the same
    event; a weak report ("الهجوم") only adds to an incident, never starts one."""
    out: list[Candidate] = []
    weak: list[Candidate] = []
    # lists of places ("الضربات شملت القائم وعكاشات") one of whose places is an incident: the
    # others are that event's other locations, weak words or not
    standing_lists: dict[int, Candidate] = {}  # list -> the incident one of its places joined
    candidates = _headings_into_text(candidates)
    _date_placed_reports(candidates)
    for c in candidates:
        c = _completing(weak, c)
        target = _best_match(out, c) or _elaborated(out, c)
        if target is not None:
            fold(target, c)
        elif c.listed_from in standing_lists and _named_below_country(c):
            _inherit(c, standing_lists[c.listed_from])
            out.append(c)
        elif stands_alone(c):
            out.append(c)
        else:
            weak.append(c)
            continue
        if c.listed_from >= 0:
            standing_lists.setdefault(c.listed_from, target or c)
    # a weak report before the incident it belongs to ("شن مسلحو الشباب هجوما على قاعدة في
    # عيل بور ... واندلعت اشتباكات"): its place and actors still count
    for c in weak:
        target = _best_match(out, c, same_sentence=True)
        if target is not None:
            fold(target, c)
            if _named_below_country(c) or c.sentence == target.sentence:
                target.first = min(target.first, c.first)
    # an incident first reported by a weak word that says where ("أنه قصف مواقع في عيتا
    # الشعب") is the lead's event: text order decides which incident is the main one
    out.sort(key=lambda c: c.first)
    return [c for c in out if not _the_war_in_general(c)]


def fold_force_into_protests(
    incidents: list[Candidate], state: frozenset[str], unarmed: frozenset[str]
) -> list[Candidate]:
    """ "وأطلقت قوات الأمن الرصاص الحي لتفريقهم": shots told next to a protest, the same day in
    the same place, by the state's forces or no one named, at the crowd or at the forces
    facing it, were fired at that protest. An attack by anyone else, or on anyone else (gunmen
    on a checkpoint the same night), is an event of its own."""
    out: list[Candidate] = []
    protests = [c for c in incidents if is_protest(c.sub_event_type)]
    for c in incidents:
        near = sorted(protests, key=lambda p: abs(p.first - c.first))
        protest = next((p for p in near if _fired_on(p, c, state, unarmed)), None)
        if protest is None:
            out.append(c)
        else:  # "قتل نازح بعدما أطلقت الشرطة الرصاص لتفريق ... وكان المحتجون قد تجمعوا"
            fold(protest, c)
            protest.first = min(protest.first, c.first)
    out.sort(key=lambda c: c.first)
    return out


def _fired_on(protest: Candidate, c: Candidate, state: frozenset[str], unarmed: frozenset[str]) -> bool:
    if not is_protest(protest.sub_event_type) or c.sub_event_type != GENERIC_SUB_EVENT:
        return False
    near = abs(protest.sentence - c.sentence) <= 1 or c.date is None  # "متهمة القوات بإطلاق الرصاص"
    if not (near and _same_day(protest, c) and _places_agree(protest, c)):
        return False
    return set(c.perpetrators) <= state and set(c.targets) <= state | unarmed


def place_unplaced(incidents: list[Candidate]) -> None:
    """ "حاولت مجموعة من المسلحين اقتحام القاعدة عقب الانفجار": an event the text places nowhere,
    told after one it places, the same day or "في المنطقة نفسها", happened there (ACLED codes every
    event at a place)."""
    placed: Candidate | None = None  # the last placed incident so far; they come in text order
    for c in incidents:
        if c.place is not None:
            placed = c
        elif placed is not None and (_same_day(placed, c) or c.same_place):
            c.place = placed.place
            c.spans["location"] = list(placed.spans.get("location", []))


def _headings_into_text(candidates: list[Candidate]) -> list[Candidate]:
    """A title or subheading sums up the text under it ("قتيلان بضربة تركية في العمادية" over "قتل
    شخصان ... قرب قرية سركلي ... في قضاء العمادية"): its report is the first one under it that
    nothing contradicts, which takes from the heading only what it leaves unsaid."""
    out: list[Candidate] = []
    for k, heading in enumerate(candidates):
        body = _told_under(heading, candidates, k + 1) if heading.heading else None
        if body is None:
            out.append(heading)
        else:
            _fill_from_heading(body, heading)
    return out


def _told_under(heading: Candidate, candidates: list[Candidate], start: int) -> Candidate | None:
    """The report under the heading that names a place in the heading's governorate and that
    nothing contradicts; of several, one of the heading's own kind if it names one, else the first."""
    under = []
    for i in range(start, len(candidates)):  # no copy of the rest for every heading
        c = candidates[i]
        if c.heading and c.sentence != heading.sentence:
            break  # the next heading's text
        if c.sentence > heading.sentence and _same_region(heading, c) and _compatible_but_place(heading, c):
            under.append(c)
    kind = heading.sub_event_type
    return min(under, key=lambda c: kind not in (GENERIC_SUB_EVENT, c.sub_event_type), default=None)


def _same_region(a: Candidate, b: Candidate) -> bool:
    if a.place is None or not _named_below_country(b):
        return False
    pa, pb = a.place.place, b.place.place
    return pa.country == pb.country and (not (pa.admin1 and pb.admin1) or pa.admin1 == pb.admin1)


def _fill_from_heading(c: Candidate, heading: Candidate) -> None:
    """What the report leaves unsaid, the heading says; the report's own words win."""
    taken = ["sub_event_type", "perpetrators", "targets", "claimed_by", "blamed"]
    if c.sub_event_type == GENERIC_SUB_EVENT:
        c.sub_event_type = heading.sub_event_type
    c.weapons = union(c.weapons, heading.weapons)  # type: ignore[arg-type]
    c.strength = max(c.strength, heading.strength)
    if c.date is None and heading.date is not None:
        c.date, c.date_explicit = heading.date, heading.date_explicit
        taken.append("date")
    if heading.place is not None and (c.place is None or heading.place.rank > c.place.rank):
        c.place = heading.place
        c.spans["location"] = []
        taken.append("location")
    _join_sides(c, heading)
    for kind in ("killed", "injured"):
        if getattr(c, kind) is None and getattr(heading, kind) is not None:
            setattr(c, kind, getattr(heading, kind))
            setattr(c, f"{kind}_standing", getattr(heading, f"{kind}_standing"))
            taken.append(f"casualties.{kind}")
    for field in taken:
        c.spans.setdefault(field, []).extend(heading.spans.get(field, []))
    c.first = min(c.first, heading.first)


def _date_placed_reports(candidates: list[Candidate]) -> None:
    """ "قتل أربعة في غارات على معرة مصرين صباح اليوم ... وفي ريف حلب، قتلت امرأة بقذائف على
    الأتارب": a report that names its own town but no day goes on in the time of the dated report
    before it, so it is no report of an event told later with another day ("الأحد الماضي"). A
    report dated by a month or a year is background ("كان أعنفها في نيسان الماضي"): the next goes
    on in the day of the news before it. A report naming no place, or a place told of before,
    keeps no day: it may tell more of an event told earlier."""
    last: DateSpan | None = None
    seen: set[str] = set()
    for c in candidates:
        town = c.place.place.id if c.place is not None and c.place.rank >= LOCALITY_RANK else None
        if c.date is not None:
            last = c.date if tells_the_day(c.date) else last
        elif town is not None and town not in seen:
            c.date = last
        if c.place is not None:
            seen.add(c.place.place.id)


def tells_the_day(date: DateSpan) -> bool:
    """Dated to the day or a few days: news, not background told by its month or year."""
    return date.precision in DAY_PRECISIONS


def _best_match(incidents: list[Candidate], c: Candidate, same_sentence: bool = False) -> Candidate | None:
    """The incident ``c`` reports again: the one with the closest place, then the latest. With
    ``same_sentence``, an incident of c's own sentence that nothing contradicts also counts."""
    options = [
        (i, o)
        for i, o in enumerate(incidents)
        if same_event(o, c) or (same_sentence and o.sentence == c.sentence and _may_be_one(o, c))
    ]
    if not options:
        return None
    # a bare claim ("وتبنت الحركة الهجوم") is of the article's main event, not of the latest
    order = -1 if _bare_claim(c) else 1
    return max(
        options, key=lambda io: (_place_affinity(io[1], c), io[1].sentence == c.sentence, order * io[0])
    )[1]


def _completing(weak: list[Candidate], c: Candidate) -> Candidate:
    """ "أعلن حزب الله أن مقاتليه استهدفوا ثكنة برانيت، ... بصواريخ بركان": a report naming no
    place and no party that follows a weak one in its sentence says what that one was; the two
    go on as one (the weak one, now with c's event words)."""
    if c.place is not None or c.perpetrators or c.targets:
        return c
    k = next((k for k in range(len(weak) - 1, -1, -1) if weak[k].sentence == c.sentence), None)
    if k is None or not _may_be_one(weak[k], c):
        return c
    last = weak.pop(k)
    fold(last, c)
    return last


def _bare_claim(c: Candidate) -> bool:
    """A claim that says of its event neither where, when, nor who was hit."""
    return bool(c.claimed) and not (c.perpetrators or c.targets or c.place or c.date_explicit)


def _elaborated(incidents: list[Candidate], c: Candidate) -> Candidate | None:
    """ "وقال المصدر إن صاروخين أطلقا نحو الثالثة فجرا على مبنى": a report that names no place,
    no party and no day, in the sentence of an incident or the next, tells more of that
    incident (its weapon, its toll), even where its event word is of another kind."""
    if not incidents or c.place is not None or c.date_explicit or c.sub_event_type in (ARRESTS, AGREEMENT):
        return None  # an arrest or a truce after an attack is another event, not more of the attack
    last = incidents[-1]
    if c.another or (c.prior and not _types_agree(last, c)):
        return None  # "وكانت مسيرة قد استهدفت سيارة": before the shelling, not more of it
    if c.perpetrators or c.targets or c.claimed:
        return None
    if is_protest(c.sub_event_type) and not is_protest(last.sub_event_type):
        return None  # a protest after an attack is about it, not more of it
    if c.sub_event_type == ARMED_CLASH and last.sub_event_type in _BLASTS:
        return None  # "حاولوا اقتحام القاعدة عقب الانفجار، فاندلع اشتباك": a fight of its own
    return last if 0 <= c.sentence - last.sentence <= 1 else None


def _inherit(c: Candidate, sibling: Candidate) -> None:
    """What a place of a list leaves unsaid, the incident of another of its places says (the
    same strikes: "غارات أمريكية ... شملت القائم وعكاشات"): the kind of event, the sides, the
    weapons, the day."""
    if c.sub_event_type == GENERIC_SUB_EVENT:  # "تعرضت لهجومين بطائرات مسيرة، استهدف الأول X والثاني Y"
        c.sub_event_type = sibling.sub_event_type
    if not (c.perpetrators or c.targets):
        c.perpetrators, c.targets = list(sibling.perpetrators), list(sibling.targets)
    c.weapons = union(c.weapons, sibling.weapons)  # type: ignore[arg-type]
    if c.date is None:
        c.date, c.date_explicit = sibling.date, sibling.date_explicit


def _named_below_country(c: Candidate) -> bool:
    """ "غارات في العراق وسوريا" names two countries: too vague to be an event's locations."""
    return c.place is not None and c.place.rank >= ADMIN1_RANK


def _the_war_in_general(c: Candidate) -> bool:
    """ "وتدور المعارك منذ أكتوبر/تشرين الأول الماضي", "تشهد أبين هجمات منذ 2022": no place below
    the governorate, only a month or a year and no toll is the war or a campaign in general,
    not one event ("غارتان أواخر نوفمبر قتلتا تسعة" is one, if a vague one)."""
    if (c.place is not None and c.place.rank > ADMIN1_RANK) or _has_toll(c):
        return False
    return c.date is not None and c.date.precision in GENERAL_DATES


def stands_alone(c: Candidate) -> bool:
    """Weak event words need corroboration to be reported as an incident; "وتشهد المنطقة
    عمليات اغتيال مماثلة": other events like it with no day of their own are no incident."""
    if c.another and c.date is None:
        return False
    if c.strength >= MIN_STRENGTH_ALONE:
        return True
    if c.sub_event_type in TERRITORY and c.place is not None and c.place.rank >= TOWN_RANK:
        return True  # "سيطرت قوات الدعم السريع على ود مدني": taking a named town is the event
    if c.sub_event_type == ARRESTS:  # arrests have no toll: a day or a town says which
        return c.date_explicit or (c.place is not None and c.place.rank >= TOWN_RANK)
    if is_protest(c.sub_event_type):  # nor have most protests; a day and a governorate do too
        if c.strength < PROTEST_TOLD:
            return False  # protesters named, no protest told ("قتل خلالها 600 متظاهر")
        return c.date_explicit or (c.place is not None and c.place.rank >= TOWN_RANK) or (
            c.date is not None and _named_below_country(c)
        )
    return _has_toll(c) and (c.date_explicit or _named_below_country(c))


def _has_toll(c: Candidate) -> bool:
    return c.killed is not None or c.injured is not None
