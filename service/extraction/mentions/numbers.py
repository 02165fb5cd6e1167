"""Numbers in normalized Arabic text: digits, number words, vague words, qualifiers, ranges.

Everything works on tokens of ``Doc.norm`` (see :func:`tokenize`): the casualty finder
asks "is there a count starting at token i?" and gets a :class:`Quantity` back. Word
lists live in ``data/casualties/`` and are read once by :func:`load_number_lexicon`.
The values returned for vague words and qualifiers follow docs/casualty-conventions.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from service.extraction.model import Count
from service.extraction.normalize import normalize, normalize_phrase

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "casualties"

# digits with thousands separators ("1,200", "1.200"), words, sentence breaks, other marks
_TOKEN = r"\d+(?:[.,]\d+)*|[^\W\d_]+|\n|[^\w\s]"
# Each token with the characters no token takes before it (spaces but the newline, _):
# findall hands out plain strings, and offsets add up from their lengths.
_GAP_AND_TOKEN = re.compile(rf"((?:[^\S\n]|_)*)({_TOKEN})")
_PROCLITICS = "وف"
_PREPOSITIONS = "بلك"
_BETWEEN = "بين"  # opens a range: "بين 10 و20"
# words that begin with و as a root letter, never a conjunction before a number
_KEEP_WAW = frozenset({"واحد", "واحده", "واحدا", "وفاه", "وفاته", "وفاتها", "وفاتهما", "وفق", "وفقا"})


class Token(NamedTuple):
    """One token of ``Doc.norm``: its text, span, and the forms it may be a clitic-bearing
    variant of (``وخمسة`` → ``خمسة``; ``للقتلى`` → ``القتلى``), the plain text first.
    A NamedTuple: an article has hundreds of tokens and tuples are the cheapest to build."""

    text: str
    start: int
    end: int
    forms: tuple[str, ...]
    conj: bool  # it carried the conjunction و (glued or as its own token before it)

    @property
    def is_digit(self) -> bool:
        return self.text[0].isdigit()

    @property
    def is_break(self) -> bool:
        return self.text in ".!?;\n:"


@lru_cache(maxsize=1 << 16)  # news vocabulary repeats: most words are seen before
def word_forms(word: str) -> tuple[str, ...]:
    """The word, then the word without proclitics و ف, ب ل ك, and لل read as ال."""
    forms = [word]
    if len(word) > 2 and word[0] in _PROCLITICS:
        forms.append(word[1:])
    for form in list(forms):
        if len(form) > 2 and form[0] in _PREPOSITIONS:
            forms.append(form[1:])
        if len(form) > 3 and form.startswith("لل"):
            forms.append("ال" + form[2:])
    return tuple(dict.fromkeys(forms))


# Token(...) runs a generated Python __new__; the article's hundreds of tokens are built
# directly as the tuples they are.
_new_token = tuple.__new__


# (forms, carries a glued conjunction و) by token text: both depend on the text alone.
# A plain dict read inline is cheaper per token than a cached function; it is emptied
# when full, as news vocabulary soon fills it again with what matters.
_SHAPES: dict[str, tuple[tuple[str, ...], bool]] = {}
_MAX_SHAPES = 1 << 16


def _remember_shape(text: str) -> tuple[tuple[str, ...], bool]:
    """The shape of a token text not met lately, kept for the next time."""
    if len(_SHAPES) >= _MAX_SHAPES:
        _SHAPES.clear()
    forms = word_forms(text) if text[0].isalpha() else (text,)
    shape = _SHAPES[text] = (forms, len(text) > 2 and text[0] == "و" and text not in _KEEP_WAW)
    return shape


def tokenize(norm: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of normalized text (or of norm[start:end], offsets kept absolute);
    a lone و is folded into the next token's ``conj``."""
    tokens: list[Token] = []
    shapes = _SHAPES
    pending_conj = False
    upto = start
    for gap, text in _GAP_AND_TOKEN.findall(norm, start, len(norm) if end is None else end):
        at = upto + len(gap)
        upto = at + len(text)
        if text == "و":
            pending_conj = True
            continue
        forms, glued = shapes.get(text) or _remember_shape(text)
        tokens.append(_new_token(Token, (text, at, upto, forms, pending_conj or glued)))
        pending_conj = False
    return tokens


# ---- lexicon -------------------------------------------------------------------------


Phrases = Mapping[str, tuple[tuple[tuple[str, ...], object], ...]]


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    """Number words (value, role), vague phrases, qualifiers; all normalized."""

    words: Mapping[str, tuple[int, str]]
    vague: Phrases  # phrase -> Count
    qualifiers: Phrases  # phrase -> "about" | "at_least" | "up_to"
    phrase_starts: frozenset[str]  # first words of the vague phrases and qualifiers


def read_rows(path: Path) -> Iterator[list[str]]:
    """Tab-separated rows of a data file, comments (#) and blank lines skipped."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            yield [cell.strip() for cell in line.split("\t")]


def phrase_table(entries: Sequence[tuple[str, object]]) -> Phrases:
    """Phrases keyed by their first word, longest first, for matching at a token."""
    table: dict[str, list[tuple[tuple[str, ...], object]]] = {}
    for phrase, payload in entries:
        words = tuple(normalize_phrase(phrase).split())
        table.setdefault(words[0], []).append((words, payload))
    return MappingProxyType(
        {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in table.items()}
    )


def match_phrase(tokens: Sequence[Token], i: int, table: Phrases) -> tuple[int, object] | None:
    """(end token index, payload) of the longest phrase starting at token i, or None.

    Only the first word may carry clitics; the rest must match exactly."""
    forms = tokens[i].forms
    if table.keys().isdisjoint(forms):  # the common case, decided in C
        return None
    for form in forms:
        for words, payload in table.get(form, ()):
            end = i + len(words)
            if end <= len(tokens) and all(
                tokens[i + k].text == w for k, w in enumerate(words[1:], start=1)
            ):
                return end, payload
    return None


def load_number_lexicon(data_dir: Path | None = None) -> NumberLexicon:
    base = data_dir or DATA_DIR
    words = {normalize_phrase(w): (int(v), role) for w, v, role in read_rows(base / "number_words.tsv")}
    vague = [(p, Count(min=int(lo), max=int(hi))) for p, lo, hi in read_rows(base / "vague.tsv")]
    quals = [(p, kind) for p, kind in read_rows(base / "qualifiers.tsv")]
    vague_table, qual_table = phrase_table(vague), phrase_table(quals)
    return NumberLexicon(
        MappingProxyType(words), vague_table, qual_table, frozenset(vague_table) | frozenset(qual_table)
    )


# ---- parsing -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count found at tokens [first, end): its value and how the text qualified it."""

    count: Count
    first: int
    end: int
    qualifier: str | None = None  # about | at_least | up_to
    vague: bool = False


def digit_value(text: str) -> int | None:
    """'18' → 18, '1,200' / '1.200' → 1200; a decimal fraction ('2.5') is not a head count."""
    parts = re.split(r"[.,]", text)
    if len(parts) == 1:
        return int(text)
    if all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3:
        return int("".join(parts))
    return None


def _word(tok: Token, lex: NumberLexicon) -> tuple[int, str] | None:
    for form in tok.forms:
        hit = lex.words.get(form)
        if hit is None and form.startswith("ال") and len(form) > 4:
            hit = lex.words.get(form[2:])  # الخمسة in "المقاتلين الخمسة"
        if hit is not None:
            return hit
    return None


def _atom(tokens: Sequence[Token], i: int, lex: NumberLexicon) -> tuple[int, int] | None:
    """(value, end) of one number group at i: 18, خمسة, ثلاثة عشر, ثلاث مئة, ثلاثة آلاف."""
    tok = tokens[i]
    if tok.is_digit:
        value = digit_value(tok.text)
        if value is None:
            return None
    else:
        hit = _word(tok, lex)
        if hit is None:
            return None
        value = hit[0]
    end = i + 1
    nxt = _word(tokens[end], lex) if end < len(tokens) and not tokens[end].conj else None
    if nxt is not None and 1 <= value <= 9 and nxt[1] in ("teen", "hundred"):
        value = value + 10 if nxt[1] == "teen" else value * 100
        end += 1
        nxt = _word(tokens[end], lex) if end < len(tokens) and not tokens[end].conj else None
    if nxt is not None and nxt[1] == "thousand" and value > 1:
        value, end = value * 1000, end + 1
    return value, end


def _exact_number(tokens: Sequence[Token], i: int, lex: NumberLexicon) -> tuple[int, int] | None:
    """A number, compound groups summed: خمسة وعشرون → 25, مئة وخمسون → 150."""
    first = _atom(tokens, i, lex)
    if first is None:
        return None
    value, end = first
    orders = {_order(value)}
    while end < len(tokens) and tokens[end].conj and not tokens[end].is_digit:
        more = _atom(tokens, end, lex)
        # each order (units, tens, hundreds, thousands) once: "ثلاثة وأربعة" is no compound
        if more is None or _order(more[0]) in orders:
            break
        orders.add(_order(more[0]))
        value, end = value + more[0], more[1]
    return value, end


def _order(value: int) -> int:
    """0 for 1-19 (a unit or teen), 1 for tens, 2 for hundreds, 3 for thousands and up."""
    return 0 if value < 20 else min(len(str(value)) - 1, 3)


def _range(tokens: Sequence[Token], i: int, lex: NumberLexicon) -> tuple[Count, int] | None:
    """بين 10 و20 / 10 إلى 20 / 10-20 / ثلاثة أو أربعة → Count(lo, hi); else one number."""
    start = i + 1 if tokens[i].text == _BETWEEN else i
    if start >= len(tokens):
        return None
    lo = _exact_number(tokens, start, lex)
    if lo is None:
        return None
    j = lo[1]
    if start > i and j < len(tokens) and tokens[j].conj:
        hi = _exact_number(tokens, j, lex)
        return (Count(min=lo[0], max=hi[0]), hi[1]) if hi and hi[0] > lo[0] else None
    if start == i and j + 1 < len(tokens) and tokens[j].text in ("او", "الى", "-", "حتى"):
        hi = _exact_number(tokens, j + 1, lex)
        if hi is not None and hi[0] > lo[0]:
            return Count(min=lo[0], max=hi[0]), hi[1]
    return (Count(min=lo[0], max=lo[0]), j) if start == i else None


def parse_number(tokens: Sequence[Token], i: int, lex: NumberLexicon) -> Quantity | None:
    """The quantity starting at token i: [qualifier] (number | range | vague word) [على الأقل]."""
    if not _may_start_quantity(tokens[i], lex):
        return None  # most tokens the casualty finder asks about are plain words
    qualifier = None
    j = i
    qual = match_phrase(tokens, i, lex.qualifiers)
    if qual is not None and qual[0] < len(tokens):
        j, qualifier = qual[0], str(qual[1])
    found = _range(tokens, j, lex)
    if found is not None:
        count, end = found
        return _with_trailing_qualifier(tokens, Quantity(count, i, end, qualifier), lex)
    vague = match_phrase(tokens, j, lex.vague)
    if vague is not None:
        count = vague[1]
        assert isinstance(count, Count)
        return Quantity(count, i, vague[0], qualifier, vague=True)
    return None


def _may_start_quantity(tok: Token, lex: NumberLexicon) -> bool:
    """Whether a quantity can start at ``tok``: the first tests parse_number makes, cheaply."""
    return (
        tok.is_digit
        or tok.text == _BETWEEN
        or not lex.phrase_starts.isdisjoint(tok.forms)
        or _word(tok, lex) is not None
    )


def _with_trailing_qualifier(tokens: Sequence[Token], q: Quantity, lex: NumberLexicon) -> Quantity:
    """"10 على الأقل": a qualifier after the number widens the span, not the count."""
    if q.end < len(tokens) and q.qualifier is None:
        qual = match_phrase(tokens, q.end, lex.qualifiers)
        if qual is not None and qual[1] == "at_least":
            return Quantity(q.count, q.first, qual[0], "at_least")
    return q


def parse_number_text(text: str, lex: NumberLexicon) -> Count | None:
    """The count a short phrase states ("ما لا يقل عن خمسة وعشرين" → 25), for tests and tools."""
    tokens = tokenize(normalize(text).norm)
    if not tokens:
        return None
    q = parse_number(tokens, 0, lex)
    return q.count if q is not None and q.end == len(tokens) else None
