"""Where an event happened when the name alone does not say: a front, a district a city locates,
a village named again without its settlement word."""

from __future__ import annotations

from service.extraction.pipeline import extract
from tests.incidents import ids, one_of_type

DAY = "2025-02-20"  # a Thursday


def test_a_front_names_its_place() -> None:
    (inc,) = extract(
        "قتل ثلاثة جنود يمنيين في اشتباكات مع الحوثيين على جبهة رغوان في محافظة مأرب مساء أمس.", DAY
    )
    assert inc.location.name_ar == "رغوان"
    assert inc.location.admin1 == "YE-MA"


def test_a_district_of_another_governorate_is_not_the_city_quarter() -> None:
    # the gazetteer's الروضة are in Sanaa, Shabwa and al-Jawf; the city named after it is Marib
    (inc,) = extract(
        "أصيب خمسة مدنيين بسقوط صاروخ أطلقه الحوثيون على حي الروضة السكني وسط مدينة مأرب اليمنية مساء أمس.",
        DAY,
    )
    assert inc.location.admin1 == "YE-MA"
    assert inc.location.name_ar == "مأرب"


def test_a_village_named_again_without_its_cue_is_still_that_village() -> None:
    incidents = extract(
        "خطف مسلحون أربعة موظفين قرب بلدة بورهاكابا في إقليم باي الصومالي أمس الأربعاء. وكان الجيش "
        "قد قصف بالمدفعية الأحد الماضي مواقع للمسلحين في محيط بورهاكابا.",
        DAY,
    )
    shelling = one_of_type(incidents, "shelling_artillery_missile_attack")
    assert shelling.location.name_ar == "بورهاكابا"
    assert shelling.location.admin1 == "SO-BY"
    assert any(e.field == "location" and e.text == "بورهاكابا" for e in shelling.evidence)


def test_gunmen_of_a_named_group_are_that_group() -> None:
    (inc,) = extract("خطف مسلحون من حركة الشباب ثلاثة من عمال الإغاثة على الطريق قرب مدينة بيدوا أمس.", DAY)
    assert inc.sub_event_type == "abduction_forced_disappearance"
    assert [a.id for a in inc.perpetrators] == ["al-shabaab"]
    assert "al-shabaab" not in [a.id for a in inc.targets]


def test_a_ship_attack_at_sea_is_filed_under_the_coast_the_article_is_about() -> None:
    (inc,) = extract(
        "قال متحدث عسكري باسم جماعة الحوثي في صنعاء إن قواتها استهدفت سفينة تجارية في البحر الأحمر "
        "بصاروخ باليستي مساء أمس.",
        DAY,
    )
    assert inc.location.name_ar == "البحر الأحمر"
    assert (inc.location.country, inc.location.admin1) == ("YE", None)


def test_a_village_the_gazetteer_lacks_is_not_a_namesake_in_a_far_country() -> None:
    # the gazetteer's only الغانم is in Qatar, which neither borders Syria nor is named
    first, second = extract(
        "قتلت امرأة بقصف بقذائف الهاون على منازل وسط قرية الغانم العلي التابعة لناحية معدان في ريف "
        "الرقة الشرقي صباح أمس. وكانت اشتباكات قد اندلعت مساء السبت عند أطراف قرية الغانم العلي.",
        DAY,
    )
    assert [first.location.name_ar, second.location.name_ar] == ["الغانم العلي", "الغانم العلي"]
    assert {first.location.admin1, second.location.admin1} == {"SY-RA"}


def test_a_town_across_the_border_of_the_country_named_is_kept() -> None:
    (inc,) = extract("أصيب مستوطنان بسقوط صاروخ أطلق من شمال قطاع غزة على مدينة سديروت مساء أمس.", DAY)
    assert (inc.location.name_ar, inc.location.country) == ("سديروت", "IL")


def test_a_countrys_army_names_that_country_for_a_shared_city_name() -> None:
    text = (
        "طرابلس - قتل شخص وأصيب ثلاثة آخرون ليل السبت في اشتباك مسلح بين عائلتين في طرابلس، "
        "وعلى الأثر عزز الجيش اللبناني انتشاره في المنطقة."
    )
    (incident,) = extract(text, DAY)
    assert (incident.location.country, incident.location.admin1) == ("LB", "LB-AS")


def test_a_city_that_speaks_is_its_government_not_a_place() -> None:
    text = (
        "قتل جنديان في اشتباك مع مهربين في منطقة الرويشد شرقي محافظة المفرق فجر اليوم.\n"
        "ويأتي الاشتباك في ظل تصاعد محاولات التهريب، إذ تقول عمّان إن عصابات التهريب تستخدم "
        "الأسلحة الرشاشة."
    )
    assert [i.location.name_ar for i in extract(text, DAY)] == ["الرويشد"]


def test_a_military_position_named_after_a_town_is_that_town() -> None:
    text = (
        "أعلن حزب الله في بيان مساء اليوم أن مقاتليه استهدفوا \"موقع المطلة\" بالأسلحة الصاروخية، "
        "ردا على غارة شنتها إسرائيل على بلدة الخيام جنوبي لبنان."
    )
    by_hezbollah = [i for i in extract(text, DAY) if ids(i.perpetrators) == ["hezbollah"]]
    assert [i.location.name_ar for i in by_hezbollah] == ["المطلة"]


def test_a_darfur_village_is_not_its_yemeni_namesake() -> None:
    (inc,) = extract(
        "قتل أربعة مدنيين في غارة بطائرة مسيرة شنها الجيش السوداني على قرية شقرة غرب الفاشر في "
        "ولاية شمال دارفور أمس.",
        DAY,
    )
    assert (inc.location.name_ar, inc.location.admin1) == ("شقرة", "SD-DN")


def test_hezbollahs_burkan_rockets_on_branit_are_a_strike_in_northern_israel() -> None:
    (inc,) = extract("أعلن حزب الله أن مقاتليه استهدفوا مساء أمس ثكنة برانيت بصواريخ بركان الثقيلة.", DAY)
    assert inc.sub_event_type == "shelling_artillery_missile_attack"
    assert (inc.location.name, inc.location.admin1) == ("Branit barracks", "IL-Z")
    assert ids(inc.perpetrators) == ["hezbollah"]
