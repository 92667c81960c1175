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

from collections.abc import Mapping
from difflib import SequenceMatcher
from itertools import accumulate
from typing import Any, NamedTuple

import numpy as np

from topicmine.dedup.text import jaccard, ngram_set, normalize
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
    blocks = _difflib_blocks(a, b)
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
