"""A salient term's 议题 holds the measures of its years: 湖北's 疫情防控 had 4 clauses though 疫情 filled 17 % of 2021's
passages.

:func:`topicmine.topics.salient.add_salient_matters` makes a salient term's 议题 of the forward-looking clauses that name
the term. Read on 湖北 2015–2026 (1,293 passages) that gave four clauses, and two of them were no measure of the episode:
a 2020 "加强重大动植物疫情防控" (the routine line of a year before the epidemic) and the problem line "全球疫情加速蔓延…
防控任务依然艰巨繁重"; while the measures said — "慎终如始抓好常态化科学精准防控，…加强监测预警、核酸检测、隔离管控、
消毒消杀、流调溯源等工作，…做好新冠疫苗免费接种工作" (2021, left out as a list of items), "扎实推进新冠疫苗接种"
and "提高基层防控能力" (2022, the sentences after "科学精准抓好常态化疫情防控" that do not repeat the word) — were in no
议题. So, for each term whose 议题 was made (:func:`extend_episode`):

* a clause from a year the term was barely said (< ``low_share`` × its peak year's share, as
  :func:`topicmine.topics.salient.salient_terms` reads "barely") is another matter said with the same word, and leaves;
* a problem told ("形势严峻复杂", "防控任务依然艰巨繁重", "疫情加速蔓延") is no measure, and leaves;

and, for a thin 议题 (fewer than two clauses for each year the term is in ≥ 5 % of the passages):

* a clause naming the term that the clause splitter set aside as a list of items (its passage in an area, not a
  heading, no framing, the term no item of a list) is the episode's measure, and joins;
* the clauses right after a clause of the 议题 that opens its passage (in the term's years, up to ``max_follow``,
  stopping at a heading or a clause another 议题 holds by its anchor) continue its measures, and join.

>>> texts = ["加强重大动植物疫情防控", "科学精准抓好常态化疫情防控", "扎实推进新冠疫苗接种", "化解地方债务风险",
...          "当前全球疫情加速蔓延，防控任务依然艰巨繁重"]
>>> m = extend_episode("疫情", [0, 1, 4], texts, [2, 3, 3, 3, 3], [0, 0, 0, 0, 0], [0, 1, 1, 1, 1], [None] * 5,
...                    [2020, 2022, 2022, 2022, 2022], {2020: .001, 2021: .17, 2022: .1}, held={3})
>>> [texts[i] for i in m]
['科学精准抓好常态化疫情防控', '扎实推进新冠疫苗接种']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

#: a problem or a situation told, beyond :data:`topicmine.topics.salient._PROBLEM`: "疫情加速蔓延", "多地局部暴发",
#: "防控任务依然艰巨繁重"
_SITUATION = re.compile(r"蔓延|暴发|艰巨|繁重|严峻|复杂|当前|依然")


def extend_episode(
    term: str,
    rows: Iterable[int],
    clause_texts: Sequence[str],
    clause_area: Sequence[int],
    passage_area: Sequence[int],
    clause_passage: Sequence[int],
    clause_part: Sequence[str | None],
    clause_year: Sequence[int | None],
    by_year: Mapping[int, float],
    *,
    held: Mapping[int, str] | Iterable[int] = (),
    low_share: float = 0.2,
    max_follow: int = 3,
    thin_per_year: int = 2,
) -> list[int]:
    """The clause rows of a salient term's 议题 after the four rules of the module text. ``rows``: its clauses now;
    ``clause_area`` (−1 for a heading or a set-aside clause) and ``passage_area`` (the area of the clause's passage);
    ``clause_passage``: the passage each clause comes from (clauses of a passage are consecutive rows);
    ``by_year``: the term's yearly passage shares; ``held``: the rows other 议题 hold."""
    from topicmine.topics.clauses import is_figure_clause, is_framing_clause, is_list_clause, list_items
    from topicmine.topics.salient import is_forward_clause

    peak = max(by_year.values(), default=0.0)
    years = {y for y, s in by_year.items() if s >= low_share * peak and s > 0}
    held = dict(held) if isinstance(held, Mapping) else dict.fromkeys(held, "")

    def in_years(i: int) -> bool:
        return clause_year[i] in years

    def measure(i: int) -> bool:
        c = clause_texts[i]
        return is_forward_clause(c, clause_part[i]) and not _SITUATION.search(c)

    keep = {i for i in rows if in_years(i) and measure(i)}
    # (the measures said without the word join a thin 议题 only — fewer than ``thin_per_year`` clauses a year of ≥ 5 %:
    # 湖北's 疫情防控 had 3 for 3 such years; 互联网+ (22 clauses) drew list lines and their neighbours, and rose)
    if len(keep) >= thin_per_year * sum(v >= 0.05 for v in by_year.values()):
        return sorted(keep)
    for i, c in enumerate(clause_texts):
        if i in keep or i in held or term not in c or clause_area[i] >= 0 or passage_area[i] < 0:
            continue
        # (not where the term is one item of a list: "统筹疫情防控和经济社会发展、供给侧和需求侧、市场和政府、…")
        seg = next(p for p in re.split(r"[，,；;]", c) if term in p)
        if in_years(i) and measure(i) and is_list_clause(c) and not is_framing_clause(c) and not is_figure_clause(c) \
                and list_items(seg) < 4:
            keep.add(i)
    for i in sorted(keep):
        # (only after a clause that opens its passage — the passage is about the term: after 湖北 2023's "全面落实新冠病毒
        # 感染“乙类乙管”" in a 民生 paragraph came "深入开展爱国卫生运动，大力推动全民健身", and 互联网's clauses in 产业
        # paragraphs drew in 化解过剩产能 and 容错机制)
        h = i - 1
        while h >= 0 and clause_passage[h] == clause_passage[i] and (clause_area[h] < 0 or h in keep):
            h -= 1
        if h >= 0 and clause_passage[h] == clause_passage[i]:
            continue
        j = i + 1
        while j < len(clause_texts) and j - i <= max_follow and clause_passage[j] == clause_passage[i]:
            if j in keep:
                j += 1
                continue
            # (a clause another 议题 holds without naming its anchor rides there: "盯紧…进口冷链食品…闭环管理" in 药品安全)
            if (j in held and (not held[j] or held[j] in clause_texts[j])) or clause_area[j] < 0 or not in_years(j) \
                    or not measure(j):
                break
            keep.add(j)
            j += 1
    return sorted(keep)


def extend_salient_matters(found: list[Any], salient: Sequence[Any], clause_texts: Sequence[str],
                           clause_area: Sequence[int], passage_area: Sequence[int], clause_passage: Sequence[int],
                           clause_part: Sequence[str | None], clause_year: Sequence[int | None],
                           clause_doc: Sequence[object]) -> list[Any]:
    """Each 议题 a salient term made (``status`` "已成议题") with its clauses as :func:`extend_episode` reads them; the
    clauses it takes leave no other 议题 (only free ones join); an emptied 议题 stays (its term keeps its place)."""
    for s in salient:
        # (not a place-named programme's: it is a matter of every year, read by topics.placeprog)
        if s.status != "已成议题" or getattr(s, "place", False) or s.topic is None or not (0 <= s.topic < len(found)):
            continue
        m = found[s.topic]
        # (a small 议题 keeps its clauses: one emptied would leave a hole in the list the salient terms point into)
        held = {i: o.anchor if len(o.clauses) >= 4 else "" for k, o in enumerate(found) if k != s.topic for i in o.clauses}
        rows = extend_episode(s.term, m.clauses, clause_texts, clause_area, passage_area, clause_passage,
                              clause_part, clause_year, s.by_year, held=held)
        if rows:
            for k, o in enumerate(found):
                if k != s.topic and set(rows) & set(o.clauses):
                    o.clauses = [i for i in o.clauses if i not in set(rows)]
                    o.docs = len({clause_doc[i] for i in o.clauses})
            m.clauses = rows
            # (its share of clauses from a passage naming the term: the sentences after "科学精准抓好常态化疫情防控"
            # are the episode's measures although they do not repeat the word; counted on the clause alone, 河南's
            # 疫情防控 fell from rank 16 to 49 for taking them)
            # (a 议题 that took no such measure keeps its object read from its clauses)
            named = {clause_passage[i] for i, c in enumerate(clause_texts) if s.term in c}
            if any(s.term not in clause_texts[i] for i in rows):
                s.coverage = sum(clause_passage[i] in named for i in rows) / len(rows)
            m.docs = len({clause_doc[i] for i in rows})
            area = [clause_area[i] if clause_area[i] >= 0 else passage_area[i] for i in rows]
            m.area = max(set(area), key=area.count)
    return found
