"""Phrase matching over normalized text, aware of Arabic clitics.

One Aho-Corasick automaton per lexicon finds every entry in one pass; a hit
counts only on word boundaries. Before a phrase, a word may carry the
proclitics و ف ب ل ك (alone or combined, e.g. وب، فل), and a phrase that
starts with the article ال also matches after ل as لل (للحشد) and after the
article-bearing prefixes وال، بال، فال، كال.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

import ahocorasick
import msgspec

from service.extraction.normalize import normalize_phrase

T = TypeVar("T")

PROCLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"})
# Prefixes before a phrase whose leading ال was absorbed (لل) or doubled up.
ARTICLE_PROCLITICS = frozenset({"لل", "ولل", "فلل"})


def is_word_char(ch: str) -> bool:
    return ch.isalnum() and ch not in "٠١٢٣٤٥٦٧٨٩"


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
            self._automaton.add_word(surface, options)
        self._empty = not grouped
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, norm: str) -> list[Match[T]]:
        """All hits on word boundaries, longest first where they overlap."""
        if self._empty:
            return []
        hits: list[Match[T]] = []
        for end_idx, options in self._automaton.iter(norm):
            for key, article_absorbed, payloads in options:
                length = len(key) - 2 if article_absorbed else len(key)
                start, end = end_idx - length + 1, end_idx + 1
                prefix_start = _word_start(norm, start)
                if not _accepts(norm, prefix_start, start, end, article_absorbed):
                    continue
                begin = prefix_start if article_absorbed else start
                hits += [Match(start=begin, end=end, payload=p, phrase=key) for p in payloads]
        return _longest_first(hits)


def _word_start(norm: str, pos: int) -> int:
    while pos > 0 and is_word_char(norm[pos - 1]):
        pos -= 1
    return pos


def _accepts(norm: str, word_start: int, start: int, end: int, article_absorbed: bool) -> bool:
    if end < len(norm) and is_word_char(norm[end]):
        return False
    prefix = norm[word_start:start]
    if article_absorbed:
        return prefix in ARTICLE_PROCLITICS
    return prefix in PROCLITICS


def _longest_first(hits: list[Match[T]]) -> list[Match[T]]:
    """Drop hits strictly inside a longer hit; keep equal spans (several payloads)."""
    hits.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Match[T]] = []
    for m in hits:
        inside = (k for k in kept[-8:] if k.start <= m.start and m.end <= k.end)
        if any(k.end - k.start > m.end - m.start for k in inside):
            continue
        kept.append(m)
    return kept
