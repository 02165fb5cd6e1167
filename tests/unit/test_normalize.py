"""Normalization: folds for matching, offsets back to the submitted text."""

import sys

import pytest

from service.extraction import lexicon
from service.extraction import normalize as normalize_module
from service.extraction.normalize import MAX_MEMO_CHARS, fold_char, normalize, normalize_phrase, source_span


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("مُسَيَّرَة", "مسيره"),  # harakat and shadda dropped, ta marbuta folded
        ("طائرة مسيّرة", "طايره مسيره"),  # hamza on ya folded
        ("إصابة", "اصابه"),  # alef with hamza below
        ("أمريكي", "امريكي"),  # alef with hamza above
        ("آذار", "اذار"),  # alef madda
        ("ٱلله", "الله"),  # alef wasla
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("مسؤول", "مسوول"),  # hamza on waw
        ("قـــصـف", "قصف"),  # tatweel
        ("٢٦ ديسمبر", "26 ديسمبر"),  # Arabic-Indic digits
        ("۱۸ مصابا", "18 مصابا"),  # Persian digits
        ("قصف\u200f أمريكي", "قصف امريكي"),  # right-to-left mark
        ("بغ\u200cداد", "بغداد"),  # zero-width non-joiner
        ("«رويترز»", '"رويترز"'),  # guillemets
        ("قتيل، جريح؛ لماذا؟", "قتيل, جريح; لماذا?"),  # Arabic punctuation
        ("ﻻ", "لا"),  # lam-alef presentation ligature
        ("ﺑﻐﺪﺍﺩ", "بغداد"),  # presentation forms
        ("Reuters", "reuters"),  # Latin lower-cased
        ("٣٫٥", "3.5"),  # Arabic decimal separator
        ("قصف\u00a0جوي", "قصف جوي"),  # no-break space
    ],
)
def test_normalize_folds(raw: str, expected: str) -> None:
    assert normalize(raw).norm == expected


@pytest.mark.parametrize(
    "raw",
    ["استُهدِفَت قاعدةُ «عين الأسد» بـ٣ صواريخ", "ﻻ إصابات\u200f في الهجوم", "قـتـل ١٨ شخصاً"],
)
def test_offsets_map_every_character_back(raw: str) -> None:
    doc = normalize(raw)
    assert len(doc.offsets) == len(doc.norm) + 1
    assert doc.offsets == sorted(doc.offsets)
    for i, ch in enumerate(doc.norm):
        assert normalize(raw[doc.offsets[i]]).norm.count(ch) >= 1


def test_source_span_recovers_the_submitted_text() -> None:
    raw = "أصيبَ ثلاثةُ جنودٍ أمريكيين"
    doc = normalize(raw)
    start = doc.norm.index("ثلاثه")
    a, b = source_span(doc, start, start + len("ثلاثه"))
    assert raw[a:b] == "ثلاثة"


@pytest.mark.parametrize("phrase", ["  الطائرة   المسيَّرة ", "كتائب حزب الله", "قاعدة عين الأسد"])
def test_normalize_phrase_is_idempotent(phrase: str) -> None:
    once = normalize_phrase(phrase)
    assert normalize_phrase(once) == once
    assert "  " not in once and once == once.strip()


def _reference(text: str) -> tuple[str, list[int]]:
    """normalize() spelled out one character at a time."""
    folds = [fold_char(ch) for ch in text]
    return "".join(folds), [i for i, f in enumerate(folds) for _ in f] + [len(text)]


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "قصف جوي",  # every character folds to one: offsets are the identity
        "استُهدِفَت ﻻ İstanbul\u200f «عين الأسد»",  # dropped, expanded (ﻻ, İ) and one-to-one folds
        "ـ" * 3 + "ﻻ",  # uneven characters at both ends
        "قُتل جندي. " * 7000,  # longer than the shared run of indexes
    ],
)
def test_normalize_matches_the_per_character_folds(raw: str) -> None:
    doc = normalize(raw)
    assert (doc.norm, doc.offsets) == _reference(raw)


def test_memos_stay_bounded_when_a_text_holds_every_code_point() -> None:
    """A client may send every character there is; the per-character memos keep their bound and
    the characters past it are still folded (and matched) exactly."""
    every = "".join(chr(c) for c in range(0x20, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    tail = every[-5000:] + " ﻻ قُتل ـجندي"  # met after the memos are full: folds, ligature, marks
    for part in range(0, len(every), 100_000):
        normalize(every[part : part + 100_000])
    doc = normalize(tail)
    assert (doc.norm, doc.offsets) == _reference(tail)
    for ch in every[:: len(every) // 200_000 or 1]:
        assert lexicon._WORD_CHARS[ch] == lexicon.is_word_char(ch)
    assert len(normalize_module._FOLDS) <= MAX_MEMO_CHARS
    assert len(lexicon._WORD_CHARS) <= MAX_MEMO_CHARS
    assert fold_char.cache_info().currsize <= MAX_MEMO_CHARS
