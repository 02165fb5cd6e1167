"""Sentences and clauses of the normalized text, as [start, end) spans.

Assembly works clause by clause: an event is stated in a clause, and the
clauses after it in the same sentence (", أدى إلى مقتل ...") add its details.
"""

from __future__ import annotations

import itertools
import re

import msgspec

# Sentence ends: full stop, question/exclamation marks, newlines, semicolons; a run of
# them before a space or the end, or else a run of newlines. Every pattern scanned over
# the whole text here starts with one character class: the engine then skips straight to
# the characters that can start a match instead of trying each branch at every position.
_SENTENCE_END = re.compile(r"[.!?;\n](?:[.!?;\n]*(?=\s|$)|(?<=\n)\n*)")
# A clause ends at a comma, or before a connector that starts a new event
# ("وذلك بعد ساعات من هجوم ..."; "بعد هجوم ..."; "ردا على ...").
_CLAUSE_BREAK = re.compile(
    r"[,\s](?:(?<=,)|(?<=\s)(?=(?:وذلك\s|بعد\s+(?:ساعات|ايام|يوم|يومين|اسبوع|هجوم|استهداف)|ردا\s+علي|عقب\s|فيما\s|بينما\s|في\s+حين\s)))"
)


class Span(msgspec.Struct, frozen=True):
    start: int
    end: int

    def contains(self, pos: int) -> bool:
        return self.start <= pos < self.end


# Whether a stretch holds more than whitespace (as str.strip sees it), without copying it.
_CONTENT = re.compile(r"\S")


# A longer stretch without a sentence end is unpunctuated text, not a sentence: it is cut at a
# space before this length, because the work per sentence grows with the square of its mentions
# (every actor against every cue and event word) and one 100,000-character "sentence" took minutes.
MAX_SENTENCE_CHARS = 2_000


def sentences(norm: str) -> list[Span]:
    """Non-empty sentence spans, covering the text in order."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(norm):
        if _initial(norm, m.start()):
            continue
        if _CONTENT.search(norm, start, m.start()):
            spans += _bounded(norm, start, m.end())
        start = m.end()
    if _CONTENT.search(norm, start):
        spans += _bounded(norm, start, len(norm))
    return spans


def _initial(norm: str, dot: int) -> bool:
    """The full stop after a one-letter word is an initial ("القيادي (ع. ح.)"), not a sentence end."""
    return (
        norm[dot] == "."
        and dot >= 1
        and norm[dot - 1].isalpha()
        and (dot == 1 or not norm[dot - 2].isalnum())
        and norm[dot + 1 : dot + 2] != "\n"
    )


def _bounded(norm: str, start: int, end: int) -> list[Span]:
    """[start, end) as one span, or as pieces cut after the spaces ``bounded_ends`` picks (at most
    MAX_SENTENCE_CHARS long; one more where a single word is longer than that)."""
    if end - start <= MAX_SENTENCE_CHARS:
        return [Span(start, end)]
    cuts = [start + cut + 1 for cut in bounded_ends(norm[start:end], [])]
    edges = [start, *cuts, end]
    return [Span(a, b) for a, b in itertools.pairwise(edges) if _CONTENT.search(norm, a, b)]


def clauses(norm: str, sentence: Span) -> list[Span]:
    """Clause spans inside one sentence."""
    spans, start = [], sentence.start
    for m in _CLAUSE_BREAK.finditer(norm, sentence.start, sentence.end):
        if _CONTENT.search(norm, start, m.start()):
            spans.append(Span(start, m.end()))
            start = m.end()
    if _CONTENT.search(norm, start, sentence.end):
        spans.append(Span(start, sentence.end))
    return spans


def bounded_ends(norm: str, ends: list[int], limit: int = MAX_SENTENCE_CHARS) -> list[int]:
    """Boundary positions (each the index of the character between two spans) with a space added
    as a boundary wherever two of them, or the text's ends, lie more than ``limit`` apart."""
    out: list[int] = []
    start = 0
    for end in [*ends, len(norm)]:
        while end - start > limit:
            cut = norm.rfind(" ", start + 1, start + limit)
            cut = cut if cut > start else start + limit
            out.append(cut)
            start = cut + 1
        if end < len(norm):
            out.append(end)
        start = end + 1
    return out


HEADING_MAX_WORDS = 12
_CLOSING = frozenset('.!?;:"»)')


def is_heading(norm: str, sentence: Span) -> bool:
    """A title or a subheading: a short line with no closing punctuation and text under it
    ("قتيلان بضربة تركية في العمادية")."""
    line = norm[sentence.start : sentence.end]
    text = line.rstrip()
    whole_line = sentence.start == 0 or norm[sentence.start - 1] == "\n"
    if not (whole_line and line.endswith("\n")) or not text or text[-1] in _CLOSING:
        return False
    return len(text.split()) <= HEADING_MAX_WORDS and bool(_CONTENT.search(norm, sentence.end))


def paragraphs(norm: str) -> list[Span]:
    """Paragraph spans: text between newlines."""
    out, pos = [], 0
    for line in norm.split("\n"):
        if line.strip():
            out.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    return out


_WORD = re.compile(r"\S+")
_SHORT_GAP_CHARS = 256  # a gap this short is split at once; a longer one is counted word by word


def words_between(norm: str, a: int, b: int, limit: int) -> int:
    """Words in norm[a:b], counted up to limit + 1: callers only ask whether a gap is within a
    reach of a few words, and counting every word of a long unpunctuated clause for every
    (actor, cue) pair made a 100,000-character text take minutes."""
    if b - a <= _SHORT_GAP_CHARS:
        return len(norm[a:b].split()) if b > a else 0
    return sum(1 for _ in itertools.islice(_WORD.finditer(norm, a, b), limit + 1))
