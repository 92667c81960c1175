"""Support at the level of a passage's own pieces: a situation paragraph that lists several matters
("一是职业伤害保障试点有序开展……二是服务阵地不断完善。全市建成“骑手驿站”……三是组织覆盖逐步扩大……") is quoted by
each matter for its own piece only, and a matter the report's item alignment left without a situation (the
骑手驿站 and 工会 parts cut from "（五）加强服务阵地建设和组织覆盖") finds its piece there.

A piece belongs to the matter whose recommendations it is most about (word tf-idf + character-pair cosine,
:func:`topicmine.drafts.sides.assign_sentences`'s score), among all the report's matters; a piece is never
taken from other places' experience (it would read as a fact about this place).

    >>> texts = ["一是职业伤害保障试点有序开展。首批试点平台骑手已纳入职业伤害保障。二是服务阵地不断完善。全市建成“骑手驿站”210个。"]
    >>> [texts[0][a:b] for a, b in enumerated_pieces(texts[0], 0, len(texts[0]))]
    ['一是职业伤害保障试点有序开展。首批试点平台骑手已纳入职业伤害保障。', '二是服务阵地不断完善。全市建成“骑手驿站”210个。']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from topicmine.drafts.records import ReportSection, SupportPassage, UnitGroup
from topicmine.drafts.sides import _scores
from topicmine.text.lexicon import Lexicon
from topicmine.text.structure import ancestors

__all__ = ["enumerated_pieces", "own_pieces", "find_support"]

_ENUM = re.compile(r"(?:^|(?<=[。；;！？\s]))[一二三四五六七八九十]是")
#: lowest score (0–2) at which a piece of the report is a matter's missing situation or problem
FILL_MIN = 0.30
#: how far ahead of every other matter that piece must be
FILL_MARGIN = 0.10
#: lowest score of a piece that names this matter's own object and no other matter's
EXCLUSIVE_MIN = 0.08
EXCLUSIVE_MARGIN = 0.03
#: a piece shorter than this (CJK characters) is a heading or a fragment, not a situation
MIN_PIECE = 16


def lex_terms(text: str, lex: Lexicon | None) -> list[str]:
    from topicmine.drafts.analyze import DEFAULT_LEXICON

    return (lex or DEFAULT_LEXICON).terms(text)


def enumerated_pieces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The "一是……二是……" pieces of ``text[a:b]`` (one piece when it enumerates nothing)."""
    starts = [a + m.start() for m in _ENUM.finditer(text[a:b])]
    if len(starts) < 2:
        return [(a, b)]
    if text[a:starts[0]].strip():
        starts = [a] + starts
    ends = starts[1:] + [b]
    return [(x, y) for x, y in zip(starts, ends) if text[x:y].strip()]


def _clean(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def own_pieces(text: str, groups: Sequence[UnitGroup], group_texts: Sequence[str], lex: Lexicon | None = None) -> None:
    """Cut each group's enumerated supporting passages to the pieces that are about that group (in place):
    a piece stays where it scores best among all groups, or within :data:`FILL_MARGIN` of the best; a passage
    none of whose pieces is about the group stays whole (the report's alignment put it there)."""
    for gi, g in enumerate(groups):
        out: list[SupportPassage] = []
        for p in g.support:
            ps = [_clean(text, x, y) for x, y in enumerated_pieces(text, p.start, p.end)]
            if len(ps) < 2:
                out.append(p)
                continue
            sc = _scores([text[x:y] for x, y in ps], group_texts, lex)
            keep = [k for k in range(len(ps)) if sc[k, gi] >= sc[k].max() - FILL_MARGIN / 2]
            if not keep or len(keep) == len(ps):
                out.append(p)
                continue
            from topicmine.drafts.analyze import clean_text

            for k in keep:
                x, y = ps[k]
                out.append(replace(p, start=x, end=y, text=clean_text(text[x:y])))
        g.support = out


def find_support(text: str, sections: list[ReportSection], passages: Sequence[SupportPassage], kind: str, gi: int,
                 group_texts: Sequence[str], lex: Lexicon | None = None, limit: int = 2,
                 terms: frozenset[str] = frozenset()) -> list[SupportPassage]:
    """Pieces of the report's ``kind`` passages (situation / problem) that are clearly about group ``gi``:
    its best matter by at least :data:`FILL_MARGIN`, scoring :data:`FILL_MIN` or more, sharing a word of
    ``terms`` (the group's own words beyond the report's field) when given. Other places' experience is
    never taken."""
    from topicmine.drafts.analyze import clean_text
    from topicmine.drafts.support import EXTERNAL_HEADING

    cands: list[tuple[int, int, SupportPassage]] = []
    for p in passages:
        if p.kind != kind or p.header or any(EXTERNAL_HEADING.search(s.heading) for s in ancestors(sections, p.section)
                                 if not s.inline):
            continue
        for x, y in enumerated_pieces(text, p.start, p.end):
            x, y = _clean(text, x, y)
            if y - x >= 8:
                cands.append((x, y, p))
            # and its sentences and "；" clauses: "“骑手驿站”分布不均，中心城区以外覆盖不足；骑手子女入学……" is 驿站
            # in its first clause, the 建议案's 公共服务 in the rest
            cuts = [x] + [x + m.end() for m in re.finditer(r"[。；;！？]", text[x:y]) if x + m.end() < y] + [y]
            if len(cuts) > 2:
                cands += [(c, d_, p) for c, d_ in (_clean(text, c, d_) for c, d_ in zip(cuts, cuts[1:])) if d_ - c >= 8]
    if not cands:
        return []
    sc = _scores([text[x:y] for x, y, _ in cands], group_texts, lex)
    # words of this matter's recommendations that no other matter's recommendations use ("驿站")
    others_words = [set(lex_terms(t, lex)) for j, t in enumerate(group_texts) if j != gi]
    exclusive = {t for t in lex_terms(group_texts[gi], lex) if len(t) >= 2 and not any(t in o for o in others_words)}
    exclusive = {t for t in exclusive if t in terms} if terms else exclusive
    picked: list[tuple[float, SupportPassage]] = []
    for k, (x, y, p) in enumerate(cands):
        row = sc[k]
        others = np.delete(row, gi)
        piece = text[x:y]
        clear = row[gi] >= FILL_MIN and (not others.size or row[gi] - others.max() >= FILL_MARGIN)
        # or a piece naming this matter's own object and no other matter's: its score is the highest, if low
        second = others.max() if others.size else 0.0
        own = (row[gi] >= EXCLUSIVE_MIN and row[gi] - second >= EXCLUSIVE_MARGIN and any(t in piece for t in exclusive))
        if not (clear or own):
            continue
        if terms and not any(t in piece for t in terms) or len(re.findall(r"[\u4e00-\u9fff]", piece)) < MIN_PIECE:
            continue
        if piece.endswith(("；", ";")):
            y -= 1  # a clause quoted alone does not end in the semicolon that joined it to the next
        picked.append((float(row[gi]), replace(p, start=x, end=y, text=clean_text(text[x:y]), score=float(row[gi]),
                                               reasons=["本事项在报告中的现状（按用词归属）"])))
    picked.sort(key=lambda t: -t[0])
    out: list[SupportPassage] = []
    for _, p in picked:  # best first; a piece overlapping one already taken (its clause, its paragraph) is not
        if len(out) < limit and not any(p.start < q.end and q.start < p.end for q in out):
            out.append(p)
    return sorted(out, key=lambda p: p.start)


# --------------------------------------------------------------------------------------------------------
# how many measures a drafter counts (check-draft's "有 N 条建议")
# --------------------------------------------------------------------------------------------------------

_CN = "一二三四五六七八九十"
_AT = r"(?:^|(?<=[。；;：:！？\n]))\s*"
#: the list styles a reader tells apart — 第一， · 一是 · 1．/1、 · （一） · 一、 (a "（一）" inside a 一、 measure is a
#: sub-point, a style of its own); the number is group 1; the first item must open a line or sentence, a later one may follow a
#: heading run into it ("……专科医师培训4.明确……": the filed text lost its line break)
_STYLES = (r"第([一二三四五六七八九十]{1,2})[，、,：:．.]", r"([一二三四五六七八九十]{1,2})是", r"(\d{1,2})\s*[、.．](?!\d)",
           r"[（(]([一二三四五六七八九十]{1,2})[）)]", r"(?<![（(])([一二三四五六七八九十]{1,2})、",
           r"建议([一二三四五六七八九十]{1,2})[：:，,、．.]")  # "建议一：……建议二：……" (a reader met "1 条" for three)
_ARABIC = 2  # the index of "1．/1、" in _STYLES
_MEASURE_STYLES = tuple((re.compile(p if p.startswith("[（(]") else _AT + p),  # "（一）" opens an item anywhere
                         re.compile(r"(?<![\d.．一二三四五六七八九十第])" + p)) for p in _STYLES)


def _cn_number(s: str) -> int:
    if s.isdigit():
        return int(s)
    if len(s) == 1:
        return _CN.index(s) + 1
    if s[0] == "十":  # 十一 …
        return 10 + _CN.index(s[1]) + 1
    return 10 * (_CN.index(s[0]) + 1) if s[1] == "十" else 0  # 二十; "一二" is no number


#: an arabic item at a line start whose text opens with digits ("3.12345转办的……"): the list style's "(?!\d)" keeps
#: "1.5亿元" out, so such an item is counted only where it is the list's next number
_LINE_DIGIT_ITEM = re.compile(r"(?m)^[ \t\u3000]*(\d{1,2})[.．](?=\d)")


def listed_measures(text: str) -> int:
    """The top-level measures of a suggestion part as a reader counts them: the list style whose "1"/"一" comes first,
    its items 1, 2, 3 … in order (sub-points in another style, and a section number pasted from the filed text
    ("三、…的对策" before 第一…第六), are not counted); 0 when no style lists two items from the first.

    >>> listed_measures("三、对策。第一，政府投资引导。第二，财税激励。第三，重点品种名单。")
    3
    >>> listed_measures("建议：一、提升定位。二、争取试点。三、加大宣传。四、强化法制。免责条件包括：（一）符合方向；（二）未违反。")
    4
    >>> listed_measures("1．加大投入。一是设立基金；二是贴息。2．完善机制。3．加强宣传。")
    3
    >>> listed_measures("具体建议：建议一：走类型化的定位之路。建议二：打造体育品牌赛事。建议三：完善场馆布局。")
    3
    >>> listed_measures("1.禁止焚烧垃圾。\\n2.完善垃圾池。\\n3.12345转办的投诉以整改结果办结。")
    3
    """
    best: tuple[int, int] | None = None  # (position of the first item, items)
    for k, (strict, loose) in enumerate(_MEASURE_STYLES):
        start = next((m.start() for m in strict.finditer(text) if _cn_number(m.group(1)) == 1), None)
        if start is None:
            continue
        want, items = 2, 1
        hits = list(loose.finditer(text, start + 1))
        if k == _ARABIC:  # "3.12345转办的……" on a line of its own continues "1." "2." (a blind reader's list)
            hits = sorted(hits + list(_LINE_DIGIT_ITEM.finditer(text, start + 1)), key=lambda m: m.start())
        for m in hits:
            if _cn_number(m.group(1)) == want:
                want, items = want + 1, items + 1
        if items >= 2 and (best is None or start < best[0]):
            best = (start, items)
    return best[1] if best else 0


def measure_count(analysis: object, suggestion: str = "") -> int:
    """How many measures a drafter counts: the numbered list of the suggestion part (:func:`listed_measures`), else the
    analysis's measures, a numbered measure with its 一是/二是 lines as one ("1．加大创新力度，推进产业升级。⏎一是……⏎
    二是……" then "2．……" and "3．……" are three, not five); 一是…五是 alone are five."""
    n = listed_measures(suggestion) if suggestion else 0
    if n:
        return n
    keys: set[object] = set()
    for u in analysis.units:  # type: ignore[attr-defined]
        sec = analysis.sections[u.section] if u.section is not None else None  # type: ignore[attr-defined]
        # a numbered item inside a part (not the part's own heading "四、具体建议", not an inline "具体建议：") is one
        # measure whatever its lines
        measure = sec is not None and bool(sec.number) and not sec.inline and sec.parent is not None
        keys.add(("sec", u.section) if measure else ("unit", u.start))
    return len(keys)


def manner_words(title: str) -> frozenset[str]:
    """The adverbs of a title (jieba's tag d: "率先", "尽快", "共同", "进一步"): how to act, not what about, so no key
    word of its matter ("建议在江苏率先实施专科医师准入制度": the body says 先行试行, never 率先).

    >>> sorted(manner_words("建议在江苏率先实施专科医师准入制度"))
    ['率先']
    """
    import jieba.posseg as pseg

    return frozenset(w for w, f in pseg.cut(title) if f == "d" and len(w) >= 2)


def province_word(w: str) -> bool:
    """A province's name ("江苏省", "江苏", "我省"): where every proposal of the province is, not what one is about. Two
    proposals of one province pasted together both say it throughout (a blind reader's 苏港高新科技合作园区 + 一带一路科创
    孵化器 pair was tied by "江苏省", said in 5 of 12 and 15 of 26 pieces). It still ties a proposal's preamble on the
    province (no measures of its own) to the rest.

    >>> province_word("江苏省"), province_word("江苏"), province_word("常州")
    (True, True, False)
    """
    from topicmine.ingest.classify import PROVINCES

    return w in PROVINCES or w in PROVINCES.values() or w in ("全省", "我省", "本省")
