"""Support linking: which situation / problem passages of a report back each suggestion unit.

A 调研报告 writes each matter three times — its situation under 一、基本情况, its problems under 二、存在问题,
its measures under 三、对策建议 — and a draft of that matter quotes its *own* situation and problems. So the
items of each part block are first aligned with the matters of the suggestion block (a mutual best match of
heading and text: "（五）人才和金融支撑不足" ↔ "（五）强化人才和金融支撑"); a matter with an aligned item draws its
support from that item only, and never from an item aligned with another matter. Other places' experience
("（五）外地经验值得借鉴 / 1. 深圳市的做法") is support only when a place can be named for it, and is marked
(:attr:`SupportPassage.external`); the report's own comment on it ("调研组认为，两地经验……") is not.

    >>> from topicmine.drafts.analyze import analyze_report
    >>> a = analyze_report("一、存在问题\\n（一）护理员流失严重，年流失率超过30%。\\n（二）养老床位空置率高达40%。\\n"
    ...                    "二、对策建议\\n（一）稳定护理员队伍。提高护理员薪酬。\\n（二）盘活空置养老床位。推行公建民营。")
    >>> [[p.text for p in g.support] for g in a.groups]
    [['（一）护理员流失严重，年流失率超过30%。'], ['（二）养老床位空置率高达40%。']]
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from topicmine.drafts.records import ReportSection, SuggestionUnit, SupportPassage, UnitGroup
from topicmine.text.lexicon import Lexicon, tfidf_similarity
from topicmine.text.structure import ancestors as _ancestors

__all__ = ["link_support", "external_place", "EXTERNAL_HEADING"]

#: a section holding other places' experience ("外地经验值得借鉴", "兄弟省市的做法", "深圳市的做法")
EXTERNAL_HEADING = re.compile(r"外地|外省|外市|兄弟(?:省|市|地区)|先进地区|国内外|国外|经验|借鉴|启示|[\u4e00-\u9fff]{2,4}[省市区县]的(?:做法|经验|实践)")
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,3}?(?:省|市|自治区|特区))")
_NOT_PLACE = re.compile(r"^(?:全|我|本|该|各|城|省|市|县|都|超|夜|集|门|上|下|股|开|城市|一些|部分|有的|多个)")
#: score added to a passage of the item aligned with the unit's matter
ALIGNED_BONUS = 1.0
#: lowest similarity at which items of a part block and a suggestion block are aligned
ALIGN_MIN = 0.08
#: lowest score at which a passage from outside any aligned item supports a unit
FREE_MIN = 0.15


def external_place(text: str, headings: list[str], home: str | None = None) -> str | None:
    """The other place whose experience a passage reports: named in the passage, else in its headings.

    >>> external_place("（2）基金引导。设立低空经济产业基金……", ["2. 合肥市的做法", "（五）外地经验值得借鉴"])
    '合肥市'
    >>> external_place("调研组认为，两地经验的共同点是政府强力统筹。", ["（五）外地经验值得借鉴"]) is None
    True
    """
    for src in [text, *headings]:
        for m in _PLACE.finditer(src):
            name = m.group(1)
            if _NOT_PLACE.match(name) or (home and home in name):
                continue
            return name
    return None


def _home_place(text: str) -> str | None:
    """The report's own place from its title line ("关于苏州市低空经济……" → "苏州")."""
    head = text[:200]
    m = re.search(r"关于(?:我|全)?([\u4e00-\u9fff]{2,3}?)(?:省|市|县|区)", head)
    return m.group(1) if m else None


def _within(sections: list[ReportSection], idx: int | None, top: int) -> bool:
    return any(a.index == top for a in _ancestors(sections, idx))


def link_support(
    text: str,
    sections: list[ReportSection],
    units: list[SuggestionUnit],
    groups: list[UnitGroup],
    passages: list[SupportPassage],
    lex: Lexicon,
    embed: Callable[[list[str]], np.ndarray] | None,
    k: int,
    *,
    vectors: tuple[np.ndarray, np.ndarray] | None = None,
) -> None:
    """Attach situation/problem passages to each unit and group (see the module docstring).

    Score = similarity (tf-idf cosine, or its mean with the embedding cosine: ``embed`` is called once on
    units and passages together, or ``vectors`` = (unit vectors, passage vectors) are given) + 1.0 for a
    passage of the item aligned with the unit's matter + 0.3 inside the same matter section. A matter
    section's own first situation and problem passage frame every one of its suggestions.
    """
    if not units or not passages:
        return
    sim = tfidf_similarity([u.text for u in units], [p.text for p in passages], lex)
    if vectors is None and embed is not None:
        allv = np.asarray(embed([u.text for u in units] + [p.text for p in passages]), dtype=np.float32)
        vectors = (allv[: len(units)], allv[len(units):])
    if vectors is not None:
        sim = 0.5 * sim + 0.5 * (vectors[0] @ vectors[1].T)
    group_of = {g.id: g for g in groups}
    home = _home_place(text)

    def matter_of(idx: int | None) -> int | None:
        for s in _ancestors(sections, idx):
            if s.kind == "matter":
                return s.index
        return None

    # other places' experience: attributed passages keep their place, the rest is no support at all
    ext: dict[int, str | None] = {}
    for pi, p in enumerate(passages):
        anc = _ancestors(sections, p.section)
        if any(EXTERNAL_HEADING.search(s.heading) for s in anc if not s.inline):
            ext[pi] = external_place(p.text, [s.heading for s in anc], home)
    aligned = _align(text, sections, units, groups, passages, lex)
    taken = {c for cs in aligned.values() for c in cs}

    single = len(groups) == 1
    p_matter = [matter_of(p.section) for p in passages]
    p_items = [{a.index for a in _ancestors(sections, p.section)} for p in passages]
    p_general = [_general(sections, p) for p in passages]
    for ui, u in enumerate(units):
        g = group_of[u.group]
        mine = aligned.get(g.id, set())
        scored: list[tuple[float, int, list[str]]] = []
        for pi, p in enumerate(passages):
            if g.scope is not None and p_matter[pi] != g.scope:
                continue  # a matter's suggestions draw on that matter's own situation and problems
            if pi in ext and ext[pi] is None:
                continue  # experience of no nameable place reads as a fact about this one
            reasons = []
            s = float(sim[ui, pi])
            if s > 0.05:
                reasons.append(f"用词相近（{s:.2f}）")
            if p_items[pi] & mine:
                s += ALIGNED_BONUS
                reasons.append("报告中同一事项的情况/问题")
            elif p_items[pi] & taken:
                continue  # another matter's own situation or problems
            elif s < FREE_MIN and g.scope is None and not single and not p_general[pi]:
                continue
            if g.scope is not None:
                s += 0.3
                reasons.append("同一事项章节")
            if pi in ext:
                reasons.append(f"外地经验（{ext[pi]}）")
            scored.append((s, pi, reasons))
        for kind in ("situation", "problem"):
            cands = sorted((c for c in scored if passages[c[1]].kind == kind), key=lambda c: -c[0])
            keep = [c for c in cands if c[0] >= 0.12 and (c[1] not in ext or c[0] >= FREE_MIN + 0.05)][:k]
            if not keep and cands and (g.scope is not None or single):
                # one matter in scope: its first situation / problem passage frames every suggestion
                keep = [min(cands, key=lambda c: c[1])]
            elif not keep:
                # the report's general situation (a part block's own text, under no item of its own) frames
                # every matter; an item on some other subject ("（四）政策支持力度加大") does not
                general = [c for c in cands if p_general[c[1]]]
                keep = general[:1]
            for s, pi, reasons in keep:
                p = passages[pi]
                u.support.append(SupportPassage(kind=p.kind, start=p.start, end=p.end, text=p.text,
                                                section=p.section, score=round(s, 3), reasons=reasons,
                                                external=ext.get(pi) or ""))
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


def _general(sections: list[ReportSection], p: SupportPassage) -> bool:
    """A passage in the body of a part block itself ("一、基本情况⏎近年来，……"), under no item."""
    if p.section is None:
        return False
    s = sections[p.section]
    return not s.inline and s.kind in ("situation", "problem") and (
        s.parent is None or sections[s.parent].kind not in ("situation", "problem", "suggestion"))


def _align(text: str, sections: list[ReportSection], units: list[SuggestionUnit], groups: list[UnitGroup],
           passages: list[SupportPassage], lex: Lexicon) -> dict[str, set[int]]:
    """group id → the items (section indices) of the report's situation/problem blocks that are its own.

    An item and a matter are aligned when each is the other's best match (tf-idf of heading twice and
    text) above :data:`ALIGN_MIN`; the same ordinal breaks near ties ("（三）" ↔ "（三）").
    """
    def top_block(s: ReportSection) -> bool:
        return (not s.inline and s.kind in ("situation", "problem", "suggestion")
                and (s.parent is None or sections[s.parent].kind not in ("situation", "problem", "suggestion")))

    blocks = [s for s in sections if top_block(s)]
    sugg_blocks = [b.index for b in blocks if b.kind == "suggestion"]
    # a matter's item: the child of a suggestion block that holds its units
    item_of: dict[str, ReportSection] = {}
    for g in groups:
        if g.scope is not None:
            continue
        us = [u for u in units if u.group == g.id]
        for b in sugg_blocks:
            anc = _ancestors(sections, us[0].section) if us else []
            child = next((a for a in anc if a.parent == b and not a.inline), None)
            if child is not None:
                item_of[g.id] = child
                break
    if len(item_of) < 2:
        return {}
    gids = list(item_of)
    gtext = []
    for gid in gids:
        c = item_of[gid]
        gtext.append(" ".join([c.heading, c.heading, *(u.text for u in units if u.group == gid)]))
    out: dict[str, set[int]] = {}
    for b in blocks:
        if b.kind == "suggestion":
            continue
        items = [s for s in sections if s.parent == b.index and not s.inline and not EXTERNAL_HEADING.search(s.heading)]
        if not items:
            continue
        itext = []
        for c in items:
            body = " ".join(p.text for p in passages if _within(sections, p.section, c.index))
            itext.append(" ".join([c.heading, c.heading, body]))
        sim = tfidf_similarity(gtext, itext, lex)
        for i, gid in enumerate(gids):
            for j, c in enumerate(items):
                if c.ordinal == item_of[gid].ordinal:
                    sim[i, j] += 0.02
        for i, gid in enumerate(gids):
            j = int(np.argmax(sim[i]))
            if sim[i, j] >= ALIGN_MIN and int(np.argmax(sim[:, j])) == i:
                out.setdefault(gid, set()).add(items[j].index)
    return out
