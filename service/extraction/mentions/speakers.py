"""Whose statement a first-person noun is in: "قواتنا", "جنودنا" stand for the speaker.

A party's own communiqué, quoted, names its forces in the first person ("خاضت قواتنا الباسلة
معارك", "أصيب ثلاثة من جنودنا"). The speaker is the actor right after the speech verb
before the noun ("أعلنت وزارة الدفاع الصومالية"), or after an attribution that follows the
quote ('"تصدى مجاهدونا للقوة"، بحسب بيان لسرايا القدس'). The words come from
data/actor_first_person.tsv.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import msgspec

from service.extraction.lexicon import read_table
from service.extraction.model import ActorMention
from service.extraction.normalize import normalize_phrase

DATA = Path(__file__).resolve().parent.parent / "data" / "actor_first_person.tsv"
BACK_CHARS = 800  # a statement's first-person noun looks this far back for its speaker
SUBJECT_WORDS = 3  # "أعلنت وزارة الدفاع الصومالية": words from the speech verb to the actor
_WORD = re.compile(r"\w+")
# the verb goes on with the speaker named before: "وقال: «...»", "وأضاف أن", "وقال في بيان"
_NO_SUBJECT = re.compile(r"\W*(?:$|[:\"«]|ب?ان(?:ه|ها|هم)?\s|في\s+بيان)")
_SUBJECT_END = frozenset({"ان", "بان", "انه", "انها", "انهم", "في"})
_QUOTE_MARK = re.compile(r"[:\"«»]")
# an attribution after the quote ends the sentence's statement: '"..."، قال الجيش'
_CLOSE_QUOTE = re.compile(r"[\"»]")
_SENTENCE_END = re.compile(r"[.\n]")


class FirstPerson(msgspec.Struct, frozen=True):
    """data/actor_first_person.tsv, normalized."""

    forces: frozenset[str] = frozenset()  # "قواتنا", "جنودنا"
    speech: frozenset[str] = frozenset()  # "قال", "أعلنت": the actor after them speaks
    attribution: frozenset[str] = frozenset()  # "بحسب": the actor after it speaks the quote before
    same_speaker: frozenset[str] = frozenset()  # "وقال المتحدث باسم الوزارة": as named before


def read_first_person(path: Path = DATA) -> FirstPerson:
    """The file's rows by kind; ValueError on an unknown kind or a missing header."""
    rows = list(read_table(path))
    if not rows or rows[0] != ["kind", "phrase"]:
        raise ValueError(f"{path.name}: the header must be kind<TAB>phrase")
    kinds: dict[str, set[str]] = {k: set() for k in FirstPerson.__struct_fields__}
    for row in rows[1:]:
        if len(row) != 2 or row[0] not in kinds or not row[1].strip():
            raise ValueError(f"{path.name}: bad row {row!r}")
        kinds[row[0]].add(normalize_phrase(row[1]))
    return FirstPerson(**{k: frozenset(v) for k, v in kinds.items()})


def speaker(norm: str, mentions: list[ActorMention], start: int, end: int, lex: FirstPerson) -> str | None:
    """The actor whose statement the first-person noun at [start, end) is in; None when the
    statement's speaker names no actor ("وقال محافظ مأرب إن قواتنا")."""
    after = _attributed_after(norm, mentions, end, lex)
    return after if after is not None else _speaker_before(norm, mentions, start, lex)


def _speaker_before(norm: str, mentions: list[ActorMention], start: int, lex: FirstPerson) -> str | None:
    """The subject of the last speech verb before the noun; when that verb has none or one
    standing for a speaker named before ("وقال المتحدث باسم الوزارة في بيان:"), the speaker of
    the statement before it."""
    floor = max(0, start - BACK_CHARS)
    verbs = [w for w in _WORD.finditer(norm, floor, start) if _bare(w[0]) in lex.speech]
    for verb in reversed(verbs):
        words = _subject_words(norm, verb.end(), start)
        subject = _actor_in(mentions, verb.end(), words)
        if subject is not None:
            return subject
        continues = _NO_SUBJECT.match(norm, verb.end()) or (words and _bare(words[0][0]) in lex.same_speaker)
        if not continues:
            return None
    return None


def _attributed_after(norm: str, mentions: list[ActorMention], end: int, lex: FirstPerson) -> str | None:
    """ '"تصدى مجاهدونا للقوة المتوغلة"، بحسب بيان لسرايا القدس': past the closing quote, in
    the same sentence, a speech verb or an attribution names the speaker."""
    stop = _SENTENCE_END.search(norm, end)
    limit = stop.start() if stop else len(norm)
    closing = _CLOSE_QUOTE.search(norm, end, limit)
    if closing is None:
        return None
    for w in _WORD.finditer(norm, closing.end(), limit):
        if _bare(w[0]) in lex.speech or _bare(w[0]) in lex.attribution:
            return _actor_in(mentions, w.end(), _subject_words(norm, w.end(), limit))
    return None


def _actor_in(mentions: list[ActorMention], a: int, words: list[re.Match[str]]) -> str | None:
    """The actor among a speech verb's subject ``words`` (from ``a``); the last one, as in
    "وزارة الدفاع الصومالية" the adjective, not the generic "وزارة الدفاع", names it."""
    if not words:
        return None
    found = [m for m in mentions if a <= m.start < words[-1].end()]
    return found[-1].actor_id if found else None


def _subject_words(norm: str, a: int, b: int) -> list[re.Match[str]]:
    """The words of a speech verb's subject: a few, up to أن, في or a colon or quote."""
    words = []
    for w in itertools.islice(_WORD.finditer(norm, a, b), SUBJECT_WORDS):
        if w[0] in _SUBJECT_END or _QUOTE_MARK.search(norm, a, w.start()):
            break
        words.append(w)
    return words


def _bare(word: str) -> str:
    """The word without a conjunction: "وقال" -> "قال"."""
    return word[1:] if word[:1] in "وف" and len(word) > 3 else word
