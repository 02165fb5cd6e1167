"""Date finder: tables of Arabic sentences -> resolved date spans."""

from __future__ import annotations

import datetime as dt

import pytest

from service.extraction.mentions.dates import DATA_DIR, find_dates, load_date_lexicon, read_table
from service.extraction.model import DateMention
from service.extraction.normalize import normalize, normalize_phrase, source_span
from service.extraction.resolve.dates import (
    gregorian_to_hijri,
    hijri_to_gregorian,
    infer_year,
    weekday_date,
)

LEX = load_date_lexicon()
WED = dt.date(2024, 1, 10)  # a Wednesday
FRI = dt.date(2024, 1, 12)
THU = dt.date(2023, 12, 28)
SUN = dt.date(2024, 3, 17)


def only(sentence: str, published_at: dt.date | None) -> DateMention:
    mentions = find_dates(normalize(sentence, published_at), LEX)
    assert len(mentions) == 1, mentions
    return mentions[0]


# (sentence, published_at, start, end, precision)
CASES = [
    # Gregorian months, every regional form
    ("قُتل جنديان في 4 يناير 2024 قرب الحدود", WED, "2024-01-04", "2024-01-04", "day"),
    ("سقطت قذائف في 4 كانون الثاني 2024 على البلدة", WED, "2024-01-04", "2024-01-04", "day"),
    ("اشتباكات عنيفة يوم 4 جانفي 2024 في الجنوب", WED, "2024-01-04", "2024-01-04", "day"),
    ("هجوم في 4 جانفييه 2024 على دورية", WED, "2024-01-04", "2024-01-04", "day"),
    ("غارة في 9 فبراير 2023 على مخزن أسلحة", WED, "2023-02-09", "2023-02-09", "day"),
    ("غارة في 9 شباط 2023 على مخزن أسلحة", WED, "2023-02-09", "2023-02-09", "day"),
    ("غارة في 9 فيفري 2023 على مخزن أسلحة", WED, "2023-02-09", "2023-02-09", "day"),
    ("قصف مدفعي في 17 مارس 2023", WED, "2023-03-17", "2023-03-17", "day"),
    ("قصف مدفعي في 17 آذار 2023", WED, "2023-03-17", "2023-03-17", "day"),
    ("تفجير في 2 أبريل 2023 وسط السوق", WED, "2023-04-02", "2023-04-02", "day"),
    ("تفجير في 2 إبريل 2023 وسط السوق", WED, "2023-04-02", "2023-04-02", "day"),
    ("تفجير في 2 نيسان 2023 وسط السوق", WED, "2023-04-02", "2023-04-02", "day"),
    ("تفجير في 2 أفريل 2023 وسط السوق", WED, "2023-04-02", "2023-04-02", "day"),
    ("كمين في 21 مايو 2023 لقافلة", WED, "2023-05-21", "2023-05-21", "day"),
    ("كمين في 21 أيار 2023 لقافلة", WED, "2023-05-21", "2023-05-21", "day"),
    ("كمين في 21 ماي 2023 لقافلة", WED, "2023-05-21", "2023-05-21", "day"),
    ("اغتيال ضابط في 30 يونيو 2023", WED, "2023-06-30", "2023-06-30", "day"),
    ("اغتيال ضابط في 30 يونيه 2023", WED, "2023-06-30", "2023-06-30", "day"),
    ("اغتيال ضابط في 30 حزيران 2023", WED, "2023-06-30", "2023-06-30", "day"),
    ("اغتيال ضابط في 30 جوان 2023", WED, "2023-06-30", "2023-06-30", "day"),
    ("خطف صحفي في 11 يوليو 2023", WED, "2023-07-11", "2023-07-11", "day"),
    ("خطف صحفي في 11 يوليه 2023", WED, "2023-07-11", "2023-07-11", "day"),
    ("خطف صحفي في 11 تموز 2023", WED, "2023-07-11", "2023-07-11", "day"),
    ("خطف صحفي في 11 جويلية 2023", WED, "2023-07-11", "2023-07-11", "day"),
    ("مسيرة أسقطت في 8 أغسطس 2023", WED, "2023-08-08", "2023-08-08", "day"),
    ("مسيرة أسقطت في 8 آب 2023", WED, "2023-08-08", "2023-08-08", "day"),
    ("مسيرة أسقطت في 8 أوت 2023", WED, "2023-08-08", "2023-08-08", "day"),
    ("صاروخ سقط في 19 سبتمبر 2023", WED, "2023-09-19", "2023-09-19", "day"),
    ("صاروخ سقط في 19 أيلول 2023", WED, "2023-09-19", "2023-09-19", "day"),
    ("هجوم واسع في 7 أكتوبر 2023", WED, "2023-10-07", "2023-10-07", "day"),
    ("هجوم واسع في 7 تشرين الأول 2023", WED, "2023-10-07", "2023-10-07", "day"),
    ("مواجهات في 13 نوفمبر 2023", WED, "2023-11-13", "2023-11-13", "day"),
    ("مواجهات في 13 تشرين الثاني 2023", WED, "2023-11-13", "2023-11-13", "day"),
    ("مواجهات في 13 نونبر 2023", WED, "2023-11-13", "2023-11-13", "day"),
    ("انفجار في 26 ديسمبر 2023", WED, "2023-12-26", "2023-12-26", "day"),
    ("انفجار في 26 كانون الأول 2023", WED, "2023-12-26", "2023-12-26", "day"),
    ("انفجار في 26 دجنبر 2023", WED, "2023-12-26", "2023-12-26", "day"),
    # double names, weekday + date as one mention
    ("انفجار في 26 ديسمبر/كانون الأول 2023", WED, "2023-12-26", "2023-12-26", "day"),
    ("انفجار في 26 ديسمبر/ كانون الأول 2023", WED, "2023-12-26", "2023-12-26", "day"),
    ("قصف يوم الثلاثاء 26 ديسمبر/كانون الأول 2023 مواقع", WED, "2023-12-26", "2023-12-26", "day"),
    ("وقع الهجوم الثلاثاء، 26 كانون الأول (ديسمبر) 2023", None, "2023-12-26", "2023-12-26", "day"),
    ("الخميس الموافق 4 يناير شهد اشتباكات", WED, "2024-01-04", "2024-01-04", "day"),
    # numeric dates, day first; Arabic-Indic digits
    ("بتاريخ 04-يناير-2024 أعلن الجيش", WED, "2024-01-04", "2024-01-04", "day"),
    ("صدر البيان 2024-01-04 صباحا", WED, "2024-01-04", "2024-01-04", "day"),
    ("صدر البيان 4/1/2024 صباحا", WED, "2024-01-04", "2024-01-04", "day"),
    ("صدر البيان 04.01.2024 صباحا", WED, "2024-01-04", "2024-01-04", "day"),
    ("بتاريخ 12/10/2023م أعلنت الشرطة", None, "2023-10-12", "2023-10-12", "day"),
    ("قتل ثلاثة في ٢٦ ديسمبر ٢٠٢٣", WED, "2023-12-26", "2023-12-26", "day"),
    ("وقع الاعتداء يوم ٤/١/٢٠٢٤", WED, "2024-01-04", "2024-01-04", "day"),
    # year inference: latest on or before published_at
    ("أصيب خمسة في 26 ديسمبر", WED, "2023-12-26", "2023-12-26", "day"),
    ("أصيب خمسة في 5 يناير", WED, "2024-01-05", "2024-01-05", "day"),
    ("أصيب خمسة في 15 يناير", WED, "2023-01-15", "2023-01-15", "day"),
    ("أصيب خمسة في 10 يناير", WED, "2024-01-10", "2024-01-10", "day"),
    # ordinal day words, الجاري / الماضي
    ("قصفت الطائرات في الثالث من ديسمبر مواقع", WED, "2023-12-03", "2023-12-03", "day"),
    ("في السادس من ديسمبر الجاري", dt.date(2023, 12, 20), "2023-12-06", "2023-12-06", "day"),
    ("في العاشر من الشهر الجاري", WED, "2024-01-10", "2024-01-10", "day"),
    ("في الحادي والعشرين من الشهر الماضي", WED, "2023-12-21", "2023-12-21", "day"),
    ("في الخامس عشر من تشرين الثاني الماضي", WED, "2023-11-15", "2023-11-15", "day"),
    # "منذ" before a calendar point: the span from it up to publication; before a count: ago
    ("منذ الأول من أكتوبر 2023", WED, "2023-10-01", "2024-01-10", "range"),
    ("ومنذ الثامن من تشرين الأول الماضي", WED, "2023-10-08", "2024-01-10", "range"),
    ("منذ مساء أمس", WED, "2024-01-09", "2024-01-10", "range"),
    ("منذ فجر اليوم", WED, "2024-01-10", "2024-01-10", "day"),
    ("قتل منذ يومين", WED, "2024-01-08", "2024-01-08", "day"),
    # ranges
    ("اشتباكات بين 23 و24 يناير 2024", FRI, "2024-01-23", "2024-01-24", "range"),
    ("حملة أمنية من 3 إلى 5 مارس", SUN, "2024-03-03", "2024-03-05", "range"),
    ("حملة أمنية من 3 الى 5 مارس", SUN, "2024-03-03", "2024-03-05", "range"),
    ("غارات متواصلة 3-5 مارس", SUN, "2024-03-03", "2024-03-05", "range"),
    ("منذ منتصف ليل 23 يناير و24 يناير", dt.date(2024, 1, 25), "2024-01-23", "2024-01-24", "range"),
    ("من 28 ديسمبر إلى 2 يناير 2024", WED, "2023-12-28", "2024-01-02", "range"),
    ("بين الثالث والخامس من الشهر الماضي", WED, "2023-12-03", "2023-12-05", "range"),
    ("كانون الأول/ديسمبر 2023 شهد هجمات", WED, "2023-12-01", "2023-12-31", "month"),
    # part of a month: precision month, start/end = the part's own days
    ("تصاعدت الهجمات أواخر نوفمبر", WED, "2023-11-21", "2023-11-30", "month"),
    ("في مطلع ديسمبر الماضي", WED, "2023-12-01", "2023-12-10", "month"),
    ("منذ منتصف الشهر", dt.date(2024, 2, 25), "2024-02-11", "2024-02-25", "range"),
    ("في أوائل شهر فبراير 2023", WED, "2023-02-01", "2023-02-10", "month"),
    ("أواخر الشهر الماضي", dt.date(2024, 3, 5), "2024-02-21", "2024-02-29", "month"),
    # whole months and years
    ("وقعت اشتباكات في ديسمبر", WED, "2023-12-01", "2023-12-31", "month"),
    ("في شهر آب الماضي", WED, "2023-08-01", "2023-08-31", "month"),
    ("قتل خلال يناير/كانون الثاني 2023", WED, "2023-01-01", "2023-01-31", "month"),
    ("الشهر الماضي شهد هجمات", WED, "2023-12-01", "2023-12-31", "month"),
    ("سجلت المنظمة خلال عام 2023 هجمات", WED, "2023-01-01", "2023-12-31", "year"),
    ("العام الماضي كان الأعنف", WED, "2023-01-01", "2023-12-31", "year"),
    # relative days
    ("قتل شخصان اليوم", WED, "2024-01-10", "2024-01-10", "day"),
    ("قتل شخصان أمس", WED, "2024-01-09", "2024-01-09", "day"),
    ("قتل شخصان مساء أمس", WED, "2024-01-09", "2024-01-09", "day"),
    ("قتل شخصان البارحة", WED, "2024-01-09", "2024-01-09", "day"),
    ("قتل شخصان أول أمس", WED, "2024-01-08", "2024-01-08", "day"),
    ("قتل شخصان أول من أمس", WED, "2024-01-08", "2024-01-08", "day"),
    ("قصف الليلة الماضية أحياء", WED, "2024-01-09", "2024-01-09", "day"),
    ("يعقد الاجتماع غدا", WED, "2024-01-11", "2024-01-11", "day"),
    ("وقع الانفجار قبل يومين", WED, "2024-01-08", "2024-01-08", "day"),
    ("وقع الانفجار قبل ثلاثة أيام", WED, "2024-01-07", "2024-01-07", "day"),
    ("وقع الانفجار قبل 5 أيام", WED, "2024-01-05", "2024-01-05", "day"),
    ("وقع الانفجار قبل أسبوع", WED, "2024-01-02", "2024-01-04", "range"),
    ("تصاعدت الهجمات الأسبوع الماضي", WED, "2024-01-03", "2024-01-09", "range"),
    # weekdays: the latest on or before published_at
    ("شنت غارات فجر الثلاثاء", WED, "2024-01-09", "2024-01-09", "day"),
    ("شنت غارات مساء الأحد", WED, "2024-01-07", "2024-01-07", "day"),
    ("شنت غارات الأحد الماضي", WED, "2024-01-07", "2024-01-07", "day"),
    ("شنت غارات يوم السبت", WED, "2024-01-06", "2024-01-06", "day"),
    ("شنت غارات ليل الإثنين", WED, "2024-01-08", "2024-01-08", "day"),
    ("شنت غارات صباح الأربعاء", WED, "2024-01-10", "2024-01-10", "day"),
    ("شنت غارات الأربعاء الماضي", WED, "2024-01-03", "2024-01-03", "day"),
    ("قتل ثلاثة اليوم الجمعة", FRI, "2024-01-12", "2024-01-12", "day"),
    ("قتل ثلاثة الجمعة", FRI, "2024-01-12", "2024-01-12", "day"),
    ("قتل ثلاثة أمس الخميس", FRI, "2024-01-11", "2024-01-11", "day"),
    ("تعقد الجولة السبت المقبل", FRI, "2024-01-13", "2024-01-13", "day"),
    ("قصف ليل الأحد - الاثنين", WED, "2024-01-07", "2024-01-08", "range"),
    ("قصف ليلة السبت الأحد", WED, "2024-01-06", "2024-01-07", "range"),
    # Hijri
    ("وقع التفجير في 15 رمضان 1445", WED, "2024-03-25", "2024-03-25", "day"),
    ("وقع التفجير في 15 رمضان 1445 هـ", WED, "2024-03-25", "2024-03-25", "day"),
    # Eid al-Adha 1444 fell on 28 June 2023 by Umm al-Qura; the tabular calendar says the 29th (±1 day)
    ("وقع التفجير في 10 ذي الحجة 1444هـ", None, "2023-06-29", "2023-06-29", "day"),
    ("خلال رمضان 1445", WED, "2024-03-11", "2024-04-09", "range"),
    # no published_at: anchor on the latest full date in the text, else unknown
    ("الأحد", None, None, None, "unknown"),
    ("قتل جندي أمس", None, None, None, "unknown"),
    ("أصيب خمسة في 26 ديسمبر", None, None, None, "unknown"),
]


@pytest.mark.parametrize(("sentence", "published_at", "start", "end", "precision"), CASES)
def test_date_table(
    sentence: str, published_at: dt.date | None, start: str | None, end: str | None, precision: str
) -> None:
    span = only(sentence, published_at).span
    assert (span.start, span.end, span.precision) == (start, end, precision)


NOT_DATES = [
    "قتل 3 جنود وأصيب 18 آخرين",
    "سجلت 115 هجوما منذ بداية الحرب",
    "وقع الانفجار عند الساعة 1:45 فجرا",
    "حظر تجول من 21:00 حتى 6:00",
    "كان أبي في المنزل",
    "مارس الجيش ضغوطا على المسلحين",
    "سقط صفر ضحايا",
    "في اليوم التالي للهجوم",
    "ارتفعت الأسعار 2.5 بالمئة",
    "رقم الهاتف 0791234567",
    "وصل 1,500 نازح",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_not_dates(sentence: str) -> None:
    assert find_dates(normalize(sentence, WED), LEX) == []


def test_anchor_when_no_published_at() -> None:
    text = "أعلن الجيش في 12 مارس 2024 أن مسلحين هاجموا أمس حاجزا، بعد هجوم آخر مطلع الشهر"
    mentions = find_dates(normalize(text, None), LEX)
    spans = [(m.span.start, m.span.end, m.span.precision) for m in mentions]
    assert spans == [
        ("2024-03-12", "2024-03-12", "day"),
        ("2024-03-11", "2024-03-11", "day"),
        ("2024-03-01", "2024-03-10", "month"),
    ]


def test_anchor_takes_nearest_year() -> None:
    mentions = find_dates(normalize("في 2 يناير 2024 وبعد هجوم 30 ديسمبر", None), LEX)
    assert [m.span.start for m in mentions] == ["2024-01-02", "2023-12-30"]


@pytest.mark.parametrize(
    ("sentence", "explicit"),
    [
        ("في 26 ديسمبر", True),
        ("في 4/1/2024", True),
        ("عام 2023", True),
        ("أواخر نوفمبر", True),
        ("الثلاثاء 26 ديسمبر", True),
        ("فجر الثلاثاء", False),
        ("أمس", False),
        ("منتصف الشهر", False),
        ("السادس من الشهر الجاري", False),
    ],
)
def test_explicit_flag(sentence: str, explicit: bool) -> None:
    assert only(sentence, WED).explicit is explicit


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("قصف يوم الثلاثاء 26 ديسمبر/كانون الأول 2023 مواقع", "يوم الثلاثاء 26 ديسمبر/كانون الأول 2023"),
        ("قُتِلَ في ٢٦ ديسمبر ٢٠٢٣ جنديان", "٢٦ ديسمبر ٢٠٢٣"),
        ("هاجموا فجرَ الأحدِ الماضي القرية", "فجرَ الأحدِ الماضي"),
        ("وبحسب مصادر، ففي 7 أكتوبر/تشرين الأول 2023 بدأ", "7 أكتوبر/تشرين الأول 2023"),
        ("اشتباكات بين 23 و24 يناير 2024", "23 و24 يناير 2024"),
        ("وفي أواخر نوفمبر", "أواخر نوفمبر"),
    ],
)
def test_span_maps_back_to_text(sentence: str, expected: str) -> None:
    doc = normalize(sentence, WED)
    mention = only(sentence, WED)
    start, end = source_span(doc, mention.start, mention.end)
    assert sentence[start:end] == expected


def test_every_span_lies_in_text() -> None:
    text = " ".join(case[0] for case in CASES)
    doc = normalize(text, WED)
    for mention in find_dates(doc, LEX):
        start, end = source_span(doc, mention.start, mention.end)
        assert 0 <= start < end <= len(text)
        assert normalize(text[start:end]).norm.strip() == doc.norm[mention.start:mention.end].strip()


def test_lexicon_entries_are_stable_under_normalization() -> None:
    for path in sorted(DATA_DIR.glob("*.tsv")):
        for row in read_table(path):
            form = row[1] if path.name in {"months.tsv", "hijri_months.tsv", "weekdays.tsv", "ordinals.tsv"} \
                else row[0]
            once = normalize_phrase(form)
            assert once and normalize_phrase(once) == once, (path.name, form)


def test_data_files_are_well_formed() -> None:
    columns = {"months.tsv": (2, 3), "hijri_months.tsv": (2, 2), "weekdays.tsv": (2, 2),
               "ordinals.tsv": (2, 2), "parts.tsv": (2, 2), "relative.tsv": (3, 3), "words.tsv": (2, 2)}
    assert {p.name for p in DATA_DIR.glob("*.tsv")} == set(columns)
    for name, (low, high) in columns.items():
        for row in read_table(DATA_DIR / name):
            assert low <= len(row) <= high, (name, row)


@pytest.mark.parametrize(
    ("hijri", "gregorian"),
    [((1445, 9, 15), "2024-03-25"), ((1445, 1, 1), "2023-07-19"), ((1444, 12, 10), "2023-06-29")],
)
def test_hijri_round_trip(hijri: tuple[int, int, int], gregorian: str) -> None:
    assert hijri_to_gregorian(*hijri).isoformat() == gregorian
    assert gregorian_to_hijri(dt.date.fromisoformat(gregorian)) == hijri


def test_calendar_helpers() -> None:
    assert weekday_date(4, FRI, None) == FRI
    assert weekday_date(4, FRI, "past") == dt.date(2024, 1, 5)
    assert infer_year(2, 29, dt.date(2025, 3, 1)) == 2024
    assert infer_year(12, 31, dt.date(2024, 1, 2)) == 2023


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        ("تظاهروا يوم الأحد، وفي صباح اليوم التالي اعتقلت الشرطة ثلاثة منهم", ["2024-01-07", "2024-01-08"]),
        ("وقع الهجوم في 3 يناير، وكان مسلحون قد رصدوا المكان في اليوم السابق", ["2024-01-03", "2024-01-02"]),
        ("أعلن الجيش في اليوم الذي تلاه مقتل ثلاثة بعد اشتباك أمس", ["2024-01-09"]),
    ],
)
def test_the_day_after_counts_from_the_day_told_before(sentence: str, days: list[str]) -> None:
    found = find_dates(normalize(sentence, WED), LEX)
    assert [m.span.start for m in found] == days


@pytest.mark.parametrize(
    "text",
    ["وأكد مصدر أمني أن الاثنين قضيا في الغارة.", "وقتل الاثنين من عناصر الحزب في الغارة."],
)
def test_the_two_is_no_monday(text: str) -> None:
    assert find_dates(normalize(text, dt.date(2024, 7, 18)), load_date_lexicon()) == []


def test_monday_after_that_with_a_modifier_is_still_monday() -> None:
    doc = normalize("وأعلن أن الاثنين المقبل يوم حداد.", dt.date(2024, 7, 18))
    (m,) = find_dates(doc, load_date_lexicon())
    assert m.span.start == "2024-07-22"
