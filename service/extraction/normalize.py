"""Text -> normalized text for matching, with a map back to the submitted text.

Every function here maps one source character to zero or more output
characters, so each output character remembers the index of the source
character it came from (``Doc.offsets``); evidence spans found in the
normalized text are always reported in the submitted text's coordinates.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from service.extraction.model import Doc

# Arabic harakat, Quranic marks, superscript alef: dropped for matching.
DIACRITICS = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
)
TATWEEL = "\u0640"
# Zero-width, joiner, bidi and BOM marks that break words without being seen.
INVISIBLE = frozenset(
    ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u00ad", "\u2060"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
LETTER_FOLDS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ى": "ي",
    "ئ": "ي",
    "ی": "ي",
    "ي": "ي",
    "ؤ": "و",
    "ة": "ه",
    "ک": "ك",
}
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
PUNCTUATION_FOLDS = {
    "،": ",",
    "؛": ";",
    "؟": "?",
    "٪": "%",
    "٫": ".",
    "٬": ",",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "″": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "′": "'",
    "–": "-",
    "—": "-",
    "−": "-",
    "‐": "-",
    "‑": "-",
    "ـ": "",
}


def _digit(ch: str) -> str | None:
    for table in (ARABIC_INDIC_DIGITS, PERSIAN_DIGITS):
        i = table.find(ch)
        if i >= 0:
            return str(i)
    return None


def _fold_presentation_form(ch: str) -> str:
    """Arabic presentation forms (e.g. the lam-alef ligature) to plain letters."""
    if "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff":
        return unicodedata.normalize("NFKC", ch)
    return ch


# Per-character memos keep at most this many characters and compute the rest each time: news
# text uses a few hundred, and a client sending every code point must not grow a worker by 100 MB.
MAX_MEMO_CHARS = 1 << 16


@functools.lru_cache(maxsize=MAX_MEMO_CHARS)  # a pure function of one character
def fold_char(ch: str) -> str:
    """The normalized form of one character: '', one character, or a few."""
    if ch in DIACRITICS or ch in INVISIBLE or ch == TATWEEL:
        return ""
    digit = _digit(ch)
    if digit is not None:
        return digit
    if ch in PUNCTUATION_FOLDS:
        return PUNCTUATION_FOLDS[ch]
    if ch.isspace():
        return "\n" if ch in "\n\r\u2028\u2029" else " "
    out = []
    for c in _fold_presentation_form(ch):
        if c in DIACRITICS or c == TATWEEL:
            continue
        out.append(LETTER_FOLDS.get(c, c))
    return "".join(out).lower()


class _FoldTable(dict[int, str]):
    """``str.translate`` table of fold_char, filled as characters are met, and the set of
    characters that do not fold to exactly one character (they shift the offsets)."""

    def __init__(self) -> None:
        super().__init__()
        self.uneven: set[str] = set()

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = fold_char(ch)
        if len(folded) != 1:
            self.uneven.add(ch)  # a few hundred characters at most: marks, ligatures, invisibles
        if len(self) < MAX_MEMO_CHARS:
            self[code] = folded
        return folded

    def uneven_pattern(self) -> re.Pattern[str] | None:
        """A pattern of every uneven character met so far (None while there is none)."""
        return _char_class(frozenset(self.uneven)) if self.uneven else None


@functools.lru_cache(maxsize=4)  # the uneven set only grows, and soon stops growing
def _char_class(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


_FOLDS = _FoldTable()
# Offsets are mostly runs of consecutive indexes: slices of one shared list of them are
# copied, not built int by int. Longer texts than this build their own.
_INDEXES = list(range(1 << 14))


def _indexes(start: int, stop: int) -> list[int] | range:
    return _INDEXES[start:stop] if stop <= len(_INDEXES) else range(start, stop)


def normalize(text: str, published_at: dt.date | None = None) -> Doc:
    """Normalize ``text`` for matching and keep the map back to it."""
    norm = text.translate(_FOLDS)  # fills the table first, so the pattern below is complete
    pattern = _FOLDS.uneven_pattern()
    offsets: list[int] = []
    last = 0
    for m in pattern.finditer(text) if pattern is not None else ():
        i = m.start()
        offsets += _indexes(last, i)
        offsets += [i] * len(_FOLDS[ord(text[i])])
        last = i + 1
    offsets += _indexes(last, len(text) + 1)
    return Doc(text=text, norm=norm, offsets=offsets, published_at=published_at)


def normalize_phrase(phrase: str) -> str:
    """A lexicon entry as the matcher sees it: folded, single-spaced, trimmed."""
    return " ".join("".join(fold_char(c) for c in phrase).split())


def source_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The span of the submitted text that normalized span [start, end) came from."""
    if end <= start:
        pos = doc.offsets[start] if start < len(doc.offsets) else len(doc.text)
        return pos, pos
    return doc.offsets[start], doc.offsets[end - 1] + 1
