"""The home region of a corpus: whose 议题 the office ranks, and which 议题 only other regions feed (外地动向).

An office's corpus is its own region's reports over the years, often with a few other regions' latest reports
beside them for comparison (a province's 2015–2026 reports + three cities' 2026 reports). The outside readers
found a 西藏 list with "“人工智能+”" at rank 12: ten clauses, all from 南京, 西安 and 兰州 2026 — a matter the
home region never mentions. And the ``regions`` component (regions naming a 议题 / the most any has) ranked
every matter the home region alone says (脱贫攻坚, 亚运) below one the other cities also say.

So when one region holds most of the documents over several years it is the *home region*:

- a 议题 with no home document is 外地动向 (``outside``): ranked after the home region's 议题, its reason says so;
- the ``regions`` component counts the home region's years naming the 议题 instead of regions (a matter of six
  of the home region's years outranks one of two).

>>> meta = [{"doc_id": f"x{y}", "region": "西藏自治区", "year": y} for y in range(2015, 2026)]
>>> meta += [{"doc_id": f"c{c}", "region": c, "year": 2026} for c in ("南京市", "西安市", "兰州市")]
>>> home_region(meta)
'西藏自治区'
>>> home_region(meta[-3:]) is None
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any


def home_region(metadata: Iterable[Mapping[str, Any]], *, min_share: float = 0.5, min_years: int = 3) -> str | None:
    """The region holding more than ``min_share`` of the documents, in ``min_years`` years at least; else None
    (a corpus of many regions alike — 32 provinces' 2026 reports — has no home region)."""
    docs: dict[object, tuple[Any, Any]] = {}
    for m in metadata:
        docs.setdefault(m.get("doc_id"), (m.get("region"), m.get("year")))
    regions = Counter(r for r, _y in docs.values() if r)
    if not regions:
        return None
    top, n = regions.most_common(1)[0]
    years = {y for r, y in docs.values() if r == top and y is not None}
    if n <= min_share * len(docs) or len(years) < min_years:
        return None
    return str(top)


def home_years(members: Sequence[tuple], home: str) -> set[int]:
    """The years of the home region's documents among a 议题's member rows (passage_id, doc_id, doc_type, region,
    year).

    >>> sorted(home_years([(1, "a", "gov_report", "杭州市", 2022), (2, "b", "gov_report", "宁波市", 2026)], "杭州市"))
    [2022]
    """
    return {int(r[4]) for r in members if r[3] == home and r[4] is not None}


def outside_note(members: Sequence[tuple], home: str) -> str:
    """The words for a 议题 no home document feeds.

    >>> outside_note([(1, "a", "gov_report", "南京市", 2026), (2, "b", "gov_report", "西安市", 2026)], "西藏自治区")
    '外地动向：仅见于南京市、西安市2026年的文件，西藏自治区的文件未提及此事'
    """
    regions = sorted({str(r[3]) for r in members if r[3]})
    years = sorted({int(r[4]) for r in members if r[4] is not None})
    span = "" if not years else f"{years[0]}年" if years[0] == years[-1] else f"{years[0]}–{years[-1]}年"
    return f"外地动向：仅见于{'、'.join(regions)}{span}的文件，{home}的文件未提及此事"


def home_says(texts: Sequence[str], metadata: Sequence[Mapping[str, Any]], home: str,
              terms: Mapping[int, Sequence[str]]) -> set[int]:
    """The topics whose anchor or title the home region's own texts say somewhere — outside the topic's clauses
    too. Such a topic is no 外地动向: an outside reader found "低空经济 … 甘肃省未提及" above a list while 甘肃's
    2026 report says "培育壮大低空经济" (its clause had joined another 议题).

    >>> meta = [{"region": "甘肃省"}, {"region": "南昌市"}]
    >>> sorted(home_says(["培育壮大低空经济。", "打通断头路。"], meta, "甘肃省", {1: ["低空经济"], 2: ["断头路"]}))
    [1]
    """
    home_text = "\n".join(t for t, m in zip(texts, metadata) if m.get("region") == home)
    return {t for t, ws in terms.items() if any(w and len(w) >= 2 and w in home_text for w in ws)}
