"""Support linking: which situation / problem passages of a report back each suggestion unit."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from topicmine.drafts.records import ReportSection, SuggestionUnit, SupportPassage, UnitGroup
from topicmine.text.lexicon import Lexicon, tfidf_similarity
from topicmine.text.structure import ancestors as _ancestors

__all__ = ["link_support"]


def link_support(
    text: str,
    sections: list[ReportSection],
    units: list[SuggestionUnit],
    groups: list[UnitGroup],
    passages: list[SupportPassage],
    lex: Lexicon,
    embed: Callable[[list[str]], np.ndarray] | None,
    k: int,
) -> None:
    """Attach situation/problem passages to each unit and group.

    Score = similarity (tf-idf cosine, or the mean with ``embed`` cosine) + 0.5 when the passage sits in
    the section parallel to the unit's (问题（二） ↔ 建议（二）) + 0.3 when both are inside the same matter
    section. Within a matter section every unit keeps at least its matter's first situation and problem
    passage, because a proposal's 调研情况/问题分析 support all of its 具体建议.
    """
    if not units or not passages:
        return
    sim = tfidf_similarity([u.text for u in units], [p.text for p in passages], lex)
    if embed is not None:
        ue = np.asarray(embed([u.text for u in units]), dtype=np.float32)
        pe = np.asarray(embed([p.text for p in passages]), dtype=np.float32)
        sim = 0.5 * sim + 0.5 * (ue @ pe.T)
    group_of = {g.id: g for g in groups}

    def ordinal_path(idx: int | None) -> list[int]:
        """ordinals below the top block, e.g. 三、（二） → [2]"""
        anc = _ancestors(sections, idx)
        return [s.ordinal for s in reversed(anc)][1:]

    def matter_of(idx: int | None) -> int | None:
        for s in _ancestors(sections, idx):
            if s.kind == "matter":
                return s.index
        return None

    single = len(groups) == 1
    p_paths = [ordinal_path(p.section) for p in passages]
    p_matter = [matter_of(p.section) for p in passages]
    for ui, u in enumerate(units):
        g = group_of[u.group]
        upath = ordinal_path(u.section)
        scored: list[tuple[float, int, list[str]]] = []
        for pi, p in enumerate(passages):
            if g.scope is not None and p_matter[pi] != g.scope:
                continue  # a matter's suggestions draw on that matter's own situation and problems
            reasons = []
            s = float(sim[ui, pi])
            if s > 0.05:
                reasons.append(f"用词相近（{s:.2f}）")
            if upath and p_paths[pi] and upath[0] == p_paths[pi][0] and len(p_paths[pi]) >= 1 and p.section is not None \
                    and sections[p.section].rank > 1:
                s += 0.5
                reasons.append("章节平行（同一序号）")
            if g.scope is not None:
                s += 0.3
                reasons.append("同一事项章节")
            scored.append((s, pi, reasons))
        for kind in ("situation", "problem"):
            cands = sorted((c for c in scored if passages[c[1]].kind == kind), key=lambda c: -c[0])
            keep = [c for c in cands if c[0] >= 0.12][:k]
            if not keep and cands and (g.scope is not None or single):
                # one matter in scope: its first situation / problem passage frames every suggestion
                keep = [min(cands, key=lambda c: c[1])]
            elif not keep and cands and cands[0][0] > 0.03:
                keep = cands[:1]
            for s, pi, reasons in keep:
                p = passages[pi]
                u.support.append(SupportPassage(kind=p.kind, start=p.start, end=p.end, text=p.text,
                                                section=p.section, score=round(s, 3), reasons=reasons))
        u.support.sort(key=lambda p: p.start)
    for g in groups:
        seen: dict[tuple[int, int], SupportPassage] = {}
        for u in units:
            if u.group != g.id:
                continue
            for p in u.support:
                if (p.start, p.end) not in seen or seen[(p.start, p.end)].score < p.score:
                    seen[(p.start, p.end)] = p
        g.support = sorted(seen.values(), key=lambda p: p.start)
