"""一事一案 / 一事一报: does a draft carry one matter, or several joined together?

Works at any size — a whole proposal, three one-sentence suggestions, a 社情民意信息 — on two signals:

1. **Form repeated**: the genre's parts appear twice in order ("调研情况：…具体建议：…调研情况：…具体建议：…"):
   two proposals pasted into one.
2. **Vocabulary falls apart**: the body is cut into chunks (sentences grouped to ~90 字, new chunk at an
   item number "1、" / "一是" / a paragraph); for every way of cutting the chunks in two (each contiguous cut
   and the spectral bisection of the chunk-similarity graph) with each side holding ≥ 20% of the text,
   the two sides' term vectors are compared (tf × idf², idf from jieba's general-language table, so
   "发展/建设/政策" weigh little and "护理员/护栏" much). ``ratio = cross / within`` — the cosine between
   the sides over the weaker side's own coherence (cosine between its halves). One matter keeps its
   object words on both sides (ratio ≈ 1); two matters share little (ratio ≪ 1).

Threshold 0.30 was chosen on rows 0–143 of jszx2019_dev.csv (one real proposal each; 97% pass there) and
random joins of two of them; rows 144–286 are reported as held out in docs/figures/drafts.md.

    >>> r = one_matter("一是提高养老护理员薪酬待遇，建立与技能等级挂钩的养老护理员工资制度。"
    ...                "二是规范校外培训机构收费，严查校外培训预收费超期。"
    ...                "三是更换城区道路护栏，修复损坏的道路护栏和隔离设施。")
    >>> r.single, len(r.sides)
    (False, 2)
"""

from __future__ import annotations

from collections.abc import Callable

import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from topicmine.drafts.analyze import DEFAULT_LEXICON, Lexicon, sentence_spans
from topicmine.drafts.pieces import province_word  # noqa: F401  (moved; imported from here before)
from topicmine.text.wordlists import PROCEDURE_TERMS

#: below this cross/within ratio two parts of a draft are two matters (set on rows 0–143, see above)
RATIO_THRESHOLD = 0.30
#: below this cross/within ratio two measure lists, each numbered from the start in one part, are two matters
#: (single proposals of rows 0–143 with such a restart: 0.77 and up; merged same-field pairs: 0.03–0.6)
RESTART_THRESHOLD = 0.6
#: a side smaller than this whose key words share one with the other side is no second matter
SHARED_MAX_SHARE = 0.3
#: a side must hold at least this share of the body's characters (one odd sentence is not a matter)
MIN_SHARE = 0.20
#: coherence assumed for a side of a single chunk (it has no halves to compare)
SINGLE_CHUNK_COHERENCE = 0.25
CHUNK_CHARS = 90
#: a title word ties two sides only when this specific (jieba idf; 发展 ≈ 3.5, 护理 ≈ 8.5)
TIE_IDF = 7.0

_ENUM = re.compile(r"(?:^|(?<=[。；：:\n]))\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]|[一二三四五六七八九十]是)")
#: the parts of each genre in their order; a second full cycle means a second matter
_FORM_CYCLES = (
    ("调研情况|基本情况|情况|现状", "问题分析|存在问题|问题|原因分析|问题及原因", "具体建议|意见建议|对策建议|建议"),
)
_PART_LINE = re.compile(r"(?:^|\n|(?<=[。；！？：:]))\s*(?:[一二三四五六七八九十]、)?\s*"
                        r"(调研情况|基本情况|情况|问题分析|存在问题|原因分析|问题及原因|具体建议|意见建议|对策建议)\s*(?:如下)?[：:\n]"
                        # a part's own label followed by its colon is one wherever it stands: jszx proposals run
                        # "……提出了立法的具体建议具体建议：" and "……农家书屋？具体建议如下：" into the text before
                        r"|(调研情况|问题分析|问题及原因|具体建议|对策建议)(?:如下)?[：:]")


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float]:
    import jieba.analyse

    table: dict[str, float] = {}
    path = os.path.join(os.path.dirname(jieba.analyse.__file__), "idf.txt")
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2:
                table[parts[0]] = float(parts[1])
    return table, float(np.median(list(table.values())))


def _with_parts(terms: list[str]) -> list[str]:
    """Terms plus their two-character words ("护理员", "护理人才" → both also "护理"), so one matter written
    with different compounds still shares its words; only parts that are words of jieba's table count."""
    idf, _ = _idf()
    out = list(terms)
    for w in terms:
        if len(w) >= 3:
            out += [w[i : i + 2] for i in range(len(w) - 1) if w[i : i + 2] in idf and w[i : i + 2] != w]
    return out


def _vec(terms: list[str]) -> dict[str, float]:
    idf, med = _idf()
    return {w: (1 + math.log(n)) * idf.get(w, med) ** 2 for w, n in Counter(terms).items()}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    num = sum(v * b.get(w, 0.0) for w, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return num / (na * nb) if na and nb else 0.0


def chunks(text: str, target: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Spans of ~``target`` 字, cut at sentence ends; a numbered item or a new line starts a new chunk."""
    cuts = {m.start() for m in _ENUM.finditer(text)} | {i + 1 for i, c in enumerate(text) if c == "\n"}
    out: list[tuple[int, int]] = []
    a: int | None = None
    e = 0
    for s, e in sentence_spans(text):
        if a is not None and s - a >= 25 and any(a < c <= s for c in cuts):
            out.append((a, s))
            a = None
        if a is None:
            a = s
        if e - a >= target:
            out.append((a, e))
            a = None
    if a is not None:
        if out and e - a < target / 3:
            out[-1] = (out[-1][0], e)
        else:
            out.append((a, e))
    return out


@dataclass
class MatterSide:
    """One of the matters found: its spans in the text and the words that name it."""

    spans: list[tuple[int, int]]
    terms: list[str]
    share: float


@dataclass
class OneMatterResult:
    """``single`` is the verdict; ``ratio`` the lowest cross/within ratio found; ``sides`` when split."""

    single: bool
    ratio: float
    reason: str  # "form" (the genre's parts repeat) | "vocabulary" | "ok" | "short"
    sides: list[MatterSide] = field(default_factory=list)


def form_cycles(text: str) -> int:
    """How many times the genre's parts run through in order (情况 → 问题 → 建议 counts one)."""
    kinds = []
    for m in _PART_LINE.finditer(text):
        w = m.group(1) or m.group(2)
        k = 0 if re.fullmatch(_FORM_CYCLES[0][0], w) else 1 if re.fullmatch(_FORM_CYCLES[0][1], w) else 2
        if not kinds or kinds[-1] != k:
            kinds.append(k)
    # a 建议 part closes a cycle when a 情况 or 问题 part came since the last 建议 part
    cycles, opened = 0, False
    for k in kinds:
        if k < 2:
            opened = True
        elif opened:
            cycles, opened = cycles + 1, False
    return cycles


def one_matter(
    text: str,
    *,
    lexicon: Lexicon | None = None,
    threshold: float = RATIO_THRESHOLD,
    min_share: float = MIN_SHARE,
    ignore: frozenset[str] | set[str] = frozenset(),
    title: str = "",
    parts: list[tuple[int, int]] | None = None,
) -> OneMatterResult:
    """Whether ``text`` (a draft body, title excluded) carries one matter; see the module docstring.

    ``parts``: spans of the draft's parts (调研情况 / 问题分析 / 具体建议); found from their labels when None. Two
    matters merged under one set of parts show in the last part as two measure lists each numbered from the
    start ("一是……三是……一是……三是……"): when those two lists share few words, two matters.

    ``title``: the draft's title; sides that both carry its specific words serve its one matter ("加强养老
    护理人才队伍建设": 薪酬, 培训, 开设专业 all about 护理) — unless the title itself joins two things
    ("强化人才和金融支撑").
    ``ignore``: terms of the whole report the draft was cut from (its field, "低空经济"), which every
    matter of that report shares and which therefore say nothing about this draft's matter.

    >>> one_matter("养老护理员流失严重。建议提高养老护理员薪酬，建立护理员职业晋升通道。").single
    True
    """
    lex = lexicon or DEFAULT_LEXICON
    r = _one_matter(text, lex, threshold, min_share, ignore, title, CHUNK_CHARS,
                    part_spans(text) if parts is None else parts)
    if not r.single and r.reason == "vocabulary" and title and _joins(title) and \
            _conjuncts_tie(text, title, r.sides, lex):
        # "给中小学生减负、家长减压": the title names both sides' objects (学生 | 家长), one department handles
        # both — the report's one matter with two aspects, not two matters pasted together
        return OneMatterResult(True, r.ratio, "title")
    if not r.single and r.reason == "vocabulary" and any(sd.terms and set(sd.terms) <= PROCEDURE_TERMS for sd in r.sides):
        # "……由街道、社区组织协调。……公开申请条件、流程和费用分摊方式": a side named only by procedure words is how
        # the matter beside it is handled (a proper 社情民意信息 on 加装电梯 was told to split)
        return OneMatterResult(True, r.ratio, "procedure")
    ps = part_spans(text) if parts is None else parts
    if not r.single and r.reason == "vocabulary" and ps:
        from topicmine.drafts.objects import item_in_list

        if item_in_list(text, [sd.spans for sd in r.sides], ps):
            # one side is an item of the other's numbered list ("一是德育…二是教育资源…三是课堂…"): one matter's aspects
            return OneMatterResult(True, r.ratio, "aspects")
    if r.single and r.reason != "short" and title and _joins(title):
        # a title joining two things ("强化人才和金融支撑") whose items each take one of them, for different
        # departments: two matters even when the field's words ("低空经济", "无人机") run through both
        apart = _conjuncts_apart(text, title, lex)
        from topicmine.drafts.halves import interleaved

        # the items of the two objects taking turns inside a part (专利审核 · 中介机构 · 企业专利 · 中介机构): aspects of
        # one matter the title lists, not two matters pasted one after the other
        if apart is not None and not interleaved([sd.spans for sd in apart], part_spans(text) if parts is None else parts):
            return OneMatterResult(False, r.ratio, "title", apart)
    return r


def part_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the parts a body's labels open ("调研情况：……问题分析：……具体建议：……"); [] without two labels."""
    starts = [m.end() for m in _PART_LINE.finditer(text)]
    if len(starts) < 2:
        return []
    return list(zip(starts, starts[1:] + [len(text)]))


def _one_matter(text: str, lex: Lexicon, threshold: float, min_share: float, ignore: frozenset[str] | set[str],
                title: str, chunk_chars: int, parts: list[tuple[int, int]] | None = None) -> OneMatterResult:
    ch = chunks(text, chunk_chars)
    terms = [_with_parts([w for w in lex.terms(text[a:b]) if w not in ignore]) for a, b in ch]
    keep = [i for i, t in enumerate(terms) if t]
    ch, terms = [ch[i] for i in keep], [terms[i] for i in keep]
    n = len(ch)
    if form_cycles(text) >= 2:
        sides = _sides_by_form(text, lex)
        return OneMatterResult(False, 0.0, "form", sides)
    if n < 2:
        return OneMatterResult(True, 1.0, "short")
    lengths = np.array([b - a for a, b in ch], dtype=float)
    lengths /= lengths.sum()
    vecs = [_vec(t) for t in terms]
    sim = np.array([[_cos(vecs[i], vecs[j]) for j in range(n)] for i in range(n)])
    candidates = [list(range(k)) for k in range(1, n)]
    if n >= 3:
        w = sim.copy()
        np.fill_diagonal(w, 0.0)
        d = w.sum(1) + 1e-9
        dm = np.diag(1 / np.sqrt(d))
        _, v = np.linalg.eigh(dm @ (np.diag(d) - w) @ dm)
        f = dm @ v[:, 1]
        candidates += [[i for i in range(n) if f[i] <= t] for t in np.unique(f)[:-1]]

    def agg(idx: list[int]) -> dict[str, float]:
        c: Counter[str] = Counter()
        for i in idx:
            c.update(terms[i])
        return _vec(list(c.elements()))


    def within(idx: list[int]) -> float:
        if len(idx) < 2:
            return SINGLE_CHUNK_COHERENCE
        h = len(idx) // 2
        return _cos(agg(idx[:h]), agg(idx[h:]))

    best, best_part = math.inf, None
    for c in candidates:
        cs = set(c)
        o = [i for i in range(n) if i not in cs]
        if not o or lengths[c].sum() < min_share or lengths[o].sum() < min_share:
            continue
        ratio = _cos(agg(c), agg(o)) / max(min(within(c), within(o)), 0.05)
        if ratio < best:
            best, best_part = ratio, (c, o)
    if (best_part is None or best >= threshold) and parts:
        # two measure lists each numbered from 一 / 1 in one part ("一是……三是……一是……三是……"), about different
        # things: two drafts' measures under one 具体建议 (a list nested under a parent item is no restart)
        a, b = parts[-1]  # the measures (具体建议 / 建议) close a draft; the lists of its other parts may restart
        for r in restarts(text[a:b]):
            x = [i for i, (s, _) in enumerate(ch) if a <= s < a + r]
            y = [i for i, (s, _) in enumerate(ch) if a + r <= s < b]
            if not x or not y or min(lengths[x].sum(), lengths[y].sum()) < min_share / 2:
                continue
            ratio = _cos(agg(x), agg(y)) / max(min(within(x), within(y)), 0.05)
            if ratio < RESTART_THRESHOLD and not (
                    title and _tied_by_title(title, [[set(terms[i]) for i in x], [set(terms[i]) for i in y]], lex, ignore)):
                sides = [MatterSide([ch[i] for i in part], lex.key_terms(" ".join(" ".join(terms[i]) for i in part), 3),
                                    round(float(lengths[part].sum()), 3)) for part in (x, y)]
                return OneMatterResult(False, round(float(ratio), 3), "restart", sides)
    if (best_part is None or best >= threshold) and parts and len(parts) >= 3:
        two = _straight_through(text, ch, terms, lengths, parts, lex, title, ignore, min_share, agg, within)
        if two is not None:
            return two
    if (best_part is None or best >= threshold) and parts:
        from topicmine.drafts.halves import parallel_matters

        two = parallel_matters(ch, terms, lengths, parts, lex, title, ignore)
        if two is not None:
            return two
    if (best_part is None or best >= threshold) and not parts and title:
        # no part labels: two proposals pasted one after the other, the title's object said in the first and never
        # in the second, which shares few words with it (:func:`topicmine.drafts.halves.title_gap`)
        from topicmine.drafts.halves import title_gap

        # first at the usual share of the text on each side; then down to a tenth, where the words must part almost
        # wholly (a short proposal pasted before or after a long one)
        for share, bound in ((0.0, None), (SHORT_GAP_SHARE, SHORT_GAP_RATIO)):
            gap = title_gap(text, title, None, ignore, lex, share)
            if gap is None:
                continue
            x = [i for i, (s, _) in enumerate(ch) if s < gap.spans[0][0]]
            y = [i for i, (s, _) in enumerate(ch) if s >= gap.spans[0][0]]
            ratio = _cos(agg(x), agg(y)) / max(min(within(x), within(y)), 0.05) if x and y else math.inf
            # the stretch opens a numbered list of its own again ("一是……二是……" then, in the stretch, "一是……"): the
            # second proposal's own measures — a second signal beside the words, so the words may share more
            restart = any(r >= gap.spans[0][0] - 5 for r in restarts(text))
            if bound is None:
                bound = TITLE_GAP_RESTART_RATIO if restart else TITLE_GAP_RATIO
            if ratio < bound:
                sides = [MatterSide([ch[i] for i in part], lex.key_terms(" ".join(" ".join(terms[i]) for i in part), 3),
                                    round(float(lengths[part].sum()), 3)) for part in (x, y)]
                return OneMatterResult(False, round(float(ratio), 3), "title_gap", sides)
    if best_part is None or best >= threshold:
        return OneMatterResult(True, round(float(best if best_part else 1.0), 3), "ok")
    # two sides each holding measures of their own (two pieces of the last part or more) are two proposals' worth: the
    # province's name both say ties them no more (a blind reader's 苏港园区 + 一带一路孵化器 pair, tied by "江苏省"); a
    # side without measures is the proposal's preamble about the province, which the name still ties to the rest
    own = bool(parts) and all(sum(1 for i in part if parts[-1][0] <= ch[i][0] < parts[-1][1]) >= 2 for part in best_part)
    piece_sets = [[set(terms[i]) for i in part] for part in best_part]
    if title and (_tied_by_title(title, piece_sets, lex, ignore, strict=not parts, where_ties=not own)
                  or _said_through(title, piece_sets, lex, ignore, strict=not parts)):
        from topicmine.drafts.objects import objects_result

        # tied only by the field's word ("公交") while the title's object ("遮雨棚") stays on one side and the other
        # side has an object of its own ("末班车"): two matters of one field (:mod:`topicmine.drafts.objects`)
        return (objects_result(best_part, piece_sets, ch, lengths, parts, title, lex, ignore, float(best))
                or OneMatterResult(True, round(float(best), 3), "title"))
    sides = [MatterSide([ch[i] for i in part], lex.key_terms(" ".join(" ".join(terms[i]) for i in part), 3),
                        round(float(lengths[part].sum()), 3)) for part in best_part]
    sides.sort(key=lambda s: s.spans[0][0])
    small = min(sides, key=lambda sd: sd.share)
    shared = set(sides[0].terms) & set(sides[1].terms)
    if (shared and small.share < SHARED_MAX_SHARE and parts
            and any(pa <= small.spans[0][0] and small.spans[-1][1] <= pb for pa, pb in parts)
            and (len(small.spans) >= 2 or any(w in title for w in shared))):
        # a small side inside one part whose own key words name the other side's object ("企业" in 经济、企业、稳中
        # 求进 · 企业、社保、人才; "景点" in a 休闲年卡 proposal's situation and its 地级市 measures): the proposal's
        # preamble or its detailed last measures, not a second matter — that would have its own situation, problems
        # or measures across the parts. A one-item side must share the title's object: "二是加强托育机构预收费监管"
        # beside 养老机构消防 shares only the head noun "机构" and stays a second matter
        return OneMatterResult(True, round(float(best), 3), "shared")
    if parts:
        # the shape, when it shows, says more to the drafter than the words do: measures numbered straight through
        # over two matters, or every part turning from one matter to the other
        from topicmine.drafts.halves import parallel_matters

        shaped = (_straight_through(text, ch, terms, lengths, parts, lex, title, ignore, min_share, agg, within)
                  if len(parts) >= 3 else None) or parallel_matters(ch, terms, lengths, parts, lex, title, ignore)
        if shaped is not None and not shaped.single:
            return shaped
    return OneMatterResult(False, round(float(best), 3), "vocabulary", sides)


_TITLE_FRAME = re.compile(r"^关于|的(?:提案|建议案|建议)$")
#: a title's slogan words ("推进生态环境高质量发展再上新台阶"): every proposal of the year says them, so they name no
#: matter and tie nothing (a blind reader's 黄海湿地国家公园 + 淮安融入长三角 pair was held together by "高质量发展",
#: which the second says throughout)
SLOGAN_WORD = re.compile(r"高质|新台阶|新时代|新征程|新篇章|新高度|新境界|新格局|新高地")


def _straight_through(text: str, ch: list[tuple[int, int]], terms: list[list[str]], lengths: np.ndarray,
                      parts: list[tuple[int, int]], lex: Lexicon, title: str, ignore: frozenset[str] | set[str],
                      min_share: float, agg: Callable[[list[int]], dict[str, float]],
                      within: Callable[[list[int]], float]) -> OneMatterResult | None:
    """Two matters pasted under one set of parts with their measures numbered straight through ("1．…4．" of
    the first, "5．…8．" of the second, one list): a cut between two measures leaves two runs that share few
    words, AND the 情况/问题 parts divide the same way in the same order (the first run's situation and
    problems before the second's). A single proposal whose measures turn to another aspect keeps one
    situation: its earlier parts do not fall into two ordered halves, each about one run. None when not so."""
    from topicmine.drafts.halves import interleaved

    a, b = parts[-1]
    body = text[a:b]
    marks = list(_MARK.finditer(body))
    if len(marks) < 4:
        return None
    style = next(i for i in range(6) if marks[0].group(i + 1))
    items = [m.start() for m in marks if m.group(style + 1)]
    if len(items) < 4:
        return None
    earlier = [i for i, (s, _) in enumerate(ch) if s < a]
    vecs = [_vec(t) for t in terms]
    best: tuple[float, list[int], list[int]] | None = None
    for j in range(2, len(items) - 1):
        r = a + items[j]
        x = [i for i, (s, _) in enumerate(ch) if a <= s < r]
        y = [i for i, (s, _) in enumerate(ch) if r <= s < b]
        if not x or not y or min(lengths[x].sum(), lengths[y].sum()) < min_share / 2:
            continue
        ratio = _cos(agg(x), agg(y)) / max(min(within(x), within(y)), 0.05)
        if ratio >= RESTART_THRESHOLD or (best is not None and ratio >= best[0]):
            continue
        vx, vy = agg(x), agg(y)
        ex = [i for i in earlier if _cos(vecs[i], vx) > _cos(vecs[i], vy)]
        ey = [i for i in earlier if _cos(vecs[i], vy) > _cos(vecs[i], vx)]
        if min(lengths[ex].sum() if ex else 0.0, lengths[ey].sum() if ey else 0.0) < min_share / 2:
            continue
        # every earlier part holds text of both runs, the first run's first (a pasted pair gives each part
        # both matters' situation and both matters' problems, in order); a single proposal whose last measures
        # turn to a new means (row 100: 补充协议 then 互联网平台) has one situation and one problem
        ordered = True
        for pa, pb in parts[:-1]:
            px = [i for i in ex if pa <= ch[i][0] < pb]
            py = [i for i in ey if pa <= ch[i][0] < pb]
            if not px or not py or float(np.median(px)) >= float(np.median(py)):
                ordered = False
        if not ordered:
            continue
        best = (ratio, x + ex, y + ey)
    if best is None:
        return None
    ratio, x, y = best
    if any(interleaved([[ch[i] for i in x if pa <= ch[i][0] < pb], [ch[i] for i in y if pa <= ch[i][0] < pb]],
                       [(pa, pb)]) for pa, pb in parts[:-1]):
        # the runs' situation or problems take turns (医药产业 · 研发 · 医药产业): one matter's aspects, which a paste
        # keeps apart (the first's text, then the second's) — unless every part also turns once from one to the other
        from topicmine.drafts.halves import parallel_matters

        pasted = parallel_matters(ch, terms, lengths, parts, lex, title, ignore)
        if pasted is None or pasted.single:
            return None
    if title and _tied_by_title(title, [[set(terms[i]) for i in x], [set(terms[i]) for i in y]], lex, ignore):
        return None
    sides = [MatterSide(sorted(ch[i] for i in part), lex.key_terms(" ".join(" ".join(terms[i]) for i in part), 3),
                        round(float(lengths[part].sum()), 3)) for part in (sorted(x), sorted(y))]
    return OneMatterResult(False, round(float(ratio), 3), "straight", sides)


# the list marks and restarts live in listmarks.py; importable from here as before
from topicmine.drafts.listmarks import _CN, _MARK, restarts  # noqa: E402,F401


#: a title word ties two sides when it runs through each: found in at least this share of a side's chunks
TIE_SHARE = 0.2
#: a body without part labels whose title is not said in its last stretch: two matters when that stretch and the
#: rest share words below this (cross / within). Set on rows 0–143 and the seen rows of 144–286: unrelated pairs
#: pasted one after the other, caught, whose stretch restarts no numbered list 0.50–0.86; single proposals with such
#: a stretch 0.91 (row 251, fails with either bound), 1.49–2.58 without a restart
TITLE_GAP_RATIO = 1.0
#: the same when the stretch restarts a numbered list of its own (pairs 0.54–1.51; the one single with a restart in
#: its title-less stretch, row 3, at 4.14)
TITLE_GAP_RESTART_RATIO = 2.0
#: a short proposal pasted beside a long one without part labels (299 字 beside 1,532): the stretch the title does not
#: name, or the stretch that alone names it, may hold down to this share of the body (:data:`TITLE_GAP_SHARE` is 0.3)
SHORT_GAP_SHARE = 0.1
#: ... when the two stretches share almost no words: cross / within below this. Set on rows 0–143 and the seen rows
#: of 144–286 without labels: unrelated pairs with a short stretch 0.005, 0.019, 0.028; single proposals whose last or
#: first tenth to third drops the title's words 0.063 (row 3), 0.125 (row 253) and up
SHORT_GAP_RATIO = 0.04


def _tied_by_title(title: str, sides: list[list[set[str]]], lex: Lexicon, ignore: frozenset[str] | set[str],
                   strict: bool = False, where_ties: bool = True) -> bool:
    """Whether one specific title word runs through every side (``sides``: each side's chunks as term sets).

    "关于加强养老护理人才队伍建设": 护理 recurs in the 薪酬 and the 培训 items — one matter. A title word met once
    in a proposal pasted beside ("湖水" in a 电气火灾 proposal after a 太湖 one, "乡村" in 餐厨垃圾 after 乡贤)
    does not tie them. ``where_ties`` False: the province's name ("江苏省") ties nothing (:func:`province_word`; for
    two sides that each hold measures of their own). ``strict`` (a body without part labels, where the words are all there is to go by): a word
    said in under half of a side's pieces does not tie them when a more specific title word is said through one side
    and never in the other (:func:`_top_absent`).
    """
    core = _TITLE_FRAME.sub("", title)
    if _joins(title):
        return False  # a title joining two things ("强化人才和金融支撑") cannot vouch for one matter
    idf, med = _idf()
    # only the title's specific words tie ("护理" does, "发展/建设/加强" do not)
    words = {w for w in _with_parts([w for w in lex.terms(core) if w not in ignore])
             if idf.get(w, med) >= TIE_IDF and not SLOGAN_WORD.search(w) and (where_ties or not province_word(w))}
    said = {w: [sum(w in c for c in side) for side in sides] for w in words}
    top = _top_absent(said, sides) if strict else 0.0
    if strict:
        said = {w: n for w, n in said.items() if w not in _heads_of_absent(said, sides)}
    # a word said through both sides (in half of each one's pieces) ties them whatever else the title names
    return any((idf.get(w, med) > top or all(k >= THROUGH_SHARE * len(side) for k, side in zip(n, sides)))
               and all(k >= max(1.0, TIE_SHARE * len(side)) for k, side in zip(n, sides)) for w, n in said.items())


def _top_absent(said: dict[str, list[int]], sides: list[list[set[str]]]) -> float:
    """The idf of the most specific title word said through one side (in half its pieces, twice or more) and never in
    another: the title's object, which that side lacks ("湿地" in 22 of 27 pieces · 0). A less specific title
    word both sides say ("生态" in a fifth of a 淮安融入长三角 proposal pasted after a 黄海湿地国家公园 one; "人才" in a
    乡村农业人才 proposal after a 高技能人才 one) ties them only when said in half of each side's pieces: 0.0 when there is
    no such word."""
    idf, med = _idf()
    return max((idf.get(w, med) for w in _absent(said, sides)), default=0.0)


def _absent(said: dict[str, list[int]], sides: list[list[set[str]]]) -> list[str]:
    """The title words said through one side (in half its pieces, twice or more) and never in another."""
    return [w for w, n in said.items()
            if any(k == 0 for k in n) and any(k >= max(2.0, THROUGH_SHARE * len(sd)) for k, sd in zip(n, sides))]


def _heads_of_absent(said: dict[str, list[int]], sides: list[list[set[str]]]) -> set[str]:
    """Title words that share a two-character word with a title compound said through one side and never in the other
    ("融合" of "产教融合", "人才" of "高技能人才"): the compound names the matter; its head said on the other side is
    another compound's ("医养融合", "农业人才") — the field's word, which ties nothing. Without part labels only."""
    out: set[str] = set()
    for c in _absent(said, sides):
        grams = {c[i:i + 2] for i in range(len(c) - 1)}
        out |= {w for w in said if w != c and len(c) > 2 and any(w[i:i + 2] in grams for i in range(len(w) - 1))}
    return out


#: a title word less specific than :data:`TIE_IDF` (but one of the title's own words, idf ≥ 6: "农村" ≈ 6.1) ties
#: two sides when it is said in at least this share of each side's pieces: the title's object runs through both
THROUGH_SHARE = 0.5


def _said_through(title: str, sides: list[list[set[str]]], lex: Lexicon, ignore: frozenset[str] | set[str],
                  strict: bool = False) -> bool:
    """Whether one of the title's own words (:func:`topicmine.drafts.halves.title_words`) is said in at least half
    the pieces of every side. split's own 补齐农村“一老一小”服务短板 draft: the 宿迁 互助养老 example with the
    measure that spreads it (side one) against the problems and the other measures (side two) — "农村" in 2/2 and
    3/4 of their pieces: one matter, the title's, said with two sets of words. A proposal pasted beside another
    says the first one's title word in passing, not in half its pieces."""
    from topicmine.drafts.halves import title_words

    if _joins(title):
        return False
    words = title_words(title, ignore, lex)
    if strict:  # without part labels: the head of a title compound one side never says ties nothing (_heads_of_absent)
        said = {w: [sum(w in c for c in side) for side in sides] for w in words}
        words -= _heads_of_absent(said, sides)
    return any(all(side and sum(w in c for c in side) >= THROUGH_SHARE * len(side) for side in sides) for w in words)


def _sides_by_form(text: str, lex: Lexicon) -> list[MatterSide]:
    """Cut at each new 情况 part that follows a 建议 part (a second proposal pasted after the first)."""
    starts = [0]
    seen_sugg = False
    for m in _PART_LINE.finditer(text):
        w = m.group(1) or m.group(2)
        if re.fullmatch(_FORM_CYCLES[0][2], w):
            seen_sugg = True
        elif seen_sugg:
            starts.append(m.start())
            seen_sugg = False
    bounds = list(zip(starts, starts[1:] + [len(text)]))
    total = max(1, len(text))
    return [MatterSide([(a, b)], lex.key_terms(text[a:b], 3), round((b - a) / total, 3)) for a, b in bounds]


# report_terms and one_object live in grouping.py; importable from here as before
from topicmine.drafts.grouping import one_object, report_terms  # noqa: E402,F401


# the rules on a title joining two things (they use this module's sides, idf and title frame)
from topicmine.drafts.conjuncts import _conjuncts_apart, _conjuncts_tie, _joins  # noqa: E402
