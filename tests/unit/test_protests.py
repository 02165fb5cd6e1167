"""Protests through the whole extractor: how the crowd acted and how it was met (ACLED's
protest sub-events), protests about an attack (no incident), and what stays apart."""

from __future__ import annotations

import pytest

from service.extraction.model import Incident
from service.extraction.pipeline import extract
from tests.incidents import ids

DAY = "2025-03-10"  # a Monday


def _only(text: str) -> Incident:
    incidents = extract(text, DAY)
    assert len(incidents) == 1, [(i.sub_event_type, i.location.name_ar) for i in incidents]
    return incidents[0]


def test_a_peaceful_protest_has_no_sides() -> None:
    inc = _only("تظاهر مئات العمال أمام مبنى البلدية في مدينة الحلة صباح الأحد للمطالبة بصرف رواتبهم.")
    assert (inc.event_type, inc.sub_event_type) == ("protests", "peaceful_protest")
    assert inc.date.start == "2025-03-09"
    assert inc.location.name_ar == "الحلة"
    assert inc.perpetrators == [] and inc.targets == []
    assert any(e.field == "sub_event_type" and e.text == "تظاهر" for e in inc.evidence)


def test_tear_gas_on_a_protest_is_an_intervention_by_the_forces() -> None:
    inc = _only(
        "تجمع مئات الخريجين أمام مبنى المحافظة في الديوانية مساء الأحد مطالبين بفرص عمل، "
        "وأطلقت قوات الأمن الغاز المسيل للدموع لتفريقهم."
    )
    assert inc.sub_event_type == "protest_with_intervention"
    assert ids(inc.perpetrators) == ["iraqi-security-forces"]
    assert ids(inc.targets) == ["civilians"]


def test_live_fire_that_kills_a_protester_is_excessive_force() -> None:
    inc = _only(
        "قتل متظاهر وأصيب خمسة آخرون مساء الأحد عندما أطلقت الشرطة الرصاص الحي لتفريق "
        "احتجاج على تردي الخدمات في مدينة الكوت."
    )
    assert inc.sub_event_type == "excessive_force_against_protesters"
    assert inc.casualties.killed is not None and inc.casualties.killed.max == 1
    assert ids(inc.targets) == ["civilians"]


def test_shots_told_in_the_next_sentence_belong_to_the_protest() -> None:
    inc = _only(
        "اعتصم عشرات المزارعين أمام مبنى القائممقامية في قضاء المسيب مساء الأحد. "
        "وأطلقت قوات الأمن الرصاص الحي في الهواء ما أدى إلى إصابة اثنين منهم."
    )
    assert inc.sub_event_type == "excessive_force_against_protesters"
    assert inc.casualties.injured is not None and inc.casualties.injured.min == 2


def test_burning_tyres_make_a_violent_demonstration() -> None:
    inc = _only("أحرق محتجون غاضبون الإطارات وأغلقوا الشوارع الرئيسية في مدينة عدن مساء الأحد.")
    assert (inc.event_type, inc.sub_event_type) == ("riots", "violent_demonstration")
    assert inc.perpetrators == []


@pytest.mark.parametrize(
    "text",
    [
        "خرج آلاف المتظاهرين في مدينة تعز مساء الأحد تنديدا بالغارة التي استهدفت سوقا شعبيا.",
        "نظم العشرات وقفة احتجاجية في مدينة الناصرية يوم الأحد احتجاجا على اغتيال ناشط مدني.",
        "خرجت مسيرات حاشدة في مدينة صعدة يوم الأحد منددة بالعدوان على غزة.",
    ],
)
def test_a_protest_about_an_attack_is_no_incident(text: str) -> None:
    assert [i for i in extract(text, DAY) if i.event_type in ("protests", "riots")] == []


def test_a_diplomatic_protest_is_no_crowd() -> None:
    assert extract("سلمت وزارة الخارجية في بغداد يوم الأحد السفير التركي مذكرة احتجاج رسمية.", DAY) == []


def test_arrests_the_next_morning_are_an_event_of_their_own() -> None:
    incidents = extract(
        "تظاهر مئات المعلمين يوم الأحد في مدينة الديوانية للمطالبة برواتبهم. وفي صباح اليوم "
        "التالي، اعتقلت قوة أمنية ثلاثة من منظمي الاحتجاجات من منازلهم في الديوانية.",
        DAY,
    )
    assert [(i.sub_event_type, i.date.start) for i in incidents] == [
        ("peaceful_protest", "2025-03-09"),
        ("arrests", "2025-03-10"),
    ]


def test_arrests_at_the_protest_are_an_intervention_in_it() -> None:
    inc = _only(
        "تظاهر مئات الطلاب أمام مبنى الجامعة في مدينة الموصل يوم الأحد، واعتقلت قوات الأمن "
        "عددا من المتظاهرين."
    )
    assert inc.sub_event_type == "protest_with_intervention"


def test_tear_gas_in_a_raid_is_no_protest() -> None:
    incidents = extract(
        "أصيب ثلاثة شبان برصاص جنود الاحتلال الذين أطلقوا قنابل الغاز والرصاص الحي خلال "
        "اقتحام بلدة بيتا جنوب نابلس يوم الأحد.",
        DAY,
    )
    assert incidents and all(i.event_type not in ("protests", "riots") for i in incidents)


def test_gunmen_on_a_checkpoint_the_same_night_stay_apart() -> None:
    incidents = extract(
        "تظاهر المئات في ساحة المدينة في السويداء مساء الأحد للمطالبة بالإفراج عن المعتقلين. "
        "وفي الليلة ذاتها، هاجم مسلحون مجهولون حاجزا للأمن العام شمال مدينة السويداء ما أدى إلى مقتل عنصرين.",
        DAY,
    )
    types = sorted(i.sub_event_type for i in incidents)
    assert "peaceful_protest" in types
    assert any(i.event_type == "battles" or i.sub_event_type == "attack" for i in incidents), types


def test_where_the_displaced_fled_from_is_not_where_they_protest() -> None:
    inc = _only(
        "احتشد مئات النازحين القادمين من ولاية الجزيرة أمام مقر الأمم المتحدة في مدينة كسلا "
        "يوم الأحد مطالبين بزيادة المساعدات."
    )
    assert inc.location.name_ar == "كسلا"


def test_a_crowd_waiting_for_aid_that_is_fired_on_is_attacked_not_a_protest() -> None:
    text = (
        "فتحت دبابات إسرائيلية النار على آلاف المواطنين الذين احتشدوا منذ ساعات الفجر قرب نقطة "
        "لتوزيع المساعدات الغذائية غربي مدينة رفح، ما أدى إلى مقتل 12 شخصا."
    )
    (incident,) = extract(text, "2025-03-04")
    assert incident.sub_event_type == "attack"
    assert "civilians" in ids(incident.targets)
