"""Date expressions in normalized text -> resolved ``DateMention``s.

Matching only: the word lists in ``data/dates/`` and two numeric regexes turn
``doc.norm`` into a row of atoms (a month name, a number, a weekday...); a
small grammar groups neighbouring atoms into expressions ("الثلاثاء 26
ديسمبر/كانون الأول 2023" is one); ``resolve.dates`` puts them on the calendar.

Reference day: ``doc.published_at``. When it is None, relative expressions
are anchored on the latest explicit full date (day, month, year) in the text,
and dates without a year take the year nearest that anchor; with neither,
they come back with precision "unknown".
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from service.extraction.lexicon import PhraseMatcher, read_table
from service.extraction.model import DateMention, Doc
from service.extraction.normalize import normalize_phrase
from service.extraction.resolve.dates import (
    AfterDayExpr,
    DateExpr,
    DayExpr,
    Mod,
    MonthExpr,
    NightExpr,
    Part,
    RangeExpr,
    RelDayExpr,
    SinceExpr,
    WeekdayExpr,
    WeekExpr,
    YearExpr,
    after_day,
    day_date,
    is_full_date,
    resolve,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "dates"
Payload = tuple[str, int]
Rule = Callable[["_Parser", int], "tuple[int, Found] | None"]

# Digit runs with their inner separators in one pass ("4/1/2024", "1:45", "2.5", "3-5", "26");
# each is then read as a numeric date, one or two plain numbers, or nothing (clock times, decimals).
DIGITS_RE = re.compile(r"\d\d*(?:[-/.:,]\d+)*")  # \d+ spelled so the scan skips to digits
# A numeric date: day first as in Arab media (4/1/2024, 04.01.2024), or ISO (2024-01-04).
NUMERIC_DATE_RE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})|(\d{1,2})([-/.])(\d{1,2})\6(\d{4})")
GAP_PUNCT = r"[\s,/()\-]*"
MAX_GAP = 24  # characters between two atoms of one expression; longer gaps never glue
GREGORIAN_YEARS = range(1900, 2101)
HIJRI_YEARS = range(1300, 1601)
MODS: dict[str, Mod] = {"mod_current": "current", "mod_past": "past", "mod_next": "next"}
PARTS: tuple[Part, ...] = ("early", "mid", "late")


# ---- the lexicon ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateLexicon:
    """Everything ``find_dates`` needs, built once from ``data/dates/``."""

    matcher: PhraseMatcher[Payload]
    glue_re: re.Pattern[str]  # the gap between two parts of one date
    range_re: re.Pattern[str]  # the gap between the two ends of a range
    era_re: re.Pattern[str]  # هـ / م after a year: group "h" when Hijri


def _number_keyed(data_dir: Path, name: str, kind: str) -> Iterator[tuple[str, Payload]]:
    for row in read_table(data_dir / name):
        yield row[1], (kind, int(row[0]))
        if len(row) > 2 and row[2] == "ambiguous":
            yield row[1], ("ambiguous", 1)


def _phrase_entries(data_dir: Path) -> Iterator[tuple[str, Payload]]:
    yield from _number_keyed(data_dir, "months.tsv", "month")
    yield from _number_keyed(data_dir, "hijri_months.tsv", "hmonth")
    yield from _number_keyed(data_dir, "weekdays.tsv", "weekday")
    yield from _number_keyed(data_dir, "ordinals.tsv", "ordinal")
    for form, part in read_table(data_dir / "parts.tsv"):
        yield form, ("part", PARTS.index(part))
    for form, kind, value in read_table(data_dir / "relative.tsv"):
        # day/month/year would clash with the month and number readings of other atoms
        relative = kind in ("day", "after", "last_week", "month", "year")
        yield form, (f"rel_{kind}" if relative else kind, int(value))
    for form, role in read_table(data_dir / "words.tsv"):
        if role not in ("glue", "range", "era_hijri", "era_gregorian"):
            yield form, (role, 0)


def _alternation(forms: list[str]) -> str:
    return "|".join(re.escape(normalize_phrase(f)) for f in sorted(forms, key=len, reverse=True))


def _gap_regexes(data_dir: Path) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words: dict[str, list[str]] = {}
    for form, role in read_table(data_dir / "words.tsv"):
        words.setdefault(role, []).append(form)
    glue = re.compile(rf"{GAP_PUNCT}(?:(?:{_alternation(words['glue'])}){GAP_PUNCT})?")
    rng = re.compile(rf"\s*(?:{_alternation(words['range'])})\s*")
    era = re.compile(
        rf"\s*(?:(?P<h>{_alternation(words['era_hijri'])})|{_alternation(words['era_gregorian'])})(?!\w)"
    )
    return glue, rng, era


def load_date_lexicon(data_dir: Path | None = None) -> DateLexicon:
    """Read the date word lists once; every entry goes through ``normalize_phrase``."""
    data_dir = data_dir or DATA_DIR
    glue, rng, era = _gap_regexes(data_dir)
    matcher = PhraseMatcher(_phrase_entries(data_dir))
    return DateLexicon(matcher=matcher, glue_re=glue, range_re=rng, era_re=era)


# ---- atoms ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Atom:
    """One matched word or number; ``kinds`` maps each reading to its value."""

    start: int
    end: int
    kinds: dict[str, int]
    text: str = ""


def _atoms(norm: str, lex: DateLexicon) -> list[Atom]:
    """Words, numbers and numeric dates, in text order, without overlaps."""
    grouped: dict[tuple[int, int], Atom] = {}
    for m in lex.matcher.find(norm):
        kind, value = m.payload
        grouped.setdefault((m.start, m.end), Atom(m.start, m.end, {})).kinds[kind] = value
    for m in DIGITS_RE.finditer(norm):
        for atom in _digit_atoms(m.group(), m.start()):
            grouped.setdefault((atom.start, atom.end), atom)
    atoms: list[Atom] = []
    for atom in sorted(grouped.values(), key=lambda a: (a.start, -a.end)):
        if not atoms or atom.start >= atoms[-1].end:
            atoms.append(atom)
    return atoms


def _digit_atoms(token: str, start: int) -> list[Atom]:
    """A digit run as atoms: a numeric date, a number, or the two ends of "3-5"."""
    if NUMERIC_DATE_RE.fullmatch(token):
        return [Atom(start, start + len(token), {"numdate": 0}, token)]
    if token.isdigit():
        return [Atom(start, start + len(token), {"num": int(token)}, token)] if len(token) <= 4 else []
    parts = token.split("-")
    if len(parts) != 2 or not all(p.isdigit() and len(p) <= 2 for p in parts):
        return []  # clock times, decimals, thousands separators, phone numbers
    second = start + len(parts[0]) + 1
    return [Atom(start, second - 1, {"num": int(parts[0])}, parts[0]),
            Atom(second, second + len(parts[1]), {"num": int(parts[1])}, parts[1])]


def _numeric_date(atom: Atom) -> DayExpr | None:
    m = NUMERIC_DATE_RE.fullmatch(atom.text)
    if m is None:
        return None
    iso = m.group(1) is not None
    year, month, day = (m.group(1), m.group(3), m.group(4)) if iso else (m.group(8), m.group(7), m.group(5))
    expr = DayExpr(day=int(day), month=int(month), year=int(year))
    return expr if day_date(expr, None) is not None and int(year) in GREGORIAN_YEARS else None


# ---- the grammar ---------------------------------------------------------------------------


# Which grammar rules an atom can start, by its readings; RULE_ORDER is their priority.
RULE_ORDER = ("numeric", "day_month", "part_month", "month", "year", "weekday", "relative", "ago")
RULES_BY_KIND: dict[str, tuple[str, ...]] = {
    "numdate": ("numeric",),
    "num": ("day_month",),
    "ordinal": ("day_month",),
    "part": ("part_month",),
    "month": ("month",),
    "hmonth": ("month",),
    "monthword": ("month",),
    "yearword": ("year",),
    "daypart": ("weekday", "relative"),
    "weekday": ("weekday",),
    "rel_day": ("relative",),
    "rel_after": ("relative",),
    "rel_last_week": ("relative",),
    "rel_month": ("relative",),
    "rel_year": ("relative",),
    "ago": ("ago",),
}


class Slot(NamedTuple):
    """The month of an expression: a name (Gregorian or Hijri) or an offset from published_at's."""

    month: int | None
    offset: int | None
    ambiguous: bool  # alone it would not count as a month (آب، صفر)
    hijri: bool


@dataclass(slots=True)
class Found:
    start: int
    end: int
    expr: DateExpr
    explicit: bool


_THAT_BEFORE = re.compile(r"(?:^|\s)[وف]?[لب]?ان\s+$")  # normalized أن/إن/لأن/بأن
MONDAY = 0  # the one weekday whose name is also a numeral: الاثنين, Monday or "the two"


class _Parser:
    """Groups atoms into date expressions, left to right, longest first."""

    def __init__(self, norm: str, atoms: list[Atom], lex: DateLexicon) -> None:
        self.norm, self.atoms, self.lex = norm, atoms, lex

    def kind(self, i: int, kind: str) -> int | None:
        """The value of reading ``kind`` of atom i, None if out of range or not that kind."""
        return self.atoms[i].kinds.get(kind) if 0 <= i < len(self.atoms) else None

    def glued(self, i: int, pattern: re.Pattern[str] | None = None) -> bool:
        """Whether atom i+1 follows atom i with only a gap the pattern allows."""
        if i + 1 >= len(self.atoms):
            return False
        a, b = self.atoms[i].end, self.atoms[i + 1].start
        return b - a <= MAX_GAP and (pattern or self.lex.glue_re).fullmatch(self.norm, a, b) is not None

    def day(self, i: int) -> int | None:
        value = self.kind(i, "ordinal")
        if value is None:
            value = self.kind(i, "num")
            if value is None or len(self.atoms[i].text) > 2 or not 1 <= value <= 31:
                return None
        return value

    def found(self, i: int, j: int, expr: DateExpr, explicit: bool) -> tuple[int, Found]:
        end = self.atoms[j].end
        era = self.lex.era_re.match(self.norm, end)
        if era and ("num" in self.atoms[j].kinds or "numdate" in self.atoms[j].kinds):
            end = era.end()
        return j + 1, Found(self.atoms[i].start, end, expr, explicit)

    def parse(self) -> list[Found]:
        out: list[Found] = []
        i = 0
        while i < len(self.atoms):
            rules = _rules_for(tuple(self.atoms[i].kinds))
            hit = next((r for rule in rules if (r := rule(self, i)) is not None), None)
            if hit is None:
                i += 1
                continue
            i = hit[0]
            out.append(hit[1])
        return out

    # -- month slot and tail --

    def month_slot(self, i: int) -> tuple[int, Slot] | None:
        """A month at atom i: [شهر] name [/ other-name], a Hijri name, الشهر, or الشهر الماضي."""
        if self.kind(i, "monthword") is not None and self.glued(i):
            inner = self.month_slot(i + 1)
            if inner is None or inner[1].month is None:
                return None
            # "شهر آب" is the month even where آب alone might be a word; Hijri still needs a day or year
            return inner[0], inner[1]._replace(ambiguous=inner[1].hijri)
        if (month := self.kind(i, "month")) is not None:
            return self._double(i), Slot(month, None, self.kind(i, "ambiguous") is not None, False)
        if (month := self.kind(i, "hmonth")) is not None:
            return i, Slot(month, None, True, True)
        offset = 0 if self.kind(i, "the_month") is not None else self.kind(i, "rel_month")
        return (i, Slot(None, offset, False, False)) if offset is not None else None

    def _double(self, i: int) -> int:
        """Skip the other regional name of the same month: ديسمبر/كانون الأول, كانون الأول (ديسمبر)."""
        month = self.kind(i, "month")
        while self.glued(i) and self.kind(i + 1, "month") == month:
            i += 1
        return i

    def mod_after(self, j: int) -> tuple[Mod, int]:
        """الجاري/الماضي/المقبل right after atom j, and the last atom used."""
        if self.glued(j):
            for kind, name in MODS.items():
                if self.kind(j + 1, kind) is not None:
                    return name, j + 1
        return None, j

    def tail(self, j: int, hijri: bool) -> tuple[int, Mod, int | None]:
        """After a month at atom j: an optional الجاري/الماضي and an optional year."""
        mod, j = self.mod_after(j)
        k = j + 1 if self.glued(j) and self.kind(j + 1, "yearword") is not None else j
        year = self.kind(k + 1, "num") if self.glued(k) else None
        years = HIJRI_YEARS if hijri else GREGORIAN_YEARS
        if year is not None and year in years and len(self.atoms[k + 1].text) == 4:
            return k + 1, mod, year
        return j, mod, None

    # -- rules: each returns (next atom index, Found) or None --

    def numeric(self, i: int) -> tuple[int, Found] | None:
        if self.kind(i, "numdate") is None or (expr := _numeric_date(self.atoms[i])) is None:
            return None
        return self.found(i, i, expr, True)

    def day_month(self, i: int) -> tuple[int, Found] | None:
        """"26 ديسمبر 2023", "الثالث من ديسمبر", "23 و24 يناير", "السادس من الشهر الجاري"."""
        first = last = self.day(i)
        if first is None:
            return None
        j = i
        if self.glued(i, self.lex.range_re) and (second := self.day(i + 1)) is not None:
            last, j = second, i + 1
        if not self.glued(j) or (slot := self.month_slot(j + 1)) is None:
            return None
        k, found_slot = slot
        end, mod, year = self.tail(k, found_slot.hijri)

        def day_expr(day: int) -> DayExpr:
            return DayExpr(day=day, month=found_slot.month, year=year, month_offset=found_slot.offset,
                           mod=mod, hijri=found_slot.hijri)

        expr: DateExpr = day_expr(last) if j == i else RangeExpr(day_expr(first), day_expr(last))
        return self.found(i, end, expr, found_slot.month is not None)

    def part_month(self, i: int) -> tuple[int, Found] | None:
        """"أواخر نوفمبر", "مطلع ديسمبر 2023", "منتصف الشهر", "أوائل الشهر الماضي"."""
        part = self.kind(i, "part")
        if part is None or not self.glued(i) or (slot := self.month_slot(i + 1)) is None:
            return None
        k, found_slot = slot
        if found_slot.hijri:
            return None
        end, mod, year = self.tail(k, False)
        expr = MonthExpr(month=found_slot.month, year=year, month_offset=found_slot.offset, mod=mod,
                         part=PARTS[part])
        return self.found(i, end, expr, found_slot.month is not None)

    def month(self, i: int) -> tuple[int, Found] | None:
        """A month named without a day: "في ديسمبر", "شهر آب الماضي", "رمضان 1445"."""
        if not {"month", "hmonth", "monthword"} & self.atoms[i].kinds.keys():
            return None
        slot = self.month_slot(i)
        if slot is None or slot[1].month is None:
            return None
        k, found_slot = slot
        end, mod, year = self.tail(k, found_slot.hijri)
        if found_slot.ambiguous and mod is None and year is None:
            return None
        expr = MonthExpr(month=found_slot.month, year=year, mod=mod, hijri=found_slot.hijri)
        return self.found(i, end, expr, True)

    def year(self, i: int) -> tuple[int, Found] | None:
        """"عام 2023"; the relative "العام الماضي" is a rule of its own."""
        if self.kind(i, "yearword") is None or not self.glued(i):
            return None
        year = self.kind(i + 1, "num")
        if year is None or year not in GREGORIAN_YEARS or len(self.atoms[i + 1].text) != 4:
            return None
        return self.found(i, i + 1, YearExpr(year=year), True)

    def _daypart_start(self, i: int) -> tuple[int, int]:
        """(first atom, head atom): a daypart word (فجر، مساء، يوم) right before atom i+1."""
        if self.kind(i, "daypart") is not None and self.glued(i):
            return i, i + 1
        return i, i

    def weekday(self, i: int) -> tuple[int, Found] | None:
        """"الأحد", "فجر الثلاثاء", "يوم السبت", "الأحد الماضي"."""
        first, head = self._daypart_start(i)
        weekday = self.kind(head, "weekday")
        if weekday is None:
            return None
        mod, end = self.mod_after(head)
        if first == head and mod is None and weekday == MONDAY and self._the_two(head):
            return None
        return self.found(first, end, WeekdayExpr(weekday=weekday, mod=mod), False)

    def relative(self, i: int) -> tuple[int, Found] | None:
        """"أمس", "مساء أمس", "الليلة الماضية", "الأسبوع الماضي", "الشهر الماضي", "العام الماضي"."""
        first, head = self._daypart_start(i)
        atom = self.atoms[head] if head < len(self.atoms) else None
        if atom is None:
            return None
        expr: DateExpr | None = None
        if (offset := atom.kinds.get("rel_day")) is not None and not self._today_as_noun(head, offset):
            expr = RelDayExpr(offset)
        elif (offset := atom.kinds.get("rel_after")) is not None:
            expr = AfterDayExpr(offset)
        elif atom.kinds.get("rel_last_week") is not None:
            expr = WeekExpr(0)
        elif (offset := atom.kinds.get("rel_month")) is not None:
            expr = MonthExpr(month=None, month_offset=offset)
        elif (offset := atom.kinds.get("rel_year")) is not None:
            expr = YearExpr(offset=offset)
        return self.found(first, head, expr, False) if expr is not None else None

    def _the_two(self, i: int) -> bool:
        """ "أكد أن الاثنين قضيا في الغارة", "الاثنين من عناصره": the two, not Monday."""
        start, end = self.atoms[i].start, self.atoms[i].end
        after_that = _THAT_BEFORE.search(self.norm, max(0, start - 5), start) is not None
        return after_that or self.norm.startswith(" من ", end)

    def _today_as_noun(self, i: int, offset: int) -> bool:
        """"اليوم التالي", "اليوم الأول": اليوم with an adjective is a day, not today."""
        end = self.atoms[i].end
        if offset != 0 or not self.norm.startswith(" ال", end):
            return False
        followed_by_weekday = self.glued(i) and self.kind(i + 1, "weekday") is not None
        return not (followed_by_weekday and self.atoms[i + 1].start == end + 1)

    def ago(self, i: int) -> tuple[int, Found] | None:
        """"قبل يومين", "منذ ثلاثة أيام", "قبل 5 أيام", "قبل أسبوع"."""
        if self.kind(i, "ago") is None or not self.glued(i):
            return None
        if (days := self.kind(i + 1, "count_days")) is not None:
            return self.found(i, i + 1, RelDayExpr(-days), False)
        if (weeks := self.kind(i + 1, "count_weeks")) is not None:
            return self.found(i, i + 1, WeekExpr(weeks), False)
        count = self.kind(i + 1, "num")
        if count is None or not self.glued(i + 1) or count > 400:
            return None
        if self.kind(i + 2, "unit_days") is not None:
            return self.found(i, i + 2, RelDayExpr(-count), False)
        if self.kind(i + 2, "unit_weeks") is not None and count:
            return self.found(i, i + 2, WeekExpr(count), False)
        return None


@functools.cache
def _rules_for(kinds: tuple[str, ...]) -> tuple[Rule, ...]:
    """The rules an atom with these readings can start, in priority order (most start none)."""
    names = {name for kind in kinds for name in RULES_BY_KIND.get(kind, ())}
    return tuple(getattr(_Parser, name) for name in RULE_ORDER if name in names)


# ---- merging neighbours, resolving ----------------------------------------------------------


def _merge(found: list[Found], norm: str, lex: DateLexicon) -> list[Found]:
    """Weekday + date ("الثلاثاء 26 ديسمبر", "اليوم الجمعة") and date + date ranges, as one."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is None or f.start - prev.end > MAX_GAP:
            out.append(f)
        elif (merged := _merge_pair(prev, f, norm, lex)) is not None:
            out[-1] = merged
        else:
            out.append(f)
    return out


def _merge_pair(a: Found, b: Found, norm: str, lex: DateLexicon) -> Found | None:
    glued = lex.glue_re.fullmatch(norm, a.end, b.start) is not None
    ranged = lex.range_re.fullmatch(norm, a.end, b.start) is not None
    if glued and isinstance(a.expr, WeekdayExpr) and isinstance(b.expr, DayExpr | RangeExpr | RelDayExpr):
        return Found(a.start, b.end, b.expr, b.explicit)
    if glued and isinstance(a.expr, RelDayExpr) and isinstance(b.expr, WeekdayExpr):
        return Found(a.start, b.end, a.expr, False)
    if (glued or ranged) and isinstance(b.expr, WeekdayExpr) and _night_before(a.expr, b.expr):
        return Found(a.start, b.end, NightExpr(b.expr), False)
    if ranged and isinstance(a.expr, DayExpr) and isinstance(b.expr, DayExpr):
        return Found(a.start, b.end, RangeExpr(a.expr, b.expr), a.explicit and b.explicit)
    return None


def _since(found: list[Found], atoms: list[Atom], norm: str) -> list[Found]:
    """A date right after "منذ" starts a span up to publication; "منذ يومين" (ago) is taken
    by the ``ago`` rule before this, so the word is only free before a calendar point."""
    since = {a.end: a.start for a in atoms if "since" in a.kinds}
    out: list[Found] = []
    for f in found:
        end = f.start
        while end > 0 and norm[end - 1] == " ":
            end -= 1
        start = since.get(end) if end < f.start else None
        if start is None or isinstance(f.expr, AfterDayExpr | WeekExpr):
            out.append(f)
        else:
            out.append(Found(start, f.end, SinceExpr(f.expr), f.explicit))
    return out


def _night_before(a: DateExpr, b: WeekdayExpr) -> bool:
    """"ليل الأحد - الاثنين": a weekday right before the next one names the night between them."""
    if not isinstance(a, WeekdayExpr) or a.mod is not None:
        return False
    return b.weekday == (a.weekday + 1) % 7


def _anchor(found: list[Found]) -> dt.date | None:
    """The latest full date the text gives (day, month and year), for texts without published_at."""
    days = [day_date(f.expr, None) for f in found if is_full_date(f.expr)]
    days += [day_date(f.expr.last, None) for f in found if isinstance(f.expr, RangeExpr)]
    return max((d for d in days if d is not None), default=None)


def find_dates(doc: Doc, lex: DateLexicon) -> list[DateMention]:
    """Every date expression in ``doc.norm``, resolved against ``doc.published_at``.

    Without ``published_at`` the latest explicit full date in the text is the
    reference (years are then taken nearest to it); with neither, mentions that
    need a reference come back with precision "unknown".
    """
    atoms = _atoms(doc.norm, lex)
    found = _since(_merge(_Parser(doc.norm, atoms, lex).parse(), doc.norm, lex), atoms, doc.norm)
    ref, nearest = doc.published_at, False
    if ref is None:
        ref, nearest = _anchor(found), True
    out: list[DateMention] = []
    for f in found:
        if isinstance(f.expr, AfterDayExpr):
            span = after_day(f.expr, out[-1].span if out else None)
            if span.start is None:
                continue  # "في اليوم التالي للهجوم" with no day told: nothing to count from
        else:
            span = resolve(f.expr, ref, nearest)
        out.append(DateMention(start=f.start, end=f.end, span=span, explicit=f.explicit))
    return out
