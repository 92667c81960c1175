"""Scoring a duplicate decision against labelled proposal pairs (重复 / 相近 / 相关 / 无关).

The office's question is "should these be merged, or shown to a drafter as already raised?", so the
positive class is {重复, 相近} on both sides: precision / recall / F1 of the pairs reported at 重复 or
相近 against the pairs labelled 重复 or 相近; a labelled pair the decision does not report has no level
("-"). The confusion table counts gold level × predicted level.

Baselines score every labelled pair with one number and take the threshold that maximises F1 *on
the labels themselves* (so they are optimistic: the shipped decision gets no such help).

>>> m = level_metrics(["重复", "相近", "相关", "无关"], ["重复", "相关", "相近", None])
>>> (m["tp"], m["fp"], m["fn"], m["precision"], m["recall"])
(1, 1, 1, 0.5, 0.5)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.errors import InputError

GOLD_LEVELS: tuple[str, ...] = ("重复", "相近", "相关", "无关")
POSITIVE: frozenset[str] = frozenset({"重复", "相近"})


def read_labelled_pairs(path: str | Path) -> list[dict[str, Any]]:
    """Rows ``{"a", "b", "label", "sure", "note"}`` of a pairs JSONL (LABELS.md format).

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "p.jsonl")
    >>> _ = open(p, "w", encoding="utf-8").write('{"a": "x", "b": "y", "label": "相近", "sure": true}\\n')
    >>> read_labelled_pairs(p)[0]["label"]
    '相近'
    """
    from topicmine.labelled import read_labelled_jsonl

    out = []
    for n, obj in enumerate(read_labelled_jsonl(path, ("a", "b", "label")), 1):
        if obj["label"] not in GOLD_LEVELS:
            raise InputError(f"{path}, row {n}: label {obj['label']!r} is not one of {'/'.join(GOLD_LEVELS)}")
        out.append({"a": str(obj["a"]), "b": str(obj["b"]), "label": obj["label"],
                    "sure": bool(obj.get("sure", True)), "note": obj.get("note", "")})
    if not out:
        raise InputError(f"{path}: no labelled pairs")
    return out


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def level_metrics(gold: Sequence[str], predicted: Sequence[str | None]) -> dict[str, Any]:
    """Precision / recall / F1 of {重复, 相近} and the confusion table gold → predicted level."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    tp = fp = fn = 0
    confusion: dict[str, dict[str, int]] = {g: {} for g in GOLD_LEVELS}
    for g, p in zip(gold, predicted):
        key = p or "-"
        confusion.setdefault(g, {})[key] = confusion.setdefault(g, {}).get(key, 0) + 1
        gp, pp = g in POSITIVE, p in POSITIVE
        tp += gp and pp
        fp += (not gp) and pp
        fn += gp and not pp
    p, r, f = _prf(tp, fp, fn)
    exact = sum(1 for g, q in zip(gold, predicted) if g in POSITIVE and q == g)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn,
            "n": len(gold), "positives": tp + fn, "positive_level_exact": exact, "confusion": confusion}


def best_threshold(scores: Sequence[float], gold: Sequence[str]) -> dict[str, Any]:
    """The F1-maximising threshold of one score for {重复, 相近} — on the labels themselves (optimistic).

    >>> best_threshold([0.9, 0.8, 0.2, 0.1], ["重复", "相近", "相关", "无关"])["f1"]
    1.0
    """
    s = np.asarray(scores, dtype=float)
    y = np.array([g in POSITIVE for g in gold])
    best = {"threshold": None, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    for t in np.unique(s[~np.isnan(s)]):
        pred = s >= t
        tp = int((pred & y).sum())
        p, r, f = _prf(tp, int((pred & ~y).sum()), int((~pred & y).sum()))
        if f > best["f1"]:
            best = {"threshold": round(float(t), 4), "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
    best["auc"] = _auc(s, y)
    return best


def _auc(s: np.ndarray, y: np.ndarray) -> float | None:
    pos, neg = s[y], s[~y]
    if not len(pos) or not len(neg):
        return None
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    ranks = np.empty(len(order))
    allv = np.concatenate([pos, neg])[order]
    # average ranks for ties
    i = 0
    while i < len(allv):
        j = i
        while j + 1 < len(allv) and allv[j + 1] == allv[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    u = ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2
    return round(float(u / (len(pos) * len(neg))), 4)


def char_jaccard(a: str, b: str, n: int = 3) -> float:
    """Character n-gram Jaccard of the normalised texts (the MinHash estimate's exact value)."""
    from topicmine.dedup.text import jaccard, ngram_set, normalize

    return jaccard(ngram_set(normalize(a), n), ngram_set(normalize(b), n))


def tfidf_cosines(texts: Sequence[str], pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """TF-IDF cosine (sublinear tf, char 2-grams, idf over ``texts``) of each ``(i, j)`` pair.

    >>> float(tfidf_cosines(["农村互助养老", "农村互助养老服务", "夜间经济"], [(0, 1)])[0]) > 0.5
    True
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    from topicmine.dedup.text import normalize

    vec = TfidfVectorizer(analyzer="char", ngram_range=(2, 2), sublinear_tf=True, min_df=1)
    X = vec.fit_transform([normalize(t) for t in texts])
    ii = np.array([p[0] for p in pairs], dtype=int)
    jj = np.array([p[1] for p in pairs], dtype=int)
    return np.asarray(X[ii].multiply(X[jj]).sum(axis=1)).ravel()


def mean_spread(values: Sequence[float]) -> dict[str, float]:
    """Mean, standard deviation, min and max of per-fold figures."""
    v = [x for x in values if x is not None and not math.isnan(x)]
    if not v:
        return {"mean": float("nan"), "std": float("nan"), "min": float("nan"), "max": float("nan")}
    a = np.asarray(v, dtype=float)
    return {"mean": round(float(a.mean()), 4), "std": round(float(a.std()), 4), "min": round(float(a.min()), 4),
            "max": round(float(a.max()), 4)}
