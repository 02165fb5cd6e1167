"""Sentences and clauses of the normalized text, as [start, end) spans.

Assembly works clause by clause: an event is stated in a clause, and the
clauses after it in the same sentence (", أدى إلى مقتل ...") add its details.
"""

from __future__ import annotations

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
    r"[,\s](?:(?<=,)|(?<=\s)(?=(?:وذلك\s|بعد\s+(?:ساعات|ايام|يوم|يومين|اسبوع|هجوم|استهداف)|ردا\s+على|عقب\s|فيما\s|بينما\s|في\s+حين\s)))"
)


class Span(msgspec.Struct, frozen=True):
    start: int
    end: int

    def contains(self, pos: int) -> bool:
        return self.start <= pos < self.end


# Whether a stretch holds more than whitespace (as str.strip sees it), without copying it.
_CONTENT = re.compile(r"\S")


def sentences(norm: str) -> list[Span]:
    """Non-empty sentence spans, covering the text in order."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(norm):
        if _CONTENT.search(norm, start, m.start()):
            spans.append(Span(start, m.end()))
        start = m.end()
    if _CONTENT.search(norm, start):
        spans.append(Span(start, len(norm)))
    return spans


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


def paragraphs(norm: str) -> list[Span]:
    """Paragraph spans: text between newlines."""
    out, pos = [], 0
    for line in norm.split("\n"):
        if line.strip():
            out.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    return out


def words_between(norm: str, a: int, b: int) -> int:
    """How many words lie between positions a and b (a <= b)."""
    return len(norm[a:b].split())
