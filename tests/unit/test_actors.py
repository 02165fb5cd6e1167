"""Actor catalog and finder: a table of Arabic sentences, the validator, spans, variants."""

from __future__ import annotations

import pytest

from service.extraction.lexicon import Match
from service.extraction.mentions.actors import (
    FORM_RANK,
    ActorCatalog,
    ActorRow,
    find_actors,
    load_actor_catalog,
    read_actor_rows,
    read_contract_ids,
    read_shared_variants,
    resolve_overlaps,
    validate_actor_rows,
)
from service.extraction.normalize import normalize, normalize_phrase, source_span


@pytest.fixture(scope="module")
def catalog() -> ActorCatalog:
    return load_actor_catalog()


def found(text: str, catalog: ActorCatalog) -> set[str]:
    """Actor ids found in ``text``; adjective hits as "adj:<id>"."""
    return {m.actor_id if m.form == "name" else f"adj:{m.actor_id}"
            for m in find_actors(normalize(text), catalog)}


CASES = [
    ("شنت القوات الأمريكية غارات على مواقع قرب الحدود", {"us-forces"}),
    ("قالت القيادة المركزية الأميركية (سنتكوم) إن مقاتلاتها قصفت منشأة", {"us-forces"}),
    ("وأعلن البنتاغون إصابة عدد من العسكريين", {"us-forces", "generic-army"}),
    ("استهدفت مسيرة قاعدة تستضيف جنودا للقوات الأمريكية", {"us-forces"}),
    ("وبالطائرات الأميركية ضربت الأهداف", {"us-forces"}),
    ("سقطت قذيفة قرب السفارة الأمريكية وسط العاصمة", {"us-government"}),
    ("وأكد التحالف الدولي أن الضربة أصابت هدفها", {"coalition"}),
    ("أفادت قوات التحالف بأن الطائرات عادت", {"generic-coalition"}),
    ("شن الجيش الإسرائيلي سلسلة غارات على بلدات الجنوب", {"israel-forces"}),
    ("قصفت مدفعية الاحتلال أطراف البلدة صباحا", {"israel-forces"}),
    ("اقتحمت قوات الاحتلال المخيم فجرا", {"generic-occupation"}),
    ("قتل عنصران من الحشد الشعبي بانفجار عبوة", {"pmf"}),
    ("هجوم على نقطة للحشد في أطراف القضاء", {"pmf"}),
    ("تبنت كتائب حزب الله الهجوم في بيان", {"kataib-hezbollah"}),
    ("أطلق حزب الله صواريخ نحو الجليل", {"hezbollah"}),
    ("قالت حركة حزب الله النجباء إنها سترد", {"nujaba"}),
    ("وهددت النجباء باستهداف المصالح", {"nujaba"}),
    ("اعتقل مسلح ينتمي إلى عصائب أهل الحق", {"asaib-ahl-al-haq"}),
    ("نفت كتائب سيد الشهداء علاقتها بالقصف", {"kataib-sayyid-al-shuhada"}),
    ("أصدرت كتائب الإمام علي بيانا", {"kataib-imam-ali"}),
    ("تبنت المقاومة الإسلامية في العراق هجوما جديدا", {"islamic-resistance-in-iraq"}),
    ("واتهمت واشنطن فصائل موالية لإيران بالوقوف وراءه", {"us-forces", "iran-aligned-militias"}),
    ("حملت الوزارة الفصائل المدعومة من إيران المسؤولية", {"iran-aligned-militias"}),
    ("وقال المسؤول إن ميليشيات ترعاها إيران أطلقت الصواريخ", {"iran-aligned-militias"}),
    ("قتل قيادي في فيلق القدس التابع للحرس الثوري", {"irgc"}),
    ("قصف الحرس الثوري الإيراني مقرات في الإقليم", {"irgc"}),
    ("أطلق الحوثيون صواريخ على سفينة تجارية في البحر الأحمر", {"houthis", "commercial-shipping"}),
    ("قالت جماعة أنصار الله إنها أسقطت طائرة", {"houthis"}),
    ("غارات على مواقع تابعة للحوثيين في الحديدة", {"houthis"}),
    ("ونددت بالحوثيين الحكومة", {"houthis"}),
    ("أعلنت كتائب القسام تفجير آلية", {"hamas"}),
    ("قصفت سرايا القدس الجناح العسكري لحركة الجهاد الإسلامي المستوطنات", {"pij"}),
    ("هاجم مسلحو تنظيم الدولة الإسلامية قرية نائية", {"isis"}),
    ("تعقبت القوات فلول داعـــش في الصحراء", {"isis"}),
    ("سيطرت قوات سوريا الديمقراطية (قسد) على البلدة", {"sdf"}),
    ("وتقدمت قوات سورية الديمقراطية نحو الجسر", {"sdf"}),
    ("قصفت المسيرات التركية مواقع لحزب العمال الكردستاني", {"turkey-forces", "pkk"}),
    ("نفذت طائرات غارة روسية على الريف", {"adj:russia-forces"}),
    ("انتشرت قوات البيشمركة على خط التماس", {"peshmerga"}),
    ("وتصدت البشمركة للهجوم", {"peshmerga"}),
    ("فالبيشمركة أعلنت الاستنفار", {"peshmerga"}),
    ("قال الجيش اللبناني إن دورية تعرضت لإطلاق نار", {"lebanon-forces"}),
    ("أحبطت القوات المسلحة الأردنية محاولة تسلل وقتل عدد من المهربين", {"jordan-forces", "smugglers"}),
    ("شن التحالف بقيادة السعودية غارات على صعدة", {"saudi-led-coalition"}),
    ("وصدت قوات الحكومة الشرعية هجوما في تعز", {"yemen-government-forces"}),
    ("اشتبك الجيش السوداني مع قوات الدعم السريع في أم درمان", {"saf", "rsf"}),
    ("تبنت حركة الشباب المجاهدين التفجير", {"al-shabaab"}),
    ("قصفت وحدات حماية الشعب الكردية القرية", {"ypg"}),
    ("اندلعت اشتباكات بين الجيش الوطني السوري ومقاتلي العشائر العربية",
     {"syrian-national-army", "arab-tribal-fighters"}),
    ("هاجمت قوات الدفاع الوطني حاجزا", {"ndf"}),
    ("أعلن مجلس دير الزور العسكري مقتل قيادي", {"deir-ez-zor-military-council"}),
    ("قصفت إيران مقرات الأحزاب الكردية الإيرانية المعارضة", {"iran-forces", "iranian-kurdish-opposition"}),
    ("شاركت القوات الإماراتية في العملية", {"uae-forces"}),
    ("أعلن الجيش المصري تدمير أنفاق", {"egypt-forces"}),
    ("تبنى تنظيم القاعدة في جزيرة العرب الهجوم", {"aqap"}),
    ("اشتبكت قوات المجلس الانتقالي الجنوبي مع مسلحين", {"stc-forces", "generic-gunmen"}),
    ("اغتال مسلحون مجهولون ناشطا في البصرة", {"generic-unknown-gunmen"}),
    ("تقدمت قوات حفتر نحو العاصمة وصدتها قوات حكومة الوفاق", {"lna", "gna-forces"}),
    ("استعاد الجيش الصومالي السيطرة على البلدة", {"somalia-forces"}),
    ("نعت حركة أمل أحد عناصرها", {"amal-movement"}),
    ("أسفر القصف عن مقتل ثلاثة مدنيين بينهم طفل", {"civilians"}),
    ("تعرضت ناقلة نفط لهجوم قبالة السواحل", {"commercial-shipping"}),
    ("أصيب منتسب في الشرطة الاتحادية", {"iraqi-security-forces"}),
    ("انتشرت الشرطة في الشوارع", {"generic-police"}),
    ("نفذ جهاز مكافحة الإرهاب عملية إنزال", {"iraqi-security-forces"}),
    ("شارك سلاح الجو الملكي البريطاني في الضربات", {"uk-forces"}),
    ("سقطت طائرة مسيرة إسرائيلية في الجنوب", {"adj:israel-forces"}),
    ("أعلنت القوات الامريكيه مقتل قيادي", {"us-forces"}),
    ("استهدف الحَشْدُ الشَّعْبِيُّ مواقع التنظيم", {"pmf"}),
    ("ذكرت صحيفة واشنطن بوست أن المسؤولين", set()),
    ("سقطت قذيفة على المستشفى السعودي في الفاشر", set()),
    ("دمرت عبوة ناسفة ناقلة جنود", set()),
    ("انتشلت فرق الدفاع المدني الجثث", set()),
    ("قتل ثلاثة أشخاص برصاص مسلحين مجهولين", {"generic-unknown-gunmen"}),
    ("اعتقلت قوات الأسايش مطلوبين", {"generic-asayish"}),
    ("قالت وزارة الدفاع الأمريكية إن الضربة نجحت", {"us-forces"}),
    ("انتقد حزب القوات اللبنانية الحكومة", {"lebanese-forces-party"}),
    ("تبنت ولاية سيناء الهجوم", {"isis"}),
    ("قالت حركة المقاومة الإسلامية حماس إن", {"hamas"}),
    ("طالب البيان بخروج الاحتلال الأمريكي", {"us-forces"}),
    ("شن التحالف العربي غارات على المطار", {"saudi-led-coalition"}),
    ("قوات الأمن العراقية تعتقل مطلوبا", {"iraqi-security-forces"}),
    ("دان الهجوم على الأمريكيين", {"adj:us-forces"}),
    ("اشتبك الجيش مع مهربين على الحدود", {"generic-army", "smugglers"}),
    ("الجيش العربي السوري يستعيد السيطرة", {"syria-forces"}),
]


def test_case_table_is_large_enough() -> None:
    assert len(CASES) >= 50


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_actors(text: str, expected: set[str], catalog: ActorCatalog) -> None:
    assert found(text, catalog) == expected


@pytest.mark.parametrize(("text", "_expected"), CASES)
def test_spans_map_back_to_the_submitted_text(text: str, _expected: set[str], catalog: ActorCatalog) -> None:
    doc = normalize(text)
    for m in find_actors(doc, catalog):
        start, end = source_span(doc, m.start, m.end)
        assert normalize(text[start:end]).norm == doc.norm[m.start:m.end]


def test_catalog_validates() -> None:
    rows = read_actor_rows()
    assert validate_actor_rows(rows, read_contract_ids(), read_shared_variants()) == []


def test_validator_reports_problems() -> None:
    rows = [
        ActorRow(id="a", name="A", name_ar="أ", form="name", variants=("حزب الله",), line=1),
        ActorRow(id="b", name="B", name_ar="ب", form="name", variants=("حزب الله",), line=2),
        ActorRow(id="b", name="B", name_ar="ب", form="name", variants=(), line=3),
        ActorRow(id="c", name="C", name_ar="ج", form="noun", variants=("شيء",), line=4),
        ActorRow(id="d", name="D", name_ar="د", form="name", variants=("أمل", "امل"), line=5),
    ]
    problems = " ".join(validate_actor_rows(rows, ["a", "missing"]))
    for needle in ("repeats", "no variants", "unknown form", "belongs to both", "missing", "listed twice"):
        assert needle in problems


def test_every_contract_id_has_a_name(catalog: ActorCatalog) -> None:
    ids = [a.id for a in catalog.actors()]
    assert ids == sorted(ids)
    for actor_id in read_contract_ids():
        actor = catalog.get(actor_id)
        assert actor.name and actor.name_ar


def test_generic_names_stay_out_of_the_public_list(catalog: ActorCatalog) -> None:
    assert not any(a.id.startswith("generic-") or a.id == "-" for a in catalog.actors())
    with pytest.raises(KeyError):
        catalog.get("no-such-actor")


@pytest.mark.parametrize(("generic_id", "country", "expected"), [
    ("generic-army", "IQ", "iraqi-security-forces"),
    ("generic-army", "sd", "saf"),
    ("generic-police", "IQ", "iraqi-security-forces"),
    ("generic-occupation", "PS", "israel-forces"),
    ("generic-occupation", "IQ", "us-forces"),
    ("generic-coalition", "YE", "saudi-led-coalition"),
    ("generic-coalition", "SY", "coalition"),
    ("generic-national-army", "LY", "lna"),
    ("generic-islamic-resistance", "LB", "hezbollah"),
    ("generic-asayish", "SY", "sdf"),
    ("generic-army", None, None),
    ("pmf", None, "pmf"),
])
def test_resolve_generic(generic_id: str, country: str | None, expected: str | None,
                         catalog: ActorCatalog) -> None:
    actor = catalog.resolve_generic(generic_id, country)
    assert (actor.id if actor else None) == expected


def _expected(row: ActorRow) -> set[tuple[str, str]]:
    if row.form == "stop":
        return set()
    return {(row.id, "adjective" if row.form == "adjective" else "name")}


def _whole_span_hits(variant: str, catalog: ActorCatalog) -> set[tuple[str, str]]:
    doc = normalize(variant)
    return {(m.actor_id, m.form) for m in find_actors(doc, catalog) if (m.start, m.end) == (0, len(doc.norm))}


def test_every_variant_is_stable_under_normalization() -> None:
    for row in read_actor_rows():
        for variant in row.variants:
            key = normalize_phrase(variant)
            assert key and normalize_phrase(key) == key
            assert normalize(variant).norm == key


def test_every_variant_finds_its_actor(catalog: ActorCatalog) -> None:
    """Each variant, written in an article as in the file, comes back as its own actor (stops: nothing)."""
    failures = []
    for row in read_actor_rows():
        want = _expected(row)
        for variant in row.variants:
            hits = _whole_span_hits(variant, catalog)
            if (want and not want <= hits) or (not want and hits):
                failures.append((row.id, variant, hits))
    assert failures == []


def test_a_name_beats_an_overlapping_adjective() -> None:
    name = Match(start=0, end=10, payload=("x", "name"), phrase="")
    adjective = Match(start=5, end=20, payload=("y", "adjective"), phrase="")
    assert resolve_overlaps([adjective, name], FORM_RANK) == [name]


def test_longest_name_wins_and_shared_spans_coexist() -> None:
    short = Match(start=6, end=14, payload=("hezbollah", "name"), phrase="")
    long = Match(start=0, end=14, payload=("kataib-hezbollah", "name"), phrase="")
    twin = Match(start=0, end=14, payload=("other", "name"), phrase="")
    assert resolve_overlaps([short, long, twin], FORM_RANK) == [long, twin]
