"""Slogan groups: a 议题 made of one political formula said once a year, with no object of work beside it.

The stock-line lexicon (:mod:`topicmine.topics.stockline`) names lines by their words, so every new formula a sealed
province brought (落实立德树人根本任务, 扩大有效益的投资·提高投资效益) cost a reader's framing verdict before it was
added. What those groups share, and matters do not, is measured here on the group's own clauses:

1. **one formula, every year**: the runs of four characters found in ≥ 40 % of the group's clauses make its formula;
   at least half of the clauses say it, in at least three different years;
2. **nothing beside it**: what a clause says besides the formula and the verbs and qualifiers of any plan line
   (全面, 落实, 推进, 加快, 体系, 水平 …) is short — the median clause keeps at most :data:`MAX_REST` characters
   (立德树人 13, 投资效益 20; the matters of the seen top 20s keep 24–57: "建成10所标准化特殊教育学校" names
   schools, a count and a standard);
3. **the formula names a task, not an object**: the part of a clause it covers ends on a head that names a task, a strategy, an idea or a
   benefit (任务, 战略, 思想, 理念, 方针, 效益, 为中心, 治党 …: :data:`ABSTRACT_HEAD`; "深化与央企的战略合作"
   names a partner and does not end on 战略). This is a class of words, not a
   list of slogans: "根本任务", "发展战略", "发展思想", "投资效益" are formulas of different fields. A repeated line
   about a thing — 特殊教育, 哲学社会科学, 防灾减灾救灾体系, 中央生态环境保护督察反馈问题整改 — stays a matter.

4. **the formula names no programme**: a run naming a place-named programme (福州都市圈, 福州新区: a place or proper
   word before a programme kind, :func:`topicmine.topics.placeprog.programme_names`) is an object of work, whatever
   strategy word sits beside it. 福建's three 福州都市圈 clauses ("加快建设福州都市圈，深入实施强省会战略…") share
   "强省会战略", which ends on 战略, and were flagged; the 都市圈 beside it is the matter.

Such a 议题 is flagged as a stock line (counted, shown, never deleted; not ranked), so the matter after it moves up.

>>> texts = ["全面落实立德树人根本任务", "落实立德树人根本任务，发展素质教育", "坚持落实立德树人根本任务",
...          "全面落实立德树人根本任务", "建成10所标准化特殊教育学校", "实施特殊教育提升计划", "办好特殊教育",
...          "提升特殊教育水平"]
>>> years = [2019, 2020, 2021, 2022, 2016, 2017, 2018, 2019]
>>> slogan_topics([0, 0, 0, 0, 1, 1, 1, 1], texts, years, [0, 1])
[0]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

#: the heads of a formula that names a task, a strategy, an idea, a principle or a benefit — not a thing to work on
ABSTRACT_HEAD = re.compile(r"(?:任务|战略|思想|理念|方针|精神|原则|宗旨|使命|初心|效益|导向|主线|基调|大局|为中心|治党|"
                           r"总要求|发展观|方向)(?:·|$)")
#: the verbs, qualifiers and frames any plan line wears; what is left of a clause besides these and the formula is
#: what it says of its own
PLAN_WORDS = re.compile(r"全面|深入|坚持|进一步|大力|持续|更好|更加|着力|切实|认真|不断|积极|努力|坚定|扎实|高质量|加快|"
                        r"推进|推动|实施|落实|加强|完善|健全|提升|提高|深化|强化|优化|扩大|构建|建设|发展|工作|体系|能力|"
                        r"水平|机制|全省|全市|我省|我市|各类|一批|重点|有效|新时代|新征程|着眼|聚焦|围绕|贯彻|始终|把|的|和|与|及")
#: the share of clauses a 4-character run must appear in to belong to the group's formula
CORE_SHARE = 0.4
#: the largest median number of characters a clause says besides the formula for a slogan group
MAX_REST = 20
GRAM = 4


def _han(text: str) -> str:
    return "".join(re.findall(r"[\u4e00-\u9fff]", text))


def formula_reading(clauses: Sequence[str]) -> tuple[list[str], list[int]]:
    """Per clause: the runs it shares with the group's formula (runs of four in ≥ 40 % of the clauses; apart runs
    joined by "·"), and the number of characters it says besides the formula and plan words.

    >>> formula_reading(["落实立德树人根本任务", "全面落实立德树人根本任务", "推进教育数字化"])
    (['落实立德树人根本任务', '落实立德树人根本任务', ''], [0, 0, 5])
    """
    hs = [_han(c) for c in clauses]
    count: Counter[str] = Counter()
    for h in hs:
        count.update({h[i:i + GRAM] for i in range(len(h) - GRAM + 1)})
    core = {g for g, c in count.items() if c >= CORE_SHARE * len(hs) and c >= 2}
    said, rest = [], []
    for h in hs:
        mask = [False] * len(h)
        for i in range(len(h) - GRAM + 1):
            if h[i:i + GRAM] in core:
                mask[i:i + GRAM] = [True] * GRAM
        # the runs the formula covers, apart ("落实立德树人根本任务·思想政治": a second run is another word)
        said.append("·".join(r for r in re.split(r"_+", "".join(ch if m else "_" for ch, m in zip(h, mask))) if r))
        rest.append(len(PLAN_WORDS.sub("", "".join(ch for ch, m in zip(h, mask) if not m))))
    return said, rest


def is_slogan_group(clauses: Sequence[str], years: Sequence[object], *, min_share: float = 0.5, min_years: int = 3,
                    max_rest: int = MAX_REST, words: Callable[[str], list[str]] | None = None) -> bool:
    """Whether a group's clauses are one task-formula said year after year with nothing beside it (module doc);
    ``words`` (a segmenter) lets a formula naming a place-named programme stay a matter (rule 4)."""
    if len(clauses) < 3:
        return False
    said, rest = formula_reading(clauses)
    with_formula = [i for i, s in enumerate(said) if s]
    if len(with_formula) < min_share * len(clauses) or len({years[i] for i in with_formula}) < min_years:
        return False
    if sum(bool(ABSTRACT_HEAD.search(said[i])) for i in with_formula) < min_share * len(clauses):
        return False
    if sorted(rest)[len(rest) // 2] > max_rest:
        return False
    return not (words is not None and names_programme([said[i] for i in with_formula], words))


def names_programme(formulas: Sequence[str], words: Callable[[str], list[str]]) -> bool:
    """Whether most of a group's formulas name a place-named programme (rule 4 of the module doc).

    >>> seg = lambda s: {"建设福州": ["建设", "福州"]}.get(s, list(s))
    >>> names_programme(["实施强省会战略·建设福州新区", "实施强省会战略·建设福州新区"], seg)
    True
    >>> names_programme(["落实立德树人根本任务", "全面落实立德树人根本任务"], seg)
    False
    """
    from topicmine.topics.placeprog import programme_names

    named = sum(bool(programme_names(f.replace("·", "，"), words)) for f in formulas)
    return named >= 0.5 * len(formulas) and named > 0


def slogan_topics(assignments: Sequence[int], texts: Sequence[str], years: Sequence[object],
                  topic_ids: Iterable[int], *, words: Callable[[str], list[str]] | None = None) -> list[int]:
    """The topics (of ``topic_ids``) whose clauses are a slogan group (:func:`is_slogan_group`)."""
    by: dict[int, list[int]] = {}
    for i, t in enumerate(assignments):
        by.setdefault(int(t), []).append(i)
    return sorted(t for t in topic_ids if t in by and is_slogan_group([texts[i] for i in by[t]],
                                                                       [years[i] for i in by[t]], words=words))
