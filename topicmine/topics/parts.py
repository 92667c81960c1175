"""A programme's own 议题 shown once: the 议题 that are its parts are listed under it, not beside it.

The programme step (:mod:`topicmine.topics.programme`) gives a decade's programme — 脱贫攻坚 — a 议题 of its own, and
the clause step had already found its measures as 议题: 贵州 贫困县 (rank 2), 防止返贫致贫 (16) beside 脱贫攻坚 (13);
甘肃 易地扶贫搬迁 (5), 贫困人口大病 beside 脱贫攻坚. A reader counts two 议题 on one matter as a duplicate, and a
director wants the programme once, with what it consists of.

So a 议题 most of whose clauses name a programme's family (:data:`FAMILIES`; else the programme's anchor) is a
**part** of it: the programme takes the best rank of its group, its reason lists the parts, and the parts follow
the other 议题 (still listed, their reason naming the programme) — nothing is deleted.

>>> from topicmine.topics.rank import RankedTopic
>>> ranked = [RankedTopic(5, 1, 9.0, "r5"), RankedTopic(2, 2, 8.0, "r2"), RankedTopic(7, 3, 7.0, "r7")]
>>> out = fold_parts(ranked, {5: 7}, {7: "脱贫攻坚", 5: "贫困县"})
>>> [(r.topic, r.rank) for r in out]
[(7, 1), (2, 2), (5, 3)]
>>> out[0].reason
'r7；含同一计划的议题：贫困县（列于其下）'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

#: the words of one programme's family: its measures name these, not always the programme's own name (易地扶贫搬迁,
#: 贫困县摘帽, 防止返贫 all belong to 脱贫攻坚)
FAMILIES: tuple[re.Pattern[str], ...] = (
    re.compile(r"脱贫|扶贫|贫困|返贫|摘帽"),
    re.compile(r"疫情|新冠|疫苗|核酸"),
    re.compile(r"亚运|亚残运"),
)

#: a 议题 is a part of a programme when at least this share of its clauses names the programme's family
PART_SHARE = 0.5


def family_of(anchor: str) -> re.Pattern[str] | None:
    """The family pattern a programme's anchor belongs to (its own name when no family holds it).

    >>> family_of("脱贫").pattern, family_of("返贫").pattern, family_of("数字经济").pattern
    ('脱贫|扶贫|贫困|返贫|摘帽', '脱贫|扶贫|贫困|返贫|摘帽', '数字经济')
    """
    if not anchor:
        return None
    for f in FAMILIES:
        if f.fullmatch(anchor) or f.search(anchor):
            return f
    # an event's name (冬奥会) is said short in its measures (冬奥场馆, 冬奥项目)
    return re.compile(re.escape(anchor[:-1] if len(anchor) >= 3 and anchor.endswith("会") else anchor))


def programme_parts(topic_texts: Mapping[int, Sequence[str]], programmes: Iterable[int], anchors: Mapping[int, str],
                    candidates: Iterable[int], *, min_share: float = PART_SHARE,
                    titles: Mapping[int, str] | None = None) -> dict[int, int]:
    """part → head: each candidate 议题 at least ``min_share`` of whose clauses name a programme's family, mapped to
    the family's head (the programme 议题 with the most clauses; a smaller programme 议题 of the same family —
    甘肃 贫困人口大病 beside 脱贫攻坚 — is one of its parts).

    >>> texts = {1: ["打赢脱贫攻坚战", "脱贫攻坚专项巡视整改", "落实脱贫攻坚责任"], 2: ["贫困县摘帽", "贫困县统筹整合资金"],
    ...          3: ["东西部协作", "定点帮扶", "粤黔协作", "扶贫协作"], 4: ["高速公路", "脱贫路", "机场"]}
    >>> programme_parts(texts, [1, 2], {1: "脱贫", 2: "贫困县"}, [1, 2, 3, 4])
    {2: 1}

    A 议题 whose title names the family and a third of whose clauses do is a part too (河北's "冬奥场馆", 12 of 26
    clauses naming 冬奥, beside 冬奥会筹办: a reader counted the pair a duplicate):

    >>> texts = {1: ["做好冬奥会筹办工作"] * 3, 5: ["打造一流冬奥场馆设施", "加强场馆赛后综合利用", "场馆和配套设施建设"]}
    >>> programme_parts(texts, [1], {1: "冬奥会"}, [1, 5], titles={5: "冬奥场馆"})
    {5: 1}
    """
    fams: dict[str, tuple[re.Pattern[str], int]] = {}
    for p in sorted(programmes, key=lambda t: (-len(topic_texts.get(t, ())), t)):
        f = family_of(anchors.get(p, ""))
        if f is not None and _share(topic_texts.get(p, ()), f) >= min_share:
            fams.setdefault(f.pattern, (f, p))
    out: dict[int, int] = {}
    for t in candidates:
        for f, head in fams.values():
            share = _share(topic_texts.get(t, ()), f)
            if t != head and (share >= min_share or (share >= min_share * 2 / 3 and f.search((titles or {}).get(t, "")))):
                out[t] = head
                break
    return out


#: an event's name: games, expos, fairs and summits (亚运会, 冬奥会, 进博会, 广交会, 世博会, 服贸会, 峰会) — not a body
#: or a meeting (委员会, 协会, 商会, 大会, 座谈会)
_EVENT = re.compile(r"[\u4e00-\u9fff]{1,3}(?:运会|奥会|博会|交会|览会|洽会|贸会|峰会)")


def event_heads(topic_texts: Mapping[int, Sequence[str]], anchors: Mapping[int, str], ranked: Sequence[int],
                titles: Mapping[int, str] | None = None) -> list[int]:
    """Of the ``ranked`` 议题 (best first), the first of each named event (:data:`FAMILIES`' 亚运, or an anchor or
    title naming a 会) that another ranked 议题 also names in half its clauses — the head its pieces fold under.

    >>> texts = {3: ["办好亚运会", "亚运场馆建设", "亚运会筹办"], 8: ["迎亚运讲文明树新风", "亚运城市行动"], 9: ["学前教育"]}
    >>> event_heads(texts, {3: "亚运会", 8: "亚运", 9: "学前教育"}, [3, 9, 8])
    [3]
    """
    heads: list[int] = []
    seen: set[str] = set()
    for t in ranked:
        name = anchors.get(t, "")
        f = next((x for x in FAMILIES[2:] if x.search(name)), None)
        if f is None:
            m = _EVENT.search(name) or _EVENT.search((titles or {}).get(t, ""))
            f = family_of(m.group(0)) if m else None
        if f is None or f.pattern in seen or _share(topic_texts.get(t, ()), f) < PART_SHARE:
            continue
        seen.add(f.pattern)
        if any(o != t and _share(topic_texts.get(o, ()), f) >= PART_SHARE for o in ranked):
            heads.append(t)
    return heads


def _share(texts: Sequence[str], f: re.Pattern[str]) -> float:
    return sum(bool(f.search(x)) for x in texts) / len(texts) if texts else 0.0


def fold_parts(ranked: list[Any], part_of: Mapping[int, int], titles: Mapping[int, str]) -> list[Any]:
    """``ranked`` (:class:`topicmine.topics.rank.RankedTopic`, best first) with each head at the best rank of its group
    (its score the group's best), its parts after the other 议题 (before 外地动向), ranks renumbered and both reasons
    saying it. A head not in the list leaves its parts where they are."""
    present = {r.topic: r for r in ranked}
    groups: dict[int, list[Any]] = {}
    for r in ranked:
        h = part_of.get(r.topic)
        if h is not None and h in present:
            groups.setdefault(h, []).append(r)
    if not groups:
        return ranked
    for h, parts in groups.items():
        head = present[h]
        head.parts = [p.topic for p in parts]
        head.score = max([head.score] + [p.score for p in parts])
        for p in parts:
            p.part_of = h
    heads = [r for r in ranked if r.part_of is None and not r.outside]
    heads.sort(key=lambda r: -r.score)  # stable: ties keep their order
    tail = [r for r in ranked if r.part_of is not None and not r.outside]
    out = heads + tail + [r for r in ranked if r.outside and r.part_of is None] + \
        [r for r in ranked if r.outside and r.part_of is not None]
    for i, r in enumerate(out, 1):
        r.rank = i
    for h, parts in groups.items():
        head = present[h]
        # the first three by rank, then how many (甘肃's 脱贫攻坚 has eleven)
        names = "、".join(f"{titles.get(p.topic) or p.topic}" for p in parts[:3])
        more = f"等{len(parts)}个" if len(parts) > 3 else ""
        head.reason += f"；含同一计划的议题：{names}{more}（列于其下）"
        for p in parts:
            p.reason = f"属“{titles.get(h) or h}”（第{head.rank}名）的组成部分；{p.reason}"
    return out


def cover_salient(salient: Iterable[Any], heads: Mapping[int, str]) -> None:
    """Mark (in place) each salient term (:class:`topicmine.topics.salient.Salient`) said to have no 议题 as covered by
    the ranked programme 议题 (``heads``: topic → anchor) whose family holds the term: 甘肃's box said "贫困地区…未成议题"
    above a list whose 脱贫攻坚 holds the matter (its 34 clauses are spread over 革命老区, 扶贫车间 and none).

    >>> from topicmine.topics.salient import Salient
    >>> s = [Salient("贫困地区", 2018, 0.09, {2018: 0.09}, 12), Salient("疫情", 2021, 0.1, {2021: 0.1}, 3)]
    >>> cover_salient(s, {144: "脱贫"})
    >>> [(x.term, x.status, x.topic) for x in s]
    [('贫困地区', '已覆盖', 144), ('疫情', '未成议题', None)]
    """
    for s in salient:
        if s.status != "未成议题":
            continue
        for h, anchor in heads.items():
            f = family_of(anchor)
            if f is not None and f.search(s.term):
                s.status, s.topic = "已覆盖", h
                break


#: "X经济" / "X产业" is the economy of X: 吉林's 冰雪经济 (7 clauses, rank 71) beside 冰雪 (21 clauses, rank 53)
_ECONOMY = ("经济", "产业")


def economy_parts(anchors: Mapping[int, str], ranked: Sequence[int], area_of: Mapping[int, Any]) -> dict[int, int]:
    """part → head: a ranked 议题 anchored on "X经济" or "X产业" is a part of the ranked 议题 of the same area anchored
    on X (two characters or more) — the object and its economy are one matter, which a reader found split in two.

    >>> economy_parts({1: "冰雪", 2: "冰雪经济", 3: "农产品", 4: "农产品加工"}, [1, 3, 4, 2], {1: 5, 2: 5, 3: 6, 4: 6})
    {2: 1}
    >>> economy_parts({1: "冰雪", 2: "冰雪经济"}, [1, 2], {1: 5, 2: 7})
    {}
    """
    by_anchor = {anchors.get(t, ""): t for t in ranked}
    out: dict[int, int] = {}
    for t in ranked:
        a = anchors.get(t, "")
        for suffix in _ECONOMY:
            head = by_anchor.get(a[:-len(suffix)]) if a.endswith(suffix) and len(a) - len(suffix) >= 2 else None
            if head is not None and head != t and area_of.get(head) == area_of.get(t) and head not in out:
                out[t] = head
    return out


def fold_level(level: Any, clause_texts: Sequence[str], anchors: Mapping[str, str], salient: Iterable[Any]) -> None:
    """On a 议题 level (:class:`topicmine.topics.discover.TopicLevel`, in place): find each programme's parts
    (``level.part_of``), fold them under it in ``level.ranked``, and mark the salient terms of a ranked programme's
    family as covered by it (:func:`cover_salient`). ``anchors``: stable id (as str) → anchor."""
    by_topic: dict[int, list[str]] = {}
    for i, t in enumerate(level.assignments.tolist()):
        if t >= 0:
            by_topic.setdefault(int(t), []).append(clause_texts[i])
    titles = {t: getattr(lab, "title", "") or "" for t, lab in level.labels.items()}
    anchors_i = {int(k): v for k, v in anchors.items()}
    ranked_ids = [r.topic for r in level.ranked]
    level.part_of = programme_parts(by_topic, level.programmes, anchors_i, ranked_ids, titles=titles)
    # pieces of one named event with no programme 议题 of their own: the best-ranked piece heads them
    heads = event_heads(by_topic, anchors_i, [t for t in ranked_ids if t not in level.part_of], titles)
    level.part_of.update(programme_parts(by_topic, heads, anchors_i,
                                         [t for t in ranked_ids if t not in level.part_of], titles=titles))
    level.part_of.update(economy_parts(anchors_i, [t for t in ranked_ids if t not in level.part_of],
                                       {t: getattr(x, "parent", None) for t, x in level.run.by_id().items()}
                                       if hasattr(level, "run") else {}))
    level.ranked = fold_parts(level.ranked, level.part_of, titles)
    # a salient term of the programme's family no 议题 covers (贫困地区 beside a ranked 脱贫攻坚): the programme covers it
    ranked_ids = {r.topic for r in level.ranked}
    cover_salient(salient, {h: anchors.get(str(h), "") for h in level.programmes
                            if h in ranked_ids and h not in level.part_of})
    # each salient term's 议题 with its rank after folding: the box says where one below the first screen stands
    rank_of = {r.topic: r.rank for r in level.ranked}
    for s in salient:
        s.rank = rank_of.get(s.topic) if s.topic is not None and s.status != "未成议题" else None
