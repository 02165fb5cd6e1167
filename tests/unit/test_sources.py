"""Source lexicon and finder: a table of Arabic sentences, variants and spans."""

from __future__ import annotations

import pytest

from service.extraction.mentions.sources import (
    WEAK_MARK,
    SourceLexicon,
    find_sources,
    load_source_lexicon,
    read_source_rows,
    source_names,
)
from service.extraction.normalize import normalize, normalize_phrase, source_span


@pytest.fixture(scope="module")
def lex() -> SourceLexicon:
    return load_source_lexicon()


def names(text: str, lex: SourceLexicon) -> list[str]:
    return source_names(find_sources(normalize(text), lex))


CASES = [
    ("بغداد (رويترز) - قال مسؤول أمني إن", ["Reuters"]),
    ("وقال مصدر لوكالة فرانس برس إن الانفجار", ["AFP"]),
    ("وأضاف المسؤول للفرنسية أن", ["AFP"]),
    ("وأفادت أ ف ب بأن", ["AFP"]),
    ("قالت القوات الفرنسية إنها", []),
    ("وذكرت وكالة أسوشييتد برس أن", ["Associated Press"]),
    ("نقلت وكالة الأناضول عن شهود", ["Anadolu"]),
    ("توغلت القوات التركية في عمق الأناضول", []),
    ("ذكرت وكالة الأنباء العراقية (واع) أن", ["INA"]),
    ("أوردت وكالة الأنباء العربية السورية (سانا) أن", ["SANA"]),
    ("بحسب وكالة وفا فإن المستوطنين", ["WAFA"]),
    ("قالت وكالة سبأ التابعة للحوثيين", ["Saba"]),
    ("وقالت الجزيرة إن مراسلها", ["Al Jazeera"]),
    ("في منطقة الجزيرة شمال شرق سوريا", []),
    ("وأفادت العربية نقلا عن مصادر", ["Al Arabiya"]),
    ("اجتماع جامعة الدول العربية", []),
    ("قالت شبكة سي إن إن إن", ["CNN"]),
    ("ذكرت صحيفة نيويورك تايمز أن وصحيفة واشنطن بوست", ["New York Times", "Washington Post"]),
    ("ونقلت وول ستريت جورنال عن مسؤولين", ["Wall Street Journal"]),
    ("قال مراسل شفق نيوز إن", ["Shafaq News"]),
    ("ذكر المرصد السوري لحقوق الإنسان أن", ["Syrian Observatory for Human Rights"]),
    ("وفق ما أوردته وكالة أنباء فارس", ["Fars"]),
    ("التقى فارس بأصدقائه", []),
    ("وكالة تسنيم المقربة من الحرس الثوري", ["Tasnim"]),
    ("وذكرت إرنا أن", ["IRNA"]),
    ("قال موقع الترا عراق إن", ["Ultra Iraq"]),
    ("انفجار في بغداد اليوم الجمعة", []),
    ("ونقلت قناة الميادين عن مصادر", ["Al Mayadeen"]),
    ("قصفت الطائرات مدينة الميادين شرق دير الزور", []),
    ("وقال التلفزيون الرسمي لقناة المنار", ["Al-Manar"]),
    ("ذكرت شبكة رووداو الإعلامية", ["Rudaw"]),
    ("وقالت بي بي سي إن", ["BBC"]),
]


def test_case_table_is_large_enough() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_sources(text: str, expected: list[str], lex: SourceLexicon) -> None:
    assert names(text, lex) == expected


@pytest.mark.parametrize(("text", "_expected"), CASES)
def test_spans_map_back(text: str, _expected: list[str], lex: SourceLexicon) -> None:
    doc = normalize(text)
    for m in find_sources(doc, lex):
        start, end = source_span(doc, m.start, m.end)
        assert normalize(text[start:end]).norm == doc.norm[m.start:m.end]


def test_every_variant_is_stable_under_normalization() -> None:
    for _, variants in read_source_rows():
        for variant in variants:
            key = normalize_phrase(variant.removeprefix(WEAK_MARK))
            assert key and normalize_phrase(key) == key


def test_every_variant_is_found_when_cited(lex: SourceLexicon) -> None:
    """Each variant after "قالت" comes back as its own source; strong ones also alone."""
    failures = []
    for name, variants in read_source_rows():
        for variant in variants:
            bare = variant.removeprefix(WEAK_MARK)
            texts = [f"قالت {bare} إن"] + ([] if variant.startswith(WEAK_MARK) else [bare])
            failures += [(name, t) for t in texts if name not in names(t, lex)]
    assert failures == []


def test_canonical_names_are_unique(lex: SourceLexicon) -> None:
    assert len(lex.names) == len(set(lex.names))
