"""Grouping suggestion units into matters (一事一案): one group per matter, one draft per group."""

from __future__ import annotations

from typing import Any

from topicmine.drafts.records import ReportSection, SuggestionUnit, UnitGroup
from topicmine.text.lexicon import Lexicon
from topicmine.text.structure import ancestors as _ancestors

__all__ = ["group_units"]


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

