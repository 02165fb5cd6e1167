"""Assembly, roles and merging: whole sentences in, incidents out."""

from __future__ import annotations

import datetime as dt

import pytest

from service.extraction import Extractor
from service.extraction.assemble import _ByStart
from service.extraction.segment import Span

EXTRACTOR = Extractor.load()
DAY = dt.date(2024, 3, 14)


def extract(text: str) -> list:
    return EXTRACTOR.extract(text, DAY)


def test_precise_toll_beats_a_vague_one_for_the_same_event() -> None:
    text = (
        "قصفت طائرات أمريكية مقرا لفصيل مسلح في مدينة القائم، ما أدى إلى مقتل عدد من المقاتلين.\n"
        "وأسفر القصف على القائم عن مقتل 3 مقاتلين."
    )
    (incident,) = extract(text)
    assert incident.casualties.killed is not None
    assert (incident.casualties.killed.min, incident.casualties.killed.max) == (3, 3)


@pytest.mark.parametrize(
    "later",
    [
        "وفي وقت لاحق، قال الدفاع المدني إن حصيلة القتلى ارتفعت إلى خمسة بعد العثور على جثة.",
        "وارتفع عدد القتلى إلى خمسة بعد وفاة أحد الجرحى متأثرا بجروحه.",
    ],
)
def test_a_toll_that_rose_replaces_the_first_figure(later: str) -> None:
    (incident,) = extract(f"قتل أربعة مدنيين في غارة جوية على مدينة سراقب صباح اليوم.\n{later}")
    assert incident.casualties.killed is not None
    assert (incident.casualties.killed.min, incident.casualties.killed.max) == (5, 5)


def test_two_sources_figures_for_one_toll_make_a_range() -> None:
    text = (
        "قتل أربعة مدنيين في غارة جوية على مدينة سراقب صباح اليوم.\n"
        "وقال الدفاع المدني إن الغارة على سراقب أدت إلى مقتل ستة مدنيين."
    )
    (incident,) = extract(text)
    assert incident.casualties.killed is not None
    assert (incident.casualties.killed.min, incident.casualties.killed.max) == (4, 6)


def test_a_big_citys_airport_is_the_city() -> None:
    """One event per location and day: strikes on Sanaa and on its airport, 14 km out, are one."""
    text = (
        "شن الطيران الأمريكي فجر اليوم غارات على مواقع للحوثيين في العاصمة صنعاء.\n"
        "وذكرت مصادر محلية أن ست غارات استهدفت مطار صنعاء الدولي."
    )
    (incident,) = extract(text)
    assert incident.location.admin1 == "YE-SA"


@pytest.mark.parametrize(
    ("text", "name_ar"),
    [
        ("قتل جنديان في هجوم على نقطة للجيش العراقي في قضاء الطارمية شمال بغداد أمس.", "الطارمية"),
        ("سقطت قذيفة على منزل في حي الشجاعية شرق مدينة غزة أمس، ما أدى إلى مقتل ثلاثة مدنيين.", "الشجاعية"),
    ],
)
def test_a_place_named_to_locate_another_is_not_the_events(text: str, name_ar: str) -> None:
    """ "X شمال Y": Y only says where X is, even when Y is the bigger, better-known place."""
    (incident,) = extract(text)
    assert incident.location.name_ar == name_ar


def test_a_nationality_past_a_preposition_is_no_actor() -> None:
    """ "صاروخ ... من الأراضي اللبنانية": the adjective belongs to the land, not to the missile."""
    (incident,) = extract("سقط صاروخ مضاد للدروع من الأراضي اللبنانية على موقع عسكري في الجليل الأعلى أمس.")
    assert incident.perpetrators == []


def test_the_dateline_city_gives_way_to_the_place_of_the_event() -> None:
    text = (
        "مقديشو - قال الجيش الصومالي إنه قتل 25 من عناصر حركة الشباب في عملية عسكرية"
        " في إقليم شبيلي الوسطى أمس."
    )
    (incident,) = extract(text)
    assert incident.sub_event_type == "armed_clash"
    assert (incident.location.admin1, incident.casualties.killed.min) == ("SO-SD", 25)


def test_the_lead_event_is_primary_even_when_its_first_word_is_weak() -> None:
    """A weak word in the lead ("أنه قصف") folded into the incident it reports keeps the lead's
    place in the article: that incident is the main one, not a background one named after it."""
    text = (
        "أعلن الجيش الإسرائيلي، اليوم الخميس، أنه قصف مواقع لحزب الله في بلدة عيتا الشعب جنوبي لبنان، "
        "وذلك بعد ساعات من إطلاق صاروخين مضادين للدروع باتجاه موقع عسكري في الجليل الأعلى.\n"
        "وأفادت مصادر محلية بأن غارة إسرائيلية استهدفت منزلا في عيتا الشعب، ما أدى إلى مقتل شخصين."
    )
    incidents = extract(text)
    assert [i.location.country for i in incidents] == ["LB", "IL"]
    assert incidents[0].primary and [a.id for a in incidents[0].perpetrators] == ["israel-forces"]
    assert incidents[1].weapons == ["missile"]


def test_every_place_of_a_list_of_strike_sites_is_an_incident_of_the_strikes() -> None:
    """The list runs on past the governorate that locates its first part, and places
    joined by و without a locative word are places too; each is one location of the same
    strikes, with their actors and weapon, though "الضربات" alone is a weak word."""
    text = (
        "أعلنت القيادة المركزية الأمريكية أن قواتها نفذت، مساء الجمعة، ضربات جوية على أهداف"
        " للحرس الثوري الإيراني في العراق وسوريا.\n"
        "وقالت القيادة إن الضربات شملت مخازن في مناطق القائم وعكاشات غربي الأنبار، وفي دير الزور"
        " والميادين والبوكمال شرقي سوريا."
    )
    incidents = extract(text)
    assert sorted(i.location.name for i in incidents) == [
        "Akashat",
        "Al-Mayadin",
        "Al-Qaim",
        "Albu Kamal",
        "Deir ez-Zor",
    ]
    for i in incidents:
        assert [a.id for a in i.perpetrators] == ["us-forces"], i.location.name
        assert [a.id for a in i.targets] == ["irgc"] and i.weapons == ["aircraft"], i.location.name


def test_a_list_of_countries_gives_no_incident_of_its_own() -> None:
    text = (
        "قصفت طائرات أمريكية مواقع للفصائل في مدينة القائم غرب العراق أمس.\n"
        "وقال مسؤول إن الضربات طالت أهدافا في العراق وسوريا."
    )
    assert [i.location.country for i in extract(text)] == ["IQ"]


def test_a_spokesman_named_before_his_forces_act_speaks_for_the_doer() -> None:
    text = (
        "أعلن المتحدث العسكري باسم قوات الحوثيين يحيى سريع، مساء الأحد، أن قواته استهدفت سفينة"
        " تجارية في خليج عدن بعدد من الصواريخ البحرية."
    )
    (incident,) = extract(text)
    assert [a.id for a in incident.perpetrators] == ["houthis"] and incident.weapons == ["missile"]


def test_a_drone_named_after_the_verb_is_no_warplane() -> None:
    (incident,) = extract("قصفت طائرات مسيرة تركية، الاثنين، قرية في قضاء بنجوين شرق السليمانية.")
    assert incident.weapons == ["drone"]


def test_two_places_far_apart_are_two_incidents() -> None:
    text = (
        "شنت طائرات أمريكية غارات جوية على مدينة القائم في محافظة الأنبار.\n"
        "وقصفت الطائرات الأمريكية أيضا مواقع في جرف الصخر شمال محافظة بابل."
    )
    assert {i.location.admin1 for i in extract(text)} == {"IQ-AN", "IQ-BB"}


@pytest.mark.parametrize(
    "text",
    [
        "لم تشن الطائرات أي غارة على المدينة منذ أسابيع.",
        "هدد الجيش بشن غارات جوية على المدينة إذا استمرت الهجمات.",
        "سجل المهاجم هدفا رائعا في مرمى الفريق المنافس.",
        "وباتت عصابات التهريب في محافظة المفرق تستخدم الطائرات المسيرة لإدخال المخدرات.",
        "ووثق مكتب التوثيق 38 عملية ومحاولة اغتيال في مدينة درعا أسفرت عن مقتل 27 شخصا.",
        "ويعيش ريف درعا حالة من الفلتان الأمني منذ استعادة قوات النظام السيطرة على المحافظة.",
    ],
)
def test_no_incident_from_non_events(text: str) -> None:
    assert extract(text) == []


def test_verb_subject_is_the_perpetrator_and_the_object_the_target() -> None:
    text = "استهدفت طائرة مسيرة تركية موقعا لحزب العمال الكردستاني في قضاء سنجار أمس."
    (incident,) = extract(text)
    assert incident.sub_event_type == "air_drone_strike"
    assert [a.id for a in incident.perpetrators] == ["turkey-forces"]
    assert "pkk" in {a.id for a in incident.targets}
    assert incident.location.admin1 == "IQ-NI"
    assert incident.date.start == "2024-03-13"


def test_speaker_who_did_it_is_the_perpetrator() -> None:
    text = "قال الجيش الإسرائيلي إنه شن غارة جوية على بلدة الخيام في جنوب لبنان اليوم."
    (incident,) = extract(text)
    assert "israel-forces" in {a.id for a in incident.perpetrators}
    assert incident.location.country == "LB"


@pytest.mark.parametrize(
    ("text", "doer", "hit"),
    [
        # ل right behind an attack noun marks its doer
        ("قُتل أربعة جنود عراقيين في هجوم لمسلحي تنظيم داعش على ثكنة في محافظة ديالى.", "isis", None),
        ("أصيب مدنيون في قصف مدفعي لقوات الدعم السريع على أحياء مدينة الفاشر.", "rsf", "civilians"),
        ("قُتل ثلاثة مدنيين في غارة جوية للتحالف على قرية قرب مدينة الموصل.", "coalition", "civilians"),
        # "برصاص X", "على يد X": by X's fire, at X's hands
        ("استشهد شاب فلسطيني برصاص قوات الاحتلال الإسرائيلي في مدينة نابلس.", "israel-forces", None),
        # a speaker announcing its own act did it
        (
            "أعلنت كتائب حزب الله، في بيان مساء الثلاثاء، استهداف قاعدة عين الأسد بطائرة مسيرة.",
            "kataib-hezbollah",
            None,
        ),
        (
            "أعلن الجيش الإسرائيلي أن طائراته الحربية أغارت على مواقع لحزب الله في بلدة الخيام.",
            "israel-forces",
            "hezbollah",
        ),
    ],
)
def test_doer_named_without_a_cue_before_it(text: str, doer: str, hit: str | None) -> None:
    (incident,) = extract(text)
    assert [a.id for a in incident.perpetrators] == [doer]
    if hit is not None:
        assert hit in {a.id for a in incident.targets}


@pytest.mark.parametrize(
    ("text", "not_doer"),
    [
        # the owner of the target
        ("شنت طائرات مسيرة غارة على مواقع لحزب الله في بلدة الخيام جنوب لبنان.", "hezbollah"),
        ("أعلن الجيش الإسرائيلي أن مواقعه في الجليل تعرضت لقصف صاروخي.", "israel-forces"),  # not its forces
        ("استهدفت طائرة مسيرة مخيما للنازحين في مدينة الموصل.", "displaced"),
    ],
)
def test_lam_and_announcements_do_not_make_a_victim_the_doer(text: str, not_doer: str) -> None:
    for incident in extract(text):
        assert not_doer not in {a.id for a in incident.perpetrators}


def test_source_named_after_bayan_li_is_not_a_target() -> None:
    text = "قُتل مدنيان بانفجار عبوة ناسفة في قضاء الطارمية، بحسب بيان لقيادة العمليات المشتركة."
    (incident,) = extract(text)
    assert "iraqi-security-forces" not in {a.id for a in incident.targets}


def test_named_base_counts_without_its_country() -> None:
    (incident,) = extract("استهدفت طائرة مسيرة قاعدة عين الأسد فجر اليوم.")
    assert (incident.location.country, incident.location.admin1) == ("IQ", "IQ-AN")


def test_precision_strike_announced_by_the_doer_is_an_incident() -> None:
    text = (
        "أعلنت وزارة الدفاع الأمريكية أن قواتها نفذت ضربة دقيقة في ريف حلب أسفرت عن مقتل قيادي في تنظيم داعش."
    )
    (incident,) = extract(text)
    assert incident.sub_event_type == "air_drone_strike"
    assert [a.id for a in incident.perpetrators] == ["us-forces"]
    assert [a.id for a in incident.targets] == ["isis"]


def test_curated_place_of_several_words_counts_when_no_country_is_named() -> None:
    (incident,) = extract("قُتل قيادي في غارة إسرائيلية استهدفت شقة في الضاحية الجنوبية لبيروت.")
    assert (incident.location.country, incident.location.admin1) == ("LB", "LB-JL")


def test_nobody_hurt_is_zero_not_unknown() -> None:
    text = "سقطت ثلاثة صواريخ على قاعدة عين الأسد في الأنبار فجر اليوم دون أن تسفر عن إصابات بشرية."
    (incident,) = extract(text)
    assert incident.sub_event_type == "shelling_artillery_missile_attack"
    assert incident.casualties.injured is not None and incident.casualties.injured.max == 0


@pytest.mark.parametrize("starts", [[], [3], [0, 2, 2, 5, 9, 9, 14], [5, 1, 9, 2, 2, 14]])
def test_mentions_by_start_slice_like_a_full_pass(starts: list[int]) -> None:
    items = [Span(s, s + 1) for s in starts]
    by_start = _ByStart(items)
    for span in (Span(0, 20), Span(2, 9), Span(2, 10), Span(3, 3), Span(15, 30)):
        assert by_start.inside(span) == [m for m in items if span.start <= m.start < span.end]


@pytest.mark.parametrize(
    ("text", "doer", "hit"),
    [
        # a member of a party killed by a strike makes the party its target
        (
            "استشهد قيادي في حركة حماس جراء غارة إسرائيلية على سيارة في مدينة صور جنوبي لبنان أمس.",
            "israel-forces",
            "hamas",
        ),
        # a soldier of a named nationality is that nation's, not the host country's
        (
            "قتل جندي تركي بهجوم لمسلحي حزب العمال الكردستاني على موقع في قضاء زاخو بمحافظة دهوك أمس.",
            "pkk",
            "turkey-forces",
        ),
        # verb-first: the subject between the verb and its object is the doer
        (
            "أطلق جنود إسرائيليون النار على مزارعين قرب بلدة حوارة جنوب نابلس أمس، ما أدى إلى إصابة اثنين.",
            "israel-forces",
            "civilians",
        ),
        (
            "فتحت عناصر من قوات الدعم السريع النار على مدنيين في سوق مدينة الأبيض أمس، فقتلت أربعة منهم.",
            "rsf",
            "civilians",
        ),
        # a verb with the event as its object pronoun names the doer after it
        (
            "قتل ثلاثة مدنيين في غارة شنتها طائرات الاحتلال الإسرائيلي على منزل في بلدة بيت لاهيا أمس.",
            "israel-forces",
            "civilians",
        ),
        (
            "قتل مواطن برصاص قناصة الاحتلال الإسرائيلي قرب مدينة خان يونس صباح اليوم.",
            "israel-forces",
            "civilians",
        ),
        # an ambush "نصبه" its layers
        (
            "قتل أربعة عناصر من قوات سوريا الديمقراطية في كمين نصبه مقاتلون من العشائر العربية"
            " في بلدة ذيبان بريف دير الزور الشرقي مساء أمس.",
            "arab-tribal-fighters",
            "sdf",
        ),
        # the defender that "تصدت" is what the attack was aimed at
        (
            "قالت وزارة الدفاع السورية إن الدفاعات الجوية تصدت لعدوان إسرائيلي استهدف محيط مطار"
            " دمشق الدولي بعدة صواريخ فجر اليوم.",
            "israel-forces",
            "syria-forces",
        ),
        # shepherds are civilians
        (
            "قصفت طائرات مسيرة تركية، الاثنين، قرية في قضاء بنجوين شرق السليمانية، ما أسفر عن إصابة"
            " راعيين بجروح.",
            "turkey-forces",
            "civilians",
        ),
    ],
)
def test_who_did_it_and_who_was_hit(text: str, doer: str, hit: str) -> None:
    (incident,) = extract(text)
    assert [a.id for a in incident.perpetrators] == [doer]
    assert [a.id for a in incident.targets] == [hit]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "فتح مسلحون مجهولون النار على دورية للشرطة العراقية في قضاء الطارمية أمس، فقتلوا شرطيين.",
            "armed_clash",
        ),
        ("فتح مسلحون مجهولون النار على مدنيين في سوق قضاء الطارمية أمس، فقتلوا اثنين منهم.", "attack"),
        ("هاجم مسلحون من حركة الشباب قاعدة عسكرية في بلدة عيل بور وسط الصومال فجر اليوم.", "armed_clash"),
    ],
)
def test_an_attack_on_armed_parties_only_is_a_clash(text: str, sub_event_type: str) -> None:
    """ACLED keeps "attack" for violence against civilians; gunmen against police fight a battle."""
    (incident,) = extract(text)
    assert incident.sub_event_type == sub_event_type
    battle = sub_event_type == "armed_clash"
    assert incident.event_type == ("battles" if battle else "violence_against_civilians")


def test_civilians_after_a_verb_that_may_be_passive_are_its_victims() -> None:
    """Unvowelled, "اختطف مدنيون" is "civilians were abducted": civilians are never the doer."""
    (incident,) = extract("اختطف مدنيون على طريق سريع قرب مدينة سامراء يوم الجمعة.")
    assert incident.sub_event_type == "abduction_forced_disappearance"
    assert incident.perpetrators == [] and [a.id for a in incident.targets] == ["civilians"]


def test_between_outside_a_clash_gives_no_side() -> None:
    text = "قصفت طائرات مسيرة تركية مواقع لحزب العمال الكردستاني في المنطقة الحدودية بين العراق وتركيا."
    (incident,) = extract(text)
    assert [a.id for a in incident.perpetrators] == ["turkey-forces"]


def test_a_dead_toll_after_laqiya_keeps_a_weak_attack_word_alive() -> None:
    """ "لقي N جنود مصرعهم" is a toll; with it the bare "هجوم" stands as an incident."""
    text = (
        "لقي أربعة حراس حدود مصرعهم وجرح خمسة آخرون، مساء الاثنين، في هجوم شنه تنظيم داعش"
        " على مخفر في قضاء الرطبة غربي محافظة الأنبار."
    )
    (incident,) = extract(text)
    assert [a.id for a in incident.perpetrators] == ["isis"]
    killed, injured = incident.casualties.killed, incident.casualties.injured
    assert killed is not None and (killed.min, killed.max) == (4, 4)
    assert injured is not None and (injured.min, injured.max) == (5, 5)


def test_the_place_a_wider_place_locates_beats_the_speakers_city() -> None:
    """Of two towns, the one the text places in a governorate is the event's."""
    text = (
        "قالت مديرية الصحة في الموصل إن غارة جوية استهدفت منزلا في بلدة تلعفر غربي محافظة نينوى"
        " أمس، ما أسفر عن مقتل ثلاثة أشخاص."
    )
    (incident,) = extract(text)
    assert incident.location.name_ar == "تلعفر"


def test_the_place_a_wider_place_locates_beats_an_earlier_one_elsewhere() -> None:
    text = (
        "نقلت وكالة الأنباء من دمشق أن قصفا مدفعيا استهدف بلدة سراقب في ريف محافظة إدلب"
        " صباح اليوم، ما أدى إلى إصابة سبعة مدنيين."
    )
    (incident,) = extract(text)
    assert incident.location.admin1 == "SY-ID"


def test_a_party_the_fingers_point_at_is_blamed_not_hit() -> None:
    text = (
        "انفجرت عبوة ناسفة بسيارة عسكرية قرب مدينة كركوك أمس، ما أدى إلى إصابة جنديين."
        " ولم تتبن أي جهة التفجير، لكن أصابع الاتهام تشير إلى خلايا تنظيم داعش."
    )
    (incident,) = extract(text)
    assert "isis" not in [a.id for a in incident.targets]
    assert [a.id for a in incident.blamed] == ["isis"]


def test_women_and_children_among_the_dead_are_civilian_targets() -> None:
    text = "قتل تسعة أشخاص بينهم نساء وأطفال في غارة جوية على منزل في مدينة رفح جنوبي قطاع غزة أمس."
    (incident,) = extract(text)
    assert "civilians" in [a.id for a in incident.targets]


def test_an_interception_is_placed_where_the_projectile_was_headed_not_launched() -> None:
    text = (
        "أعلن الجيش الإسرائيلي أنه اعترض صاروخا أطلق من جنوب لبنان باتجاه الجليل الأعلى"
        " مساء الثلاثاء، ولم يبلغ عن إصابات."
    )
    (incident,) = extract(text)
    assert incident.sub_event_type == "disrupted_weapons_use"
    assert (incident.location.country, incident.location.name_ar) == ("IL", "الجليل الأعلى")


def test_strikes_on_a_list_of_places_are_one_incident_per_place() -> None:
    """ACLED's unit is one location: the toll stays with the first place, the others do not say."""
    text = (
        "شنت طائرات حربية غارات جوية على مواقع لجماعة الحوثي في مدينة صعدة ومحافظة حجة"
        " ومدينة عمران فجر الأحد، ما أسفر عن مقتل أربعة أشخاص."
    )
    incidents = extract(text)
    assert [i.location.admin1 for i in incidents] == ["YE-SD", "YE-HJ", "YE-AM"]
    assert {i.sub_event_type for i in incidents} == {"air_drone_strike"}
    assert incidents[0].casualties.killed is not None
    assert incidents[1].casualties.killed is None and incidents[2].casualties.killed is None
    for incident in incidents:  # each incident's location evidence is its own place
        (evidence,) = [e for e in incident.evidence if e.field == "location"]
        assert evidence.text in text and incident.location.name_ar in evidence.text


def test_a_list_joined_by_commas_and_a_last_wa_is_one_list() -> None:
    text = "قصفت طائرات روسية مواقع للفصائل في مدينة حلب، إدلب وحماة مساء الجمعة."
    assert [i.location.admin1 for i in extract(text)] == ["SY-HL", "SY-ID", "SY-HM"]


@pytest.mark.parametrize(
    "text",
    [
        # a road between two places is one location
        "انفجرت عبوة ناسفة بدورية على الطريق بين تكريت وبيجي أمس، ما أدى إلى إصابة جنديين.",
        # a town and the governorate or country it lies in name one location
        "قصفت مدفعية الجيش بلدة سراقب وريف محافظة إدلب أمس، ما أدى إلى مقتل مدني.",
        "سقطت قذيفة هاون على حي سكني في الموصل، العراق، مساء الأحد، ما أدى إلى إصابة طفلين.",
    ],
)
def test_places_that_name_one_location_are_one_incident(text: str) -> None:
    assert len(extract(text)) == 1


@pytest.mark.parametrize(
    ("text", "gunmen", "hit"),
    [
        # "مسلحون مجهولون" is both an actor and an event phrase: it is not after itself
        (
            "قالت مصادر محلية إن مسلحين مجهولين اغتالوا موظفا حكوميا في مدينة درعا مساء الأحد.",
            "مسلحين مجهولين",
            [],
        ),
        # verb-subject order with an abduction verb, which has no feminine ت to mark it a verb
        (
            "اختطف مسلحون مجهولون أربعة مدنيين من قرية قرب مدينة بعقوبة مساء الأحد.",
            "مسلحون مجهولون",
            ["civilians"],
        ),
    ],
)
def test_unidentified_gunmen_are_the_doers_not_stated(text: str, gunmen: str, hit: list[str]) -> None:
    """Unidentified doers are the contract's "not stated" (an empty list), and the evidence says
    why it is empty; they still hold the doer's part, so nobody else takes it."""
    (incident,) = extract(text)
    assert incident.perpetrators == []
    assert [a.id for a in incident.targets] == hit
    assert [e.text for e in incident.evidence if e.field == "perpetrators"] == [gunmen]


@pytest.mark.parametrize(
    "text",
    [
        "قتل راع بانفجار لغم أرضي زرعه تنظيم داعش في صحراء محافظة الأنبار أمس.",
        "أصيب طفلان بانفجار قذيفة من مخلفات تنظيم داعش في قرية قرب مدينة الرمادي أمس.",
    ],
)
def test_the_party_that_laid_a_mine_is_its_doer(text: str) -> None:
    (incident,) = extract(text)
    assert incident.sub_event_type == "remote_explosive_landmine_ied"
    assert [a.id for a in incident.perpetrators] == ["isis"]


def test_an_event_word_with_no_place_takes_the_place_the_next_clause_gives() -> None:
    """The comma splits the sentence, not the event: one strike, with its doer and place."""
    text = "قصف الطيران الروسي، صباح الأحد، بعدة غارات أطراف بلدة كفرنبل في ريف إدلب الجنوبي."
    (incident,) = extract(text)
    assert [a.id for a in incident.perpetrators] == ["russia-forces"]
    assert incident.location.name_ar == "كفر نبل"


def test_a_rocket_attack_announced_after_a_strike_is_an_incident_of_its_own() -> None:
    text = (
        "قتل عنصر في حزب الله بغارة لمسيرة إسرائيلية على بلدة كفركلا جنوبي لبنان صباح الخميس.\n"
        "وأعلن حزب الله لاحقا أن مقاتليه استهدفوا ثكنة إسرائيلية بالأسلحة الصاروخية."
    )
    strike, rockets = extract(text)
    assert strike.sub_event_type == "air_drone_strike"
    assert [a.id for a in strike.targets] == ["hezbollah"]
    assert rockets.sub_event_type == "shelling_artillery_missile_attack"
    assert [a.id for a in rockets.perpetrators] == ["hezbollah"]


def test_a_mountain_district_is_not_a_namesake_town_abroad() -> None:
    text = "قصفت قوات النظام السوري بالمدفعية قرى في جبل الزاوية بريف إدلب مساء السبت."
    (incident,) = extract(text)
    assert (incident.location.country, incident.location.admin1) == ("SY", "SY-ID")


def test_civilians_named_before_the_event_clause_are_its_targets() -> None:
    text = (
        "أفاد مسعفون بأن سبعة مدنيين، بينهم امرأتان، قتلوا في قصف مدفعي لقوات الدعم السريع"
        " على سوق في مدينة الفاشر أمس."
    )
    (incident,) = extract(text)
    assert [a.id for a in incident.perpetrators] == ["rsf"]
    assert [a.id for a in incident.targets] == ["civilians"]
    killed = incident.casualties.killed
    assert killed is not None and (killed.min, killed.max) == (7, 7)


def test_the_party_a_spokesman_speaks_for_announced_its_own_attack() -> None:
    text = (
        "أعلن المتحدث العسكري باسم جماعة الحوثي، مساء الأربعاء، استهداف سفينة تجارية في خليج عدن"
        " بصاروخين مجنحين، فيما قالت هيئة عمليات التجارة البحرية البريطانية إن السفينة لم تصب بأضرار."
    )
    (incident,) = extract(text)
    assert [a.id for a in incident.perpetrators] == ["houthis"]
    assert [a.id for a in incident.targets] == ["commercial-shipping"]
    assert "UKMTO" in incident.sources_cited


def test_a_weak_attack_word_lends_its_place_and_sides_to_the_clash_after_it() -> None:
    text = (
        "شن مسلحو حركة الشباب هجوما على قاعدة للجيش الصومالي في بلدة عيل بور وسط الصومال فجر الاثنين،"
        " واندلعت اشتباكات استمرت ساعات قتل فيها 12 شخصا."
    )
    (incident,) = extract(text)
    assert incident.sub_event_type == "armed_clash"
    assert incident.location.name_ar == "عيل بور"
    # the clash that followed makes both sides fighters
    assert sorted(a.id for a in incident.perpetrators) == ["al-shabaab", "somalia-forces"]
    assert sorted(a.id for a in incident.targets) == ["al-shabaab", "somalia-forces"]


def test_drones_belonging_to_a_party_make_it_the_doer() -> None:
    text = "قصفت طائرات مسيرة تابعة لقوات الدعم السريع محطة كهرباء في مدينة مروي بالولاية الشمالية أمس."
    (incident,) = extract(text)
    assert [a.id for a in incident.perpetrators] == ["rsf"]
    assert "rsf" not in [a.id for a in incident.targets]


def test_an_interceptor_is_on_the_side_that_was_aimed_at() -> None:
    """ "الدفاعات الجوية اعترضت الصواريخ": the defenders were the target, and the speaker who
    reports the interception did not fire."""
    text = (
        "سقطت صواريخ باليستية على قاعدة عين الأسد في الأنبار أمس، ما أدى إلى إصابة عدد من"
        " العسكريين الأمريكيين.\nوأوضحت القيادة المركزية الأمريكية أن الدفاعات الجوية اعترضت"
        " بعض الصواريخ."
    )
    (incident,) = extract(text)
    assert incident.perpetrators == []
    assert "us-forces" in [a.id for a in incident.targets]


def test_an_aside_between_the_verb_and_its_object_splits_no_event() -> None:
    """ "طائرات إسرائيلية شنت، فجر اليوم، غارات": one raid, placed where it struck, not where the
    planes came from."""
    text = (
        "قال مصدر عسكري إن مقاتلات إسرائيلية شنت، مساء أمس، غارات من اتجاه الجولان المحتل"
        " استهدفت مواقع في ريف دمشق، ما أسفر عن مقتل ثلاثة جنود."
    )
    (incident,) = extract(text)
    assert incident.location.admin1 == "SY-RD"
    assert [a.id for a in incident.perpetrators] == ["israel-forces"]
    assert incident.casualties.killed is not None and incident.casualties.killed.min == 3


def test_a_party_announcing_after_an_aside_that_it_struck_is_the_doer() -> None:
    text = (
        'أعلنت "المقاومة الإسلامية في العراق"، في بيان مساء الأحد، أنها قصفت بطائرة مسيرة'
        " قاعدة حرير في أربيل."
    )
    (incident,) = extract(text)
    assert [a.id for a in incident.perpetrators] == ["islamic-resistance-in-iraq"]


def test_kama_goes_on_with_the_same_doer() -> None:
    """ "أعلن الجيش أن طائراته أغارت على ...، كما قصفت المدفعية ...": the artillery is his."""
    text = (
        "أعلن الجيش الإسرائيلي، صباح اليوم، أن طائراته أغارت على مستودع أسلحة في بلدة عيتا الشعب،"
        " كما قصفت المدفعية أطراف بلدتي الخيام وكفركلا في جنوب لبنان."
    )
    incidents = extract(text)
    assert [i.location.name_ar for i in incidents][:2] == ["عيتا الشعب", "بلدة الخيام"]
    assert [[a.id for a in i.perpetrators] for i in incidents] == [["israel-forces"]] * len(incidents)


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("قتل صحفي وأصيب مسعفان بقصف مدفعي على بلدة في ريف إدلب أمس.", ["civilians"]),
        (
            "قصفت قوات النظام بلدة في ريف إدلب أمس، وقال أحمد، وهو مسعف في الدفاع المدني، إن القصف"
            " دمر منزلين.",
            [],
        ),
    ],
)
def test_journalists_and_medics_are_civilians_unless_they_only_speak(text: str, targets: list[str]) -> None:
    (incident,) = extract(text)
    assert [a.id for a in incident.targets] == targets


@pytest.mark.parametrize(
    ("text", "sub_event_type", "doer"),
    [
        (
            "سيطرت قوات الدعم السريع، صباح الاثنين، على بلدة الدندر في ولاية سنار.",
            "non_state_actor_overtakes_territory",
            "rsf",
        ),
        (
            "أعلن الجيش السوداني استعادة السيطرة على مدينة سنجة بعد معارك عنيفة مع قوات الدعم السريع.",
            "government_regains_territory",
            "saf",
        ),
        # the row's likelier side gives way to the doer's: a militia that "regains" a town overtakes it
        (
            "استعادت قوات الدعم السريع السيطرة على بلدة الدندر أمس.",
            "non_state_actor_overtakes_territory",
            "rsf",
        ),
        (
            "حررت القوات الحكومية اليمنية مواقع في جبهة مأرب بعد اشتباكات مع الحوثيين.",
            "government_regains_territory",
            "yemen-government-forces",
        ),
    ],
)
def test_control_of_a_place_changing_hands_is_coded_by_who_took_it(
    text: str, sub_event_type: str, doer: str
) -> None:
    (incident,) = extract(text)
    assert incident.sub_event_type == sub_event_type
    assert incident.event_type == "battles"
    assert [a.id for a in incident.perpetrators] == [doer]


@pytest.mark.parametrize(
    "text",
    [
        "سيطرت فرق الإطفاء على الحريق في مدينة الموصل بعد ساعتين.",
        "وتسيطر قوات سوريا الديمقراطية على مناطق واسعة شرق الفرات.",
    ],
)
def test_control_of_a_fire_or_a_standing_control_is_no_event(text: str) -> None:
    assert extract(text) == []


def test_a_ministry_announcing_what_its_warplanes_did_is_the_doer() -> None:
    text = (
        "قالت وزارة الدفاع التركية إن مقاتلاتها قصفت مخابئ لحزب العمال الكردستاني في منطقة متينا"
        " شمالي العراق."
    )
    (incident,) = extract(text)
    assert incident.sub_event_type == "air_drone_strike"
    assert [a.id for a in incident.perpetrators] == ["turkey-forces"]
    assert [a.id for a in incident.targets] == ["pkk"]


def test_the_party_a_spokesman_claims_for_is_the_claimant() -> None:
    text = (
        "تعرضت سفينة شحن لهجوم بصاروخ قبالة ميناء المخا اليمني أمس، وتبنى المتحدث العسكري باسم"
        " الحوثيين الهجوم."
    )
    (incident,) = extract(text)
    assert [a.id for a in incident.claimed_by] == ["houthis"]
    assert [a.id for a in incident.perpetrators] == ["houthis"]


def test_the_first_and_the_second_of_two_attacks_are_two_incidents_of_their_kind() -> None:
    """ "تعرضت لهجومين بطائرات مسيرة، استهدف الأول X في Y، والثاني Z": one incident per base, each
    a drone strike, though the second base is named only after the first's governorate."""
    text = (
        "قال مسؤول أمريكي إن القوات الأمريكية تعرضت لهجومين بطائرات مسيرة يوم الأحد، استهدف الأول"
        " قاعدة حقل العمر في ريف دير الزور، والثاني قاعدة الشدادي في ريف الحسكة."
    )
    incidents = extract(text)
    assert [i.location.admin1 for i in incidents] == ["SY-DY", "SY-HA"]
    assert {i.sub_event_type for i in incidents} == {"air_drone_strike"}
    assert all([a.id for a in i.targets] == ["us-forces"] for i in incidents)


@pytest.mark.parametrize(
    ("text", "sub_event_type", "doer", "hit"),
    [
        (
            "أصيب فتى برصاصة في صدره خلال اقتحام القوات الإسرائيلية بلدة عزون قرب قلقيلية في الضفة الغربية.",
            "attack",
            ["israel-forces"],
            ["civilians"],
        ),
        (
            "قتل أربعة مسلحين خلال مداهمة القوات العراقية مخبأ لتنظيم داعش في قضاء الطارمية.",
            "armed_clash",
            ["iraqi-security-forces"],
            ["isis"],
        ),
    ],
)
def test_a_raid_with_a_toll_is_an_event_done_by_the_raiding_party(
    text: str, sub_event_type: str, doer: list[str], hit: list[str]
) -> None:
    (incident,) = extract(text)
    assert incident.sub_event_type == sub_event_type
    assert [a.id for a in incident.perpetrators] == doer
    assert [a.id for a in incident.targets] == hit


def test_a_raid_that_only_arrests_people_is_an_arrest_by_the_raiders() -> None:
    incidents = extract("اعتقلت القوات الإسرائيلية 12 فلسطينيا خلال اقتحام مدينة نابلس فجر اليوم.")
    assert [(i.sub_event_type, [a.id for a in i.perpetrators]) for i in incidents] == [
        ("arrests", ["israel-forces"])
    ]


def test_a_quoted_source_telling_more_of_the_strike_is_no_second_incident() -> None:
    """The next sentence's rockets, with no place, party or day of their own, are the strike's
    weapon; the command announcing that its forces struck is the doer, though the target is
    described as planning attacks against those forces."""
    text = (
        "قصفت طائرة مسيرة أمريكية فجر اليوم مقرا لكتائب حزب الله في منطقة جرف النصر شمالي بابل."
        ' وقال مصدر أمني إن "صاروخين سقطا على المبنى ودمراه بالكامل". وأكدت القيادة المركزية'
        ' الأمريكية، في بيان، أن قواتها نفذت "ضربة دقيقة" على منشأة تستخدمها كتائب حزب الله'
        " للتخطيط لهجمات ضد القوات الأمريكية."
    )
    (incident,) = extract(text)
    assert [a.id for a in incident.perpetrators] == ["us-forces"]
    assert "us-forces" not in [a.id for a in incident.targets]


def test_a_toll_told_in_the_next_sentence_without_an_event_word_is_the_events() -> None:
    text = (
        "تبنت فصائل مسلحة استهداف قاعدة عين الأسد الجوية غربي الأنبار بطائرتين مسيرتين مساء أمس."
        " وقال مسؤول أمريكي إن الثانية سقطت داخل القاعدة وتسببت بإصابة جنديين أمريكيين بجروح"
        " طفيفة."
    )
    (incident,) = extract(text)
    assert incident.casualties.injured is not None and incident.casualties.injured.max == 2
    assert [a.id for a in incident.targets] == ["us-forces"]


def test_a_months_toll_after_an_event_is_not_its_toll() -> None:
    text = (
        "قتل مدني بقذيفة هاون سقطت على بلدة إنخل صباح اليوم.\n"
        "وخلال الشهر الماضي قتل 27 شخصا في المحافظة."
    )
    (incident,) = extract(text)
    assert incident.casualties.killed is not None
    assert (incident.casualties.killed.min, incident.casualties.killed.max) == (1, 1)


def test_a_war_tally_after_an_event_is_not_its_toll() -> None:
    text = (
        "قصفت طائرات حربية منزلا في بلدة بني سهيلا شرقي خان يونس فجر اليوم. وارتفعت حصيلة"
        " الحرب إلى 40 قتيلا في البلدة منذ بداية الشهر."
    )
    (incident,) = extract(text)
    assert incident.casualties.killed is None


def test_a_base_and_the_town_it_lies_in_are_one_location() -> None:
    text = (
        "تعرضت قاعدة عين الأسد الجوية لهجوم بطائرة مسيرة مساء الثلاثاء. وتبنت فصائل مسلحة"
        " استهداف القاعدة الواقعة في ناحية البغدادي بطائرة مسيرة."
    )
    assert len(extract(text)) == 1


def test_a_condemnation_by_an_official_with_a_long_title_is_no_event() -> None:
    text = "ودان المتحدث باسم القائد العام للقوات المسلحة العراقية الضربة الأمريكية في بيان."
    assert extract(text) == []


def test_an_attack_a_group_claimed_with_the_object_on_the_verb_is_the_groups() -> None:
    text = "قتل خمسة أشخاص في تفجير انتحاري استهدف مطعما في مقديشو أمس، في هجوم تبنته حركة الشباب."
    (incident,) = extract(text)
    assert [a.id for a in incident.perpetrators] == ["al-shabaab"]


def test_fighting_since_a_month_with_no_place_is_the_war_in_general() -> None:
    text = (
        "قتل ثلاثة جنود في قصف مدفعي على بلدة الخيام جنوبي لبنان أمس.\n"
        "وبدأت المواجهات على الحدود في أكتوبر/تشرين الأول 2023 وتصاعدت خلال فبراير/شباط الماضي."
    )
    (incident,) = extract(text)
    assert incident.date.start == "2024-03-13"


def test_strikes_in_a_named_month_that_killed_people_are_still_an_event() -> None:
    text = (
        "قتل ثلاثة جنود في قصف مدفعي على بلدة الخيام جنوبي لبنان أمس.\n"
        "وكانت غارات إسرائيلية قد قتلت خمسة مقاتلين في يناير/كانون الثاني الماضي."
    )
    assert len(extract(text)) == 2


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية ومقاتلي العشائر العربية في ريف دير الزور أمس.",
            ["sdf", "arab-tribal-fighters"],
        ),
        (
            "دارت اشتباكات بين الحوثيين والقوات الحكومية في مديرية حيس جنوب الحديدة، وقتل فيها 4 مقاتلين.",
            ["houthis", "yemen-government-forces"],
        ),
        # a party backing a side is no side
        (
            "اندلعت اشتباكات بين قوات سوريا الديمقراطية وفصائل الجيش الوطني السوري المدعومة من تركيا"
            " في محيط مدينة منبج بريف حلب الشرقي يوم الجمعة.",
            ["sdf", "syrian-national-army"],
        ),
        # a side's own dead do not make it any less a side
        (
            "اشتبكت قوات الجيش العراقي مع عناصر من تنظيم داعش في قضاء الطارمية أمس، ما أسفر عن مقتل جنديين.",
            ["iraqi-security-forces", "isis"],
        ),
        (
            "قتل أربعة جنود من القوات الحكومية في مواجهات مع جماعة الحوثي في مديرية صرواح بمأرب أمس.",
            ["yemen-government-forces", "houthis"],
        ),
    ],
)
def test_in_a_clash_each_side_fought_and_was_hit(text: str, sides: list[str]) -> None:
    (incident,) = extract(text)
    assert sorted(a.id for a in incident.perpetrators) == sorted(sides)
    assert sorted(a.id for a in incident.targets) == sorted(sides)


def test_an_attack_that_met_only_armed_men_keeps_its_direction() -> None:
    (incident,) = extract("هاجم مسلحون من تنظيم داعش نقطة للجيش العراقي في قضاء الطارمية أمس.")
    assert incident.sub_event_type == "armed_clash"
    assert [a.id for a in incident.perpetrators] == ["isis"]
    assert [a.id for a in incident.targets] == ["iraqi-security-forces"]


def test_the_movement_named_again_by_its_kind_is_the_group_named_before() -> None:
    text = (
        "تبنت حركة الشباب الهجوم على قاعدة للجيش الصومالي في مدينة بلعد أمس.\n"
        "وقصفت طائرات أمريكية مواقع للحركة قرب مدينة جوهر اليوم، ما أدى إلى مقتل خمسة."
    )
    strike = next(i for i in extract(text) if i.sub_event_type == "air_drone_strike")
    assert [a.id for a in strike.targets] == ["al-shabaab"]


def test_a_kind_noun_with_no_group_of_its_kind_before_it_names_nobody() -> None:
    (incident,) = extract("قصفت طائرات أمريكية مواقع للحركة قرب مدينة جوهر اليوم، ما أدى إلى مقتل خمسة.")
    assert incident.targets == []


def test_fighters_named_right_before_their_attack_verb_carried_it_out() -> None:
    text = (
        "قتل ستة جنود سوريين في هجوم على نقطة عسكرية في بادية السخنة أمس.\n"
        "وقال المرصد إن عناصر تنظيم داعش هاجموا النقطة بالأسلحة الرشاشة."
    )
    (incident,) = extract(text)
    assert [a.id for a in incident.perpetrators] == ["isis"]


def test_an_assault_and_the_fighting_it_led_to_are_one_clash() -> None:
    text = (
        "قتل أربعة جنود في هجوم شنه الحوثيون على مواقع الجيش اليمني في مديرية صرواح أمس.\n"
        "وقال مصدر عسكري إن وحدات الجيش خاضت معارك استمرت ساعات، وأسفرت عن مقتل 9 من المهاجمين."
    )
    (incident,) = extract(text)
    assert sorted(a.id for a in incident.perpetrators) == ["houthis", "yemen-government-forces"]


def test_attacks_in_a_governorate_in_a_past_year_with_no_toll_are_no_event() -> None:
    text = (
        "قتل جنديان في انفجار عبوة ناسفة استهدفت دورية في مديرية مودية بمحافظة أبين أمس.\n"
        "وكانت محافظة أبين قد شهدت هجمات مماثلة بعبوات ناسفة خلال عام 2022."
    )
    (incident,) = extract(text)
    assert incident.date.start == "2024-03-13"


def test_a_town_named_without_a_day_goes_on_in_the_time_of_the_report_before_it() -> None:
    text = (
        "قتل أربعة مدنيين في غارات روسية على مدينة سراقب صباح اليوم.\n"
        "وفي ريف حلب الغربي، قتل مدنيان بقذائف مدفعية أطلقتها قوات النظام على مدينة الأتارب.\n"
        "ويأتي ذلك بعد مقتل مزارع يوم الأحد الماضي بقذائف أطلقتها قوات النظام على أطراف مدينة الأتارب."
    )
    atarib = [i.date.start for i in extract(text) if i.location.admin1 == "SY-HL"]
    assert sorted(atarib) == ["2024-03-10", "2024-03-14"]


def test_a_report_after_a_background_month_goes_on_in_the_day_of_the_news() -> None:
    text = (
        "قتل جنديان في قصف مدفعي على بلدة كفرنبل صباح اليوم.\n"
        "وكانت البلدة قد تعرضت لقصف مماثل في كانون الثاني/يناير الماضي قتل فيه ثلاثة مدنيين.\n"
        "وفي الليلة نفسها قتل مدني بقذائف مدفعية سقطت على مدينة سراقب."
    )
    saraqib = [i.date for i in extract(text) if i.location.name_ar == "سراقب"]
    assert [(d.start, d.precision) for d in saraqib] == [("2024-03-14", "day")]


def test_a_subheading_sums_up_the_report_under_it() -> None:
    text = (
        "قتل ثلاثة مدنيين في غارة جوية على مدينة سراقب صباح اليوم.\n"
        "قتيلان بقصف مدفعي في جسر الشغور\n"
        "وفي ريف إدلب الغربي، قتل مدنيان بعد ظهر اليوم بقذائف مدفعية سقطت على بلدة دركوش "
        "التابعة لمنطقة جسر الشغور."
    )
    shelling = [i for i in extract(text) if i.sub_event_type == "shelling_artillery_missile_attack"]
    assert [i.location.name_ar for i in shelling] == ["دركوش"]


def test_a_subheading_on_another_governorate_stays_an_event_of_its_own() -> None:
    text = (
        "قتل ثلاثة مدنيين في غارة جوية على مدينة سراقب صباح اليوم.\n"
        "قصف مدفعي على الأتارب\n"
        "وفي ريف إدلب الغربي، قتل مدنيان بعد ظهر اليوم بقذائف مدفعية سقطت على بلدة دركوش."
    )
    regions = sorted(i.location.admin1 for i in extract(text) if i.sub_event_type != "air_drone_strike")
    assert regions == ["SY-HL", "SY-ID"]


def test_a_report_returning_to_a_town_told_of_before_keeps_to_that_event() -> None:
    text = (
        "قتل أربعة مدنيين في غارات روسية على مدينة سراقب صباح اليوم.\n"
        "وكانت غارات مماثلة قد استهدفت مدينة أريحا يوم الأحد الماضي.\n"
        "وقال الدفاع المدني إن الغارات على مدينة سراقب دمرت ثلاثة منازل."
    )
    saraqib = [i for i in extract(text) if i.location.name_ar == "سراقب"]
    assert [i.date.start for i in saraqib] == ["2024-03-14"]


def test_a_newspaper_named_after_a_city_is_no_place() -> None:
    text = (
        "قتل ثلاثة مدنيين في غارة روسية على مدينة سراقب صباح اليوم.\n"
        "وكان مدنيان قد قتلا يوم الأحد الماضي بقذائف مدفعية، بحسب ما قال مصدر محلي لـ«القدس العربي»."
    )
    assert {i.location.country for i in extract(text)} == {"SY"}


def test_the_base_the_warplanes_took_off_from_is_not_where_they_struck() -> None:
    text = (
        "قتل ثلاثة مدنيين في غارة روسية على مدينة سراقب صباح اليوم.\n"
        "وقال المرصد إن الطائرات أقلعت من قاعدة حميميم قبل أن تقصف المدينة بالصواريخ، ما أسفر عن مقتل خمسة."
    )
    (incident,) = extract(text)
    assert incident.location.admin1 == "SY-ID"


@pytest.mark.parametrize(
    "text",
    [
        "اعتقلت قوة من الشرطة أربعة مطلوبين في عملية دهم بحي الجمهورية في الموصل.",
        "أعلنت قيادة الشرطة إلقاء القبض على ثلاثة متهمين في مدينة الرمادي فجر اليوم.",
    ],
)
def test_a_raid_that_only_detains_people_is_an_arrest(text: str) -> None:
    incidents = extract(text)
    assert [i.sub_event_type for i in incidents] == ["arrests"]


def test_an_arrest_in_a_deadly_clash_is_the_clash() -> None:
    incidents = extract("قتل مسلحان واعتقل ثالث في اشتباك مع قوة أمنية قرب مدينة الرمادي.")
    assert [i.sub_event_type for i in incidents] == ["armed_clash"]


def test_explosives_found_in_a_hideout_are_no_explosion() -> None:
    text = "وعثرت القوة، بحسب البيان، على أحزمة ناسفة وعبوات معدة للتفجير في مخبأ قرب مدينة الرمادي."
    assert extract(text) == []


def test_suspects_arrested_after_an_attack_are_not_its_doers() -> None:
    text = (
        "قتل ثلاثة جنود بهجوم مسلح على حاجز في مدينة الرمادي فجر اليوم. "
        "وذكر مصدر أن قوات الأمن اعتقلت ثلاثة مشتبه بهم في أعقاب الهجوم."
    )
    incidents = extract(text)
    assert [i.sub_event_type for i in incidents] != ["arrests"]
    assert all(i.sub_event_type != "arrests" for i in incidents)  # no day or town of its own


@pytest.mark.parametrize(
    "history",
    [
        "وكانت الطائرات التركية قد قصفت قرى في ريف الحسكة عام 2021 ما أدى إلى مقتل عشرات.",
        "وقتل العشرات في غارات مماثلة على المنطقة خلال العام الجاري.",
    ],
)
def test_an_event_dated_by_a_year_alone_is_history_not_an_incident(history: str) -> None:
    text = "قتل مدنيان في غارة شنتها طائرة مسيرة تركية على سيارة قرب بلدة عامودا مساء أمس. " + history
    (incident,) = extract(text)
    assert incident.location.name_ar == "عامودا"


@pytest.mark.parametrize(
    "trend",
    [
        "ومنذ الثامن من تشرين الأول الماضي يتبادل الحزب والجيش الإسرائيلي القصف عبر الحدود.",
        "ووثق ناشطون مقتل 12 مدنيا بقصف قوات النظام على المنطقة منذ مطلع الشهر الجاري.",
    ],
)
def test_an_event_told_since_a_date_weeks_ago_is_a_trend_not_an_incident(trend: str) -> None:
    text = "قتل مدنيان في غارة شنتها طائرة مسيرة على سيارة قرب بلدة عيتا الشعب جنوبي لبنان مساء أمس. " + trend
    (incident,) = extract(text)
    assert incident.location.name_ar == "عيتا الشعب"


def test_victims_before_a_passive_verb_are_hit_and_the_suspected_cells_did_it() -> None:
    (inc,) = extract(
        "قالت مصادر أمنية عراقية إن جنديين قتلا وأصيب ثلاثة آخرون أمس بانفجار عبوة ناسفة استهدفت "
        "دورية للجيش العراقي قرب ناحية جلولاء. ولم تعلن أي جهة مسؤوليتها عن الهجوم، لكن المصادر رجحت "
        "وقوف خلايا تابعة لتنظيم الدولة الإسلامية، ما زالت تتخفى في البساتين، وراء التفجير."
    )
    assert [a.id for a in inc.perpetrators] == ["isis"]
    assert [a.id for a in inc.targets] == ["iraqi-security-forces"]
