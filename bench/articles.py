"""A generator of varied, realistic-size Arabic conflict articles for benchmarks and load tests.

The sentences are templates written for this project; slots are filled from
small lists of places, actors, weapons and tolls so that no two articles are
alike. ``article(rng)`` returns (text, published_at) of roughly 2–5 KB.
"""

from __future__ import annotations

import datetime as dt
import random

PLACES = [
    ("مدينة القائم", "محافظة الأنبار"),
    ("قضاء سنجار", "محافظة نينوى"),
    ("بلدة جرف الصخر", "محافظة بابل"),
    ("مدينة البوكمال", "ريف دير الزور"),
    ("مدينة الميادين", "محافظة دير الزور"),
    ("ميناء الحديدة", "غرب اليمن"),
    ("مدينة مأرب", "شرق اليمن"),
    ("مخيم جنين", "شمال الضفة الغربية"),
    ("مدينة خان يونس", "جنوب قطاع غزة"),
    ("بلدة الخيام", "جنوب لبنان"),
    ("مدينة الفاشر", "شمال دارفور"),
    ("مدينة سرت", "وسط ليبيا"),
    ("مدينة كركوك", "شمال العراق"),
    ("منطقة الطارمية", "شمال بغداد"),
    ("مدينة بيدوا", "جنوب غرب الصومال"),
]
PERPETRATORS = [
    "طائرات أمريكية",
    "طائرة مسيرة مجهولة",
    "الجيش الإسرائيلي",
    "قوات الدعم السريع",
    "مسلحون مجهولون",
    "جماعة الحوثي",
    "مقاتلو حركة الشباب",
    "فصائل مسلحة موالية لإيران",
    "الطيران التركي",
    "تنظيم داعش",
]
TARGETS = [
    "مقرا للحشد الشعبي",
    "موقعا عسكريا",
    "رتلا للجيش",
    "سوقا شعبيا",
    "منزلا لعائلة",
    "قاعدة تضم قوات أمريكية",
    "سفينة تجارية",
    "نقطة تفتيش للشرطة",
    "مستودعا للأسلحة",
    "سيارة مدنية",
]
WEAPONS = [
    "بغارة جوية",
    "بطائرة مسيرة مفخخة",
    "بقذائف الهاون",
    "بعدة صواريخ",
    "بعبوة ناسفة",
    "بسيارة مفخخة",
    "بقصف مدفعي",
    "بصاروخ باليستي",
]
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
MONTHS = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]
AGENCIES = ["رويترز", "وكالة فرانس برس", "وكالة الأناضول", "أسوشيتد برس", "وكالة الأنباء العراقية"]
FILLER = [
    "وقال شهود عيان إن أصوات الانفجارات سمعت في أرجاء المنطقة، فيما هرعت سيارات الإسعاف إلى المكان.",
    "وأضاف المصدر أن فرق الدفاع المدني عملت لساعات على إخماد الحرائق التي اندلعت في الموقع.",
    "ويأتي ذلك في ظل توتر متصاعد تشهده المنطقة منذ أشهر، وسط دعوات دولية إلى التهدئة وضبط النفس.",
    "ولم تصدر السلطات المحلية حتى الآن أي بيان رسمي يوضح حجم الأضرار المادية التي خلفها الهجوم.",
    "وأكد مسؤول محلي أن الحركة في الطرق المؤدية إلى المدينة توقفت بشكل شبه كامل بعد الحادث.",
    "وتداول ناشطون على مواقع التواصل الاجتماعي مقاطع مصورة تظهر أعمدة الدخان تتصاعد من المكان.",
    "وأشار محللون إلى أن التصعيد الأخير قد ينعكس على المفاوضات الجارية بين الأطراف المعنية.",
    "ودعت منظمات إنسانية إلى فتح ممرات آمنة لإيصال المساعدات إلى السكان المحاصرين في المنطقة.",
]


def _lead(rng: random.Random, day: dt.date) -> str:
    place, region = rng.choice(PLACES)
    return (
        f"{rng.choice(WEEKDAYS)} {day.day} {MONTHS[day.month - 1]} {day.year}: "
        f"قتل {rng.randint(1, 30)} أشخاص وأصيب {rng.randint(0, 60)} آخرون "
        f"في هجوم نفذته {rng.choice(PERPETRATORS)} {rng.choice(WEAPONS)} "
        f"استهدف {rng.choice(TARGETS)} في {place} في {region}، بحسب ما أفادت {rng.choice(AGENCIES)}."
    )


def _background(rng: random.Random, day: dt.date) -> str:
    earlier = day - dt.timedelta(days=rng.randint(2, 20))
    place, _ = rng.choice(PLACES)
    return (
        f"وفي {earlier.day} {MONTHS[earlier.month - 1]}، استهدفت {rng.choice(PERPETRATORS)} "
        f"{rng.choice(TARGETS)} في {place} {rng.choice(WEAPONS)}، ما أدى إلى مقتل {rng.randint(1, 9)} "
        f"وإصابة {rng.randint(1, 20)} آخرين."
    )


def article(rng: random.Random, min_bytes: int = 2000, max_bytes: int = 5000) -> tuple[str, dt.date]:
    """One article of ``min_bytes``..``max_bytes`` UTF-8 bytes and its publication date."""
    published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 700))
    target = rng.randint(min_bytes, max_bytes)
    parts = [_lead(rng, published)]
    while len("\n".join(parts).encode()) < target:
        parts.append(_background(rng, published) if rng.random() < 0.3 else rng.choice(FILLER))
    text = "\n".join(parts)
    while len(text.encode()) > max_bytes and len(parts) > 1:
        parts.pop()
        text = "\n".join(parts)
    return text, published
