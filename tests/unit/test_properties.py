"""Properties that hold for any input: no exception, valid incidents, honest evidence."""

from __future__ import annotations

import datetime as dt

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.extraction import Extractor
from service.extraction.mentions.places import PlaceMention, SpanIndex, outside_names
from service.extraction.model import ActorMention, Incident
from service.extraction.resolve.places import Place
from service.extraction.segment import words_between

EXTRACTOR = Extractor.load()

# Words that make the stages fire, so random texts reach assembly and merging.
WORDS = [
    "قصف",
    "غارة",
    "جوية",
    "أمريكية",
    "طائرة",
    "مسيّرة",
    "على",
    "بغداد",
    "الأنبار",
    "القائم",
    "مقتل",
    "إصابة",
    "٣",
    "18",
    "جنود",
    "الحشد",
    "الشعبي",
    "أمس",
    "الثلاثاء",
    "26",
    "ديسمبر/كانون الأول",
    "2023",
    "لم",
    "يسفر",
    "عن",
    "ضحايا",
    "،",
    ".",
    "\n",
    "رويترز",
    "تبنّت",
    "المقاومة",
    "الإسلامية",
    "في",
    "العراق",
    "صواريخ",
    "هجوم",
    "اشتباكات",
    "عبوة",
    "ناسفة",
    "خان",
    "يونس",
    "وإصابة",
    "آخرين",
    "قتيلين",
    "ﻻ",
    "\u200f",
]
arabicish = st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join)
dates = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31)))


def check(text: str, incidents: list[Incident]) -> None:
    msgspec.json.decode(msgspec.json.encode(incidents), type=list[Incident])  # valid against the Structs
    assert sum(i.primary for i in incidents) == (1 if incidents else 0)
    for incident in incidents:
        assert 0.0 <= incident.confidence <= 1.0
        for ev in incident.evidence:
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start : ev.end] == ev.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=3000), published_at=dates)
def test_any_unicode_text(text: str, published_at: dt.date | None) -> None:
    check(text, EXTRACTOR.extract(text, published_at))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=arabicish, published_at=dates)
def test_arabic_word_salad(text: str, published_at: dt.date | None) -> None:
    check(text, EXTRACTOR.extract(text, published_at))


def test_text_at_the_size_limit() -> None:
    text = ("قصف جوي على القائم أسفر عن مقتل 3، " * 3000)[:100_000]
    check(text, EXTRACTOR.extract(text, dt.date(2024, 1, 1)))


spans = st.tuples(st.integers(0, 200), st.integers(0, 30)).map(lambda s: (s[0], s[0] + s[1]))


@given(places=st.lists(spans, max_size=30), actors=st.lists(spans, max_size=30))
def test_places_inside_actor_names_are_found_as_by_checking_every_pair(
    places: list[tuple[int, int]], actors: list[tuple[int, int]]
) -> None:
    somewhere = Place(id="x", kind="locality", country="IQ", admin1="", admin2="", name="x",
                      name_ar="x", variants=(), lat=0.0, lon=0.0, population=None, geonameid=None,
                      source="curated")  # fmt: skip
    mentions = [PlaceMention(a, b, somewhere, False) for a, b in places]
    names = [ActorMention(a, b, "a", "name") for a, b in actors]
    expected = [p for p in mentions if not any(a.start <= p.start and p.end <= a.end for a in names)]
    assert outside_names(mentions, names) == expected


@given(taken=st.lists(spans, max_size=30), word=spans.filter(lambda s: s[0] < s[1]))
def test_a_span_overlaps_the_index_as_by_checking_every_span(
    taken: list[tuple[int, int]], word: tuple[int, int]
) -> None:
    expected = any(s < word[1] and word[0] < e for s, e in taken)
    assert SpanIndex(taken).overlaps(word) == expected


@given(text=st.text(alphabet="اب \n", max_size=700), cut=st.data(), limit=st.integers(0, 8))
def test_role_gaps_count_words_exactly_up_to_the_reach(text: str, cut: st.DataObject, limit: int) -> None:
    a = cut.draw(st.integers(0, len(text)))
    b = cut.draw(st.integers(a, len(text)))
    exact = len(text[a:b].split())
    assert min(words_between(text, a, b, limit), limit + 1) == min(exact, limit + 1)
