"""Which gazetteer names in a text are places: landmarks, homographs, datelines."""

from __future__ import annotations

import pytest

from service.extraction.mentions.places import PlaceFinder, load_place_finder
from service.extraction.normalize import normalize


@pytest.fixture(scope="module")
def finder() -> PlaceFinder:
    return load_place_finder()


def places(finder: PlaceFinder, text: str) -> list[str]:
    doc = normalize(text, None)
    return [m.place.id for m in finder.find(doc)]


@pytest.mark.parametrize(
    "text",
    [
        "ونشرت الوكالة صور الدمار الذي خلفه الانفجار.",
        "وسرت أنباء عن انسحاب المقاتلين من المنطقة.",
        "ويبقى قرار وقف النار ساري المفعول حتى إشعار آخر.",
        "وشارك متطوعو الخوذ البيضاء في انتشال الجثث.",
        "وقالت البحرية الهندية إنها أنقذت طاقم السفينة.",
        "وأكد المتحدث بأنه لا توجد إصابات بين المدنيين.",
        "ووصلت فرقة الإطفاء إلى المكان بعد ساعة.",
        "وظهر المسعفون في مشهد مؤلم وهم ينقلون الجرحى.",
        "ودفن الضحية في مسقط رأسه بعد ظهر اليوم.",
        "وقال الوزير إن خيار التفاوض ما زال مطروحا ومطروح على الطاولة.",
        "وكانت جدة الطفل بين المصابين.",
        "وتعمل رياض الأطفال في المخيم بنصف طاقتها.",
        "وتصاعد دخان رمادي من المبنى المستهدف.",
        "وأجريت للمصابة عملية قيصرية في المستشفى.",
    ],
)
def test_a_place_name_that_is_also_a_word_is_no_place_on_its_own(finder: PlaceFinder, text: str) -> None:
    assert places(finder, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "أصيب شاب برصاصة في الرأس خلال اقتحام بلدة قرب نابلس في الضفة الغربية.",
        "وظهر في الصورة مقاتلون قرب نابلس في الضفة الغربية.",
        "وبدأ الجيش في سحب آلياته من محيط جنين في الضفة الغربية.",
    ],
)
def test_a_small_place_named_like_a_word_is_no_place_after_in(finder: PlaceFinder, text: str) -> None:
    """In a text of its own country, where a small place after "في" would count."""
    names = [m.place.name_ar for m in finder.find(normalize(text, None))]
    assert set(names) <= {"نابلس", "جنين", "الضفة الغربية"}, names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("قصفت طائرة مسيرة سيارة في مدينة صور جنوبي لبنان.", "صور"),
        ("استهدفت غارة منزلا في صور بجنوب لبنان.", "صور"),
        ("مقتل ثلاثة بغارة\nصور - قال مصدر أمني إن غارة استهدفت سيارة.", "صور"),
        ("قتل مدني في هجوم على سوق في محافظة البيضاء وسط اليمن.", "البيضاء"),
        ("وصل الوفد إلى مدينة جدة السعودية لاستئناف المحادثات.", "جدة"),
    ],
)
def test_a_homograph_is_a_place_where_the_text_says_so(finder: PlaceFinder, text: str, name: str) -> None:
    doc = normalize(text, None)
    found = finder.find(doc)
    assert any(name in m.place.name_ar or name in m.place.variants for m in found)


def test_a_governorates_name_stands_on_its_own_where_its_town_is_meant(finder: PlaceFinder) -> None:
    """Saada the town (50,000) is too small to stand alone, but it names a governorate too."""
    ids = places(finder, "شنت طائرات أمريكية غارات على صنعاء والحديدة وصعدة.")
    assert len(ids) == 3
    assert places(finder, "غارات على صعدة") != []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("واندلعت معارك قرب مدينة عدن يابال في إقليم شبيلي الوسطى.", "so-adan-yabaal"),
        ("وسقطت قذيفة على مدينة عدن صباح اليوم.", "gn:415189"),
    ],
)
def test_a_kind_word_does_not_bind_a_shorter_name_inside_a_longer_one(
    finder: PlaceFinder, text: str, expected: str
) -> None:
    assert places(finder, text)[0] == expected


def test_a_settlement_word_after_lam_vouches_for_the_name_after_it(finder: PlaceFinder) -> None:
    text = "هاجم مسلحون قاعدة عسكرية عند الأطراف الشمالية لمدينة مركا الساحلية في الصومال."
    assert "so-merca" in places(finder, text)
