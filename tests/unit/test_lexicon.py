"""The clitic-aware phrase matcher."""

import pytest

from service.extraction.lexicon import PROCLITICS, PhraseMatcher, _prefix, share_scan
from service.extraction.normalize import normalize

MATCHER = PhraseMatcher(
    [("الحشد الشعبي", "pmf"), ("الحشد", "pmf-short"), ("بغداد", "baghdad"), ("كتائب حزب الله", "kh"),
     ("حزب الله", "hezbollah"), ("القائم", "qaim")]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قصف مواقع الحشد الشعبي", ["pmf"]),
        ("مقر تابع للحشد الشعبي", ["pmf"]),  # ل + ال -> لل
        ("وللحشد الشعبي", ["pmf"]),
        ("بالحشد الشعبي", ["pmf"]),
        ("والحشد", ["pmf-short"]),
        ("في بغداد", ["baghdad"]),
        ("وبغداد", ["baghdad"]),
        ("لبغداد", ["baghdad"]),
        ("فبغداد", ["baghdad"]),
        ("مبغداد", []),  # not a clitic
        ("بغدادي", []),  # no word boundary at the end
        ("استهدف كتائب حزب الله", ["kh"]),  # the longer name wins
        ("استهدف حزب الله", ["hezbollah"]),
        ("بالقائم", ["qaim"]),
        ("وفي القائم غربي", ["qaim"]),
        ("القائمة", []),
        ("#بغداد", ["baghdad"]),
    ],
)
def test_matches_on_word_boundaries_with_clitics(text: str, expected: list[str]) -> None:
    assert [m.payload for m in MATCHER.find(normalize(text).norm)] == expected


def test_article_form_after_lam_when_both_forms_are_entries() -> None:
    matcher = PhraseMatcher([("الحوثيين", "article"), ("حوثيين", "bare")])
    assert [m.payload for m in matcher.find(normalize("هجوم للحوثيين").norm)] == ["article"]
    assert [m.payload for m in matcher.find(normalize("هجوم حوثيين").norm)] == ["bare"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("بحسب بيان لقيادة العمليات", ["بيان ل"]),  # the proclitic written onto the next word
        ("بحسب بيان للجيش", ["بيان ل"]),
        ("بحسب بيان لـ الجيش", ["بيان ل"]),  # or apart
        ("بحسب بيان الجيش", []),
        ("مستودع تابع لقوات", ["تابع ل"]),
        ("مستودع تابعل", []),  # the run-on needs the proclitic to stand as its own word first
    ],
)
def test_phrase_ending_in_a_proclitic_runs_on_into_the_next_word(text: str, expected: list[str]) -> None:
    matcher = PhraseMatcher([("بيان ل", "بيان ل"), ("تابع ل", "تابع ل")])
    assert [m.payload for m in matcher.find(normalize(text).norm)] == expected


def test_empty_lexicon_finds_nothing() -> None:
    assert PhraseMatcher([]).find("بغداد") == []


def test_prefix_stops_once_longer_than_any_proclitic() -> None:
    assert _prefix("في وللحشد", 6) == "ولل"
    assert _prefix("بغداد", 0) == ""
    assert _prefix("1 بغداد", 2) == ""
    long = _prefix("المستبغداد", 6)
    assert len(long) == 4 and long not in PROCLITICS  # cut short, still rejected
    assert [m.payload for m in MATCHER.find("المستبغداد")] == []


def test_shared_scan_finds_what_each_matcher_finds_alone() -> None:
    def matchers() -> list[PhraseMatcher[str]]:
        return [
            PhraseMatcher([("بغداد", "baghdad"), ("الحشد", "pmf-short")]),
            PhraseMatcher([("الحشد الشعبي", "pmf"), ("بغداد", "city")]),
            PhraseMatcher([]),
        ]

    alone, shared = matchers(), matchers()
    share_scan(shared)
    for text in ("قصف مواقع للحشد الشعبي في بغداد", "وبغداد", "", "بغداد والحشد"):
        norm = normalize(text).norm
        expected = [a.find(norm) for a in alone]
        assert [b.find(norm) for b in reversed(shared)] == expected[::-1]  # whichever asks first
        assert [b.find(norm) for b in shared] == expected


def test_shared_scan_hands_out_copies() -> None:
    first, second = PhraseMatcher([("بغداد", "a")]), PhraseMatcher([("بغداد", "b")])
    share_scan([first, second])
    first.find("في بغداد").clear()
    assert [m.payload for m in first.find("في بغداد")] == ["a"]
    assert [m.payload for m in second.find("في بغداد")] == ["b"]


def test_share_scan_comes_before_the_first_find() -> None:
    used = PhraseMatcher([("بغداد", "a")])
    used.find("بغداد")
    with pytest.raises(RuntimeError):
        share_scan([used, PhraseMatcher([("بغداد", "b")])])


@pytest.mark.parametrize(
    ("text", "expected", "span"),
    [
        ('قصف مواقع "الحشد الشعبي" فجرا', ["pmf"], "الحشد الشعبي"),
        ("مقر «كتائب حزب الله» في القائم", ["kh", "qaim"], "كتائب حزب الله"),
        ('استهدف كتائب "حزب الله"', ["kh"], 'كتائب "حزب الله'),  # a quoted part of a name
        ('الحشد"الشعبي', ["pmf"], 'الحشد"الشعبي'),  # a quote between two letters parts two words
        ('"بغداد"ي', ["baghdad"], "بغداد"),
    ],
)
def test_quotation_marks_inside_a_phrase_are_read_through(text: str, expected: list[str], span: str) -> None:
    doc = normalize(text)
    found = MATCHER.find(doc.norm)
    assert [m.payload for m in found] == expected
    if found:
        assert doc.text[found[0].start : found[0].end] == span
