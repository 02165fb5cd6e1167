"""Places no gazetteer lists, named after a word that says what they are."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from service.extraction.normalize import normalize
from service.extraction.pipeline import default_extractor, find_mentions

PUBLISHED = dt.date(2024, 5, 20)


def places(text: str) -> list[tuple[str, str, str]]:
    """(name as written, admin1 or country, precision) of every place mention."""
    doc = normalize(text, PUBLISHED)
    found = find_mentions(doc, default_extractor().lexicons).places
    return [(doc.text[doc.offsets[p.start] : doc.offsets[p.end - 1] + 1],
             p.place.admin1 or p.place.country, p.place.precision or p.place.kind) for p in found]


def location(text: str) -> dict:
    incidents = default_extractor().extract(text, PUBLISHED)
    assert incidents, text
    return msgspec.to_builtins(incidents[0].location)


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("قتل مزارع بقذيفة سقطت قرب قرية تل الشعير في ريف حلب الشمالي.", "تل الشعير", "SY-HL"),
        ("أصيب جنديان بانفجار عبوة في منطقة وادي الخيل جنوبي كركوك.", "وادي الخيل", "IQ-KI"),
        ("قتل جنديان بهجوم للحوثيين على مواقع الجيش في جبهة الزور شمال غربي مأرب.", "الزور", "YE-MA"),
        ("قصفت المدفعية بلدة كفرسلوان بريف إدلب الجنوبي.", "كفرسلوان", "SY-ID"),
        ("قتل شرطي في هجوم على حاجز في ناحية أبي غريبة التابعة لقضاء المقدادية.", "أبي غريبة", "IQ-DI"),
    ],
)
def test_a_named_village_is_the_events_place_inside_the_place_that_locates_it(
    text: str, name: str, admin1: str
) -> None:
    loc = location(text)
    assert (loc["name_ar"], loc["admin1"]) == (name, admin1)
    assert loc["name"] is None  # no English name is made up for it
    assert loc["latitude"] is not None


def test_an_unlisted_place_borrows_the_precision_of_the_place_locating_it() -> None:
    found = places("سقطت قذيفة على قرية كفرسلوان بريف إدلب الجنوبي، وأخرى على قرية عين صالح قرب مدينة سراقب.")
    assert ("كفرسلوان", "SY-ID", "admin1") in found
    assert ("عين صالح", "SY-ID", "locality") in found


@pytest.mark.parametrize(
    "text",
    [
        "قتل مسلح في منطقة العمليات شرقي دير الزور.",
        "سقطت قذيفة على قرية صغيرة قرب مدينة سراقب.",
        "قصفت القوات بلدات ومدنا في ريف إدلب.",
        "أصيب مدني في منطقة خفض التصعيد في إدلب.",
        "تعرض موقع إخباري في بغداد للاختراق.",
        "قتل شاب في قرية قرب الحدود.",
    ],
)
def test_a_common_word_after_a_place_word_is_no_place(text: str) -> None:
    assert all(precision != "admin1" or " " in name for name, _, precision in places(text))
    assert all(name in ("دير الزور", "سراقب", "ريف إدلب", "إدلب", "بغداد") for name, _, _ in places(text))


def test_an_area_word_needs_a_listed_place_right_after_its_name() -> None:
    assert places("وقعت اشتباكات في منطقة الحلاوة، بحسب مصادر محلية.") == []


def test_a_plural_place_word_lists_several_villages() -> None:
    found = places("استهدفت غارات بلدات خربة سعد، كفر عميم ومزرعة التوت شرقي حلب.")
    assert [name for name, _, _ in found] == ["خربة سعد", "كفر عميم", "مزرعة التوت", "حلب"]
    assert {admin1 for _, admin1, _ in found} == {"SY-HL"}


def test_a_listed_name_inside_an_unlisted_one_is_no_place_of_its_own() -> None:
    found = places("انفجرت عبوة في ناحية أبي صيدا التابعة لقضاء المقدادية.")
    assert ("أبي صيدا", "IQ-DI", "admin2") in found
    assert all(admin1 != "LB-JA" for _, admin1, _ in found)  # not Saida in Lebanon


def test_two_villages_in_one_governorate_are_two_locations() -> None:
    text = ("قتل مدنيان بقصف على قرية كفرسلوان بريف إدلب الجنوبي صباح اليوم. "
            "وقتل طفل بقصف على قرية البريصة بريف إدلب الجنوبي صباح اليوم.")
    names = {msgspec.to_builtins(i.location)["name_ar"] for i in default_extractor().extract(text, PUBLISHED)}
    assert names == {"كفرسلوان", "البريصة"}


def test_a_valley_word_is_part_of_the_name_and_needs_a_place_after_it() -> None:
    assert ("وادي السيل", "IQ-AN", "admin1") in places("قتل مسلحان في وادي السيل بصحراء محافظة الأنبار.")
    assert places("طردت القوات المسلحين من معاقلهم في وادي السيل والمرتفعات المحيطة به.") == []
