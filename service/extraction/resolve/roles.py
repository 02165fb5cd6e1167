"""Who did it and who suffered it: actor roles from cue words in the clause.

An actor mention takes the role of the nearest cue word to its left in the
same clause (``على X`` target, ``من قبل X`` perpetrator, ``تبنت X`` claim,
``حمّلت X مسؤولية`` blame, ``قال X`` speaker), or of a cue right after it
(``X تعرض لهجوم`` target). Without a cue, an actor before the event word is
its subject (perpetrator) and one after it is its object (target). Two
constructions name the doer without a cue word before it: ل right behind the
event phrase (``هجوم لمسلحي داعش``), and a speaker announcing its own act
(``أعلنت المقاومة استهداف``, ``أعلن الجيش أن طائراته أغارت``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import msgspec

from service.extraction.lexicon import PhraseMatcher
from service.extraction.model import ActorMention, Trigger
from service.extraction.normalize import normalize_phrase
from service.extraction.segment import words_between

Role = Literal["perpetrator", "target", "claim", "blame", "speaker", "backer"]
DATA = Path(__file__).resolve().parent.parent / "data" / "roles.tsv"
CUE_REACH_WORDS = 6  # a cue governs an actor at most this many words away
# A speech verb names its speaker right after it ("قالت سنتكوم"); further on,
# the actor belongs to the reported clause ("قال مسؤولون إن الجيش ... شن").
SPEAKER_REACH_WORDS = 1
ADJECTIVE_REACH_WORDS = 3  # a nisba adjective names an actor only right after its noun
ADJOIN_MAX_CHARS = 64  # three words and their spaces, with room to spare


class Cue(msgspec.Struct, frozen=True):
    role: str
    direction: Literal["after", "before"]
    reach: int  # how many words away the cue still governs an actor


class RoleLexicon(msgspec.Struct, frozen=True):
    cues: PhraseMatcher[Cue]
    military_nouns: PhraseMatcher[Cue]
    agent_nouns: frozenset[str]  # "مسلحي", "طائرات": a party's fighters and arms
    own_acts: frozenset[str]  # "استهداف", "شن": what a speaker announces it did
    repels: frozenset[str]  # "صد", "تصدت": a speaker announcing them was the target
    lam_events: frozenset[str]  # "هجوم", "قصف": event nouns whose ل marks the doer
    victims: frozenset[str]  # actor ids that are never the doer ("civilians")
    unarmed: frozenset[str]  # actor ids of no armed party ("civilians", "us-government")
    state: frozenset[str]  # actor ids of states' forces ("saf", "generic-army")


def load_role_lexicon(path: Path = DATA) -> RoleLexicon:
    cues: list[tuple[str, Cue]] = []
    nouns: list[tuple[str, Cue]] = []
    words: dict[str, set[str]] = {"agent_noun": set(), "own_act": set(), "lam_event": set(), "repel": set()}
    # rows whose first cell is an actor id, not a phrase of the text
    actor_sets: dict[str, set[str]] = {"victim_actor": set(), "unarmed_actor": set(), "state_actor": set()}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("cue\t"):
            continue
        phrase, role, direction, *rest = line.split("\t")
        if role in actor_sets:
            actor_sets[role].add(phrase)
            continue
        if role in words:
            words[role].add(normalize_phrase(phrase))
            continue
        default = SPEAKER_REACH_WORDS if role == "speaker" else CUE_REACH_WORDS
        cue = Cue(role, direction, int(rest[0]) if rest and rest[0] else default)  # type: ignore[arg-type]
        (nouns if role == "military_noun" else cues).append((phrase, cue))
    return RoleLexicon(
        cues=PhraseMatcher(cues),
        military_nouns=PhraseMatcher(nouns),
        agent_nouns=frozenset(words["agent_noun"]),
        own_acts=frozenset(words["own_act"]),
        repels=frozenset(words["repel"]),
        lam_events=frozenset(words["lam_event"]),
        victims=frozenset(actor_sets["victim_actor"]),
        unarmed=frozenset(actor_sets["unarmed_actor"] | actor_sets["victim_actor"]),
        state=frozenset(actor_sets["state_actor"]),
    )


# "صاروخين مضادين للدروع من الأراضي اللبنانية": past a preposition, the adjective is another noun's
_PREPOSITION = re.compile(r"(?:^|\s)(?:من|في|علي|الي|عن|قرب|داخل|نحو|باتجاه)\s")


def adjective_counts(norm: str, mention: ActorMention, noun_ends: list[int]) -> bool:
    """A nisba adjective names an actor only just after a military or event noun."""
    return any(
        end <= mention.start
        and _adjacent(norm, end, mention.start)
        and not _PREPOSITION.search(norm, end, mention.start)
        for end in noun_ends
    )


def _adjacent(norm: str, a: int, b: int) -> bool:
    """Fewer than ADJECTIVE_REACH_WORDS words between a and b."""
    return words_between(norm, a, b, ADJECTIVE_REACH_WORDS) < ADJECTIVE_REACH_WORDS


def cue_role(norm: str, mention: ActorMention, cues: list[tuple[int, int, Cue]]) -> Role | None:
    """The role given by the nearest governing cue inside the clause, if any."""
    found = nearest_cue(norm, mention, cues)
    return found[1].role if found else None  # type: ignore[return-value]


def nearest_cue(norm: str, mention: ActorMention, cues: list[tuple[int, int, Cue]]) -> tuple[int, Cue] | None:
    """(position, cue) of the nearest cue that governs the mention, if any."""
    best: tuple[int, int, Cue] | None = None
    for start, end, cue in cues:
        if cue.direction == "after" and end <= mention.start:
            gap = words_between(norm, end, mention.start, cue.reach)
        elif cue.direction == "before" and start >= mention.end:
            gap = words_between(norm, mention.end, start, cue.reach)
        else:
            continue
        # a tie goes against the speaker: "أعلن التنظيم مسؤوليته" names who claims, not who spoke
        nearer = best is None or gap < best[0] or (gap == best[0] and best[2].role == "speaker")
        if gap <= cue.reach and nearer:
            best = (gap, start, cue)
    return (best[1], best[2]) if best else None


def positional_role(mention: ActorMention, triggers: list[Trigger]) -> Role:
    """No cue: subject before the event word, object after it. An actor whose name is itself
    an event phrase ("مسلحون مجهولون") is measured against the other event words."""
    others = [t.start for t in triggers if not (t.start < mention.end and mention.start < t.end)]
    first = min(others) if others else mention.end
    return "perpetrator" if mention.end <= first else "target"


def assign_roles(
    norm: str,
    clause: tuple[int, int],
    actors: list[ActorMention],
    triggers: list[Trigger],
    lex: RoleLexicon,
) -> list[tuple[ActorMention, Role]]:
    """The role of every actor mention in one clause."""
    if not actors:
        return []  # most clauses name no actor: spare the two cue scans
    a, b = clause
    text = norm[a:b]
    found = [(m.start + a, m.end + a, m.payload) for m in lex.cues.find(text)]
    cues = [c for c in found if c[2].role not in ("verb", "between")]
    # verbs, then event words spelled as verbs: what an actor right after is the subject of
    verbal = {t.start: _is_verb_phrase(norm, t) for t in triggers}
    nouns_told = [t.end for t in triggers if not verbal[t.start]]
    verbs = [(start, end) for start, end, cue in found if cue.role == "verb"]
    verbs += [(t.start, t.end) for t in triggers if verbal[t.start]]
    verb_ends = [end for start, end in verbs if not _relative(norm, start, nouns_told)]
    # only an adjective mention asks for the nouns it may follow: spare the scan otherwise
    nouns = lex.military_nouns.find(text) if any(m.form == "adjective" for m in actors) else []
    noun_ends = [m.end + a for m in nouns] + [t.end for t in triggers]
    out: list[tuple[ActorMention, Role]] = []
    for mention in actors:
        if _APPOSITION.search(norm, max(a, mention.start - 8), mention.start):
            continue  # "وقال علي، وهو مسعف في الهلال الأحمر": who the speaker is, no party
        if _describes_victims(norm, clause, mention):
            continue
        if mention.form == "adjective":
            if not adjective_counts(norm, mention, noun_ends):
                continue
            # "أطلق جنود إسرائيليون النار": the noun and its adjective are the verb's subject
            subject = _subject_of_verb(norm, mention, verb_ends, a, actors, lex.agent_nouns)
            role = "perpetrator" if subject else _adjective_role(norm, mention, cues, triggers)
        elif (
            _subject_of_verb(norm, mention, verb_ends, a, actors, lex.agent_nouns)
            or _lam_agent(norm, mention, triggers, cues, lex)
            or _verb_follows(norm, mention, triggers, cues, lex.agent_nouns)
            or _subject_before_aside(norm, mention, clause, triggers)
            or _that_subject(norm, mention, verbs)
        ):
            role = "perpetrator"
        else:
            role = cue_role(norm, mention, cues) or _uncued_role(mention, clause, triggers)
        if role == "speaker" and _speaks_of_own_act(norm, mention, triggers, lex):
            role = "target" if _repelled(norm, mention, triggers, lex) else "perpetrator"
        if mention.actor_id in lex.victims and role in ("perpetrator", None):
            role = "target"  # "عشرة مدنيين، بينهم أطفال، قتلوا ... في قصف": civilians are hit
        if role is not None:
            out.append((mention, role))
    out = _of_their_group(norm, out)
    return _clash_sides(norm, out, [c for c in found if c[2].role == "between"], triggers, lex.victims)


GUNMEN = "generic-gunmen"  # armed men of no stated side ("مسلحون")
_OF = re.compile(r"\s+(?:من|ينتمون\s+الي|تابعين\s+ل|تابعون\s+ل)\s*$")


def _of_their_group(norm: str, roles: list[tuple[ActorMention, Role]]) -> list[tuple[ActorMention, Role]]:
    """ "خطف مسلحون من حركة الشباب موظفين": the group after a generic noun and من says whose
    men they are, so it has their part."""
    out = list(roles)
    for i in range(1, len(out)):
        (prev, role), (mention, _) = out[i - 1], out[i]
        if prev.actor_id == GUNMEN and _OF.match(norm[prev.end : mention.start]):
            out[i] = (mention, role)
    return out


_APPOSITION = re.compile(r"(?:^|\s)وه(?:و|ي|م|ما)\s+$")
# "بينهم قياديان كانا مسؤولين عن تجنيد الأطفال": past the few words naming who was among the
# victims, the clause tells who they were, and the actors in it took no part
_AMONG = re.compile(r"\W*(?:و?من\s+)?بينه(?:م|ن|ما)\s")
AMONG_REACH_WORDS = 4


def _describes_victims(norm: str, clause: tuple[int, int], mention: ActorMention) -> bool:
    among = _AMONG.match(norm, clause[0], clause[1])
    if among is None:
        return False
    return words_between(norm, among.end(), mention.start, AMONG_REACH_WORDS) > AMONG_REACH_WORDS


def _clash_sides(
    norm: str,
    roles: list[tuple[ActorMention, Role]],
    between: list[tuple[int, int, Cue]],
    triggers: list[Trigger],
    victims: frozenset[str],
) -> list[tuple[ActorMention, Role]]:
    """ "اشتباكات بين قسد ومقاتلي العشائر": both sides come after بين and read as objects; in a
    clash the first is the doer (ACLED's actor 1) and the others stay targets."""
    if not between or not any(t.sub_event_type == "armed_clash" for t in triggers):
        return roles
    _, end, cue = between[0]
    if any(role == "perpetrator" for m, role in roles if m.end <= end):
        return roles  # "هاجمت قوات X مواقع بين Y وZ": the doer is named before بين
    for i, (mention, _) in enumerate(roles):
        if mention.start >= end and words_between(norm, end, mention.start, cue.reach) <= cue.reach:
            if mention.actor_id not in victims:
                roles[i] = (mention, "perpetrator")
            break
    return roles


# "أعلنت المقاومة، في بيان مساء الثلاثاء، أنها استهدفت": an aside between commas may come first
_QUOTE = r"[\"«]?"  # the event phrase may open a quotation ('أن قواتها نفذت "ضربة دقيقة"')
_OWN_ACT = re.compile(
    r"^\W*(?:(?:\w+\s+){0,3}?|[^,.]{1,40},\s*)(?:ب?ان|اعلن|اكد)(?:ه|ها|هم)\s+(?:\w+\s+)?" + _QUOTE + "$"
)
# "أعلن الجيش، صباح اليوم، أن طائراته الحربية أغارت": أن, then the speaker's own forces
# (the speaker's name and an aside may come first, "يحيى سريع، مساء الأحد، أن قواته", and an
# aside between commas may follow the verb: "أن قواتها نفذت، مساء الجمعة، ضربات")
_OWN_FORCES = re.compile(
    r"^\W*(?:\w+\W+){0,5}?ب?ان\s+(\w+?)(?:ه|ها|هم)\s+(?:\w+\s*)?(?:,[^,.]{1,30},\s*)?" + _QUOTE + "$"
)
OWN_ACT_REACH_CHARS = 120  # the few words any of these patterns allows, with room to spare
OWN_ACT_GAP_WORDS = 4  # "أعلنت المقاومة، في بيان مساء الأربعاء، استهداف": words before the act
_WORD = re.compile(r"\w+")
_THAT = frozenset({"ان", "بان", "انه", "انها", "انهم"})


def _speaks_of_own_act(norm: str, mention: ActorMention, triggers: list[Trigger], lex: RoleLexicon) -> bool:
    """ "الجيش الأمريكي قال إنه شن الضربات", "أعلنت إسرائيل أنها قصفت", "أعلن الجيش أن
    طائراته أغارت", "أعلنت المقاومة استهداف قاعدة": the speaker did it."""
    for t in triggers:
        if not mention.end <= t.start <= mention.end + OWN_ACT_REACH_CHARS:
            continue
        gap = norm[mention.end : t.start]
        if _OWN_ACT.match(gap) or _announces_act(gap, _head_word(norm, t), lex):
            return True
        # the forces noun may be the event phrase's own first word: "إن مقاتلاتها دمرت"
        for text in (gap, f"{gap}{_head_word(norm, t)} "):
            forces = _OWN_FORCES.match(text)
            if forces and forces[1] in lex.agent_nouns:
                return True
    return False


def _repelled(norm: str, mention: ActorMention, triggers: list[Trigger], lex: RoleLexicon) -> bool:
    """ "أعلن الجيش أنه صد هجوما": the act announced is repelling the attack."""
    for t in triggers:
        if mention.end <= t.start <= mention.end + OWN_ACT_REACH_CHARS:
            words = _WORD.findall(norm[mention.end : t.start])
            return bool(words) and words[-1] in lex.repels
    return False


def _announces_act(gap: str, head: str, lex: RoleLexicon) -> bool:
    """The event word (``head``, its first word), or the verbal noun just before it ("شن هجوم"),
    is what was announced."""
    words = _WORD.findall(gap)
    if len(words) > OWN_ACT_GAP_WORDS or _THAT.intersection(words):
        return False
    return head in lex.own_acts or (bool(words) and words[-1] in lex.own_acts)


# the event noun's ل-phrase: a nisba adjective between at most ("قصف مدفعي ل", "غارة جوية ل")
_LAM_GAP = re.compile(r"^\s+(?:(\w+(?:ي|يه|يا))\s+)??(?:ل(\w*)\s*)?$")
# "هجوم داعش", 'حصيلة هجوم "داعش"': the bare noun's genitive, right after it, is its doer
_CONSTRUCT_GAP = re.compile(r"\s*[\"«]?\s*")
LAM_REACH_CHARS = 40  # an adjective and ل + one noun; a longer gap fails _LAM_GAP anyway


def _lam_agent(
    norm: str,
    mention: ActorMention,
    triggers: list[Trigger],
    cues: list[tuple[int, int, Cue]],
    lex: RoleLexicon,
) -> bool:
    """ "هجوم لمسلحي داعش", "قصف مدفعي لقوات الدعم السريع", "غارة للتحالف": ل right behind
    an attack noun marks its doer (after "استهداف" it marks the object, and behind a
    noun, "مخيما للنازحين", its owner); so does the genitive of the bare noun ("هجوم داعش")."""
    for t in triggers:
        near = t.end <= mention.start <= t.end + LAM_REACH_CHARS
        head = _head_word(norm, t)
        if not near or head not in lex.lam_events:
            continue
        bare = head == norm[t.start : t.end] and not head.startswith("ال")
        if bare and _CONSTRUCT_GAP.fullmatch(norm, t.end, mention.start):
            return True
        gap = _LAM_GAP.match(norm[t.end : mention.start])
        if gap is None or _role_cue_between(t.end, mention.start, cues):
            continue
        if gap[2] is None:
            lam = norm.startswith("لل", mention.start)  # the article folded into ل: "للتحالف"
        else:
            lam = gap[2] == "" or gap[2] in lex.agent_nouns
        if lam:
            return True
    return False


def _relative(norm: str, verb_start: int, noun_ends: list[int]) -> bool:
    """ "غارة جوية استهدفت عناصر من حركة الشباب": the event noun right before the verb is its
    subject, so the actor after the verb is its object; not where the verb takes the noun as its
    object pronoun ("لغم أرضي زرعه تنظيم داعش")."""
    verb = norm[verb_start : verb_start + 16].split(maxsplit=1)[0]
    if verb.endswith(("ه", "ها", "هم")):
        return False
    return any(end < verb_start and norm[end:verb_start].isspace() for end in noun_ends)


def _subject_of_verb(
    norm: str,
    mention: ActorMention,
    verb_ends: list[int],
    clause_start: int,
    actors: list[ActorMention],
    agent_nouns: frozenset[str],
) -> bool:
    """Verb-subject order: "قصفت طائرات أمريكية ...", "استهدف الحوثيون سفينة", "اشتبكت قوات
    الجيش": the first actor right after a past-tense verb, or after a party's forces noun right
    after it, is its subject, unless a subject came before it."""
    for end in verb_ends:
        if end <= mention.start and _adjoins(norm, end, mention.start, agent_nouns):
            return not any(clause_start <= a.start and a.end <= end for a in actors if a is not mention)
    return False


def _that_subject(norm: str, mention: ActorMention, verbs: list[tuple[int, int]]) -> bool:
    """ "أعلنت الوزارة أن قوات الجيش الوطني نفذت، أمس السبت، عملية": the subject of a
    that-clause whose verb of attack follows it."""
    if not _after_that(norm, mention, 0):
        return False
    return any(start >= mention.end and words_between(norm, mention.end, start, 0) == 0 for start, _ in verbs)


def _verb_follows(
    norm: str,
    mention: ActorMention,
    triggers: list[Trigger],
    cues: list[tuple[int, int, Cue]],
    agent_nouns: frozenset[str],
) -> bool:
    """Subject-verb order: "أن عناصر التنظيم هاجموا النقطة": an event verb right after the actor
    makes it the subject, though a forces noun ("عناصر", mostly of victims) came before it; a
    preposition keeps its object ("الضربات ضد كتائب حزب الله استهدفت")."""
    verb_next = any(
        t.start >= mention.end
        and words_between(norm, mention.end, t.start, 0) == 0
        and (_head_word(norm, t).endswith("وا") or _is_verb_phrase(norm, t))
        for t in triggers
    )
    if not verb_next:
        return False  # the usual case: spare the cue search
    cue = nearest_cue(norm, mention, cues)
    if cue is None:
        return True
    cue_word = _WORD.findall(norm[cue[0] : mention.start])[:1]
    return bool(cue_word) and cue_word[0].removeprefix("ال") in agent_nouns


_THAT_BEFORE = re.compile(r"(?:^|\s)ان\s+$")  # normalized text: أن and إن are ان
ASIDE_WORDS = 15


def _after_that(norm: str, mention: ActorMention, floor: int) -> bool:
    """The mention opens a that-clause ("أن قوات الجيش"); ``floor``: where to look back no further."""
    return _THAT_BEFORE.search(norm, max(floor, mention.start - 6), mention.start) is not None


def _subject_before_aside(
    norm: str, mention: ActorMention, clause: tuple[int, int], triggers: list[Trigger]
) -> bool:
    """ "أعلنت الحكومة أن قوات الجيش، بمساندة مسلحين من العشائر، استعادت السيطرة": the subject
    of a that-clause, its verb after an aside between commas."""
    if not _after_that(norm, mention, clause[0]):
        return False
    if norm[mention.end : clause[1]].strip(" ,،"):
        return False  # the clause goes on after the actor: its own words say its part
    later = [t for t in triggers if t.start >= clause[1]]
    if not later:
        return False
    verb = min(later, key=lambda t: t.start)
    near = words_between(norm, mention.end, verb.start, ASIDE_WORDS) < ASIDE_WORDS
    return near and _is_verb_phrase(norm, verb)


def _adjoins(norm: str, end: int, start: int, agent_nouns: frozenset[str]) -> bool:
    """Nothing but spaces between ``end`` and ``start``, or a forces noun ("قوات", "العناصر"),
    maybe a part of another ("عناصر من قوات")."""
    if words_between(norm, end, start, 0) == 0:
        return True
    if start - end > ADJOIN_MAX_CHARS:
        return False  # more than three words for sure: spare reading a long gap word by word
    words = _WORD.findall(norm[end:start])
    if not 0 < len(words) <= 3 or words[0].removeprefix("ال") not in agent_nouns:
        return False
    rest = words[2:]
    return len(words) == 1 or (words[1] == "من" and all(w.removeprefix("ال") in agent_nouns for w in rest))


def _role_cue_between(a: int, b: int, cues: list[tuple[int, int, Cue]]) -> bool:
    """A cue other than a speaker's starts in [a, b) ("غارات على مواقع لحزب الله")."""
    return any(a <= start < b and cue.role != "speaker" for start, _, cue in cues)


def _is_verb_phrase(norm: str, t: Trigger) -> bool:
    head = _head_word(norm, t)
    return head.endswith("ت") and len(head) > 3


def _head_word(norm: str, t: Trigger) -> str:
    """The first word of an event phrase ("قصف" of "قصف مدفعي"), or "" for a blank one."""
    words = norm[t.start : t.end].split(maxsplit=1)
    return words[0] if words else ""


def _uncued_role(mention: ActorMention, clause: tuple[int, int], triggers: list[Trigger]) -> Role | None:
    """Subject or object of the clause's own event word; in a clause after the event,
    an object; in a clause before it ("دعا متحدث ... الحكومة إلى"), no part in it."""
    own = [t for t in triggers if clause[0] <= t.start < clause[1]]
    if own:
        return positional_role(mention, own)
    return "target" if any(t.end <= mention.start for t in triggers) else None


def _adjective_role(
    norm: str, mention: ActorMention, cues: list[tuple[int, int, Cue]], triggers: list[Trigger]
) -> Role:
    """ "غارات أمريكية", "قصفت طائرات أمريكية": the adjective of the event phrase is its
    perpetrator; "استهداف مواقع عراقية", "إصابة جنود أمريكيين": a victim noun or other
    cue between the event word and the adjective gives the cue's role."""
    cue = nearest_cue(norm, mention, cues)
    for t in triggers:
        inside = t.start < mention.start < t.end  # "ضربات أمريكية" as one event phrase
        near = inside or (t.end <= mention.start and _adjacent(norm, t.end, mention.start))
        if near and (cue is None or cue[0] < t.start):
            return "perpetrator"
    return cue[1].role if cue else positional_role(mention, triggers)  # type: ignore[return-value]
