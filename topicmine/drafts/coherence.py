"""One matter by meaning: two proposals of one field merged part by part, read with sentence vectors.

The lexical one-matter rules (:mod:`topicmine.drafts.matters`, :mod:`topicmine.drafts.halves`) weigh the words two
stretches share. Two proposals of the same field merged under one set of parts share the field's words and often the
title's, so they passed: a blind reader joined "关于推进江苏高校内涵发展的几点建议" with "在“一带一路”建设中促进华文文化
推广的建议" (both 教育) — 调研情况: the universities' situation, then 华文教育's; 问题分析: both problems; 具体建议:
"一是……高校内涵建设" … then "……华文学校……海外华文教师" — and "全文围绕同一事项" came back, with "高校", "教育",
"发展" said on both sides.

Here each labelled part is cut once into a first and a second stretch (all parts at once, the cut that makes the
stretches' sentences closest within and furthest across, by the multilingual-e5-small vectors the drafting stage already
has), and a draft whose words already leave doubt (:data:`WORDS_DOUBT`) is two matters when both hold:

1. **the stretches differ in meaning**: the mean cosine within the two sides exceeds the mean across them by at least
   :data:`MIN_CONTRAST` (single filed proposals: median 0.012; merged same-field pairs: median 0.032);
2. **the title stops being what the measures are about**: in the 建议 part, the measures after some point are, on
   average, at least :data:`MIN_TITLE_DROP` further from the title than those before it (the second proposal's
   measures answer another title).

Neither alone separates singles from merged pairs (a single's situation and measures differ in meaning too, and a
single's last measures — 保障, 宣传 — drift from its title); on rows 0–143 of jszx2019_dev no single filed proposal
meets both. The verdict names the second stretch of every part, like the lexical messages do.

The vectors come from the caller (``embed``: texts → L2-normalised rows): ``check-draft`` passes the draft's
:class:`~topicmine.pipeline.sentence_vectors.SentenceVectors` (a folder's sentences embedded in one model call) and
``split`` the report's (its sentences embedded once); without vectors nothing is decided here.

    >>> import numpy as np
    >>> def embed(texts):  # a stand-in for the model: "高校" sentences one way, "华文" sentences another
    ...     v = np.array([[1.0, 0.3] if "华文" not in t else [0.3, 1.0] for t in texts])
    ...     return v / np.linalg.norm(v, axis=1, keepdims=True)
    >>> body = ("调研情况：高校扩招。高校经费增长。华文学校增多。华文教师短缺。\\n"
    ...         "具体建议：一是加强高校学科建设。二是提高高校经费。三是推进高校评价改革。"
    ...         "四是支持华文学校。五是培训华文教师。六是编写华文教材。")
    >>> r = meaning_sides(body, [(5, 39), (45, len(body))], "关于推进高校内涵发展的建议", embed)
    >>> [body[a:b] for a, b in r.second][-1]
    '四是支持华文学校。五是培训华文教师。六是编写华文教材。'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from topicmine.drafts.matters import MatterSide, OneMatterResult
from topicmine.drafts.units import sentence_spans
from topicmine.text.lexicon import Lexicon

__all__ = ["MIN_CONTRAST", "MIN_TITLE_DROP", "WORDS_DOUBT", "Embed", "MeaningSides", "meaning_result", "meaning_sides"]

Embed = Callable[[list[str]], np.ndarray]

#: the within-minus-across mean cosine of the best part-by-part cut, above which the two stretches differ in meaning
#: (rows 0–143 of jszx2019_dev: single proposals median 0.012, top 0.024; same-field merged pairs median 0.032)
MIN_CONTRAST = 0.015
#: how much further from the title the later measures are than the earlier ones (mean cosine); among the singles of
#: rows 0–143 that pass MIN_CONTRAST the largest drop is 0.054 — the title still names their later measures
MIN_TITLE_DROP = 0.055
#: the lexical check's lowest cross/within word ratio (:class:`~topicmine.drafts.matters.OneMatterResult` ``ratio``)
#: under which the words already leave doubt: the lowest tenth of single proposals on rows 0–143 (12 of 143). Meaning
#: alone does not separate: single 56 (物联网防电气火灾, ratio 0.685) parts in meaning (0.025) and leaves its title
#: (0.076) more than the blind reader's pair (0.025, 0.062), whose words do part (0.281)
WORDS_DOUBT = 0.40
#: sentences each stretch of the 建议 part needs: a drop over one or two measures is a last 保障 item, not a matter
MIN_MEASURES = 3


@dataclass
class MeaningSides:
    """Two matters by meaning: the first and the second stretch of each part (spans into the body), how far the
    stretches' meanings part (``contrast``) and how far the later measures drift from the title (``title_drop``)."""

    first: list[tuple[int, int]]
    second: list[tuple[int, int]]
    contrast: float
    title_drop: float


def _contrast(sim: np.ndarray, second: np.ndarray) -> float:
    """Mean cosine within the two sides minus the mean across them (−1 when a side has under two sentences)."""
    a, b = ~second, second
    if a.sum() < 2 or b.sum() < 2:
        return -1.0

    def within(m: np.ndarray) -> float:
        n = m.shape[0]
        return float((m.sum() - np.trace(m)) / (n * (n - 1)))

    return (within(sim[np.ix_(a, a)]) + within(sim[np.ix_(b, b)])) / 2 - float(sim[np.ix_(a, b)].mean())


def _best_cut(sizes: list[int], sim: np.ndarray) -> tuple[float, list[int]]:
    """The cut of each part (sentences before it: the first side) maximising :func:`_contrast`, by coordinate ascent
    from the middles (three rounds: the parts' cuts settle after two on real drafts)."""
    offs = np.cumsum([0] + sizes)

    def labels(cuts: list[int]) -> np.ndarray:
        lab = np.zeros(int(offs[-1]), dtype=bool)
        for o, n, c in zip(offs, sizes, cuts):
            lab[o + c:o + n] = True
        return lab

    cuts = [max(1, n // 2) for n in sizes]
    cur = _contrast(sim, labels(cuts))
    for _ in range(3):
        for k, n in enumerate(sizes):
            for c in range(1, n):
                trial = cuts[:k] + [c] + cuts[k + 1:]
                v = _contrast(sim, labels(trial))
                if v > cur:
                    cur, cuts = v, trial
    return cur, cuts


def meaning_sides(body: str, parts: list[tuple[int, int]], title: str, embed: Embed) -> MeaningSides | None:
    """Two matters of one field merged part by part (see the module), or None for one matter.

    ``parts``: the spans of the body's labelled parts, in order, the 建议 part last; ``embed``: texts → unit rows.
    """
    if not title.strip() or len(parts) < 2:
        return None
    spans = [[(a, b) for a, b in sentence_spans(body, x, y) if body[a:b].strip()] for x, y in parts]
    if len(spans[-1]) < 2 * MIN_MEASURES:
        return None  # without a 建议 part (the last labelled part) of six sentences there are no two lists to read
    # a part of one sentence cannot be cut; it belongs to neither stretch (a one-line 问题分析 of a short draft)
    spans = [s for s in spans if len(s) >= 2]
    if len(spans) < 2:
        return None
    flat = [sp for s in spans for sp in s]
    vec = np.asarray(embed([body[a:b] for a, b in flat] + [title]), dtype=np.float32)
    sv, tv = vec[:-1], vec[-1]
    if not np.isfinite(sv).all() or float(np.linalg.norm(tv)) == 0.0:
        return None
    contrast, cuts = _best_cut([len(s) for s in spans], sv @ sv.T)
    if contrast < MIN_CONTRAST:
        return None
    # the measures' nearness to the title, before and after each point of the 建议 part (each stretch ≥ 3 measures)
    near = vec[len(flat) - len(spans[-1]):-1] @ tv
    drop, at = max((float(near[:c].mean() - near[c:].mean()), c)
                   for c in range(MIN_MEASURES, len(near) - MIN_MEASURES + 1))
    if drop < MIN_TITLE_DROP:
        return None
    # the second stretch of each part: from the meaning cut, and in the 建议 part from where the title stops
    cuts[-1] = at
    first = [(s[0][0], s[c - 1][1]) for s, c in zip(spans, cuts)]
    second = [(s[c][0], s[-1][1]) for s, c in zip(spans, cuts)]
    return MeaningSides(first, second, round(contrast, 4), round(drop, 4))


def meaning_result(body: str, parts: list[tuple[int, int]] | None, title: str, embed: Embed,
                   lex: Lexicon, words_ratio: float) -> OneMatterResult | None:
    """:func:`meaning_sides` as the one-matter check's result ("meaning": the first stretches, then the second ones,
    each named by its key words so the drafter reads which two matters were found); None for one matter or
    without part labels (a contiguous cut of an unlabelled body is too noisy: single proposals reach 0.04).
    ``words_ratio``: the lexical check's lowest cross/within ratio; at :data:`WORDS_DOUBT` or above the words tie the
    draft and meaning is not asked (the vectors never overrule words that clearly hold one matter)."""
    if not parts or words_ratio >= WORDS_DOUBT:
        return None
    found = meaning_sides(body, parts, title, embed)
    if found is None:
        return None
    # each stretch named by its own frequent words: the field's words both say ("高校", "教育") name neither
    keys = [lex.key_terms(" ".join(body[a:b] for a, b in spans), 8) for spans in (found.first, found.second)]
    sides = []
    for spans, own, other in zip((found.first, found.second), keys, keys[::-1]):
        share = sum(b - a for a, b in spans) / max(1, len(body))
        sides.append(MatterSide(spans, ([w for w in own if w not in other] or own)[:3], round(share, 3)))
    return OneMatterResult(False, found.contrast, "meaning", sides)
