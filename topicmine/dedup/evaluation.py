"""Score labelled pair files with the shipped decision: ``pairs_eval`` behind ``topicmine eval pairs``.

Accepted files: TSV without header ``s1<TAB>s2<TAB>label`` (LCQMC/BQ/ATEC/PAWSX/AFQMC) or JSONL
with ``sentence1``/``sentence2``/``label`` (sohu ``dd-test.jsonl``, label 5 = duplicate).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.errors import InputError


def read_pairs(path: str | Path) -> tuple[list[str], list[str], list[str]]:
    """Read ``(s1, s2, raw_label)`` lists from a TSV or JSONL pair file.

    >>> # 一行 TSV: "政协提案如何立案\\t提案立案的条件是什么\\t1"
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: pair file not found")
    a: list[str] = []
    b: list[str] = []
    lab: list[str] = []
    with p.open(encoding="utf-8-sig") as fh:
        lines = fh.read().splitlines()
    # the format is decided once per file (a TSV sentence may itself start with "{")
    first = next((ln for ln in lines if ln.strip()), "")
    is_jsonl = p.suffix.lower() in (".jsonl", ".json") or _is_json_object(first)
    if True:
        for n, line in enumerate(lines, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                continue
            if is_jsonl:
                try:
                    d = json.loads(line)
                    s1, s2, y = d["sentence1"], d["sentence2"], d["label"]
                except (json.JSONDecodeError, KeyError) as exc:
                    raise InputError(f"{p} line {n}: expected JSON with sentence1/sentence2/label ({exc})") from exc
            else:
                parts = line.split("\t")
                if len(parts) < 3:
                    raise InputError(f"{p} line {n}: expected s1<TAB>s2<TAB>label, got {len(parts)} column(s)")
                s1, s2, y = parts[0], parts[1], parts[-1]
            a.append(str(s1))
            b.append(str(s2))
            lab.append(str(y).strip())
    if not a:
        raise InputError(f"{p}: no pairs found")
    return a, b, lab


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def positive_labels(raw: Sequence[str], positive: str | None = None) -> np.ndarray:
    """Binary labels: ``positive`` given → equal to it; else the highest label value is positive.

    The default fits both binary files (0/1 → 1) and sohu's 0/3/5 grades (5 = duplicate).
    """
    if positive is None:
        try:
            positive = str(max(raw, key=lambda s: float(s)))
            positive = positive if not positive.endswith(".0") else positive[:-2]
        except ValueError:
            raise InputError("labels are not numeric; pass --positive LABEL") from None
    pos = {positive, positive + ".0"} if "." not in positive else {positive}
    return np.array([1 if r in pos else 0 for r in raw], dtype=np.int8)


def binary_metrics(scores: np.ndarray, y: np.ndarray, threshold: float) -> dict[str, Any]:
    """AUC (threshold-free) and precision/recall/F1 of ``scores >= threshold``."""
    from sklearn.metrics import roc_auc_score

    y = np.asarray(y).astype(int)
    pred = np.asarray(scores) >= threshold
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(~pred & (y == 1)))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    auc = float(roc_auc_score(y, scores)) if 0 < y.sum() < len(y) else float("nan")
    return {"auc": round(auc, 4), "f1": round(f1, 4), "precision": round(prec, 4), "recall": round(rec, 4),
            "threshold": round(float(threshold), 4), "n": int(len(y))}


def pairs_eval(scorer: Any, pairs: str | Path | Sequence[tuple[str, str, Any]], *, positive: str | None = None,
               embed: Callable[[list[str]], np.ndarray] | None = None, a_vecs: np.ndarray | None = None,
               b_vecs: np.ndarray | None = None) -> dict[str, Any]:
    """AUC, and F1/precision/recall at the scorer's SHIPPED 重复 threshold (never re-tuned on the file).

    ``pairs``: a TSV/JSONL path (see :func:`read_pairs`) or ``(s1, s2, label)`` tuples. ``embed``
    (texts → unit vectors, the same model the calibration names) supplies vectors when the scorer
    uses them; without it the lexical fallback of the shipped calibration is used.

    >>> from topicmine.dedup.scorer import load_scorer
    >>> sc = load_scorer(model_id="(none)", on_mismatch="lexical")   # doctest: +SKIP
    >>> r = pairs_eval(sc, [("关于加强农村饮用水安全的提案", "关于加强农村饮用水安全保障的提案", 1),
    ...                     ("关于加强农村饮用水安全的提案", "关于发展夜间经济的提案", 0)])   # doctest: +SKIP
    >>> sorted(r)   # doctest: +SKIP
    ['auc', 'f1', 'n', 'precision', 'recall', 'threshold']
    """
    if isinstance(pairs, (str, Path)):
        a, b, raw = read_pairs(pairs)
    else:
        rows = list(pairs)
        a = [str(r[0]) for r in rows]
        b = [str(r[1]) for r in rows]
        raw = [str(r[2]).strip() for r in rows]
    y = positive_labels(raw, positive)
    if getattr(scorer, "uses_vectors", False) and (a_vecs is None or b_vecs is None):
        if embed is None:
            raise InputError("the dedup scorer needs vectors: pass embed=texts→vectors (the calibrated model) "
                             "or a lexical scorer (load_scorer(on_mismatch='lexical', model_id=...))")
        a_vecs, b_vecs = embed(a), embed(b)
    scores = scorer.score_pairs(a, b, a_vecs, b_vecs)
    return binary_metrics(scores, y, scorer.thresholds["重复"])
