"""Event triggers: the words that state a violent event, and the cues that unsay it.

Two data files (format in ``data/README.md``): ``triggers.tsv`` maps a phrase to an
ACLED sub-event type, weapons and a strength; ``event_filters.tsv`` lists cue words
(negation, future, threat, hypothetical, figurative, aggregate, statement) with how far
they reach. Both go through ``normalize_phrase`` at load time and are matched on
``Doc.norm`` with the clitic-aware ``PhraseMatcher``.

A cue acts on a trigger only inside the trigger's clause. Clauses end at ``. ! ? ;``,
a newline, and a comma followed by a word starting with the conjunctions و or ف
("..., وقال"), or before فيما / بينما / في حين / حيث.

Generic attack words (هجوم، استهداف، قصف، ضرب...) come out as ``attack`` with no weapon
and a low strength; the assembler upgrades them from a weapon trigger in the same
clause (see ``is_generic`` and ``clause_bounds``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Literal, NamedTuple, TypeVar, get_args

import msgspec

from service.extraction.lexicon import Match, PhraseMatcher
from service.extraction.model import Doc, SubEventType, Trigger, Weapon
from service.extraction.normalize import normalize_phrase
from service.extraction.resolve.protests import ARRESTS, is_protest
from service.extraction.segment import bounded_ends

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CueKind = Literal[
    "negation",
    "future",
    "threat",
    "hypothetical",
    "figurative",
    "object",
    "aggregate",
    "reaction",
    "statement",
    "rally",
    "crowd",
    "report",
    "violence",
    "keep",
    "auxiliary",
    "pluperfect",
    "another",
]
# The order in which filters are tried; the first that applies names the reason.
FILTER_ORDER: tuple[CueKind, ...] = (
    "negation",
    "future",
    "threat",
    "hypothetical",
    "figurative",
    "object",
    "aggregate",
    "reaction",
    "statement",
    "rally",
    "crowd",
)
SUB_EVENT_TYPES = frozenset(get_args(SubEventType))
WEAPONS = frozenset(get_args(Weapon))
CUE_KINDS = frozenset(get_args(CueKind))
TAGS = frozenset({"plural", "mutual"})
# A gapped phrase ("أطلق … النار") is its two parts with this many words between at most:
# room for the subject of a verb-first clause ("أطلق جنود إسرائيليون النار").
GAP = "…"
GAP_WORDS = 5
# A count this large right before a generic attack noun is a tally ("115 هجوما").
AGGREGATE_COUNT = 5
# "وكانت قوات الاحتلال المتمركزة في محيط البلدة قد": room for the subject between كان and قد
AUXILIARY_WORDS = 10
YEARS = (1900, 2100)
# A trigger reported inside a condemnation that also states damage keeps this share.
STATEMENT_DISCOUNT = 0.6
# the cues a reported outcome overrides: people react to an event that happened
RESCUED = frozenset({"statement", "reaction", "rally"})
E = TypeVar("E", "TriggerEntry", "Cue")
_START = attrgetter("start")

# One end character, then what must follow it: a single leading character class lets the
# engine skip to candidates (3x over one branch per kind of end).
_CLAUSE_END = re.compile(r"[.!?;\n, ](?:(?<=[.!?;\n])|(?<=,)(?= ?[وف])|(?<= )(?=فيما |بينما |في حين |حيث ))")
# What may separate a dropped trigger from the weapon phrase that completes it.
# glued by ب/و, or the verb of its relative clause ("الهجمات التي تستهدف القوات")
_ATTACHED = re.compile(r"\s*[وب]{0,2}|\s+\w+\s+و?ب|\s+(?:التي|الذي|اللذين|اللتين|الذين)\s+")
_WORD = re.compile(r"\w+")
# A number written as the last word before a trigger, maybe after a clitic ("لـ78 هجوما").
# "3 غارات", "38 عملية ومحاولة اغتيال", "12 حادثة قتل": a count, maybe of operations or cases
_NUMBER_BEFORE = re.compile(
    r"(?:^|[^\w])(?:ال|[وفبلك]{1,2})?(\d[\d,]*)\s*(?:(?:عمليه|عمليات|حادثه|حوادث|حاله|حالات)\s+و?)?$"
)
_DIGIT = re.compile(r"\d")  # what _NUMBER_BEFORE needs at least: most windows have none


class TriggerEntry(msgspec.Struct, frozen=True):
    """One row of triggers.tsv, phrase already normalized."""

    phrase: str
    sub_event_type: SubEventType
    weapons: tuple[Weapon, ...]
    strength: float
    plural: bool = False
    mutual: bool = False  # a fight both sides wage (اشتباكات، معارك), not one side's attack


class Cue(msgspec.Struct, frozen=True):
    """One row of event_filters.tsv: ``before``/``after`` in words, or the whole clause."""

    phrase: str
    kind: CueKind
    before: int | None = None
    after: int | None = None
    clause: bool = False


class Candidate(msgspec.Struct, frozen=True):
    """A trigger hit and what the filters made of it (``explain_triggers``)."""

    trigger: Trigger
    phrase: str
    kept: bool
    reason: str  # "kept", "kept: statement with a reported outcome", or the filter kind
    cue: str | None = None


@dataclass(frozen=True, slots=True)
class TriggerLexicon:
    """Both lexicons, loaded and compiled once; pass it to ``find_triggers``."""

    entries: tuple[TriggerEntry, ...]
    cues: tuple[Cue, ...]
    trigger_matcher: PhraseMatcher[TriggerEntry]
    cue_matcher: PhraseMatcher[Cue]
    # gapped phrases by their head; the pattern their tail must match right after it
    gap_matcher: PhraseMatcher[TriggerEntry]
    gap_tails: dict[str, re.Pattern[str]]


# ---- loading ----------------------------------------------------------------------------


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append((lineno, [f.strip() for f in line.split("\t")]))
    return rows


def _parse_trigger(fields: list[str]) -> TriggerEntry:
    if len(fields) not in (4, 5):
        raise ValueError(f"expected 4 or 5 tab-separated fields, got {len(fields)}")
    phrase, sub, weapons_field, strength_field = fields[:4]
    phrase = _gapped_phrase(phrase) if GAP in phrase else normalize_phrase(phrase)
    tags = {t for t in (fields[4].split(",") if len(fields) == 5 else []) if t}
    weapons = tuple(w.strip() for w in weapons_field.split(",") if w.strip())
    strength = float(strength_field)
    if sub not in SUB_EVENT_TYPES:
        raise ValueError(f"unknown sub_event_type {sub!r}")
    if bad := [w for w in weapons if w not in WEAPONS] + sorted(tags - TAGS):
        raise ValueError(f"unknown weapon or tag {bad}")
    if not 0.0 <= strength <= 1.0:
        raise ValueError(f"strength {strength} outside 0..1")
    return TriggerEntry(phrase, sub, weapons, strength, "plural" in tags, "mutual" in tags)  # type: ignore[arg-type]


def _gapped_phrase(phrase: str) -> str:
    """ "هاجم | هاجموا … قاعدة | دورية": two parts around the gap, each one or more
    alternatives, normalized; kept as one phrase in that shape."""
    parts = [[normalize_phrase(a) for a in part.split("|")] for part in phrase.split(GAP)]
    if len(parts) != 2 or not all(all(part) for part in parts):
        raise ValueError(f"a gapped phrase is two parts around one {GAP}: {phrase!r}")
    return f" {GAP} ".join("|".join(part) for part in parts)


def _gapped_parts(entry: TriggerEntry) -> tuple[list[str], list[str]]:
    heads, tails = entry.phrase.split(f" {GAP} ")
    return heads.split("|"), tails.split("|")


def _tail_pattern(tails: list[str]) -> re.Pattern[str]:
    """What must follow a gapped phrase's head: up to GAP_WORDS words, no punctuation but one
    aside between commas, a tail.
    No word of the gap starts with ل: a subject does not, a purpose does ("أطلقت الوزارة
    حملة لإطفاء النار")."""
    alternatives = "|".join(re.escape(t) for t in sorted(tails, key=len, reverse=True))
    aside = r"(?:\s*,[^,.\n]{1,30},)?"  # "سيطرت قوات الدعم السريع، فجر الأحد، على بلدة"
    return re.compile(rf"(?:\s+(?!و?ل)\w+){{0,{GAP_WORDS}}}?{aside}\s+(?:{alternatives})(?!\w)")


def _parse_scope(scope: str) -> dict[str, int | bool]:
    """``clause``, or one or two of ``before:N`` / ``after:N`` / ``around:N`` joined by a comma."""
    if scope == "clause":
        return {"clause": True}
    out: dict[str, int | bool] = {}
    for part in scope.split(","):
        side, _, n = part.strip().partition(":")
        if side not in ("before", "after", "around") or not n.isdigit():
            raise ValueError(
                f"bad scope {scope!r}: before:N, after:N, around:N, both joined by a comma, or clause"
            )
        for key in ("before", "after") if side == "around" else (side,):
            out[key] = int(n)
    return out


def _parse_cue(fields: list[str]) -> Cue:
    if len(fields) != 3:
        raise ValueError(f"expected 3 tab-separated fields, got {len(fields)}")
    phrase, kind, scope = fields
    if kind not in CUE_KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return Cue(normalize_phrase(phrase), kind, **_parse_scope(scope))  # type: ignore[arg-type]


def _load(path: Path, parse: Callable[[list[str]], E]) -> tuple[E, ...]:
    seen: dict[str, int] = {}
    out: list[E] = []
    for lineno, fields in _rows(path):
        try:
            item = parse(fields)
        except ValueError as exc:
            raise ValueError(f"{path.name}:{lineno}: {exc}") from exc
        if not item.phrase:
            raise ValueError(f"{path.name}:{lineno}: empty phrase")
        if item.phrase in seen:
            raise ValueError(f"{path.name}:{lineno}: duplicate of line {seen[item.phrase]} after normalizing")
        seen[item.phrase] = lineno
        out.append(item)
    return tuple(out)


def load_trigger_lexicon(data_dir: Path | None = None) -> TriggerLexicon:
    """Read and validate triggers.tsv and event_filters.tsv; raise ValueError with file:line."""
    base = data_dir or DATA_DIR
    entries = _load(base / "triggers.tsv", _parse_trigger)
    cues = _load(base / "event_filters.tsv", _parse_cue)
    gapped = [(_gapped_parts(e), e) for e in entries if GAP in e.phrase]
    return TriggerLexicon(
        entries=entries,
        cues=cues,
        trigger_matcher=PhraseMatcher((e.phrase, e) for e in entries if GAP not in e.phrase),
        cue_matcher=PhraseMatcher((c.phrase, c) for c in cues),
        gap_matcher=PhraseMatcher((head, e) for (heads, _), e in gapped for head in heads),
        gap_tails={e.phrase: _tail_pattern(tails) for (_, tails), e in gapped},
    )


# ---- text geometry ------------------------------------------------------------------------


class _Layout:
    """Clause boundaries of one normalized text, and word distances inside it."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.clause_ends = _clause_ends(norm)

    def clause_of(self, pos: int) -> int:
        return bisect_right(self.clause_ends, pos)

    def words_between(self, end: int, start: int) -> int:
        """Whole words strictly between a span ending at ``end`` and one starting at ``start``.

        A span may start after a proclitic (ب in بالغارة); that fragment is not a word.
        """
        if start <= end:
            return 0
        gap = self.norm[end:start]
        n = len(_WORD.findall(gap))
        return n - 1 if n and _WORD.match(gap[-1]) else n

    def number_before(self, start: int) -> int | None:
        """The integer written as the word right before ``start``, if any."""
        window = self.norm[max(0, start - 32) : start]
        m = _NUMBER_BEFORE.search(window) if _DIGIT.search(window) else None
        if not m:
            return None
        n = int(m.group(1).replace(",", ""))
        return None if YEARS[0] <= n <= YEARS[1] else n  # "… 2024 قصف أمريكي": a dateline


def _clause_ends(norm: str) -> list[int]:
    """Positions of the clause boundaries; a stretch of unpunctuated text is cut at spaces, as
    sentences are, so the cues judged against each trigger stay few."""
    return bounded_ends(norm, [m.start() for m in _CLAUSE_END.finditer(norm)])


def clause_bounds(norm: str, pos: int) -> tuple[int, int]:
    """The clause of ``norm`` holding ``pos``, as a span (same boundaries the filters use)."""
    ends = _clause_ends(norm)
    i = bisect_right(ends, pos)
    return (ends[i - 1] + 1 if i else 0), (ends[i] if i < len(ends) else len(norm))


def is_generic(trigger: Trigger) -> bool:
    """A placeholder trigger (هجوم، استهداف، قصف...) that needs a weapon word to be typed."""
    return trigger.sub_event_type == "attack" and not trigger.weapons


# ---- filtering ----------------------------------------------------------------------------


def _reaches(cue: Match[Cue], hit: Match[TriggerEntry], layout: _Layout) -> bool:
    c = cue.payload
    if hit.start <= cue.start and cue.end <= hit.end and (cue.start, cue.end) != (hit.start, hit.end):
        return False  # part of the trigger phrase itself ("بدون" in "طائرة بدون طيار")
    if c.clause:
        return True
    if cue.start < hit.start and c.before is not None:
        return layout.words_between(cue.end, hit.start) <= c.before
    if cue.start >= hit.start and c.after is not None:
        return layout.words_between(hit.end, cue.start) <= c.after
    return False


def _blocked(cue: Match[Cue], hit: Match[TriggerEntry], keeps: list[Match[Cue]]) -> bool:
    """A keep cue between the filter cue and the trigger cuts the filter off."""
    lo, hi = (cue.end, hit.start) if cue.end <= hit.start else (hit.end, cue.start)
    return any(lo <= k.start and k.end <= hi for k in keeps)


class _Facts(NamedTuple):
    """What the text says around one trigger, beyond the cues."""

    counted: bool  # a number ≥ 2 right before it ("3 غارات")
    list_item: bool  # joined by و to a preceding word that is not itself a trigger
    protest: bool  # the trigger is a protest word
    protest_stands: bool  # a protest word of its clause was kept
    violence: tuple[int, ...]  # where its clause tells of violence (triggers, reports, violence cues)


def _applies(cue: Match[Cue], hit: Match[TriggerEntry], layout: _Layout, facts: _Facts) -> bool:
    kind = cue.payload.kind
    if kind == "reaction":  # a protest about violence; the violence it is about
        told = facts.violence if facts.protest else (hit.start,)
        return _reacts_to(cue, told, layout)
    if kind == "rally" and (facts.protest or facts.protest_stands):
        return False  # a protest's own words; the force that met a protest that stands
    if kind == "aggregate" and not (hit.payload.plural or facts.counted or _generic_entry(hit)):
        # "أول غارة منذ 2020" is one strike; "منذ استعادة قوات النظام السيطرة" starts a period
        return _right_before(cue, hit, layout)
    if kind == "crowd" and not facts.protest:
        return False  # the people waiting for aid were fired on: that violence stands
    if kind == "object" and (not facts.list_item or not hit.payload.weapons):
        return False  # "استهدفت ... مراكز القيادة والصواريخ": only a listed weapon is a target
    return _reaches(cue, hit, layout)


def _right_before(cue: Match[Cue], hit: Match[TriggerEntry], layout: _Layout) -> bool:
    return cue.end <= hit.start and layout.words_between(cue.end, hit.start) == 0


def _apart_marks(hit: Match[TriggerEntry], cues: list[Match[Cue]], layout: _Layout) -> tuple[bool, bool]:
    """(prior, another): told in the pluperfect, as before the news ("وكانت مسيرة قد استهدفت"),
    and told as another event than the one reported ("لهجوم مماثل", "سبق أن استهدفت")."""
    auxiliaries = [c.end for c in cues if c.payload.kind == "auxiliary"]

    def after_auxiliary(cue: Match[Cue]) -> bool:
        before = [end for end in auxiliaries if end <= cue.start]
        return any(layout.words_between(end, cue.start) <= AUXILIARY_WORDS for end in before)

    pluperfect = [c for c in cues if c.payload.kind == "pluperfect"]
    prior = any(_reaches(c, hit, layout) and after_auxiliary(c) for c in pluperfect)
    another = any(c.payload.kind == "another" and _reaches(c, hit, layout) for c in cues)
    return prior, another


def _reacts_to(cue: Match[Cue], told: tuple[int, ...], layout: _Layout) -> bool:
    """ "تنديدا بالغارة", "احتجاجا على مقتل شاب": violence is told right after the cue."""
    reach = cue.payload.after or 0
    return any(p >= cue.end and layout.words_between(cue.end, p) <= reach for p in told)


def _generic_entry(hit: Match[TriggerEntry]) -> bool:
    return hit.payload.sub_event_type == "attack" and not hit.payload.weapons


def _first_filter(
    hit: Match[TriggerEntry], cues: list[Match[Cue]], layout: _Layout, facts: _Facts
) -> Match[Cue] | None:
    """The first cue, in FILTER_ORDER, that reaches the trigger and is not blocked."""
    keeps = [c for c in cues if c.payload.kind == "keep"]
    for kind in FILTER_ORDER:
        for cue in cues:
            if (
                cue.payload.kind == kind
                and _applies(cue, hit, layout, facts)
                # a keep cue says the event happened, not that a crowd was a protest
                and (kind == "crowd" or not _blocked(cue, hit, keeps))
            ):
                return cue
    return None


def _judge(
    hit: Match[TriggerEntry], cues: list[Match[Cue]], layout: _Layout, facts: _Facts
) -> tuple[str, str | None, float]:
    """(reason, cue phrase, strength) for one trigger given the cues of its clause."""
    strength = hit.payload.strength
    count = layout.number_before(hit.start)
    if count is not None and count >= AGGREGATE_COUNT and _generic_entry(hit):
        return "aggregate", str(count), strength
    facts = facts._replace(counted=count is not None and count >= 2)
    cue = _first_filter(hit, cues, layout, facts)
    if cue is None:
        return "kept", None, strength
    reported = any(c.payload.kind == "report" for c in cues)
    if cue.payload.kind in RESCUED and reported and not facts.protest:
        return "kept: statement with a reported outcome", cue.phrase, strength * STATEMENT_DISCOUNT
    return cue.payload.kind, cue.phrase, strength


def _is_protest(hit: Match[TriggerEntry]) -> bool:
    return is_protest(hit.payload.sub_event_type)


def _violence(hits: list[Match[TriggerEntry]], cues: list[Match[Cue]]) -> tuple[int, ...]:
    """Where a clause tells of violence: its violent triggers, kept or not, and its report and
    violence cues."""
    told = [h.start for h in hits if not _is_protest(h) and h.payload.sub_event_type != ARRESTS]
    told += [c.start for c in cues if c.payload.kind in ("report", "violence")]
    return tuple(told)


def _list_items(hits: list[Match[TriggerEntry]], norm: str) -> list[bool]:
    """For each hit: does it start with the conjunction و, after a word that is no trigger?"""
    out = []
    for k, hit in enumerate(hits):
        s = hit.start
        joined = s >= 1 and norm[s - 1] == "و" and (s == 1 or not norm[s - 2].isalnum())
        prev_end = hits[k - 1].end if k else -1
        glued = 0 <= prev_end <= s and _ATTACHED.fullmatch(norm[prev_end:s]) is not None
        out.append(joined and not glued)
    return out


def _cues_by_clause(
    norm: str, clauses: set[int], layout: _Layout, lex: TriggerLexicon
) -> dict[int, list[Match[Cue]]]:
    """Cue hits of the clauses that hold a trigger.

    When few clauses hold one, only those are scanned; otherwise one pass over the text.
    """
    out: dict[int, list[Match[Cue]]] = {i: [] for i in clauses}
    if 2 * len(clauses) > len(layout.clause_ends) + 1:
        for m in lex.cue_matcher.find(norm):
            bucket = out.get(layout.clause_of(m.start))
            if bucket is not None:
                bucket.append(m)
        return out
    ends = layout.clause_ends
    for i in clauses:
        a, b = (ends[i - 1] + 1 if i else 0), (ends[i] if i < len(ends) else len(norm))
        out[i] = [
            Match(start=m.start + a, end=m.end + a, payload=m.payload, phrase=m.phrase)
            for m in lex.cue_matcher.find(norm[a:b])
        ]
    return out


def explain_triggers(doc: Doc, lex: TriggerLexicon) -> list[Candidate]:
    """Every trigger hit in ``doc.norm``, kept or dropped, with the reason."""
    hits = _with_gapped(lex.trigger_matcher.find(doc.norm), doc.norm, lex)
    if not hits:
        return []
    layout = _Layout(doc.norm)
    clause = [layout.clause_of(h.start) for h in hits]
    by_clause = _cues_by_clause(doc.norm, set(clause), layout, lex)
    listed = _list_items(hits, doc.norm)
    in_clause: dict[int, list[Match[TriggerEntry]]] = {}
    for hit, i in zip(hits, clause, strict=True):
        in_clause.setdefault(i, []).append(hit)
    violence = {i: _violence(in_clause[i], by_clause[i]) for i in in_clause}
    verdicts: dict[int, tuple[str, str | None, float]] = {}
    standing: set[int] = set()
    # protests first: a protest that stands makes the force in its clause real
    for k in sorted(range(len(hits)), key=lambda k: not _is_protest(hits[k])):
        hit, i = hits[k], clause[k]
        facts = _Facts(False, listed[k], _is_protest(hit), i in standing, violence[i])
        verdicts[k] = _judge(hit, by_clause[i], layout, facts)
        if facts.protest and verdicts[k][0].startswith("kept"):
            standing.add(i)
    out = []
    for k, hit in enumerate(hits):
        reason, cue, strength = verdicts[k]
        e = hit.payload
        prior, another = _apart_marks(hit, by_clause[clause[k]], layout)
        trigger = Trigger(
            hit.start, hit.end, e.sub_event_type, e.weapons, round(strength, 3), e.mutual, prior, another
        )
        out.append(Candidate(trigger, hit.phrase, reason.startswith("kept"), reason, cue))
    return _inherit_drops(out, doc.norm)


def _with_gapped(
    hits: list[Match[TriggerEntry]], norm: str, lex: TriggerLexicon
) -> list[Match[TriggerEntry]]:
    """The hits, with each gapped phrase found whole in place of the weaker hits inside it
    ("هاجم" in "هاجم مسلحون قاعدة"). A stronger or equal hit it overlaps wins instead
    ("طائرة مسيرة" in "هاجمت طائرة مسيرة قاعدة", "أطلق النار" itself)."""
    for head in lex.gap_matcher.find(norm):
        tail = lex.gap_tails[head.payload.phrase].match(norm, head.end)
        if tail is None:
            continue
        start, end, strength = head.start, tail.end(), head.payload.strength
        overlapping = [h for h in hits if h.start < end and start < h.end]
        if all(start <= h.start and h.end <= end and h.payload.strength < strength for h in overlapping):
            hits = [h for h in hits if h not in overlapping]
            hits.append(Match(start, end, head.payload, head.payload.phrase))
            hits.sort(key=_START)
    return hits


def _inherit_drops(cands: list[Candidate], norm: str) -> list[Candidate]:
    """A trigger glued to a dropped one by ب/و, or telling of it in a relative clause, shares
    its fate ("هجمات متواصلة بالصواريخ", "تصاعد الهجمات التي تستهدف القوات")."""
    out = cands[:1]
    for cand in cands[1:]:
        prev = out[-1]
        gap = norm[prev.trigger.end : cand.trigger.start] if prev.trigger.end <= cand.trigger.start else "x"
        if cand.kept and not prev.kept and _ATTACHED.fullmatch(gap):
            cand = msgspec.structs.replace(cand, kept=False, reason=prev.reason, cue=prev.cue)
        out.append(cand)
    return out


def find_triggers(doc: Doc, lex: TriggerLexicon) -> list[Trigger]:
    """The event triggers of ``doc`` that survive the non-event filters, in text order."""
    return [c.trigger for c in explain_triggers(doc, lex) if c.kept]


def main() -> None:
    """Validate the lexicons: ``python -m service.extraction.mentions.triggers [data_dir]``."""
    import sys

    lex = load_trigger_lexicon(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(f"triggers.tsv: {len(lex.entries)} phrases; event_filters.tsv: {len(lex.cues)} cues; OK")


if __name__ == "__main__":
    main()
