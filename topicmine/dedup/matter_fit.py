"""Fitting the matter decision on labelled pairs, and its stratified cross-validation.

A model entry (what ``calibration/matter.json`` stores per mode) is a logistic regression over the
standardised :data:`~topicmine.dedup.matter.MATTER_FEATURES` plus three cut-offs, each chosen on the
*training* pairs only:

- ``thresholds["相近"]`` — P(same matter) cut maximising F1 of {重复, 相近};
- ``thresholds["相关"]`` — cut maximising Youden's J of {重复, 相近, 相关} against 无关;
- ``duplicate["cover_min"]`` — among pairs at 相近 or above whose asks' content coincides (at least
  half of the narrower side's asks aligned at or above ``duplicate["same_level"]``), the mutual ask
  coverage that best separates 重复 (the asks coincide both ways) from 相近;
- ``duplicate["same_level"]`` — the ask background's ceiling: the highest aligned-ask similarity of any
  training pair labelled 相关/无关 (asks of two different matters), unless fixed by the caller (the
  semantic mode passes its ``ask_threshold``: its ask similarity is already rescaled so the background is 0).

:func:`cross_validate` repeats stratified k-fold (each fold scored by a model fitted on the others) and
reports every fold's figures and their spread; the single-feature rule ``cover_max ≥ t`` is scored in
the same folds, so the combiner is shipped only if it beats the rule there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from topicmine.dedup.matter import MATTER_FEATURES, MatterModel
from topicmine.dedup.proposal_eval import POSITIVE, level_metrics, mean_spread


def _best_cut(scores: np.ndarray, y: np.ndarray) -> float:
    """Threshold maximising F1 of ``scores >= t`` for boolean ``y`` (midpoint between neighbours)."""
    s = np.asarray(scores, dtype=float)
    order = np.unique(s)
    best_f, best_t = -1.0, float(order[0]) if len(order) else 0.5
    for k, t in enumerate(order):
        pred = s >= t
        tp = int((pred & y).sum())
        fp = int((pred & ~y).sum())
        fn = int((~pred & y).sum())
        f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f > best_f:
            lo = order[k - 1] if k else t
            best_f, best_t = f, float((lo + t) / 2) if k else float(t)
    return best_t


def _youden_cut(scores: np.ndarray, y: np.ndarray) -> float:
    """Threshold maximising sensitivity + specificity − 1 of ``scores >= t``."""
    s = np.asarray(scores, dtype=float)
    best_j, best_t = -2.0, 0.5
    for t in np.unique(s):
        pred = s >= t
        j = (pred & y).sum() / max(1, y.sum()) + (~pred & ~y).sum() / max(1, (~y).sum()) - 1
        if j > best_j:
            best_j, best_t = j, float(t)
    return best_t


#: the share of the narrower side's asks that must be aligned above the ask background for 重复
SAME_SHARE = 0.5


def aligned_column(aligned: Sequence[Sequence[float]]) -> np.ndarray:
    """An object column (one list of aligned-ask similarities per pair) that survives fancy indexing."""
    col = np.empty(len(aligned), dtype=object)
    for n, v in enumerate(aligned):
        col[n] = [float(x) for x in v]
    return col


def background_ceiling(aligned: Sequence[Sequence[float]], gold: Sequence[str]) -> float:
    """The highest aligned-ask similarity between two proposals labelled as different matters (相关/无关).

    >>> background_ceiling([[0.9, 0.2], [0.3, 0.1], [0.25]], ["重复", "相关", "无关"])
    0.3
    """
    vals = [float(x) for v, g in zip(aligned, gold) if g not in POSITIVE for x in v]
    return round(max(vals), 6) if vals else 1.0


def share_at(aligned: Sequence[Sequence[float]], level: float) -> np.ndarray:
    """Per pair: the share of its aligned asks (= the narrower side's asks) at or above ``level``."""
    return np.array([sum(1 for x in v if x >= level) / len(v) if len(v) else 0.0 for v in aligned])


def fit_entry(F: np.ndarray, gold: Sequence[str], feature_names: Sequence[str] = MATTER_FEATURES,
              extra: dict[str, np.ndarray] | None = None, C: float = 1.0,
              same_level: float | None = None) -> dict[str, Any]:
    """One calibration entry fitted on ``F`` (rows = pairs, columns = ``feature_names``).

    ``extra`` carries the non-model columns the level rules use (``cover_min``, ``jac3``, and
    ``aligned``: each pair's aligned-ask similarities, :func:`aligned_column`) when they are not model
    features. ``same_level`` fixes the same-ask level; None takes :func:`background_ceiling` of the
    training pairs.
    """
    from sklearn.linear_model import LogisticRegression

    F = np.asarray(F, dtype=float)
    g = np.asarray(gold)
    y = np.isin(g, list(POSITIVE))
    mean, scale = F.mean(axis=0), np.maximum(F.std(axis=0), 1e-3)  # a constant column must not divide by 0
    lr = LogisticRegression(C=C, max_iter=2000).fit((F - mean) / scale, y)
    p = lr.predict_proba((F - mean) / scale)[:, 1]
    t_near = _best_cut(p, y)
    # 相关 vs 无关: Youden's J (balanced), not F1 — 相关-or-closer is two thirds of the labelled pairs, so an
    # F1 cut would call nearly every candidate 相关
    t_rel = _youden_cut(p, g != "无关")
    t_rel = min(t_rel, t_near)
    cols = {n: F[:, k] for k, n in enumerate(feature_names)} | (extra or {})
    if "aligned" in cols:
        lvl = background_ceiling(cols["aligned"], g) if same_level is None else float(same_level)
        content = share_at(cols["aligned"], lvl) >= SAME_SHARE
    else:  # no alignment given: no content requirement (older callers)
        lvl, content = None, np.ones(len(g), dtype=bool)
    pos = p >= t_near
    # coverage is fitted only among pairs whose asks' content coincides: the rule is their conjunction
    cover_min = np.where(content, cols["cover_min"], -1.0)[pos]
    t_dup = _best_cut(cover_min, g[pos] == "重复") if pos.any() and (g[pos] == "重复").any() else 2.0
    dup = {"cover_min": round(t_dup, 6), "jac3": 0.3}
    if lvl is not None:
        dup |= {"same_level": round(lvl, 6), "same_share": SAME_SHARE}
    return {"features": list(feature_names), "mean": mean.round(6).tolist(), "scale": scale.round(6).tolist(),
            "coef": lr.coef_[0].round(6).tolist(), "intercept": round(float(lr.intercept_[0]), 6),
            "thresholds": {"相近": round(t_near, 6), "相关": round(t_rel, 6)},
            "duplicate": dup, "C": C, "n_train": len(y)}


def predict(entry: dict[str, Any], F: np.ndarray, extra: dict[str, np.ndarray] | None = None,
            mode: str = "semantic") -> list[str | None]:
    """Levels for the rows of ``F`` under a fitted entry (the shipped :class:`MatterModel` code path)."""
    m = MatterModel.from_dict(mode, entry)
    out = []
    names = list(entry["features"])
    for r in range(len(F)):
        f = {n: float(F[r, k]) for k, n in enumerate(names)}
        for n, col in (extra or {}).items():
            if n != "aligned":
                f.setdefault(n, float(col[r]))
        if extra and "aligned" in extra and "same_level" in m.duplicate:
            f["same_share"] = float(share_at([extra["aligned"][r]], m.duplicate["same_level"])[0])
        out.append(m.level(m.probability(f), f))
    return out


def _folds(gold: Sequence[str], k: int, seed: int) -> list[np.ndarray]:
    from sklearn.model_selection import StratifiedKFold

    g = np.asarray(gold)
    skf = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    return [test for _, test in skf.split(np.zeros(len(g)), g)]


def cross_validate(F: np.ndarray, gold: Sequence[str], feature_names: Sequence[str] = MATTER_FEATURES,
                   extra: dict[str, np.ndarray] | None = None, *, k: int = 5, repeats: int = 5, seed: int = 0,
                   mode: str = "semantic", rule_feature: str = "cover_max", C: float = 1.0,
                   same_level: float | None = None) -> dict[str, Any]:
    """Repeated stratified k-fold figures of the combiner and of the one-feature rule, with spread.

    Both are fitted by :func:`fit_entry` on the training folds (the rule = the same logistic on the one
    ``rule_feature`` column, i.e. a cut on it) and scored by :func:`predict`, the shipped code path, so
    the 重复 rule is cross-validated too: ``level_exact`` is the share of the found positives whose level
    (重复 vs 相近) is the labelled one.

    Returns ``{"combiner": {...}, "rule": {...}, "folds": [...], "pooled": {...}}`` where each block holds
    the mean / std / min / max over folds of precision, recall, F1 of {重复, 相近} and ``level_exact``,
    and ``pooled`` the figures over all out-of-fold predictions of the first repeat (one per pair).
    """
    F = np.asarray(F, dtype=float)
    g = np.asarray(gold)
    extra = extra or {}
    names = list(feature_names)
    rule_col = F[:, names.index(rule_feature)] if rule_feature in names else np.asarray(extra[rule_feature], float)
    folds: list[dict[str, Any]] = []
    pooled: list[str | None] = [None] * len(g)
    pooled_rule: list[str | None] = [None] * len(g)
    keys = ("precision", "recall", "f1", "level_exact")
    for r in range(repeats):
        for f_no, test in enumerate(_folds(g, k, seed + r)):
            train = np.setdiff1d(np.arange(len(g)), test)
            ex_tr = {n: c[train] for n, c in extra.items()}
            ex_te = {n: c[test] for n, c in extra.items()}
            entry = fit_entry(F[train], g[train], names, ex_tr, C=C, same_level=same_level)
            pred = predict(entry, F[test], ex_te, mode)
            r_entry = fit_entry(rule_col[train, None], g[train], [rule_feature], ex_tr, C=C, same_level=same_level)
            pred_rule = predict(r_entry, rule_col[test, None], ex_te, mode)
            mc = _with_exact(level_metrics(list(g[test]), pred))
            mr = _with_exact(level_metrics(list(g[test]), pred_rule))
            folds.append({"repeat": r, "fold": f_no, "combiner": {x: mc[x] for x in keys},
                          "rule": {x: mr[x] for x in keys}, "n": len(test)})
            if r == 0:
                for n_, t in enumerate(test):
                    pooled[int(t)] = pred[n_]
                    pooled_rule[int(t)] = pred_rule[n_]

    def spread(key: str) -> dict[str, Any]:
        return {x: mean_spread([f[key][x] for f in folds]) for x in keys}

    pm = level_metrics(list(g), pooled)
    pr = level_metrics(list(g), pooled_rule)
    return {"k": k, "repeats": repeats, "seed": seed, "combiner": spread("combiner"), "rule": spread("rule"),
            "rule_feature": rule_feature, "folds": folds,
            "pooled": {"combiner": {x: pm[x] for x in ("precision", "recall", "f1", "confusion")},
                       "rule": {x: pr[x] for x in ("precision", "recall", "f1", "confusion")}},
            "pooled_levels": pooled, "pooled_rule_levels": pooled_rule}


def _with_exact(m: dict[str, Any]) -> dict[str, Any]:
    """``level_exact``: of the labelled positives found, the share given their own level (重复 / 相近)."""
    return m | {"level_exact": round(m["positive_level_exact"] / m["tp"], 4) if m["tp"] else 0.0}
