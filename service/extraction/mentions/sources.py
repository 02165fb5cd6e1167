"""Source mentions: agencies and outlets an article attributes information to.

The lexicon (data/sources.tsv) maps Arabic variants to one canonical English
name per source. Variants marked "~" are also ordinary words or places
("الجزيرة" the region, "العربية" the adjective, "فارس" a first name): they
count only where the text attributes something to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from service.extraction.lexicon import Match, PhraseMatcher
from service.extraction.mentions.actors import (
    DATA_DIR,
    VARIANT_SEPARATOR,
    CatalogError,
    resolve_overlaps,
)
from service.extraction.model import Doc, SourceMention
from service.extraction.normalize import normalize_phrase

SOURCES_PATH = DATA_DIR / "sources.tsv"
WEAK_MARK = "~"
# Words after which a weak variant is being cited: verbs of saying, "according to", outlet nouns.
ATTRIBUTION_CUES = frozenset(
    normalize_phrase(w)
    for w in (
        "قال",
        "قالت",
        "ذكر",
        "ذكرت",
        "أفاد",
        "أفادت",
        "أورد",
        "أوردت",
        "نقل",
        "نقلت",
        "نقلا",
        "أكد",
        "أكدت",
        "أضاف",
        "أضافت",
        "صرح",
        "صرحت",
        "أوضح",
        "أوضحت",
        "كشف",
        "كشفت",
        "أبلغ",
        "أبلغت",
        "نشر",
        "نشرت",
        "بث",
        "بثت",
        "بحسب",
        "حسب",
        "وفق",
        "وفقا",
        "طبقا",
        "وكالة",
        "قناة",
        "صحيفة",
        "موقع",
        "شبكة",
        "مراسل",
        "مراسلة",
        "تلفزيون",
        "إذاعة",
        "منصة",
        "الأنباء",
        "لـ",
        "ل",
    )
)
CLITIC_LETTERS = frozenset("وفبل")
OPENERS = frozenset("([-/:")
CLOSERS = frozenset(")]:")


@dataclass(frozen=True, slots=True)
class SourceLexicon:
    """Compiled sources.tsv: one variant matcher and the canonical names they yield."""

    matcher: PhraseMatcher
    names: tuple[str, ...]


def read_source_rows(path: Path = SOURCES_PATH) -> list[tuple[str, list[str]]]:
    """(canonical name, variants as written) for every row of sources.tsv."""
    lines = [s for s in path.read_text(encoding="utf-8").splitlines() if s.strip() and not s.startswith("#")]
    if not lines or lines[0].split("\t") != ["name", "variants"]:
        raise CatalogError("sources.tsv: the header must be 'name<TAB>variants'")
    rows = []
    for line in lines[1:]:
        name, _, variants = line.partition("\t")
        parts = [v.strip() for v in variants.split(VARIANT_SEPARATOR) if v.strip()]
        if not name.strip() or not parts:
            raise CatalogError(f"sources.tsv: incomplete row {line!r}")
        rows.append((name.strip(), parts))
    return rows


def load_source_lexicon(path: Path | None = None) -> SourceLexicon:
    """Read and compile sources.tsv once."""
    rows = read_source_rows(path or SOURCES_PATH)
    entries = [(v.removeprefix(WEAK_MARK), (name, v.startswith(WEAK_MARK))) for name, vs in rows for v in vs]
    return SourceLexicon(matcher=PhraseMatcher(entries), names=tuple(name for name, _ in rows))


def _previous_word(norm: str, pos: int) -> tuple[str, str]:
    """The word before ``pos`` and the non-space character just before ``pos``."""
    i = pos
    while i > 0 and norm[i - 1] == " ":
        i -= 1
    before = norm[i - 1] if i > 0 else ""
    j = i
    while j > 0 and norm[j - 1].isalnum():
        j -= 1
    return norm[j:i], before


def _is_cue(word: str) -> bool:
    """A cue word, possibly carrying up to two proclitics (وذكرت، لوكالة)."""
    return any(word[k:] in ATTRIBUTION_CUES and set(word[:k]) <= CLITIC_LETTERS for k in range(3))


def _attributed(norm: str, m: Match, word_start: int) -> bool:
    """Whether a weak hit sits where the text cites a source."""
    if norm[word_start : m.start].endswith("ل") or norm[m.start : m.start + 2] == "لل":
        return True
    word, before = _previous_word(norm, word_start)
    after = norm[m.end :].lstrip(" ")[:1]
    return before in OPENERS or after in CLOSERS or _is_cue(word)


def _word_start(norm: str, pos: int) -> int:
    while pos > 0 and norm[pos - 1].isalnum():
        pos -= 1
    return pos


def find_sources(doc: Doc, lex: SourceLexicon) -> list[SourceMention]:
    """Every citation of a known source in ``doc.norm``, in text order."""
    mentions = []
    for m in resolve_overlaps(lex.matcher.find(doc.norm)):
        name, weak = m.payload
        if weak and not _attributed(doc.norm, m, _word_start(doc.norm, m.start)):
            continue
        mentions.append(SourceMention(start=m.start, end=m.end, name=name))
    return mentions


def source_names(mentions: list[SourceMention]) -> list[str]:
    """Distinct canonical names in first-mention order (for ``sources_cited``)."""
    return list(dict.fromkeys(m.name for m in mentions))
