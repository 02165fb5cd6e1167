"""Place mentions: gazetteer names found in the text, each resolved to one entry.

A name with several gazetteer entries (طرابلس in Lebanon and Libya; بغداد the
city and the governorate) is resolved with what else the article names: the
countries and governorates mentioned unambiguously elsewhere in it.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from operator import attrgetter
from pathlib import Path

import msgspec

from service.extraction.lexicon import Match, PhraseMatcher, read_table
from service.extraction.model import ActorMention, Doc, SourceMention
from service.extraction.normalize import normalize_phrase
from service.extraction.resolve.places import Gazetteer, Place, PlaceContext, choose, load_gazetteer

RANK = {"country": 1, "admin1": 2, "admin2": 3, "locality": 4, "site": 5, "sea": 5}
# A town this large is named in news on its own; a smaller place in a country
# the article never names is more likely an ordinary word ("بيان", "العديد").
LANDMARK_POPULATION = 100_000
# "قرب الحدود مع سوريا", "صاروخ أطلق من جنوب لبنان", "غارات من اتجاه الجولان", "الطائرات
# أقلعت من قاعدة حميميم": a place named
# as a border, as where a projectile or a raid came from, or as where the displaced fled from
# or to, or where the wounded were taken, is where the event was not.
_ELSEWHERE_BEFORE = re.compile(
    r"(?:(?:الحدود|حدود|الحدوديه)(?:\s+مع)?"
    r"|(?:اطلق|اطلقت|اطلقه|اطلقها|اطلقوا|انطلق|انطلقت|اقلع|اقلعت|اقلعوا)\s+من\s+(?:داخل\s+|الاراضي\s+)?"
    r"|(?:^|\s)(?:انطلاقا\s+)?من\s+(?:اتجاه|جهه|ناحيه|اجواء|الاجواء|سماء|فوق)(?:\s+(?:منطقه|مرتفعات))?"
    # where the displaced came from: "نازحون من ولايات الخرطوم والجزيرة"
    r"|(?:الفارين|الفارون|النازحين|النازحون|نازحين|نازحون|القادمين|القادمون|المهجرين|المهجرون)\s+من\s+"
    r"(?:ولايات?\s+|ولايه\s+|محافظات?\s+|محافظه\s+|مدن\s+|مدينه\s+)?"
    # and where they fled to: "دفع مئات العائلات إلى النزوح نحو مساجد صيدا"
    r"|(?:النزوح|نزوح|نزحوا|نزحت|فروا|فرت|هربوا|لجوا|لجات)\s+(?:نحو|الي|باتجاه)\s+(?:\w+\s+)?"
    # and where the wounded or the dead were taken: "جثث الحوثيين نقلها رفاقهم إلى مدينة رداع"
    r"|(?:نقل|نقلت|نقلوا|نقله|نقلها|نقلهم|نقلتهم|اسعف|اسعفوا)\s+(?:\w+\s+)?(?:الي|نحو)\s+(?:مدينه\s+)?)\s*$"
)
# "إذ تقول عمّان إن", "واتهمت أنقرة": a city that speaks is its government, not a place.
_SPEAKER_BEFORE = re.compile(
    r"(?:^|\s)[وف]?(?:قالت|تقول|اعلنت|تعلن|اتهمت|تتهم|اكدت|توكد|حذرت|تحذر|نفت|تنفي|طالبت|تطالب|"
    r"دعت|تدعو|ادانت|تدين|اعتبرت|تعتبر|رات|تري|ردت|ترد|زعمت|تزعم|تحدثت|تتحدث|مطالبه|مطالبا)\s+$"
)
# "محافظة الأنبار", "قضاء القائم": the administrative word says which entry is meant.
_ADMIN1_BEFORE = re.compile(r"(?:محافظه|محافظتي|ولايه|اقليم|امانه)\s*$")
_ADMIN2_BEFORE = re.compile(r"(?:قضاء|مديريه|منطقه|ناحيه)\s*$")
# A one-word name of a small place counts only where the sentence says "in/at/near
# a place": a preposition clitic on it (بالقائم) or a locative word before it (وفي، ومدينة).
_LOCATIVE_BEFORE = re.compile(
    r"(?:^|\s)[\"«]?[وف]?(?:ل(?=مدينه|بلده|قريه|مخيم|منطقه|حي\s))?"
    r"(?:في|من|الي|علي|قرب|عند|نحو|باتجاه|بالقرب من|محيط|اطراف|ضواحي|شمال|جنوب|شرق|غرب|"
    r"شمالي|جنوبي|شرقي|غربي|مدينه|بلده|قريه|منطقه|منطقتي|حي|مخيم|قضاء|ناحيه|محافظه|ريف|مطار|ميناء|معبر|جزيره|قاعده|"
    r"مديريه|ولايه|جبهه|محور|بلدات|مدن|قري|مناطق|بلدتي|مدينتي|قريتي|موقع|مواقع|ثكنه)\s+[\"«]?$"
)
# Outside the countries the article names, only a settlement word vouches for a name.
_SETTLEMENT = r"(?:مدينه|بلده|قريه|مخيم|قضاء|ناحيه|مديريه|محافظه)"
_SETTLEMENT_BEFORE = re.compile(rf"(?:^|\s)[وف]?ل?{_SETTLEMENT}\s+$")
# A named base, airport, port or crossing ("قاعدة عين الأسد") stands on its own: news names
# them without their country.
_FACILITY = r"(?:قاعده|مطار|ميناء|معبر|منفذ|معسكر)"
# the gazetteer name itself says what it is: "قضاء سنجار", "قاعدة عين الأسد"
_KIND_FIRST = re.compile(rf"(?:{_SETTLEMENT}|{_FACILITY})\s")
# "صور - قال مسؤول", "بغداد (رويترز) -": the city the report was filed from, maybe the agency's
# name, then a dash (frames also takes a colon after the text's first word)
DATELINE_AGENCY = r"\s*(?:\([^()]{1,40}\)\s*)?"
_DATELINE_DASH = re.compile(rf"{DATELINE_AGENCY}[-–—]")
_LINE_START = re.compile(r"(?:^|\n)\W*$")
_LOCATIVE_CLITICS = ("ب", "وب", "فب", "ل", "ول")
_MIN_CLITIC_NAME = 5  # a shorter name after ب is too often part of another word
_LOOKBEHIND = 32
_START = attrgetter("start")


class PlaceMention(msgspec.Struct, frozen=True):
    start: int
    end: int
    place: Place
    elsewhere: bool  # named as a border or a launch site near the event, not the event's place
    # the name stands on its own: one of its readings is a landmark (Saada the town and the
    # governorate, even where context picks the town), and it is no ordinary word as well
    # (place_homographs.txt: "وأظهرت صور")
    landmark: bool = False

    @property
    def rank(self) -> int:
        """How specific the place is: 1 country ... 5 site."""
        return RANK.get(self.place.kind, 0)


class PlaceFinder:
    """The gazetteer's names compiled into one phrase matcher."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        homographs: frozenset[str] = frozenset(),
        borders: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.matcher: PhraseMatcher[Place] = PhraseMatcher(gazetteer.variants())
        self.homographs = homographs  # normalized names that are also ordinary words
        self.borders = borders or {}  # country -> the countries it borders

    def find(self, doc: Doc, countries: frozenset[str] = frozenset()) -> list[PlaceMention]:
        """The places named in ``doc``; ``countries``: ones the text names otherwise (its army)."""
        norm = doc.norm
        hits = _group(_named_over_kind(norm, self.matcher.find(norm)))
        # "وأظهرت صور": a name that is also a word is no landmark, and tells nothing of the context
        words = {key for key in hits if norm[key[0] : key[1]] in self.homographs}
        context = _context({key: places for key, places in hits.items() if key not in words}, countries)
        found = [self._resolve(norm, start, end, places, context, (start, end) in words)
                 for (start, end), places in hits.items()]
        kept: list[PlaceMention] = []
        for m in sorted(found, key=_START):
            named_country = m.place.country in context.countries
            listed = bool(kept) and named_country and _listed_after(norm, kept[-1], m)
            if listed or _plausible(norm, m, context, self._near(m.place.country, context)):
                kept.append(m)
        return kept

    def _near(self, country: str, context: PlaceContext) -> bool:
        """Whether ``country`` is one the text names or borders one of them."""
        return not context.countries or bool(self.borders.get(country, frozenset()) & context.countries)

    def _resolve(
        self, norm: str, start: int, end: int, places: list[Place], context: PlaceContext, word: bool
    ) -> PlaceMention:
        before = norm[max(0, start - _LOOKBEHIND) : start]
        if _ADMIN1_BEFORE.search(before):
            places = [p for p in places if p.kind == "admin1"] or places
        elif _ADMIN2_BEFORE.search(before):
            places = [p for p in places if p.kind in ("admin2", "locality", "site")] or places
        place = places[0] if len(places) == 1 else choose(places, context)
        elsewhere = named_elsewhere(norm, start)
        landmark = not word and any(is_landmark(p) for p in places)
        return PlaceMention(start=start, end=end, place=place, elsewhere=elsewhere, landmark=landmark)


def named_elsewhere(norm: str, start: int) -> bool:
    """The place starting at ``start`` is named as a border, a launch site or a speaker."""
    before = norm[max(0, start - _LOOKBEHIND) : start]
    return bool(_ELSEWHERE_BEFORE.search(before) or _SPEAKER_BEFORE.search(before))


def _named_over_kind(norm: str, matches: list[Match[Place]]) -> list[Match[Place]]:
    """Drop a name that opens with a kind word where another name starts after that word and
    runs past its end: "مدينة عدن يابال" is Adan Yabaal, not the "مدينة عدن" of Aden."""
    starts = [m.start for m in matches]  # the matcher gives them by start
    dropped = set()
    for m in matches:
        kind = _KIND_FIRST.match(norm, m.start, m.end)
        if kind is None:
            continue
        after = matches[bisect_left(starts, kind.end()) : bisect_left(starts, m.end)]
        if any(o.end > m.end for o in after):
            dropped.add((m.start, m.end))
    return [m for m in matches if (m.start, m.end) not in dropped] if dropped else matches


def _group(matches: list[Match[Place]]) -> dict[tuple[int, int], list[Place]]:
    grouped: dict[tuple[int, int], list[Place]] = {}
    for m in matches:
        grouped.setdefault((m.start, m.end), []).append(m.payload)
    return grouped


def _plausible(norm: str, m: PlaceMention, context: PlaceContext, near: bool) -> bool:
    """Keep landmarks; keep a small place only in a named country and, if its name
    is one word, only where the text says it is a place; in a country the text does not
    name, only if it borders one it names (``near``), or the gazetteer names it so."""
    if m.landmark or _dateline(norm, m):
        return True
    if m.place.country not in context.countries:
        if m.place.source == "curated" and _several_words(norm, m):
            return True  # "الجليل الأعلى" in a text that names only the country firing at it
        named = _KIND_FIRST.match(norm, m.start, m.end)
        settled = near and _SETTLEMENT_BEFORE.search(norm[max(0, m.start - 20) : m.start])
        return bool(named or settled)
    if _several_words(norm, m):
        return True
    word_start = m.start
    while word_start > 0 and norm[word_start - 1].isalpha():
        word_start -= 1
    prefix = norm[word_start : m.start]
    clitic = prefix in _LOCATIVE_CLITICS and m.end - m.start >= _MIN_CLITIC_NAME  # not "بايدن"
    return clitic or bool(_LOCATIVE_BEFORE.search(norm[max(0, word_start - 20) : word_start]))


def _dateline(norm: str, m: PlaceMention) -> bool:
    """ "صور - قال مسؤول": a line opens with the place the report was filed from."""
    return bool(_LINE_START.search(norm, max(0, m.start - 8), m.start) and _DATELINE_DASH.match(norm, m.end))


# What may stand between two places of one list: "صنعاء ومحافظة الحديدة", "حلب، إدلب وحماة",
# "القائم وعكاشات ... وفي دير الزور", "استهدف الأول قاعدة X، والثاني قاعدة Y"
_LIST_LINK = re.compile(
    r"\s*(?P<comma>[،,]\s*)?(?P<and>و\s*)?(?:(?:في|علي|الي)\s+)?"
    r"(?:(?:ال)?(?:ثاني|ثانيه|ثالث|ثالثه|اخر|اخري)\s+(?:(?:في|علي|الي|استهدف|استهدفت)\s+)?)?"
    r"(?:(?:ال)?(?:محافظه|مدينه|بلده|قريه|مديريه|قضاء|ناحيه|منطقه|مخيم)\s+)?"
)


def list_link(norm: str, end: int, start: int) -> str:
    """"و" or "،" if the text from ``end`` to ``start`` joins two places in a list, else ""."""
    link = _LIST_LINK.fullmatch(norm, end, start)
    if link is None:
        return ""
    return "و" if link["and"] else "،" if link["comma"] else ""


def _listed_after(norm: str, prev: PlaceMention, m: PlaceMention) -> bool:
    """``m`` follows the place ``prev`` as the next item of a list ("دير الزور والميادين"): a
    place too."""
    return prev.end < m.start and list_link(norm, prev.end, m.start) != ""


def _several_words(norm: str, m: PlaceMention) -> bool:
    return " " in norm[m.start : m.end].strip()


def is_landmark(place: Place) -> bool:
    """Countries, governorates and large cities: names that stand on their own."""
    return place.kind in ("country", "admin1", "sea") or (place.population or 0) >= LANDMARK_POPULATION


def _context(hits: dict[tuple[int, int], list[Place]], named: frozenset[str] = frozenset()) -> PlaceContext:
    """Countries and governorates the article names without ambiguity, through landmarks, and
    the countries it names otherwise (``named``)."""
    landmarks = [[p for p in places if is_landmark(p)] for places in hits.values()]
    countries = {ps[0].country for ps in landmarks if ps and len({p.country for p in ps}) == 1} | named
    admin1s = {ps[0].admin1 for ps in landmarks if ps and len({p.admin1 for p in ps}) == 1 and ps[0].admin1}
    return PlaceContext(countries=frozenset(countries), admin1=frozenset(admin1s))


HOMOGRAPHS = Path(__file__).resolve().parent.parent / "data" / "place_homographs.txt"
BORDERS = HOMOGRAPHS.with_name("country_borders.tsv")


def read_borders(path: Path = BORDERS) -> dict[str, frozenset[str]]:
    """country -> the countries it borders, symmetric whichever way a row lists a pair."""
    pairs: dict[str, set[str]] = {}
    for country, *rest in read_table(path):
        for other in " ".join(rest).split():
            pairs.setdefault(country, set()).add(other)
            pairs.setdefault(other, set()).add(country)
    return {country: frozenset(others) for country, others in pairs.items()}


def load_place_finder(
    path: Path | None = None, homographs: Path = HOMOGRAPHS, borders: Path = BORDERS
) -> PlaceFinder:
    words = frozenset(normalize_phrase(row[0]) for row in read_table(homographs))
    return PlaceFinder(load_gazetteer(path), words, read_borders(borders))


def outside_names(
    places: list[PlaceMention], names: Sequence[ActorMention | SourceMention]
) -> list[PlaceMention]:
    """Places that are not part of an actor's or an outlet's name ("فيلق القدس", "موالية لإيران",
    "القدس العربي")."""
    inside = SpanIndex([(a.start, a.end) for a in names])
    return [p for p in places if not inside.covers((p.start, p.end))]


class SpanIndex:
    """Spans other mentions took, asked about one span at a time in O(log n)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        # the furthest end among the first i spans
        self.reach = list(itertools.accumulate((e for _, e in ordered), max, initial=0))

    def covers(self, span: tuple[int, int]) -> bool:
        """Some span starting at or before ``span`` ends at or after it."""
        i = bisect_right(self.starts, span[0])
        return i > 0 and self.reach[i] >= span[1]

    def overlaps(self, span: tuple[int, int]) -> bool:
        """Some span shares a character with ``span``."""
        return self.reach[bisect_left(self.starts, span[1])] > span[0]
