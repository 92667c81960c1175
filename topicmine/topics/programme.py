"""A heavy programme's clauses from every area: the 议题 anchored on it takes the ones no 议题 holds.

A programme that fills a decade's reports (西藏 脱贫攻坚: 5–10 % of the passages of 2016–2021; 杭州 亚运: 8–12 % of
2017–19 and 2022–24) is said in many chapters — 农牧业, 教育, 基础设施, 城市 — so its clauses sit in many areas.
A 议题 grows inside one area (:func:`topicmine.topics.clauses.anchor_matters`), so the one anchored on the programme
held 24 of 杭州's 96 clauses naming 亚运 while 47 stayed in no 议题, and its shares undersold the matter.

So for a 议题 whose anchor is **heavy** — named in ``min_share`` of the passages of ``min_years`` years — the
forward-looking clauses naming the anchor that no 议题 holds, in any area, join it (not a heading, not a 回顾 passage,
not a problem told: :func:`topicmine.topics.salient.is_forward_clause`). Only free clauses move: no 议题 loses any.

>>> from topicmine.topics.clauses import AnchorMatter
>>> years = [y for y in range(2016, 2022) for _ in range(20)]
>>> toks = [["亚运", "场馆"] if k % 20 < 2 else ["其他"] for k in range(120)]
>>> found = [AnchorMatter(0, "亚运", [0, 1], ["亚运"], 2)]
>>> ct = ["亚运场馆建设", "办好亚运", "推进亚运城市行动", "亚运会影响餐饮业", "其他"]
>>> grow_heavy_matters(found, toks, years, ct, [0, 0, 3, 4, 2], ["a", "b", "c", "d", "e"], [None] * 5)[0].clauses
[0, 1, 2]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from topicmine.topics.salient import is_forward_clause


#: a line told about the programme, not a measure of it: a metaphor ("脱贫攻坚是一场输不起…的硬仗"), a resolve or a
#: story told in the first person ("我们咬定目标抓脱贫", "我们要做到焦点不散、劲头不松"), a scene or a result told in
#: the past ("处处留下了牵手帮扶的动人场景", "日子过得越来越好了"); an outside reader found about 15 of 甘肃 脱贫攻坚's
#: 43 clauses such lines
_TOLD = re.compile(r"是一场|^我们|了$|了，|留下了|书写了|镌刻|的日子|"
                   # a call or a stance (贵州: "脱贫攻坚时不我待，发起总攻在此一举", "脱贫攻坚是我省最大的政治",
                   # "必须以脱贫攻坚统揽经济社会发展全局", "更要看到，我国经济发展已进入…新常态")
                   r"时不我待|在此一举|最大的政治|统揽.{0,12}全局|^更要看到|^要做到|^必须")


def is_told_line(clause: str) -> bool:
    """Whether a programme's clause is a line told about it rather than a measure.

    >>> [is_told_line(c) for c in ["脱贫攻坚是一场输不起、等不得、没退路的硬仗", "我们咬定目标抓脱贫",
    ...                            "贫困群众的日子过得越来越好了", "持续推进脱贫人口增收三年行动",
    ...                            "脱贫攻坚时不我待，发起总攻在此一举", "完善县级脱贫攻坚项目库，确保脱贫资金精准使用"]]
    [True, True, True, False, True, False]
    """
    from topicmine.topics.clauses import is_exhortation_clause

    c = clause.strip().rstrip("。；;！!")
    return bool(_TOLD.search(c)) or is_exhortation_clause(c)


#: general-language frequency below which a heavy anchor names a programme whose 议题 ranks on its 篇幅 in full
PROGRAMME_NAME_FREQ = 200


def heavy_terms(token_lists: Sequence[Sequence[str]], years: Sequence[int | None], terms: set[str], *,
                min_share: float = 0.05, min_years: int = 3, min_year_passages: int = 20) -> set[str]:
    """The ``terms`` named in ``min_share`` of the passages of ``min_years`` years (years with fewer than
    ``min_year_passages`` passages not read)."""
    n_year: Counter[int] = Counter()
    hits: dict[str, Counter[int]] = defaultdict(Counter)
    for toks, y in zip(token_lists, years):
        if y is None:
            continue
        n_year[y] += 1
        for t in set(toks) & terms:
            hits[t][y] += 1
    ys = [y for y, n in n_year.items() if n >= min_year_passages]
    return {t for t, c in hits.items() if sum(c[y] >= min_share * n_year[y] for y in ys) >= min_years}


def grow_heavy_matters(found: list[Any], token_lists: Sequence[Sequence[str]], years: Sequence[int | None],
                       clause_texts: Sequence[str], clause_area: Sequence[int], clause_doc: Sequence[object],
                       clause_part: Sequence[str | None], *, max_general: int = 300) -> list[Any]:
    """``found`` (:class:`topicmine.topics.clauses.AnchorMatter`, in place) with each heavy anchor's free
    forward-looking clauses from every area joined to its 议题 (the largest, when two share the anchor). Only an anchor
    rarer than ``max_general`` in general Chinese (:func:`topicmine.topics.general.general_frequency`) names a
    programme."""
    from topicmine.topics.general import general_frequency

    # a programme's name is rare in general Chinese (亚运 132, 脱贫 165, 疫情 204 in jieba's dictionary; 数字经济 absent);
    # words of general administration are not, and gathered every chapter's lines (西藏 "经济社会" 528 grew a framing
    # group to rank 7, 南宁 "整治" 635 a 65-clause mixture)
    heavy = heavy_terms(token_lists, years, {m.anchor for m in found
                                             if len(m.anchor) >= 2 and general_frequency(m.anchor) < max_general})
    if not heavy:
        return found
    held = {i for m in found for i in m.clauses}
    owner: dict[str, Any] = {}
    for m in sorted(found, key=lambda m: -len(m.clauses)):
        if m.anchor in heavy:
            owner.setdefault(m.anchor, m)
    for i, c in enumerate(clause_texts):
        if i in held or clause_area[i] < 0 or not is_forward_clause(c, clause_part[i]):
            continue
        # the longest heavy anchor the clause names (亚运会 before 亚运)
        names = sorted((a for a in owner if a in c), key=len, reverse=True)
        if names:
            m = owner[names[0]]
            m.clauses.append(i)
            held.add(i)
    for m in owner.values():
        # the programme's 议题 keeps its measures: lines told about it (a slogan, a resolve, a scene, a problem, a 回顾
        # line) go back to no 议题
        m.clauses = [i for i in m.clauses
                     if not is_told_line(clause_texts[i]) and is_forward_clause(clause_texts[i], clause_part[i])]
        # a programme's own name (脱贫 165, 亚运 132, 贫困县 134), not a word of the day's economy that also fills years
        # of reports (产业链 256, 丝绸之路 285 — 河南's 产业链 groups five industries): ranked as a programme, its
        # 篇幅 not gated by cohesion (topics.rank)
        m.programme = general_frequency(m.anchor) < PROGRAMME_NAME_FREQ
        m.clauses.sort()
        m.docs = len({clause_doc[i] for i in m.clauses})
    return found
