"""Two matters pasted part by part: each part of a draft holds the first matter's text, then the second's.

A member who joins two proposals of one field under one set of parts writes 调研情况 = A's situation + B's
situation, 问题分析 = A's problems + B's problems, 具体建议 = A's measures + B's measures. The field's words
(产业, 发展, 江苏) run through all of it, so the whole-body vocabulary test
(:func:`topicmine.drafts.matters.one_matter`) can miss it (a blind reader's 物联网产业 + 光伏平价上网送苏大基地,
both 工业商贸). What gives it away is the shape: every part turns, at one point, from one object to another, and
the parts' first pieces speak of one thing, their last pieces of another.

:func:`parallel_halves` tries every way of cutting each part once (at a chunk boundary) and joins the parts'
first pieces into side X, their last pieces into side Y. The pair is two matters when

- the sides share few words against their own coherence (cross / within < :data:`PARALLEL_THRESHOLD`; within is
  how well a side's situation-and-problem pieces match its own measures), and
- in every part, each piece is closer to its own side's other pieces than to the other side's (the turn is
  the same turn everywhere, not one aspect in the measures only).

A single proposal whose measures turn to a second aspect has no such turn in its situation; one with two
aspects everywhere keeps its object words on both sides (ratio near 1).

A cut whose ratio is higher (the field's words shared) still parts two matters when the title's own object
("物联网") is said in the first half and (almost) never in the second (:func:`title_words`; a place in the title,
"江苏省", is where, not what) — the second half is a matter the title does not name.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence

import numpy as np

import re

from topicmine.drafts.analyze import DEFAULT_LEXICON, Lexicon
from topicmine.drafts.matters import _TITLE_FRAME, SLOGAN_WORD, MatterSide, OneMatterResult, _idf, _tied_by_title, _with_parts

#: below this cross/within ratio the parts' first and last pieces are two matters (set on rows 0–143 of
#: jszx2019_dev: same-field pairs pasted part by part vs single proposals; see docs/figures/drafts8.md)
PARALLEL_THRESHOLD = 0.35
#: each side must hold this share of the body (a short proposal pasted beside a long one still counts; the
#: turn in every part guards against one odd sentence)
PARALLEL_MIN_SHARE = 0.1
#: at most this many cut combinations are scored (parts of many chunks: cuts thinned evenly)
MAX_COMBOS = 4000


def _thin(cuts: list[int], n: int) -> list[int]:
    if len(cuts) <= n:
        return cuts
    step = len(cuts) / n
    return [cuts[int(i * step)] for i in range(n)]


def parallel_halves(chunks: Sequence[tuple[int, int]], terms: Sequence[Sequence[str]],
                    parts: Sequence[tuple[int, int]]) -> tuple[float, list[int], list[int], bool] | None:
    """The best part-by-part cut: (ratio, chunk indices of side X, of side Y, whether every part — three or
    more — was cut), or None when fewer than two parts can be cut (a part of one chunk is left out; the
    measures must be cut) or no cut passes the order test.

    ``chunks``: spans of the body's chunks; ``terms``: each chunk's terms; ``parts``: spans of the draft's parts
    (调研情况 / 问题分析 / 具体建议).

    >>> t = ("物联网产业规模超万亿，无锡物联网企业超过两千家。全省用电量突破六千亿千瓦时，光伏资源丰富。"
    ...      "物联网核心传感器芯片依赖进口。输电通道利用率低，光伏发电上网难。"
    ...      "设立物联网产业基金，攻关传感器芯片。利用特高压输电通道建设光伏大基地。")
    >>> ch = [(0, 24), (24, 46), (46, 68), (68, 85), (85, 102), (102, 121)]
    >>> tm = [["物联网", "产业", "无锡", "企业"], ["用电量", "光伏", "资源"], ["物联网", "传感器", "芯片"],
    ...       ["输电", "通道", "光伏", "发电"], ["物联网", "产业", "基金", "传感器", "芯片"], ["特高压", "输电", "通道", "光伏"]]
    >>> r = parallel_halves(ch, tm, [(0, 46), (46, 85), (85, 121)])
    >>> round(r[0], 2), r[1], r[2], r[3]
    (0.0, [0, 2, 4], [1, 3, 5], True)
    """
    if len(parts) < 2:
        return None
    # a chunk belongs to the part its middle lies in (a chunk may open with the part's own label)
    by_part = [[i for i, (s, e) in enumerate(chunks) if pa <= (s + e) // 2 < pb] for pa, pb in parts]
    # a part of one chunk (a one-line 问题分析) cannot turn; the others must, the measures among them
    if len(by_part[-1]) < 2:
        return None
    whole = len(by_part) >= 3 and all(len(p) >= 2 for p in by_part)
    by_part = [p for p in by_part if len(p) >= 2]
    if len(by_part) < 2:
        return None
    # chunk × term counts, so a piece's counts are a difference of cumulative sums
    vocab = {w: k for k, w in enumerate(dict.fromkeys(w for t in terms for w in t))}
    if not vocab:
        return None
    counts = np.zeros((len(terms), len(vocab)))
    for i, t in enumerate(terms):
        for w, n in Counter(t).items():
            counts[i, vocab[w]] = n
    idf, med = _idf()
    weight = np.array([idf.get(w, med) ** 2 for w in vocab])
    lengths = np.array([b - a for a, b in chunks], dtype=float)
    total = sum(lengths[i] for p in by_part for i in p) or 1.0
    cum = [np.vstack([np.zeros(len(vocab)), np.cumsum(counts[p], axis=0)]) for p in by_part]
    cum_len = [np.concatenate([[0.0], np.cumsum(lengths[p])]) for p in by_part]
    per = max(2, int(MAX_COMBOS ** (1 / len(by_part))))
    cut_lists = [_thin(list(range(1, len(p))), per) for p in by_part]

    def vec(c: np.ndarray) -> np.ndarray:
        # the weighting of matters._vec: (1 + log n) × idf²
        return np.where(c > 0, 1 + np.log(np.maximum(c, 1)), 0.0) * weight

    def cos(a: np.ndarray, b: np.ndarray) -> float:
        na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
        return float(a @ b) / (na * nb) if na and nb else 0.0

    best: tuple[float, list[int], list[int], bool] | None = None
    for cuts in itertools.product(*cut_lists):
        heads = [cm[k] for cm, k in zip(cum, cuts)]
        tails = [cm[-1] - cm[k] for cm, k in zip(cum, cuts)]
        lx = sum(cl[k] for cl, k in zip(cum_len, cuts))
        if min(lx, total - lx) / total < PARALLEL_MIN_SHARE:
            continue
        cx, cy = sum(heads), sum(tails)
        cross = cos(vec(cx), vec(cy))
        # within: a side's earlier-part pieces against its last-part piece (its situation and problems
        # against its own measures)
        wx = cos(vec(cx - heads[-1]), vec(heads[-1]))
        wy = cos(vec(cy - tails[-1]), vec(tails[-1]))
        ratio = cross / max(min(wx, wy), 0.05)
        if best is not None and ratio >= best[0]:
            continue
        # the same turn in every part: each piece closer to the rest of its own side than to the other side
        ok = all(cos(vec(h), vec(cx - h)) > cos(vec(h), vec(cy - t)) and cos(vec(t), vec(cy - t)) > cos(vec(t), vec(cx - h))
                 for h, t in zip(heads, tails))
        if ok:
            x = [i for p, k in zip(by_part, cuts) for i in p[:k]]
            y = [i for p, k in zip(by_part, cuts) for i in p[k:]]
            best = (ratio, x, y, whole)
    return best


#: the verbs and adverbs a title opens with ("进一步提高", "加快推进", "关于加强"): never the matter's object
_TITLE_VERBS = re.compile(r"(?:进一步|切实|大力|全面|着力|持续|不断|尽快|加快|加强|加大|推进|推动|促进|提高|提升|完善|健全|"
                          r"强化|深化|优化|规范|做好|抓好|落实|建立|构建|打造|实施|开展|支持|鼓励|引导|保障|解决)")
#: a title word this specific (jieba idf) names the matter ("物联网" ≈ 9, "产业" ≈ 5: the field's)
TITLE_WORD_IDF = 6.0
#: below this part-by-part ratio a half that (almost) never says the title's object is a second matter
PARALLEL_TITLE_BOUND = 1.0
#: "almost never": the title's words per chunk in the second half at most this share of the first half's
#: (single proposals of rows 0–143, at their best cut below the bound: 0.30 and up; joined pairs 0–0.2)
TITLE_RATE_SHARE = 0.2


def title_words(title: str, ignore: frozenset[str] | set[str] = frozenset(), lexicon: Lexicon | None = None) -> set[str]:
    """The specific words of a title (jieba idf ≥ 6) and their two-character parts, places left out.

    >>> sorted(title_words("关于加快发展江苏省生物柴油产业的建议"))
    ['柴油']
    >>> sorted(title_words("关于加快培养“懂海洋”人才队伍的建议"))
    ['人才', '人才队伍', '培养', '懂海洋', '海洋', '队伍']
    """
    import jieba.posseg as pseg

    lex = lexicon or DEFAULT_LEXICON
    idf, med = _idf()
    # the frame's verbs say what to do, not what about ("进一步提高…便利化程度": 进一步提高 and its parts 进一/一步
    # counted as the title's object, so a proposal's own intro out-said its body: a blind reader's 开办企业)
    core = _TITLE_VERBS.sub("", _TITLE_FRAME.sub("", title.strip()))
    # a place ("江苏省", "苏北") is where, not what: a proposal pasted beside says it too
    places = [w for w, f in pseg.cut(core) if f == "ns" or re.fullmatch(r"..?[省市县区]", w)]
    words = {w for w in _with_parts([w for w in lex.terms(core) if w not in ignore])
             if idf.get(w, med) >= TITLE_WORD_IDF and not any(w in p for p in places) and not SLOGAN_WORD.search(w)}
    # a phrase the title quotes names its matter ("加快培养“懂海洋”人才队伍": jieba tags 海洋 a place; "启动智慧健康养老
    # “时间银行”": 时间 and 银行 alone are common words): the phrase itself, and its specific words, places or not
    for q in quoted(core, ignore):
        words |= _quoted_words(q, ignore, lex)
    return words


def _quoted_words(q: str, ignore: frozenset[str] | set[str], lex: Lexicon) -> set[str]:
    """A quoted phrase of a title and its specific words, places or not ("懂海洋" → 懂海洋, 海洋)."""
    idf, med = _idf()
    return {q} | {w for w in lex.terms(q) if w not in ignore and idf.get(w, med) >= TITLE_WORD_IDF}


def quoted(title: str, ignore: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The phrases a title quotes ("“时间银行”", "“懂海洋”"), slogans and the report's field words left out.

    >>> quoted("随着全社会老龄化进程的加速，建议尽快启动智慧健康养老“时间银行”")
    ['时间银行']
    """
    return [q for q in re.findall(r"[“\"‘「]([^”\"’」]{2,12})[”\"’」]", title)
            if q not in ignore and not SLOGAN_WORD.search(q)]


def parallel_matters(ch: list[tuple[int, int]], terms: list[list[str]], lengths: np.ndarray,
                     parts: list[tuple[int, int]], lex: Lexicon, title: str,
                     ignore: frozenset[str] | set[str]) -> OneMatterResult | None:
    """Two matters pasted part by part (each part: the first's text, then the second's), for
    :func:`topicmine.drafts.matters.one_matter` (its chunks, their terms and length shares, the parts' spans);
    None when the parts do not turn alike from one object to another (see the module docstring)."""
    found = parallel_halves(ch, terms, parts)
    if found is None:
        return None
    ratio, x, y, whole = found
    if not whole:
        # the turn must show in every part, three or more: a proposal whose 调研情况 is one paragraph cannot
        # turn there, and its problems and measures alone, cut at the best of many places, often share few
        # words though they are one matter's aspects (a blind reader's 健全开放型区域创新体系: 开放 | 企业、市场,
        # ratio 0.28, lost its situation and problems in split)
        return None
    if ratio >= PARALLEL_THRESHOLD:
        if not whole:
            # the title rule asks for the turn in every part, three or more: a short proposal whose one-line
            # 调研情况 cannot turn is judged on its problems and measures alone, too little to say two matters
            return None
        # the field's words run through both halves, but the title's own object ("物联网") is only in the first
        # half: the second half is a matter the title does not name (a single proposal says its title's
        # object on both sides of any such cut: none of rows 0–143 did otherwise)
        named = title_words(title, ignore)
        # the title's words per chunk, in each half (a word said in passing beside the second matter, "生态"
        # in a 农村环境 text after an 排污许可证 one, does not make the title name it)
        rate = [sum(w in terms[i] for i in side for w in named) / max(1, len(side)) for side in (x, y)]
        if not (named and rate[0] > 0 and rate[1] <= TITLE_RATE_SHARE * rate[0] and ratio < PARALLEL_TITLE_BOUND):
            return None
    elif title and _tied_by_title(title, [[set(terms[i]) for i in x], [set(terms[i]) for i in y]], lex, ignore):
        return None
    sides = [MatterSide([ch[i] for i in part], lex.key_terms(" ".join(" ".join(terms[i]) for i in part), 3),
                        round(float(lengths[part].sum()), 3)) for part in (x, y)]
    return OneMatterResult(False, round(float(ratio), 3), "parallel", sides)


#: a part of the body the title does not name must hold this share of it (a single proposal's last measure or
#: closing words may say none of the title's words)
TITLE_GAP_SHARE = 0.3


def title_gap(body: str, title: str, parts: Sequence[tuple[int, int]] | None = None,
              ignore: frozenset[str] | set[str] = frozenset(), lexicon: Lexicon | None = None,
              share: float = 0.0) -> MatterSide | None:
    """The stretch of a body its title does not name, judged on its own (the one-matter check may find one matter
    where two proposals share a field's words): the body ends, or — with ``parts`` (调研情况 / 问题分析 / 具体建议) —
    every part ends, in a tail of :data:`TITLE_GAP_SHARE` or more of its text where the title's specific words are
    said at most :data:`TITLE_RATE_SHARE` as often per piece as before it, the text before it holding that share too and
    saying them in a quarter of its pieces (an intro restating the title, then a body using other words for it, is
    one matter); the tail is two pieces or more, in two parts or more when the body has parts. None when the title
    covers the body.

    >>> b = ("全省物联网企业超过两千家。物联网产业规模全国领先。物联网核心芯片依赖进口。"
    ...      "建议设立物联网产业基金。培育一批物联网龙头企业。建设物联网应用示范区。"
    ...      "苏北光伏资源丰富，电站建设成本持续下降。苏北具备平价上网条件，土地充足。"
    ...      "建议规划建设苏北光伏大基地。完善电网送出通道。保障电力就地消纳，降低弃光率。"
    ...      "研究出台分布式光伏整县推进办法，鼓励屋顶光伏与储能配套建设。")
    >>> title_gap(b, "关于加快物联网产业发展的建议").terms
    ['光伏', '苏北', '弃光率']
    """
    lex = lexicon or DEFAULT_LEXICON
    named = title_words(title, ignore, lex)
    if not named:
        return None
    gap = _gap(body, named, parts, lex, share or TITLE_GAP_SHARE)
    if gap is None and parts:
        # a phrase the title quotes is the matter's own name: every part turning to a stretch that never says it, while
        # the field's words of the title ("养老", "老龄化") run on, is another matter ("智慧健康养老“时间银行”" + 农村养老
        # 服务, two 养老 proposals merged part by part)
        gap = next((g for g in (_gap(body, _quoted_words(q, ignore, lex), parts, lex) for q in quoted(title, ignore))
                    if g is not None), None)
    return gap


def _gap(body: str, named: set[str], parts: Sequence[tuple[int, int]] | None, lex: Lexicon,
         share: float = TITLE_GAP_SHARE) -> MatterSide | None:
    """:func:`title_gap` for the title words ``named``; ``share``: the least share of the text on each side."""
    from topicmine.drafts.matters import chunks

    spans = [(a, b) for a, b in (parts or [(0, len(body))]) if body[a:b].strip()]
    tails: list[tuple[int, int]] = []
    cut_parts = 0
    for a, b in spans:
        ch = [(a + x, a + y) for x, y in chunks(body[a:b], 40)]
        if len(ch) < 2:
            if len(spans) > 1:
                continue  # a one-piece part cannot turn; the other parts decide
            return None
        said = [sum(w in body[x:y] for w in named) for x, y in ch]
        total = sum(y - x for x, y in ch)
        cut = None
        for k in range(1, len(ch)):
            head, tail = said[:k], said[k:]
            rest = sum(y - x for x, y in ch[k:])
            if rest < share * total:
                break
            if total - rest < share * total:
                continue  # the title restated in a first sentence is no matter of its own (both sides hold a share)
            if (len(tail) >= 2 and sum(1 for x in head if x) >= 0.25 * len(head)
                    and sum(tail) / len(tail) <= TITLE_RATE_SHARE * sum(head) / len(head)):
                cut = k
                break  # the earliest such turn: the longest tail
        if cut is None:
            return None
        tails += ch[cut:]
        cut_parts += 1
    if not tails or (len(spans) > 1 and cut_parts < 2) or sum(y - x for x, y in tails) < share * sum(b - a for a, b in spans):
        return None
    words = lex.key_terms(" ".join(body[x:y] for x, y in tails), 3)
    return MatterSide(tails, words, round(sum(y - x for x, y in tails) / max(1, len(body)), 3))


#: a part whose pieces run X … Y … X (or more turns) interleaves the two sides: the aspects of one matter, taken up
#: in turn, not two matters pasted one after the other (a paste puts all of the first's text before the second's)
INTERLEAVE_RUNS = 3


def interleaved(sides: Sequence[Sequence[tuple[int, int]]], parts: Sequence[tuple[int, int]]) -> bool:
    """Whether, in some part, one side's pieces lie between the other side's (X … Y … X): a proposal that takes up
    its aspects in turn (row 167's measures: 临空产业园区 · 机场货运 · 通关; row 172's situation: 医药产业 · 药品研发 ·
    医药产业). Two matters pasted under one set of parts keep each side in one stretch of every part (the first's text,
    then the second's) — for the sides of a title's two objects or of two measure runs. Not for the spectral sides of
    the whole-body word test: those take turns in pasted same-field pairs too (a lead or closing sentence of a part
    falls to the other side), so there it would pass pastes.

    ``sides``: the (start, end) spans of each side's pieces; ``parts``: the parts' spans.

    >>> interleaved([[(0, 10), (20, 30)], [(10, 20), (30, 40)]], [(0, 40)])
    True
    >>> interleaved([[(0, 10), (20, 30)], [(10, 20), (30, 40)]], [(0, 20), (20, 40)])
    False
    """
    starts = sorted((s, k) for k, side in enumerate(sides) for s, _ in side)
    for a, b in parts:
        seq = [k for s, k in starts if a <= s < b]
        runs = sum(1 for j, k in enumerate(seq) if j == 0 or seq[j - 1] != k)
        if runs >= INTERLEAVE_RUNS:
            return True
    return False
