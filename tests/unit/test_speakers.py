"""A party's own statement: "قواتنا", "جنودنا", "مجاهدونا" stand for whoever speaks."""

from __future__ import annotations

import pytest

from service.extraction.mentions.actors import ActorCatalog, find_actors, load_actor_catalog
from service.extraction.normalize import normalize
from service.extraction.pipeline import extract
from tests.incidents import ids, one_of_type

DAY = "2025-02-10"  # a Monday


@pytest.fixture(scope="module")
def catalog() -> ActorCatalog:
    return load_actor_catalog()


def first_person(text: str, catalog: ActorCatalog) -> dict[str, str]:
    """first-person noun as written -> the actor id it was read as."""
    doc = normalize(text)
    return {
        doc.norm[m.start : m.end]: m.actor_id
        for m in find_actors(doc, catalog)
        if doc.norm[m.start : m.end].endswith("نا")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the speech verb's subject, the adjective over the generic "وزارة الدفاع"
        ('أعلنت وزارة الدفاع الصومالية في بيان: "طاردت قواتنا عناصر الحركة"', {"قواتنا": "somalia-forces"}),
        # a subject standing for the speaker named before, and a verb with no subject of its own
        (
            "أكد الجيش السوداني استعادة البلدة. وقال المتحدث في مؤتمر صحفي إن الوضع مستقر. "
            'وأضاف: "أصيب اثنان من جنودنا"',
            {"جنودنا": "saf"},
        ),
        # the attribution after the quote beats the speaker before it
        (
            "وقال الجيش الإسرائيلي إنه قصف مواقع في جنين. "
            '"استهدف مجاهدونا آلية عسكرية"، بحسب بيان لسرايا القدس.',
            {"مجاهدونا": "pij"},
        ),
    ],
)
def test_a_first_person_noun_names_the_speaker(
    text: str, expected: dict[str, str], catalog: ActorCatalog
) -> None:
    assert first_person(text, catalog) == expected


def test_a_speaker_who_is_no_actor_names_nobody(catalog: ActorCatalog) -> None:
    # the governor is nobody in the catalog: the Houthis' statement before is not his
    text = "قال الحوثيون في بيان إنهم استهدفوا سفينة. من جهته قال محافظ مأرب إن قواتنا تصدت لهجوم"
    assert first_person(text, catalog) == {}


def test_the_armys_own_statement_makes_it_the_doer_and_counts_its_wounded() -> None:
    incidents = extract(
        "أعلن الجيش السوداني أن قواته استعادت السيطرة على بلدة الدندر. وقال المتحدث باسم الجيش "
        'في بيان: "خاضت قواتنا الباسلة، أمس الأحد، معارك عنيفة مع الميليشيا المتمردة شرق مدينة '
        'سنار، وأصيب خمسة من جنودنا".',
        DAY,
    )
    clash = one_of_type(incidents, "armed_clash")
    assert "saf" in ids(clash.perpetrators)
    assert clash.casualties.injured is not None and clash.casualties.injured.min == 5


def test_who_the_victims_were_takes_no_part() -> None:
    # the children the dead commanders recruited are not the strike's target
    incidents = extract(
        "قتل ستة من مسلحي حركة الشباب في غارة جوية قرب مدينة جلب أمس الأحد، بينهم قياديان بارزان "
        "كانا مسؤولين عن تجنيد الأطفال في المنطقة.",
        DAY,
    )
    strike = one_of_type(incidents, "air_drone_strike")
    assert "civilians" not in ids(strike.targets)
    assert "al-shabaab" in ids(strike.targets)
