"""Actor mentions: the actor catalog (data/actors.tsv) and the finder over Doc.norm.

The catalog is read once into a frozen ``ActorCatalog`` and passed in; nothing
here keeps state between calls. Forms (see data/README.md, "## actors.tsv"):

- ``name``: the text names the actor ("الحشد الشعبي", "سنتكوم").
- ``adjective``: a nisba ("أمريكية") that names an actor only when it qualifies
  a military or attack noun; the assembler decides where it counts.
- ``generic``: a name whose actor depends on the incident's country ("الجيش",
  "الشرطة", "التحالف"); reported with ``form="name"`` and a ``generic-*`` id
  that ``ActorCatalog.resolve_generic`` maps to an actor by country.
- ``stop``: phrases that are not actors but contain actor variants
  ("واشنطن بوست"); they hide the shorter hits and are never reported.
"""

from __future__ import annotations

import csv
from bisect import bisect_left, insort
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from types import MappingProxyType
from typing import Literal

import msgspec

from service.extraction.lexicon import Match, PhraseMatcher
from service.extraction.mentions.speakers import FirstPerson, read_first_person, speaker
from service.extraction.model import Actor, ActorMention, Doc
from service.extraction.normalize import normalize_phrase

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ACTORS_PATH = DATA_DIR / "actors.tsv"
CONTRACT_IDS_PATH = DATA_DIR / "contract_actor_ids.txt"
GENERIC_PATH = DATA_DIR / "generic_actors.tsv"
ARMY = "generic-army"
ANAPHORA_PATH = DATA_DIR / "actor_anaphora.tsv"
ANAPHOR = "anaphor"  # the matcher's form for a noun standing for a group named before
FIRST_PERSON = "first-person"  # the matcher's form for "قواتنا": the speaker's own forces
_START = attrgetter("start")

Form = Literal["name", "adjective", "generic", "stop"]
FORMS: frozenset[str] = frozenset({"name", "adjective", "generic", "stop"})
COLUMNS = ("id", "name", "name_ar", "form", "variants")
VARIANT_SEPARATOR = "|"
SHARED_MARK = "#! shared:"
STOP_ID = "-"
MIN_VARIANTS = 3
# Which hit wins an overlap: any name-like form beats an adjective; then the longer one.
FORM_RANK: Mapping[str, int] = MappingProxyType(
    {"name": 0, "generic": 0, "stop": 0, "adjective": 1, ANAPHOR: 1, FIRST_PERSON: 1}
)


class CatalogError(ValueError):
    """The actor catalog or one of its companion files is malformed."""


class ActorRow(msgspec.Struct, frozen=True):
    """One row of actors.tsv; ``variants`` as written in the file."""

    id: str
    name: str
    name_ar: str
    form: str
    variants: tuple[str, ...]
    line: int


# ---- reading the data files -------------------------------------------------------------


def _data_lines(path: Path) -> list[tuple[int, str]]:
    """Non-blank, non-comment lines with their 1-based line numbers."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, s) for n, s in enumerate(lines, 1) if s.strip() and not s.lstrip().startswith("#")]


def _tsv_records(path: Path, columns: tuple[str, ...]) -> list[tuple[int, list[str]]]:
    """Rows of a tab-separated file with a header equal to ``columns``."""
    lines = _data_lines(path)
    if not lines or tuple(lines[0][1].split("\t")) != columns:
        raise CatalogError(f"{path.name}: the header must be the columns {columns}, tab-separated")
    records = []
    for n, fields in zip(
        (n for n, _ in lines[1:]), csv.reader((s for _, s in lines[1:]), delimiter="\t"), strict=True
    ):
        if len(fields) != len(columns):
            raise CatalogError(f"{path.name}:{n}: expected {len(columns)} columns, found {len(fields)}")
        records.append((n, [f.strip() for f in fields]))
    return records


def read_actor_rows(path: Path = ACTORS_PATH) -> list[ActorRow]:
    """Every row of actors.tsv, unvalidated."""
    return [
        ActorRow(
            id=r[0],
            name=r[1],
            name_ar=r[2],
            form=r[3],
            line=n,
            variants=tuple(v.strip() for v in r[4].split(VARIANT_SEPARATOR) if v.strip()),
        )
        for n, r in _tsv_records(path, COLUMNS)
    ]


def read_shared_variants(path: Path = ACTORS_PATH) -> frozenset[str]:
    """Variants declared as intentionally shared by two actors ("#! shared: X")."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(normalize_phrase(s.split(":", 1)[1]) for s in lines if s.startswith(SHARED_MARK))


def read_contract_ids(path: Path = CONTRACT_IDS_PATH) -> list[str]:
    """The actor ids the incident contract requires."""
    return [s.strip() for _, s in _data_lines(path)]


def read_generic_table(path: Path = GENERIC_PATH) -> dict[tuple[str, str], str]:
    """(generic id, country) -> actor id."""
    records = _tsv_records(path, ("generic_id", "country", "actor_id"))
    return {(r[0], r[1].upper()): r[2] for _, r in records}


def read_anaphora(path: Path = ANAPHORA_PATH) -> dict[str, tuple[str, ...]]:
    """Normalized noun -> the actor ids it may stand for."""
    records = _tsv_records(path, ("noun", "actor_ids"))
    return {normalize_phrase(r[0]): tuple(i.strip() for i in r[1].split(",")) for _, r in records}


# ---- validation -----------------------------------------------------------------------


def _row_problems(row: ActorRow) -> list[str]:
    where = f"actors.tsv:{row.line} ({row.id})"
    problems = []
    if row.form not in FORMS:
        problems.append(f"{where}: unknown form {row.form!r}")
    if not row.variants:
        problems.append(f"{where}: no variants")
    if row.form != "stop" and not (row.name and row.name_ar):
        problems.append(f"{where}: empty English or Arabic name")
    keys = [normalize_phrase(v) for v in row.variants]
    if "" in keys:
        problems.append(f"{where}: a variant normalizes to nothing")
    if len(set(keys)) != len(keys):
        problems.append(f"{where}: a variant is listed twice (after normalization)")
    return problems


def _catalog_problems(rows: list[ActorRow], required_ids: Iterable[str]) -> list[str]:
    problems: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    names: dict[str, tuple[str, str]] = {}
    for row in rows:
        key, label = (row.id, row.form), (row.name, row.name_ar)
        if key in seen:
            problems.append(f"actors.tsv:{row.line}: {key} repeats line {seen[key]}")
        seen[key] = row.line
        if row.form != "stop" and names.setdefault(row.id, label) != label:
            problems.append(f"actors.tsv:{row.line}: {row.id} has two different names")
    for actor_id in required_ids:
        named = [r for r in rows if r.id == actor_id and r.form == "name"]
        distinct = {normalize_phrase(v) for r in named for v in r.variants}
        if len(distinct) < MIN_VARIANTS:
            problems.append(f"contract actor {actor_id}: {len(distinct)} name variants, need {MIN_VARIANTS}")
    return problems


def _shared_problems(rows: list[ActorRow], shared_ok: frozenset[str]) -> list[str]:
    owner: dict[str, str] = {}
    problems = []
    for row in rows:
        for key in {normalize_phrase(v) for v in row.variants}:
            first = owner.setdefault(key, row.id)
            if first != row.id and key not in shared_ok:
                problems.append(f"variant {key!r} belongs to both {first} and {row.id}")
    return problems


def validate_actor_rows(
    rows: list[ActorRow], required_ids: Iterable[str], shared_ok: frozenset[str] = frozenset()
) -> list[str]:
    """Every problem in the catalog; an empty list means it is sound.

    Checks: known forms, unique (id, form), one English/Arabic name per id,
    non-empty variants, every contract id present with at least three
    distinct ``name`` variants, no variant owned by two actors unless
    declared shared.
    """
    problems = [p for row in rows for p in _row_problems(row)]
    problems += _catalog_problems(rows, required_ids)
    problems += _shared_problems(rows, shared_ok)
    return problems


# ---- the catalog -----------------------------------------------------------------------


Payload = tuple[str, str]  # (actor id, form)


@dataclass(frozen=True, slots=True)
class ActorCatalog:
    """The actor catalog, built once by ``load_actor_catalog`` and shared read-only."""

    by_id: Mapping[str, Actor]
    generic: Mapping[tuple[str, str], str]
    matcher: PhraseMatcher
    anaphora: Mapping[str, tuple[str, ...]]  # normalized noun -> the ids it may stand for
    army_of: Mapping[str, str]  # actor id -> the one country whose army ("الجيش") it is
    first_person: FirstPerson = field(default_factory=FirstPerson)

    def actors(self) -> list[Actor]:
        """One Actor per real actor id (not generic names), sorted by id."""
        return [a for k, a in sorted(self.by_id.items()) if not self.is_generic(k)]

    def get(self, actor_id: str) -> Actor:
        """The actor with this id; KeyError when the catalog has none."""
        return self.by_id[actor_id]

    def is_generic(self, actor_id: str) -> bool:
        """Whether the id stands for a country-dependent name ("الجيش")."""
        return actor_id.startswith("generic-")

    def countries_named(self, mentions: list[ActorMention]) -> frozenset[str]:
        """The countries whose own army the text names ("الجيش اللبناني" names Lebanon)."""
        return frozenset(c for m in mentions if (c := self.army_of.get(m.actor_id)) is not None)

    def resolve_generic(self, actor_id: str, country: str | None) -> Actor | None:
        """The actor a generic name denotes in ``country``; None when unknown."""
        if not self.is_generic(actor_id):
            return self.by_id.get(actor_id)
        target = self.generic.get((actor_id, (country or "").upper()))
        return self.by_id.get(target) if target else None


def _check(rows: list[ActorRow], path: Path, generic: Mapping[tuple[str, str], str]) -> None:
    problems = validate_actor_rows(rows, read_contract_ids(), read_shared_variants(path))
    ids = {r.id for r in rows}
    problems += [
        f"generic_actors.tsv: unknown id in {k} -> {v}"
        for k, v in generic.items()
        if k[0] not in ids or v not in ids
    ]
    if problems:
        raise CatalogError("; ".join(problems[:10]))


def load_actor_catalog(path: Path | None = None) -> ActorCatalog:
    """Read, validate and compile the catalog; raises CatalogError when it is unsound."""
    path = path or ACTORS_PATH
    rows = read_actor_rows(path)
    generic = read_generic_table()
    anaphora = read_anaphora()
    try:
        first_person = read_first_person()
    except ValueError as e:
        raise CatalogError(str(e)) from e
    _check(rows, path, generic)
    by_id = {r.id: Actor(id=r.id, name=r.name, name_ar=r.name_ar) for r in rows if r.form != "stop"}
    if unknown := sorted({i for ids in anaphora.values() for i in ids} - by_id.keys()):
        raise CatalogError(f"actor_anaphora.tsv: unknown ids {unknown}")
    entries = [(v, (r.id, r.form)) for r in rows for v in r.variants]
    entries += [(noun, (noun, ANAPHOR)) for noun in anaphora]
    entries += [(noun, (noun, FIRST_PERSON)) for noun in first_person.forces]
    return ActorCatalog(
        by_id=MappingProxyType(by_id),
        generic=MappingProxyType(generic),
        matcher=PhraseMatcher(entries),
        anaphora=MappingProxyType(anaphora),
        army_of=MappingProxyType(_army_of(generic)),
        first_person=first_person,
    )


def _army_of(generic: Mapping[tuple[str, str], str]) -> dict[str, str]:
    """actor id -> country, for an actor that is the army of one country only (generic_actors.tsv:
    "الجيش" in Lebanon is lebanon-forces; israel-forces is the army in Israel and Palestine)."""
    countries: dict[str, set[str]] = {}
    for (generic_id, country), actor_id in generic.items():
        if generic_id == ARMY:
            countries.setdefault(actor_id, set()).add(country)
    return {actor_id: next(iter(cs)) for actor_id, cs in countries.items() if len(cs) == 1}


# ---- finding ----------------------------------------------------------------------------


def resolve_overlaps(hits: list[Match], rank: Mapping[str, int] | None = None) -> list[Match]:
    """Non-overlapping hits: better-ranked form first, then longer; equal spans may co-exist.

    ``rank`` maps a payload's second element (the form) to a priority, lower
    winning; without it only length counts. Two hits on one span are both kept
    when they share the form (a variant shared by two actors). Returns hits in
    text order.
    """

    def key(m: Match) -> tuple[int, int, int]:
        form_rank = rank.get(m.payload[1], 0) if rank else 0
        return form_rank, -(m.end - m.start), m.start

    starts: list[int] = []  # starts of the kept spans, sorted; the spans never overlap
    spans: dict[int, tuple[int, object]] = {}  # start -> (end, form)
    kept: list[Match] = []
    for m in sorted(hits, key=key):
        if _fits(m, starts, spans):
            if m.start not in spans:
                insort(starts, m.start)
                spans[m.start] = (m.end, m.payload[1:])
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))


def _fits(m: Match, starts: list[int], spans: dict[int, tuple[int, object]]) -> bool:
    """Whether ``m`` overlaps no kept span, or repeats one with the same form."""
    if m.start in spans:
        return spans[m.start] == (m.end, m.payload[1:])
    i = bisect_left(starts, m.start)
    before_ok = i == 0 or spans[starts[i - 1]][0] <= m.start
    after_ok = i == len(starts) or m.end <= starts[i]
    return before_ok and after_ok


def find_actors(doc: Doc, catalog: ActorCatalog) -> list[ActorMention]:
    """Actor mentions in ``doc.norm``, in text order.

    Overlaps resolve to one reading: a name over an adjective, then the
    longest. Generic names come back with ``form="name"`` and their
    ``generic-*`` id; stop phrases are dropped.
    """
    hits = resolve_overlaps(catalog.matcher.find(doc.norm), FORM_RANK)
    mentions: list[ActorMention] = []
    first_person = []
    for m in hits:
        actor_id, form = m.payload
        if form == FIRST_PERSON:
            first_person.append(m)
            continue
        if form == ANAPHOR:
            actor_id = _antecedent(mentions, catalog.anaphora[actor_id])
        if form == "stop" or actor_id is None:
            continue
        form = "adjective" if form == "adjective" else "name"
        mentions.append(ActorMention(start=m.start, end=m.end, actor_id=actor_id, form=form))
    # "قواتنا" is the speaker's, who may be named after the quote: resolved once all are found
    for m in first_person:
        actor_id = speaker(doc.norm, mentions, m.start, m.end, catalog.first_person)
        if actor_id is not None:
            mention = ActorMention(start=m.start, end=m.end, actor_id=actor_id, form="name")
            insort(mentions, mention, key=_START)
    return _without_qualified_generics(doc.norm, mentions)


def _antecedent(before: list[ActorMention], ids: tuple[str, ...]) -> str | None:
    """The group of the noun's kind named last ("وقالت الحركة" after "حركة الشباب")."""
    return next((m.actor_id for m in reversed(before) if m.actor_id in ids and m.form == "name"), None)


def _without_qualified_generics(norm: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """ "جندي تركي", "الشرطة الإسرائيلية": a nationality right after a generic noun says whose
    forces they are, so the generic (the incident country's forces) is dropped for it."""
    out = []
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        qualified = (
            nxt is not None and nxt.form == "adjective" and m.actor_id.startswith("generic-")
            and not norm[m.end : nxt.start].strip()
        )
        if not qualified:
            out.append(m)
    return out
