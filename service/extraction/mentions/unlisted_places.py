"""Places the gazetteer does not list, named after a word that says what they are.

"قرب بلدة كفرنوران في ريف حلب الغربي", "في منطقة وادي الشاي جنوبي كركوك": the village or
district is the event's most specific place, though no offline source lists it. It is kept
as written, inside the listed place that locates it (the place named right after it, or
else the last one named before it), whose country, governorate and coordinates it borrows:
its precision is that place's, so a client sees the coordinates are approximate. Once the
text has said a name is a place, the name alone is that place too ("في محيط جمامة").

The word lists are in ``data/unlisted_places.tsv`` (roles described there).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

import msgspec

from service.extraction.mentions.places import PlaceMention, SpanIndex, named_elsewhere
from service.extraction.model import Doc
from service.extraction.normalize import normalize_phrase
from service.extraction.resolve.places import Gazetteer, Place, precision_of

DATA = Path(__file__).resolve().parent.parent / "data" / "unlisted_places.tsv"
ROLES = frozenset({"settlement", "settlements", "site", "area", "feature", "head", "link", "stop"})
TEXT_SOURCE = "text"  # Place.source of a place named only by the text
CUE_KINDS = {"settlement": "locality", "settlements": "locality", "site": "site", "area": "locality",
             "feature": "locality"}
_CUE_PROCLITICS = r"(?:[وف]?[بل]?)"
_WORD = re.compile(r"[^\W\d_]+")
_SPACE = re.compile(r"[ \t]+")
_ARTICLE_CLITICS = ("بال", "لل", "وال", "فال", "كال")
_MAX_LINK_WORDS = 5
_MAX_CLAUSE_WORDS = 8
_CLAUSE_END = re.compile(r"[،,.؛;:!?؟\n]")
_LIST_LINK = re.compile(r"\s*(?:[،,]\s*(?:و\s*)?|و)")  # "قرى X، Y وZ"
_MAX_NAMES = 6  # names in one list ("قرى X وY وZ")

Span = tuple[int, int]


NOTHING_TAKEN = SpanIndex([])
# cues after which, with no listed place after the name, the last one before it locates it
_LOOKS_BACK = frozenset({"settlement", "settlements", "site"})


class UnlistedPlaceLexicon(msgspec.Struct, frozen=True):
    """The cue words (normalized form -> role) and the word sets that bound a name."""

    cues: dict[str, str]
    heads: frozenset[str]
    links: frozenset[str]
    stops: frozenset[str]
    pattern: re.Pattern[str]


def load_unlisted_place_lexicon(path: Path = DATA) -> UnlistedPlaceLexicon:
    words: dict[str, set[str]] = {role: set() for role in ROLES}
    with path.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.reader(f, delimiter="\t"), 1):
            if not row or row[0].startswith("#"):
                continue
            if len(row) != 2 or row[0] not in ROLES or not row[1].strip():
                raise ValueError(f"{path.name}:{n}: expected 'role<TAB>form' with a known role, got {row}")
            words[row[0]].add(normalize_phrase(row[1]))
    cues = {w: role for role in CUE_KINDS for w in words[role]}
    alternatives = "|".join(sorted(map(re.escape, cues), key=len, reverse=True))
    return UnlistedPlaceLexicon(
        cues=cues,
        heads=frozenset(words["head"]),
        links=frozenset(words["link"]),
        stops=frozenset(words["stop"]),
        pattern=re.compile(rf"(?<!\w){_CUE_PROCLITICS}(?P<cue>{alternatives})[ \t]+"),
    )


def add_unlisted(
    doc: Doc,
    lex: UnlistedPlaceLexicon,
    listed: Sequence[PlaceMention],
    taken: Sequence[Span],
    gazetteer: Gazetteer,
) -> list[PlaceMention]:
    """The listed places and, in text order with them, the unlisted ones; a listed name
    inside an unlisted one ("صيدا" in "ناحية أبي صيدا") is no place of its own."""
    ordered = sorted(listed, key=lambda p: p.start)
    busy = SpanIndex([*taken, *((p.start, p.end) for p in ordered)])
    unlisted = _find_unlisted(doc, lex, ordered, busy, gazetteer)
    spans = [(u.start, u.end) for u in unlisted]
    kept = [p for p in ordered if not any(s <= p.start and p.end <= e for s, e in spans)]
    return sorted([*kept, *unlisted], key=lambda p: p.start)


def _find_unlisted(
    doc: Doc, lex: UnlistedPlaceLexicon, listed: list[PlaceMention], busy: SpanIndex, gazetteer: Gazetteer
) -> list[PlaceMention]:
    """Names after a cue word that are no gazetteer place and no other mention, each placed
    inside the listed place that locates it; none where no listed place does."""
    norm = doc.norm
    found: list[PlaceMention] = []
    for cue in lex.pattern.finditer(norm):
        role = lex.cues[cue["cue"]]
        parsed = _names(norm, cue.end(), lex, busy, several=role == "settlements")
        if role == "feature" and parsed:  # "وادي حوران": the word is part of the name
            parsed = [(cue.start("cue"), parsed[0][1])]
        names = [n for n in parsed if not gazetteer.lookup(norm[n[0] : n[1]])]
        if not names:
            continue
        anchor = _anchor_after(norm, parsed[-1][1], listed, lex, strict=role == "area")
        if anchor is None and role in _LOOKS_BACK:
            anchor = _anchor_before(norm, cue.start(), listed)
        if anchor is None or (role == "area" and anchor.place.kind == "country"):
            continue
        elsewhere = named_elsewhere(norm, cue.start()) or anchor.elsewhere
        found += [_mention(doc, n, CUE_KINDS[role], anchor.place, elsewhere) for n in names]
    found = list({(m.start, m.end): m for m in found}.values())  # a feature cue after an area cue
    return found + _named_again(doc, found, busy)


_MIN_REPEAT_CHARS = 4  # a shorter name is too likely a word


def _named_again(doc: Doc, found: list[PlaceMention], busy: SpanIndex) -> list[PlaceMention]:
    """ "بلدة جمامة ... في محيط جمامة": a name the text has said is a place is that place
    wherever else it names it, with no cue word."""
    norm = doc.norm
    by_name = {norm[m.start : m.end]: m for m in found}
    by_name = {name: m for name, m in by_name.items() if len(name) >= _MIN_REPEAT_CHARS}
    if not by_name:
        return []
    names = "|".join(map(re.escape, sorted(by_name, key=len, reverse=True)))
    taken = SpanIndex([(m.start, m.end) for m in found])
    out = []
    for hit in re.finditer(rf"(?<!\w){_CUE_PROCLITICS}(?P<name>{names})(?!\w)", norm):
        span = hit.span("name")
        if not (busy.overlaps(span) or taken.overlaps(span)):
            first = by_name[hit["name"]]
            elsewhere = named_elsewhere(norm, span[0])
            out.append(msgspec.structs.replace(first, start=span[0], end=span[1], elsewhere=elsewhere))
    return out


def _names(norm: str, pos: int, lex: UnlistedPlaceLexicon, busy: SpanIndex, several: bool) -> list[Span]:
    """The name starting at ``pos`` and, after a plural cue, the names listed with it."""
    names: list[Span] = []
    while (name := _name(norm, pos, lex, busy)) is not None:
        names.append(name)
        if not several or len(names) == _MAX_NAMES:
            break
        link = _LIST_LINK.match(norm, name[1])
        if link is None:
            break
        pos = link.end()
    return names


def _name(norm: str, pos: int, lex: UnlistedPlaceLexicon, busy: SpanIndex) -> Span | None:
    """One or two words of a name: a head word and the word after it ("عين عيسى"), or a word
    and its article-bearing second ("عيتا الشعب"); None if the first word names nothing."""
    first = _word_at(norm, pos)
    if first is None or not _may_name(norm, first, lex, busy):
        return None
    head = norm[first[0] : first[1]] in lex.heads
    if norm.startswith("و", first[0]) and not head:
        return None  # "بلدات ومدنا": a conjunction, not a name
    second = _word_at(norm, first[1])
    if head:  # "أبي صيدا" is no Saida: the head word makes one name of both
        if second is None or not _may_name(norm, second, lex, NOTHING_TAKEN):
            return None
        third = _word_at(norm, second[1])
        if norm[second[0] : second[1]] in lex.heads and third and _may_name(norm, third, lex, busy):
            return first[0], third[1]
        return first[0], second[1]
    if second is None or not _may_name(norm, second, lex, busy):
        return first
    if norm.startswith("ال", second[0]) and second[1] - second[0] > 3:
        return first[0], second[1]
    return first


def _word_at(norm: str, pos: int) -> Span | None:
    """The word starting at ``pos`` after blanks only (punctuation or a new line ends a name)."""
    space = _SPACE.match(norm, pos)
    word = _WORD.match(norm, space.end() if space else pos)
    return (word.start(), word.end()) if word else None


def _may_name(norm: str, word: Span, lex: UnlistedPlaceLexicon, busy: SpanIndex) -> bool:
    text = norm[word[0] : word[1]]
    if len(text) < 2 or text in lex.stops or text in lex.cues or text.startswith(_ARTICLE_CLITICS):
        return False
    if text.startswith("و") and text[1:] in lex.stops:
        return False
    return not busy.overlaps(word)


def _anchor_after(
    norm: str, end: int, listed: Sequence[PlaceMention], lex: UnlistedPlaceLexicon, strict: bool
) -> PlaceMention | None:
    """The listed place next after the name in the same clause; if ``strict``, past locating
    words only ("في ريف", "جنوبي مدينة", "بمديرية")."""
    after = next((p for p in listed if p.start >= end), None)
    if after is None:
        return None
    gap = norm[end : after.start]
    words = gap.split()
    if strict:
        return after if len(words) <= _MAX_LINK_WORDS and all(_is_link(w, lex) for w in words) else None
    return after if len(words) <= _MAX_CLAUSE_WORDS and not _CLAUSE_END.search(gap) else None


def _is_link(word: str, lex: UnlistedPlaceLexicon) -> bool:
    """A locating word, maybe behind و ب ل ("بمديرية", "لقضاء"), or a clitic of the place."""
    bare = word.removeprefix("و")
    if bare in ("", "ب", "ل") or bare in lex.links:
        return True
    return bare[:1] in ("ب", "ل") and bare[1:] in lex.links


def _anchor_before(norm: str, start: int, listed: Sequence[PlaceMention]) -> PlaceMention | None:
    """The last listed place named before ``start`` in the same paragraph."""
    before = (p for p in reversed(listed) if p.end <= start and not p.elsewhere)
    last = next(before, None)
    return last if last is not None and "\n" not in norm[last.end : start] else None


def _mention(doc: Doc, name: Span, kind: str, anchor: Place, elsewhere: bool) -> PlaceMention:
    start, end = name
    written = doc.text[doc.offsets[start] : doc.offsets[end - 1] + 1]
    within = anchor.admin1 or anchor.country
    place = Place(
        id=f"{TEXT_SOURCE}:{doc.norm[start:end]}@{within}",
        kind=kind,
        country=anchor.country,
        admin1=anchor.admin1,
        admin2=anchor.id if anchor.kind == "admin2" else anchor.admin2,
        name="",
        name_ar=written,
        variants=(),
        lat=anchor.lat,
        lon=anchor.lon,
        population=None,
        geonameid=None,
        source=TEXT_SOURCE,
        precision=precision_of(anchor),
    )
    return PlaceMention(start=start, end=end, place=place, elsewhere=elsewhere)
