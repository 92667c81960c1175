"""Support linking: which situation / problem passages of a report back each suggestion unit.

A 调研报告 writes each matter three times — its situation under 一、基本情况, its problems under 二、存在问题,
its measures under 三、对策建议 — and a draft of that matter quotes its *own* situation and problems. So the
items of each part block are first aligned with the matters of the suggestion block (one to one, most similar
pair first, on heading and text: "（五）人才和金融支撑不足" ↔ "（五）强化人才和金融支撑"); a matter with an aligned item draws its
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
from topicmine.text.layout import clean_text
from topicmine.text.lexicon import Lexicon, tfidf_similarity
from topicmine.text.structure import ancestors as _ancestors

__all__ = ["link_support", "external_place", "EXTERNAL_HEADING"]

#: a section holding other places' experience ("外地经验值得借鉴", "兄弟省市的做法", "深圳市的做法"): in a report that is
#: not a province's, what it holds is 外地经验, quoted only with its place
_ELSEWHERE = re.compile(r"外地|外省|外市|兄弟(?:省|市|地区)|先进地区|国内外|国外|经验|借鉴|启示|[\u4e00-\u9fff]{2,4}[省市区县]的(?:做法|经验|实践)")
#: a situation item listing practice examples, the report's own places' or others' ("部分地区和企业探索了一些有效做法",
#: "各地探索形成了一批典型经验", "各地好的做法"): its examples are paired by their own words, never by their number
PRACTICE_HEADING = re.compile(r"做法|经验|典型|案例")
#: a section of practices or other places' experience: no draft takes its text to fill a part it lacks
#: (:func:`topicmine.drafts.pieces.find_support`), and a draft sheds it first to hold one matter (:func:`under_experience`)
EXTERNAL_HEADING = re.compile(f"{_ELSEWHERE.pattern}|{PRACTICE_HEADING.pattern}")
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,3}?(?:省|市|自治区|特区))")
_NOT_PLACE = re.compile(r"^(?:全|我|本|该|各|城|省|市|县|都|超|夜|集|门|上|下|股|开|城市|一些|部分|有的|多个)")
#: "建设全市统一的平台" is no place called 建设全市: a name ending in 全市/本市/我省 … is the report's own area
_NOT_PLACE_END = re.compile(r"(?:全|我|本|该|各|城|两|多|外|省|市)(?:省|市|区|县)$")
#: score added to a passage of the item aligned with the unit's matter
ALIGNED_BONUS = 1.0
#: lowest similarity at which items of a part block and a suggestion block are aligned
ALIGN_MIN = 0.08
#: how much closer to another matter a sub-item must be to leave its parent item's matter
SUB_MARGIN = 0.1
#: the report speaking of itself: its own conclusions and recommendations, not a fact of any matter
_FRAMING = re.compile(r"调研组(?:建议|认为|提出|指出)|现将[^。]{0,12}报告如下|本次调研|此次调研")
#: a sub-item under an item paired with a matter stays with that matter unless it shares less than this share of
#: the best sibling's similarity to it ("交通事故多发" 0.08 vs "充电安全隐患突出" 0.39 under 交通和消防安全隐患)
SIBLING_RATIO = 0.25
#: lowest score at which a passage from outside any aligned item supports a unit
FREE_MIN = 0.15
#: the words (tf-idf) a matter without an item of its own must share with an item no matter is aligned with to quote it
FREE_WORDS_MIN = 0.5 * ALIGN_MIN


def external_place(text: str, headings: list[str], home: str | None = None, province: bool = False) -> str | None:
    """The other place whose experience a passage reports: named in the passage, else in its headings.

    >>> external_place("（2）基金引导。设立低空经济产业基金……", ["2. 合肥市的做法", "（五）外地经验值得借鉴"])
    '合肥市'
    >>> external_place("调研组认为，两地经验的共同点是政府强力统筹。", ["（五）外地经验值得借鉴"]) is None
    True
    >>> external_place("（3）平台统一。建设全市统一的飞行服务平台。", ["1. 深圳市的做法", "（五）外地经验值得借鉴"])
    '深圳市'
    """
    for src in [text, *headings]:
        for m in _PLACE.finditer(src):
            name = m.group(1)
            if _NOT_PLACE.match(name) or _NOT_PLACE_END.search(name) or (home and home in name):
                continue
            if province and not name.endswith(("省", "自治区")):
                continue  # a provincial report's own cities ("宿迁市探索……") are no 外地
            return name
    return None


def _home_place(text: str) -> tuple[str | None, bool]:
    """The report's own place from its title line, and whether it is a province's report
    ("关于苏州市低空经济……" → ("苏州", False); "关于我省一老一小……" → (None, True))."""
    head = text[:200]
    if re.search(r"关于(?:我|全)省|^[^\n]{0,10}(?:我省|全省)", head):
        return None, True
    m = re.search(r"关于([\u4e00-\u9fff]{2,3}?)(省|市|县|区)", head)
    return (m.group(1), m.group(2) == "省") if m else (None, False)


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
    words = sim  # the wording alone: a free item's matter must share words with it
    if vectors is None and embed is not None:
        allv = np.asarray(embed([u.text for u in units] + [p.text for p in passages]), dtype=np.float32)
        vectors = (allv[: len(units)], allv[len(units):])
    if vectors is not None:
        sim = 0.5 * sim + 0.5 * (vectors[0] @ vectors[1].T)
    group_of = {g.id: g for g in groups}
    rows = [pi for pi, p in enumerate(passages) if p.header]
    row_owner: dict[int, str] = {}
    if rows:
        # a table row names its matter in a cell ("调研事项：关于……"), in the words of the matter's heading rather
        # than of its measures: a row is compared with the heading as well
        heads = [" ".join([group_of[u.group].heading or "", u.text]) for u in units]
        hs = tfidf_similarity(heads, [passages[pi].text for pi in rows], lex)
        sim = np.array(sim, dtype=np.float64, copy=True)
        sim[:, rows] = np.maximum(sim[:, rows], hs)
        # a row is quoted by the one matter it is most about (a row names one matter: "调研事项：关于……")
        row_owner = {pi: units[int(np.argmax(sim[:, pi]))].group for pi in rows}
    home, province = _home_place(text)

    def matter_of(idx: int | None) -> int | None:
        for s in _ancestors(sections, idx):
            if s.kind == "matter":
                return s.index
        return None

    # other places' experience: attributed passages keep their place, the rest is no support at all
    ext: dict[int, str | None] = {}
    for pi, p in enumerate(passages):
        anc = _ancestors(sections, p.section)
        if any(_ELSEWHERE.search(s.heading) for s in anc if not s.inline):
            place = external_place(p.text, [s.heading for s in anc], home, province)
            if place is not None or not province:
                ext[pi] = place  # a provincial report's "各地好的做法" are its own cities' practice
    owner_of = _align(text, sections, units, groups, passages, lex)
    # another place's experience backs the one matter it is most about ("（2）基金引导" → 金融), not every matter
    # whose words it shares: with the model's similarities every 外地经验 cleared the bar for half the matters
    ext_owner = {pi: units[int(np.argmax(sim[:, pi]))].group for pi in ext}

    single = len(groups) == 1
    p_matter = [matter_of(p.section) for p in passages]
    # text under an item of a part block that no matter owns ("（二）学校食堂" whose words are near every 学校 matter)
    # backs the one matter it is most about, never every matter sharing a word with it
    tops = {s.index for s in sections if not s.inline and s.kind in ("situation", "problem")
            and (s.parent is None or sections[s.parent].kind not in ("situation", "problem", "suggestion"))}
    in_item = [any(a.parent in tops and not a.inline for a in _ancestors(sections, p.section)) for p in passages]
    # the matter a passage belongs to: that of its deepest aligned item ("3. 群众参与机制" under "（四）各地
    # 好的做法" goes with 农民主体作用 even when （四） as a whole goes with 管护)
    p_owner = [next((owner_of[a.index] for a in _ancestors(sections, p.section) if a.index in owner_of), None)
               for p in passages]
    p_general = [_general(sections, p) for p in passages]
    # a matter without an item of its own in a part (a strategic 统筹 matter) still draws on it by wording
    owned_kinds = {(p_owner[pi], p.kind) for pi, p in enumerate(passages) if p_owner[pi]}
    # a free item backs its best matter only when it shares words with it (tf-idf ≥ ALIGN_MIN, the bar an item is
    # aligned at); else a matter with its own item of this part leaves it alone. The
    # model's similarities alone put "（二）养老服务网络逐步完善" (tf-idf ≤ 0.078 to every measure) under 托育
    free_owner: dict[int, str] = {}
    for pi in range(len(passages)):
        if in_item[pi] and p_owner[pi] is None and pi not in ext and not passages[pi].header:
            best = units[int(np.argmax(sim[:, pi]))].group
            tie = max(float(words[ui, pi]) for ui, u in enumerate(units) if u.group == best)
            free_owner[pi] = best if tie >= ALIGN_MIN else ""
    # the report's framing is no matter's situation: its closing recommendation ("调研组建议，市政府以规划引领……"),
    # and the lead line of a part block that goes on in items ("近年来，全省深入打好污染防治攻坚战……⏎（一）……")
    itemised = {s.parent for s in sections if not s.inline and s.parent is not None}
    p_frame = [bool(_FRAMING.search(p.text)) or (p_general[pi] and p.section in itemised and not p.header)
               for pi, p in enumerate(passages)]  # a table there is data, not framing
    # a part block written as plain paragraphs, not an item per matter ("一、基本情况⏎A4区大道……⏎麻将馆……⏎西龙苑……"):
    # each paragraph is the one matter's it fits best, never every matter's top three (the 环卫 draft opened with
    # the 渣土车 paragraphs); a matter no paragraph fits quotes none, and the block's lead line frames the report
    for pi, gid in _plain_owners(units, groups, passages, sim, p_general, p_frame, ext, single).items():
        if gid:
            p_owner[pi] = gid
        else:
            p_frame[pi] = True
    for ui, u in enumerate(units):
        g = group_of[u.group]
        scored: list[tuple[float, int, list[str]]] = []
        for pi in range(len(passages)):
            if g.scope is not None and p_matter[pi] != g.scope:
                continue  # a matter's suggestions draw on that matter's own situation and problems
            if pi in ext and ext[pi] is None:
                continue  # experience of no nameable place reads as a fact about this one
            if p_frame[pi] and not single:
                continue
            if pi in row_owner and row_owner[pi] != g.id and p_owner[pi] is None:
                continue  # a row of the report's own item of a matter stays with that matter
            if (pi in free_owner and free_owner[pi] != g.id and g.scope is None
                    and (g.id, passages[pi].kind) in owned_kinds):
                continue  # a matter with its own item of this part takes no other item's text but its best one's
            if pi in free_owner and free_owner[pi] == "" and g.scope is None and not single and max(
                    float(words[vi, pi]) for vi, v in enumerate(units) if v.group == g.id) < FREE_WORDS_MIN:
                # an item no matter is aligned with ("（二）养老服务网络逐步完善") backs a matter without an item of its
                # own only when they share some words (养老机构 with the 消防 matter), not on the model's similarity
                # alone: the 人才 draft, its 南通 example gone, quoted it as its 调研情况
                continue
            reasons = []
            s = float(sim[ui, pi])
            if s > 0.05:
                reasons.append(f"用词相近（{s:.2f}）")
            if p_owner[pi] == g.id:
                s += ALIGNED_BONUS
                reasons.append("报告中同一事项的情况/问题")
            elif p_owner[pi] is not None:
                continue  # another matter's own situation or problems
            elif s < FREE_MIN and g.scope is None and not single and not p_general[pi]:
                continue
            if g.scope is not None:
                s += 0.3
                reasons.append("同一事项章节")
            if pi in ext:
                if ext_owner.get(pi) != g.id:
                    continue
                reasons.append(f"外地经验（{ext[pi]}）")
            scored.append((s, pi, reasons))
        for kind in ("situation", "problem"):
            cands = sorted((c for c in scored if passages[c[1]].kind == kind), key=lambda c: -c[0])
            # the matter's own item of the report is taken whole ("一是……四是……", "1．……7．"), however many
            # paragraphs it has; only passages linked by wording are capped at k
            own_item = [c for c in cands if p_owner[c[1]] == g.id]
            keep = own_item + [c for c in cands if p_owner[c[1]] != g.id and c[0] >= 0.12
                               and (c[1] not in ext or c[0] >= FREE_MIN + 0.05)][: max(0, k - len(own_item))]
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
                                                external=ext.get(pi) or "", header=list(p.header)))
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


#: the lead line of a part block written as plain paragraphs ("近年来，我市……城区声环境质量总体稳定。", "调研发现，我县……还存在
#: 一些短板。"): the report's framing, as the lead line above a block's （一）（二） items is
_LEAD = re.compile(r"^(?:近(?:几)?年来|多年来|调研(?:中)?发现|总(?:体|的)(?:上|来看|而言|看)|从调研(?:情况)?(?:看|来看))")


def _plain_owners(units: list[SuggestionUnit], groups: list[UnitGroup], passages: list[SupportPassage],
                  sim: np.ndarray, p_general: list[bool], p_frame: list[bool], ext: dict[int, str | None],
                  single: bool) -> dict[int, str]:
    """Passages of a situation/problem block with no items of its own → the one matter each fits best (its
    similarity to the matter's closest measure, over every matter of the report without a section of its own);
    "" for the block's lead line. Only a block whose paragraphs are about two matters or more is read so: a block
    that is all about one matter, or of one paragraph, is the report's general situation and frames every matter."""
    free = [g.id for g in groups if g.scope is None]
    if single or len(free) < 2:
        return {}
    rows = {gid: [ui for ui, u in enumerate(units) if u.group == gid] for gid in free}
    blocks: dict[int, list[int]] = {}
    for pi, p in enumerate(passages):
        if p_general[pi] and not p_frame[pi] and not p.header and pi not in ext and p.section is not None:
            blocks.setdefault(p.section, []).append(pi)
    out: dict[int, str] = {}
    for pis in blocks.values():
        if len(pis) < 2:
            continue
        best: dict[int, str] = {}
        for pi in pis:
            score = {gid: max(float(sim[ui, pi]) for ui in rows[gid]) for gid in free if rows[gid]}
            gid = max(score, key=lambda x: score[x]) if score else ""
            best[pi] = gid if gid and score[gid] > 0 else ""
        body = [pi for pi in pis if not (pi == pis[0] and _LEAD.match(passages[pi].text))]
        if len({best[pi] for pi in body if best[pi]}) < 2:
            continue  # one matter's, or nobody's: the general situation
        out.update({pi: (best[pi] if pi in body else "") for pi in pis})
    return out


def _general(sections: list[ReportSection], p: SupportPassage) -> bool:
    """A passage in the body of a part block itself ("一、基本情况⏎近年来，……"), under no item."""
    if p.section is None:
        return False
    s = sections[p.section]
    return not s.inline and s.kind in ("situation", "problem") and (
        s.parent is None or sections[s.parent].kind not in ("situation", "problem", "suggestion"))


def _align(text: str, sections: list[ReportSection], units: list[SuggestionUnit], groups: list[UnitGroup],
           passages: list[SupportPassage], lex: Lexicon) -> dict[int, str]:
    """Items (section indices) of the report's situation/problem blocks → the group id they belong to.
    Items of an item ("（四）各地好的做法 / 1. 管护模式创新 / 3. 群众参与机制") are paired the same way.

    Items and matters are paired one to one, most similar pair first (tf-idf of heading twice and text),
    down to :data:`ALIGN_MIN`; the same ordinal breaks near ties ("（三）" ↔ "（三）").
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
    out: dict[int, str] = {}
    parents = [b.index for b in blocks if b.kind != "suggestion"]
    parents += [s.index for s in sections if s.parent in parents and not s.inline]  # one level of sub-items
    practice = _practice_items(text, sections, parents)
    out.update(_align_examples(sections, passages, practice, gids, gtext, lex))
    for parent in parents:
        if parent in practice:
            continue
        items = [s for s in sections if s.parent == parent and not s.inline and not _ELSEWHERE.search(s.heading)
                 and s.index not in practice]
        if len(items) < (2 if parent not in [b.index for b in blocks] else 1):
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
        # greedy one-to-one matching, best pair first: an item pairs with the matter it shares most with
        # among those still free ("（二）建设质量有待提升" ↔ "（三）加强建设质量全过程监管" even when the
        # strategic matter "（一）把高标准农田建设……" shares the word 建设 with it)
        free_g, free_i = set(range(len(gids))), set(range(len(items)))
        # a sub-item leaves its paired parent's matter only for a clearly closer one ("2. 部门协同不够" under
        # 统筹推进机制 stays with 统筹谋划, though 区域协同 shares the word 协同)
        up = gids.index(out[parent]) if out.get(parent) in gids else None
        for flat in np.argsort(-sim, axis=None):
            i, j = divmod(int(flat), len(items))
            if sim[i, j] < ALIGN_MIN:
                break
            if up is not None and i != up and sim[i, j] < sim[up, j] + SUB_MARGIN:
                continue
            if i in free_g and j in free_i:
                out[items[j].index] = gids[i]
                free_g.discard(i)
                free_i.discard(j)
        if up is None and len(items) >= 3:
            # items left free pair with the free matter of the same ordinal (parallel （k） lists in each part)
            for j in sorted(free_i):
                i = next((i for i in sorted(free_g) if item_of[gids[i]].ordinal == items[j].ordinal and sim[i, j] > 0), None)
                if i is not None and items[j].ordinal:
                    out[items[j].index] = gids[i]
                    free_g.discard(i)
                    free_i.discard(j)
        if up is None and len(free_g) == 1 and len(free_i) == 1 and len(items) >= 3:
            # the report writes each matter once in each part: the one item left when every other has its matter
            # is the one matter left's, however few words they share ("（二）社区养老机构建设" ↔ "（二）在城镇社区和
            # 较大小区配建养老院"); else its text is free for every matter that shares a word with it
            i, j = next(iter(free_g)), next(iter(free_i))
            if sim[i, j] > 0:
                out[items[j].index] = gids[i]
        if up is not None:
            # a sub-item left unpaired that is about something else than its parent's matter ("1. 交通事故多发"
            # beside "2. 电动自行车充电安全隐患突出" under 交通和消防安全隐患, paired with 充电): nobody's support
            # unless another matter is clearly its own — it would read as a fact about the parent's matter
            top = max(float(sim[up, j]) for j in range(len(items)))
            for j in free_i:
                if float(sim[up, j]) >= SIBLING_RATIO * top:
                    continue
                if sections[parent].kind == "problem" and not _other_conjunct(sections[parent].heading,
                                                                               items[j].heading, gtext[up], lex):
                    # a problem item's sub-items are its aspects ("1．养老服务顶层设计不全面" under 社区养老院供给
                    # 不足, "可用空域和航线少" under 基础设施和空域资源制约): they stay with its matter however
                    # few words they share with its measures, unless the heading joins another thing they are about
                    continue
                best = int(np.argmax(sim[:, j]))
                out[items[j].index] = gids[best] if best != up and sim[best, j] >= ALIGN_MIN else ""
    return out


def _practice_items(text: str, sections: list[ReportSection], parents: list[int]) -> set[int]:
    """Situation items that list practice examples ("（四）部分地区和企业探索了一些有效做法", "（四）各地探索形成了
    一批典型经验", "（四）各地好的做法") — not another place's experience, which a 市 report keeps apart as 外地经验
    ("（五）外地经验值得借鉴": :data:`EXTERNAL_HEADING` in a report that is not a province's)."""
    _, province = _home_place(text)
    out: set[int] = set()
    for s in sections:
        if (s.parent in parents and s.parent not in out and not s.inline and s.kind == "situation"
                and PRACTICE_HEADING.search(s.heading) and (province or not _ELSEWHERE.search(s.heading))):
            # (an example under it is no practice item of its own: "4. 宿迁市探索农村互助养老")
            out.add(s.index)
    return out


def _align_examples(sections: list[ReportSection], passages: list[SupportPassage], practice: set[int],
                    gids: list[str], gtext: list[str], lex: Lexicon) -> dict[int, str]:
    """Each example under a practice item → the matter its own words are about, else nobody ("").

    Examples are listed by place, not by matter: "1. 南京市推行“社区宝宝屋”" is no fact of the matter numbered
    （一）, and "（1）吴中区在“骑手驿站”配备……法律咨询服务" under "2. 暖心服务" is the 驿站 matter's, not that of the
    item its heading went with. So no example pairs by its number or its heading's item: each leaf (an example with
    no item under it) goes to the matter whose measures share most words with it (tf-idf ≥ :data:`ALIGN_MIN`), several
    to one matter if so; the rest, and the practice heading's own lines, back no draft.
    """
    out: dict[int, str] = {}
    if not practice or not gids:
        return out
    under = [s for s in sections if not s.inline and any(a.index in practice for a in _ancestors(sections, s.index))]
    has_child = {s.parent for s in sections if not s.inline}
    leaves = [s for s in under if s.index not in has_child and s.index not in practice]
    for s in under:
        out[s.index] = ""
    if not leaves:
        return out
    texts = [" ".join([s.heading, *(p.text for p in passages if _within(sections, p.section, s.index))]) for s in leaves]
    sim = tfidf_similarity(gtext, texts, lex)
    for j, s in enumerate(leaves):
        i = int(np.argmax(sim[:, j]))
        out[s.index] = gids[i] if sim[i, j] >= ALIGN_MIN else ""
    return out


def _other_conjunct(parent: str, sub: str, matter: str, lex: Lexicon) -> bool:
    """Whether ``sub`` (a sub-item heading) is about a part of a joining ``parent`` heading that its matter's text
    never names: "交通事故多发" under "交通和消防安全隐患较多" when the matter (电动自行车充电) never says 交通.

    >>> from topicmine.drafts.analyze import DEFAULT_LEXICON as lex
    >>> _other_conjunct("交通和消防安全隐患较多", "交通事故多发", "规范电动自行车充电，建设集中充电设施。", lex)
    True
    >>> _other_conjunct("社区养老院供给不足、标准不一", "养老服务顶层设计不全面问题", "在社区配建养老院。", lex)
    False
    """
    conj = [c for c in re.split(r"[和与及、]", parent or "") if len(c) >= 2]
    if len(conj) < 2:
        return False
    for c in conj:
        words = [w for w in lex.terms(c) if len(w) >= 2 and w in (sub or "")]
        if words and not any(w in matter for w in words):
            return True
    return False


def under_experience(sections: list[ReportSection], p: SupportPassage) -> bool:
    """A passage under a heading of practices ("（四）各地探索形成了一批典型经验 / 4. 宿迁市探索农村互助养老")."""
    return any(EXTERNAL_HEADING.search(s.heading) for s in _ancestors(sections, p.section) if not s.inline)


def sentence_support(text: str, support: list[SupportPassage]) -> list[SupportPassage]:
    """Each supporting passage cut into its sentences, so a problem paragraph about both halves of a joined
    matter ("……人才紧缺……。低空经济企业……银行贷款难以获得……") gives each draft its own sentence.

    >>> t = "人才紧缺。银行贷款难以获得。"
    >>> [p.text for p in sentence_support(t, [SupportPassage("problem", 0, len(t), t, None)])]
    ['人才紧缺。', '银行贷款难以获得。']
    """
    from dataclasses import replace

    from topicmine.drafts.units import sentence_spans

    out = []
    for p in support:
        if p.header:  # a table row is quoted whole, with its header
            out.append(p)
            continue
        spans = [(a, b) for a, b in sentence_spans(text, p.start, p.end) if text[a:b].strip()]
        if len(spans) < 2:
            out.append(p)
            continue
        out += [replace(p, start=a, end=b, text=clean_text(text[a:b])) for a, b in spans]
    return out


def rejoin_support(text: str, support: list[SupportPassage]) -> list[SupportPassage]:
    """Adjacent sentences of one passage (nothing but spaces between them) become one passage again.

    >>> t = "人才紧缺。银行贷款难以获得。"
    >>> [p.text for p in rejoin_support(t, sentence_support(t, [SupportPassage("problem", 0, len(t), t, None)]))]
    ['人才紧缺。银行贷款难以获得。']
    """
    from dataclasses import replace

    out: list[SupportPassage] = []
    for p in sorted(support, key=lambda p: p.start):
        q = out[-1] if out else None
        if q is not None and q.kind == p.kind and q.external == p.external and not text[q.end:p.start].strip():
            out[-1] = replace(q, end=p.end, text=clean_text(text[q.start:p.end]), score=max(q.score, p.score))
        else:
            out.append(p)
    return out
