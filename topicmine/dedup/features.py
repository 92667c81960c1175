"""Pair features for the duplicate decision: semantic, lexical and structural.

Each feature is a number in [0, 1] (``loglen`` aside) with a meaning an office worker can read in
the score breakdown:

========== ==============================================================================
cos        cosine of the two embedding vectors (model-specific scale: e5 bunches in 0.8–0.97)
jac3       Jaccard of character 3-gram sets (normalised text: no punctuation / whitespace)
cont3      3-gram containment |A∩B| / min(|A|,|B|) — a short text copied into a long one
jac1       Jaccard of character sets — paraphrases keep the content characters
lcs        longest common character run / shorter length (copied sentences)
len_ratio  shorter length / longer length
sugg       char-2-gram Jaccard of the suggestion parts (具体建议/对策…, else the last third)
bg         char-2-gram Jaccard of the background parts (调研情况/问题分析…, else the first two thirds)
loglen     log10 of the shorter normalised length — lets one model serve questions and proposals
neg        1 when the two texts differ in negation (odd vs even count of 不/没/未/别/勿/莫/无法/无需/非,
           words such as 非常、无锡、未来、不仅、是不是 not counted): "花呗能分期吗" vs "花呗不能分期吗"
short      1 when the longer text has fewer than 64 normalised characters (a question or a title: the
           regime in which one negation word flips the meaning)
========== ==============================================================================

The shipped decision uses ``cos`` and ``neg*short`` (see scorer.py and BENCHMARKS.md for why the lexical
overlap features are not in it: their lesson, given the cosine, differs in sign between the dev sets);
the other features serve the lexical fallback model, the structure rule (``sugg``/``bg``), the document
rules and the explanations.

>>> f = pair_features(["关于加强农村养老服务的提案"], ["关于加快农村养老服务体系建设的提案"])
>>> round(float(f[0, FEATURES.index("jac1")]), 2)
0.67
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

import numpy as np

from topicmine.dedup.explain import longest_run_size
from topicmine.dedup.text import containment, jaccard, ngram_set, normalize, split_parts
from topicmine.progress import progress

FEATURES: tuple[str, ...] = ("cos", "jac3", "cont3", "jac1", "lcs", "len_ratio", "sugg", "bg", "loglen", "neg",
                              "short")
#: normalised length below which a pair is "short" (questions, titles); = PairScorer.SHORT_MAX
SHORT_MAX = 64
FEATURE_LABELS_ZH: dict[str, str] = {
    "cos": "语义相似度",
    "jac3": "三字片段重合(Jaccard)",
    "cont3": "三字片段包含度",
    "jac1": "用字重合",
    "lcs": "最长相同字串占比",
    "len_ratio": "长度比",
    "sugg": "建议部分相似度",
    "bg": "情况/问题部分相似度",
    "loglen": "文本长度(对数)",
    "neg": "否定词不一致",
    "short": "短文本(问句/标题)",
}

# negation words; the patterns in _NOT_NEGATION are removed first (they contain a negation character
# without negating: 非常 "very", 无锡, 未来, 不仅, A-not-A questions such as 是不是 / 有没有, …)
_NEGATION = re.compile(r"无法|无需|不|没|未|别|勿|莫|非")
_NOT_NEGATION = re.compile(
    r"非常|无锡|别人|别的|特别|区别|分别|类别|级别|个别|识别|别墅|告别|未来|不仅|不但|不管|不论|不断|不少|不久|不过|"
    r"不错|并非|无论|无数|毫无|不得不|差不多|要不要|是不是|能不能|会不会|有没有|可不可以|行不行|对不对|好不好|用不用")


def negation_count(text: str) -> int:
    """Number of negation words in ``text`` (non-negating words such as 非常 / 是不是 excluded).

    >>> negation_count("花呗不能分期吗"), negation_count("花呗能不能分期"), negation_count("非常好，没问题")
    (1, 0, 1)
    """
    return len(_NEGATION.findall(_NOT_NEGATION.sub("", text)))


def negation_mismatch(a: str, b: str) -> float:
    """1.0 when one text is negated and the other is not (odd/even negation counts differ), else 0.0.

    >>> negation_mismatch("借呗可以提前还款吗", "借呗不可以提前还款吗"), negation_mismatch("不想还", "没法不还吗")
    (1.0, 1.0)
    """
    return float(negation_count(a) % 2 != negation_count(b) % 2)


def longest_common_run(a: str, b: str) -> tuple[int, int, int]:
    """(start in a, start in b, length) of the longest common substring.

    >>> longest_common_run("推进乡村振兴战略", "全面实施乡村振兴")
    (2, 4, 4)
    """
    if not a or not b:
        return 0, 0, 0
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.a, m.b, m.size


#: texts up to this length keep what :func:`_text_features` needs of them (64 texts: a few tens of MB at most)
SIDE_CACHE_MAX_CHARS = 5_000


def _side(t: str) -> tuple[str, frozenset, frozenset, frozenset, frozenset, int]:
    """What :func:`_text_features` needs of one text, computed once per text: a check compares the draft with
    every candidate, and a split's drafts meet the same past items again (52 distinct past texts in 916 pairs of
    the sample splits and checks)."""
    return _side_kept(t) if len(t) <= SIDE_CACHE_MAX_CHARS else _side_kept.__wrapped__(t)


@lru_cache(maxsize=64)
def _side_kept(t: str) -> tuple[str, frozenset, frozenset, frozenset, frozenset, int]:
    n = normalize(t)
    p = split_parts(t)
    s = normalize(t[p.suggestion[0] : p.suggestion[1]])
    bg = normalize(t[p.background[0] : p.background[1]])
    return n, ngram_set(n, 3), frozenset(n), ngram_set(s, 2), ngram_set(bg, 2), negation_count(t) % 2


def _text_features(a: str, b: str) -> list[float]:
    na, g3a, ca, sa, ba, nega = _side(a)
    nb, g3b, cb, sb, bb, negb = _side(b)
    la, lb = len(na), len(nb)
    short = max(1, min(la, lb))
    # the size of difflib's longest match of the two normalised texts
    lcs = longest_run_size(na, nb) / short if la and lb else 0.0
    return [
        jaccard(g3a, g3b),
        containment(g3a, g3b),
        jaccard(ca, cb),
        lcs,
        (min(la, lb) / max(la, lb)) if la and lb else 0.0,
        jaccard(sa, sb),
        jaccard(ba, bb),
        math.log10(1 + min(la, lb)),
        float(nega != negb),
        float(max(la, lb) < SHORT_MAX),
    ]


def pair_features(a_texts: Sequence[str], b_texts: Sequence[str], a_vecs: np.ndarray | None = None,
                  b_vecs: np.ndarray | None = None, *, show_progress: bool | None = None) -> np.ndarray:
    """(n, len(FEATURES)) float64 matrix; ``cos`` is NaN when no vectors are given.

    Vectors must be L2-normalised rows (as every topicmine embedder returns).
    """
    if len(a_texts) != len(b_texts):
        raise ValueError(f"a_texts has {len(a_texts)} items but b_texts {len(b_texts)}")
    n = len(a_texts)
    out = np.empty((n, len(FEATURES)), dtype=np.float64)
    if a_vecs is not None and b_vecs is not None:
        av = np.asarray(a_vecs, dtype=np.float32).reshape(n, -1)
        bv = np.asarray(b_vecs, dtype=np.float32).reshape(n, -1)
        out[:, 0] = np.einsum("ij,ij->i", av, bv)
    else:
        out[:, 0] = np.nan
    for i in progress(range(n), desc="pair features", total=n, show=show_progress, unit="pair"):
        out[i, 1:] = _text_features(a_texts[i], b_texts[i])
    return out
