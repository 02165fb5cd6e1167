"""Sentence and clause boundaries, pinned: their patterns are written for scan speed."""

import itertools

import pytest

from service.extraction.mentions.dates import DIGITS_RE
from service.extraction.mentions.triggers import _CLAUSE_END, _Layout
from service.extraction.segment import MAX_SENTENCE_CHARS, Span, bounded_ends, clauses, sentences


@pytest.mark.parametrize(
    ("norm", "expected"),
    [
        ("قصف جوي. قتل 3!? وجرح 5\n\nالخبر", [(0, 8), (8, 16), (16, 24), (25, 30)]),
        ("نهاية..\nبداية", [(0, 7), (8, 13)]),  # the run stops before the newline a word follows
        ("سطر\n.بعده", [(0, 4), (4, 9)]),  # a newline alone ends the sentence
        ("تم.x ثم ;", [(0, 9)]),  # a full stop inside a word ends nothing
        ("", []),
        (" \n \n", []),
        ("جملة.", [(0, 5)]),
        ("a\n\n.b? c", [(0, 2), (3, 6), (6, 8)]),
    ],
)
def test_sentences(norm: str, expected: list[tuple[int, int]]) -> None:
    assert [(s.start, s.end) for s in sentences(norm)] == expected


@pytest.mark.parametrize(
    ("norm", "expected"),
    [
        ("قصف الجيش, وذلك بعد ساعات من هجوم, ردا على القصف", [(0, 10), (10, 16), (16, 34), (34, 48)]),
        ("قتل جندي،فيما اصيب اخر بينما  نجا", [(0, 23), (23, 33)]),
        ("في حين  قال,في حين قال", [(0, 12), (12, 22)]),
    ],
)
def test_clauses(norm: str, expected: list[tuple[int, int]]) -> None:
    assert [(s.start, s.end) for s in clauses(norm, Span(0, len(norm)))] == expected


def test_trigger_clause_ends() -> None:
    norm = "قصف. ثم, وقال ,فقال حيث قال فيما جرى; بينما\nx، او"
    assert [m.start() for m in _CLAUSE_END.finditer(norm)] == [3, 7, 14, 19, 27, 36, 43]
    assert [m.start() for m in _CLAUSE_END.finditer("a,b , و")] == [4]


def test_digit_runs() -> None:
    runs = [m.group() for m in DIGITS_RE.finditer("في 12/3/2024 و1,200 و3-5 و10:30 و٥")]
    assert runs == ["12/3/2024", "1,200", "3-5", "10:30", "٥"]


def test_whitespace_only_pieces_are_no_sentences() -> None:
    odd_spaces = "\u00a0\u2028\x1c\u3000\u200b"  # the last is no whitespace: it is content
    assert [(s.start, s.end) for s in sentences(f"{odd_spaces[:4]}.\n{odd_spaces}")] == [(6, 11)]


def test_an_unpunctuated_stretch_is_cut_at_spaces_into_bounded_sentences() -> None:
    norm = " ".join(f"كلمة{i}" for i in range(3000))  # about 23,000 characters, no sentence end
    spans = sentences(norm)
    assert len(spans) > 1 and all(s.end - s.start <= MAX_SENTENCE_CHARS for s in spans)
    assert "".join(norm[s.start : s.end] for s in spans) == norm  # nothing lost, in order
    assert all(norm[s.end - 1] == " " for s in spans[:-1])  # no word is cut


@pytest.mark.parametrize(
    ("norm", "ends", "limit", "expected"),
    [
        ("aaa bbb, ccc", [7], 10, [7]),  # within the limit: unchanged
        ("aa bb cc dd ee", [], 6, [5, 11]),  # cut at the last space before each limit
        ("x" * 13, [], 5, [5, 11]),  # one giant token: cut at the limit
        ("aa bb cc dd ee, ff", [14], 6, [5, 11, 14]),
    ],
)
def test_bounded_ends(norm: str, ends: list[int], limit: int, expected: list[int]) -> None:
    assert bounded_ends(norm, ends, limit) == expected


def test_trigger_clauses_are_bounded_too() -> None:
    norm = " ".join(["قصف"] * 5000)
    layout = _Layout(norm)
    bounds = [-1, *layout.clause_ends, len(norm)]
    assert max(b - a for a, b in itertools.pairwise(bounds)) <= MAX_SENTENCE_CHARS + 1


def test_an_initial_ends_no_sentence() -> None:
    norm = "اغتيل القيادي (ع. ح.) امام منزله. وقال مصدر انه قتل"
    assert [norm[s.start : s.end].strip() for s in sentences(norm)] == [
        "اغتيل القيادي (ع. ح.) امام منزله.",
        "وقال مصدر انه قتل",
    ]
