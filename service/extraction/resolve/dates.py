"""Calendar arithmetic for date expressions: pure functions, no matching.

The finder in ``mentions/dates.py`` turns text into the expression records
below; ``resolve`` turns a record into a ``DateSpan`` against a reference
day (``published_at``, or an anchor date taken from the text).

Conventions (the contract asks for honest precision):

* A day and a month without a year take the latest such date on or before
  the reference when the reference is ``published_at``; against an anchor
  taken from the text they take the nearest one (the anchor is not "now").
* Part of a month ("أواخر نوفمبر") has precision ``month`` and start/end are
  the part's own bounds: early = days 1-10, mid = 11-20, late = 21-last.
* "الأسبوع الماضي" is the seven days before the reference (precision range);
  "قبل أسبوع" is the week-ago day plus or minus one day (precision range).
* Hijri dates use the arithmetic (tabular, civil-epoch) Islamic calendar;
  it can differ from the sighted or Umm al-Qura calendar by one day, rarely two.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from service.extraction.model import DateSpan

Mod = Literal["current", "past", "next"] | None
Part = Literal["early", "mid", "late"]

# Ordinal (proleptic Gregorian, date.toordinal) of 1 Muharram 1 AH in the civil
# epoch: 16 July 622 Julian = 19 July 622 Gregorian.
HIJRI_EPOCH = 227015
PART_DAYS: dict[str, tuple[int, int]] = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


# ---- expression records ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DayExpr:
    """A day named by its number and a month (name, or offset from the reference month)."""

    day: int
    month: int | None
    year: int | None = None
    month_offset: int | None = None  # "من الشهر الماضي" instead of a month name
    mod: Mod = None  # "ديسمبر الجاري/الماضي"
    hijri: bool = False


@dataclass(frozen=True, slots=True)
class MonthExpr:
    """A whole month, or a part of one when ``part`` is set."""

    month: int | None
    year: int | None = None
    month_offset: int | None = None
    mod: Mod = None
    part: Part | None = None
    hijri: bool = False


@dataclass(frozen=True, slots=True)
class YearExpr:
    year: int | None = None
    offset: int | None = None  # "العام الماضي"


@dataclass(frozen=True, slots=True)
class RelDayExpr:
    offset: int  # days from the reference: أمس = -1


@dataclass(frozen=True, slots=True)
class AfterDayExpr:
    """ "اليوم التالي": days from the day told just before, not from publication."""

    offset: int


@dataclass(frozen=True, slots=True)
class WeekExpr:
    """``weeks`` ago as a ±1-day window, or (weeks=0) the seven days before the reference."""

    weeks: int


@dataclass(frozen=True, slots=True)
class WeekdayExpr:
    weekday: int  # date.weekday(): Monday = 0
    mod: Mod = None


@dataclass(frozen=True, slots=True)
class NightExpr:
    """"ليل الأحد - الاثنين": the night from one weekday into the next, as a two-day range."""

    last: WeekdayExpr


@dataclass(frozen=True, slots=True)
class RangeExpr:
    first: DayExpr
    last: DayExpr


@dataclass(frozen=True, slots=True)
class SinceExpr:
    """"منذ الثامن من أكتوبر": the span from a told point up to publication."""

    first: DayExpr | MonthExpr | YearExpr | RelDayExpr | WeekdayExpr | NightExpr | RangeExpr


DateExpr = (
    DayExpr | MonthExpr | YearExpr | RelDayExpr | AfterDayExpr
    | WeekExpr | WeekdayExpr | NightExpr | RangeExpr | SinceExpr
)


# ---- Hijri ---------------------------------------------------------------------------------


def _hijri_ordinal(year: int, month: int, day: int) -> int:
    # days before the month: months alternate 30/29, i.e. ceil(29.5 * (month - 1))
    month_days = (59 * (month - 1) + 1) // 2
    leap_days = (3 + 11 * year) // 30
    return day + month_days + (year - 1) * 354 + leap_days + HIJRI_EPOCH - 1


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a tabular Hijri date (±1 day against sighting calendars)."""
    return dt.date.fromordinal(_hijri_ordinal(year, month, day))


def gregorian_to_hijri(date: dt.date) -> tuple[int, int, int]:
    """(year, month, day) of ``date`` in the tabular Hijri calendar."""
    ordinal = date.toordinal()
    year = (30 * (ordinal - HIJRI_EPOCH) + 10646) // 10631
    month = 12
    while month > 1 and _hijri_ordinal(year, month, 1) > ordinal:
        month -= 1
    return year, month, ordinal - _hijri_ordinal(year, month, 1) + 1


def hijri_month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = hijri_to_gregorian(year, month, 1)
    nxt = hijri_to_gregorian(year + month // 12, month % 12 + 1, 1)
    return start, nxt - dt.timedelta(days=1)


# ---- Gregorian helpers ---------------------------------------------------------------------


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def shift_month(ref: dt.date, offset: int) -> tuple[int, int]:
    """(year, month) ``offset`` calendar months from ``ref``'s month."""
    index = ref.year * 12 + ref.month - 1 + offset
    return index // 12, index % 12 + 1


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def part_bounds(year: int, month: int, part: Part) -> tuple[dt.date, dt.date]:
    """Days 1-10, 11-20 or 21-last of the month."""
    first, last = PART_DAYS[part]
    return dt.date(year, month, first), dt.date(year, month, min(last, month_bounds(year, month)[1].day))


def infer_year(month: int, day: int, ref: dt.date, nearest: bool = False) -> int | None:
    """The year of day/month: the latest on or before ``ref``, or the nearest one if asked."""
    candidates = [(y, d) for y in (ref.year + 1, ref.year, ref.year - 1, ref.year - 4)
                  if (d := safe_date(y, month, day)) is not None]
    if not candidates:
        return None
    if not nearest:
        past = [c for c in candidates if c[1] <= ref]
        if past:
            return max(past, key=lambda c: c[1])[0]
    return min(candidates, key=lambda c: abs((c[1] - ref).days))[0]


def month_year(month: int, ref: dt.date, mod: Mod, nearest: bool = False) -> int:
    """The year of a month named without one, given الجاري/الماضي/المقبل or none."""
    here = (ref.year, ref.month)
    if mod == "current":
        return ref.year
    if mod == "past":
        return ref.year if month < ref.month else ref.year - 1
    if mod == "next":
        return ref.year if month > ref.month else ref.year + 1
    if nearest:
        years = (ref.year - 1, ref.year, ref.year + 1)
        return min(years, key=lambda y: abs((y - here[0]) * 12 + month - here[1]))
    return ref.year if month <= ref.month else ref.year - 1


def weekday_date(weekday: int, ref: dt.date, mod: Mod) -> dt.date:
    """The weekday on or before ``ref``; strictly before for الماضي, strictly after for المقبل."""
    if mod == "next":
        return ref + dt.timedelta(days=(weekday - ref.weekday()) % 7 or 7)
    back = (ref.weekday() - weekday) % 7
    if back == 0 and mod == "past":
        back = 7
    return ref - dt.timedelta(days=back)


# ---- resolution ----------------------------------------------------------------------------


def _span(start: dt.date | None, end: dt.date | None, precision: str) -> DateSpan:
    if start is None or end is None:
        return DateSpan()
    return DateSpan(start=start.isoformat(), end=end.isoformat(), precision=precision)  # type: ignore[arg-type]


def _hijri_year(month: int, day: int, ref: dt.date) -> int:
    year = gregorian_to_hijri(ref)[0]
    return year if hijri_to_gregorian(year, month, day) <= ref else year - 1


def day_date(expr: DayExpr, ref: dt.date | None, nearest: bool = False) -> dt.date | None:
    """The calendar day of ``expr``; None when it needs a reference and has none."""
    if expr.hijri and expr.month is not None:
        year = expr.year
        if year is None and ref is not None:
            year = _hijri_year(expr.month, expr.day, ref)
        return hijri_to_gregorian(year, expr.month, min(expr.day, 30)) if year else None
    if expr.month is None:
        if ref is None or expr.month_offset is None:
            return None
        year, month = shift_month(ref, expr.month_offset)
        return safe_date(year, month, expr.day)
    year = expr.year
    if year is None and ref is not None:
        if expr.mod:
            year = month_year(expr.month, ref, expr.mod)
        else:
            year = infer_year(expr.month, expr.day, ref, nearest)
    return safe_date(year, expr.month, expr.day) if year else None


def _month(expr: MonthExpr, ref: dt.date | None, nearest: bool) -> DateSpan:
    if expr.hijri and expr.month is not None:
        year = expr.year if expr.year is not None else (_hijri_year(expr.month, 1, ref) if ref else None)
        return _span(*hijri_month_bounds(year, expr.month), "range") if year else DateSpan()
    if expr.month is None:
        if ref is None or expr.month_offset is None:
            return DateSpan()
        year, month = shift_month(ref, expr.month_offset)
    else:
        month = expr.month
        year = expr.year
        if year is None and ref is not None:
            year = month_year(month, ref, expr.mod, nearest)
        if year is None:
            return DateSpan()
    bounds = part_bounds(year, month, expr.part) if expr.part else month_bounds(year, month)
    return _span(*bounds, "month")


def _relative(expr: RelDayExpr | WeekExpr | WeekdayExpr | NightExpr, ref: dt.date | None) -> DateSpan:
    if ref is None:
        return DateSpan()
    if isinstance(expr, NightExpr):
        last = weekday_date(expr.last.weekday, ref, expr.last.mod)
        return _span(last - dt.timedelta(days=1), last, "range")
    if isinstance(expr, RelDayExpr):
        day = ref + dt.timedelta(days=expr.offset)
        return _span(day, day, "day")
    if isinstance(expr, WeekdayExpr):
        day = weekday_date(expr.weekday, ref, expr.mod)
        return _span(day, day, "day")
    if expr.weeks == 0:
        return _span(ref - dt.timedelta(days=7), ref - dt.timedelta(days=1), "range")
    centre = ref - dt.timedelta(days=7 * expr.weeks)
    return _span(centre - dt.timedelta(days=1), centre + dt.timedelta(days=1), "range")


def _year(expr: YearExpr, ref: dt.date | None) -> DateSpan:
    year = expr.year if expr.year is not None else (ref.year + (expr.offset or 0) if ref else None)
    if year is None:
        return DateSpan()
    return _span(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _range(expr: RangeExpr, ref: dt.date | None, nearest: bool) -> DateSpan:
    last = day_date(expr.last, ref, nearest)
    # a first end without a year takes the year nearest the last end ("28 ديسمبر إلى 2 يناير 2024")
    first_ref = last if expr.first.month is not None else ref
    first = day_date(expr.first, first_ref, nearest=True) if last else None
    if first is None or last is None:
        return DateSpan()
    if first > last:
        first, last = last, first
    return _span(first, last, "range" if first != last else "day")


def resolve(expr: DateExpr, ref: dt.date | None, nearest: bool = False) -> DateSpan:
    """``expr`` on the calendar against ``ref``; precision unknown when it cannot be placed."""
    if isinstance(expr, DayExpr):
        day = day_date(expr, ref, nearest)
        return _span(day, day, "day")
    if isinstance(expr, MonthExpr):
        return _month(expr, ref, nearest)
    if isinstance(expr, YearExpr):
        return _year(expr, ref)
    if isinstance(expr, RangeExpr):
        return _range(expr, ref, nearest)
    if isinstance(expr, AfterDayExpr):
        return DateSpan()  # placed by ``after_day`` once the day before it is known
    if isinstance(expr, SinceExpr):
        return _since(expr, ref, nearest)
    return _relative(expr, ref)


def _since(expr: SinceExpr, ref: dt.date | None, nearest: bool) -> DateSpan:
    first = resolve(expr.first, ref, nearest)
    if ref is None or first.start is None or first.start > ref.isoformat():
        return first
    start = dt.date.fromisoformat(first.start)
    return _span(start, ref, "range" if start != ref else "day")


def after_day(expr: AfterDayExpr, before: DateSpan | None) -> DateSpan:
    """ "في اليوم التالي" after a told day; unknown after no day, or after a longer span."""
    if before is None or before.precision != "day" or not before.start:
        return DateSpan()
    day = dt.date.fromisoformat(before.start) + dt.timedelta(days=expr.offset)
    return _span(day, day, "day")


def is_full_date(expr: DateExpr) -> bool:
    """A day fixed by the text alone (day, month and year): usable as an anchor."""
    return isinstance(expr, DayExpr) and expr.year is not None and expr.month is not None
