"""Phrase matching over normalized text, aware of Arabic clitics.

One Aho-Corasick automaton per lexicon finds every entry in one pass; a hit
counts only on word boundaries. Before a phrase, a word may carry the
proclitics و ف ب ل ك (alone or combined, e.g. وب، فل), and a phrase that
starts with the article ال also matches after ل as لل (للحشد) and after the
article-bearing prefixes وال، بال، فال، كال.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter
from typing import Generic, TypeVar

import ahocorasick
import msgspec

from service.extraction.normalize import normalize_phrase

T = TypeVar("T")

PROCLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"})
# Prefixes before a phrase whose leading ال was absorbed (لل) or doubled up.
ARTICLE_PROCLITICS = frozenset({"لل", "ولل", "فلل"})
# A word that runs further back than this before a hit carries no accepted prefix.
_LONGEST_PREFIX = max(len(p) for p in PROCLITICS | ARTICLE_PROCLITICS)


def is_word_char(ch: str) -> bool:
    return ch.isalnum() and ch not in "٠١٢٣٤٥٦٧٨٩"


class _WordChars(dict[str, bool]):
    """is_word_char memoized per character: the boundary checks run on every candidate hit."""

    def __missing__(self, ch: str) -> bool:
        self[ch] = is_word_char(ch)
        return self[ch]


_WORD_CHARS = _WordChars()


class Match(msgspec.Struct, Generic[T], frozen=True):
    """A lexicon hit: normalized-text span [start, end) and the entry's payload."""

    start: int
    end: int
    payload: T
    phrase: str


class PhraseMatcher(Generic[T]):
    """Find lexicon phrases in normalized text; payloads are opaque to it."""

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        self._automaton = ahocorasick.Automaton()
        grouped: dict[str, list[T]] = {}
        for phrase, payload in entries:
            key = normalize_phrase(phrase)
            if key:
                grouped.setdefault(key, []).append(payload)
        readings: dict[str, list[tuple[str, bool, list[T]]]] = {}
        for key, payloads in grouped.items():
            readings.setdefault(key, []).append((key, False, payloads))
            if key.startswith("ال") and len(key) > 3:
                # the same phrase with its article folded into a preceding لل
                readings.setdefault(key[2:], []).append((key, True, payloads))
        for surface, options in readings.items():
            # every reading of a surface spans the same text, so boundaries are checked once
            self._automaton.add_word(surface, (len(surface), options))
        self._empty = not grouped
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, norm: str) -> list[Match[T]]:
        """All hits on word boundaries, longest first where they overlap."""
        if self._empty:
            return []
        hits: list[Match[T]] = []
        size = len(norm)
        word_chars = _WORD_CHARS
        for end_idx, (length, options) in self._automaton.iter(norm):
            end = end_idx + 1
            if end < size and word_chars[norm[end]]:
                continue  # most candidates are word beginnings inside a longer word
            start = end - length
            prefix = _prefix(norm, start) if start and word_chars[norm[start - 1]] else ""
            for key, article_absorbed, payloads in options:
                if prefix not in (ARTICLE_PROCLITICS if article_absorbed else PROCLITICS):
                    continue
                begin = start - len(prefix) if article_absorbed else start
                for payload in payloads:
                    hits.append(Match(begin, end, payload, key))
        return _longest_first(hits)


def _prefix(norm: str, start: int) -> str:
    """The word characters right before ``start``; cut short once too long for a proclitic."""
    pos = start
    stop = max(0, start - _LONGEST_PREFIX - 1)
    while pos > stop and _WORD_CHARS[norm[pos - 1]]:
        pos -= 1
    return norm[pos:start]


_START, _END = attrgetter("start"), attrgetter("end")


def _longest_first(hits: list[Match[T]]) -> list[Match[T]]:
    """Drop hits strictly inside a longer hit; keep equal spans (several payloads)."""
    if len(hits) < 2:
        return hits
    # by start, longest first: two stable sorts on plain attributes beat one on a computed key
    hits.sort(key=_END, reverse=True)
    hits.sort(key=_START)
    kept: list[Match[T]] = []
    for m in hits:
        start, end = m.start, m.end
        for k in kept[-8:]:
            if k.start <= start and end <= k.end and k.end - k.start > end - start:
                break
        else:
            kept.append(m)
    return kept
