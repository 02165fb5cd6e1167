"""Who owns an attack when no sentence names its doer: a claim told apart from the event, a
suspicion, and the events an article places only once."""

from __future__ import annotations

from service.extraction.pipeline import extract
from tests.incidents import ids, one_of_type

DAY = "2025-06-17"  # a Tuesday


def test_a_later_claim_is_of_the_main_event_not_the_latest() -> None:
    incidents = extract(
        "قتل سبعة جنود صباح اليوم في تفجير انتحاري بسيارة مفخخة عند مدخل معسكر للجيش في مدينة "
        "كسمايو. وبعد الانفجار اندلع اشتباك قصير مع مسلحين حاولوا دخول المعسكر، قتل فيه ثلاثة منهم. "
        "وتبنت حركة الشباب الهجوم في بيان على موقعها.",
        DAY,
    )
    bomb = one_of_type(incidents, "suicide_bomb")
    assert ids(bomb.perpetrators) == ["al-shabaab"]
    assert ids(bomb.claimed_by) == ["al-shabaab"]
    assert any(e.field == "claimed_by" and e.text == "حركة الشباب" for e in bomb.evidence)


def test_the_claimant_between_verb_and_object_claims_it() -> None:
    incidents = extract(
        "ينشط تنظيم القاعدة في جزيرة العرب في مديريات شبوة. وانفجرت عبوة ناسفة بعربة عسكرية قرب "
        "مدينة عتق مساء الأحد ما أدى إلى مقتل جندي، في هجوم أعلن التنظيم مسؤوليته عنه.",
        DAY,
    )
    ied = one_of_type(incidents, "remote_explosive_landmine_ied")
    assert ids(ied.perpetrators) == ["aqap"]
    assert "aqap" not in ids(ied.targets)


def test_a_suspected_group_is_blamed_and_coded_as_the_doer() -> None:
    incidents = extract(
        "قتل ثلاثة من عناصر الشرطة في هجوم مسلح على نقطة تفتيش في قضاء الطارمية فجر اليوم، "
        "ورجحت مصادر أمنية وقوف تنظيم داعش خلفه.",
        DAY,
    )
    assert len(incidents) == 1
    assert ids(incidents[0].perpetrators) == ["isis"]
    assert ids(incidents[0].claimed_by) == []
    assert "isis" not in ids(incidents[0].targets)


def test_attacks_told_as_a_trend_are_no_event() -> None:
    incidents = extract(
        "قتل جنديان بانفجار عبوة ناسفة في الرمادي أمس. وتشهد المحافظة منذ مطلع العام تصاعدا في "
        "الهجمات التي تستهدف القوات الأمنية والمدنيين.",
        DAY,
    )
    assert len(incidents) == 1
    assert ids(incidents[0].targets) == ["iraqi-security-forces"]


def test_one_more_wounded_told_as_an_ordinal() -> None:
    (inc,) = extract("انفجرت عبوة ناسفة بدورية للجيش في الرمادي أمس ما أدى إلى مقتل جنديين وإصابة ثالث.", DAY)
    assert inc.casualties.killed is not None and inc.casualties.killed.min == 2
    injured = inc.casualties.injured
    assert injured is not None and (injured.min, injured.max) == (1, 1)


def test_an_event_placed_nowhere_happened_where_the_one_before_it_did() -> None:
    incidents = extract(
        "سقطت ثلاث قذائف هاون على حي سكني في مدينة بلدوين صباح اليوم. وبعد ساعة اندلعت اشتباكات "
        "بين الجيش ومسلحين، قتل فيها أربعة.",
        DAY,
    )
    clash = one_of_type(incidents, "armed_clash")
    assert clash.location.name_ar == "بلدوين"
    assert clash.location.admin1 == "SO-HI"
    assert any(e.field == "location" and e.text == "بلدوين" for e in clash.evidence)


def test_an_unplaced_event_of_another_day_takes_no_place() -> None:
    incidents = extract(
        "سقطت ثلاث قذائف هاون على حي سكني في مدينة بلدوين صباح اليوم. وكانت اشتباكات قد اندلعت "
        "بين الجيش ومسلحين يوم الجمعة الماضي، قتل فيها أربعة.",
        DAY,
    )
    clash = one_of_type(incidents, "armed_clash")
    assert clash.location.name_ar is None


def test_the_subject_of_a_that_clause_across_an_aside_took_the_town() -> None:
    (inc,) = extract(
        "أعلنت وزارة الدفاع الصومالية، أمس، أن قوات الجيش الوطني، بدعم من مقاتلين محليين، "
        "استعادت السيطرة على بلدة عيل بور بعد معارك قصيرة.",
        DAY,
    )
    assert inc.sub_event_type == "government_regains_territory"
    assert ids(inc.perpetrators) == ["somalia-forces"]
