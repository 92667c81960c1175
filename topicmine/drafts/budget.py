"""The length budget of a draft: each part (情况 / 分析 / 建议) keeps a share, long measures keep their lead.

A 提案 is capped (2,500 字 by default) and a 社情民意信息 more firmly (1,500 字). When the report's text for a matter
is longer, the budget is shared out between the parts instead of being spent on the measures first:

- every part gets a floor: a proposal keeps at least one situation and one problem paragraph (条例第十五条: 有情况、
  有分析、有具体的建议), and every measure keeps its lead sentence(s) and the head sentence of each of its sub-points
  ("（1）…", "一是…") — a measure is never dropped;
- what is left is shared by weight (:data:`SHARES`), a part that needs less than its share giving the rest to the others;
- situation and problem passages are kept whole, in order, as many as fit their share (those cut are named in the draft);
- the measures are cut to one common length per measure (the longest measures are shortened first, short ones stay whole),
  keeping whole sentences from the start of each measure and of each sub-point, and the draft says which were shortened.

Every kept piece is still a verbatim quote of the report (``start``/``end`` into the source): shortening only leaves
sentences out. (A blind read: a 5,513-字 减负 proposal lost its survey figures, its 弊端 paragraph and all three causes so
that its four measures could be quoted in full — and still ran to 3,554 字.)

    >>> src = "1．更新教育思想。学校要先改变。其次要保证锻炼时间。此外要开设劳动课。"
    >>> [src[a:b] for a, b in measure_pieces(src, 0, len(src), 0)]
    ['1．更新教育思想。学校要先改变。']
    >>> [src[a:b] for a, b in measure_pieces(src, 0, len(src), 10_000)]
    ['1．更新教育思想。学校要先改变。其次要保证锻炼时间。此外要开设劳动课。']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from topicmine.text.sentences import sentence_spans

__all__ = ["SHARES", "BudgetPlan", "evidence_order", "measure_pieces", "plan_budget", "share_out"]

#: the share of the budget each part gets beyond its floor (情况, 分析, 建议): the measures are what a proposal asks,
#: but a drafter would rather shorten them than lose the research that argues for them
SHARES: dict[str, float] = {"situation": 0.3, "problem": 0.3, "suggestion": 0.4}

#: a first sentence this short is a measure's heading ("更新教育思想。"): its lead is the next sentence too
_HEADING_CHARS = 16

#: a sentence that asks for something ("应当精简作业量", "建议……扩充和完善", "加快……建设"), not one that argues
#: (a verb said of what is lacking — "还不够完善", "尚未建立" — asks nothing)
_ASK = re.compile(r"建议|应当|应该|必须|亟需|亟须|(?<![需重主只想])要(?=[加建完推设制落充鼓支提减精强坚把切])|"
                  r"(?<![不未够欠缺])(?:加快|加强|加大|推进|推动|完善|建立|健全|鼓励|支持|落实|设立|出台|制定|引导|规范|"
                  r"精简|减少|提高|优化|改进|探索|实行|纳入)")

#: the sub-point markers of a measure (a style counts only when used at least twice inside it)
_SUBPOINT = re.compile(r"[（(][0-9０-９]{1,2}[）)]|[⑴-⒇]|[①-⑳]|[一二三四五六七八九十]是|其[一二三四五六七八九][，、]|"
                       r"第[一二三四五六七八九十][，、]")


def _len(text: str, a: int, b: int) -> int:
    return len(re.sub(r"\s", "", text[a:b]))


def _style(token: str) -> str:
    if token[0] in "（(":
        return "arp"
    if "⑴" <= token[0] <= "⒇":
        return "arp"
    if "①" <= token[0] <= "⑳":
        return "circ"
    if token.endswith("是"):
        return "shi"
    return "qi" if token.startswith("其") else "di"


def _subpoints(text: str, a: int, b: int) -> list[int]:
    """Where the sub-points of the measure ``text[a:b]`` open (its own opening marker excluded)."""
    found = [(m.start(), _style(m.group(0))) for m in _SUBPOINT.finditer(text, a, b) if m.start() > a + 1]
    counts: dict[str, int] = {}
    for _, s in found:
        counts[s] = counts.get(s, 0) + 1
    return [p for p, s in found if counts[s] >= 2]


def measure_pieces(text: str, a: int, b: int, cap: int) -> list[tuple[int, int]]:
    """The spans of the measure ``text[a:b]`` kept under ``cap`` 字: always its lead sentence(s) and the head sentence
    of each sub-point, then the sentences after each of these in order while the total stays within ``cap``.
    Adjacent kept sentences are one span (one quoted paragraph)."""
    sents = sentence_spans(text, a, b, semicolon=False)
    if not sents:
        return [(a, b)]
    starts = _subpoints(text, a, b)
    # a sub-point opening inside a sentence ("……标准。建议：（1）将……") starts a sentence of its own here
    cuts = sorted({x for s in sents for x in s} | set(starts))
    pieces = [(x, y) for x, y in zip(cuts, cuts[1:]) if text[x:y].strip() and any(x >= s and y <= e for s, e in sents)]
    pieces = [(x + len(text[x:y]) - len(text[x:y].lstrip()), y) for x, y in pieces]
    heads = {0} | {i for i, (x, _) in enumerate(pieces) if x in starts}
    first_sub = min((i for i in heads if i), default=len(pieces))
    if _len(text, *pieces[0]) <= _HEADING_CHARS and len(pieces) > 1 and 1 not in heads:
        # "1．更新教育思想。" is a heading: its lead is the first sentence after it that asks something, else the next one
        # (a reader met "学校是教育行业的领航军……" kept and "应当……改进教育理念" left out)
        heads.add(next((i for i in range(1, first_sub) if _ASK.search(text, *pieces[i])), 1))
    keep = set(heads)
    used = sum(_len(text, *pieces[i]) for i in keep)
    # each run (lead, each sub-point) grows in turn by its next sentence, so no sub-point takes all the room
    fronts = sorted(i for i in heads if i == 0 or i >= first_sub)  # the heading and its lead grow as one run
    grew = True
    while grew:
        grew = False
        for k, h in enumerate(fronts):
            end = fronts[k + 1] if k + 1 < len(fronts) else len(pieces)
            run = [i for i in range(h + 1, end) if i not in keep and i not in heads]
            if not run:
                continue
            # the sentences that ask (应当/建议/加快…) before the ones that argue: a shortened measure keeps its asks
            nxt = next((i for i in run if _ASK.search(text, *pieces[i])), run[0])
            n = _len(text, *pieces[nxt])
            if used + n <= cap:
                keep.add(nxt)
                used += n
                grew = True
    spans: list[tuple[int, int]] = []
    for i in sorted(keep):
        x, y = pieces[i]
        if spans and i - 1 in keep:
            spans[-1] = (spans[-1][0], y)
        else:
            spans.append((x, y))
    return spans


def share_out(budget: int, needs: dict[str, int], floors: dict[str, int],
              shares: dict[str, float] | None = None) -> dict[str, int]:
    """Each part's allowance: its floor, then the rest of ``budget`` by share, never more than it needs; what a
    part does not need goes to the others by their shares.

    >>> share_out(1000, {"situation": 900, "problem": 1200, "suggestion": 3100},
    ...           {"situation": 100, "problem": 100, "suggestion": 300})
    {'situation': 250, 'problem': 250, 'suggestion': 500}
    >>> share_out(1000, {"situation": 100, "problem": 1200, "suggestion": 3100}, {"situation": 100, "problem": 100,
    ...           "suggestion": 300})
    {'situation': 100, 'problem': 315, 'suggestion': 585}
    """
    shares = shares or SHARES
    alloc = {k: min(needs[k], floors.get(k, 0)) for k in needs}
    rest = budget - sum(alloc.values())
    open_ = [k for k in needs if alloc[k] < needs[k]]
    while rest > 0 and open_:
        total = sum(shares[k] for k in open_)
        give = {k: int(rest * shares[k] / total) for k in open_}
        if not any(give.values()):
            give[open_[0]] = rest
        for k in open_:
            g = min(give[k], needs[k] - alloc[k])
            alloc[k] += g
            rest -= g
        open_ = [k for k in open_ if alloc[k] < needs[k]]
        if all(give[k] == 0 for k in open_) and rest > 0 and open_:
            alloc[open_[0]] += min(rest, needs[open_[0]] - alloc[open_[0]])
            break
    return alloc


@dataclass
class BudgetPlan:
    """What the budget keeps: indices of the situation/problem paragraphs kept, and per measure the spans kept."""

    situation: list[int]
    problem: list[int]
    measures: list[list[tuple[int, int]]]
    #: measures (0-based) that lost sentences, and how many 字 the measures lost in all
    shortened: list[int] = field(default_factory=list)
    measure_chars_cut: int = 0


def _pick(lengths: list[int], allowance: int, floor: int, order: list[int] | None = None) -> list[int]:
    """Paragraphs kept whole while they fit, taken in ``order`` (default: as written; the first ``floor`` of that
    order always), returned as written."""
    keep, used = [], 0
    for k, i in enumerate(order if order is not None else range(len(lengths))):
        n = lengths[i]
        if k < floor or used + n <= allowance:
            keep.append(i)
            used += n
    return sorted(keep)


#: a paragraph that restates the centre's line ("党的十九大报告指出……", "习近平总书记强调……"): the report's frame, not
#: the matter's evidence — the last a budget keeps
_FRAME = re.compile(r"十九大|二十大|十八大|习近平|总书记|党中央|中央[^，。]{0,6}(?:会议|文件|精神|部署)|国务院[^，。]{0,6}(?:印发|发布|出台)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|个|万|亿|元|家|人|所|项|条|次|座|台|户|公里|千米|年)")


def evidence_order(paras: list[str], measures: str) -> list[int]:
    """The order in which a budget keeps situation or problem paragraphs: the matter's own evidence first — figures,
    and the words the measures build on ("可参照苏州做法" keeps "苏州……有线智慧镇27个") — the centre's line last;
    ties as written.

    >>> evidence_order(["党的十九大报告指出，要打造共建共治共享的社会治理格局。",
    ...                 "苏州已建成有线智慧镇27个，覆盖吴江、常熟。"], "可参照苏州做法，推广有线智慧镇建设。")
    [1, 0]
    """
    def grams(t: str) -> set[str]:
        cjk = re.sub(r"[^\u4e00-\u9fff]", " ", t)
        return {w[i:i + 2] for w in cjk.split() for i in range(len(w) - 1)}

    want = grams(measures)

    def score(t: str) -> float:
        g = grams(t)
        shared = len(g & want) / len(g) if g else 0.0
        return min(3, len(_NUMBER.findall(t))) + 4 * shared - (3 if _FRAME.search(t) else 0)

    # a paragraph that ends inside a sentence goes with the next one (a torn item is kept whole or not at all): the
    # pair is ranked by its better half, its halves kept side by side in the order
    units: list[list[int]] = []
    for i in range(len(paras)):
        if units and not re.search(r"[。！？；：”」）)]\s*$", paras[units[-1][-1]]):
            units[-1].append(i)
        else:
            units.append([i])
    ranked = sorted(units, key=lambda u: (-max(score(paras[i]) for i in u), u[0]))
    return [i for u in ranked for i in u]


def plan_budget(text: str, budget: int, sit: list[int], prob: list[int], measures: list[tuple[int, int]], *,
                keep_one: bool, length: Callable[[int, int], int] | None = None,
                shares: dict[str, float] | None = None, shorten: bool = True,
                sit_order: list[int] | None = None, prob_order: list[int] | None = None) -> BudgetPlan:
    """Share ``budget`` 字 between the situation paragraphs (lengths ``sit``), the problem paragraphs (``prob``) and
    the measures (spans into ``text``). ``keep_one``: a proposal keeps one paragraph of each part whatever it costs.
    ``shares`` replaces :data:`SHARES`; without ``shorten`` the measures stay whole and only support is cut.
    ``sit_order`` / ``prob_order``: the order in which paragraphs are kept (:func:`evidence_order`); default as written.
    """
    ln = length or (lambda x, y: _len(text, x, y))
    full = [ln(x, y) for x, y in measures]
    skeleton = [measure_pieces(text, x, y, 0) for x, y in measures]
    skel_len = sum(ln(p, q) for sk in skeleton for p, q in sk)
    floor_n = 1 if keep_one else 0
    needs = {"situation": sum(sit), "problem": sum(prob), "suggestion": sum(full)}
    floors = {"situation": sum(sit[:floor_n]), "problem": sum(prob[:floor_n]),
              "suggestion": skel_len if shorten else sum(full)}
    alloc = share_out(budget, needs, floors, shares)
    ks = _pick(sit, alloc["situation"], floor_n, sit_order)
    slack = alloc["situation"] - sum(sit[i] for i in ks)
    kp = _pick(prob, alloc["problem"] + max(0, slack), floor_n, prob_order)
    room = budget - sum(sit[i] for i in ks) - sum(prob[i] for i in kp)
    # the measures: one common cap per measure, the largest that fits the room left (at least the skeleton)
    lo, hi = 0, max(full, default=0)
    best = skeleton
    while lo <= hi:
        mid = (lo + hi) // 2
        trial = [measure_pieces(text, x, y, mid) for x, y in measures]
        if sum(ln(p, q) for t in trial for p, q in t) <= room:
            best, lo = trial, mid + 1
        else:
            hi = mid - 1
    if sum(full) <= room or not shorten:
        best = [[m] for m in measures]
    used = sum(ln(p, q) for t in best for p, q in t)
    # room the measures left (whole sentences do not fill a cap exactly) takes back support cut before, in order
    spare = room - used
    for keep, lengths, order in ((ks, sit, sit_order), (kp, prob, prob_order)):
        for i in (order if order is not None else range(len(lengths))):
            n = lengths[i]
            if i not in keep and n <= spare:
                keep.append(i)
                spare -= n
        keep.sort()
    shortened = [i for i, (t, n) in enumerate(zip(best, full)) if sum(ln(p, q) for p, q in t) < n]
    cut = sum(full) - used
    return BudgetPlan(situation=ks, problem=kp, measures=best, shortened=shortened, measure_chars_cut=cut)
