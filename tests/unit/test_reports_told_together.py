"""How the sentences of one report add up: quoted names, a revised toll's death day, a
ceasefire reached, a claim whose weapon comes after an aside, a background told in the
pluperfect, where the displaced fled to."""

from __future__ import annotations

from service.extraction.pipeline import extract
from tests.incidents import ids, one_of_type

DAY = "2024-11-14"  # a Thursday


def test_a_quoted_group_and_the_genitive_of_the_attack_are_its_doer() -> None:
    incidents = extract(
        'ارتفاع حصيلة هجوم "داعش" قرب الرطبة إلى ثلاثة جنود\n\n'
        'ارتفعت حصيلة الهجوم الذي شنه عناصر من تنظيم "داعش" على نقطة للجيش العراقي قرب قضاء '
        "الرطبة مساء الثلاثاء إلى ثلاثة قتلى من الجنود.",
        DAY,
    )
    assert len(incidents) == 1
    assert ids(incidents[0].perpetrators) == ["isis"]
    assert "isis" not in ids(incidents[0].targets)


def test_the_day_a_wounded_man_died_is_not_the_days_of_the_attack() -> None:
    incidents = extract(
        "ارتفعت حصيلة الهجوم الذي شنه مسلحون على نقطة للجيش العراقي قرب الرطبة إلى ثلاثة قتلى، "
        "بعد وفاة جندي متأثراً بجروحه صباح اليوم الخميس. وقال مصدر أمني إن المسلحين هاجموا مساء "
        "الثلاثاء نقطة مراقبة شمال الرطبة واشتبكوا مع أفرادها.",
        DAY,
    )
    assert [i.date.start for i in incidents] == ["2024-11-12"]


def test_a_ceasefire_reached_is_an_agreement_of_its_own() -> None:
    incidents = extract(
        "قتل أربعة أشخاص في اشتباكات عنيفة بين مجموعتين مسلحتين في مدينة غريان أمس الأربعاء. "
        "وصباح اليوم، أعلن مجلس أعيان المدينة في بيان التوصل إلى اتفاق لوقف إطلاق النار بين الطرفين.",
        DAY,
    )
    assert one_of_type(incidents, "armed_clash").date.start == "2024-11-13"
    assert one_of_type(incidents, "agreement").date.start == "2024-11-14"


def test_talks_that_reached_nothing_are_no_agreement() -> None:
    incidents = extract(
        "قتل أربعة أشخاص في اشتباكات عنيفة في مدينة غريان أمس. ولم يتم التوصل إلى اتفاق "
        "لوقف إطلاق النار حتى مساء اليوم.",
        DAY,
    )
    assert [i.sub_event_type for i in incidents] == ["armed_clash"]


def test_a_weapon_after_an_aside_completes_the_claim_before_it() -> None:
    incidents = extract(
        "وأعلن حزب الله أن مقاتليه استهدفوا مساء الأربعاء ثكنة برانيت، مقر قيادة فرقة الجليل في "
        'الجيش الإسرائيلي، بصواريخ "بركان" الثقيلة.',
        DAY,
    )
    strike = one_of_type(incidents, "shelling_artillery_missile_attack")
    assert strike.location.country == "IL"
    assert ids(strike.perpetrators) == ["hezbollah"]


def test_a_hostile_drone_in_lebanese_official_wording_is_a_drone_strike() -> None:
    incidents = extract(
        'وذكرت الوكالة الوطنية للإعلام أن "مسيّرة معادية استهدفت سيارة على طريق بنت جبيل '
        'بصاروخين موجّهين"، ما أدى إلى سقوط شهيدين، أمس الأربعاء.',
        DAY,
    )
    assert [i.sub_event_type for i in incidents] == ["air_drone_strike"]


def test_the_spark_told_in_the_pluperfect_is_an_event_of_its_own_day() -> None:
    incidents = extract(
        "اندلعت اشتباكات عنيفة أمس الأربعاء في مخيم عين الحلوة، أسفرت عن سقوط أربعة قتلى. "
        "وكانت شرارة التوتر قد انطلقت صباح الثلاثاء، حين أطلق مسلحون مجهولون النار على عنصر "
        "في الأمن الوطني الفلسطيني فأردوه قتيلا.",
        DAY,
    )
    assert sorted(i.date.start for i in incidents) == ["2024-11-12", "2024-11-13"]


def test_where_the_displaced_fled_to_is_not_where_the_shells_fell() -> None:
    text = "قصف مدفعي إسرائيلي على حي الطوارئ أمس، ما دفع العائلات إلى النزوح نحو مدينة صور."
    incidents = extract(text, DAY)
    assert incidents[0].location.name_ar != "صور"


def test_who_repels_an_attack_was_its_target() -> None:
    incidents = extract(
        "أعلن الجيش الصومالي، أمس الأربعاء، أنه صد هجوما واسعا شنه مسلحو حركة الشباب على قاعدة "
        "عسكرية قرب مدينة كسمايو، مؤكدا مقتل 13 من المهاجمين.",
        DAY,
    )
    assert ids(incidents[0].perpetrators) == ["al-shabaab"]
    assert ids(incidents[0].targets) == ["somalia-forces"]


def test_a_drone_shot_down_is_no_drone_strike() -> None:
    incidents = extract(
        "قال مصدر عسكري إن وحدات الدفاع الجوي المرابطة في مأرب أسقطت طائرة مسيرة حوثية مفخخة "
        "مساء أمس الأربعاء، دون أن تقع إصابات.",
        DAY,
    )
    assert {i.sub_event_type for i in incidents} == {"disrupted_weapons_use"}


def test_a_mother_and_her_two_children_are_three_dead() -> None:
    incidents = extract("قتلت امرأة وطفلاها، أمس الأربعاء، في قصف مدفعي على قرية في مديرية رداع.", DAY)
    killed = incidents[0].casualties.killed
    assert killed is not None and (killed.min, killed.max) == (3, 3)
