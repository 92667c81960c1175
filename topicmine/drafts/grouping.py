"""Grouping suggestion units into matters (一事一案): one group per matter, one draft per group."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from topicmine.drafts.records import ReportSection, SuggestionUnit, UnitGroup
from topicmine.text.lexicon import Lexicon
from topicmine.text.structure import ancestors as _ancestors

__all__ = ["group_units", "one_object", "report_terms"]


def group_units(text: str, sections: list[ReportSection], units: list[SuggestionUnit], lex: Lexicon) -> list[UnitGroup]:
    """One group per matter.

    A numbered report-level block (``三、对策建议``) lists several matters: each child item (or each
    enumeration, when it has no children) is its own group. An inline block (``具体建议：``) or a block
    inside a matter section ("一、关于……的建议") is one proposal's list of measures: one group.
    """
    keys: list[tuple[Any, ...]] = []
    heads: dict[tuple[Any, ...], tuple[str, tuple[int, int] | None, int | None]] = {}
    for u in units:
        anc = _ancestors(sections, u.section)
        sugg = [s for s in anc if s.kind == "suggestion"]
        matter = next((s for s in anc if s.kind == "matter"), None)
        scope = matter.index if matter else None
        if sugg:
            block = sugg[-1]  # outermost suggestion section
            report_level = (not block.inline) and matter is None and block.number != ""
            if report_level:
                child = next((s for s in anc if s.parent == block.index), None)
                if child is not None:
                    key: tuple[Any, ...] = ("child", child.index)
                    heads[key] = (child.heading, (child.start, child.body_start), scope)
                else:
                    key = ("unit", u.start)
                    heads[key] = ("", None, scope)
            else:
                key = ("block", block.index if matter is None else matter.index)
                if matter is not None:
                    heads[key] = (matter.heading, (matter.start, matter.body_start), scope)
                else:
                    heads[key] = ("", None, scope)
        else:
            # "建议……" sentences in an unlabelled region: the matter section, else the whole document
            sec = matter or next((s for s in reversed(anc) if s.number), None)
            key = ("free", sec.index if sec else None)
            heads[key] = ((sec.heading, (sec.start, sec.body_start), scope) if sec and sec.kind == "matter"
                          else ("", None, scope))
        keys.append(key)
    groups: list[UnitGroup] = []
    by_key: dict[tuple[Any, ...], UnitGroup] = {}
    for u, key in zip(units, keys):
        g = by_key.get(key)
        if g is None:
            heading, span, scope = heads[key]
            g = UnitGroup(id=f"g{len(groups) + 1}", unit_ids=[], heading=heading, heading_span=span,
                          start=u.start, end=u.end, scope=scope)
            by_key[key] = g
            groups.append(g)
        g.unit_ids.append(u.id)
        g.start, g.end = min(g.start, u.start), max(g.end, u.end)
        u.group = g.id
    for g in groups:
        g.key_terms = lex.key_terms(" ".join([g.heading] * 2 + [u.text for u in units if u.group == g.id]), 6)
        if g.scope is not None:
            parts = {s.kind for s in sections if s.parent == g.scope}
            g.form = [k for k in ("situation", "problem", "suggestion") if k in parts]
    return groups


def report_terms(texts: list[str], lexicon: Lexicon | None = None, share: float = 0.3) -> frozenset[str]:
    """Terms found in at least ``share`` of a report's parts (and in 3 or more): the report's field
    ("低空经济", "无人机" in a report on 低空经济), shared by all its matters.

    >>> sorted(report_terms(["低空经济人才紧缺。", "低空经济融资难。", "低空经济空域审批慢。", "养老护理员流失。"]))
    ['低空经济']
    """
    from topicmine.drafts.analyze import DEFAULT_LEXICON

    lex = lexicon or DEFAULT_LEXICON
    if len(texts) < 3:
        return frozenset()
    df: Counter[str] = Counter()
    for t in texts:
        df.update(set(lex.terms(t)))
    return frozenset(w for w, n in df.items() if n >= 3 and n >= share * len(texts))


# words every measure heading may share without naming an object
_SHARED_STOP = frozenset("加强 推进 推动 建立 健全 完善 提升 强化 严格 从严 落实 机制 体系 服务 管理 工作 建设 发展 支持 "
                         "保障 制度 政策 部门 相关 进一步 全面 有效 依法 开展 实施 加快 提高 促进".split())


def one_object(heading: str, items: list[str]) -> bool:
    """Whether a heading joining two words ("严格夜间施工审批和监管") joins two actions on one object: some word of
    the heading (two characters, not a generic verb) is in every one of its items ("施工" in 从严审批夜间施工 · 对无证
    夜间施工依法立案查处 · 加快附属设施施工进度). Then the heading holds its items together; "强化人才和金融支撑"
    (人才 · 金融: nothing shared) and "畅通职业发展和维权渠道" stay two matters.

    >>> one_object("严格夜间施工审批和监管", ["从严审批夜间施工", "对无证夜间施工依法立案查处", "加快附属设施施工进度"])
    True
    >>> one_object("强化人才和金融支撑", ["加强人才培养引进", "创新金融服务"])
    False
    """
    if len(items) < 2:
        return False
    grams = {heading[i:i + 2] for i in range(len(heading) - 1)}
    return any(re.fullmatch(r"[\u4e00-\u9fff]{2}", w) and w not in _SHARED_STOP and not ({w[0], w[1]} & set("和与、的"))
               and all(w in t for t in items) for w in grams)
