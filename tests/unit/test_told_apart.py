"""Events told apart from the one reported: the pluperfect with a day of its own, "a similar
attack", and the claim that dates an event told later in the pluperfect."""

from __future__ import annotations

from service.extraction.pipeline import extract
from tests.incidents import ids, one_of_type

DAY = "2025-02-17"  # a Monday


def test_a_pluperfect_report_with_its_own_earlier_day_is_another_event() -> None:
    incidents = extract(
        "قتل جنديان في هجوم شنه مسلحون على حاجز للجيش قرب بلدة الصنمين شمال درعا مساء أمس الأحد. "
        "وكان مسلحون قد اغتالوا قبل يومين قياديا سابقا في المعارضة داخل البلدة.",
        DAY,
    )
    assert [i.date.start for i in incidents] == ["2025-02-16", "2025-02-15"]
    assert incidents[0].casualties.killed is not None
    assert (incidents[0].casualties.killed.min, incidents[0].casualties.killed.max) == (2, 2)


def test_a_similar_attack_lends_no_toll_to_the_event_before_it() -> None:
    (inc,) = extract(
        "قتل جنديان في هجوم شنه مسلحون على حاجز للجيش قرب بلدة الصنمين شمال درعا مساء أمس الأحد. "
        "وكان الحاجز ذاته قد تعرض لهجوم مماثل أدى إلى مقتل ثلاثة عناصر.",
        DAY,
    )
    assert inc.casualties.killed is not None
    assert (inc.casualties.killed.min, inc.casualties.killed.max) == (2, 2)


def test_a_pluperfect_report_of_another_kind_does_not_add_to_the_event_before_it() -> None:
    incidents = extract(
        "قتل خمسة مدنيين في قصف مدفعي على بلدة كفرنبل جنوب إدلب أمس الأحد. وكانت طائرة مسيرة قد "
        "استهدفت سيارة في البلدة ذاتها، ما أدى إلى مقتل شخصين.",
        DAY,
    )
    shelling = one_of_type(incidents, "shelling_artillery_missile_attack")
    assert shelling.casualties.killed is not None
    assert (shelling.casualties.killed.min, shelling.casualties.killed.max) == (5, 5)


def test_a_claimed_event_told_in_the_pluperfect_before_the_claim_is_the_same_event() -> None:
    incidents = extract(
        "تبنى تنظيم القاعدة، أمس الأحد، هجوما بطائرة مسيرة استهدف موقعا للقوات الحكومية في محافظة "
        "أبين. وكانت الطائرة قد استهدفت ظهر السبت موقعا للجيش في مديرية مودية، ما أدى إلى مقتل جنديين.",
        DAY,
    )
    strike = one_of_type(incidents, "air_drone_strike")
    assert strike.casualties.killed is not None and strike.casualties.killed.min == 2


def test_the_event_noun_before_a_verb_is_its_subject_not_the_actor_after_it() -> None:
    (inc,) = extract(
        "أعلنت القيادة الأمريكية في أفريقيا أنها نفذت، يوم الأحد، غارة جوية استهدفت مسلحين من حركة "
        "الشباب قرب بلدة جلب.",
        DAY,
    )
    assert "al-shabaab" in ids(inc.targets)
    assert "al-shabaab" not in ids(inc.perpetrators)


def test_the_subject_of_a_that_clause_before_its_verb_of_attack_is_the_doer() -> None:
    (inc,) = extract(
        "أعلنت وزارة الدفاع الصومالية أن قوات الجيش الوطني نفذت، أمس الأحد، هجوما على مواقع "
        "للخوارج في ضواحي مدينة جوهر، أسفر عن مقتل خمسة مسلحين.",
        DAY,
    )
    assert ids(inc.perpetrators) == ["somalia-forces"]
    assert ids(inc.targets) == ["al-shabaab"]


def test_similar_events_with_no_day_of_their_own_are_no_incident() -> None:
    (inc,) = extract(
        "قتل مختار قرية برصاص مسلحين مجهولين قرب قضاء بلدروز في محافظة ديالى مساء أمس. وتشهد "
        "المناطق الشرقية من ديالى بين حين وآخر عمليات اغتيال مماثلة.",
        DAY,
    )
    assert inc.sub_event_type == "attack"


def test_an_event_in_the_same_area_on_another_day_is_placed_there() -> None:
    incidents = extract(
        "قتل جنديان في هجوم شنه مسلحون على حاجز للجيش قرب بلدة الصنمين شمال درعا مساء أمس الأحد. "
        "وكان مسلحون قد اغتالوا قبل يومين قياديا سابقا في المعارضة داخل البلدة ذاتها.",
        DAY,
    )
    assert [(i.date.start, i.location.name_ar) for i in incidents] == [
        ("2025-02-16", "الصنمين"),
        ("2025-02-15", "الصنمين"),
    ]
