"""Phrase matching over normalized text, aware of Arabic clitics.

One Aho-Corasick automaton per lexicon (or per group of lexicons run over the
same text, see ``share_scan``) finds every entry in one pass; a hit counts only
on word boundaries. Before a phrase, a word may carry the
proclitics و ف ب ل ك (alone or combined, e.g. وب، فل), and a phrase that
starts with the article ال also matches after ل as لل (للحشد) and after the
article-bearing prefixes وال، بال، فال، كال. A phrase that ends in a lone
proclitic ("بيان ل", "تابعة ل") also matches with it written onto the next word
(بيان لقيادة، تابعة للحشد), as Arabic writes it. ``read_table`` reads the
tab-separated data files the lexicons are built from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from operator import attrgetter
from pathlib import Path
from typing import Any, Generic, TypeVar

import ahocorasick
import msgspec

from service.extraction.normalize import MAX_MEMO_CHARS, normalize_phrase

T = TypeVar("T")

PROCLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"})
# Prefixes before a phrase whose leading ال was absorbed (لل) or doubled up.
ARTICLE_PROCLITICS = frozenset({"لل", "ولل", "فلل"})
# A word that runs further back than this before a hit carries no accepted prefix.
_LONGEST_PREFIX = max(len(p) for p in PROCLITICS | ARTICLE_PROCLITICS)


def read_table(path: Path) -> Iterator[list[str]]:
    """Rows of a tab-separated data file, comments (#) and blank lines skipped."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def is_word_char(ch: str) -> bool:
    return ch.isalnum() and ch not in "٠١٢٣٤٥٦٧٨٩"


class _WordChars(dict[str, bool]):
    """is_word_char memoized per character: the boundary checks run on every candidate hit."""

    def __missing__(self, ch: str) -> bool:
        word = is_word_char(ch)
        if len(self) < MAX_MEMO_CHARS:  # bounded as the normalizer's memo is
            self[ch] = word
        return word


_WORD_CHARS = _WordChars()


class Match(msgspec.Struct, Generic[T], frozen=True):
    """A lexicon hit: normalized-text span [start, end) and the entry's payload."""

    start: int
    end: int
    payload: T
    phrase: str


# One reading of a surface string: (the entry's key, whether its ال was absorbed, payloads).
Reading = tuple[str, bool, list[Any]]


class PhraseMatcher(Generic[T]):
    """Find lexicon phrases in normalized text; payloads are opaque to it.

    It scans with an automaton of its own until ``share_scan`` gives it one shared
    with other matchers that read the same texts."""

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        grouped: dict[str, list[T]] = {}
        for phrase, payload in entries:
            key = normalize_phrase(phrase)
            if key:
                grouped.setdefault(key, []).append(payload)
        readings: dict[str, list[Reading]] = {}
        for key, payloads in grouped.items():
            readings.setdefault(key, []).append((key, False, payloads))
            if key.startswith("ال") and len(key) > 3:
                # the same phrase with its article folded into a preceding لل
                readings.setdefault(key[2:], []).append((key, True, payloads))
        self._scanner = _Scanner([readings])
        self._slot = 0

    def find(self, norm: str) -> list[Match[T]]:
        """All hits on word boundaries, longest first where they overlap."""
        return self._scanner.hits(norm, self._slot)

    def prepare(self) -> None:
        """Compile the automaton now rather than on the first ``find``."""
        self._scanner.prepare()


def share_scan(matchers: Iterable[PhraseMatcher[Any]]) -> None:
    """Let matchers that are all run over the same text find their hits in one pass:
    the first ``find`` on a text scans for all of them, the others read its results."""
    matchers = list(matchers)
    scanner = _Scanner([m._scanner.readings(m._slot) for m in matchers])
    scanner.prepare()
    for slot, matcher in enumerate(matchers):
        matcher._scanner, matcher._slot = scanner, slot


class _Scanner:
    """One automaton over the surfaces of one or more lexicons (slots); it remembers the
    hits of the last text it scanned, which its matchers ask for one after another."""

    def __init__(self, lexicons: list[dict[str, list[Reading]]]) -> None:
        self._lexicons: list[dict[str, list[Reading]]] | None = lexicons  # until compiled
        self._slots = len(lexicons)
        # built on first use: a matcher that joins a shared scan never compiles its own
        self._automaton: ahocorasick.Automaton | None = None
        self._last: tuple[str, list[list[Match[Any]]]] | None = None

    def readings(self, slot: int) -> dict[str, list[Reading]]:
        if self._lexicons is None:
            raise RuntimeError("share_scan must come before a matcher's first find")
        return self._lexicons[slot]

    def prepare(self) -> ahocorasick.Automaton:
        if self._automaton is None:
            self._automaton = self._build()
        return self._automaton

    def _build(self) -> ahocorasick.Automaton:
        by_surface: dict[str, list[tuple[int, list[Reading]]]] = {}
        for slot in range(self._slots):
            for surface, options in self.readings(slot).items():
                by_surface.setdefault(surface, []).append((slot, options))
        automaton = ahocorasick.Automaton()
        for surface, slots in by_surface.items():
            # every reading of a surface spans the same text, so boundaries are checked once
            automaton.add_word(surface, (len(surface), _open_end(surface), tuple(slots)))
        if by_surface:
            automaton.make_automaton()
        self._lexicons = None  # the automaton holds the readings now
        return automaton

    def hits(self, norm: str, slot: int) -> list[Match[Any]]:
        last = self._last  # one read: another thread may replace it meanwhile
        if last is None or last[0] != norm:
            last = self._last = (norm, self._scan(norm))
        return list(last[1][slot])  # a copy: callers own their list

    def _scan(self, norm: str) -> list[list[Match[Any]]]:
        automaton = self.prepare()
        found: list[list[Match[Any]]] = [[] for _ in range(self._slots)]
        if not len(automaton):
            return found
        norm, back = _without_quotes(norm)
        size = len(norm)
        word_chars = _WORD_CHARS
        for end_idx, (length, open_end, slots) in automaton.iter(norm):
            end = end_idx + 1
            if end < size and word_chars[norm[end]] and not open_end:
                continue  # most candidates are word beginnings inside a longer word
            start = end - length
            prefix = _prefix(norm, start) if start and word_chars[norm[start - 1]] else ""
            for slot, options in slots:
                hits = found[slot]
                for key, article_absorbed, payloads in options:
                    if prefix not in (ARTICLE_PROCLITICS if article_absorbed else PROCLITICS):
                        continue
                    begin = start - len(prefix) if article_absorbed else start
                    span = (begin, end) if back is None else (back[begin], back[end - 1] + 1)
                    for payload in payloads:
                        hits.append(Match(span[0], span[1], payload, key))
        return [_longest_first(hits) for hits in found]


_QUOTE = re.compile(r'"')


def _without_quotes(norm: str) -> tuple[str, list[int] | None]:
    """The text as the automaton reads it, with the index in ``norm`` of each of its
    characters: quotation marks dropped, so a quoted name is read with the word before it
    ('تنظيم "داعش"', 'بصواريخ "بركان"'); one between two letters becomes a space."""
    if '"' not in norm:
        return norm, None
    parts: list[str] = []
    back: list[int] = []
    last = 0
    for m in _QUOTE.finditer(norm):
        i = m.start()
        parts.append(norm[last:i])
        back.extend(range(last, i))
        if 0 < i < len(norm) - 1 and _WORD_CHARS[norm[i - 1]] and _WORD_CHARS[norm[i + 1]]:
            parts.append(" ")
            back.append(i)
        last = i + 1
    parts.append(norm[last:])
    back.extend(range(last, len(norm) + 1))
    return "".join(parts), back


def _open_end(surface: str) -> bool:
    """A surface ending in a lone proclitic ("تابعة ل") runs on into the next word."""
    head, _, last = surface.rpartition(" ")
    return bool(head) and last in PROCLITICS


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
