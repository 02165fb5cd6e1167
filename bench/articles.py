"""A generator of varied, realistic-size Arabic conflict articles for benchmarks and load tests.

The sentences are templates written for this project. An article reports one main event (a
place, a perpetrator, a weapon, a target, a toll and a day) in one of several lead styles, then
paragraphs drawn without repetition from a pool of follow-ups: tolls updated, claims and denials,
officials and witnesses quoted, reactions, humanitarian notes, and now and then an earlier or a
nearby event. Slots are filled from lists of real places (all in the gazetteer), actors, weapons,
agencies, officials and numbers, so no two articles are alike and no sentence repeats within one.
``article(rng)`` returns (text, published_at) of roughly 2–5 KB.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

PLACES = [
    ("مدينة القائم", "محافظة الأنبار"), ("مدينة الرمادي", "محافظة الأنبار"),
    ("مدينة الفلوجة", "محافظة الأنبار"), ("قضاء سنجار", "محافظة نينوى"), ("مدينة الموصل", "شمال العراق"),
    ("بلدة جرف الصخر", "محافظة بابل"), ("مدينة كركوك", "شمال العراق"), ("منطقة الطارمية", "شمال بغداد"),
    ("مدينة تكريت", "محافظة صلاح الدين"), ("مدينة سامراء", "محافظة صلاح الدين"),
    ("مدينة بعقوبة", "محافظة ديالى"), ("مدينة أربيل", "إقليم كردستان"),
    ("مدينة البوكمال", "ريف دير الزور"), ("مدينة الميادين", "محافظة دير الزور"),
    ("مدينة إدلب", "شمال غرب سوريا"), ("مدينة منبج", "ريف حلب الشرقي"), ("مدينة درعا", "جنوب سوريا"),
    ("مدينة الرقة", "شمال شرق سوريا"), ("مدينة القامشلي", "محافظة الحسكة"),
    ("ميناء الحديدة", "غرب اليمن"), ("مدينة مأرب", "شرق اليمن"), ("مدينة تعز", "جنوب غرب اليمن"),
    ("محافظة صعدة", "شمال اليمن"), ("مدينة عدن", "جنوب اليمن"), ("محافظة البيضاء", "وسط اليمن"),
    ("مخيم جنين", "شمال الضفة الغربية"), ("مدينة نابلس", "شمال الضفة الغربية"),
    ("مدينة طولكرم", "شمال الضفة الغربية"), ("مدينة خان يونس", "جنوب قطاع غزة"),
    ("مدينة رفح", "جنوب قطاع غزة"), ("مدينة دير البلح", "وسط قطاع غزة"), ("مخيم جباليا", "شمال قطاع غزة"),
    ("مدينة النبطية", "جنوب لبنان"), ("مدينة صور", "جنوب لبنان"), ("بلدة بنت جبيل", "جنوب لبنان"),
    ("مدينة بعلبك", "شرق لبنان"), ("مدينة الفاشر", "شمال دارفور"), ("مدينة نيالا", "جنوب دارفور"),
    ("مدينة الجنينة", "غرب دارفور"), ("مدينة أم درمان", "ولاية الخرطوم"), ("مدينة سرت", "وسط ليبيا"),
    ("مدينة مصراتة", "غرب ليبيا"), ("مدينة بنغازي", "شرق ليبيا"), ("مدينة بيدوا", "جنوب غرب الصومال"),
    ("مدينة كسمايو", "جنوب الصومال"), ("مدينة بلدوين", "وسط الصومال"), ("العاصمة مقديشو", "الصومال"),
]  # fmt: skip
PERPETRATORS = [
    "طائرات أمريكية", "طائرة مسيرة مجهولة", "الجيش الإسرائيلي", "قوات الدعم السريع", "مسلحون مجهولون",
    "جماعة الحوثي", "مقاتلو حركة الشباب", "فصائل مسلحة موالية لإيران", "الطيران التركي", "تنظيم داعش",
    "الجيش السوداني", "قوات سوريا الديمقراطية", "كتائب حزب الله", "الطيران الروسي", "قوات الجيش السوري",
    "مقاتلون من حزب الله", "قوات حفتر", "خلايا تابعة لتنظيم داعش", "طائرات التحالف", "مستوطنون إسرائيليون",
]  # fmt: skip
TARGETS = [
    "مقرا للحشد الشعبي", "موقعا عسكريا", "رتلا للجيش", "سوقا شعبيا", "منزلا لعائلة",
    "قاعدة تضم قوات أمريكية", "سفينة تجارية", "نقطة تفتيش للشرطة", "مستودعا للأسلحة", "سيارة مدنية",
    "مدرسة تؤوي نازحين", "مستشفى ميدانيا", "تجمعا للمدنيين", "حافلة تقل عمالا", "مركزا للشرطة",
    "شاحنة محملة بالمساعدات", "محطة للكهرباء", "مقرا لقيادة العمليات", "دورية عسكرية", "مخيما للنازحين",
]  # fmt: skip
WEAPONS = [
    "بغارة جوية", "بطائرة مسيرة مفخخة", "بقذائف الهاون", "بعدة صواريخ", "بعبوة ناسفة", "بسيارة مفخخة",
    "بقصف مدفعي", "بصاروخ باليستي", "بأسلحة رشاشة", "بقذيفة صاروخية", "بحزام ناسف", "بغارتين جويتين",
]  # fmt: skip
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
MONTHS = [
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
]  # fmt: skip
AGENCIES = [
    "رويترز", "وكالة فرانس برس", "وكالة الأناضول", "أسوشيتد برس", "وكالة الأنباء العراقية",
    "وكالة سبأ", "الوكالة الوطنية للإعلام", "وكالة الأنباء الفلسطينية", "وكالة سونا", "قناة الجزيرة",
]  # fmt: skip
OFFICIALS = [
    "مسؤول أمني", "متحدث باسم وزارة الداخلية", "مصدر طبي", "مسؤول محلي", "ضابط في الجيش",
    "مدير المستشفى", "متحدث باسم الدفاع المدني", "محافظ المنطقة", "مصدر في الشرطة", "قائد ميداني",
]  # fmt: skip
ORGS = [
    "الأمم المتحدة", "منظمة الصحة العالمية", "اللجنة الدولية للصليب الأحمر", "منظمة أطباء بلا حدود",
    "منظمة العفو الدولية", "الاتحاد الأوروبي", "جامعة الدول العربية", "منظمة اليونيسف",
]  # fmt: skip
NAMES = [
    "أحمد الجبوري", "محمد العبيدي", "خالد الحسن", "سامي النعيمي", "علي الزبيدي", "يوسف المصري",
    "عمر الشامي", "حسن الكعبي", "فاطمة الأحمد", "مريم السعدي", "عبد الله الحربي", "إبراهيم الخطيب",
]  # fmt: skip

LEADS = [
    "{weekday} {date}: قتل {killed} أشخاص وأصيب {injured} آخرون في هجوم نفذته {perp} {weapon} "
    "استهدف {target} في {place} في {region}، بحسب ما أفادت {agency}.",
    "{city} - قال {official} يوم {weekday} إن {perp} استهدفت {target} في {place} {weapon}، "
    "ما أسفر عن مقتل {killed} أشخاص وإصابة {injured} آخرين.",
    "أعلنت وزارة الصحة يوم {weekday} مقتل {killed} أشخاص وإصابة {injured} بجروح متفاوتة، إثر هجوم "
    "{weapon} شنته {perp} واستهدف {target} في {place}، في {region}.",
    "قتل {killed} مدنيين على الأقل وجرح {injured} آخرون، يوم {weekday}، حين استهدفت {perp} {target} "
    "في {place} {weapon}، وفق ما نقلت {agency} عن {official}.",
    "شنت {perp} فجر {weekday} هجوما {weapon} استهدف {target} في {place} بـ{region}، أدى إلى سقوط "
    "{killed} قتيلا و{injured} جريحا، في حصيلة أولية أعلنها {official}.",
    "أفاد مراسل {agency} في {place} بأن هجوما {weapon} استهدف صباح {weekday} {target}، وقالت مصادر "
    "محلية إن {perp} تقف وراءه، وإنه أسفر عن مقتل {killed} وإصابة {injured}.",
]
HEADLINES = [
    "مقتل {killed} في هجوم على {place}",
    "{perp} تستهدف {target} في {place}",
    "{region}: قتلى وجرحى {weapon}",
    "هجوم دام في {place} يخلف {killed} قتلى",
    "تصعيد جديد في {region}",
]
FOLLOW_UPS = [
    "وأضاف {official} أن حصيلة الضحايا مرشحة للارتفاع بسبب وجود {n} إصابات خطيرة بين الجرحى.",
    "وأكد {official} لـ{agency} أن فرق الإنقاذ انتشلت {n} جثث من تحت الأنقاض حتى مساء {weekday}.",
    "وتبنت {perp} الهجوم في بيان نشرته على قناتها في تطبيق تلغرام، قالت فيه إنه جاء ردا على ما "
    "وصفته بالاعتداءات المتكررة.",
    "ونفت {perp2} أي علاقة لها بالهجوم، وقالت في بيان إن الاتهامات الموجهة إليها لا أساس لها.",
    "وقال شاهد عيان يدعى {name} إن الانفجار وقع قرابة الساعة {hour} صباحا، وإنه شاهد ألسنة اللهب "
    "تتصاعد من الموقع المستهدف.",
    "وروى {name}، وهو أحد سكان {place}، أن عائلته فرت من المنزل بعد سماع دوي {n} انفجارات متتالية.",
    "وأدانت {org} الهجوم، ودعت في بيان إلى إجراء تحقيق مستقل ومحاسبة المسؤولين عنه.",
    "وحذرت {org} من تدهور الأوضاع الإنسانية في {region}، مشيرة إلى نزوح أكثر من {big} شخص خلال "
    "الأسابيع الماضية.",
    "وقال {official} إن المستشفيات في {place} تعاني نقصا حادا في الأدوية والمستلزمات الطبية.",
    "وأفاد {official} بأن السلطات فرضت حظرا للتجوال في {place} اعتبارا من الساعة {hour} مساء.",
    "وذكر مصدر عسكري أن قوات الأمن اعتقلت {n} مشتبه بهم في أعقاب الهجوم، دون أن يكشف عن هوياتهم.",
    "وأشار التقرير إلى أن {perp2} كانت قد نفذت هجمات مماثلة في {other_place} خلال الشهر الماضي.",
    "ولم تصدر السلطات المحلية في {region} حتى الآن أي بيان رسمي يوضح حجم الأضرار المادية التي خلفها الهجوم.",
    "وتداول ناشطون على مواقع التواصل الاجتماعي مقاطع مصورة تظهر أعمدة الدخان تتصاعد من الموقع المستهدف.",
    "وقال المحلل السياسي {name} إن التصعيد الأخير قد ينعكس على المفاوضات الجارية بين الأطراف المعنية.",
    "ودعت {org} إلى فتح ممرات آمنة لإيصال المساعدات إلى السكان المحاصرين في {region}.",
    "وبحسب إحصاءات {org}، قتل أكثر من {big} شخص في {region} منذ بداية العام الجاري.",
    "ويأتي ذلك في ظل توتر متصاعد تشهده {region} منذ أشهر، وسط دعوات دولية إلى التهدئة وضبط النفس.",
    "وأضاف المصدر أن فرق الدفاع المدني عملت لساعات على إخماد الحرائق التي اندلعت في الموقع المستهدف.",
    "وأكد مسؤول محلي أن الحركة في الطرق المؤدية إلى {place} توقفت بشكل شبه كامل بعد الحادث.",
    "وقالت {agency} إن من بين القتلى {n} أطفال وامرأتين، نقلا عن سجلات المستشفى المحلي.",
    "وأوضح {official} أن الجرحى نقلوا إلى {n} مستشفيات في {region}، وأن بعضهم في حالة حرجة.",
    "من جهته، توعد قائد في {perp2} بالرد على الهجوم في الوقت والمكان المناسبين.",
    "وأعلن الجيش أنه رصد إطلاق {n} صواريخ من محيط {other_place}، وأن الدفاعات الجوية اعترضت معظمها.",
    "وفي سياق متصل، قال {official} إن دوريات مشتركة بدأت تمشيط المناطق الزراعية المحيطة بـ{place}.",
    "وطالب نواب عن {region} الحكومة بتعزيز الإجراءات الأمنية وتعويض عائلات الضحايا.",
    "وأظهرت صور نشرتها {agency} سيارات محترقة ومباني متضررة في الشارع الرئيسي لـ{place}.",
    "وقال {name}، وهو مسعف في الهلال الأحمر، إن فرقه واجهت صعوبة في الوصول إلى المصابين بسبب استمرار القصف.",
    "وأعربت {org} عن قلقها البالغ من استهداف المنشآت المدنية، مذكرة بأن القانون الدولي يحظر ذلك.",
    "وتشير تقديرات محلية إلى أن الهجوم ألحق أضرارا بنحو {n} منازل مجاورة للموقع المستهدف.",
    "وبحسب {agency}، فإن هذا هو الهجوم رقم {n} الذي تشهده {region} منذ مطلع الشهر.",
    "وقال {official} إن التحقيقات الأولية تشير إلى أن المهاجمين استخدموا {weapon_noun}.",
    "ونقلت {agency} عن {name}، أحد أقارب الضحايا، قوله إن بين القتلى شقيقه وابن عمه.",
    "وتشهد {region} منذ {n} أشهر مواجهات متقطعة بين {perp} و{perp2}، أودت بحياة المئات.",
    "وقالت مصادر محلية إن {perp2} عززت مواقعها في {other_place} تحسبا لهجمات جديدة.",
    "وأكدت وزارة الخارجية أنها ستتقدم بشكوى رسمية إلى مجلس الأمن بشأن الهجوم على {place}.",
    "وأعلنت السلطات الحداد العام لمدة {n} أيام على أرواح الضحايا، وتنكيس الأعلام على المباني الرسمية.",
    "ودعا {official} السكان إلى الابتعاد عن المواقع العسكرية والإبلاغ عن أي تحركات مشبوهة.",
    "ويرى مراقبون أن اختيار {target} هدفا للهجوم يحمل رسالة سياسية واضحة إلى الأطراف الإقليمية.",
    "وقال {name}، صاحب متجر قريب، إن واجهات المحال تحطمت بفعل قوة الانفجار على بعد {n}00 متر.",
    "وشيع المئات من أهالي {place} جثامين الضحايا وسط هتافات تطالب بوقف العنف.",
    "وذكرت {agency} أن الاتصالات انقطعت عن أجزاء واسعة من {place} لساعات بعد الهجوم.",
    "وتعهد {official} بملاحقة المسؤولين عن الهجوم وتقديمهم إلى العدالة في أقرب وقت.",
    "ووصلت إلى {place} قافلة مساعدات تضم {n} شاحنات محملة بالمواد الغذائية والطبية.",
]
EARLIER = [
    "وفي {earlier}، استهدفت {perp2} {target2} في {other_place} {weapon2}، ما أدى إلى مقتل {k2} "
    "وإصابة {i2} آخرين.",
    "وكانت {perp2} قد شنت في {earlier} هجوما مماثلا على {other_place} {weapon2} أسفر عن سقوط {k2} قتلى.",
    "وقبل ذلك بأيام، قتل {k2} أشخاص في {other_place} حين شنت {perp2} هجوما {weapon2}، بحسب {agency}.",
]
WEAPON_NOUNS = ["طائرة مسيرة محملة بالمتفجرات", "صواريخ قصيرة المدى", "عبوة ناسفة مزروعة على جانب الطريق",
                "قذائف هاون من عيار 120 ملم", "سيارة مفخخة"]  # fmt: skip


def _day(day: dt.date, with_year: bool = True) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}" + (f" {day.year}" if with_year else "")


def _slots(rng: random.Random, published: dt.date) -> dict[str, object]:
    """The main event of one article and values for the other slots; every template reads from this."""
    (place, region), (other_place, _) = rng.sample(PLACES, 2)
    perp, perp2 = rng.sample(PERPETRATORS, 2)
    earlier = published - dt.timedelta(days=rng.randint(2, 20))
    return {
        "place": place, "region": region, "other_place": other_place, "city": place.split()[-1],
        "perp": perp, "perp2": perp2, "target": rng.choice(TARGETS), "target2": rng.choice(TARGETS),
        "weapon": rng.choice(WEAPONS), "weapon2": rng.choice(WEAPONS),
        "weapon_noun": rng.choice(WEAPON_NOUNS),
        "killed": rng.randint(1, 40), "injured": rng.randint(0, 90), "k2": rng.randint(1, 12),
        "i2": rng.randint(1, 30), "weekday": WEEKDAYS[published.weekday()], "date": _day(published),
        "earlier": _day(earlier, with_year=False), "agency": rng.choice(AGENCIES),
        "official": rng.choice(OFFICIALS), "org": rng.choice(ORGS), "name": rng.choice(NAMES),
        "n": rng.randint(2, 9), "big": rng.randint(2, 90) * 1000, "hour": rng.randint(1, 11),
    }  # fmt: skip


def _sentence(rng: random.Random, template: str, slots: dict[str, object]) -> str:
    """``template`` filled with the article's event, and fresh minor values (a name, a number) each time."""
    fresh = {"n": rng.randint(2, 9), "name": rng.choice(NAMES), "official": rng.choice(OFFICIALS),
             "org": rng.choice(ORGS), "hour": rng.randint(1, 11)}  # fmt: skip
    return template.format_map({**slots, **fresh})


def _paragraphs(rng: random.Random, slots: dict[str, object]) -> Iterator[str]:
    """Lead first, then follow-ups in random order without repeats, with 0–2 earlier events mixed in."""
    yield rng.choice(LEADS).format_map(slots)
    templates = rng.sample(FOLLOW_UPS, len(FOLLOW_UPS))
    for template in rng.sample(EARLIER, rng.randint(0, 2)):
        templates.insert(rng.randint(0, 5), template)
    for template in templates:
        yield _sentence(rng, template, slots)


def article(rng: random.Random, min_bytes: int = 2000, max_bytes: int = 5000) -> tuple[str, dt.date]:
    """One article of ``min_bytes``..``max_bytes`` UTF-8 bytes and its publication date."""
    published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 700))
    slots = _slots(rng, published)
    target = rng.randint(min_bytes, max_bytes)
    head = [rng.choice(HEADLINES).format_map(slots)] if rng.random() < 0.5 else []
    size, kept = sum(len(line.encode()) + 2 for line in head), list(head)
    for paragraph in _paragraphs(rng, slots):
        if size >= target:
            break
        grown = size + len(paragraph.encode()) + 2
        if grown <= max_bytes:
            kept.append(paragraph)
            size = grown
    # Paragraphs are sometimes run together on one line, as in pasted agency copy.
    return _join(rng, kept), published


def _join(rng: random.Random, paragraphs: list[str]) -> str:
    out = [paragraphs[0]]
    for paragraph in paragraphs[1:]:
        out.append(rng.choice(("\n\n", "\n\n", "\n", " ")) + paragraph)
    return "".join(out)
