"""Casualty finder: a table of Arabic sentences → (killed, injured) of their statements."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.extraction.mentions import numbers
from service.extraction.mentions.casualties import (
    CasualtyLexicon,
    _starts,
    find_casualties,
    load_casualty_lexicon,
)
from service.extraction.mentions.numbers import (
    DATA_DIR,
    Token,
    _may_start_quantity,
    match_phrase,
    parse_number,
    parse_number_text,
    read_rows,
    tokenize,
)
from service.extraction.model import Count
from service.extraction.normalize import normalize, normalize_phrase, source_span

Pair = tuple[int, int] | None


@pytest.fixture(scope="module")
def lex() -> CasualtyLexicon:
    return load_casualty_lexicon()


def _counts(text: str, lex: CasualtyLexicon) -> list[tuple[Pair, Pair]]:
    def pair(c: Count | None) -> Pair:
        return None if c is None else (c.min, c.max)

    return [(pair(m.killed), pair(m.injured)) for m in find_casualties(normalize(text), lex)]


# (sentence, [(killed, injured) per statement]); None = the statement says nothing of it.
CASES: list[tuple[str, list[tuple[Pair, Pair]]]] = [
    # number after the noun of death or injury
    ("أسفر القصف عن مقتل 4 جنود في ريف المحافظة", [((4, 4), None)]),
    ("أعلنت الشرطة مقتل ٧ أشخاص في التفجير", [((7, 7), None)]),
    ("قتل ثمانية مدنيين بنيران القناصة", [((8, 8), None)]),
    ("أدى الانفجار إلى إصابة 14 عاملا في المصنع", [(None, (14, 14))]),
    ("انفجرت عبوة بدورية للجيش ما أدى إلى إصابة ضابط وجنديين", [(None, (3, 3))]),
    ("أسفر القصف عن مقتل طفلين وامرأة من عائلة واحدة", [((3, 3), None)]),
    ("أصيب 4 جنود وضابط في الهجوم", [(None, (5, 5))]),
    ("جرح 9 متظاهرين خلال المواجهات", [(None, (9, 9))]),
    ("أصيب ستة أطفال بشظايا القذيفة", [(None, (6, 6))]),
    ("أودى التفجير بحياة 11 شخصا", [((11, 11), None)]),
    ("أودت الغارة الجوية بحياة عائلة من خمسة أفراد", [((5, 5), None)]),
    ("لقي 4 عمال حتفهم إثر سقوط قذيفة", [((4, 4), None)]),
    ("قتل مسلحون مجهولون 3 رعاة في البادية", [((3, 3), None)]),
    # "لقي ... مصرعهم": the count follows the carrier verb, however long the noun phrase
    ("لقي سبعة مزارعين سوريين حتفهم بانفجار لغم", [((7, 7), None)]),
    ("لقي ستة عناصر من قوات الأمن العراقية مصرعهم في الكمين", [((6, 6), None)]),
    ("ولقيت امرأتان حتفهما وأصيب طفل في القصف", [((2, 2), (1, 1))]),
    # a death word with its own count, then an injury verb: two counts, not one shared figure
    ("لقي أربعة حراس مصرعهم وجرح ثلاثة آخرون ليلا", [((4, 4), (3, 3))]),
    ("خمسة رعاة قتلوا وأصيب اثنان آخران", [((5, 5), (2, 2))]),
    # the count before a verb, past an aside naming a subset of it
    ("أكدت المصادر أن ثمانية عمال، بينهم طفلان، قتلوا وأصيب 14 آخرون", [((8, 8), (14, 14))]),
    # died of the attack
    ("توفي ثلاثة مزارعين متأثرين بجروحهم", [((3, 3), None)]),
    ("وتوفيت سيدة مسنة بعد القصف", [((1, 1), None)]),
    # number before the noun
    ("خلفت المعارك 23 قتيلا من الطرفين", [((23, 23), None)]),
    ("سقط 5 قتلى في اشتباكات عنيفة", [((5, 5), None)]),
    ("نقل 12 جريحا إلى مستشفى المدينة", [(None, (12, 12))]),
    ("سجلت المستشفيات 40 مصابا حتى الآن", [(None, (40, 40))]),
    ("أفادت مصادر طبية بوصول 8 جرحى", [(None, (8, 8))]),
    ("سقوط خمسة شهداء في قصف على المخيم", [((5, 5), None)]),
    ("أربعة جنود أتراك قتلوا في هجوم بعبوة ناسفة", [((4, 4), None)]),
    ("عشرة أشخاص أصيبوا بجروح متفاوتة", [(None, (10, 10))]),
    # a singular or dual noun states the count itself
    ("قتل شرطي في هجوم مسلح على حاجز", [((1, 1), None)]),
    ("استشهاد منتسب في الدفاع المدني", [((1, 1), None)]),
    ("أدى القصف إلى إصابة شخص بجروح طفيفة", [(None, (1, 1))]),
    ("سقط قتيلان وجريح في الهجوم", [((2, 2), (1, 1))]),
    ("سقوط قتيل في اشتباك قبلي", [((1, 1), None)]),
    ("مقتل جنديين في كمين على الطريق الدولي", [((2, 2), None)]),
    ("أسفر الحادث عن مقتل شخصين", [((2, 2), None)]),
    ("أصيب مدنيان بنيران الجيش", [(None, (2, 2))]),
    ("مقتل مدنيين في قصف مدفعي", []),  # plural without a number: unknown
    ("استشهد شابان برصاص القوات", [((2, 2), None)]),
    ("لقي سائق حتفه في الانفجار", [((1, 1), None)]),
    ("ارتفعت الحصيلة بعد وفاة جريحين متأثرين بجراحهما", [((2, 2), None)]),
    ("أطلق مسلحون النار على الرجلين ما أدى إلى مقتلهما", [((2, 2), None)]),
    ("أدى الهجوم إلى مقتلهم جميعا", []),
    ("مقتل أحد عناصر الأمن في الكمين", [((1, 1), None)]),
    ("قتل القياديان في الغارة", [((2, 2), None)]),
    # "آخرين" and sums over groups in one statement
    ("أدى الهجوم إلى مقتل ضابط وإصابة 9 آخرين", [((1, 1), (9, 9))]),
    ("قتل جندي وأصيب آخر في إطلاق نار", [((1, 1), (1, 1))]),
    ("سقط قتيل و4 جرحى من الجيش و7 جرحى من المدنيين", [((1, 1), (11, 11))]),
    ("مقتل 3 من عناصر الشرطة و2 من المدنيين", [((5, 5), None)]),
    ("أصيب 6 من المسعفين و4 من الصحفيين", [(None, (10, 10))]),
    ("أسفرت الغارة عن مقتل 7 أشخاص بينهم 3 أطفال", [((7, 7), None)]),
    ("مقتل 4 جنود وإصابة 11 آخرين بجروح", [((4, 4), (11, 11))]),
    # number words, compounds, large numbers
    ("قتل خمسة وعشرون مسلحا في المعركة", [((25, 25), None)]),
    ("أصيب ثلاثة عشر شخصا في الحادث", [(None, (13, 13))]),
    ("قتل مئة وعشرون مقاتلا خلال أسبوع", [((120, 120), None)]),
    ("مقتل 1,200 شخص في المجاعة والقصف", [((1200, 1200), None)]),
    ("مقتل ١٫٥٠٠ شخص منذ بدء المعارك", [((1500, 1500), None)]),
    ("قتل ثلاثة آلاف مدني في الحصار", [((3000, 3000), None)]),
    ("أصيب مئتا شخص بحالات اختناق", [(None, (200, 200))]),
    ("مقتل المسلحين الأربعة في الاشتباك", [((4, 4), None)]),
    # vague quantities and qualifiers
    ("قتل عشرات المدنيين في المجزرة", [((10, 10), None)]),
    ("أصيب العشرات في التدافع", [(None, (10, 10))]),
    ("مقتل مئات المقاتلين في المعارك", [((100, 100), None)]),
    ("إصابة بضعة أشخاص بجروح", [(None, (3, 3))]),
    ("أسفر القصف عن مقتل عدد من الرعاة", [((2, 2), None)]),
    ("أصيب عدة جنود في الهجوم", [(None, (2, 2))]),
    ("قتل نحو 30 شخصا في الانفجار", [((30, 30), None)]),
    ("مقتل أكثر من 15 مدنيا", [((15, 15), None)]),
    ("مقتل ما لا يقل عن 6 أشخاص", [((6, 6), None)]),
    ("قتل 9 أشخاص على الأقل وأصيب 20", [((9, 9), (20, 20))]),
    ("ارتفعت حصيلة القتلى إلى 17", [((17, 17), None)]),
    ("بلغ عدد الجرحى 33 جريحا", [(None, (33, 33))]),
    # ranges
    ("قتل بين 10 و20 مسلحا في الغارات", [((10, 20), None)]),
    ("أصيب ثلاثة أو أربعة أشخاص", [(None, (3, 4))]),
    ("مقتل 12 شخصا بحسب الدفاع المدني و15 بحسب مصادر محلية", [((12, 15), None)]),
    # zero
    ("سقطت قذيفة على المطار لم تسفر عن ضحايا", [((0, 0), (0, 0))]),
    ("انفجرت العبوة دون وقوع إصابات", [(None, (0, 0))]),
    ("لم تسجل إصابات بشرية جراء القصف", [((0, 0), (0, 0))]),
    ("سقط صاروخ في أرض زراعية ولا إصابات", [(None, (0, 0))]),
    ("لم يصب أحد في الحادث", [(None, (0, 0))]),
    ("لم يسفر الاعتداء عن خسائر بشرية", [((0, 0), (0, 0))]),
    # no information is no zero
    ("قصفت الطائرات مخابئ في البادية، دون ورود معلومات عن خسائر بشرية", []),
    ("سقطت قذيفة قرب السفارة، ولم ترد تفاصيل عن وقوع إصابات", []),
    # not casualties
    ("أكد الجيش إصابة الهدف بدقة", []),
    ("أصيبت السيارة بأضرار جسيمة", []),
    ("نفذ التنظيم 115 هجوما خلال العام", []),
    ("وقع الانفجار عند الساعة 10:30 صباحا", []),
    ("شن الطيران غارة في 26 ديسمبر", []),
    ("يبلغ الجندي من العمر 25 عاما", []),
    ("أحدث الصاروخ إصابة مباشرة في المبنى", []),
    ("رصدت الحكومة 5 ملايين دولار للإعمار", []),
    ("مقتل وإصابة 10 أشخاص في الانفجار", []),  # one figure for both: cannot be split
    ("زعم التنظيم أنه أوقع أكثر من عشرة بين قتيل وجريح", []),  # likewise, after بين
    ("أسفر الهجوم عن سقوط قتيلين وجريح", [((2, 2), (1, 1))]),
    ("قتل في الهجوم 5 أشخاص", [((5, 5), None)]),
    ("قتل في الهجوم على القاعدة في الساعة 5", []),
    ("أسفرت المواجهات عن سقوط 3 قتلى و5 جرحى", [((3, 3), (5, 5))]),
    ("قتل 3 أشخاص وأصيب 5 آخرون", [((3, 3), (5, 5))]),
    ("مقتل ثلاثة من عناصر الحرس", [((3, 3), None)]),
    ("أعلنت الوزارة ارتفاع عدد الشهداء إلى 30 شهيدا", [((30, 30), None)]),
    ("نقل المصابون إلى المستشفى", []),
    ("مقتل 3 وإصابة 7", [((3, 3), (7, 7))]),
    ("أصيب 3 أشخاص، اثنان منهم في حالة حرجة", [(None, (3, 3))]),
    ("قتلت القوات 12 مسلحا في المداهمة", [((12, 12), None)]),
    ("اغتيال قيادي في الحركة", [((1, 1), None)]),
    ("استشهد فلسطينيان وأصيب 3 آخرون برصاص الاحتلال", [((2, 2), (3, 3))]),
    ("قتل 3 جنود وجرح 30 آخرون في هجوم على القاعدة 22", [((3, 3), (30, 30))]),
    ("مقتل 15 شخصا، بينهم 4 نساء، وإصابة 20 آخرين", [((15, 15), (20, 20))]),
    # what explains a changed toll is inside it; a part of a toll is no addition to it
    ("ارتفع عدد القتلى إلى أربعة، بعد وفاة أحد الجرحى في المستشفى", [((4, 4), None)]),
    ("ارتفعت الحصيلة إلى 9 قتلى إثر وفاة اثنين من المصابين", [((9, 9), None)]),
    ("وأصيب 16 شخصا بينهم 3 إصابات حرجة", [(None, (16, 16))]),
    ("وقال الطبيب إن 4 إصابات خطيرة بين الجرحى", []),
    # kin, as monitors name victims
    ("أسفر القصف عن مقتل الشقيقين سامر وعلي", [((2, 2), None)]),
    ("قتل رجل وأصيب شقيقه بجروح في إطلاق نار", [((1, 1), (1, 1))]),
    # two statements in two sentences
    ("قتل جندي في درعا. وفي حادث آخر أصيب 3 مدنيين في حمص", [((1, 1), None), (None, (3, 3))]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_statements(text: str, expected: list[tuple[Pair, Pair]], lex: CasualtyLexicon) -> None:
    assert _counts(text, lex) == expected


NUMBERS = [
    ("18", (18, 18)),
    ("1.200", (1200, 1200)),
    ("ثلاث", (3, 3)),
    ("ثلاثة", (3, 3)),
    ("خمس", (5, 5)),
    ("أحد عشر", (11, 11)),
    ("اثنا عشر", (12, 12)),
    ("تسعة عشر", (19, 19)),
    ("تسعين", (90, 90)),
    ("مئة", (100, 100)),
    ("مائة", (100, 100)),
    ("مئتين", (200, 200)),
    ("ثلاثمئة", (300, 300)),
    ("ألفان", (2000, 2000)),
    ("خمسة وعشرون", (25, 25)),
    ("مئة وخمسون", (150, 150)),
    ("عشرات", (10, 10)),
    ("العشرات", (10, 10)),
    ("مئات", (100, 100)),
    ("آلاف", (1000, 1000)),
    ("بضعة", (3, 3)),
    ("عدد من", (2, 2)),
    ("نحو 40", (40, 40)),
    ("ما يزيد على 40", (40, 40)),
    ("حتى 40", (40, 40)),
    ("بين 40 و50", (40, 50)),
    ("٣٣", (33, 33)),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number(text: str, expected: tuple[int, int], lex: CasualtyLexicon) -> None:
    count = parse_number_text(text, lex.numbers)
    assert count is not None and (count.min, count.max) == expected


@pytest.mark.parametrize("text", ["2.5", "ثلاثة وأربعة", "هجوم", ""])
def test_not_a_number(text: str, lex: CasualtyLexicon) -> None:
    assert parse_number_text(text, lex.numbers) is None


@pytest.mark.parametrize("text", [c[0] for c in CASES])
def test_spans_map_back_into_the_text(text: str, lex: CasualtyLexicon) -> None:
    doc = normalize("  «" + text.replace(" ", "  ") + "»\u200f ")  # extra marks shift offsets
    for m in find_casualties(doc, lex):
        start, end = source_span(doc, m.start, m.end)
        assert 0 <= start < end <= len(doc.text)
        assert normalize(doc.text[start:end]).norm == doc.norm[m.start:m.end]


def _loaded_entries(lex: CasualtyLexicon) -> list[str]:
    tables = [lex.cues, lex.zero_negators, lex.zero_nouns, lex.zero_phrases,
              lex.numbers.vague, lex.numbers.qualifiers]
    phrases = [" ".join(words) for t in tables for entries in t.values() for words, _ in entries]
    return phrases + list(lex.persons) + list(lex.markers) + list(lex.numbers.words)


def test_every_lexicon_entry_is_stable_under_normalization(lex: CasualtyLexicon) -> None:
    entries = _loaded_entries(lex)
    assert len(entries) > 400
    assert [e for e in entries if normalize_phrase(e) != e] == []


def test_no_entry_folds_onto_another_with_a_different_meaning() -> None:
    for name in ("cues.tsv", "person_nouns.tsv", "number_words.tsv", "markers.tsv"):
        seen: dict[str, list[str]] = {}
        for row in read_rows(DATA_DIR / name):
            key = normalize_phrase(row[0])
            assert seen.setdefault(key, row[1:]) == row[1:], (name, row[0])


def test_data_files_have_known_values() -> None:
    roles = {"value", "teen", "hundred", "thousand"}
    assert all(r[2] in roles for r in read_rows(DATA_DIR / "number_words.tsv"))
    assert all(r[1] in ("killed", "injured") and r[2] in ("after", "before", "verb", "object", "none")
               for r in read_rows(DATA_DIR / "cues.tsv"))
    assert all(len(r) == 4 for r in read_rows(DATA_DIR / "cues.tsv") if r[2] == "none")
    markers = ("subset", "source", "unit", "stop", "carrier", "cause", "rise")
    assert all(r[1] in markers for r in read_rows(DATA_DIR / "markers.tsv"))


def test_mentions_are_frozen_and_ordered(lex: CasualtyLexicon) -> None:
    text = "لم يسفر القصف عن ضحايا. وفي اليوم التالي قتل 3 جنود وأصيب 2"
    mentions = find_casualties(normalize(text), lex)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert len(mentions) == 2


ALPHABET = "قتلمصابجرحىيهةوفنعدشخسثأإآ0123456789٠١٢٣ ،.:/-\n"


@given(st.text(alphabet=ALPHABET, max_size=300) | st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_valid_mentions(text: str) -> None:
    lex = _LEX
    doc = normalize(text)
    for m in find_casualties(doc, lex):
        assert 0 <= m.start < m.end <= len(doc.norm)
        start, end = source_span(doc, m.start, m.end)
        assert 0 <= start < end <= len(text)
        for c in (m.killed, m.injured):
            assert c is None or 0 <= c.min <= c.max


_LEX = load_casualty_lexicon()


@pytest.mark.parametrize(
    "text",
    [
        "لم يسفر الهجوم عن أي إصابات",
        "أسفر القصف عن مقتل 4 جنود وإصابة 3 آخرين",
        "وللقتلى والجرحى دون وقوع ضحايا",
    ],
)
def test_start_words_cover_every_phrase_start(text: str, lex: CasualtyLexicon) -> None:
    """The first-word prefilter never hides a token a phrase table would match."""
    tokens = tokenize(normalize(text).norm)
    zero_starts, cue_starts = _starts(tokens, lex.zero_starts), _starts(tokens, lex.cue_starts)
    for i in range(len(tokens)):
        if match_phrase(tokens, i, lex.zero_phrases) or match_phrase(tokens, i, lex.zero_negators):
            assert i in zero_starts
        if match_phrase(tokens, i, lex.cues):
            assert i in cue_starts
    assert cue_starts  # each text has a casualty word


def test_tokens_are_token_tuples() -> None:
    tokens = tokenize(normalize("وقتل 3، ولقي الجنود").norm)
    assert all(isinstance(t, Token) for t in tokens)
    assert [(t.text, t.conj, t.is_digit, t.is_break) for t in tokens][:3] == [
        ("وقتل", True, False, False),
        ("3", False, True, False),
        (",", False, False, False),
    ]
    assert tokens[-1].forms == ("الجنود",) and tokens[-2].conj


@pytest.mark.parametrize(
    ("word", "may_start"),
    [("3", True), ("بين", True), ("نحو", True), ("بضعة", True), ("وخمسة", True), ("الخمسه", True),
     ("الجنود", False), ("قصف", False), (",", False)],
)
def test_quantity_prefilter_agrees_with_the_parser(word: str, may_start: bool, lex: CasualtyLexicon) -> None:
    tokens = tokenize(normalize(f"{word} 10 جنود").norm)
    assert _may_start_quantity(tokens[0], lex.numbers) is may_start
    if not may_start:
        assert parse_number(tokens, 0, lex.numbers) is None


def test_token_shapes_survive_a_full_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(numbers, "_SHAPES", {})
    monkeypatch.setattr(numbers, "_MAX_SHAPES", 2)
    text = normalize("وقتل 3 ولقي الجنود وخمسة").norm
    assert tokenize(text) == tokenize(text)
    assert len(numbers._SHAPES) <= 2


SPACED = "  a_b\t1,200 ,x\n\nو قتل_"


@pytest.mark.parametrize(
    ("text", "start", "end"), [("", 0, None), (SPACED, 0, None), (SPACED, 3, 12), ("_ _", 0, None)]
)
def test_token_offsets_match_a_finditer_scan(text: str, start: int, end: int | None) -> None:
    """Offsets summed from gap lengths land where a match-by-match scan puts them."""
    scan = re.compile(numbers._TOKEN).finditer(text, start, len(text) if end is None else end)
    expected = [m.span() for m in scan if m.group() != "و"]  # a lone و joins the next token
    assert [(t.start, t.end) for t in tokenize(text, start, end)] == expected
