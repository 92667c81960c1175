"""Why two texts were judged duplicates: shared spans with offsets, aligned sentences, context.

Offsets are half-open ``[start, end)`` into the *original* texts, and spans are found on the
original texts, so ``a[a_start:a_end] == b[b_start:b_end]`` always holds and a viewer can highlight
both sides directly.

>>> a = "建议加快推进农村生活污水治理，提高设施运行率。"
>>> b = "我们认为应加快推进农村生活污水治理工作。"
>>> s = shared_spans(a, b, min_len=6)[0]
>>> a[s["a_start"]:s["a_end"]] == b[s["b_start"]:s["b_end"]] == s["text"]
True
>>> s["text"]
'加快推进农村生活污水治理'
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import accumulate
from typing import Any, NamedTuple

import numpy as np

from topicmine.dedup.text import fold_width, jaccard, ngram_set, normalize
from topicmine.text.names import DOC_TYPE_ZH
from topicmine.text.sentences import sentence_spans


class _Block(NamedTuple):
    a: int
    b: int
    size: int


# difflib's work on a pair, counted as the b-positions its find_longest_match calls walk (~0.25 µs each): the
# sample corpus's pairs need ≤ 3·10⁶; two 200 KB files of a repeated opener ("[^a [^a …") needed far more than
# 10¹² (cubic: 2,000 characters 4.5 s, 4,000 36 s, 200,000 ≈ weeks: the nightly refresh never finished its dedup
# report). Past the budget (≈ 2.5 s) the pair is aligned from anchors; long pairs (40,000 字 each) land there too
DIFFLIB_WORK_BUDGET = 10_000_000


def _difflib_blocks(a: str, b: str, budget: int = DIFFLIB_WORK_BUDGET) -> list[tuple[int, int, int]] | None:
    """difflib's matching blocks (its own loop, same result), or None once the work passes ``budget``."""
    sm = SequenceMatcher(None, a, b, autojunk=False)
    b2j = sm.b2j
    prefix = list(accumulate((len(b2j.get(ch, ())) for ch in a), initial=0))
    work = 0
    queue = [(0, len(a), 0, len(b))]
    found: list[tuple[int, int, int]] = []
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        work += prefix[ahi] - prefix[alo]
        if work > budget:
            return None
        i, j, k = sm.find_longest_match(alo, ahi, blo, bhi)
        if k:
            found.append((i, j, k))
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    found.sort()
    merged: list[tuple[int, int, int]] = []  # adjacent blocks joined, as SequenceMatcher.get_matching_blocks does
    for i, j, k in found:
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + k)
        else:
            merged.append((i, j, k))
    return merged


#: texts up to this length keep their position tables (a few hundred of them: a few MB)
CACHE_MAX_CHARS = 20_000


def char_positions(b: str) -> dict[str, list[int]]:
    """Each character of ``b`` → its positions, ascending (difflib's ``b2j`` without junk). Kept for texts up to
    :data:`CACHE_MAX_CHARS`: a split's drafts meet the same past items again and again (44 distinct past texts in
    342 explained pairs of the sample splits and checks)."""
    return _gram_positions(b, 1)


def longest_match(a: str, b2j: dict[str, list[int]], alo: int, ahi: int, blo: int, bhi: int) -> tuple[int, int, int]:
    """``SequenceMatcher(None, a, b, autojunk=False).find_longest_match(alo, ahi, blo, bhi)`` with ``b2j =
    char_positions(b)``: the same block (longest; of those the earliest in ``a``, then in ``b``) by difflib's own
    dynamic programme, visiting only the positions inside ``[blo, bhi)`` (bisected) instead of skipping the rest one
    by one. Without junk difflib's extension loops never extend (the block is already maximal in the box)."""
    besti, bestj, bestsize = alo, blo, 0
    j2len: dict[int, int] = {}
    for i in range(alo, ahi):
        js = b2j.get(a[i])
        if not js:
            j2len = {}
            continue
        lo = bisect_left(js, blo) if blo and js[0] < blo else 0
        hi = bisect_left(js, bhi, lo) if js[-1] >= bhi else len(js)
        newj2len: dict[int, int] = {}
        get = j2len.get
        for j in (js if lo == 0 and hi == len(js) else js[lo:hi]):
            k = newj2len[j] = get(j - 1, 0) + 1
            if k > bestsize:
                besti, bestj, bestsize = i - k + 1, j - k + 1, k
        j2len = newj2len
    return besti, bestj, bestsize


#: past this many seeds (pairs of equal m-grams) the runs are not listed one by one: the boxes are searched by
#: :func:`longest_match` instead (repetitive texts; the work budget then decides as in difflib)
MAX_RUN_SEEDS = 50_000


def _gram_positions(b: str, m: int) -> dict[str, list[int]]:
    """Each m-gram of ``b`` → its positions, ascending (cached for texts up to :data:`CACHE_MAX_CHARS`)."""
    return _gram_positions_kept(b, m) if len(b) <= CACHE_MAX_CHARS else _gram_positions_kept.__wrapped__(b, m)


@lru_cache(maxsize=256)
def _gram_positions_kept(b: str, m: int) -> dict[str, list[int]]:
    where: dict[str, list[int]] = {}
    for j in range(len(b) - m + 1):
        g = b[j : j + m]
        got = where.get(g)
        if got is None:
            where[g] = [j]
        else:
            got.append(j)
    return where


def _long_runs(a: str, b: str, m: int) -> list[tuple[int, int, int]] | None:
    """Every maximal common diagonal run ``a[i:i+n] == b[j:j+n]`` with n ≥ ``m`` (``m`` ≥ 2), as (i, j, n), found
    from the m-grams ``a`` and ``b`` share; None past :data:`MAX_RUN_SEEDS` seeds."""
    grams = _gram_positions(b, m)
    runs: list[tuple[int, int, int]] = []
    seeds = 0
    la, lb = len(a), len(b)
    for i in range(la - m + 1):
        js = grams.get(a[i : i + m])
        if not js:
            continue
        seeds += len(js)
        if seeds > MAX_RUN_SEEDS:
            return None
        prev = a[i - 1] if i else None
        for j in js:
            if i and j and b[j - 1] == prev:
                continue  # inside a run that started earlier
            n = m
            while i + n < la and j + n < lb and a[i + n] == b[j + n]:
                n += 1
            runs.append((i, j, n))
    return runs


def longest_run_size(a: str, b: str) -> int:
    """The size of difflib's longest match of ``a`` and ``b`` (the longest common substring's length), from the
    runs of three or more characters when there are any (:func:`_long_runs`), else from shared bigrams and
    characters; difflib's own programme (:func:`longest_match`) only past :data:`MAX_RUN_SEEDS` seeds.

    >>> longest_run_size("推进乡村振兴战略", "全面实施乡村振兴"), longest_run_size("乡村", "村乡"), longest_run_size("甲", "乙")
    (4, 1, 0)
    """
    if not a or not b:
        return 0
    runs = _long_runs(a, b, 3)
    if runs is None:
        return longest_match(a, char_positions(b), 0, len(a), 0, len(b))[2]
    if runs:
        return max(n for _, _, n in runs)
    if len(a) >= 2 and len(b) >= 2 and not _gram_positions(b, 2).keys().isdisjoint(
            a[i : i + 2] for i in range(len(a) - 1)):
        return 2
    return 1 if not set(a).isdisjoint(b) else 0


def _span_blocks(a: str, b: str, min_size: int, budget: int = DIFFLIB_WORK_BUDGET) -> list[tuple[int, int, int]] | None:
    """The blocks of :func:`_difflib_blocks` that are ``min_size`` characters or longer — the same ones — or None
    exactly when it gives None.

    difflib's recursion finds the longest block of a box and recurses into the boxes left and right of it. A box
    whose longest block is shorter than ``min_size`` holds no longer block in any sub-box, so the recursion is not
    continued there (on related texts most of difflib's work is that recursion over one- and two-character
    matches); and the longest block of a box, when it is ``min_size`` or longer, lies on one of the maximal common
    runs of ``min_size`` or more characters, listed once from shared m-grams (:func:`_long_runs`): the box's
    block is the longest clipped run, ties to the earliest start in ``a``, then in ``b`` — difflib's rule.

    The work budget is kept exactly: each box searched counts what difflib's search of it counts; the work of
    the recursion not continued is bounded from above (below a box, at most min(its lengths) − 1 levels, each
    counting at most the box's own work); when that leaves the budget undecided, those boxes are searched after
    all, as difflib searches them (:func:`longest_match`), until the budget is passed or they are done.
    """
    b2j = char_positions(b)
    prefix = list(accumulate((len(b2j.get(ch, ())) for ch in a), initial=0))
    if prefix[-1] > budget:
        return None
    runs = _long_runs(a, b, min_size) if min_size >= 2 else None
    work = 0
    bound = 0
    queue = [(0, len(a), 0, len(b))]
    found: list[tuple[int, int, int]] = []
    skipped: list[tuple[int, int, int, int]] = []
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        w = prefix[ahi] - prefix[alo]
        work += w
        if work > budget:
            return None
        if runs is None:
            i, j, k = longest_match(a, b2j, alo, ahi, blo, bhi)
        else:
            i, j, k = alo, blo, 0
            for ri, rj, rn in runs:
                d = rj - ri
                lo = max(ri, alo, blo - d)
                n = min(ri + rn, ahi, bhi - d) - lo
                if n > k or (n == k and n and (lo < i or (lo == i and lo + d < j))):
                    i, j, k = lo, lo + d, n
        if k < min_size:
            # nothing here for the spans; difflib would still recurse below this box
            bound += w * (min(ahi - alo, bhi - blo) - 1)
            skipped.append((alo, ahi, blo, bhi))
            continue
        found.append((i, j, k))
        queue.extend(c for c in ((alo, i, blo, j), (i + k, ahi, j + k, bhi)) if c[0] < c[1] and c[2] < c[3])
    if work + bound > budget:  # undecided: the boxes not recursed into are searched as difflib searches them
        for alo, ahi, blo, bhi in skipped:  # their own search is counted already
            i, j, k = longest_match(a, b2j, alo, ahi, blo, bhi)
            queue = [c for c in ((alo, i, blo, j), (i + k, ahi, j + k, bhi)) if k and c[0] < c[1] and c[2] < c[3]]
            while queue:
                alo, ahi, blo, bhi = queue.pop()
                work += prefix[ahi] - prefix[alo]
                if work > budget:
                    return None
                i, j, k = longest_match(a, b2j, alo, ahi, blo, bhi)
                if k:
                    queue.extend(c for c in ((alo, i, blo, j), (i + k, ahi, j + k, bhi)) if c[0] < c[1] and c[2] < c[3])
    found.sort()
    return found


def _anchor_blocks(a: str, b: str, k: int, max_blocks: int) -> list[tuple[int, int, int]]:
    """Common runs of ≥ ``k`` characters from k-gram anchors (at most 8 positions per k-gram), longest first,
    kept when they stay in order on both sides: linear in the texts, for pairs difflib cannot afford."""
    k = max(k, 1)
    where: dict[str, list[int]] = {}
    for j in range(len(b) - k + 1):
        seen = where.setdefault(b[j : j + k], [])
        if len(seen) < 8:
            seen.append(j)
    runs: list[tuple[int, int, int]] = []
    i = 0
    while i <= len(a) - k:
        best_n, best_j = 0, 0
        for j in where.get(a[i : i + k], ()):
            n = k
            while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
                n += 1
            if n > best_n:
                best_n, best_j = n, j
        if best_n:
            runs.append((i, best_j, best_n))
            i += best_n
        else:
            i += 1
    kept: list[tuple[int, int, int]] = []
    for i, j, n in sorted(runs, key=lambda r: -r[2]):
        if all((i + n <= ki and j + n <= kj) or (ki + kn <= i and kj + kn <= j) for ki, kj, kn in kept):
            kept.append((i, j, n))
            if len(kept) >= max_blocks:
                break
    return sorted(kept)


def shared_spans(a: str, b: str, min_len: int = 8, max_spans: int = 50) -> list[dict[str, Any]]:
    """Longest common character runs (monotone alignment, difflib) of ≥ ``min_len`` content characters.

    Runs made only of punctuation/whitespace do not count towards ``min_len``. A pair difflib cannot
    afford (long, repetitive texts) is aligned from k-gram anchors instead: the same kind of spans, in order.
    """
    if not a or not b:
        return []
    # a block of k characters normalises to at most k·w characters (w: the widest NFKC fold among a's characters)
    w = fold_width(a)
    blocks = _span_blocks(a, b, -(-min_len // w) if w else 1)
    if blocks is None:
        blocks = _anchor_blocks(a, b, min_len, max_blocks=4 * max_spans)
    out = []
    for blk_a, blk_b, size in blocks:
        if size == 0:
            continue
        blk = _Block(blk_a, blk_b, size)
        text = a[blk.a : blk.a + blk.size]
        if len(normalize(text)) < min_len:
            continue
        out.append({"a_start": blk.a, "a_end": blk.a + blk.size, "b_start": blk.b, "b_end": blk.b + blk.size,
                    "length": blk.size, "text": text})
    out.sort(key=lambda s: -s["length"])
    return sorted(out[:max_spans], key=lambda s: s["a_start"])


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets (the text layer's splitter: 。！？；…… and line ends, closing quotes kept), stripped.

    >>> t = "一是加强培训。二是提高待遇！"
    >>> [t[s:e] for s, e in sentences(t)]
    ['一是加强培训。', '二是提高待遇！']
    """
    return sentence_spans(text)


def aligned_sentences(a: str, b: str, a_sent_vecs: np.ndarray | None = None, b_sent_vecs: np.ndarray | None = None,
                      min_overlap: float = 0.3, max_pairs: int = 10) -> list[dict[str, Any]]:
    """Mutually best-matching sentence pairs with offsets.

    Similarity is the char-2-gram Jaccard of the normalised sentences; when sentence vectors are
    given (rows aligned with :func:`sentences` of each text) the mutual-best choice uses cosine, and
    the lexical overlap only filters out pairs sharing fewer than ``min_overlap`` of their bigrams —
    so a paraphrased sentence aligns to its counterpart even when a formulaic one shares more words.
    """
    sa, sb = sentences(a), sentences(b)
    if not sa or not sb:
        return []
    ga = [ngram_set(normalize(a[s:e]), 2) for s, e in sa]
    gb = [ngram_set(normalize(b[s:e]), 2) for s, e in sb]
    lex = np.array([[jaccard(x, y) for y in gb] for x in ga])
    sim = lex if a_sent_vecs is None or b_sent_vecs is None else np.asarray(a_sent_vecs) @ np.asarray(b_sent_vecs).T
    best_b = sim.argmax(axis=1)
    best_a = sim.argmax(axis=0)
    out = []
    for i, j in enumerate(best_b):
        if best_a[j] != i or lex[i, j] < min_overlap and a_sent_vecs is None:
            continue
        if a_sent_vecs is not None and lex[i, j] < min_overlap / 2:
            continue
        out.append({"a_start": sa[i][0], "a_end": sa[i][1], "b_start": sb[j][0], "b_end": sb[j][1],
                    "a_text": a[sa[i][0] : sa[i][1]], "b_text": b[sb[j][0] : sb[j][1]],
                    "similarity": round(float(sim[i, j]), 4), "overlap": round(float(lex[i, j]), 4)})
    out.sort(key=lambda d: -d["similarity"])
    return out[:max_pairs]


def context_sentence(meta: Mapping[str, Any], quote: str, max_chars: int = 80) -> str:
    """A one-line Chinese statement of what an earlier document already said.

    >>> context_sentence({"doc_type": "gov_report", "year": 2023, "region": "江苏省"}, "加快建设农村寄递物流体系。")
    '2023年江苏省政府工作报告已提出：“加快建设农村寄递物流体系。”'
    >>> context_sentence({"doc_type": "proposal", "year": 2019, "author": "张三", "title": "关于发展托育服务的提案"}, "建议设立托育补贴")
    '2019年张三的提案《关于发展托育服务的提案》已提出：“建议设立托育补贴”'
    """
    q = quote.strip()
    if len(q) > max_chars:
        q = q[:max_chars] + "……"
    dt = str(meta.get("doc_type") or "other")
    dt = getattr(meta.get("doc_type"), "value", dt)
    year = f"{meta['year']}年" if meta.get("year") else ""
    region = meta.get("region") or ""
    author = meta.get("author") or ""
    title = f"《{meta['title']}》" if meta.get("title") else ""
    name = DOC_TYPE_ZH.get(dt, "文件")
    if dt in ("gov_report", "party_doc"):
        return f"{year}{region}{name}已提出：“{q}”"
    if dt == "reply":
        who = author or "承办单位"
        return f"{year}{who}的{name}{title}已明确：“{q}”"
    who = f"{author}的" if author else ""
    return f"{year}{who}{name}{title}已提出：“{q}”"


def explain_pair(a: str, b: str, *, features: np.ndarray | None = None, scorer: Any = None,
                 score: float | None = None, a_meta: Mapping[str, Any] | None = None,
                 b_meta: Mapping[str, Any] | None = None, min_span: int = 8) -> dict[str, Any]:
    """Everything a reader needs to check one pair: spans, aligned sentences, breakdown, context.

    ``context`` is given when the two items are of different types (a draft/proposal vs. a
    government report passage or a reply) — then it quotes the best-aligned sentence of ``b``.
    """
    a_meta, b_meta = a_meta or {}, b_meta or {}
    spans = shared_spans(a, b, min_len=min_span)
    sents = aligned_sentences(a, b)
    out: dict[str, Any] = {"spans": spans, "sentences": sents,
                           "shared_chars": int(sum(s["length"] for s in spans))}
    if features is not None and scorer is not None:
        out["breakdown"] = scorer.breakdown(features)
        out["intercept"] = round(float(scorer.intercept_), 4)
    if score is not None:
        out["score"] = round(float(score), 4)
    ta = getattr(a_meta.get("doc_type"), "value", a_meta.get("doc_type"))
    tb = getattr(b_meta.get("doc_type"), "value", b_meta.get("doc_type"))
    if tb and ta != tb:
        quote = sents[0]["b_text"] if sents else (spans[0]["text"] if spans else b[:80])
        out["context"] = context_sentence(b_meta, quote)
    return out
