"""Casualty statements: how many were killed and injured, with their spans in ``Doc.norm``.

Three passes over the tokens of the normalized text, each marking what it used so that
no number is counted twice:

1. zero statements ("لم يسفر عن ضحايا"، "دون وقوع إصابات");
2. groups: a word of death or injury (data/casualties/cues.tsv) with the count attached
   to it (after "مقتل 3 جنود", before "3 قتلى", or stated by the word itself: "قتيل"،
   "مقتلهما"), followed by continuation groups of the same kind ("مقتل 2 من الجنود
   و3 من المدنيين");
3. statements: neighbouring groups in one clause, summed per kind (groups after an
   attribution such as "بحسب" are another source's estimate and make a range instead).

Conventions for vague words, qualifiers and zeros: docs/casualty-conventions.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

import ahocorasick

from service.extraction.mentions.numbers import (
    DATA_DIR,
    NumberLexicon,
    Phrases,
    Quantity,
    Token,
    load_number_lexicon,
    match_phrase,
    parse_number,
    phrase_table,
    read_rows,
    tokenize,
)
from service.extraction.model import CasualtyMention, Count, Doc
from service.extraction.normalize import normalize_phrase

FORWARD_WINDOW = 4  # words after a casualty word in which its number may stand
MAX_SKIPPED = 2  # unknown words the forward search may pass ("قتل مسلحون 3 جنود")
STATEMENT_GAP = 8  # words between two groups of one statement, at most
ASIDE_WORDS = 6  # the longest subset aside a backward search skips ("، بينهم ثلاثة أطفال،")
CARRIER_GAP = 8  # words between "لقي" and "مصرعهم", at most ("لقي خمسة عناصر من الجيش السوري مصرعهم")
NUMBER_SPAN = 6  # the longest qualifier + number, in tokens ("ما لا يقل عن خمسة وعشرين")
_YEARS = range(1900, 2101)
# text tokenized around each anchor word: room for "ما لا يقل عن خمسة وعشرين جنديا قتلوا"
# before it and for continuation groups after it
MARGIN_BEFORE = 120
MARGIN_AFTER = 200


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str  # killed | injured
    look: str  # after | before | verb | object | none
    implicit: int | None


@dataclass(frozen=True, slots=True)
class CasualtyLexicon:
    """Everything the casualty finder reads from data/casualties/, normalized, read once."""

    numbers: NumberLexicon
    cues: Phrases  # -> Cue
    persons: Mapping[str, int]  # person noun -> 1, 2, or 0 (plural or ambiguous)
    markers: Mapping[str, str]  # word -> subset | source | unit | stop | carrier | cause | rise
    zero_negators: Phrases  # -> max words between the negation and the noun
    zero_nouns: Phrases  # -> (killed is 0, injured is 0)
    zero_phrases: Phrases  # -> (killed is 0, injured is 0)
    zero_unknowns: Phrases  # "معلومات": a negation of them says the toll is unknown, not zero
    anchors: ahocorasick.Automaton  # first words of cues and negations -> their length
    # First words a zero statement or a cue can start with: most tokens are neither, and
    # one set test per token spares the phrase lookups.
    zero_starts: frozenset[str]
    cue_starts: frozenset[str]


@dataclass(frozen=True, slots=True)
class Group:
    """One count of one kind, tokens [first, end) of the text."""

    kind: str
    count: Count
    first: int
    end: int
    alternative: bool = False  # another source's figure for the same toll
    vague: bool = False  # from a vague word ("عدد من", "عشرات"): weaker than a figure
    cause: bool = False  # "ارتفع إلى ثلاثة بعد وفاة أحد الجرحى": why a count changed, inside it


def load_casualty_lexicon(data_dir: Path | None = None) -> CasualtyLexicon:
    """Read and normalize the casualty data files (data/casualties/ by default)."""
    base = data_dir or DATA_DIR
    cues = [(p, Cue(kind, look, int(rest[0]) if rest else None))
            for p, kind, look, *rest in read_rows(base / "cues.tsv")]
    persons = {normalize_phrase(w): int(n) for w, n in read_rows(base / "person_nouns.tsv")}
    markers = {normalize_phrase(w): role for w, role in read_rows(base / "markers.tsv")}
    zero = list(read_rows(base / "zero.tsv"))
    anchors = [p for p, *_ in cues] + [p for p, role, *_ in zero if role not in ("noun", "unknown")]
    zero_negators = phrase_table([(p, int(k)) for p, role, k, _ in zero if role == "negator"])
    zero_phrases = phrase_table([(p, (k == "0", i == "0")) for p, role, k, i in zero if role == "phrase"])
    cue_table = phrase_table(cues)
    return CasualtyLexicon(
        anchors=_automaton(anchors),
        numbers=load_number_lexicon(base),
        cues=cue_table,
        persons=MappingProxyType(persons),
        markers=MappingProxyType(markers),
        zero_negators=zero_negators,
        zero_nouns=phrase_table([(p, (k == "0", i == "0")) for p, role, k, i in zero if role == "noun"]),
        zero_phrases=zero_phrases,
        zero_unknowns=phrase_table([(p, None) for p, role, *_ in zero if role == "unknown"]),
        zero_starts=frozenset(zero_phrases) | frozenset(zero_negators),
        cue_starts=frozenset(cue_table),
    )


def _automaton(phrases: Iterable[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for phrase in phrases:
        word = normalize_phrase(phrase).split()[0]
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


def find_casualties(doc: Doc, lex: CasualtyLexicon) -> list[CasualtyMention]:
    """One mention per casualty statement in ``doc.norm``, in text order."""
    mentions: list[CasualtyMention] = []
    for lo, hi in _windows(doc.norm, lex):
        mentions += _find_in(doc.norm, tokenize(doc.norm, lo, hi), lex)
    return sorted(mentions, key=lambda m: m.start)


def _find_in(norm: str, tokens: Sequence[Token], lex: CasualtyLexicon) -> list[CasualtyMention]:
    used = [False] * len(tokens)
    mentions = _zero_statements(tokens, lex, used)
    groups = _groups(norm, tokens, lex, used)
    return mentions + [_mention(tokens, s, lex) for s in _statements(tokens, groups)]


def _windows(norm: str, lex: CasualtyLexicon) -> list[tuple[int, int]]:
    """Stretches of text around the words every statement needs (a casualty word or a
    negation), merged where they overlap: most of an article is never tokenized."""
    windows: list[tuple[int, int]] = []
    for end_idx, length in lex.anchors.iter(norm):
        start, end = end_idx + 1 - length, end_idx + 1
        if not _anchor_at_word(norm, start, end):
            continue
        lo, hi = _space_before(norm, start - MARGIN_BEFORE), _space_after(norm, end + MARGIN_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows


def _anchor_at_word(norm: str, start: int, end: int) -> bool:
    """The anchor ends a word and starts one, after at most two clitic letters (وبـ، فلـ)."""
    if end < len(norm) and norm[end].isalpha():
        return False
    k = start
    while k > 0 and start - k < 2 and norm[k - 1] in "وفبلك":
        k -= 1
    return k == 0 or not norm[k - 1].isalpha() or (k < start and not norm[k - 1].isalpha())


def _space_before(norm: str, pos: int) -> int:
    if pos <= 0:
        return 0
    found = norm.rfind(" ", 0, pos)
    return found + 1 if found >= 0 else 0


def _space_after(norm: str, pos: int) -> int:
    if pos >= len(norm):
        return len(norm)
    found = norm.find(" ", pos)
    return found if found >= 0 else len(norm)


# ---- zeros ---------------------------------------------------------------------------


def _zero_statements(tokens: Sequence[Token], lex: CasualtyLexicon,
                     used: list[bool]) -> list[CasualtyMention]:
    found: list[CasualtyMention] = []
    resume = 0
    for i in _starts(tokens, lex.zero_starts):
        if i < resume:
            continue
        hit = match_phrase(tokens, i, lex.zero_phrases) or _negated_noun(tokens, i, lex)
        if hit is None:
            continue
        end, (killed, injured) = hit
        zero = Count(min=0, max=0)
        found.append(CasualtyMention(start=tokens[i].start, end=tokens[end - 1].end,
                                     killed=zero if killed else None, injured=zero if injured else None))
        used[i:end] = [True] * (end - i)
        resume = end
    return found


def _starts(tokens: Sequence[Token], first_words: frozenset[str]) -> list[int]:
    """Indexes of the tokens that may start a phrase whose first word is in ``first_words``."""
    return [i for i, tok in enumerate(tokens) if not first_words.isdisjoint(tok.forms)]


def _negated_noun(tokens: Sequence[Token], i: int, lex: CasualtyLexicon) -> tuple[int, object] | None:
    """A negation followed within its gap by a zero noun: "لم يسفر الهجوم عن أي إصابات"."""
    neg = match_phrase(tokens, i, lex.zero_negators)
    if neg is None:
        return None
    start, gap = neg
    for k in range(start, min(start + int(gap) + 1, len(tokens))):
        if tokens[k].is_break or match_phrase(tokens, k, lex.zero_unknowns) is not None:
            return None  # "دون ورود معلومات عن خسائر بشرية": the toll is not known
        noun = match_phrase(tokens, k, lex.zero_nouns)
        if noun is not None:
            # "لم تسجل إصابات أخرى": another count was given before, this is no zero
            after = tokens[noun[0]].text if noun[0] < len(tokens) else ""
            return None if after in ("اخري", "اخرى") else noun
    return None


# ---- groups --------------------------------------------------------------------------


def _groups(norm: str, tokens: Sequence[Token], lex: CasualtyLexicon, used: list[bool]) -> list[Group]:
    groups: list[Group] = []
    resume = 0
    for i in _starts(tokens, lex.cue_starts):
        hit = None if i < resume or used[i] else match_phrase(tokens, i, lex.cues)
        if hit is None:
            continue
        end, cue = hit
        assert isinstance(cue, Cue)
        used[i:end] = [True] * (end - i)
        group, end = _resolve(norm, tokens, i, end, cue, lex, used)
        resume = end
        if group is None or _part_of_another(tokens, group, lex):
            continue
        if i > 0 and lex.markers.get(tokens[i - 1].text) == "cause":
            group = replace(group, cause=True)
        groups.append(group)
        groups += _continuations(norm, tokens, group, lex, used)
    return groups


def _part_of_another(tokens: Sequence[Token], group: Group, lex: CasualtyLexicon) -> bool:
    """ "أصيب 20 بينهم 4 إصابات حرجة"، "5 إصابات خطيرة بين الجرحى": a part of a count that
    is given, or to be given, on its own."""
    if group.first > 0 and lex.markers.get(tokens[group.first - 1].text) == "subset":
        return True
    for k in range(group.end, min(group.end + AMONG_REACH, len(tokens) - 1)):
        # the definite noun refers back to the count ("الجرحى"): its bare form is a casualty word
        after = tokens[k + 1].text
        if tokens[k].text in _AMONG and after.startswith("ال") and after[2:] in lex.cue_starts:
            return True
    return False


_AMONG = frozenset({"بين"})
AMONG_REACH = 2  # "إصابات خطيرة بين": an adjective between


def _resolve(norm: str, tokens: Sequence[Token], i: int, end: int, cue: Cue,
             lex: CasualtyLexicon, used: list[bool]) -> tuple[Group | None, int]:
    """The group a cue at tokens [i, end) states, and where scanning resumes."""
    if _combined(norm, tokens, i, end, cue, lex, used):
        return None, _swallow_combined(norm, tokens, end, lex, used)
    if cue.look == "before" and i > 0 and used[i - 1] and _is_number(tokens, i - 1, lex):
        return None, end  # "بلغ عدد الجرحى 33 جريحا": the noun restates a figure already taken
    q: tuple[Count, int, int] | None = None
    if cue.look == "object":
        q = _carried(norm, tokens, i, lex, used)
    if cue.look in ("after", "verb"):
        q = _forward(norm, tokens, end, lex, used)
    if q is None and cue.look in ("before", "verb", "object"):
        q = _backward(norm, tokens, i, lex, used, max_gap=0 if cue.look == "before" else 2)
    if q is None:
        if cue.implicit is None:
            return None, end
        q = (Count(min=cue.implicit, max=cue.implicit), i, end)
    count, first, last = q
    used[first:last] = [True] * (last - first)
    vague = any(match_phrase(tokens, k, lex.numbers.vague) for k in range(first, last))
    return Group(cue.kind, count, min(first, i), max(last, end), vague=vague), max(last, end)


def _combined(norm: str, tokens: Sequence[Token], i: int, end: int, cue: Cue, lex: CasualtyLexicon,
              used: list[bool]) -> bool:
    """"مقتل وإصابة 10"، "10 قتلى وجرحى": one figure for both kinds; it cannot be split."""
    if end >= len(tokens) or not tokens[end].conj or cue.look == "object":
        return False  # "لقي 3 جنود مصرعهم وجرح اثنان": the first word's count stands before it
    if cue.look == "verb" and _backward(norm, tokens, i, lex, used, max_gap=2) is not None:
        return False  # "ثلاثة جنود قتلوا وجرح اثنان" likewise
    other = match_phrase(tokens, end, lex.cues)
    if other is None or not isinstance(other[1], Cue):
        return False
    if other[1].kind == cue.kind:
        return False
    # "قتيلان وجريح" states two counts; only two bare words share one figure, and so do two
    # singular ones after بين ("أكثر من عشرة بين قتيل وجريح")
    between = i > 0 and tokens[i - 1].text == "بين"
    return between or (cue.implicit is None and other[1].implicit is None)


def _swallow_combined(norm: str, tokens: Sequence[Token], end: int, lex: CasualtyLexicon,
                      used: list[bool]) -> int:
    """Consume the second cue of a combined pair and its figure, so nothing counts them."""
    hit = match_phrase(tokens, end, lex.cues)
    assert hit is not None
    last = hit[0]
    used[end:last] = [True] * (last - end)
    q = _forward(norm, tokens, last, lex, used)
    if q is not None:
        used[q[1]:q[2]] = [True] * (q[2] - q[1])
        last = q[2]
    return last


def _forward(norm: str, tokens: Sequence[Token], j: int, lex: CasualtyLexicon,
             used: list[bool]) -> tuple[Count, int, int] | None:
    """The count after a casualty word: a number, or a singular/dual person noun."""
    # "قتل في الهجوم 5 أشخاص": past a place phrase only a number of people counts
    people_only = j < len(tokens) and tokens[j].text == "في"
    for seen, k in enumerate(range(j, min(j + FORWARD_WINDOW, len(tokens)))):
        if seen > MAX_SKIPPED:  # unknown words or plural nouns passed: "قتل مسلحون 3 جنود"
            return None
        if _barrier(tokens, k, lex, used) and not (people_only and k == j):
            return None
        if cue := match_phrase(tokens, k, lex.cues):
            return _noun_cue(tokens, k, cue)
        q = _quantity(norm, tokens, k, lex, used)
        if q is not None:
            tail = _tail(tokens, q.end, lex)
            return None if people_only and tail == q.end else (q.count, k, tail)
        person = _person(tokens[k], lex)
        found = _person_count(tokens, k, person, lex) if person is not None else None
        if found is not None:
            return found
    return None


def _carried(norm: str, tokens: Sequence[Token], i: int, lex: CasualtyLexicon,
             used: list[bool]) -> tuple[Count, int, int] | None:
    """The count after the carrier verb of "لقي 3 جنود مصرعهم", if one opens the clause."""
    for k in range(i - 1, max(i - 1 - CARRIER_GAP, -1), -1):
        if _barrier(tokens, k, lex, used):
            return None
        if _marked(tokens[k], lex, "carrier"):
            q = _forward(norm, tokens, k + 1, lex, used)
            return q if q is not None and q[2] <= i else None
    return None


def _noun_cue(tokens: Sequence[Token], k: int, hit: tuple[int, object]) -> tuple[Count, int, int] | None:
    """"وفاة جريحين": a counted casualty noun right after the word gives its number."""
    end, cue = hit
    if tokens[k].conj or not isinstance(cue, Cue) or cue.look != "before" or cue.implicit is None:
        return None
    return Count(min=cue.implicit, max=cue.implicit), k, end


def _person_count(tokens: Sequence[Token], k: int, number: int,
                  lex: CasualtyLexicon) -> tuple[Count, int, int] | None:
    """"جندي" 1, "جنديين" 2, "المقاتلين الخمسة" 5, "مدنيين" unknown (None)."""
    nxt = k + 1
    if nxt < len(tokens) and not tokens[nxt].conj and tokens[nxt].text.startswith("ال"):
        q = parse_number(tokens, nxt, lex.numbers)
        if q is not None and not q.vague:
            return q.count, k, q.end
    if number == 0:
        return None
    return Count(min=number, max=number), k, k + 1


def _backward(norm: str, tokens: Sequence[Token], i: int, lex: CasualtyLexicon, used: list[bool],
              max_gap: int) -> tuple[Count, int, int] | None:
    """The count before a casualty word: "3 قتلى"، "ثلاثة جنود أمريكيين قتلوا"."""
    k = _before_aside(tokens, i - 1, lex)
    for _ in range(max_gap + 1):
        if k < 0 or _barrier(tokens, k, lex, used):
            return None
        for first in range(max(0, k - NUMBER_SPAN), k + 1):
            q = _quantity(norm, tokens, first, lex, used, allow_unit=True)
            if q is not None and q.end == k + 1:
                return q.count, first, k + 1
        k -= 1
    return None


def _before_aside(tokens: Sequence[Token], k: int, lex: CasualtyLexicon) -> int:
    """Past a subset aside that ends at token k: "عشرة مدنيين، بينهم ثلاثة أطفال، قتلوا"."""
    if k < 0 or tokens[k].text != ",":
        return k
    for j in range(k - 2, max(k - 2 - ASIDE_WORDS, 0), -1):
        if tokens[j].text == ",":
            return j - 1 if lex.markers.get(tokens[j + 1].text) == "subset" else k
    return k


_BARRIERS = frozenset({"stop", "subset", "cause"})


def _barrier(tokens: Sequence[Token], k: int, lex: CasualtyLexicon, used: list[bool]) -> bool:
    tok = tokens[k]
    return used[k] or tok.is_break or tok.text == "," or lex.markers.get(tok.text) in _BARRIERS


def _quantity(norm: str, tokens: Sequence[Token], k: int, lex: CasualtyLexicon, used: list[bool],
              allow_unit: bool = False) -> Quantity | None:
    """A number at token k that can count people: not a time, date, year, sum or unit."""
    q = parse_number(tokens, k, lex.numbers)
    if q is None or any(used[q.first:q.end]):
        return None
    first, last = tokens[q.first], tokens[q.end - 1]
    if norm[max(first.start - 1, 0)] in ":/" or norm[last.end:last.end + 1] in (":", "/", "%"):
        return None  # 10:30, 26/12, 15%
    if q.end < len(tokens) and not allow_unit and _marked(tokens[q.end], lex, "unit"):
        return None
    if last.is_digit and q.count.max in _YEARS and not _person_follows(tokens, q.end, lex):
        return None
    return q


def _is_number(tokens: Sequence[Token], k: int, lex: CasualtyLexicon) -> bool:
    return tokens[k].is_digit or parse_number(tokens, k, lex.numbers) is not None


def _marked(tok: Token, lex: CasualtyLexicon, role: str) -> bool:
    """The word, with or without its clitics, is a marker of this role (markers.tsv)."""
    return any(lex.markers.get(f) == role for f in tok.forms)


def _person_follows(tokens: Sequence[Token], k: int, lex: CasualtyLexicon) -> bool:
    return k < len(tokens) and _person(tokens[k], lex) is not None


def _person(tok: Token, lex: CasualtyLexicon) -> int | None:
    for form in tok.forms:
        for f in (form, form[2:] if form.startswith("ال") else ""):
            n = lex.persons.get(f)
            if n is not None:
                return n
    return None


def _tail(tokens: Sequence[Token], k: int, lex: CasualtyLexicon) -> int:
    """Past the words describing a count: "3 جنود"، "2 من الجنود"، "18 آخرين"."""
    if k < len(tokens) and not tokens[k].conj and _person(tokens[k], lex) is not None:
        k += 1
        qual = match_phrase(tokens, k, lex.numbers.qualifiers) if k < len(tokens) else None
        return qual[0] if qual is not None and qual[1] == "at_least" else k
    if k + 1 < len(tokens) and tokens[k].text == "من" and tokens[k + 1].text.isalpha() \
            and lex.markers.get(tokens[k + 1].text) != "subset":
        return k + 2
    return k


# ---- continuations and statements ----------------------------------------------------


def _continuations(norm: str, tokens: Sequence[Token], group: Group, lex: CasualtyLexicon,
                   used: list[bool]) -> list[Group]:
    """More groups of the same kind: "مقتل 2 من الجنود و3 من المدنيين"، "10 بحسب الشرطة و15 بحسب..."."""
    found: list[Group] = []
    k = group.end
    while k < len(tokens):
        k, alternative = _skip_description(tokens, k, lex)
        if k >= len(tokens) or not tokens[k].conj:
            break
        q = _quantity(norm, tokens, k, lex, used)
        if q is None:
            person = _counted_person(tokens, k, lex, used)
            if person is None:
                break
            found.append(Group(group.kind, person, k, k + 1, alternative))
            k += 1
            continue
        end = _tail(tokens, q.end, lex)
        if end < len(tokens) and match_phrase(tokens, end, lex.cues):
            break  # "قتيل و6 مصابين": the 6 belongs to the next casualty word
        used[k:end] = [True] * (end - k)
        found.append(Group(group.kind, q.count, k, end, alternative, vague=q.vague))
        k = end
    return found


def _counted_person(tokens: Sequence[Token], k: int, lex: CasualtyLexicon, used: list[bool]) -> Count | None:
    """ "إصابة ضابط وجنديين"، "مقتل طفلين وامرأة": a singular or dual person noun after و
    adds its own count; a plural ("ومدنيين") says none."""
    number = _person(tokens[k], lex) if not used[k] else None
    if not number:
        return None
    used[k] = True
    return Count(min=number, max=number)


def _skip_description(tokens: Sequence[Token], k: int, lex: CasualtyLexicon) -> tuple[int, bool]:
    """Past "من الحشد"، "في صفوف الجيش" or a source ("بحسب الشرطة") before the next "و"."""
    alternative = False
    for _ in range(4):
        if k >= len(tokens) or tokens[k].conj or _is_number(tokens, k, lex):
            break
        text = tokens[k].text
        role = lex.markers.get(text)
        if role == "source":
            alternative = True
        elif not text.isalpha() or match_phrase(tokens, k, lex.cues) or (
            role is not None and text not in ("من", "في")
        ):
            break
        k += 1
    return k, alternative


def _statements(tokens: Sequence[Token], groups: list[Group]) -> list[list[Group]]:
    """Groups in one clause, close together, form one statement."""
    statements: list[list[Group]] = []
    for g in sorted(groups, key=lambda g: g.first):
        if statements and _joined(tokens, statements[-1][-1], g):
            statements[-1].append(g)
        else:
            statements.append([g])
    return statements


def _joined(tokens: Sequence[Token], prev: Group, nxt: Group) -> bool:
    if nxt.first - prev.end > STATEMENT_GAP:
        return False
    return not any(tokens[k].is_break for k in range(prev.end, nxt.first))


def _mention(tokens: Sequence[Token], statement: list[Group], lex: CasualtyLexicon) -> CasualtyMention:
    first, end = min(g.first for g in statement), max(g.end for g in statement)
    return CasualtyMention(
        start=tokens[first].start,
        end=tokens[end - 1].end,
        revised=_rose(tokens, first, end, lex),
        killed=_total(g for g in statement if g.kind == "killed"),
        injured=_total(g for g in statement if g.kind == "injured"),
        killed_vague=_all_vague(g for g in statement if g.kind == "killed"),
        injured_vague=_all_vague(g for g in statement if g.kind == "injured"),
    )


RISE_REACH = 4  # words before a statement a "rise" word may stand ("ارتفعت حصيلة ضحايا الغارة إلى 16")


def _rose(tokens: Sequence[Token], first: int, end: int, lex: CasualtyLexicon) -> bool:
    """The statement gives the figure a toll rose to ("ارتفع عدد القتلى إلى خمسة")."""
    return any(_marked(tokens[k], lex, "rise") for k in range(max(0, first - RISE_REACH), end))


def _all_vague(groups: Iterable[Group]) -> bool:
    flags = [g.vague for g in groups]
    return bool(flags) and all(flags)


def _total(groups: Iterable[Group]) -> Count | None:
    """Sum of the groups; another source's figure widens the range instead of adding."""
    total: Count | None = None
    for g in groups:
        if total is None:
            total = g.count
        elif g.cause:
            continue
        elif g.alternative:
            total = Count(min=min(total.min, g.count.min), max=max(total.max, g.count.max))
        else:
            total = Count(min=total.min + g.count.min, max=total.max + g.count.max)
    return total
