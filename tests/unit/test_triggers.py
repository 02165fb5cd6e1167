"""Event triggers: a table of Arabic sentences -> the strongest surviving trigger."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.extraction.mentions.triggers import (
    TriggerLexicon,
    clause_bounds,
    explain_triggers,
    find_triggers,
    is_generic,
    load_trigger_lexicon,
)
from service.extraction.model import Trigger
from service.extraction.normalize import normalize, normalize_phrase, source_span

AIR = ("air_drone_strike", ("aircraft",))
DRONE = ("air_drone_strike", ("drone",))
ROCKET = ("shelling_artillery_missile_attack", ("rocket",))
MISSILE = ("shelling_artillery_missile_attack", ("missile",))
ARTILLERY = ("shelling_artillery_missile_attack", ("artillery",))
MORTAR = ("shelling_artillery_missile_attack", ("mortar",))
IED = ("remote_explosive_landmine_ied", ("ied",))
CAR_BOMB = ("remote_explosive_landmine_ied", ("car_bomb",))
SUICIDE = ("suicide_bomb", ("suicide_explosive",))
CLASH = ("armed_clash", ("small_arms",))
SHOOTING = ("attack", ("small_arms",))
ABDUCTION = ("abduction_forced_disappearance", ())
GENERIC = ("attack", ())

CASES: list = [  # (text, (sub_event_type, weapons) of the strongest trigger, or None)
    # air and drone strikes
    ("شنت طائرات حربية غارة على مواقع للمسلحين قرب الحدود.", AIR),
    ("قصفت طائرات التحالف مخزنا للأسلحة في ريف المحافظة", AIR),
    ("استهدفت ضربة جوية اجتماعا لقادة التنظيم", AIR),
    ("أسفرت الغارات الجوية عن تدمير جسر حيوي", AIR),
    ("غارةٌ جوّيةٌ استهدفت الموقع فجراً", AIR),
    ("أعلنت القيادة المركزية تنفيذ ضربات أمريكية على منشآت لتخزين الأسلحة", AIR),
    ("ضربة استهدفت مستودعا في المنطقة الصناعية", ("air_drone_strike", ())),
    ("هاجمت طائرة مسيرة قاعدة عسكرية شمال البلاد", DRONE),
    ("قتل قيادي في الفصيل بضربة بطائرة مسيرة استهدفت سيارته", DRONE),
    ("انفجرت مسيرة مفخخة قرب مطار المدينة", DRONE),
    ("تعرضت القاعدة لهجوم بطائرات مسيرة فجر اليوم", DRONE),
    ("حلقت طائرة بدون طيار ثم قصفت الشاحنة", DRONE),
    ("كان آخرها الشهر الماضي حين قصفت مسيرة منزلا في أطراف القرية", DRONE),
    # rockets, missiles, artillery, mortars
    ("سقط صاروخان على محيط السفارة دون وقوع إصابات", ROCKET),
    ("أطلق مسلحون ثلاثة صواريخ كاتيوشا باتجاه القاعدة", ROCKET),
    ("استهدف هجوم صاروخي قاعدة جوية غرب البلاد", ROCKET),
    ("تعرضت المدينة للصواريخ طوال الليل", ROCKET),
    ("أطلقت الراجمات رشقات صاروخية نحو المستوطنات", ROCKET),
    ("أطلق الحوثيون صاروخا باليستيا على سفينة تجارية", MISSILE),
    ("سقطت قذائف هاون على حي سكني", MORTAR),
    ("قصفت المدفعية قرى حدودية صباح الأحد", ARTILLERY),
    ("قصفت قوات الجيش أطراف البلدة بعد منتصف الليل", ARTILLERY),
    ("تعرضت البلدة لقصف مدفعي عنيف", ARTILLERY),
    # explosives
    ("انفجرت عبوة ناسفة بدورية للشرطة", IED),
    ("أصيب جنديان بانفجار لغم أرضي", IED),
    ("انفجرت عبوة لاصقة بسيارة موظف حكومي", IED),
    ("انفجرت سيارة مفخخة قرب سوق شعبي", CAR_BOMB),
    ("فجر انتحاري حزاما ناسفا وسط تجمع للمصلين", SUICIDE),
    ("هاجم انتحاري يقود سيارة مفخخة نقطة تفتيش", ("suicide_bomb", ("car_bomb", "suicide_explosive"))),
    ("ألقى مجهولون قنبلة يدوية على منزل قاض", ("grenade", ("grenade",))),
    # clashes, shootings, abductions
    ("اندلعت اشتباكات بين قوات الجيش ومسلحين في ريف المحافظة", CLASH),
    ("دارت معارك عنيفة بين الطرفين للسيطرة على الجسر", CLASH),
    ("وقع تبادل لإطلاق النار بين دورية وعصابة تهريب", CLASH),
    ("لا تزال الاشتباكات مستمرة في الحي", CLASH),
    ("استمرت الاشتباكات منذ يومين في محيط المطار", CLASH),
    ("اغتال مسلحون مجهولون ناشطا أمام منزله", SHOOTING),
    ("قتل شاب برصاص قناص في الحي القديم", SHOOTING),
    ("أطلق مسلحون النار على سيارة مدنية", SHOOTING),
    ("اختطف مسلحون صحفيا على الطريق الدولي", ABDUCTION),
    ("أعلنت العائلة اختطاف ابنها من قبل جماعة مسلحة", ABDUCTION),
    # generic words and interceptions
    ("وقع هجوم على نقطة أمنية", GENERIC),
    ("قصفت القوات التركية مواقع في المنطقة", GENERIC),
    ("اعترف الجيش بأن الهجوم لم يسفر عن إصابات", GENERIC),
    ("أعلن الجيش اعتراض صاروخ أطلق من اليمن", ("disrupted_weapons_use", ("missile",))),
    ("تمكنت القوات من تفكيك عبوة ناسفة زرعت على جانب الطريق", ("disrupted_weapons_use", ("ied",))),
    # real events next to cues that must not remove them
    ("لم تعلن أي جهة مسؤوليتها عن التفجير الانتحاري", SUICIDE),
    ("توعدت الجماعة بالرد على الغارة التي استهدفت قائدها", AIR),
    ("ندد البيان بالقصف الإسرائيلي الذي أدى إلى مقتل ثلاثة مدنيين", ("air_drone_strike", ())),
    ("ندد البيان بالقصف على الحي الذي أدى إلى مقتل ثلاثة مدنيين", GENERIC),
    ("أدانت الحكومة الهجوم الانتحاري الذي أسفر عن مقتل 12 شخصا", SUICIDE),
    ("أول غارة منذ عام 2020 استهدفت المعبر", AIR),
    ("شنت الطائرات غارات على البلدة منذ فجر اليوم", AIR),
    ("قتل 5 أشخاص في 3 غارات على مخيم للنازحين", AIR),
    ("أعلنت الجماعة أنها ستشن هجمات جديدة، وكانت غارة قد استهدفت مقرها أمس", AIR),
    ("بغداد 2024 قصف مدفعي على أطراف المدينة", ARTILLERY),
    ("الخميس 2023 هجوم على حاجز للجيش", GENERIC),
    ("لم تتبن أي جماعة مسؤوليتها عن أي هجوم على المطار", GENERIC),
    (
        # blasts heard: an attack of some kind, not a bomb for certain
        "سمع دوي انفجارات قرب المطار، حيث تتعرض القاعدة لهجمات منذ بدء الحرب",
        GENERIC,
    ),
    ("هاجم الحوثيون ناقلة نفط بصاروخ مضاد للسفن", MISSILE),
    ("عثر على جثة رجل مصابة بطلقات نارية", SHOOTING),
    ("فجر مسلح نفسه عند مدخل الكنيسة", SUICIDE),
    ("أسقطت الدفاعات الجوية صاروخين أطلقا من اليمن", ("disrupted_weapons_use", ())),
    ("ألقت المروحيات براميل متفجرة على أحياء المدينة", AIR),
    ("اتهمت المعارضة القوات الحكومية بشن هجوم كيميائي على البلدة", ("chemical_weapon", ("other",))),
    ("ارتكب المسلحون مجزرة في القرية", GENERIC),
    ("معسكر تدريب تعرض لغارة جوية فجر اليوم", AIR),
    ("مستودع للأسلحة تعرض لقصف مدفعي", ARTILLERY),
    ("استهدفت الضربات مخازن الصواريخ والطائرات المسيرة", ("air_drone_strike", ())),
    ("أسقطت منظومة الدفاع الجوي طائرة مسيرة", ("disrupted_weapons_use", ())),
    ("استهدفت الضربات مراكز القيادة ومواقع الرادار والصواريخ والقذائف", ("air_drone_strike", ())),
    ("استهدفت الفصائل القاعدة بطائرات مسيرة وصواريخ", DRONE),
    ("استهدفت صواريخ القاعدة الجوية فجرا", ROCKET),
    # negated
    ("لم تشن الطائرات أي غارة على المدينة منذ أسبوع", None),
    ("نفى الجيش تنفيذ غارات على المنطقة", None),
    ("وتشن الطائرات بشكل متكرر غارات على مواقع الفصائل في الجبال", None),
    ("وتنفذ القوات التركية بصورة شبه يومية ضربات جوية على الطرق الزراعية", None),
    ("لا صحة للأنباء عن وقوع اشتباكات في البلدة", None),
    ("عبرت القافلة الحاجز دون أن يقع أي اشتباك", None),
    ("أحبطت القوات الأمنية هجوما انتحاريا على مقر حكومي", None),
    # future, threatened, hypothetical
    ("سوف تشن القوات هجوما واسعا على معاقل التنظيم", None),
    ("تعتزم الحكومة شن ضربات على مواقع المهربين", None),
    ("قد تشن إسرائيل ضربة على المنشآت النووية", None),
    ("توقعت مصادر أن يشن الجيش هجوما بريا على المدينة", None),
    ("هددت الجماعة بشن هجمات على السفن في البحر الأحمر", None),
    ("توعد القائد بقصف القواعد الأجنبية", None),
    ("حذر المسؤول من هجوم وشيك على المدينة", None),
    ("في حال تعرضت قواتنا لأي هجوم سنرد بقوة", None),
    ("إذا استمر القصف فإن المدنيين سيدفعون الثمن", None),
    # figurative
    ("سجل المهاجم هدفا رائعا بعد هجوم منظم في المباراة", None),
    ("أهدر اللاعب ضربة جزاء في الدقيقة الأخيرة", None),
    ("شن المنتخب هجوما كاسحا في الشوط الثاني", None),
    ("تلقى الاقتصاد ضربة قوية بعد تراجع أسعار النفط", None),
    ("وجهت الأزمة ضربة قوية للعملة المحلية", None),
    ("شن النائب هجوما لاذعا على وزير المالية", None),
    ("شن الوزير هجوما على تصريحات السفير", None),
    ("تعرضت مواقع حكومية لهجوم إلكتروني واسع", None),
    ("معركة الانتخابات البرلمانية تحتدم", None),
    ("أجرى الجيش مناورات بالذخيرة الحية تضمنت قصفا مدفعيا", None),
    ("وقع انفجار في محطة وقود بسبب تسرب الغاز", None),
    ("أدت الاشتباكات اللفظية بين النواب إلى تعليق الجلسة", None),
    ("ضرب الوزير مثالا بتجربة الدول المجاورة", None),
    ("ضرب زلزال بقوة 5 درجات جنوب البلاد", None),
    ("وقعت الحكومة صفقة لشراء منظومة صواريخ دفاعية", None),
    ("عرضت الشركة طائرة مسيرة جديدة للاستخدام الزراعي", None),
    ("أطلقت وكالة الفضاء صاروخا يحمل قمرا صناعيا", None),
    ("تستهدف الوزارة زيادة الصادرات بنسبة 10 بالمئة", None),
    ("هاجم المدرب الحكم بعد الخسارة", None),
    # aggregates
    ("أحصت وزارة الدفاع 115 هجوما منذ 17 أكتوبر", None),
    ("تعرضت القوات لـ78 هجوما", None),
    ("ومنذ انهيار الهدنة مطلع الشهر استأنفت الجماعات المسلحة هجماتها بالصواريخ", None),
    ("بلغ عدد الغارات على المدينة أكثر من 300 غارة", None),
    ("شهدت المنطقة سلسلة هجمات على القواعد خلال الأشهر الماضية", None),
    ("تزايدت الهجمات على القواعد الأجنبية في البلدين", None),
    ("عشرات الهجمات استهدفت المصالح الغربية", None),
    ("تواصلت الغارات على القطاع منذ بداية الحرب", None),
    ("تعرضت القواعد لهجمات متواصلة بالصواريخ", None),
    ("قتل خمسة مسلحين كانوا يستعدون لإطلاق طائرة مسيرة", None),
    ("أعلن الجيش إسقاط طائرة مسيرة، ولم تقع أي هجمات بالصواريخ", ("disrupted_weapons_use", ("drone",))),
    # statements and protests about an attack
    ("دعا المجلس إلى وقف الغارات على المدنيين فورا", None),
    ("أعلن الطرفان وقف إطلاق النار اعتبارا من منتصف الليل", None),
    ("خرجت مسيرات في عدة مدن تنديدا بالعدوان", None),
    ("ندد الاتحاد الأوروبي بالهجوم على القافلة الإنسانية", None),
    ("خرج المئات في مظاهرة احتجاجا على الغارات", None),
    ("أدانت الخارجية استهداف البعثات الدبلوماسية", None),
    ("أحيا السكان ذكرى التفجير الذي وقع قبل عشر سنوات", None),
    # verb-first clauses: the subject stands between the verb and its object
    ("أطلق جنود إسرائيليون النار على شاب قرب الحاجز", SHOOTING),
    ("فتحت عناصر من قوات الأمن النار على المحتجين", SHOOTING),
    ("وأطلقوا عليه النار من مسافة قريبة", SHOOTING),
    ("فجر رجل يرتدي زيا عسكريا نفسه داخل المعسكر", SUICIDE),
    ("أطلقت وزارة الصحة حملة لإطفاء النار في المستودعات", None),
    ("أطلق الناشطون حملة واسعة على منصات التواصل في أنحاء البلاد ضد النار", None),
    # an assault on a military post is a fight; a weapon named with it still wins
    ("هاجم مسلحون من التنظيم قاعدة عسكرية في الصحراء", ("armed_clash", ())),
    ("هاجموا دورية للجيش على الطريق الدولي", ("armed_clash", ())),
    ("هاجمت طائرة مسيرة قاعدة عسكرية", DRONE),
    ("هاجم الرئيس مواقع التواصل الاجتماعي في خطابه", None),
    # fighting that has gone on for months is the war, not an event
    ("وتشهد المدينة منذ أشهر معارك عنيفة بين الطرفين", None),
    ("تدور منذ أسابيع اشتباكات متقطعة في محيط المدينة", None),
    ("تشهد المدينة اشتباكات عنيفة منذ صباح اليوم", CLASH),
    ("استهدف المقاتلون دبابة بصاروخين مضادين للدروع", MISSILE),
    # no trigger at all
    ("خرجت مسيرة احتجاجية في وسط المدينة", ("peaceful_protest", ())),
    ("افتتح الوزير مستشفى جديدا في المدينة", None),
]


_LEX = load_trigger_lexicon()  # module-level: hypothesis tests cannot take function fixtures


@pytest.fixture(scope="module")
def lex() -> TriggerLexicon:
    return _LEX


def strongest(triggers: list[Trigger]) -> Trigger | None:
    return max(triggers, key=lambda t: t.strength, default=None)


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_strongest_trigger(lex: TriggerLexicon, text: str, expected: tuple | None) -> None:
    best = strongest(find_triggers(normalize(text), lex))
    got = None if best is None else (best.sub_event_type, best.weapons)
    reasons = [(c.phrase, c.reason, c.cue) for c in explain_triggers(normalize(text), lex)]
    assert got == expected, reasons


@pytest.mark.parametrize("text", [c.values[0] if hasattr(c, "values") else c[0] for c in CASES])
def test_spans_map_back_to_the_source(lex: TriggerLexicon, text: str) -> None:
    doc = normalize(text)
    for t in find_triggers(doc, lex):
        a, b = source_span(doc, t.start, t.end)
        assert normalize_phrase(text[a:b]) == doc.norm[t.start : t.end]


def test_explain_lists_dropped_candidates_with_a_reason(lex: TriggerLexicon) -> None:
    cands = explain_triggers(normalize("هددت الجماعة بشن هجمات"), lex)
    assert [(c.phrase, c.kept, c.reason, c.cue) for c in cands] == [("هجمات", False, "threat", "هددت")]


def test_every_entry_is_stable_under_normalization(lex: TriggerLexicon) -> None:
    for phrase in [e.phrase for e in lex.entries] + [c.phrase for c in lex.cues]:
        assert normalize_phrase(phrase) == phrase


def test_every_trigger_entry_matches_itself(lex: TriggerLexicon) -> None:
    for entry in lex.entries:
        if "…" in entry.phrase:
            continue  # gapped phrases: the next test
        hits = lex.trigger_matcher.find(entry.phrase)
        assert any(h.start == 0 and h.end == len(entry.phrase) for h in hits), entry.phrase


def test_every_gapped_phrase_matches_with_a_subject_between(lex: TriggerLexicon) -> None:
    gapped = [e for e in lex.entries if "…" in e.phrase]
    assert len(gapped) >= 3
    for entry in gapped:
        heads, tails = (part.split("|") for part in entry.phrase.split(" … "))
        for head in heads:
            for tail in tails:
                text = f"{head} عناصر مسلحون من الجهة {tail}"
                found = [t for t in find_triggers(normalize(text), lex) if (t.start, t.end) == (0, len(text))]
                assert [t.sub_event_type for t in found] == [entry.sub_event_type], text
                too_far = f"{head} عناصر مسلحون من الجهة الغربية للبلدة {tail}"
                spans = [(t.start, t.end) for t in find_triggers(normalize(too_far), lex)]
                assert all(a > 0 or b < len(too_far) for a, b in spans), too_far


def test_generic_and_clause_helpers(lex: TriggerLexicon) -> None:
    doc = normalize("وقع هجوم على الحاجز، وقال مسؤول إن القذائف سقطت")
    triggers = find_triggers(doc, lex)
    assert [is_generic(t) for t in triggers] == [True, False]
    start, end = clause_bounds(doc.norm, triggers[0].start)
    assert triggers[1].start > end and doc.norm[start:end].endswith("الحاجز")


@pytest.mark.parametrize(
    ("file", "line", "message"),
    [
        ("triggers.tsv", "غارة\tair_strike\taircraft\t0.8", "unknown sub_event_type"),
        ("triggers.tsv", "غارة\tair_drone_strike\tjet\t0.8", "unknown weapon"),
        ("triggers.tsv", "غارة\tair_drone_strike\taircraft\t1.5", "strength 1.5 outside"),
        ("triggers.tsv", "غارة\tair_drone_strike", "expected 4 or 5"),
        ("event_filters.tsv", "لم\tnegative\tbefore:3", "unknown kind"),
        ("event_filters.tsv", "لم\tnegation\tnear", "bad scope"),
    ],
)
def test_loader_rejects_bad_rows(tmp_path: Path, file: str, line: str, message: str) -> None:
    (tmp_path / "triggers.tsv").write_text("غارة\tair_drone_strike\taircraft\t0.8\n", encoding="utf-8")
    (tmp_path / "event_filters.tsv").write_text("لم\tnegation\tbefore:3\n", encoding="utf-8")
    (tmp_path / file).write_text(f"# a comment\n{line}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"{file}:2: {message}")):
        load_trigger_lexicon(tmp_path)


def test_loader_rejects_duplicates_after_normalizing(tmp_path: Path) -> None:
    (tmp_path / "triggers.tsv").write_text(
        "غارة\tair_drone_strike\taircraft\t0.8\nغارةٌ\tair_drone_strike\taircraft\t0.8\n", encoding="utf-8"
    )
    (tmp_path / "event_filters.tsv").write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match=r"triggers\.tsv:2: duplicate of line 1"):
        load_trigger_lexicon(tmp_path)


ARABIC_NEWSY = st.text(alphabet="غارة جوية لم هجوما 115 منذ صواريخ، و.\nأإآىئؤ" + "ًٌٍَُِّْـ", max_size=300)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(max_size=300), ARABIC_NEWSY))
def test_any_text_gives_valid_spans(text: str) -> None:
    doc = normalize(text)
    for t in find_triggers(doc, _LEX):
        assert 0 <= t.start < t.end <= len(doc.norm)
        a, b = source_span(doc, t.start, t.end)
        assert 0 <= a < b <= len(text)
        assert 0.0 <= t.strength <= 1.0
